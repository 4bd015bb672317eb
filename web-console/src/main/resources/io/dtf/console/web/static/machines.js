// Shared by the machines pages (overview, workers, one worker, topology): each loads its data from
// /api, redraws at most once a frame, loads again when live events of its kinds arrive (bursts folded
// into one load a second) and every 10 s in case no event ever comes.
window.DtfMachines = (function () {
  'use strict';
  const FALLBACK_MS = 10000;
  const MIN_GAP_MS = 1000;

  /**
   * follow({load: async () => data, render: (data, error) => void, types: ['node', 'task']})
   * (or wants: (event) => boolean instead of types). Answers {reload, redraw}.
   */
  function follow(opts) {
    const types = opts.types || [];
    const wants = opts.wants || ((e) => types.includes(e.type));
    let data = null, error = null, frame = 0, loading = false, again = false, last = 0, timer = 0;
    function redraw() {
      if (frame) return;
      frame = requestAnimationFrame(() => { frame = 0; opts.render(data, error); });
    }
    async function load() {
      if (loading) { again = true; return; }
      loading = true; last = Date.now();
      try { data = await opts.load(); error = null; } catch (e) { error = e; }
      loading = false;
      redraw();
      if (again) { again = false; reload(); }
    }
    function reload() {
      if (timer) return;
      timer = setTimeout(() => { timer = 0; load(); }, Math.max(0, last + MIN_GAP_MS - Date.now()));
    }
    Dtf.live((batch) => {
      if (batch.resync || (batch.events || []).some(wants)) reload();
    });
    setInterval(load, FALLBACK_MS);
    document.addEventListener('dtf-theme', redraw);
    load();
    return { reload, redraw };
  }

  /** Replaces the children of the element with this id. */
  function fill(id, ...children) {
    const node = document.getElementById(id);
    node.replaceChildren(...children.flat().filter((c) => c != null));
    return node;
  }

  /** A bar of busy slots, with the numbers beside it for screen readers and narrow screens. */
  function slotBar(busy, slots) {
    const share = slots > 0 && busy != null ? Math.min(1, busy / slots) : 0;
    return Dtf.el('span', { class: 'slots' },
      Dtf.el('span', { class: 'bar', role: 'img', 'aria-label': (busy == null ? '?' : busy) + ' of ' + slots + ' slots busy' },
        Dtf.el('span', { style: 'width:' + Math.round(share * 100) + '%;background:var(--run)' })),
      Dtf.el('span', { class: 'slots-text' }, (busy == null ? '?' : busy) + '/' + slots));
  }

  function stateBadge(state) {
    return Dtf.el('span', { class: 'badge badge-' + state, 'data-state': state }, state);
  }

  function percent(share) {
    return share == null ? '—' : Math.round(share * 100) + ' %';
  }

  /** Seconds as "45 s", "12 min", "3 h 5 min". */
  function duration(seconds) {
    if (seconds == null) return '—';
    const s = Math.round(seconds);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.round(s / 60) + ' min';
    return Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min';
  }

  function bytes(n) {
    if (n == null || isNaN(n)) return String(n);
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = Number(n), i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
  }

  /** Text made safe for the HTML that chart tooltips render. */
  function escape(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function errorBox(error) {
    return error ? Dtf.el('p', { class: 'error', role: 'alert' }, 'Could not load: ' + error.message) : null;
  }

  const shortId = (id) => id ? id.slice(0, 8) : '—';

  return { follow, fill, slotBar, stateBadge, percent, duration, bytes, escape, errorBox, shortId };
})();
