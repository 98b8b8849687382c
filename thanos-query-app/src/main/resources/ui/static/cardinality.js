/*
 * The Cardinality page: /api/v1/status/tsdb over a time range of the stores, as four top-N tables (series per
 * metric name, values per label name, label value bytes per label name, series per label pair). Metric names,
 * label names and label pairs are links that drill down: the page reloads narrowed to that selector. Its state
 * (range, end, limit, match) lives in the URL, so a drill-down can be shared.
 */
'use strict';
(function (ui) {
  var el = ui.el;
  var TITLES = {
    seriesCountByMetricName: 'Top series count by metric name',
    labelValueCountByLabelName: 'Top label names with value count',
    memoryInBytesByLabelName: 'Top label names with the most bytes of values',
    seriesCountByLabelValuePair: 'Top series count by label value pair'
  };

  function state() {
    var q = new URLSearchParams(window.location.search);
    return {
      range: q.get('range') || '2h',
      end: q.get('end') || '',
      limit: q.get('limit') || '10',
      match: q.get('match') || ''
    };
  }

  function href(s) {
    var q = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) q.set(k, s[k]); });
    return '/cardinality?' + q.toString();
  }

  function drill(s, selector) {
    return Object.assign({}, s, { match: selector });
  }

  function selectorOf(key, name) {
    if (key === 'seriesCountByMetricName') return '{__name__=' + ui.quote(name) + '}';
    if (key === 'seriesCountByLabelValuePair') {
      var at = name.indexOf('=');
      return '{' + name.slice(0, at) + '=' + ui.quote(name.slice(at + 1)) + '}';
    }
    return '{' + name + '!=""}';
  }

  function table(key, rows, total, s) {
    var body = rows.map(function (r) {
      var share = total > 0 && key !== 'labelValueCountByLabelName' && key !== 'memoryInBytesByLabelName'
        ? (100 * r.value / total).toFixed(1) + '%' : '';
      return el('tr', { class: 'cardinality-row' }, [
        el('td', { class: 'cardinality-name' }, [el('a', { href: href(drill(s, selectorOf(key, r.name))) },
          [r.name])]),
        el('td', { class: 'cardinality-value' }, [String(r.value)]),
        el('td', { class: 'muted' }, [share])]);
    });
    if (body.length === 0) {
      body = [el('tr', {}, [el('td', { class: 'muted' }, ['no series'])])];
    }
    return el('section', { class: 'cardinality-table', id: key }, [
      el('h2', {}, [TITLES[key]]),
      el('table', { class: 'result-table' }, [
        el('thead', {}, [el('tr', {}, ['Name', 'Count', 'Share of series'].map(function (h) {
          return el('th', {}, [h]);
        }))]),
        el('tbody', {}, body)])]);
  }

  async function load() {
    var s = state();
    var form = document.getElementById('cardinality-form');
    form.range.value = s.range;
    form.end.value = s.end;
    form.limit.value = s.limit;
    form.match.value = s.match;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      window.location.href = href({ range: form.range.value, end: form.end.value, limit: form.limit.value,
        match: form.match.value });
    });
    var target = document.getElementById('cardinality');
    try {
      var range = ui.parseDuration(s.range);
      if (range === null) throw new ui.ApiError('bad_data', 'invalid range ' + s.range);
      var end = s.end ? ui.parseTime(s.end) : Date.now();
      if (end === null || isNaN(end)) throw new ui.ApiError('bad_data', 'invalid end ' + s.end);
      var q = new URLSearchParams({ start: ((end - range) / 1000).toFixed(3), end: (end / 1000).toFixed(3),
        limit: s.limit });
      if (s.match) q.set('match[]', s.match);
      var body = await ui.fetchJson('/api/v1/status/tsdb?' + q.toString());
      var d = body.data;
      target.textContent = '';
      var head = [el('span', { id: 'cardinality-summary' }, [d.headStats.numSeries + ' series, '
        + d.headStats.numLabelPairs + ' label pairs between ' + ui.formatTime(d.headStats.minTime) + ' and '
        + ui.formatTime(d.headStats.maxTime)])];
      if (s.match) {
        head.push(el('span', { class: 'badge', id: 'cardinality-selector' }, [s.match]));
        head.push(el('a', { href: href(drill(s, '')) }, ['all series']));
      }
      target.appendChild(el('p', {}, head));
      (body.warnings || []).forEach(function (w) {
        target.appendChild(el('div', { class: 'alert alert-warning' }, [w]));
      });
      Object.keys(TITLES).forEach(function (k) {
        target.appendChild(table(k, d[k] || [], d.headStats.numSeries, s));
      });
    } catch (e) {
      target.textContent = '';
      target.appendChild(el('div', { class: 'alert alert-danger' }, ['Error: ' + e.message]));
    }
  }

  load();
})(window.ThanosUi);
