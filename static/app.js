// Enamel's only hand-written script. No inline handlers anywhere (CSP): behaviour hangs off
// data- attributes here. Everything works without it; it only makes the screens kinder.
;(function () {
  'use strict'
  // Focus the first field with an error after a form re-renders (422), for keyboard users.
  function focusFirstError(root) {
    var field = root.querySelector('[aria-invalid="true"]')
    if (field) field.focus()
  }
  document.addEventListener('DOMContentLoaded', function () {
    focusFirstError(document)
  })
  document.addEventListener('htmx:afterSwap', function (event) {
    focusFirstError(event.target)
  })
})()
