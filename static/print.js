// Print buttons on the A4 documents (treatment plan, ИДС). No inline handlers (CSP).
;(function () {
  'use strict'
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () {
        window.print()
      })
    })
  })
})()
