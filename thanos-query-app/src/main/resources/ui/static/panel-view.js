/* The expression panel's DOM: expression textarea, Thanos' query options, tabs and time controls. */
'use strict';
(function (ui) {
  var RESOLUTIONS = [['auto', 'Auto downsampling'], ['0s', 'Only raw data'], ['5m', 'Max 5m downsampling'],
    ['1h', 'Max 1h downsampling']];
  var GRAPH = ui.Panel.GRAPH;
  var TABLE = ui.Panel.TABLE;

  function button(cls, label, title, onclick) {
    return ui.el('button', { type: 'button', class: 'button ' + cls, title: title, onclick: onclick }, [label]);
  }

  /** A text input bound to option `key` (trimmed); a change runs the query. */
  ui.Panel.prototype.input = function (cls, key, placeholder, size) {
    var self = this;
    return ui.el('input', { class: cls, placeholder: placeholder, size: size, value: this.o[key],
      onchange: function (ev) { self.o[key] = ev.target.value.trim(); self.execute(); } });
  };

  /** A checkbox bound to boolean option `key`; a change runs the query. */
  ui.Panel.prototype.checkbox = function (cls, key, label) {
    var self = this;
    return ui.el('label', { class: 'check' }, [ui.el('input', { type: 'checkbox', class: cls, checked: this.o[key],
      onchange: function (ev) { self.o[key] = ev.target.checked; self.execute(); } }), ' ' + label]);
  };

  /** The expression textarea: autogrows, completes metric names, Enter executes (Shift+Enter: newline). */
  ui.Panel.prototype.renderExpression = function () {
    var self = this;
    this.expr = ui.el('textarea', { class: 'expr', rows: 1, spellcheck: 'false', autocomplete: 'off',
      placeholder: 'Expression (press Shift+Enter for newlines)', value: this.o.expr });
    var box = ui.el('div', { class: 'expr-box' }, [this.expr]);
    var completion = ui.attachAutocomplete(this.expr, box);
    this.expr.addEventListener('input', function () { self.autogrow(); });
    this.expr.addEventListener('keydown', function (ev) {
      if (completion(ev)) {
        ev.preventDefault();
      } else if (ev.key === 'Enter' && !ev.shiftKey) {
        ev.preventDefault();
        self.execute();
      }
    });
    return ui.el('div', { class: 'expr-row' }, [box,
      button('primary execute', 'Execute', 'run the query', function () { self.execute(); })]);
  };

  /** Thanos' query options: deduplication, partial response, max source resolution (and panel removal). */
  ui.Panel.prototype.renderOptions = function (onRemove) {
    var self = this;
    var resolution = ui.el('select', { class: 'max-source-resolution',
      onchange: function (ev) { self.o.resolution = ev.target.value; self.execute(); } },
    RESOLUTIONS.map(function (r) {
      return ui.el('option', { value: r[0], selected: r[0] === self.o.resolution }, [r[1]]);
    }));
    return ui.el('div', { class: 'controls options' }, [
      this.checkbox('dedup', 'dedup', 'Use deduplication'),
      this.checkbox('partial-response', 'partial', 'Use partial response'), resolution,
      onRemove ? button('remove-panel', 'Remove panel', 'remove this panel', onRemove) : null]);
  };

  /** The Graph tab's range, end time and resolution inputs, and the Table tab's evaluation time. */
  ui.Panel.prototype.renderTimeControls = function () {
    var self = this;
    this.rangeInput = ui.el('input', { class: 'range-input', list: 'range-presets', size: 4,
      value: ui.formatDuration(this.o.range), onchange: function (ev) { self.setRange(ev.target.value); } });
    this.graphControls = ui.el('div', { class: 'controls graph-controls' }, [
      button('range-shorter', '\u2212', 'shorter range', function () { self.stepRange(-1); }),
      this.rangeInput,
      button('range-longer', '+', 'longer range', function () { self.stepRange(1); }),
      this.input('end-input', 'endInput', 'End time (UTC, default now)', 19),
      this.input('step-input', 'stepInput', 'Res. (s)', 7)]);
    this.tableControls = ui.el('div', { class: 'controls table-controls' }, [
      this.input('moment-input', 'momentInput', 'Evaluation time (UTC, default now)', 19)]);
  };

  ui.Panel.prototype.render = function (onRemove) {
    var self = this;
    var el = ui.el;
    this.tabs = [
      el('button', { type: 'button', class: 'tab', onclick: function () { self.switchTab(GRAPH); } }, ['Graph']),
      el('button', { type: 'button', class: 'tab', onclick: function () { self.switchTab(TABLE); } }, ['Table'])];
    this.renderTimeControls();
    this.error = el('div', { class: 'alert alert-danger', hidden: true });
    this.warning = el('div', { class: 'alert alert-warning', hidden: true });
    this.stats = el('div', { class: 'stats muted' });
    this.output = el('div', { class: 'output' });
    return el('div', { class: 'panel' }, [this.renderExpression(), this.renderOptions(onRemove),
      el('div', { class: 'tabs' }, this.tabs), this.graphControls, this.tableControls,
      this.error, this.warning, this.stats, this.output]);
  };
})(window.ThanosUi);
