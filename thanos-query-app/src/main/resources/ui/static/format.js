/* Shared helpers of the query UI: DOM building, API calls, Prometheus durations, UTC times and label sets. */
'use strict';
var ThanosUi = window.ThanosUi || {};
window.ThanosUi = ThanosUi;

(function (ui) {
  /** Creates an element with attributes (on* keys become listeners) and children (strings become text). */
  ui.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k.indexOf('on') === 0 && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'value') {
        if (tag === 'textarea') node.textContent = v; else node.setAttribute('value', v);
        node.value = v;
      } else if (k === 'checked' || k === 'selected') {
        node.setAttribute(k, '');
        node[k] = true;
      }
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  };

  /** An error answered by the HTTP API, e.g. bad_data: parse error. */
  ui.ApiError = function (type, message) {
    this.errorType = type;
    this.message = message;
  };

  /** GETs an API URL and resolves to the whole {status, data, warnings} body; rejects with ui.ApiError. */
  ui.fetchJson = async function (url) {
    var response;
    try {
      response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      throw new ui.ApiError('network', 'cannot reach the server: ' + e.message);
    }
    var body;
    try {
      body = await response.json();
    } catch (e) {
      throw new ui.ApiError('http', 'HTTP ' + response.status + ' ' + response.statusText);
    }
    if (body.status !== 'success') {
      throw new ui.ApiError(body.errorType || 'error', body.error || ('HTTP ' + response.status));
    }
    return body;
  };

  var UNITS = { y: 365 * 86400000, w: 7 * 86400000, d: 86400000, h: 3600000, m: 60000, s: 1000, ms: 1 };

  /** Parses a Prometheus duration such as 1h30m, 2w or 250ms into milliseconds; null when malformed. */
  ui.parseDuration = function (text) {
    var s = String(text || '').trim();
    if (!/^(\d+(y|w|d|h|ms|m|s))+$/.test(s)) return null;
    var total = 0;
    var re = /(\d+)(y|w|d|h|ms|m|s)/g;
    var m;
    while ((m = re.exec(s)) !== null) total += parseInt(m[1], 10) * UNITS[m[2]];
    return total > 0 ? total : null;
  };

  /** Formats milliseconds as the shortest Prometheus duration, e.g. 5400000 -> 1h30m. */
  ui.formatDuration = function (ms) {
    if (!ms) return '0s';
    var out = '';
    ['y', 'w', 'd', 'h', 'm', 's', 'ms'].forEach(function (u) {
      var n = Math.floor(ms / UNITS[u]);
      if (n > 0) {
        out += n + u;
        ms -= n * UNITS[u];
      }
    });
    return out;
  };

  function pad(n, width) {
    var s = String(n);
    while (s.length < (width || 2)) s = '0' + s;
    return s;
  }

  /** Formats epoch milliseconds as "YYYY-MM-DD HH:mm:ss" in UTC (the end/moment input format). */
  ui.formatTime = function (ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' '
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  };

  /** Parses "YYYY-MM-DD HH:mm[:ss]" (UTC), an RFC 3339 time or Unix seconds; null when malformed. */
  ui.parseTime = function (text) {
    var s = String(text || '').trim();
    if (s === '') return null;
    if (/^-?\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
    var m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z?$/.exec(s);
    if (m) {
      return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0), Math.round(parseFloat(m[7] || '0') * 1000));
    }
    var t = Date.parse(s);
    return isNaN(t) ? null : t;
  };

  /** Escapes a label value like Go's strconv.Quote for the common cases (backslash, quote, newline). */
  ui.quote = function (v) {
    return '"' + String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
  };

  /** A series' label set as PromQL text: name{a="1", b="2"} ({} when empty). */
  ui.metricToString = function (metric) {
    var name = metric.__name__ || '';
    var parts = Object.keys(metric).filter(function (k) { return k !== '__name__'; }).sort()
      .map(function (k) { return k + '=' + ui.quote(metric[k]); });
    return name + '{' + parts.join(', ') + '}';
  };

  /** Formats a sample value (a JSON string such as "1.5", "NaN", "+Inf") for display. */
  ui.formatSampleValue = function (v) {
    return String(v);
  };

  /** Formats an epoch-millisecond store time; Thanos' open bounds (±MaxInt64) print as -inf / +inf. */
  ui.formatStoreTime = function (ms) {
    if (ms <= -9e15) return '-inf';
    if (ms >= 9e15) return '+inf';
    return ui.formatTime(ms) + ' UTC';
  };
})(window.ThanosUi);
