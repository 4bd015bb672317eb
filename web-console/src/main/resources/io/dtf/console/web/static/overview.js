// Overview: the grid at a glance, from /api/overview and /api/alerts, following node and task events.
(function () {
  'use strict';
  const { el, fmt } = Dtf;
  const M = DtfMachines;
  let chart = null;

  function card(label, value, sub, attrs) {
    return el('div', Object.assign({ class: 'card' }, attrs || {}),
      el('div', { class: 'label' }, label),
      value instanceof Node ? value : el('div', { class: 'value' }, value),
      sub == null ? null : el('div', { class: 'sub' }, sub));
  }

  function yes(up, what) {
    return el('span', { class: up ? 'ok' : 'error' }, (up ? '✓ ' : '✗ ') + what + (up ? ' up' : ' down'));
  }

  function cards(o) {
    return [
      card('Health', el('div', { class: 'value ' + (o.coordinatorUp ? 'ok' : 'bad') }, o.coordinatorUp ? 'up' : 'degraded'),
        el('span', {}, o.nodes + (o.nodes === 1 ? ' node · ' : ' nodes · '), yes(o.coordinatorUp, 'coordinator'), ' · ',
          yes(o.aggregatorUp, 'aggregator')), { 'data-card': 'health' }),
      card('Workers up', String(o.workersUp), o.workersReady + ' ready'
        + (o.workersQuarantined ? ', ' + o.workersQuarantined + ' quarantined' : ''), { 'data-card': 'workers' }),
      card('Slots busy', el('div', { class: 'value' }, o.slotsBusy + ' / ' + o.slotsTotal),
        M.slotBar(o.slotsBusy, o.slotsTotal), { 'data-card': 'slots' }),
      card('Tasks queued', fmt.num(o.tasksQueued), null, { 'data-card': 'queued' }),
      card('Tasks running', fmt.num(o.tasksRunning), null, { 'data-card': 'running' }),
      card('Throughput', o.perMinute == null ? '—' : o.perMinute.toFixed(o.perMinute < 10 ? 1 : 0) + ' /min',
        o.perMinute == null ? 'measuring…' : 'tasks finished, over the last ' + M.duration(o.rateSeconds), { 'data-card': 'throughput' })
    ];
  }

  function runsTable(o) {
    if (!o.runs.length) return el('p', { class: 'muted', id: 'no-runs' }, 'No suite is running.');
    return el('table', { id: 'runs-table' },
      el('thead', {}, el('tr', {}, ['Suite', 'Progress', 'Pace', 'ETA'].map((h, i) =>
        el('th', { scope: 'col', class: i === 2 ? 'hide-narrow' : null }, h)))),
      el('tbody', {}, o.runs.map((r) => {
        const share = r.total ? r.done / r.total : 0;
        const failed = (r.counts.FAILED || 0) + (r.counts.ERROR || 0) + (r.counts.TIMED_OUT || 0);
        return el('tr', { 'data-run-id': r.runId },
          el('td', {}, el('a', { href: '/runs/' + encodeURIComponent(r.runId) }, r.suite || r.runId),
            el('div', { class: 'muted mono' }, r.runId)),
          el('td', { class: 'progress' },
            el('div', { class: 'bar', role: 'img', 'aria-label': r.done + ' of ' + r.total + ' tasks done' },
              el('span', { style: 'width:' + Math.round(share * 100) + '%;background:var(--ok)' })),
            el('span', {}, r.done + ' / ' + r.total + ' done'),
            failed ? el('span', { class: 'error' }, ' · ' + failed + ' failed') : null),
          el('td', { class: 'hide-narrow' }, r.perMinute == null ? '—' : r.perMinute.toFixed(1) + ' /min'),
          el('td', {}, r.etaSeconds == null ? '—' : r.etaSeconds < 60 ? 'under a minute' : M.duration(r.etaSeconds)));
      })));
  }

  function alertsList(alerts) {
    if (!alerts || !alerts.items.length) return el('p', { class: 'muted' }, 'No alerts.');
    return el('ul', { id: 'alerts-list' }, alerts.items.slice().reverse().map((a) => el('li', {},
      el('span', { class: 'muted' }, fmt.time(a.at) + ' '),
      /^[0-9a-f-]{36}$/.test(a.subject) ? el('a', { href: '/workers/' + a.subject }, M.shortId(a.subject)) : a.subject,
      ': ' + a.message)));
  }

  /** The last 15 minutes as [HH:MM, finished], minutes the console did not watch as 0. */
  function minutes(throughput) {
    const byMinute = new Map(throughput.map((p) => [new Date(p.at).getTime(), p.finished]));
    const end = throughput.length ? new Date(throughput[throughput.length - 1].at).getTime()
      : Math.floor(Date.now() / 60000) * 60000;
    const out = [];
    for (let t = end - 14 * 60000; t <= end; t += 60000) {
      out.push([new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), byMinute.get(t) || 0]);
    }
    return out;
  }

  function drawChart(o) {
    const node = document.getElementById('throughput-chart');
    if (!window.echarts) return;
    const theme = Dtf.dark() ? 'dark' : null;
    if (chart && chart.__dtfTheme !== theme) { chart.dispose(); chart = null; }
    if (!chart) { chart = echarts.init(node, theme); chart.__dtfTheme = theme; }
    const points = minutes(o.throughput);
    chart.setOption({
      backgroundColor: 'transparent', animation: false,
      grid: { left: 40, right: 12, top: 12, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p[0]) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: 'tasks finished', data: points.map((p) => p[1]), barMaxWidth: 24 }]
    });
    M.fill('throughput-text', o.throughput.length
      ? 'Last 15 min: ' + points.reduce((s, p) => s + p[1], 0) + ' tasks finished (counted while this console ran).'
      : 'The console counts finished tasks from the moment it starts.');
  }

  M.follow({
    types: ['node', 'task', 'run'],
    load: async () => {
      const [overview, alerts] = await Promise.all([Dtf.api('/api/overview'), Dtf.api('/api/alerts?limit=5')]);
      return { overview, alerts };
    },
    render: (data, error) => {
      if (!data) { M.fill('overview', M.errorBox(error)); return; }
      const o = data.overview;
      M.fill('overview', cards(o), M.errorBox(error));
      M.fill('runs', runsTable(o), o.activeRuns > o.runs.length
        ? el('p', { class: 'muted' }, o.activeRuns + ' suites are running; the newest ' + o.runs.length + ' are shown.') : null);
      M.fill('alerts', alertsList(data.alerts));
      drawChart(o);
    }
  });
  window.addEventListener('resize', () => chart && chart.resize());
})();
