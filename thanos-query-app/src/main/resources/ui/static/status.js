/* The Status page: build information and the effective command-line flags. */
'use strict';
(function (ui) {
  var el = ui.el;

  function keyValueTable(data) {
    return el('table', { class: 'result-table status-table' }, [el('tbody', {}, Object.keys(data).map(function (k) {
      return el('tr', { class: 'status-row' }, [el('th', {}, [k]), el('td', {}, [String(data[k])])]);
    }))]);
  }

  async function show(url, id) {
    var target = document.getElementById(id);
    try {
      var body = await ui.fetchJson(url);
      target.textContent = '';
      target.appendChild(keyValueTable(body.data));
    } catch (e) {
      target.textContent = '';
      target.appendChild(el('div', { class: 'alert alert-danger' }, ['Error fetching ' + url + ': ' + e.message]));
    }
  }

  show('/api/v1/status/buildinfo', 'buildinfo');
  show('/api/v1/status/flags', 'flags');
})(window.ThanosUi);
