// Cluster charts: each element with data-chart holds its data as JSON, written by the server
// (no inline script: the Content-Security-Policy forbids it). The tables beside the charts
// carry the same figures.
(function () {
  'use strict';

  function lineOption(data) {
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', name: 'k', data: data.labels },
      yAxis: { type: 'value', scale: true },
      series: [{
        name: data.name, type: 'line', data: data.data, smooth: false,
        markPoint: data.mark ? {
          symbolSize: 36,
          data: data.labels.map(function (label, i) { return label === data.mark ? { coord: [i, data.data[i]], value: 'k=' + label } : null; })
            .filter(function (p) { return p !== null; })
        } : undefined
      }]
    };
  }

  function profileOption(data) {
    // horizontal grouped bars: one row per feature, one bar per cluster, in standard
    // deviations from the average customer
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: data.labels, axisLabel: { width: 150, overflow: 'truncate' } },
      series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
    };
  }

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var chart = window.echarts.init(element);
    chart.setOption(data.type === 'profile' ? profileOption(data) : lineOption(data));
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function start() {
    if (!window.echarts) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
