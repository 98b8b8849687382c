/* The Graph tab's line chart, drawn by uPlot (the org.webjars.npm:uplot webjar) on a canvas: uPlot thins each
   line to one min/max segment per pixel column, so 100 series × 11,000 points draw as fast as a few hundred.
   Prometheus' graph semantics: all series share the x axis start..end by step; a step without a sample (a gap,
   a stale series) or with NaN/±Inf is null and breaks the line; colours follow the series' position in the
   (label-sorted) result; UTC time axis; a legend of label sets that isolates a series on click; a hover tooltip
   with the nearest series' value. */
'use strict';
(function (ui) {
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var HEIGHT = 340;
  var SECOND = 1000;

  /** The colour of the i-th series: a fixed palette, then evenly spread hues. */
  ui.seriesColor = function (i) {
    if (i < PALETTE.length) return PALETTE[i];
    return 'hsl(' + Math.round((i * 137.508) % 360) + ', 65%, 45%)';
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

  /**
   * The matrix `series` aligned on the common x axis start..end by step (epoch ms): `xs` the step times in
   * seconds (a Float64Array), `ys` one array per series with the value at each step or null where the series
   * has no finite sample (uPlot breaks lines only at null, so these are plain arrays), `points` the non-null
   * count. One pass over the samples, each placed by its step index.
   */
  ui.alignSeries = function (series, start, end, step) {
    var n = Math.floor((end - start) / step) + 1;
    var xs = new Float64Array(n);
    for (var i = 0; i < n; i++) xs[i] = (start + i * step) / SECOND;
    var points = 0;
    var ys = series.map(function (s) {
      var y = new Array(n).fill(null);
      var values = s.values;
      for (var k = 0; k < values.length; k++) {
        var idx = Math.round((values[k][0] * SECOND - start) / step);
        var v = +values[k][1];
        if (idx >= 0 && idx < n && isFinite(v)) {
          y[idx] = v;
          points++;
        }
      }
      return y;
    });
    return { xs: xs, ys: ys, points: points };
  };

  function lines(series) {
    return series.map(function (s, i) {
      return { label: ui.metricToString(s.metric), color: ui.seriesColor(i) };
    });
  }

  /** uPlot's options: our axes (UTC, SI values), one stroke per series, no built-in legend or cursor points. */
  function options(ls, width, start, end, hooks) {
    var span = end - start;
    return {
      width: width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false, setScale: false } },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * SECOND), 'Etc/UTC'); },
      scales: { x: { time: true, range: [start / SECOND, end / SECOND] } },
      axes: [
        { stroke: '#495057', grid: { stroke: '#e9ecef', width: 1 }, ticks: { stroke: '#ced4da', width: 1 },
          space: span > 86400 * SECOND ? 100 : 60,
          values: function (u, splits, axisIdx, space, incr) {
            return splits.map(function (s) { return ui.formatAxisTime(s * SECOND, incr * SECOND, span); });
          } },
        { stroke: '#495057', size: 64, grid: { stroke: '#e9ecef', width: 1 }, ticks: { stroke: '#ced4da', width: 1 },
          values: function (u, splits) { return splits.map(ui.formatAxisValue); } }
      ],
      series: [{}].concat(ls.map(function (l) {
        return { label: l.label, stroke: l.color, width: 1.5, spanGaps: false };
      })),
      hooks: hooks
    };
  }

  /** The visible series nearest to the cursor's height at data index idx, or null. */
  function nearest(u, idx, top, hidden) {
    var best = null;
    for (var i = 1; i < u.series.length; i++) {
      if (hidden[i - 1]) continue;
      var v = u.data[i][idx];
      if (v === null || v === undefined) continue;
      var dist = Math.abs(u.valToPos(v, 'y') - top);
      if (best === null || dist < best.dist) best = { dist: dist, i: i, v: v };
    }
    return best;
  }

  /**
   * Draws `series` (a range query's matrix result) into `container` for the range [start, end] (epoch ms)
   * at resolution `step` (ms): the uPlot chart, its hover tooltip and a legend that isolates a series on click.
   * When the first frame is drawn the chart wrapper gets data-rendered="true", data-align-ms (aligning the data)
   * and data-render-ms (aligning and drawing), and
   * `onRendered(ms)` is called with the time taken from the call to the drawn frame.
   */
  ui.drawChart = function (container, series, start, end, step, onRendered) {
    var started = performance.now();
    if (container.uplot) container.uplot.destroy();
    container.uplot = null;
    container.textContent = '';
    var ls = lines(series);
    var aligned = ui.alignSeries(series, start, end, step);
    var alignMs = Math.round(performance.now() - started);
    var hidden = ls.map(function () { return false; });

    var marker = ui.el('div', { class: 'hover-marker', hidden: true });
    var tooltip = ui.el('div', { class: 'chart-tooltip', hidden: true });
    var wrapper = ui.el('div', { class: 'chart-wrapper', 'data-series-count': ls.length,
      'data-points': aligned.points });
    container.appendChild(wrapper);

    function hideTooltip() {
      tooltip.hidden = true;
      marker.hidden = true;
    }

    function showTooltip(u) {
      var idx = u.cursor.idx;
      if (idx === null || idx === undefined || u.cursor.left < 0) { hideTooltip(); return; }
      var best = nearest(u, idx, u.cursor.top, hidden);
      if (best === null) { hideTooltip(); return; }
      var l = ls[best.i - 1];
      var over = u.over.getBoundingClientRect();
      var box = wrapper.getBoundingClientRect();
      var px = over.left - box.left + u.valToPos(u.data[0][idx], 'x');
      var py = over.top - box.top + u.valToPos(best.v, 'y');
      marker.style.left = px + 'px';
      marker.style.top = py + 'px';
      marker.style.background = l.color;
      marker.hidden = false;
      tooltip.textContent = '';
      tooltip.appendChild(ui.el('div', { class: 'tooltip-time' }, [ui.formatTime(u.data[0][idx] * SECOND) + ' UTC']));
      tooltip.appendChild(ui.el('div', { class: 'tooltip-series' }, [
        ui.el('span', { class: 'swatch', style: 'background:' + l.color }), l.label]));
      tooltip.appendChild(ui.el('div', { class: 'tooltip-value' }, ['value: ' + String(best.v)]));
      tooltip.hidden = false;
      tooltip.style.left = Math.min(px + 12, width - 260) + 'px';
      tooltip.style.top = Math.max(py - 10, 0) + 'px';
    }

    var rendered = false;
    var hooks = {
      draw: [function () {
        if (rendered) return;
        rendered = true;
        var ms = Math.round(performance.now() - started);
        wrapper.setAttribute('data-align-ms', String(alignMs));
        wrapper.setAttribute('data-render-ms', String(ms));
        wrapper.setAttribute('data-rendered', 'true');
        window.__plotRendered = true;
        if (onRendered) onRendered(ms);
      }],
      setCursor: [showTooltip]
    };
    var legend = ui.el('ul', { class: 'legend' });
    ls.forEach(function (l, i) {
      var item = ui.el('li', { class: 'legend-item', title: 'click: show only this series; again: show all' }, [
        ui.el('span', { class: 'swatch', style: 'background:' + l.color }),
        ui.el('span', { class: 'legend-label' }, [l.label])]);
      item.addEventListener('click', function () {
        var isolated = !hidden[i] && hidden.every(function (h, j) { return j === i || h; });
        hidden = hidden.map(function (h, j) { return isolated ? false : j !== i; });
        u.batch(function () {
          hidden.forEach(function (h, j) {
            if (u.series[j + 1].show === h) u.setSeries(j + 1, { show: !h });
          });
        });
        hideTooltip();
        Array.prototype.forEach.call(legend.children, function (li, j) {
          li.classList.toggle('faded', hidden[j]);
        });
      });
      legend.appendChild(item);
    });
    container.appendChild(legend);
    // measured with the legend in place, which may have brought a scrollbar
    var width = Math.max(container.clientWidth || 900, 320);
    var u = new uPlot(options(ls, width, start, end, hooks), [aligned.xs].concat(aligned.ys), wrapper);
    container.uplot = u;
    wrapper.appendChild(marker);
    wrapper.appendChild(tooltip);
    u.over.addEventListener('mouseleave', hideTooltip);
    return u;
  };
})(window.ThanosUi);
