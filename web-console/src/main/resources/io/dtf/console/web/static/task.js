// A task's page: its state and every attempt (category, retry decision, node, duration, metrics,
// per-test results, output tails as text). Reloads when a live event says the task changed.
(function () {
  'use strict';
  const { api, live, el, fmt } = window.Dtf;
  const R = window.DtfRuns;
  const root = document.getElementById('task');
  const parts = location.pathname.split('/'); // ['', 'runs', run, 'tasks', ...task id]
  const runId = decodeURIComponent(parts[2] || '');
  const taskId = decodeURIComponent(parts.slice(4).join('/'));
  let detail = null, error = null;

  async function load() {
    try {
      detail = await api('/api/tasks/' + encodeURIComponent(runId) + '/' + R.taskPath(taskId));
      error = null;
    } catch (e) { error = e; }
    draw();
  }

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) =>
      [el('dt', {}, k), el('dd', {}, v)]));
  }

  function metrics(list) {
    if (!list.length) return null;
    return el('div', { class: 'table-wrap' }, el('table', { class: 'metrics' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), el('th', {}, 'Mean'), el('th', {}, 'Samples'))),
      el('tbody', {}, list.map((m) => {
        const mean = m.samples.reduce((a, b) => a + b, 0) / Math.max(m.samples.length, 1);
        return el('tr', {}, el('td', {}, m.name), el('td', {}, mean.toPrecision(4) + ' ' + m.unit),
          el('td', {}, String(m.samples.length)));
      }))));
  }

  function tests(list) {
    if (!list.length) return null;
    return el('details', { open: list.some((t) => t.status !== 'PASSED' && t.status !== 'SKIPPED') },
      el('summary', {}, list.length + ' test(s): ' + list.filter((t) => t.status === 'PASSED').length + ' passed'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'tests' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Test'), el('th', {}, 'Status'), el('th', {}, 'Time'), el('th', {}, 'Failure'))),
        el('tbody', {}, list.map((t) => el('tr', { 'data-test': t.className + '#' + (t.method || '') },
          el('td', { class: 'id' }, t.className + (t.method ? '#' + t.method : '')),
          el('td', {}, R.stateText(t.status)),
          el('td', {}, fmt.millis(t.durationMillis)),
          el('td', {}, t.failureType ? el('details', {}, el('summary', {}, t.failureType + (t.message ? ': ' + t.message : '')),
            el('pre', {}, t.stackTrace || '')) : '')))))));
  }

  function attempt(a) {
    return el('section', { class: 'attempt', 'data-attempt': a.attempt, 'data-status': a.status },
      el('h3', {}, 'Attempt ' + a.attempt + ' ', R.stateText(a.status), a.finalAttempt ? ' (final)' : ''),
      facts([['Category', a.category], ['Decision', a.decision], ['Node', a.nodeId], ['Hardware class', a.hwClass],
        ['Started', fmt.time(a.startedAt)], ['Duration', fmt.millis(a.durationMillis)],
        ['Exit code', a.exitCode == null ? null : String(a.exitCode)], ['Error', a.error]]),
      metrics(a.metrics), tests(a.tests),
      a.stdoutTail ? [el('h4', {}, 'Output (end)'), el('pre', { class: 'stdout' }, a.stdoutTail)] : null,
      a.stderrTail ? [el('h4', {}, 'Errors (end)'), el('pre', { class: 'stderr' }, a.stderrTail)] : null);
  }

  function draw() {
    const children = [el('p', {}, el('a', { href: R.runLink(runId) }, '← Run ' + runId)),
      el('h1', {}, 'Task ', el('span', { class: 'id' }, taskId))];
    if (error) children.push(R.errorBox(error));
    if (detail) {
      const t = detail.task;
      children.push(el('section', { id: 'task-summary', 'data-state': t.state },
        facts([['State', R.stateText(t.state)], ['Name', t.name], ['Attempts', String(t.attempts)],
          ['Priority', String(t.priority)], ['Node', t.nodeId], ['Hardware class', t.hwClass],
          ['Waiting because', t.waitingReason]])),
        el('h2', {}, 'Attempts'),
        detail.attempts.length === 0 ? el('p', { class: 'muted' }, 'No attempt has ended yet.')
          : el('div', { id: 'attempts' }, detail.attempts.map(attempt)));
    }
    root.replaceChildren(...children);
  }

  const reload = R.debounce(load, 500);
  live((batch) => {
    if (batch.resync) { reload(); return; }
    if ((batch.events || []).some((ev) => ev.type === 'task' && ev.runId === runId && ev.taskId === taskId)) reload();
  });
  setInterval(() => { if (!detail || ['QUEUED', 'RUNNING'].includes(detail.task.state)) load(); }, 10000);
  load();
})();
