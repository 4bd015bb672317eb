// Topology: every node linked to the roles it plays (coordinator, data, aggregator, console) and workers
// to their hardware class, as an ECharts graph; the list beside it holds the same nodes as links.
(function () {
  'use strict';
  const { el } = Dtf;
  const M = DtfMachines;
  const chartNode = document.getElementById('topology-chart');
  let chart = null, drawnKey = null, sharedHosts = new Set();

  /** The groups a node belongs to, in the order the list shows them. */
  function groups(t) {
    const out = [
      { key: 'coordinator', name: 'Coordinator', ids: t.coordinatorCandidates },
      { key: 'data', name: 'Data', ids: t.data },
      { key: 'aggregator', name: 'Aggregator', ids: t.aggregators },
      { key: 'console', name: 'Console', ids: t.consoles }
    ];
    for (const [cls, ids] of Object.entries(t.workersByClass)) out.push({ key: 'workers:' + cls, name: 'Workers · ' + cls, ids });
    return out.filter((g) => g.ids.length);
  }

  /** The host, with the short id when other nodes run on the same host (as in a one-machine grid). */
  function label(n) {
    if (!n.host) return M.shortId(n.id);
    return sharedHosts.has(n.host) ? n.host + ' · ' + M.shortId(n.id) : n.host;
  }

  function findSharedHosts(t) {
    const seen = new Set();
    sharedHosts = new Set();
    t.nodes.forEach((n) => { if (seen.has(n.host)) sharedHosts.add(n.host); seen.add(n.host); });
  }

  /** What matters about a node within one group of the list. */
  function inGroup(g, n) {
    if (g.key === 'coordinator') return n.hostsCoordinator ? 'hosts the coordinator now' : 'standby';
    if (g.key === 'aggregator') return 'serves results history';
    if (g.key === 'data') return "holds the grid's caches";
    if (g.key === 'console') return n.local ? 'serves this console' : 'serves a console';
    if (g.key.startsWith('workers:')) return n.state + ', ' + (n.busy == null ? '?' : n.busy) + '/' + n.slots + ' slots busy';
    return n.roles.join(', ');
  }

  function describe(n) {
    const bits = [n.roles.join(', ') || 'no role'];
    if (n.hostsCoordinator) bits.push('hosts the coordinator');
    if (n.hostsAggregator) bits.push('serves the aggregator');
    if (n.local) bits.push('serves this console');
    if (n.state) bits.push(n.state + (n.slots != null ? ', ' + (n.busy == null ? '?' : n.busy) + '/' + n.slots + ' slots busy' : ''));
    return bits.join(' · ');
  }

  function tooltip(p) {
    const d = p.data || {};
    if (p.dataType === 'edge') return '';
    if (d.group) return '<b>' + M.escape(d.group) + '</b><br>' + d.size + (d.size === 1 ? ' node' : ' nodes');
    const n = d.node;
    return '<b>' + M.escape(label(n)) + '</b><br>' + M.escape(n.id) + '<br>' + M.escape(describe(n))
      + (n.hwClass ? '<br>class ' + M.escape(n.hwClass) : '') + (n.state ? '<br><i>click to open</i>' : '');
  }

  function option(t) {
    const gs = groups(t);
    const data = [], links = [];
    const categories = gs.map((g) => ({ name: g.name }));
    gs.forEach((g, i) => data.push({ name: 'group:' + g.key, group: g.name, size: g.ids.length, category: i,
      symbol: 'roundRect', symbolSize: [Math.max(70, g.name.length * 7), 26],
      label: { show: true, formatter: g.name, fontWeight: 'bold' } }));
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    for (const n of t.nodes) {
      const home = gs.findIndex((g) => g.ids.includes(n.id));
      data.push({ name: n.id, node: n, category: Math.max(0, home),
        symbol: n.hostsCoordinator ? 'diamond' : n.state ? 'circle' : 'rect',
        symbolSize: n.hostsCoordinator ? 26 : 18,
        itemStyle: n.state === 'quarantined' ? { borderColor: '#cf222e', borderWidth: 3 } : undefined,
        label: { show: true, position: 'right', formatter: label(n) } });
    }
    gs.forEach((g) => g.ids.filter((id) => byId.has(id)).forEach((id) => links.push({ source: id, target: 'group:' + g.key,
      lineStyle: g.key === 'coordinator' && id === t.coordinator ? { width: 3 } : undefined })));
    return {
      backgroundColor: 'transparent',
      tooltip: { formatter: tooltip, confine: true },
      legend: [{ data: categories.map((c) => c.name), type: 'scroll', top: 4 }],
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true, top: 40,
        force: { repulsion: t.nodes.length < 30 ? 600 : 220, edgeLength: [60, 160], gravity: 0.08 },
        categories, data, links,
        emphasis: { focus: 'adjacency' },
        lineStyle: { opacity: 0.6, curveness: 0.05 }
      }]
    };
  }

  function draw(t) {
    if (!window.echarts) return;
    const theme = Dtf.dark() ? 'dark' : null;
    // Redraw only when something drawn changed: a force layout that restarts every refresh would jump.
    const key = theme + JSON.stringify(t.nodes.map((n) => [n.id, label(n), n.state, n.busy, n.hostsCoordinator]));
    if (chart && chart.__dtfTheme !== theme) { chart.dispose(); chart = null; }
    if (!chart) {
      chart = echarts.init(chartNode, theme);
      chart.__dtfTheme = theme;
      chart.on('click', (p) => {
        const n = p.data && p.data.node;
        if (n && n.state) location.href = '/workers/' + n.id;
      });
      drawnKey = null;
    }
    if (key === drawnKey) return;
    drawnKey = key;
    chart.setOption(option(t), true);
    chartNode.dataset.drawnNodes = String(t.nodes.length);
  }

  function list(t) {
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    return groups(t).map((g) => el('section', { 'data-group': g.key },
      el('h2', {}, g.name + ' (' + g.ids.length + ')'),
      el('ul', {}, g.ids.filter((id) => byId.has(id)).map((id) => {
        const n = byId.get(id);
        return el('li', { 'data-topology-node': id },
          n.state ? el('a', { href: '/workers/' + id }, label(n)) : el('span', {}, label(n)),
          el('span', { class: 'muted' }, ' · ' + inGroup(g, n)));
      }))));
  }

  M.follow({
    types: ['node'],
    load: () => Dtf.api('/api/topology'),
    render: (t, error) => {
      M.fill('topology-error', M.errorBox(error));
      if (!t) return;
      findSharedHosts(t);
      const workers = Object.values(t.workersByClass).reduce((s, ids) => s + ids.length, 0);
      M.fill('topology-summary', t.total + (t.total === 1 ? ' node' : ' nodes') + ', ' + workers
        + (workers === 1 ? ' worker' : ' workers') + ' in ' + Object.keys(t.workersByClass).length + ' hardware classes'
        + (t.coordinator ? '' : ' · no coordinator is up') + (t.truncated ? ' · the first ' + t.nodes.length + ' are drawn' : ''));
      M.fill('topology-list', list(t));
      draw(t);
    }
  });
  window.addEventListener('resize', () => chart && chart.resize());
})();
