// The runs page: every run, newest first, with its progress; live from /ws, refreshed every 10 s as well.
(function () {
  'use strict';
  const { api, live, el, fmt } = window.Dtf;
  const R = window.DtfRuns;
  const root = document.getElementById('runs');
  const query = new URLSearchParams(location.search);
  const LIMIT = 50;
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  let page = null;
  let error = null;

  async function load() {
    const q = new URLSearchParams({ offset: String(offset), limit: String(LIMIT) });
    if (query.get('suite')) q.set('suite', query.get('suite'));
    if (query.get('active')) q.set('active', query.get('active'));
    try {
      page = await api('/api/runs?' + q);
      error = null;
    } catch (e) {
      error = e;
    }
    redraw();
  }

  function filters() {
    return el('form', { class: 'filters', method: 'get', action: '/runs' },
      el('label', {}, 'Suite contains', el('input', { name: 'suite', value: query.get('suite') || '', size: 16 })),
      el('label', {}, 'Runs', el('select', { name: 'active' },
        [['', 'all'], ['true', 'going'], ['false', 'ended']].map(([v, t]) =>
          el('option', { value: v, selected: (query.get('active') || '') === v }, t)))),
      el('button', { type: 'submit' }, 'Filter'),
      el('a', { class: 'button', href: '/submit' }, 'Submit a suite'));
  }

  function row(run) {
    const done = R.done(run);
    return el('tr', { 'data-run-id': run.runId, 'data-done': done, 'data-total': run.total },
      el('td', {}, el('a', { class: 'id', href: R.runLink(run.runId) }, run.runId)),
      el('td', { class: 'hide-narrow' }, run.suite),
      el('td', {}, R.bar(run), el('span', { class: 'muted' }, done + ' / ' + run.total)),
      el('td', {}, run.endedAt ? (run.total === (run.counts.PASSED || 0) + (run.counts.FLAKY || 0)
        ? el('span', { class: 'state state-PASSED' }, 'passed') : el('span', { class: 'state state-FAILED' }, 'ended'))
        : el('span', { class: 'state state-RUNNING' }, 'going')),
      el('td', { class: 'hide-narrow' }, fmt.ago(run.submittedAt)),
      el('td', { class: 'hide-narrow' }, run.owner || '—'));
  }

  function pager() {
    if (!page || page.total <= LIMIT) return null;
    const link = (o) => { const q = new URLSearchParams(query); q.set('offset', String(o)); return '/runs?' + q; };
    return el('nav', { class: 'pager', 'aria-label': 'Pages of runs' },
      offset > 0 ? el('a', { href: link(Math.max(0, offset - LIMIT)) }, '← newer') : null,
      el('span', { class: 'muted' }, (offset + 1) + '–' + Math.min(offset + LIMIT, page.total) + ' of ' + page.total),
      offset + LIMIT < page.total ? el('a', { href: link(offset + LIMIT) }, 'older →') : null);
  }

  // The frame (title, filter form) is built once; redraws replace the table only.
  const slot = el('div');
  root.replaceChildren(el('h1', {}, 'Runs'), filters(), slot);

  const redraw = R.coalesce(() => {
    const children = [];
    if (error) children.push(R.errorBox(error));
    if (page) {
      children.push(page.items.length === 0 ? el('p', { class: 'muted', id: 'no-runs' }, 'No runs yet.') :
        el('div', { class: 'table-wrap' }, el('table', { id: 'runs-table' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Run'), el('th', { class: 'hide-narrow' }, 'Suite'),
            el('th', {}, 'Progress'), el('th', {}, 'State'), el('th', { class: 'hide-narrow' }, 'Submitted'),
            el('th', { class: 'hide-narrow' }, 'Owner'))),
          el('tbody', {}, page.items.map(row)))), pager());
    }
    slot.replaceChildren(...children.filter(Boolean));
  });

  const reload = R.debounce(load, 500);
  live((batch) => {
    if (batch.resync) { reload(); return; }
    let changed = false;
    for (const ev of batch.events || []) {
      if (ev.type !== 'run' || !page) continue;
      const run = page.items.find((r) => r.runId === ev.runId);
      if (!run) { if (offset === 0) reload(); continue; } // a new run: it belongs on the first page
      run.total = ev.total; run.counts = ev.counts || run.counts; run.endedAt = ev.endedAt || run.endedAt;
      changed = true;
    }
    if (changed) redraw();
  });
  setInterval(load, 10000);
  load();
})();
