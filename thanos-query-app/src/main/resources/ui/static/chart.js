/* The Graph tab's line chart: inline SVG with a UTC time axis, y-axis ticks, one colour per series, a legend
   and a hover tooltip. Points are kept in typed arrays; gaps (missing steps, NaN, ±Inf) break the line. */
'use strict';
(function (ui) {
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var HEIGHT = 340;
  var MARGIN = { top: 12, right: 16, bottom: 28, left: 72 };
  var SECOND = 1000;
  var TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 604800, 1209600, 2592000].map(function (s) { return s * SECOND; });

  /** The colour of the i-th series: a fixed palette, then evenly spread hues. */
  ui.seriesColor = function (i) {
    if (i < PALETTE.length) return PALETTE[i];
    return 'hsl(' + Math.round((i * 137.508) % 360) + ', 65%, 45%)';
  };

  /** Round tick values covering [min, max], about `count` of them (1, 2 or 5 times a power of ten apart). */
  ui.valueTicks = function (min, max, count) {
    var raw = (max - min) / Math.max(count, 1);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var norm = raw / mag;
    var step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    var ticks = [];
    for (var v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return ticks;
  };

  /** Tick times (epoch ms) on round UTC boundaries, about `count` of them between start and end. */
  ui.timeTicks = function (start, end, count) {
    var raw = (end - start) / Math.max(count, 1);
    var step = TIME_STEPS[TIME_STEPS.length - 1];
    for (var i = 0; i < TIME_STEPS.length; i++) {
      if (TIME_STEPS[i] >= raw) { step = TIME_STEPS[i]; break; }
    }
    var ticks = [];
    for (var t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
    return { ticks: ticks, step: step };
  };

  /** A y-axis label: SI prefixes for large and small magnitudes, at most 4 significant digits. */
  ui.formatAxisValue = function (v) {
    if (v === 0) return '0';
    var abs = Math.abs(v);
    var prefixes = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (var i = 0; i < prefixes.length; i++) {
      if (abs >= prefixes[i][0]) return trim(v / prefixes[i][0]) + prefixes[i][1];
    }
    if (abs < 1e-3) return v.toExponential(2);
    return trim(v);
  };

  function trim(v) {
    return String(parseFloat(v.toPrecision(4)));
  }

  /** An x-axis label in UTC: HH:mm (with seconds for sub-minute ticks), prefixed by MM-DD past one day. */
  ui.formatAxisTime = function (ms, tickStep, span) {
    var full = ui.formatTime(ms);
    var clock = tickStep < 60 * SECOND ? full.slice(11) : full.slice(11, 16);
    return span > 86400 * SECOND ? full.slice(5, 10) + ' ' + clock : clock;
  };

  function toArrays(series) {
    return series.map(function (s, i) {
      var n = s.values.length;
      var ts = new Float64Array(n);
      var vs = new Float64Array(n);
      for (var k = 0; k < n; k++) {
        ts[k] = s.values[k][0] * 1000;
        vs[k] = parseFloat(s.values[k][1]);
      }
      return { metric: s.metric, label: ui.metricToString(s.metric), color: ui.seriesColor(i), ts: ts, vs: vs };
    });
  }

  function valueRange(lines) {
    var min = Infinity;
    var max = -Infinity;
    lines.forEach(function (l) {
      for (var k = 0; k < l.vs.length; k++) {
        var v = l.vs[k];
        if (isFinite(v)) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    });
    if (min === Infinity) return { min: 0, max: 1 };
    if (min === max) {
      var pad = min === 0 ? 1 : Math.abs(min) * 0.1;
      return { min: min - pad, max: max + pad };
    }
    return { min: min, max: max };
  }

  function pathOf(line, x, y, step) {
    var d = '';
    var drawing = false;
    for (var k = 0; k < line.ts.length; k++) {
      var v = line.vs[k];
      if (!isFinite(v)) { drawing = false; continue; }
      if (drawing && line.ts[k] - line.ts[k - 1] > step * 1.5) drawing = false;
      var px = x(line.ts[k]).toFixed(1);
      var py = y(v).toFixed(1);
      d += (drawing ? 'L' : 'M') + px + ' ' + py + (drawing ? '' : 'h0');
      drawing = true;
    }
    return d;
  }

  function nearestIndex(ts, t) {
    var lo = 0;
    var hi = ts.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (ts[mid] < t) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && Math.abs(ts[lo - 1] - t) <= Math.abs(ts[lo] - t)) lo--;
    return lo;
  }

  /**
   * Draws `series` (a range query's matrix result) into `container` for the range [start, end] (epoch ms)
   * at resolution `step` (ms): the SVG chart, its hover tooltip and a legend that isolates a series on click.
   */
  ui.drawChart = function (container, series, start, end, step) {
    container.textContent = '';
    var lines = toArrays(series);
    var width = Math.max(container.clientWidth || 900, 320);
    var plotW = width - MARGIN.left - MARGIN.right;
    var plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    var range = valueRange(lines);
    var yTicks = ui.valueTicks(range.min, range.max, 6);
    var yMin = Math.min(range.min, yTicks[0]);
    var yMax = Math.max(range.max, yTicks[yTicks.length - 1]);
    var x = function (t) { return MARGIN.left + (t - start) / Math.max(end - start, 1) * plotW; };
    var y = function (v) { return MARGIN.top + (1 - (v - yMin) / (yMax - yMin)) * plotH; };

    var svg = ui.el('svg', { class: 'chart', width: width, height: HEIGHT, viewBox: '0 0 ' + width + ' ' + HEIGHT });
    var axes = ui.el('g', { class: 'axes' });
    yTicks.forEach(function (v) {
      var py = y(v).toFixed(1);
      axes.appendChild(ui.el('line', { class: 'grid', x1: MARGIN.left, x2: width - MARGIN.right, y1: py, y2: py }));
      axes.appendChild(ui.el('text', { class: 'y-tick', x: MARGIN.left - 6, y: py, 'text-anchor': 'end',
        'dominant-baseline': 'middle' }, [ui.formatAxisValue(v)]));
    });
    var tt = ui.timeTicks(start, end, Math.max(2, Math.floor(plotW / 110)));
    tt.ticks.forEach(function (t) {
      var px = x(t).toFixed(1);
      axes.appendChild(ui.el('line', { class: 'grid', x1: px, x2: px, y1: MARGIN.top, y2: MARGIN.top + plotH }));
      axes.appendChild(ui.el('text', { class: 'x-tick', x: px, y: HEIGHT - 8, 'text-anchor': 'middle' },
        [ui.formatAxisTime(t, tt.step, end - start)]));
    });
    axes.appendChild(ui.el('rect', { class: 'frame', x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH }));
    svg.appendChild(axes);

    var paths = lines.map(function (l) {
      var p = ui.el('path', { class: 'series-line', d: pathOf(l, x, y, step), stroke: l.color,
        'data-series': l.label });
      svg.appendChild(p);
      return p;
    });
    var marker = ui.el('circle', { class: 'hover-marker', r: 4, cx: -10, cy: -10 });
    svg.appendChild(marker);
    var overlay = ui.el('rect', { class: 'overlay', x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH });
    svg.appendChild(overlay);

    var tooltip = ui.el('div', { class: 'chart-tooltip', hidden: true });
    var wrapper = ui.el('div', { class: 'chart-wrapper' }, [svg, tooltip]);
    container.appendChild(wrapper);

    var hidden = lines.map(function () { return false; });
    overlay.addEventListener('mousemove', function (ev) {
      var box = svg.getBoundingClientRect();
      var mx = ev.clientX - box.left;
      var my = ev.clientY - box.top;
      var t = start + (mx - MARGIN.left) / plotW * (end - start);
      var best = null;
      lines.forEach(function (l, i) {
        if (hidden[i]) return;
        var k = nearestIndex(l.ts, t);
        if (k < 0 || !isFinite(l.vs[k])) return;
        var dist = Math.abs(y(l.vs[k]) - my) + Math.abs(x(l.ts[k]) - mx);
        if (best === null || dist < best.dist) best = { dist: dist, line: l, k: k };
      });
      if (best === null) { tooltip.hidden = true; return; }
      var px = x(best.line.ts[best.k]);
      var py = y(best.line.vs[best.k]);
      marker.setAttribute('cx', px.toFixed(1));
      marker.setAttribute('cy', py.toFixed(1));
      marker.setAttribute('fill', best.line.color);
      tooltip.textContent = '';
      tooltip.appendChild(ui.el('div', { class: 'tooltip-time' }, [ui.formatTime(best.line.ts[best.k]) + ' UTC']));
      tooltip.appendChild(ui.el('div', { class: 'tooltip-series' }, [
        ui.el('span', { class: 'swatch', style: 'background:' + best.line.color }), best.line.label]));
      tooltip.appendChild(ui.el('div', { class: 'tooltip-value' }, ['value: ' + String(best.line.vs[best.k])]));
      tooltip.hidden = false;
      tooltip.style.left = Math.min(px + 12, width - 260) + 'px';
      tooltip.style.top = Math.max(py - 10, 0) + 'px';
    });
    overlay.addEventListener('mouseleave', function () {
      tooltip.hidden = true;
      marker.setAttribute('cx', -10);
    });

    var legend = ui.el('ul', { class: 'legend' });
    lines.forEach(function (l, i) {
      var item = ui.el('li', { class: 'legend-item', title: 'click: show only this series; again: show all' }, [
        ui.el('span', { class: 'swatch', style: 'background:' + l.color }),
        ui.el('span', { class: 'legend-label' }, [l.label])]);
      item.addEventListener('click', function () {
        var isolated = !hidden[i] && hidden.every(function (h, j) { return j === i || h; });
        hidden = hidden.map(function (h, j) { return isolated ? false : j !== i; });
        paths.forEach(function (p, j) { p.style.display = hidden[j] ? 'none' : ''; });
        Array.prototype.forEach.call(legend.children, function (li, j) {
          li.classList.toggle('faded', hidden[j]);
        });
      });
      legend.appendChild(item);
    });
    container.appendChild(legend);
  };
})(window.ThanosUi);
