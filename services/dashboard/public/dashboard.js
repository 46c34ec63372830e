// Draws every chart a page carries: an element `.chart[data-chart=ID]` and beside it a hidden element
// `<div id="ID" data-json="...">` with the ECharts option, built on the server. Runs on load and
// after each htmx swap, so fragments bring their charts too.
(function () {
  function drawCharts(root) {
    root.querySelectorAll('.chart[data-chart]').forEach(function (element) {
      if (element.dataset.drawn) return;
      var source = document.getElementById(element.dataset.chart);
      if (!source || !window.echarts) return;
      var chart = window.echarts.init(element, null, { renderer: 'canvas' });
      chart.setOption(JSON.parse(source.getAttribute('data-json')));
      element.dataset.drawn = 'yes';
      window.addEventListener('resize', function () {
        chart.resize();
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    drawCharts(event.target);
  });
})();
