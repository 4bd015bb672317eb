// One worker (/workers/<id>): its state and load, what runs on it now, what failed on it lately, its
// alerts and its hardware attributes; admins can end its quarantine.
(function () {
  'use strict';
  const { el, fmt } = Dtf;
  const M = DtfMachines;
  const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  let message = null;

  function card(label, value, sub) {
    return el('div', { class: 'card' }, el('div', { class: 'label' }, label),
      value instanceof Node ? value : el('div', { class: 'value' }, value),
      sub == null ? null : el('div', { class: 'sub' }, sub));
  }

  function tasksTable(tasks, empty, tableId) {
    if (!tasks.length) return el('p', { class: 'muted' }, empty);
    return el('table', { id: tableId },
      el('thead', {}, el('tr', {}, ['Run', 'Task', 'State', 'Attempts'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, tasks.map((t) => el('tr', { 'data-task-id': t.taskId },
        el('td', {}, el('a', { href: '/runs/' + encodeURIComponent(t.runId) }, t.suite || t.runId),
          el('div', { class: 'muted mono' }, t.runId)),
        el('td', {}, t.name || t.taskId, t.name && t.name !== t.taskId ? el('div', { class: 'muted mono' }, t.taskId) : null),
        el('td', {}, el('span', { class: 'state state-' + t.state }, t.state)),
        el('td', {}, String(t.attempts))))));
  }

  /** "linux amd64 · 8 cores, 16 threads · 32.0 GiB · 1 GPU" from the hardware attributes. */
  function machine(a) {
    const parts = [[a['dtf.os.family'], a['dtf.os.arch']].filter(Boolean).join(' ')];
    if (a['dtf.cpu.cores'] != null) parts.push(a['dtf.cpu.cores'] + ' cores, ' + (a['dtf.cpu.threads'] || '?') + ' threads');
    if (a['dtf.memory.bytes'] != null) parts.push(M.bytes(a['dtf.memory.bytes']));
    if (a['dtf.gpu.count']) parts.push(a['dtf.gpu.count'] + ' GPU ' + (a['dtf.gpu.model'] || ''));
    return parts.filter(Boolean).join(' · ') || '—';
  }

  function attributesTable(attrs) {
    const keys = Object.keys(attrs);
    if (!keys.length) return el('p', { class: 'muted' }, 'It advertises no dtf.* attributes.');
    return el('table', { class: 'attrs', id: 'attributes-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Attribute'), el('th', { scope: 'col' }, 'Value'))),
      el('tbody', {}, keys.map((k) => el('tr', {}, el('td', { class: 'mono' }, k),
        el('td', {}, k.endsWith('.bytes') ? M.bytes(attrs[k]) + ' (' + attrs[k] + ')' : String(attrs[k]))))));
  }

  async function release() {
    const button = document.getElementById('release');
    button.disabled = true;
    try {
      const reply = await Dtf.api('/api/workers/' + encodeURIComponent(id) + '/release', { method: 'POST' });
      message = { ok: true, text: reply.message };
    } catch (e) {
      message = { ok: false, text: e.message };
    }
    follower.reload();
  }

  function quarantine(w) {
    const note = message ? el('p', { class: message.ok ? 'ok' : 'error', role: 'status', id: 'release-message' }, message.text) : null;
    if (w.state !== 'quarantined') return note;
    return el('section', { class: 'quarantine', 'aria-labelledby': 'quarantine-title' },
      el('h2', { id: 'quarantine-title', style: 'margin-top:0' }, 'Quarantined until ' + fmt.time(w.quarantinedUntil)),
      el('p', {}, w.quarantineReason || ''),
      el('button', { id: 'release', class: 'primary', type: 'button', onclick: release }, 'Release: let it take work now'),
      note);
  }

  const follower = M.follow({
    // Only what concerns this worker: a busy grid sends task events for every worker.
    wants: (e) => (e.type === 'node' || e.type === 'task') ? e.nodeId === id : e.type === 'alert' && e.subject === id,
    load: () => Dtf.api('/api/workers/' + encodeURIComponent(id)),
    render: (d, error) => {
      if (error && error.status === 404) {
        M.fill('worker-title', 'Worker ' + M.shortId(id));
        M.fill('worker-error', el('p', { class: 'error', role: 'alert', id: 'worker-missing' },
          error.message, ' ', el('a', { href: '/workers' }, 'See the workers now.')));
        return;
      }
      M.fill('worker-error', M.errorBox(error));
      if (!d) return;
      const w = d.worker;
      document.title = 'DTF · ' + (w.host || M.shortId(w.id));
      M.fill('worker-title', (w.host || 'Worker') + ' ', el('span', { class: 'muted mono' }, w.id));
      M.fill('worker-cards',
        card('State', M.stateBadge(w.state), w.state === 'starting' ? 'in the grid, not ready for work yet' : null),
        card('Busy', el('div', { class: 'value' }, (w.busy == null ? '?' : w.busy) + ' / ' + w.slots), M.slotBar(w.busy, w.slots)),
        card('CPU load', M.percent(w.cpuLoad)),
        card('Failure streak', w.failureStreak == null ? '—' : String(w.failureStreak), '3 in a row quarantine it'),
        card('Reports refused', w.refusedReports == null ? '—' : String(w.refusedReports)),
        card('Hardware class', el('div', { class: 'value mono', style: 'font-size:14px' }, w.hwClass || '—')),
        card('Up since', fmt.ago(w.upSince), fmt.time(w.upSince)),
        card('Machine', el('div', { class: 'value', style: 'font-size:14px' }, machine(w.attributes)),
          w.attributes['dtf.cpu.model'] || null),
        card('Tags', el('div', { class: 'value', style: 'font-size:14px' }, w.tags.join(', ') || '—'),
          w.accelerators.length ? 'accelerators: ' + w.accelerators.join(', ') : null));
      M.fill('worker-quarantine', quarantine(w));
      M.fill('worker-running', tasksTable(d.running, 'Nothing runs on it now.', 'running-table'));
      M.fill('worker-failures', tasksTable(d.failures, 'No task of the latest runs failed on it.', 'failures-table'));
      M.fill('worker-alerts', d.alerts.length ? el('ul', {}, d.alerts.slice().reverse().map((a) =>
        el('li', {}, el('span', { class: 'muted' }, fmt.time(a.at) + ' '), a.message))) : el('p', { class: 'muted' }, 'No alerts about it.'));
      M.fill('worker-attributes', attributesTable(w.attributes));
    }
  });
})();
