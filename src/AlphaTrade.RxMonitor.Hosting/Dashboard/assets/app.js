// RxMonitor dashboard. Plain browser JavaScript, no build step; every URL is relative so the page works under any prefix.
(function () {
  'use strict';

  const PRESETS = [['5m', 300], ['15m', 900], ['1h', 3600], ['6h', 21600], ['24h', 86400], ['7d', 604800], ['30d', 2592000]];
  const KEY_SERIES = [
    'system_cpu_usage_percent{cpu="total"}', 'system_memory_usage_percent', 'system_load_average',
    'process_open_fds', 'dotnet_gc_pause_time_seconds_total', 'dotnet_thread_pool_thread_count_total',
  ];
  // An anomaly rule's score series (docs/anomaly.md): charted by default, on a 0-1 scale with the detection level.
  const SCORE_SUFFIX = '_anomaly_score';
  const DETECTION_LEVEL = 0.5;
  const $ = (id) => document.getElementById(id);
  const state = {
    range: '1h', from: null, to: null, series: [], defaults: [], defaultView: true, utc: true, alerts: [], history: [], charts: new Map(),
    events: null, lastEvent: 0,
  };

  // ---- helpers -------------------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function pad(n) { return String(n).padStart(2, '0'); }

  function fmtTime(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d)) return '';
    const p = state.utc
      ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
    return `${p[0]}-${pad(p[1])}-${pad(p[2])} ${pad(p[3])}:${pad(p[4])}:${pad(p[5])}${state.utc ? ' UTC' : ''}`;
  }

  function fmtValue(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(3) : String(Math.round(v * 1000) / 1000);
  }

  function labelChips(labels) {
    return Object.entries(labels || {}).map(([k, v]) => el('span', { class: 'label' }, `${k}="${v}"`));
  }

  function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function nowSec() { return Date.now() / 1000; }

  function window_() {
    if (state.from !== null && state.to !== null) return [state.from, state.to];
    const seconds = (PRESETS.find((p) => p[0] === state.range) || PRESETS[2])[1];
    const to = nowSec();
    return [to - seconds, to];
  }

  // ---- URL state ------------------------------------------------------------------------------------------------

  function readUrl() {
    const q = new URLSearchParams(location.search);
    const range = q.get('range');
    state.range = PRESETS.some((p) => p[0] === range) ? range : '1h';
    const from = parseFloat(q.get('from'));
    const to = parseFloat(q.get('to'));
    [state.from, state.to] = isFinite(from) && isFinite(to) && from < to ? [from, to] : [null, null];
    const series = q.getAll('s');
    state.defaults = KEY_SERIES.slice();
    state.defaultView = series.length === 0;
    state.series = series.length ? series : state.defaults.slice();
  }

  function writeUrl() {
    const q = new URLSearchParams();
    q.set('range', state.range);
    if (state.from !== null) {
      q.set('from', state.from.toFixed(0));
      q.set('to', state.to.toFixed(0));
    }
    const custom = state.series.length !== state.defaults.length || state.series.some((s, i) => s !== state.defaults[i]);
    if (custom) state.series.forEach((s) => q.append('s', s));
    history.replaceState(null, '', `${location.pathname}?${q}`);
  }

  // ---- API ------------------------------------------------------------------------------------------------------

  class Unauthorized extends Error {}

  async function api(path, options) {
    const init = Object.assign({ credentials: 'same-origin', headers: {} }, options || {});
    if (init.json !== undefined) {
      init.method = init.method || 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(init.json);
      delete init.json;
    }
    const response = await fetch(path, init);
    if (response.status === 401 && path !== 'api/login') {
      showLogin();
      throw new Unauthorized('login required');
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok && response.status !== 503) {
      throw new Error(body && body.errors ? body.errors.join(' ') : `${path}: HTTP ${response.status}`);
    }
    return body;
  }

  function report(error) {
    if (!(error instanceof Unauthorized)) console.warn(error.message || error);
  }

  // ---- login ----------------------------------------------------------------------------------------------------

  function showLogin() {
    if (state.events) state.events.close();
    state.events = null;
    $('app').hidden = true;
    $('login').hidden = false;
    $('token').focus();
  }

  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('api/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: $('token').value }),
    });
    if (response.status === 204) {
      $('token').value = '';
      start();
      return;
    }
    const body = await response.json().catch(() => null);
    $('login-error').textContent = body && body.errors ? body.errors.join(' ') : `Sign-in failed (HTTP ${response.status}).`;
  }

  async function logout() {
    await fetch('api/logout', { method: 'POST', credentials: 'same-origin' });
    showLogin();
  }

  // ---- health ---------------------------------------------------------------------------------------------------

  function renderHealth(body) {
    const status = body && body.status ? body.status : 'unknown';
    const chip = $('status');
    chip.dataset.status = status;
    chip.textContent = status;
    const list = $('components');
    list.replaceChildren();
    const components = body && body.report && body.report.components ? body.report.components : [];
    for (const c of components) {
      list.append(el('span', { class: 'chip', dataset: { status: c.status, component: c.name } },
        c.name, ' ', c.status, el('span', { class: 'reason' }, c.reason)));
    }
  }

  // ---- charts ---------------------------------------------------------------------------------------------------

  function alertPeriods(seriesText) {
    // Pending and firing periods of the alerts raised on this series, from the history and the active alerts.
    const periods = [];
    const open = new Map();
    for (const t of state.history) {
      if (t.series !== seriesText) continue;
      const at = Date.parse(t.timestamp) / 1000;
      const current = open.get(t.fingerprint);
      if (current && current.state !== t.state) {
        current.end = at;
        periods.push(current);
        open.delete(t.fingerprint);
      }
      if ((t.state === 'pending' || t.state === 'firing') && !open.has(t.fingerprint)) {
        open.set(t.fingerprint, { state: t.state, start: at, end: null, fingerprint: t.fingerprint });
      }
    }
    for (const a of state.alerts) {
      if (a.series !== seriesText) continue;
      const current = open.get(a.fingerprint);
      if (current && current.state === a.state) continue;
      if (current) {
        current.end = Date.parse(a.updatedAt) / 1000;
        periods.push(current);
      }
      const start = Date.parse(a.state === 'firing' ? a.startsAt : a.activeAt) / 1000;
      open.set(a.fingerprint, { state: a.state, start, end: null, fingerprint: a.fingerprint });
    }
    const active = new Set(state.alerts.map((a) => a.fingerprint));
    for (const p of open.values()) {
      // A period still open in the history but no longer active ended at the latest update we know of.
      p.end = active.has(p.fingerprint) ? null : p.start;
      if (p.end === null || p.end > p.start) periods.push(p);
    }
    return periods;
  }

  function bandsPlugin(chart) {
    return {
      hooks: {
        drawClear: [(u) => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const periods = alertPeriods(chart.series);
          chart.element.dataset.bands = String(periods.length);
          chart.element.dataset.firingBands = String(periods.filter((p) => p.state === 'firing').length);
          ctx.save();
          for (const p of periods) {
            const x0 = Math.max(left, u.valToPos(p.start, 'x', true));
            const x1 = Math.min(left + width, u.valToPos(p.end === null ? nowSec() : p.end, 'x', true));
            if (x1 <= x0) continue;
            ctx.fillStyle = cssVar(p.state === 'firing' ? '--firing' : '--pending');
            ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
          }
          ctx.restore();
        }],
      },
    };
  }

  function timeTicks(u, ticks) {
    // 24-hour labels in the chosen zone: seconds for short spans, the date for long ones.
    const span = u.scales.x.max - u.scales.x.min;
    return ticks.map((t) => {
      const text = fmtTime(t * 1000);
      return span > 172800 ? text.slice(5, 16) : text.slice(11, span < 600 ? 19 : 16);
    });
  }

  function isScore(selector) {
    return selector.split('{')[0].endsWith(SCORE_SUFFIX);
  }

  function detectionPlugin() {
    return {
      hooks: {
        draw: [(u) => {
          const ctx = u.ctx;
          const { left, width } = u.bbox;
          const y = u.valToPos(DETECTION_LEVEL, 'y', true);
          ctx.save();
          ctx.strokeStyle = cssVar('--bad');
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(left, y);
          ctx.lineTo(left + width, y);
          ctx.stroke();
          ctx.restore();
        }],
      },
    };
  }

  function chartOptions(chart, hasQuantiles, width) {
    const fg = cssVar('--fg');
    const grid = cssVar('--grid');
    const accent = cssVar('--accent');
    const axis = { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } };
    const series = [
      {},
      { label: 'mean', stroke: accent, width: 1.5, value: (u, v) => fmtValue(v) },
      { label: 'min', stroke: 'transparent', points: { show: false }, value: (u, v) => fmtValue(v) },
      { label: 'max', stroke: 'transparent', points: { show: false }, value: (u, v) => fmtValue(v) },
    ];
    if (hasQuantiles) {
      series.push({ label: 'p50', stroke: cssVar('--p'), width: 1, dash: [4, 3], value: (u, v) => fmtValue(v) });
      series.push({ label: 'p99', stroke: cssVar('--bad'), width: 1, dash: [2, 2], value: (u, v) => fmtValue(v) });
    }
    const score = isScore(chart.selector);
    chart.element.dataset.scale = score ? 'score' : 'auto';
    return {
      width, height: 200,
      tzDate: (ts) => (state.utc ? uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') : new Date(ts * 1000)),
      cursor: { sync: { key: 'rxmonitor' }, drag: { x: true, y: false, setScale: false } },
      scales: score ? { x: { time: true }, y: { range: [0, 1] } } : { x: { time: true } },
      axes: [Object.assign({}, axis, { values: timeTicks }), Object.assign({}, axis, { size: 60, values: (u, ticks) => ticks.map(fmtValue) })],
      series,
      bands: [{ series: [3, 2], fill: cssVar('--band') }],
      plugins: score ? [bandsPlugin(chart), detectionPlugin()] : [bandsPlugin(chart)],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 5) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
          zoomTo(from, to);
        }],
      },
    };
  }

  function chartData(s) {
    const columns = [s.t, s.mean, s.min, s.max];
    if (s.p50) columns.push(s.p50, s.p99);
    return columns;
  }

  function ensureChart(selector) {
    let chart = state.charts.get(selector);
    if (!chart) {
      const element = el('div', { class: 'chart', dataset: { selector } });
      chart = { selector, element, plot: null, series: null, data: null, quantiles: false };
      state.charts.set(selector, chart);
      $('charts').append(element);
    }
    return chart;
  }

  function renderChart(selector, result, from, to) {
    const list = result && result.series ? result.series : [];
    const chart = ensureChart(selector);
    const s = list[0];
    chart.element.dataset.resolution = result ? result.resolution : '';
    chart.element.dataset.points = s ? String(s.t.length) : '0';
    const title = el('header', {}, el('span', {}, s ? s.series : selector),
      el('button', { type: 'button', title: 'Remove chart', 'aria-label': 'Remove chart', onclick: () => removeChart(selector) }, '×'));
    if (!s) {
      if (chart.plot) chart.plot.destroy();
      chart.plot = null;
      chart.plotted = null;
      chart.element.replaceChildren(title, el('div', { class: 'empty' }, 'No stored data in this range yet.'));
      return;
    }
    chart.series = s.series;
    chart.data = chartData(s);
    const quantiles = Boolean(s.p50);
    chart.element.dataset.series = s.series;
    if (chart.plot && chart.quantiles === quantiles && chart.plotted === s.series) {
      chart.plot.setData(chart.data, false);
      chart.plot.setScale('x', { min: from, max: to });
      return;
    }
    if (chart.plot) chart.plot.destroy();
    chart.quantiles = quantiles;
    chart.plotted = s.series;
    chart.element.replaceChildren(title);
    const width = Math.max(300, chart.element.clientWidth - 14);
    chart.plot = new uPlot(chartOptions(chart, quantiles, width), chart.data, chart.element);
    chart.plot.setScale('x', { min: from, max: to });
    chart.plot.over.addEventListener('dblclick', resetZoom);
  }

  function removeChart(selector) {
    const chart = state.charts.get(selector);
    if (chart && chart.plot) chart.plot.destroy();
    if (chart) chart.element.remove();
    state.charts.delete(selector);
    state.series = state.series.filter((s) => s !== selector);
    writeUrl();
    connectEvents();
  }

  async function loadCharts() {
    const [from, to] = window_();
    state.series.forEach(ensureChart);
    await Promise.all(state.series.map(async (selector) => {
      const q = new URLSearchParams({ series: selector, from: from.toFixed(0), to: to.toFixed(0), resolution: 'auto' });
      try {
        const result = await api(`api/query_range?${q}`);
        renderChart(selector, result && result.series ? result : null, from, to);
        if (result && result.resolution) {
          $('resolution').dataset.resolution = result.resolution;
          $('resolution').textContent = `${result.resolution} buckets`;
        }
      } catch (e) {
        renderChart(selector, null, from, to);
        report(e);
      }
    }));
  }

  function redrawCharts() {
    for (const chart of state.charts.values()) if (chart.plot) chart.plot.redraw(false);
  }

  function rebuildCharts() {
    for (const chart of state.charts.values()) {
      if (chart.plot) chart.plot.destroy();
      chart.plot = null;
      chart.plotted = null;
      chart.element.replaceChildren();
    }
    loadCharts();
  }

  function zoomTo(from, to) {
    state.from = from;
    state.to = to;
    writeUrl();
    refreshRange();
  }

  function resetZoom() {
    state.from = null;
    state.to = null;
    writeUrl();
    refreshRange();
  }

  function appendSamples(samples) {
    if (state.from !== null) return;
    const [from] = window_();
    for (const sample of samples) {
      for (const chart of state.charts.values()) {
        if (!chart.plot || chart.series !== sample.series) continue;
        const d = chart.data;
        if (d[0].length && sample.t <= d[0][d[0].length - 1]) continue;
        d[0].push(sample.t);
        d[1].push(sample.v);
        d[2].push(sample.v);
        d[3].push(sample.v);
        for (let i = 4; i < d.length; i++) d[i].push(null);
        while (d[0].length && d[0][0] < from) d.forEach((c) => c.shift());
        chart.plot.setData(d, false);
        chart.plot.setScale('x', { min: from, max: nowSec() });
      }
    }
  }

  // ---- alerts ---------------------------------------------------------------------------------------------------

  // An alert arrives in Alertmanager v2's shape with RxMonitor's fields under `rxmonitor`; the page works on a flat
  // view of it, labelled by its identity (the labels without the severity the alert manager adds for matching).
  function alertView(a) {
    const x = a.rxmonitor;
    const labels = Object.assign({}, a.labels);
    if (labels.severity === x.severity) delete labels.severity;
    return {
      fingerprint: a.fingerprint, rule: x.rule, state: x.state, severity: x.severity, kind: x.kind, labels,
      annotations: a.annotations, value: x.value, activeAt: x.activeAt, startsAt: a.startsAt, updatedAt: a.updatedAt,
      flapping: x.flapping, silencedBy: a.status.silencedBy, inhibitedBy: a.status.inhibitedBy, series: x.series,
    };
  }

  function transitionView(t) {
    return Object.assign(alertView(t.alert), { timestamp: t.timestamp, change: t.change });
  }

  function renderAlerts() {
    const body = $('alerts').tBodies[0];
    body.replaceChildren();
    for (const a of state.alerts) {
      const flags = [];
      if (a.silencedBy.length) flags.push('silenced');
      if (a.inhibitedBy.length) flags.push('inhibited');
      if (a.flapping) flags.push('flapping');
      body.append(el('tr', { dataset: { fingerprint: a.fingerprint, rule: a.rule, state: a.state } },
        el('td', {}, a.rule),
        el('td', {}, labelChips(a.labels)),
        el('td', { class: `state-${a.state}` }, a.state),
        el('td', { class: `sev-${a.severity}` }, a.severity),
        el('td', {}, fmtTime(a.activeAt)),
        el('td', {}, fmtValue(a.value)),
        el('td', { class: 'flags' }, flags.join(', ')),
        el('td', {}, el('button', { type: 'button', class: 'silence', onclick: () => openSilence(a) }, 'Silence'))));
    }
    $('no-alerts').hidden = state.alerts.length > 0;
    const firing = state.alerts.filter((a) => a.state === 'firing').length;
    const pending = state.alerts.length - firing;
    $('counts').textContent = `${firing} firing, ${pending} pending`;
    $('counts').dataset.firing = String(firing);
  }

  // ---- silences -------------------------------------------------------------------------------------------------

  function parseMatchers(text) {
    const matchers = [];
    const errors = [];
    text.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
      const m = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?$/.exec(line);
      if (!m) {
        errors.push(`line ${i + 1}: '${line}' is not name=value, name!=value, name=~regex or name!~regex`);
        return;
      }
      matchers.push({ name: m[1], value: m[3], isRegex: m[2].includes('~'), isEqual: !m[2].startsWith('!') });
    });
    return { matchers, errors };
  }

  function matches(matcher, labels) {
    const value = labels[matcher.name] || '';
    let ok;
    if (matcher.isRegex) {
      try {
        ok = new RegExp(`^(?:${matcher.value})$`).test(value);
      } catch (e) {
        return false;
      }
    } else {
      ok = value === matcher.value;
    }
    return matcher.isEqual ? ok : !ok;
  }

  function updatePreview() {
    const { matchers } = parseMatchers($('silence-matchers').value);
    const list = $('silence-preview');
    list.replaceChildren();
    const hit = matchers.length
      ? state.alerts.filter((a) => matchers.every((m) => matches(m, Object.assign({ severity: a.severity }, a.labels))))
      : [];
    for (const a of hit) list.append(el('li', {}, a.rule, ' ', labelChips(a.labels)));
    if (!hit.length) list.append(el('li', { class: 'muted' }, 'no active alert'));
    list.dataset.count = String(hit.length);
  }

  function openSilence(alert) {
    const lines = Object.entries(alert.labels).map(([k, v]) => `${k}="${v}"`);
    $('silence-matchers').value = lines.join('\n');
    $('silence-comment').value = '';
    $('silence-error').textContent = '';
    $('silence-editor').hidden = false;
    updatePreview();
    $('silence-editor').scrollIntoView({ block: 'nearest' });
    $('silence-by').focus();
  }

  async function createSilence(event) {
    event.preventDefault();
    const { matchers, errors } = parseMatchers($('silence-matchers').value);
    if (errors.length) {
      $('silence-error').textContent = errors.join('; ');
      return;
    }
    const endsAt = new Date(Date.now() + Number($('silence-duration').value) * 1000).toISOString();
    try {
      await api('api/silences', { json: { matchers, endsAt, createdBy: $('silence-by').value, comment: $('silence-comment').value } });
      $('silence-editor').hidden = true;
      await loadSilences();
    } catch (e) {
      $('silence-error').textContent = e.message;
    }
  }

  async function expireSilence(id) {
    try {
      await api(`api/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });
      await loadSilences();
    } catch (e) {
      report(e);
    }
  }

  async function loadSilences() {
    let silences;
    try {
      silences = await api('api/silences');
    } catch (e) {
      report(e);
      return;
    }
    const body = $('silences').tBodies[0];
    body.replaceChildren();
    const shown = (silences || []).filter((s) => s.status.state !== 'expired' || Date.parse(s.endsAt) > Date.now() - 86400000);
    for (const s of shown.reverse()) {
      const text = s.matchers.map((m) => `${m.name}${m.isRegex ? (m.isEqual ? '=~' : '!~') : (m.isEqual ? '=' : '!=')}"${m.value}"`);
      body.append(el('tr', { dataset: { id: s.id, state: s.status.state } },
        el('td', {}, text.map((t) => el('span', { class: 'label' }, t))),
        el('td', {}, s.status.state),
        el('td', {}, fmtTime(s.startsAt)),
        el('td', {}, fmtTime(s.endsAt)),
        el('td', {}, s.createdBy),
        el('td', {}, s.comment),
        el('td', {}, s.status.state === 'expired' ? '' : el('button', { type: 'button', class: 'expire', onclick: () => expireSilence(s.id) }, 'Expire'))));
    }
    $('no-silences').hidden = shown.length > 0;
  }

  // ---- alert history --------------------------------------------------------------------------------------------

  async function loadHistory() {
    const [from, to] = window_();
    try {
      const body = await api(`api/alerts/history?${new URLSearchParams({ from: from.toFixed(0), to: (to + 60).toFixed(0) })}`);
      state.history = body && body.transitions ? body.transitions.map(transitionView) : [];
    } catch (e) {
      report(e);
      state.history = [];
    }
    renderTimeline();
  }

  function renderTimeline() {
    const [from, to] = window_();
    const span = to - from;
    const rules = new Map();
    const open = new Map();
    const close = (key, at) => {
      const p = open.get(key);
      if (p) {
        rules.get(p.rule).push(Object.assign(p, { end: at }));
        open.delete(key);
      }
    };
    for (const t of state.history) {
      if (!rules.has(t.rule)) rules.set(t.rule, []);
      const at = Date.parse(t.timestamp) / 1000;
      const current = open.get(t.fingerprint);
      if (current && current.state !== t.state) close(t.fingerprint, at);
      if ((t.state === 'pending' || t.state === 'firing') && !open.has(t.fingerprint)) {
        open.set(t.fingerprint, { rule: t.rule, state: t.state, start: at });
      }
    }
    // The active alerts are newer than the store's history (its writer commits in batches): a period they show that
    // the history does not have yet is drawn from them, as the chart bands do.
    for (const a of state.alerts) {
      if (a.state !== 'pending' && a.state !== 'firing') continue;
      const current = open.get(a.fingerprint);
      if (current && current.state === a.state) continue;
      const start = Date.parse(a.state === 'firing' ? a.startsAt : a.activeAt) / 1000;
      if (current) close(a.fingerprint, start);
      if (!rules.has(a.rule)) rules.set(a.rule, []);
      open.set(a.fingerprint, { rule: a.rule, state: a.state, start });
    }
    for (const [key] of open) close(key, to);
    const box = $('timeline');
    box.replaceChildren();
    for (const [rule, periods] of [...rules].sort((a, b) => a[0].localeCompare(b[0]))) {
      const track = el('div', { class: 'track', dataset: { rule } });
      for (const p of periods) {
        const left = Math.max(0, (p.start - from) / span);
        const right = Math.min(1, (p.end - from) / span);
        if (right <= 0 || left >= 1) continue;
        const segment = el('div', { class: `segment ${p.state}`, title: `${p.state} ${fmtTime(p.start * 1000)} – ${fmtTime(p.end * 1000)}` });
        segment.style.left = `${(left * 100).toFixed(3)}%`;
        segment.style.width = `${((right - left) * 100).toFixed(3)}%`;
        track.append(segment);
      }
      box.append(el('div', { class: 'rule' }, rule), track);
    }
    $('no-history').hidden = rules.size > 0;
  }

  // ---- live events ----------------------------------------------------------------------------------------------

  function setLive(on) {
    $('live').dataset.live = on ? 'on' : 'off';
  }

  function connectEvents() {
    if (state.events) state.events.close();
    const q = new URLSearchParams();
    for (const s of state.series) q.append('match[]', s);
    const events = new EventSource(`api/events?${q}`);
    state.events = events;
    const on = (name, handler) => events.addEventListener(name, (e) => {
      state.lastEvent = Date.now();
      setLive(true);
      handler(JSON.parse(e.data));
    });
    on('snapshot', (body) => {
      if (body.health) renderHealth(body.health);
      state.alerts = body.alerts.map(alertView);
      renderAlerts();
      redrawCharts();
      appendSamples(body.samples);
    });
    on('samples', appendSamples);
    on('alerts', (alerts) => {
      state.alerts = alerts.map(alertView);
      renderAlerts();
      if (!$('silence-editor').hidden) updatePreview();
      loadHistory().then(loadCharts);
    });
    on('health', renderHealth);
    on('heartbeat', () => {});
    events.onerror = () => {
      setLive(false);
      // A 401 on the stream closes it for good: find out whether a login is needed.
      if (events.readyState === EventSource.CLOSED) setTimeout(start, 3000);
    };
  }

  // ---- range and toolbar ----------------------------------------------------------------------------------------

  function renderRanges() {
    const nav = $('ranges');
    nav.replaceChildren();
    for (const [name] of PRESETS) {
      nav.append(el('button', {
        type: 'button', dataset: { range: name }, 'aria-pressed': String(state.from === null && state.range === name),
        onclick: () => {
          state.range = name;
          state.from = null;
          state.to = null;
          writeUrl();
          refreshRange();
        },
      }, name));
    }
  }

  async function refreshRange() {
    renderRanges();
    await loadHistory();
    await loadCharts();
  }

  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme;
    $('theme').textContent = theme === 'dark' ? 'Light' : 'Dark';
    localStorage.setItem('rxmonitor.theme', theme);
  }

  function applyTz(utc) {
    state.utc = utc;
    $('tz').textContent = utc ? 'UTC' : 'Local';
    $('tz').setAttribute('aria-pressed', String(!utc));
    localStorage.setItem('rxmonitor.tz', utc ? 'utc' : 'local');
  }

  async function start() {
    let session;
    try {
      session = await api('api/session');
    } catch (e) {
      report(e);
      return;
    }
    if (session.loginRequired && !session.authenticated) {
      showLogin();
      return;
    }
    $('logout').hidden = !session.loginRequired;
    $('login').hidden = true;
    $('app').hidden = false;
    renderRanges();
    connectEvents();
    await Promise.all([refreshRange(), loadSilences(), loadSeriesNames()]);
  }

  async function loadSeriesNames() {
    try {
      const body = await api('api/series');
      const names = new Set((body && body.series ? body.series : []).map((s) => s.series));
      $('series-names').replaceChildren(...[...names].map((n) => el('option', { value: n })));
      addScoreCharts([...names].filter((n) => isScore(n) && !state.series.includes(n)).sort());
    } catch (e) {
      report(e);
    }
  }

  function addScoreCharts(scores) {
    // Only on the default view: a URL that names its charts shows those.
    if (!state.defaultView || scores.length === 0) return;
    state.defaults.push(...scores);
    state.series.push(...scores);
    connectEvents();
    loadCharts();
  }

  function addChart(event) {
    event.preventDefault();
    const selector = $('match').value.trim();
    $('explorer-error').textContent = '';
    if (!selector || state.series.includes(selector)) return;
    api(`api/series?${new URLSearchParams({ 'match[]': selector })}`).then(() => {
      state.series.push(selector);
      $('match').value = '';
      writeUrl();
      connectEvents();
      loadCharts();
    }, (e) => { $('explorer-error').textContent = e.message; });
  }

  function init() {
    readUrl();
    const stored = localStorage.getItem('rxmonitor.theme');
    applyTheme(stored || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
    applyTz(localStorage.getItem('rxmonitor.tz') !== 'local');
    $('theme').addEventListener('click', () => {
      applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark');
      rebuildCharts();
    });
    $('tz').addEventListener('click', () => {
      applyTz(!state.utc);
      rebuildCharts();
      renderAlerts();
      loadSilences();
    });
    $('logout').addEventListener('click', logout);
    $('login-form').addEventListener('submit', login);
    $('explorer').addEventListener('submit', addChart);
    $('silence-form').addEventListener('submit', createSilence);
    $('silence-cancel').addEventListener('click', () => { $('silence-editor').hidden = true; });
    $('silence-matchers').addEventListener('input', updatePreview);
    setInterval(() => { if (Date.now() - state.lastEvent > 40000) setLive(false); }, 5000);
    setInterval(() => { if (state.from === null && !$('app').hidden) loadHistory().then(loadCharts); }, 60000);
    // A chart without stored data yet (a fresh store writes its first 10 s roll-up within seconds) is asked again soon.
    setInterval(() => {
      if (state.from === null && !$('app').hidden && [...state.charts.values()].some((c) => !c.plot)) loadCharts();
    }, 5000);
    start();
  }

  document.addEventListener('DOMContentLoaded', init);
}());
