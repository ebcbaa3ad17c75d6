// Segment page: the size-over-time chart, drawn from the data-chart attribute the server
// writes (no inline script: the Content-Security-Policy forbids it). The table and the CSV
// download beside it carry the same figures.
(function () {
  'use strict';

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var chart = window.echarts.init(element);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels, boundaryGap: data.labels.length < 2 },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: data.name, type: 'line', data: data.values, showSymbol: data.values.length < 60, areaStyle: { opacity: 0.15 } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function start() {
    if (!window.echarts) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('.segment-chart[data-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
