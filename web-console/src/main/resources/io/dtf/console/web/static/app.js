// The console's shared script: the header, the theme, API calls and the live connection.
// Each page adds its own script (static/<page>.js), which uses window.Dtf.
(function () {
  'use strict';
  const PAGES = [
    ['/', 'Overview'], ['/workers', 'Workers'], ['/topology', 'Topology'], ['/runs', 'Runs'],
    ['/results', 'Results'], ['/faults', 'Fault tolerance'], ['/submit', 'Submit']
  ];
  const THEME_KEY = 'dtf.theme';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') node.className = v;
      // Through the CSS object model: the console's CSP refuses style attributes, not this.
      else if (k === 'style') node.style.cssText = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c == null) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function cookie(name) {
    const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }

  /** Calls the API; answers the parsed JSON, or throws an Error with the API's message and field. */
  async function api(path, options) {
    const opts = Object.assign({ method: 'GET', headers: {} }, options || {});
    opts.headers = Object.assign({ 'Accept': 'application/json' }, opts.headers);
    if (opts.method !== 'GET') {
      const csrf = cookie('dtf_csrf');
      if (csrf) opts.headers['X-CSRF-Token'] = csrf;
    }
    if (opts.json !== undefined) {
      opts.body = JSON.stringify(opts.json);
      opts.headers['Content-Type'] = 'application/json';
      delete opts.json;
    }
    opts.credentials = 'same-origin';
    const res = await fetch(path, opts);
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
    if (res.status === 401 && location.pathname !== '/login') {
      location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
    }
    if (!res.ok) {
      const err = new Error((body && body.message) || (res.status + ' ' + res.statusText));
      err.status = res.status; err.field = body && body.field;
      throw err;
    }
    return body;
  }

  // Live updates: one WebSocket per page; handlers get batches of events (never one call per event),
  // and a {resync: true} batch when the page missed more than the server kept: then reload data.
  const handlers = [];
  let lastSeq = 0, socket = null, retry = 500;
  function live(handler) {
    handlers.push(handler);
    if (!socket) connect();
  }
  // Frames that arrive together (a burst comes as several) reach the handlers merged, once per
  // animation frame and at most PER_FRAME events at a time; while the tab is hidden no animation
  // frame runs, so nothing is rendered, and past MAX_HELD events the held ones are dropped for a
  // resync: the page reloads when seen again.
  const MAX_HELD = 50000;
  let held = null, heldEvents = 0, scheduled = false;
  function hold(batch) {
    const events = Array.isArray(batch.events) ? batch.events : [];
    if (batch.resync || (held && held.resync)) {
      held = { seq: batch.seq, resync: true }; // a reload reads the state as it is then: later events add nothing
    } else if (!held) {
      held = { seq: batch.seq, events: events.slice() };
      heldEvents = events.length;
    } else {
      for (const e of events) held.events.push(e);
      held.seq = batch.seq;
      heldEvents += events.length;
    }
    if (heldEvents > MAX_HELD) held = { seq: batch.seq, resync: true };
    if (!scheduled) { scheduled = true; requestAnimationFrame(deliver); }
  }
  const PER_FRAME = 1000; // events handed over per animation frame: a burst is spread, the page keeps drawing
  function deliver() {
    scheduled = false;
    let batch = held;
    if (!batch) return;
    if (batch.events && batch.events.length > PER_FRAME) {
      held = { seq: batch.seq, events: batch.events.slice(PER_FRAME) };
      heldEvents = held.events.length;
      batch = { seq: batch.seq, events: batch.events.slice(0, PER_FRAME) };
      scheduled = true;
      requestAnimationFrame(deliver);
    } else {
      held = null; heldEvents = 0;
    }
    for (const h of handlers) {
      try { h(batch); } catch (e) { console.error(e); }
    }
  }
  function setConn(state, text) {
    const c = document.getElementById('dtf-conn');
    if (c) { c.dataset.state = state; c.textContent = text; }
  }
  function connect() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(proto + '//' + location.host + '/ws?since=' + lastSeq);
    socket.onopen = () => { retry = 500; setConn('live', 'live'); };
    socket.onmessage = (msg) => {
      let batch;
      try { batch = JSON.parse(msg.data); } catch (e) { return; }
      if (typeof batch.seq === 'number') lastSeq = batch.seq;
      hold(batch);
    };
    socket.onclose = () => {
      setConn('down', 'reconnecting…');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  function theme() {
    return localStorage.getItem(THEME_KEY) || 'auto';
  }
  function applyTheme(value) {
    if (value === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', value);
    document.dispatchEvent(new CustomEvent('dtf-theme'));
  }
  /** Whether the page is dark now (the reader's choice, else the system's). */
  function dark() {
    const t = theme();
    return t === 'dark' || (t === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  function header() {
    const here = location.pathname;
    const current = PAGES.filter(([p]) => p === '/' ? here === '/' : here.startsWith(p)).map(([p]) => p)[0];
    const select = el('select', { id: 'dtf-theme', 'aria-label': 'Theme', onchange: (e) => {
      localStorage.setItem(THEME_KEY, e.target.value); applyTheme(e.target.value);
    } }, ['auto', 'light', 'dark'].map((t) => el('option', { value: t, selected: t === theme() }, 'Theme: ' + t)));
    const top = el('header', { class: 'top' },
      el('a', { class: 'skip', href: '#main' }, 'Skip to content'),
      el('a', { class: 'brand', href: '/' }, 'DTF'),
      el('nav', { 'aria-label': 'Pages' }, PAGES.map(([p, name]) =>
        el('a', { href: p, 'aria-current': p === current ? 'page' : null }, name))),
      el('span', { id: 'dtf-conn', class: 'conn', 'aria-live': 'polite' }),
      select);
    document.body.prepend(top);
    // Who is logged in, and a way out (only when the grid asks for logins).
    api('/api/me').then((me) => {
      if (!me || !me.secured) return;
      top.append(el('span', { id: 'dtf-me', class: 'muted' }, me.subject + ' (' + me.role + ')'),
        el('button', { type: 'button', id: 'dtf-logout', onclick: async () => {
          try { await api('/logout', { method: 'POST' }); } catch (e) { /* logged out already */ }
          location.href = '/login';
        } }, 'Log out'));
    }).catch(() => {});
  }

  const fmt = {
    time: (iso) => iso ? new Date(iso).toLocaleString() : '—',
    ago: (iso) => {
      if (!iso) return '—';
      const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
      return s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : Math.round(s / 3600) + ' h ago';
    },
    millis: (ms) => ms == null ? '—' : ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s',
    num: (n) => n == null ? '—' : Number(n).toLocaleString()
  };

  applyTheme(theme());
  window.Dtf = { api, live, el, fmt, dark, cookie };
  document.addEventListener('DOMContentLoaded', header);
})();
