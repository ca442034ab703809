// Draws the analytics charts with the vendored Chart.js (static/vendor/chart.umd.min.js).
// Loaded only by the analytics pages. The numbers come from each canvas's data-chart
// attribute (CSP: no inline script); the table beside every chart holds the same numbers and
// is what screen readers and printouts use, so a failure here loses only the picture.
;(function () {
  'use strict'
  var PALETTE = ['#1f6f8b', '#e07a1f', '#5b8c3a', '#8a4f9e', '#b23a48', '#6b7280']

  function draw(canvas) {
    var spec
    try {
      spec = JSON.parse(canvas.getAttribute('data-chart') || '')
    } catch {
      return
    }
    var doughnut = spec.type === 'doughnut'
    var datasets = spec.datasets.map(function (d, i) {
      return {
        label: d.label,
        data: d.data,
        backgroundColor: doughnut ? PALETTE : PALETTE[i % PALETTE.length],
        borderColor: doughnut ? '#ffffff' : PALETTE[i % PALETTE.length],
        borderWidth: spec.type === 'line' ? 2 : 1,
        fill: false,
        tension: 0.2,
      }
    })
    var scales = doughnut
      ? {}
      : {
          x: { stacked: spec.stacked, beginAtZero: true },
          y: { stacked: spec.stacked, beginAtZero: true },
        }
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: doughnut ? 1.6 : 2,
        animation: false,
        locale: document.documentElement.lang || 'ru',
        scales: scales,
        plugins: { legend: { display: datasets.length > 1 || doughnut } },
      },
    })
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Chart) return
    var canvases = document.querySelectorAll('canvas[data-chart]')
    for (var i = 0; i < canvases.length; i++) draw(canvases[i])
  })
})()
