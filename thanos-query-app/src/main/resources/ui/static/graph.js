/* The Graph page: panels from the URL (?g0.expr=...&g0.tab=0&g0.range_input=1h, or the same after #), the
   URL kept in step with them so a link reproduces the page, "Add panel", and metric-name completion. */
'use strict';
(function (ui) {
  var panels = [];
  var container = document.getElementById('panels');

  function pageParams() {
    var search = new URLSearchParams(window.location.search);
    if (Array.from(search.keys()).some(function (k) { return /^g\d+\./.test(k); })) return search;
    return new URLSearchParams(window.location.hash.replace(/^#/, ''));
  }

  function updateUrl() {
    var params = new URLSearchParams();
    panels.forEach(function (p, i) { p.toParams(params, i); });
    window.history.replaceState(null, '', window.location.pathname + '?' + params.toString());
  }

  function addPanel(options, run) {
    var panel = new ui.Panel(options, updateUrl, function () {
      if (panels.length <= 1) return;
      panels.splice(panels.indexOf(panel), 1);
      container.removeChild(panel.node);
      updateUrl();
    });
    panels.push(panel);
    container.appendChild(panel.node);
    panel.autogrow();
    if (run) panel.execute(); else panel.showTab();
    return panel;
  }

  var params = pageParams();
  var indices = [];
  params.forEach(function (v, k) {
    var m = /^g(\d+)\./.exec(k);
    if (m && indices.indexOf(+m[1]) < 0) indices.push(+m[1]);
  });
  indices.sort(function (a, b) { return a - b; });
  if (indices.length === 0) indices.push(0);
  indices.forEach(function (i) {
    var options = ui.panelOptions(params, i);
    addPanel(options, options.expr.trim() !== '');
  });
  document.getElementById('add-panel').addEventListener('click', function () {
    addPanel(ui.panelOptions(new URLSearchParams(), 0), false).expr.focus();
    updateUrl();
  });
  ui.loadMetricNames();
})(window.ThanosUi);
