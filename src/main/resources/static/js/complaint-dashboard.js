// Complaints dashboard charts: each element with data-chart holds its data as JSON written by the
// server (no inline script: the Content-Security-Policy forbids it). A table beside every chart
// carries the same figures.
(function () {
  'use strict';

  function comboOption(data, percentAxis) {
    var twoAxes = data.series.some(function (s) { return s.axis === 1; });
    var yAxis = [{ type: 'value', minInterval: 1 }];
    if (twoAxes) {
      yAxis.push(percentAxis
        ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }
        : { type: 'value', splitLine: { show: false } });
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: yAxis,
      series: data.series.map(function (s) {
        return { name: s.name, type: s.type, yAxisIndex: twoAxes ? s.axis : 0, data: s.data, connectNulls: true };
      })
    };
  }

  function barsOption(data) {
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: data.labels.slice().reverse(), axisLabel: { width: 120, overflow: 'truncate' } },
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.data.slice().reverse() };
      })
    };
  }

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    if (!data.labels || data.labels.length === 0) {
      element.style.display = 'none';
      return;
    }
    var option = data.type === 'bars' ? barsOption(data) : comboOption(data, data.type === 'pareto');
    var chart = window.echarts.init(element);
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function start() {
    if (!window.echarts) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('.complaint-chart[data-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
