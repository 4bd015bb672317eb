// Fault tolerance: retries by failure category, failovers, quarantines, failure rate per worker, flaky tasks
// and tests. Loads /api/faults with the page's own query string (so a view can be shared), then again when
// tasks end or alerts come (coalesced), and every 15 s in case no event ever comes.
(function () {
  'use strict';
  const { el, fmt, api } = Dtf;
  const FIELDS = ['runs', 'since', 'until', 'limit'];
  const REFRESH_MS = 15000;
  const COALESCE_MS = 1500;
  const params = new URLSearchParams(location.search);
  const root = document.getElementById('faults');
  let chart = null, lastCategories = [], loading = false, again = false, pending = null, version = 0;

  // The filter form shows what the page shows; submitting it keeps only the fields filled in.
  const form = document.getElementById('faults-filter');
  for (const f of FIELDS) if (params.get(f)) form.elements[f].value = params.get(f);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const qs = new URLSearchParams();
    for (const f of FIELDS) if (form.elements[f].value.trim()) qs.set(f, form.elements[f].value.trim());
    location.href = '/faults' + (qs.toString() ? '?' + qs : '');
  });

  function query() {
    const qs = new URLSearchParams();
    for (const f of FIELDS) if (params.get(f)) qs.set(f, params.get(f));
    return qs.toString() ? '?' + qs : '';
  }

  async function load() {
    if (loading) { again = true; return; }
    loading = true;
    const error = document.getElementById('faults-error');
    try {
      render(await api('/api/faults' + query()));
      error.hidden = true;
      document.getElementById('faults-status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      error.hidden = false;
      error.textContent = (e.field ? e.field + ': ' : '') + e.message;
      if (e.field && form.elements[e.field]) form.elements[e.field].setAttribute('aria-invalid', 'true');
    } finally {
      loading = false;
      if (again) { again = false; schedule(); }
    }
  }

  function schedule() {
    if (!pending) pending = setTimeout(() => { pending = null; load(); }, COALESCE_MS);
  }

  const worker = (id) => id ? el('a', { href: '/workers/' + encodeURIComponent(id), 'data-worker-link': id }, short(id)) : '—';
  const run = (id) => id ? el('a', { href: '/runs/' + encodeURIComponent(id), class: 'run-id' }, id) : '—';
  // Node ids are UUIDs: their first 8 characters tell them apart on a page; the link holds the whole id.
  const short = (id) => String(id).length > 13 ? String(id).slice(0, 8) + '…' : String(id);
  const pct = (x) => (x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0) + ' %';
  // How an attempt was lost: its node left the grid, its node stopped (and killed it), or its coordinator died.
  const how = (f) => f.category === 'NODE_LEFT' ? '(left the grid)'
    : String(f.decision || '').startsWith('run again: lost with its coordinator') ? '(lost with the coordinator)' : '(node stopped)';
  const label = (c) => String(c).toLowerCase().replace(/_/g, ' ');

  function table(caption, headers, rows, empty) {
    if (!rows.length) return el('p', { class: 'muted' }, empty);
    return el('div', { class: 'table-wrap' }, el('table', {},
      el('caption', { class: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, headers.map(([h, cls]) => el('th', { scope: 'col', class: cls }, h)))),
      el('tbody', {}, rows)));
  }

  function card(label, value, id) {
    return el('div', { class: 'card', id }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, fmt.num(value)));
  }

  function section(id, title, ...body) {
    return el('section', { id, 'aria-labelledby': id + '-title' }, el('h2', { id: id + '-title' }, title), ...body);
  }

  function render(view) {
    const h = view.history;
    const stretch = h.from ? 'from ' + fmt.time(h.from) + (h.to ? ' to ' + fmt.time(h.to) : ' to now') : 'nothing stored yet';
    const cats = h.categories;
    lastCategories = cats;
    const content = [
      el('p', { class: 'muted' }, h.runs + ' run(s), ' + stretch + '.'),
      el('div', { class: 'cards' },
        card('Attempts', h.attempts, 'faults-attempts'), card('Failed attempts', h.failedAttempts, 'faults-failed'),
        card('Retried', h.retried, 'faults-retried'), card('Failovers', h.failoverCount, 'faults-failover-count'),
        card('Quarantined now', view.quarantinedNow.length, 'faults-quarantined-count')),
      section('retries', 'Retries by failure category',
        cats.length ? el('div', { id: 'faults-chart', class: 'chart', role: 'img',
          'aria-label': 'Failed attempts per failure category, retried or ending their task; the table below has the numbers' }) : null,
        table('Failed attempts per failure category', [['Category'], ['Whose'], ['Failed attempts'], ['Retried'], ['Ended the task']],
          cats.map((c) => el('tr', { 'data-category': c.category },
            el('td', {}, el('code', {}, c.category)), el('td', {}, c.infrastructure ? 'the machine' : 'the task'),
            el('td', { 'data-count': 'attempts' }, fmt.num(c.attempts)), el('td', { 'data-count': 'retried' }, fmt.num(c.retried)),
            el('td', { 'data-count': 'ended' }, fmt.num(c.ended)))),
          'No attempt failed.')),
      section('failovers', 'Failovers: attempts lost with their node',
        h.failoverCount > h.failovers.length ? el('p', { class: 'muted' }, 'The latest ' + h.failovers.length + ' of ' + h.failoverCount + '.') : null,
        table('Failovers', [['When'], ['Run'], ['Task'], ['Attempt', 'hide-narrow'], ['Lost on'], ['Ran again on'], ['Decision', 'hide-narrow']],
          h.failovers.map((f) => el('tr', { 'data-failover': f.taskId, 'data-node-id': f.nodeId || '' },
            el('td', {}, fmt.time(f.endedAt)), el('td', {}, run(f.runId)), el('td', {}, f.taskName || f.taskId),
            el('td', { class: 'hide-narrow' }, f.attempt), el('td', { title: f.error || '' }, worker(f.nodeId), ' ', el('span', { class: 'muted' }, how(f))),
            el('td', {}, f.retriedOn ? worker(f.retriedOn) : el('span', { class: 'muted' }, 'not yet')),
            el('td', { class: 'hide-narrow' }, f.decision || '—'))),
          'No attempt was lost with its node.')),
      section('quarantine', 'Quarantined workers',
        table('Quarantined now', [['Worker'], ['Host', 'hide-narrow'], ['Hardware class', 'hide-narrow'], ['Until'], ['Why']],
          view.quarantinedNow.map((w) => el('tr', { 'data-quarantined': w.nodeId },
            el('td', {}, worker(w.nodeId)), el('td', { class: 'hide-narrow' }, w.host || '—'),
            el('td', { class: 'hide-narrow' }, w.hwClass || '—'), el('td', {}, fmt.time(w.quarantinedUntil)),
            el('td', {}, w.quarantineReason || '—'))),
          'No worker is quarantined now.'),
        el('h3', {}, 'Quarantines and releases'),
        table('Quarantines and releases from the audit log', [['When'], ['What'], ['Worker'], ['Detail', 'hide-narrow']],
          h.quarantines.map((q) => el('tr', { 'data-quarantine-event': q.action },
            el('td', {}, fmt.time(q.at)), el('td', {}, q.action), el('td', {}, worker(q.nodeId)),
            el('td', { class: 'hide-narrow' }, q.detail || ''))),
          'None recorded in this stretch.'),
        el('h3', {}, 'Recent alerts'),
        table('Recent alerts from the coordinator', [['When'], ['About'], ['Message']],
          view.alerts.map((a) => el('tr', { 'data-alert': '' },
            el('td', {}, fmt.time(a.at)), el('td', {}, worker(a.subject)), el('td', {}, a.message))),
          'No alerts since the coordinator started.')),
      section('workers', 'Failure rate per worker',
        table('Failures per worker', [['Worker'], ['Hardware class', 'hide-narrow'], ['Attempts'], ['Failed'], ['Machine failures', 'hide-narrow'],
          ['Lost with it', 'hide-narrow'], ['Failure rate']],
          h.workers.map((w) => el('tr', { 'data-worker-id': w.nodeId },
            el('td', {}, worker(w.nodeId)), el('td', { class: 'hide-narrow' }, w.hwClass || '—'), el('td', {}, fmt.num(w.attempts)),
            el('td', {}, fmt.num(w.failures)), el('td', { class: 'hide-narrow' }, fmt.num(w.infraFailures)),
            el('td', { class: 'hide-narrow' }, fmt.num(w.lost)),
            el('td', { class: 'rate' }, el('span', { class: 'bar', 'aria-hidden': 'true' },
              el('span', { style: 'width:' + Math.round(w.failureRate * 100) + '%;background:var(--bad)' })), ' ', pct(w.failureRate)))),
          'No worker ran an attempt in this stretch.')),
      section('flaky', 'Flaky tasks and tests',
        table('Flakiest tasks and tests', [['Kind', 'hide-narrow'], ['Suite', 'hide-narrow'], ['Name'], ['Flaky runs'], ['Last flaky']],
          h.flaky.map((f) => el('tr', { 'data-flaky': f.name },
            el('td', { class: 'hide-narrow' }, f.kind), el('td', { class: 'hide-narrow' }, f.suite || '—'),
            el('td', {}, el('code', {}, f.name)), el('td', {}, f.flakyRuns + ' of ' + f.runs), el('td', {}, run(f.lastRunId)))),
          'Nothing was flaky in this stretch.'))
    ];
    if (chart) { chart.dispose(); chart = null; }
    root.replaceChildren(...content.filter(Boolean));
    drawChart();
    root.dataset.version = String(++version);
  }

  function drawChart() {
    const box = document.getElementById('faults-chart');
    if (!box || !window.echarts) return;
    box.style.height = (90 + 34 * lastCategories.length) + 'px';
    const css = getComputedStyle(document.documentElement);
    const color = (v) => css.getPropertyValue(v).trim();
    chart = echarts.init(box, Dtf.dark() ? 'dark' : null, { renderer: 'svg' });
    chart.setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['retried', 'ended the task'], textStyle: { color: color('--fg') } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: color('--muted') } },
      yAxis: { type: 'category', inverse: true, data: lastCategories.map((c) => label(c.category)),
        axisLabel: { color: color('--fg') } },
      series: [
        { name: 'retried', type: 'bar', stack: 'n', data: lastCategories.map((c) => c.retried), itemStyle: { color: color('--warn') } },
        { name: 'ended the task', type: 'bar', stack: 'n', data: lastCategories.map((c) => c.ended), itemStyle: { color: color('--bad') } }
      ]
    });
  }

  document.addEventListener('dtf-theme', () => { if (chart) { chart.dispose(); chart = null; drawChart(); } });
  window.addEventListener('resize', () => { if (chart) chart.resize(); });
  Dtf.live((batch) => {
    if (batch.resync || (batch.events || []).some((e) => e.type === 'task' || e.type === 'alert')) schedule();
  });
  setInterval(() => { if (!document.hidden) load(); }, REFRESH_MS);
  load();
})();
