// Satisfaction dashboard charts: each element with data-chart holds its data as JSON written by
// the server (no inline script: the Content-Security-Policy forbids it). A table beside every
// chart carries the same figures. Charts are drawn again after htmx swaps the results.
(function () {
  'use strict';

  var GROUP_COLOURS = ['#198754', '#adb5bd', '#dc3545'];

  function trendOption(data) {
    var twoAxes = data.series.some(function (s) { return s.axis === 1; });
    var yAxis = [{ type: 'value', min: -100, max: 100 }];
    if (twoAxes) {
      yAxis.push({ type: 'value', min: 1, max: 7, splitLine: { show: false } });
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: yAxis,
      series: data.series.map(function (s) {
        return { name: s.name, type: 'line', yAxisIndex: twoAxes ? s.axis : 0, data: s.data, connectNulls: true };
      })
    };
  }

  function histogramOption(data) {
    var values = data.series[0].data.map(function (value, i) {
      var colour = i >= 9 ? GROUP_COLOURS[0] : (i >= 7 ? GROUP_COLOURS[1] : GROUP_COLOURS[2]);
      return { value: value, itemStyle: { color: colour } };
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: data.series[0].name, type: 'bar', data: values }]
    };
  }

  function stackOption(data) {
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: data.series.map(function (s, i) {
        return { name: s.name, type: 'bar', stack: 'nps', data: s.data, itemStyle: { color: GROUP_COLOURS[i] } };
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

  function matrixOption(data) {
    var xs = data.points.map(function (p) { return p.x; });
    var ys = data.points.map(function (p) { return p.y; });
    var xMin = Math.min.apply(null, xs.concat([data.xLine, 0])) - 0.05;
    var xMax = Math.max.apply(null, xs.concat([data.xLine])) + 0.05;
    var yMin = Math.max(1, Math.min.apply(null, ys.concat([data.yLine])) - 0.2);
    var yMax = Math.min(5, Math.max.apply(null, ys.concat([data.yLine])) + 0.2);
    return {
      tooltip: {
        formatter: function (p) {
          return p.data.name + '<br>' + data.xName + ': ' + p.data.value[0] + '<br>' + data.yName + ': ' + p.data.value[1];
        }
      },
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: data.xName, nameLocation: 'middle', nameGap: 24, min: xMin.toFixed(2), max: xMax.toFixed(2) },
      yAxis: { type: 'value', name: data.yName, min: yMin.toFixed(1), max: yMax.toFixed(1) },
      series: [{
        type: 'scatter',
        symbolSize: 14,
        label: { show: true, position: 'right', formatter: function (p) { return p.data.name; } },
        data: data.points.map(function (p) {
          return { name: p.name, value: [p.x, p.y], itemStyle: { color: p.priority ? '#dc3545' : '#0d6efd' } };
        }),
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(255, 193, 7, 0.18)' },
          label: { show: true, position: 'insideBottomRight', color: '#856404' },
          data: [[{ name: data.priorityName, coord: [data.xLine, yMin] }, { coord: [xMax, data.yLine] }]]
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#6c757d' },
          label: { show: false },
          data: [{ xAxis: data.xLine }, { yAxis: data.yLine }]
        }
      }]
    };
  }

  var OPTIONS = { trend: trendOption, histogram: histogramOption, stack: stackOption, bars: barsOption, matrix: matrixOption };

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var empty = !data.labels || data.labels.length === 0
      || (data.type === 'matrix' && (!data.points || data.points.length === 0 || data.xLine === null));
    if (empty) {
      element.style.display = 'none';
      return;
    }
    var old = window.echarts.getInstanceByDom(element);
    if (old) {
      old.dispose();
    }
    var chart = window.echarts.init(element);
    chart.setOption((OPTIONS[data.type] || barsOption)(data));
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function drawAll(root) {
    if (!window.echarts) {
      return;
    }
    Array.prototype.forEach.call(root.querySelectorAll('.survey-chart[data-chart]'), draw);
  }

  document.addEventListener('htmx:afterSettle', function (event) {
    drawAll(document);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  } else {
    drawAll(document);
  }
})();
