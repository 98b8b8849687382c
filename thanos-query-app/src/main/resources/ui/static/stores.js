/* The Stores page: /api/v1/stores as one table per component type (endpoint, health, label sets, time range). */
'use strict';
(function (ui) {
  var el = ui.el;

  function labelSets(sets) {
    if (!sets || sets.length === 0) return [el('span', { class: 'muted' }, ['none'])];
    return sets.map(function (set) {
      return el('div', { class: 'label-set' }, Object.keys(set).sort().map(function (k) {
        return el('span', { class: 'badge' }, [k + '=' + ui.quote(set[k])]);
      }));
    });
  }

  function table(type, stores) {
    var rows = stores.map(function (s) {
      var up = s.lastError === null || s.lastError === undefined || s.lastError === '';
      return el('tr', { class: 'store-row' }, [
        el('td', { class: 'store-name' }, [s.name]),
        el('td', {}, [el('span', { class: 'health ' + (up ? 'up' : 'down') }, [up ? 'UP' : 'DOWN']),
          up ? null : el('div', { class: 'store-error' }, [s.lastError])]),
        el('td', {}, labelSets(s.labelSets)),
        el('td', {}, [s.minTime === undefined ? '' : ui.formatStoreTime(s.minTime)]),
        el('td', {}, [s.maxTime === undefined ? '' : ui.formatStoreTime(s.maxTime)])]);
    });
    return el('section', { class: 'store-type' }, [
      el('h2', {}, [type]),
      el('table', { class: 'result-table stores-table' }, [
        el('thead', {}, [el('tr', {}, ['Endpoint', 'Status', 'Announced label sets', 'Min time', 'Max time']
          .map(function (h) { return el('th', {}, [h]); }))]),
        el('tbody', {}, rows)])]);
  }

  async function load() {
    var target = document.getElementById('stores');
    try {
      var body = await ui.fetchJson('/api/v1/stores');
      target.textContent = '';
      var types = Object.keys(body.data || {}).sort();
      if (types.length === 0) {
        target.appendChild(el('p', { class: 'muted' }, ['No endpoints are configured (see --endpoint).']));
      }
      types.forEach(function (t) { target.appendChild(table(t, body.data[t])); });
    } catch (e) {
      target.textContent = '';
      target.appendChild(el('div', { class: 'alert alert-danger' }, ['Error fetching stores: ' + e.message]));
    }
  }

  load();
})(window.ThanosUi);
