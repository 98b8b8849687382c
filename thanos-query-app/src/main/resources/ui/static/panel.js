/* One expression panel of the Graph page: the expression, Thanos' query options, the Graph and Table tabs,
   and its state as Prometheus-style URL parameters (g<i>.expr, g<i>.tab, g<i>.range_input, ...). */
'use strict';
(function (ui) {
  var RANGES = ['5m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '2d', '1w', '2w'];
  var GRAPH = 0;
  var TABLE = 1;

  /** Panel options from URL parameters with prefix g<i>. (defaults: table tab, 1h range, dedup on). */
  ui.panelOptions = function (params, i) {
    var get = function (k, d) {
      var v = params.get('g' + i + '.' + k);
      return v === null ? d : v;
    };
    var range = ui.parseDuration(get('range_input', '1h'));
    return {
      expr: get('expr', ''),
      tab: get('tab', String(TABLE)) === '0' ? GRAPH : TABLE,
      range: range === null ? 3600000 : range,
      endInput: get('end_input', ''),
      momentInput: get('moment_input', ''),
      stepInput: get('step_input', ''),
      dedup: get('deduplicate', '1') !== '0',
      partial: get('partial_response', '0') === '1',
      resolution: get('max_source_resolution', 'auto')
    };
  };

  /** A panel rendered into a new element; `onChange` is told when its URL state changed. */
  ui.Panel = function (options, onChange, onRemove) {
    this.o = options;
    this.onChange = onChange;
    this.sequence = 0;
    this.node = this.render(onRemove);
  };

  /** The tab numbers of the URL's g<i>.tab, as in Prometheus. */
  ui.Panel.GRAPH = GRAPH;
  ui.Panel.TABLE = TABLE;

  /** The panel's URL parameters under index i. */
  ui.Panel.prototype.toParams = function (params, i) {
    var o = this.o;
    var set = function (k, v) { params.set('g' + i + '.' + k, v); };
    set('expr', o.expr);
    set('tab', String(o.tab));
    set('deduplicate', o.dedup ? '1' : '0');
    set('partial_response', o.partial ? '1' : '0');
    set('max_source_resolution', o.resolution);
    if (o.tab === GRAPH) {
      set('range_input', ui.formatDuration(o.range));
      if (o.endInput) set('end_input', o.endInput);
      if (o.stepInput) set('step_input', o.stepInput);
    } else if (o.momentInput) {
      set('moment_input', o.momentInput);
    }
  };

  ui.Panel.prototype.autogrow = function () {
    this.expr.style.height = 'auto';
    this.expr.style.height = this.expr.scrollHeight + 2 + 'px';
  };

  ui.Panel.prototype.switchTab = function (tab) {
    this.o.tab = tab;
    this.execute();
  };

  ui.Panel.prototype.setRange = function (text) {
    var ms = ui.parseDuration(text);
    if (ms !== null) this.o.range = ms;
    this.rangeInput.value = ui.formatDuration(this.o.range);
    this.execute();
  };

  ui.Panel.prototype.stepRange = function (direction) {
    var ms = RANGES.map(ui.parseDuration);
    var i = 0;
    while (i < ms.length && ms[i] < this.o.range) i++;
    if (direction < 0) i = Math.max(i - 1, 0); else i = Math.min(ms[i] === this.o.range ? i + 1 : i, ms.length - 1);
    this.setRange(RANGES[i]);
  };

  ui.Panel.prototype.showTab = function () {
    var graph = this.o.tab === GRAPH;
    this.tabs[0].classList.toggle('active', graph);
    this.tabs[1].classList.toggle('active', !graph);
    this.graphControls.hidden = !graph;
    this.tableControls.hidden = graph;
  };

  ui.Panel.prototype.fail = function (message) {
    this.error.textContent = message;
    this.error.hidden = false;
  };

})(window.ThanosUi);
