// Workers: every worker with its load, live. The hardware class filter is in the query string
// (/workers?hwClass=linux-x86_64-8c-16g), so a filtered view can be shared.
(function () {
  'use strict';
  const { el, fmt } = Dtf;
  const M = DtfMachines;
  const params = new URLSearchParams(location.search);
  const select = document.getElementById('hw-class');

  function row(w) {
    return el('tr', { 'data-node-id': w.id, 'data-state': w.state },
      el('td', {}, el('a', { href: '/workers/' + w.id }, w.host || M.shortId(w.id)),
        el('div', { class: 'muted mono' }, M.shortId(w.id))),
      el('td', {}, w.hwClass || '—'),
      el('td', {}, M.stateBadge(w.state),
        w.quarantinedUntil ? el('div', { class: 'muted' }, 'until ' + fmt.time(w.quarantinedUntil)) : null),
      el('td', {}, M.slotBar(w.busy, w.slots)),
      el('td', { class: 'hide-narrow' }, M.percent(w.cpuLoad)),
      el('td', { class: 'hide-narrow' }, w.failureStreak == null ? '—' : String(w.failureStreak)),
      el('td', { class: 'hide-narrow', title: fmt.time(w.upSince) }, fmt.ago(w.upSince)),
      el('td', { class: 'hide-narrow' }, w.tags.join(', ') || '—'));
  }

  function syncFilter(list) {
    const chosen = params.get('hwClass') || '';
    const wanted = [''].concat(list.hwClasses);
    if (chosen && !wanted.includes(chosen)) wanted.push(chosen);
    if ([...select.options].map((o) => o.value).join('\n') !== wanted.join('\n')) {
      select.replaceChildren(...wanted.map((c) => el('option', { value: c, selected: c === chosen }, c || 'all')));
    }
  }

  select.addEventListener('change', () => {
    if (select.value) params.set('hwClass', select.value); else params.delete('hwClass');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
    follower.reload();
  });

  const follower = M.follow({
    types: ['node', 'task'],
    load: async () => {
      const q = new URLSearchParams({ limit: '1000' });
      if (params.get('hwClass')) q.set('hwClass', params.get('hwClass'));
      return Dtf.api('/api/workers?' + q);
    },
    render: (data, error) => {
      M.fill('workers-error', M.errorBox(error));
      if (!data) return;
      const list = data;
      syncFilter(list);
      M.fill('workers-summary', list.total + (list.total === 1 ? ' worker' : ' workers') + ' · '
        + list.busy + ' of ' + list.slots + ' slots busy'
        + (list.coordinatorUp ? '' : ' · no coordinator answered: load and quarantine unknown'));
      M.fill('workers-body', list.items.length ? list.items.map(row)
        : el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No worker in the grid' + (params.get('hwClass') ? ' of this class.' : '.'))));
      if (list.total > list.items.length) {
        document.getElementById('workers-body').append(el('tr', {}, el('td', { colspan: 8, class: 'muted' },
          'The first ' + list.items.length + ' of ' + list.total + ' are shown; filter by hardware class to see others.')));
      }
    }
  });
})();
