/* Metric-name completion for the expression textarea (a datalist cannot serve a textarea): the word at the
   cursor is matched against /api/v1/label/__name__/values; arrows choose, Tab or Enter inserts, Escape closes. */
'use strict';
(function (ui) {
  var LIMIT = 12;
  ui.metricNames = [];

  /** Loads the metric names once into ui.metricNames and the page's #metric-names datalist. */
  ui.loadMetricNames = async function () {
    try {
      var body = await ui.fetchJson('/api/v1/label/__name__/values');
      ui.metricNames = body.data || [];
      var list = document.getElementById('metric-names');
      if (list) {
        ui.metricNames.forEach(function (n) { list.appendChild(ui.el('option', { value: n })); });
      }
    } catch (e) {
      ui.metricNames = [];
    }
  };

  function wordAt(text, pos) {
    var start = pos;
    while (start > 0 && /[a-zA-Z0-9_:]/.test(text.charAt(start - 1))) start--;
    return { start: start, word: text.slice(start, pos) };
  }

  /**
   * Attaches completion to `textarea`; returns a key handler that answers true when it consumed the key
   * (so Enter only executes when no suggestion is chosen).
   */
  ui.attachAutocomplete = function (textarea, container) {
    var list = ui.el('ul', { class: 'autocomplete', hidden: true });
    container.appendChild(list);
    var items = [];
    var selected = -1;

    function close() {
      list.hidden = true;
      items = [];
      selected = -1;
    }

    function choose(name) {
      var w = wordAt(textarea.value, textarea.selectionStart);
      textarea.value = textarea.value.slice(0, w.start) + name + textarea.value.slice(textarea.selectionStart);
      textarea.selectionStart = textarea.selectionEnd = w.start + name.length;
      textarea.dispatchEvent(new Event('input'));
      close();
      textarea.focus();
    }

    function render() {
      list.textContent = '';
      items.forEach(function (name, i) {
        list.appendChild(ui.el('li', { class: i === selected ? 'selected' : '',
          onmousedown: function (ev) { ev.preventDefault(); choose(name); } }, [name]));
      });
      list.hidden = items.length === 0;
    }

    textarea.addEventListener('input', function () {
      var w = wordAt(textarea.value, textarea.selectionStart);
      if (w.word.length === 0) { close(); return; }
      var lower = w.word.toLowerCase();
      var prefix = [];
      var inner = [];
      for (var i = 0; i < ui.metricNames.length && prefix.length < LIMIT; i++) {
        var n = ui.metricNames[i];
        if (n === w.word) continue;
        var at = n.toLowerCase().indexOf(lower);
        if (at === 0) prefix.push(n); else if (at > 0 && inner.length < LIMIT) inner.push(n);
      }
      items = prefix.concat(inner).slice(0, LIMIT);
      selected = -1;
      render();
    });
    textarea.addEventListener('blur', close);

    return function (ev) {
      if (list.hidden) return false;
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        var n = items.length;
        selected = ev.key === 'ArrowDown' ? (selected + 1) % n : (selected - 1 + n) % n;
        render();
        return true;
      }
      if ((ev.key === 'Enter' || ev.key === 'Tab') && selected >= 0) {
        choose(items[selected]);
        return true;
      }
      if (ev.key === 'Tab' && items.length > 0) {
        choose(items[0]);
        return true;
      }
      if (ev.key === 'Escape') {
        close();
        return true;
      }
      return false;
    };
  };
})(window.ThanosUi);
