/* The expression panel's query: a range query for the Graph tab, an instant query for the Table tab, with
   Thanos' dedup, partial_response and max_source_resolution parameters; errors go to the red box. */
'use strict';
(function (ui) {
  var GRAPH = ui.Panel.GRAPH;

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
    var self = this;
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
        var stats = this.stats;
        ui.drawChart(this.output, body.data.result, range.start, range.end, range.step, function (ms) {
          if (seq === self.sequence) stats.textContent += '   Render time: ' + ms + 'ms';
        });
      }
    } else {
      ui.drawTable(this.output, body.data);
    }
  };
})(window.ThanosUi);
