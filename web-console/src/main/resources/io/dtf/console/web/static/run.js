// A run's page: progress by state, counts, elapsed and ETA, why queued tasks wait, its tasks (paged,
// filtered by state in the query string) and a cancel button for submitters. Live from /ws; every 10 s
// it reloads from the API as well, so it works without a single event.
(function () {
  'use strict';
  const { api, live, el, fmt, cookie } = window.Dtf;
  const R = window.DtfRuns;
  const root = document.getElementById('run');
  const runId = decodeURIComponent(location.pathname.split('/')[2] || '');
  const query = new URLSearchParams(location.search);
  const LIMIT = 50;
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  const stateFilter = (query.get('state') || '').toUpperCase();
  let detail = null, tasks = null, error = null, me = null, cancelNote = null;

  async function loadRun() {
    try {
      detail = await api('/api/runs/' + encodeURIComponent(runId));
      error = null;
    } catch (e) { error = e; }
    redraw();
  }
  async function loadTasks() {
    const q = new URLSearchParams({ offset: String(offset), limit: String(LIMIT) });
    if (stateFilter) q.set('state', stateFilter);
    if (query.get('q')) q.set('q', query.get('q'));
    try {
      tasks = await api('/api/runs/' + encodeURIComponent(runId) + '/tasks?' + q);
    } catch (e) { error = e; }
    redraw();
  }
  function loadAll() { loadRun(); loadTasks(); }

  function summary(run) {
    const done = R.done(run);
    const start = new Date(run.submittedAt).getTime();
    const end = run.endedAt ? new Date(run.endedAt).getTime() : Date.now();
    const elapsed = end - start;
    const eta = run.endedAt ? null : done > 0 ? elapsed / done * (run.total - done) : null;
    return el('section', { id: 'run-summary', 'data-done': done, 'data-total': run.total,
      'data-ended': run.endedAt ? 'true' : 'false' },
      R.bar(run, true),
      el('div', { class: 'chips', id: 'run-counts' }, R.STATES.filter((s) => run.counts[s]).map((s) =>
        el('a', { href: '?state=' + s, 'data-count-state': s }, R.stateText(s), ' ' + run.counts[s]))),
      el('div', { class: 'cards' },
        card('Done', done + ' / ' + run.total, 'run-done'),
        card('Elapsed', R.seconds(elapsed)),
        card(run.endedAt ? 'Ended' : 'ETA', run.endedAt ? new Date(run.endedAt).toLocaleTimeString() : eta == null ? '—' : R.seconds(eta)),
        card('Owner', run.owner || '—')));
  }
  function card(label, value, id) {
    return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value', id: id }, value));
  }

  function waiting(list) {
    if (!list || list.length === 0) return null;
    return el('section', { id: 'waiting' }, el('h2', {}, 'Why queued tasks wait'),
      el('ul', {}, list.map((w) => el('li', {}, el('strong', {}, w.tasks + ' '), w.reason))));
  }

  function cancelButton(run) {
    if (run.endedAt) return null;
    const allowed = me && (me.role === 'submitter' || me.role === 'admin');
    return el('div', { class: 'filters' },
      el('button', { id: 'cancel-run', type: 'button', disabled: !allowed, onclick: cancel },
        'Cancel run'),
      allowed ? null : el('span', { class: 'muted' }, 'cancelling needs the submitter role'),
      cancelNote ? el('span', { role: 'status' }, cancelNote) : null);
  }
  async function cancel() {
    if (!confirm('Cancel run ' + runId + '? Waiting tasks leave the queue and running ones are stopped.')) return;
    try {
      const r = await api('/api/runs/' + encodeURIComponent(runId) + '/cancel', { method: 'POST' });
      cancelNote = r.dequeued + ' waiting task(s) cancelled, ' + r.stopping + ' being stopped';
    } catch (e) { cancelNote = e.message; }
    loadAll();
  }

  function filters() {
    const options = [['', 'every state'], ['FAILED,ERROR,TIMED_OUT', 'failed (any kind)']]
      .concat(R.STATES.map((s) => [s, s.toLowerCase()]));
    return el('form', { class: 'filters', method: 'get', action: R.runLink(runId) },
      el('label', {}, 'State', el('select', { name: 'state', id: 'state-filter' }, options.map(([v, t]) =>
        el('option', { value: v, selected: stateFilter === v }, t)))),
      el('label', {}, 'Task contains', el('input', { name: 'q', value: query.get('q') || '', size: 16 })),
      el('button', { type: 'submit' }, 'Show'));
  }

  function taskRow(t) {
    return el('tr', { 'data-task-id': t.taskId },
      el('td', {}, el('a', { class: 'id', href: R.taskLink(runId, t.taskId) }, t.taskId)),
      el('td', {}, R.stateText(t.state)),
      el('td', {}, String(t.attempts)),
      el('td', { class: 'hide-narrow id' }, t.nodeId ? t.nodeId.slice(0, 8) : '—'),
      el('td', { class: 'hide-narrow' }, t.hwClass || '—'),
      el('td', { class: 'muted' }, t.waitingReason || ''));
  }

  function pager() {
    if (!tasks || tasks.total <= LIMIT) return null;
    const link = (o) => { const q = new URLSearchParams(query); q.set('offset', String(o)); return '?' + q; };
    return el('nav', { class: 'pager', 'aria-label': 'Pages of tasks' },
      offset > 0 ? el('a', { href: link(Math.max(0, offset - LIMIT)), id: 'tasks-prev' }, '← previous') : null,
      el('span', { class: 'muted' }, (offset + 1) + '–' + Math.min(offset + LIMIT, tasks.total) + ' of ' + tasks.total),
      offset + LIMIT < tasks.total ? el('a', { href: link(offset + LIMIT), id: 'tasks-next' }, 'next →') : null);
  }

  // The page's frame is built once: redraws replace the slots' contents, never the form being typed in.
  const slots = { error: el('div'), head: el('div'), summary: el('div'), tasks: el('div') };
  root.replaceChildren(el('p', {}, el('a', { href: '/runs' }, '← Runs')),
    el('h1', {}, 'Run ', el('span', { class: 'id' }, runId)), slots.error, slots.head, slots.summary,
    el('h2', {}, 'Tasks'), filters(), slots.tasks);

  const redraw = R.coalesce(() => {
    slots.error.replaceChildren(...(error ? [R.errorBox(error)] : []));
    if (detail) {
      const run = detail.run;
      slots.head.replaceChildren(el('p', { class: 'muted' }, 'Suite ' + run.suite + ' · submitted ' + fmt.time(run.submittedAt)));
      if (!slots.summary.contains(document.activeElement) || document.activeElement === document.body) {
        slots.summary.replaceChildren(...[summary(run), cancelButton(run), waiting(detail.waiting)].filter(Boolean));
      }
    }
    if (tasks) {
      slots.tasks.replaceChildren(...[tasks.items.length === 0 ? el('p', { class: 'muted' }, 'No task matches.') :
        el('div', { class: 'table-wrap' }, el('table', { id: 'tasks-table' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Task'), el('th', {}, 'State'), el('th', {}, 'Attempts'),
            el('th', { class: 'hide-narrow' }, 'Node'), el('th', { class: 'hide-narrow' }, 'Hardware'),
            el('th', {}, 'Waiting because'))),
          el('tbody', {}, tasks.items.map(taskRow)))), pager()].filter(Boolean));
    }
  });

  const reloadTasks = R.debounce(loadTasks, 1000);
  const reloadRun = R.debounce(loadRun, 1000);
  live((batch) => {
    if (batch.resync) { loadAll(); return; }
    let changed = false;
    for (const ev of batch.events || []) {
      if (ev.runId !== runId) continue;
      if (ev.type === 'run' && detail) {
        detail.run.total = ev.total; detail.run.counts = ev.counts || detail.run.counts;
        detail.run.endedAt = ev.endedAt || detail.run.endedAt;
        if (ev.counts && ev.counts.QUEUED) reloadRun(); // the waiting reasons change with the queue
        changed = true;
      } else if (ev.type === 'task' && tasks) {
        const t = tasks.items.find((x) => x.taskId === ev.taskId);
        if (t) {
          t.state = ev.state; t.attempts = ev.attempts; t.nodeId = ev.nodeId || t.nodeId;
          if (stateFilter && !stateFilter.split(',').includes(ev.state)) reloadTasks();
          changed = true;
        } else if (stateFilter && stateFilter.split(',').includes(ev.state)) {
          reloadTasks(); // it joins this filtered list
        }
      }
    }
    if (changed) redraw();
  });
  api('/api/me').then((m) => { me = m; redraw(); }).catch(() => {});
  setInterval(() => { if (!detail || !detail.run.endedAt) loadAll(); }, 10000);
  setInterval(() => { if (detail && !detail.run.endedAt) redraw(); }, 1000); // elapsed and ETA tick
  loadAll();
})();
