/* The Table tab: an instant query's result as rows of label set and value (vectors, matrices, scalars, strings). */
'use strict';
(function (ui) {
  var MAX_ROWS = 10000;

  function row(key, value, cls) {
    return ui.el('tr', { class: 'result-row' }, [
      ui.el('td', { class: 'result-metric' + (cls ? ' ' + cls : '') }, [key]),
      ui.el('td', { class: 'result-value' }, [value])]);
  }

  /** Renders `data` ({resultType, result}) of /api/v1/query into `container`. */
  ui.drawTable = function (container, data) {
    container.textContent = '';
    var body = ui.el('tbody');
    var result = data.result;
    switch (data.resultType) {
      case 'vector':
        result.slice(0, MAX_ROWS).forEach(function (s) {
          body.appendChild(row(ui.metricToString(s.metric), ui.formatSampleValue(s.value[1])));
        });
        break;
      case 'matrix':
        result.slice(0, MAX_ROWS).forEach(function (s) {
          var values = s.values.map(function (p) { return p[1] + ' @' + p[0]; });
          var cell = ui.el('td', { class: 'result-value' });
          values.forEach(function (v, i) {
            if (i > 0) cell.appendChild(ui.el('br'));
            cell.appendChild(document.createTextNode(v));
          });
          body.appendChild(ui.el('tr', { class: 'result-row' }, [
            ui.el('td', { class: 'result-metric' }, [ui.metricToString(s.metric)]), cell]));
        });
        break;
      case 'scalar':
        body.appendChild(row('scalar', ui.formatSampleValue(result[1]), 'muted'));
        break;
      case 'string':
        body.appendChild(row('string', String(result[1]), 'muted'));
        break;
      default:
        body.appendChild(row('unknown result type ' + data.resultType, '', 'muted'));
    }
    var count = Array.isArray(result) && data.resultType !== 'scalar' && data.resultType !== 'string'
      ? result.length : 1;
    if (count === 0) {
      container.appendChild(ui.el('p', { class: 'muted empty-result' }, ['Empty query result']));
      return;
    }
    if (count > MAX_ROWS) {
      container.appendChild(ui.el('div', { class: 'alert alert-warning' },
        ['Showing the first ' + MAX_ROWS + ' of ' + count + ' series.']));
    }
    container.appendChild(ui.el('table', { class: 'result-table' }, [body]));
  };
})(window.ThanosUi);
