/* One expression panel of the Graph page: the expression, Thanos' query options, the Graph and Table tabs,
   and its state as Prometheus-style URL parameters (g<i>.expr, g<i>.tab, g<i>.range_input, ...). */
'use strict';
(function (ui) {
  var RANGES = ['5m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '2d', '1w', '2w'];
  var RESOLUTIONS = [['auto', 'Auto downsampling'], ['0s', 'Only raw data'], ['5m', 'Max 5m downsampling'],
    ['1h', 'Max 1h downsampling']];
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

  ui.Panel.prototype.render = function (onRemove) {
    var self = this;
    var o = this.o;
    var el = ui.el;
    this.expr = el('textarea', { class: 'expr', rows: 1, spellcheck: 'false', autocomplete: 'off',
      placeholder: 'Expression (press Shift+Enter for newlines)', value: o.expr });
    var exprBox = el('div', { class: 'expr-box' }, [this.expr]);
    var completion = ui.attachAutocomplete(this.expr, exprBox);
    this.expr.addEventListener('input', function () { self.autogrow(); });
    this.expr.addEventListener('keydown', function (ev) {
      if (completion(ev)) { ev.preventDefault(); return; }
      if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); self.execute(); }
    });
    var check = function (label, key, cls) {
      return el('label', { class: 'check' }, [el('input', { type: 'checkbox', class: cls, checked: o[key],
        onchange: function (ev) { o[key] = ev.target.checked; self.execute(); } }), ' ' + label]);
    };
    var resolution = el('select', { class: 'max-source-resolution', onchange: function (ev) {
      o.resolution = ev.target.value; self.execute(); } }, RESOLUTIONS.map(function (r) {
      return el('option', { value: r[0], selected: r[0] === o.resolution }, [r[1]]); }));
    this.tabs = [el('button', { type: 'button', class: 'tab', 'data-tab': 'graph',
      onclick: function () { self.switchTab(GRAPH); } }, ['Graph']),
    el('button', { type: 'button', class: 'tab', 'data-tab': 'table',
      onclick: function () { self.switchTab(TABLE); } }, ['Table'])];
    this.rangeInput = el('input', { class: 'range-input', list: 'range-presets', size: 4,
      value: ui.formatDuration(o.range), onchange: function (ev) { self.setRange(ev.target.value); } });
    this.endInput = el('input', { class: 'end-input', placeholder: 'End time (UTC, default now)', size: 19,
      value: o.endInput, onchange: function (ev) { o.endInput = ev.target.value.trim(); self.execute(); } });
    this.stepInput = el('input', { class: 'step-input', placeholder: 'Res. (s)', size: 7, value: o.stepInput,
      onchange: function (ev) { o.stepInput = ev.target.value.trim(); self.execute(); } });
    this.momentInput = el('input', { class: 'moment-input', placeholder: 'Evaluation time (UTC, default now)',
      size: 19, value: o.momentInput, onchange: function (ev) { o.momentInput = ev.target.value.trim(); self.execute(); } });
    this.graphControls = el('div', { class: 'controls graph-controls' }, [
      el('button', { type: 'button', class: 'button', title: 'shorter range', onclick: function () { self.stepRange(-1); } }, ['−']),
      this.rangeInput,
      el('button', { type: 'button', class: 'button', title: 'longer range', onclick: function () { self.stepRange(1); } }, ['+']),
      this.endInput, this.stepInput]);
    this.tableControls = el('div', { class: 'controls table-controls' }, [this.momentInput]);
    this.error = el('div', { class: 'alert alert-danger', hidden: true });
    this.warning = el('div', { class: 'alert alert-warning', hidden: true });
    this.stats = el('div', { class: 'stats muted' });
    this.output = el('div', { class: 'output' });
    return el('div', { class: 'panel' }, [
      el('div', { class: 'expr-row' }, [exprBox,
        el('button', { type: 'button', class: 'button primary execute', onclick: function () { self.execute(); } }, ['Execute'])]),
      el('div', { class: 'controls options' }, [check('Use deduplication', 'dedup', 'dedup'),
        check('Use partial response', 'partial', 'partial-response'), resolution,
        onRemove ? el('button', { type: 'button', class: 'button remove-panel', onclick: onRemove }, ['Remove panel']) : null]),
      el('div', { class: 'tabs' }, this.tabs), this.graphControls, this.tableControls,
      this.error, this.warning, this.stats, this.output]);
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

  /** The query's parameters common to both tabs: expression and Thanos' options. */
  ui.Panel.prototype.queryParams = function () {
    var p = new URLSearchParams();
    p.set('query', this.o.expr);
    p.set('dedup', String(this.o.dedup));
    p.set('partial_response', String(this.o.partial));
    p.set('max_source_resolution', this.o.resolution);
    return p;
  };

  /** Runs the panel's query for its tab and renders the result, an error box or warnings. */
  ui.Panel.prototype.execute = async function () {
    var o = this.o;
    o.expr = this.expr.value;
    this.showTab();
    this.onChange();
    this.error.hidden = true;
    this.warning.hidden = true;
    this.stats.textContent = '';
    this.output.textContent = '';
    if (o.expr.trim() === '') return;
    var seq = ++this.sequence;
    var p = this.queryParams();
    var url;
    var range = null;
    if (o.tab === GRAPH) {
      var end = o.endInput ? ui.parseTime(o.endInput) : Date.now();
      if (end === null) { this.fail('Invalid end time: ' + o.endInput); return; }
      var userStep = o.stepInput ? (ui.parseDuration(o.stepInput) || parseFloat(o.stepInput) * 1000) : null;
      if (o.stepInput && !(userStep > 0)) { this.fail('Invalid resolution: ' + o.stepInput); return; }
      var step = userStep || Math.max(Math.floor(o.range / 250000), 1) * 1000;
      range = { start: end - o.range, end: end, step: step };
      p.set('start', (range.start / 1000).toFixed(3));
      p.set('end', (range.end / 1000).toFixed(3));
      p.set('step', String(step / 1000));
      url = '/api/v1/query_range?' + p.toString();
    } else {
      var time = o.momentInput ? ui.parseTime(o.momentInput) : Date.now();
      if (time === null) { this.fail('Invalid evaluation time: ' + o.momentInput); return; }
      p.set('time', (time / 1000).toFixed(3));
      url = '/api/v1/query?' + p.toString();
    }
    var started = performance.now();
    this.stats.textContent = 'Loading…';
    var body;
    try {
      body = await ui.fetchJson(url);
    } catch (e) {
      if (seq !== this.sequence) return;
      this.stats.textContent = '';
      this.fail('Error executing query: ' + (e.errorType ? e.errorType + ': ' : '') + e.message);
      return;
    }
    if (seq !== this.sequence) return;
    var took = Math.round(performance.now() - started);
    if (body.warnings && body.warnings.length) {
      this.warning.textContent = 'Warnings: ' + body.warnings.join('; ');
      this.warning.hidden = false;
    }
    var count = Array.isArray(body.data.result) && body.data.resultType !== 'scalar'
      && body.data.resultType !== 'string' ? body.data.result.length : 1;
    this.stats.textContent = 'Load time: ' + took + 'ms'
      + (range ? '   Resolution: ' + range.step / 1000 + 's' : '') + '   Result series: ' + count;
    if (range) {
      if (body.data.result.length === 0) {
        this.output.appendChild(ui.el('p', { class: 'muted empty-result' }, ['Empty query result']));
      } else {
        ui.drawChart(this.output, body.data.result, range.start, range.end, range.step);
      }
    } else {
      ui.drawTable(this.output, body.data);
    }
  };
})(window.ThanosUi);
