// Shared by the runs, run, task and submit pages: states, links, the progress bar, redraw coalescing.
(function () {
  'use strict';
  const { el } = window.Dtf;
  const STATES = ['PASSED', 'FLAKY', 'FAILED', 'ERROR', 'TIMED_OUT', 'CANCELLED', 'RUNNING', 'QUEUED'];

  /** A task id in a path: every character encoded but '/', which the route takes as part of the id. */
  function taskPath(id) {
    return encodeURIComponent(id).replace(/%2F/g, '/');
  }
  function runLink(id) { return '/runs/' + encodeURIComponent(id); }
  function taskLink(runId, taskId) { return runLink(runId) + '/tasks/' + taskPath(taskId); }

  function done(run) {
    return Object.entries(run.counts || {}).filter(([s]) => s !== 'QUEUED' && s !== 'RUNNING')
      .reduce((n, [, c]) => n + c, 0);
  }

  /** The progress bar: one segment per state, widths by count; the label says it in words. */
  function bar(run, big) {
    const total = Math.max(run.total || 0, 1);
    const words = STATES.filter((s) => run.counts && run.counts[s]).map((s) => run.counts[s] + ' ' + s.toLowerCase()).join(', ');
    return el('div', { class: 'bar' + (big ? ' big' : ''), role: 'img', 'aria-label': words || 'no tasks' },
      STATES.filter((s) => run.counts && run.counts[s]).map((s) =>
        el('span', { class: 's-' + s, style: 'width:' + (100 * run.counts[s] / total) + '%', title: run.counts[s] + ' ' + s })));
  }

  function stateText(state) {
    return el('span', { class: 'state state-' + state, 'data-state': state }, state);
  }

  /**
   * Calls draw() at most once per animation frame however often it is asked: a burst of live events
   * costs one redraw.
   */
  function coalesce(draw) {
    let pending = false;
    return function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; draw(); });
    };
  }

  /** Runs fn at most once per `ms`, trailing: a burst of changes costs one reload. */
  function debounce(fn, ms) {
    let timer = null;
    return function () {
      if (timer) return;
      timer = setTimeout(() => { timer = null; fn(); }, ms);
    };
  }

  function seconds(ms) {
    if (ms == null || !isFinite(ms)) return '—';
    const s = Math.round(ms / 1000);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function errorBox(e) {
    return el('p', { class: 'error', role: 'alert' }, e.message + (e.field ? ' (' + e.field + ')' : ''));
  }

  window.DtfRuns = { STATES, taskPath, runLink, taskLink, done, bar, stateText, coalesce, debounce, seconds, errorBox };
})();
