// Buying-behaviour charts: each element with data-chart holds its data as JSON, written by the
// server (no inline script: the Content-Security-Policy forbids it). Tables and CSV downloads
// beside every chart carry the same figures.
(function () {
  'use strict';

  function axisNumber(value) {
    if (Math.abs(value) >= 1000000) {
      return (value / 1000000).toFixed(1) + 'M';
    }
    if (Math.abs(value) >= 1000) {
      return (value / 1000).toFixed(0) + 'k';
    }
    return String(value);
  }

  function comboOption(data) {
    var twoAxes = data.series.some(function (s) { return s.axis === 1; });
    var yAxis = [{ type: 'value', axisLabel: { formatter: axisNumber } }];
    if (twoAxes) {
      yAxis.push({ type: 'value', axisLabel: { formatter: axisNumber }, splitLine: { show: false } });
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels },
      yAxis: yAxis,
      series: data.series.map(function (s) {
        return { name: s.name, type: s.type, yAxisIndex: twoAxes ? s.axis : 0, data: s.data, smooth: s.type === 'line' };
      })
    };
  }

  function barsOption(data) {
    // horizontal bars: long category and region names stay readable at phone width
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: axisNumber } },
      yAxis: { type: 'category', data: data.labels.slice().reverse(), axisLabel: { width: 110, overflow: 'truncate' } },
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.data.slice().reverse() };
      })
    };
  }

  function heatmapOption(data) {
    return {
      tooltip: {
        position: 'top',
        formatter: function (p) {
          return data.yLabels[p.value[1]] + ' ' + data.labels[p.value[0]] + ':00 — ' + data.name + ' ' + p.value[2];
        }
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: data.labels, splitArea: { show: true } },
      yAxis: { type: 'category', data: data.yLabels, inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: Math.max(1, data.max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ name: data.name, type: 'heatmap', data: data.cells }]
    };
  }

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var option = data.type === 'heatmap' ? heatmapOption(data) : data.type === 'bars' ? barsOption(data) : comboOption(data);
    var chart = window.echarts.init(element);
    chart.setOption(option);
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
