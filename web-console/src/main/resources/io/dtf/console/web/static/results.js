// Results and trends: the stored series (filters in the query string), one series' trend chart with its
// change points and outliers marked and the same data as a table, two runs compared, benchmarks by
// hardware class and the best configurations. Everything comes from /api (the aggregator's history).
(function () {
  'use strict';
  const { api, el, fmt } = Dtf;
  const $ = (id) => document.getElementById(id);
  const KEY = /^\/results\/series\/([0-9a-f]{20})$/;
  const params = new URLSearchParams(location.search);
  const keyMatch = location.pathname.match(KEY);
  const currentKey = keyMatch ? keyMatch[1] : null;
  let chart = null, detail = null;

  function status(text, isError) {
    const s = $('results-status');
    s.textContent = text || '';
    s.className = isError ? 'error' : 'muted';
  }
  function num(v, digits) {
    if (v == null || !isFinite(v)) return '—';
    const abs = Math.abs(v);
    const d = digits != null ? digits : abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
    return Number(v).toLocaleString(undefined, { maximumFractionDigits: d, minimumFractionDigits: 0 });
  }
  // p- and q-values: small ones in exponent form rather than rounded to 0.
  function prob(v) { return v == null ? '—' : v < 0.001 ? Number(v).toExponential(1) : num(v, 3); }
  function pct(v) { return v == null ? '—' : (v > 0 ? '+' : '') + num(v, 1) + '%'; }
  function paramsText(p) {
    const entries = Object.entries(p || {});
    return entries.length ? entries.map(([k, v]) => k + '=' + v).join(', ') : '';
  }
  function verdict(v) { return el('span', { class: 'verdict verdict-' + v }, v); }
  // Text for the chart's HTML tooltip: everything from the grid is escaped.
  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  function seriesLink(key) { return '/results/series/' + key + (location.search || ''); }
  function query(names) {
    const q = new URLSearchParams();
    for (const n of names) if (params.get(n)) q.set(n, params.get(n));
    return q.toString();
  }
  function failed(where, e) {
    status(where + ': ' + e.message, true);
  }

  // ---- the series list and its filters (kept in the query string, so a filtered view can be shared)
  function fillFilters(page) {
    const form = $('series-filters');
    form.search.value = params.get('search') || '';
    form.verdict.value = (params.get('verdict') || '').toUpperCase();
    form.attention.checked = params.get('attention') === 'true';
    const select = form.hardware;
    const chosen = params.get('hardware') || '';
    select.replaceChildren(el('option', { value: '' }, 'any'),
      ...page.hardwareClasses.map((h) => el('option', { value: h, selected: h === chosen }, h)));
  }
  async function loadSeries() {
    const page = await api('/api/series?' + query(['search', 'hardware', 'verdict', 'attention', 'limit', 'offset']));
    fillFilters(page);
    const body = $('series-list').tBodies[0];
    body.replaceChildren(...page.series.map((s) => el('tr', {
      'data-series-key': s.key, 'data-current': s.key === currentKey ? 'true' : null },
      el('td', {}, el('a', { href: seriesLink(s.key), 'aria-current': s.key === currentKey ? 'page' : null }, s.benchmark),
        paramsText(s.params) ? el('div', { class: 'params' }, paramsText(s.params)) : null),
      el('td', {}, s.metric + (s.unit ? ' (' + s.unit + ')' : '')),
      el('td', {}, s.hardware),
      el('td', { class: 'hide-narrow' }, String(s.points)),
      el('td', {}, num(s.latestValue)),
      el('td', {}, verdict(s.verdict), s.changePercent != null ? ' ' + pct(s.changePercent) : ''),
      el('td', { class: 'hide-narrow' }, (s.changePoints ? s.changePoints + ' change point(s) ' : '')
        + (s.outliers ? s.outliers + ' outlier(s)' : '')))));
    if (!page.series.length) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No stored series match.')));
    const more = $('series-more');
    more.replaceChildren();
    if (page.total > page.series.length || page.offset > 0) {
      const limit = Number(params.get('limit')) || 100;
      const link = (offset, text) => {
        const q = new URLSearchParams(params);
        if (offset > 0) q.set('offset', String(offset)); else q.delete('offset');
        return el('a', { href: location.pathname + '?' + q, rel: offset > page.offset ? 'next' : 'prev' }, text);
      };
      more.append('Series ' + (page.offset + 1) + '–' + (page.offset + page.series.length) + ' of ' + page.total + '. ');
      if (page.offset > 0) more.append(link(Math.max(0, page.offset - limit), 'Previous'), ' ');
      if (page.offset + page.series.length < page.total) more.append(link(page.offset + page.series.length, 'Next'));
    }
  }
  $('series-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target;
    for (const name of ['search', 'hardware', 'verdict']) {
      if (form[name].value) params.set(name, form[name].value); else params.delete(name);
    }
    if (form.attention.checked) params.set('attention', 'true'); else params.delete('attention');
    params.delete('offset');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
    loadSeries().catch((err) => failed('Series', err));
    loadMatrix().catch((err) => failed('Matrix', err));
    loadBest().catch((err) => failed('Best configuration', err));
  });

  // ---- one series: chart and table
  function chartOption(d) {
    const dark = Dtf.dark();
    const s = d.summary;
    const labels = d.points.map((p) => '#' + (p.index + 1));
    const css = getComputedStyle(document.documentElement);
    const bad = css.getPropertyValue('--bad').trim() || '#cf222e';
    const warn = css.getPropertyValue('--warn').trim() || '#9a6700';
    return {
      backgroundColor: 'transparent',
      animation: false,
      aria: { enabled: true },
      grid: { left: 64, right: 24, top: 40, bottom: 72 },
      tooltip: {
        trigger: 'axis',
        formatter: (items) => {
          const p = d.points[items[0].dataIndex];
          return esc('run ' + p.run) + '<br>' + esc(fmt.time(p.at)) + '<br>' + esc(num(p.value) + ' ' + s.unit)
            + esc(' (' + p.samples + ' samples, ' + num(p.min) + ' – ' + num(p.max) + ')');
        }
      },
      xAxis: { type: 'category', data: labels, name: 'run', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, name: s.unit || s.metric },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: [{
        type: 'line', name: s.metric, data: d.points.map((p) => p.value), showSymbol: true, symbolSize: 6,
        markLine: {
          symbol: 'none', silent: true,
          lineStyle: { type: 'dashed', color: bad, width: 2 },
          label: { formatter: (m) => m.name, color: bad, position: 'end' },
          data: d.changePoints.map((c) => ({ xAxis: labels[c.index], name: 'change ' + pct(c.changePercent) }))
        },
        markPoint: {
          symbol: 'circle', symbolSize: 14, itemStyle: { color: 'transparent', borderColor: warn, borderWidth: 3 },
          label: { show: false },
          data: d.outliers.filter((o) => o.index >= 0).map((o) => ({ name: 'outlier', coord: [labels[o.index], o.value] }))
        }
      }],
      textStyle: { color: dark ? '#e6edf3' : '#1b1f24' }
    };
  }
  function drawChart() {
    const box = $('trend-chart');
    if (!detail || !window.echarts) return;
    if (chart) chart.dispose();
    const dark = Dtf.dark();
    chart = echarts.init(box, dark ? 'dark' : null);
    chart.setOption(chartOption(detail));
    box.dataset.theme = dark ? 'dark' : 'light';
    box.dataset.rendered = 'true';
  }
  function renderDetail(d) {
    detail = d;
    const s = d.summary;
    $('series-detail').hidden = false;
    $('detail-title').textContent = s.benchmark + (paramsText(s.params) ? ' [' + paramsText(s.params) + ']' : '')
      + ' · ' + s.metric + ' · ' + s.hardware;
    document.title = 'DTF · ' + s.benchmark + ' · ' + s.metric;
    const facts = [s.points + ' runs', (s.direction === 'HIGHER_IS_BETTER' ? 'higher' : 'lower') + ' is better'];
    if (d.latest) {
      facts.push('latest run ' + d.latest.run + ': ' + pct(d.latest.changePercent) + ' [' + pct(d.latest.ciLowPercent)
        + ', ' + pct(d.latest.ciHighPercent) + '] against ' + d.latest.baselineRuns + ' baseline runs, p = '
        + prob(d.latest.pValue) + ', q = ' + prob(d.latest.qValue));
    }
    if (d.trend && d.trend.significant) facts.push('drift ' + pct(d.trend.slopePercentPerRun) + ' per run');
    $('detail-facts').replaceChildren(verdict(s.verdict), ' · ' + facts.join(' · '));
    const box = $('trend-chart');
    box.dataset.changePoints = d.changePoints.map((c) => c.run).join(',');
    box.dataset.changePointCount = String(d.changePoints.length);
    box.dataset.outliers = d.outliers.map((o) => o.run).join(',');
    box.setAttribute('aria-label', 'Line chart of ' + s.metric + (s.unit ? ' in ' + s.unit : '') + ' over ' + s.points
      + ' runs, ' + d.changePoints.length + ' change point(s), ' + d.outliers.length
      + ' outlier(s); the data table below has every value.');
    const change = new Map(d.changePoints.map((c) => [c.index, c]));
    const outlier = new Map(d.outliers.map((o) => [o.index, o]));
    $('trend-table').tBodies[0].replaceChildren(...d.points.map((p) => {
      const c = change.get(p.index), o = outlier.get(p.index);
      const mark = c ? 'change point ' + pct(c.changePercent) : o ? 'outlier (score ' + num(o.score, 1) + ')' : '';
      return el('tr', { 'data-change-point': c ? 'true' : null, 'data-outlier': o ? 'true' : null },
        el('td', {}, String(p.index + 1)), el('td', {}, p.run), el('td', { class: 'hide-narrow' }, fmt.time(p.at)),
        el('td', {}, num(p.value)), el('td', { class: 'hide-narrow' }, String(p.samples)),
        el('td', { class: 'hide-narrow' }, num(p.min) + ' – ' + num(p.max)), el('td', {}, mark));
    }));
    $('run-ids').replaceChildren(...d.points.slice().reverse().map((p) => el('option', { value: p.run })));
    drawChart();
  }
  async function loadDetail() {
    if (!currentKey) return;
    try {
      renderDetail(await api('/api/series/' + currentKey));
    } catch (e) {
      $('series-detail').hidden = false;
      $('detail-facts').replaceChildren(el('span', { class: 'error' }, e.message));
    }
  }

  // ---- two runs compared
  async function loadCompare() {
    const base = params.get('base'), head = params.get('head');
    const form = $('compare-form');
    form.base.value = base || '';
    form.head.value = head || '';
    if (!base || !head) return;
    const table = $('compare-table');
    try {
      const c = await api('/api/compare?' + new URLSearchParams({ base, head }));
      const counts = Object.entries(c.verdicts).map(([v, n]) => n + ' ' + v.toLowerCase()).join(', ');
      $('compare-summary').textContent = c.rows.length + ' series in both runs' + (counts ? ': ' + counts : '')
        + (c.onlyInBase ? '; ' + c.onlyInBase + ' only in the base run' : '')
        + (c.onlyInHead ? '; ' + c.onlyInHead + ' only in the head run' : '') + '.';
      table.tBodies[0].replaceChildren(...c.rows.map((r) => el('tr', { 'data-verdict': r.verdict, 'data-series-key': r.key },
        el('td', {}, el('a', { href: seriesLink(r.key) }, r.benchmark),
          paramsText(r.params) ? el('div', { class: 'params' }, paramsText(r.params)) : null),
        el('td', {}, r.metric + (r.unit ? ' (' + r.unit + ')' : '')),
        el('td', { class: 'hide-narrow' }, r.hardware),
        el('td', {}, num(r.baseValue)), el('td', {}, num(r.headValue)),
        el('td', {}, pct(r.changePercent), r.ciLowPercent != null
          ? el('div', { class: 'params' }, '[' + pct(r.ciLowPercent) + ', ' + pct(r.ciHighPercent) + ']') : null),
        el('td', { class: 'hide-narrow' }, prob(r.qValue)),
        el('td', {}, verdict(r.verdict)))));
      table.hidden = false;
    } catch (e) {
      table.hidden = true;
      $('compare-summary').replaceChildren(el('span', { class: 'error' }, e.message));
    }
  }
  $('compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    params.set('base', e.target.base.value.trim());
    params.set('head', e.target.head.value.trim());
    history.replaceState(null, '', location.pathname + '?' + params);
    loadCompare();
  });

  // ---- benchmarks by hardware class
  async function loadMatrix() {
    const m = await api('/api/matrix?' + query(['search', 'hardware', 'verdict', 'attention']));
    const table = $('matrix-table');
    table.tHead.replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Benchmark · metric'),
      ...m.hardwareClasses.map((h) => el('th', { scope: 'col' }, h))));
    const accent = Dtf.dark() ? '68, 147, 248' : '11, 98, 214';
    table.tBodies[0].replaceChildren(...m.rows.map((r) => el('tr', {},
      el('th', { scope: 'row' }, r.benchmark + ' · ' + r.metric + (r.unit ? ' (' + r.unit + ')' : ''),
        el('div', { class: 'params' }, r.direction === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better')),
      ...m.hardwareClasses.map((h) => {
        const c = r.cells[h];
        if (!c) return el('td', { class: 'cell muted' }, '—');
        const shade = c.relative == null ? 0 : Math.max(0.05, Math.min(1, c.relative)) * 0.45;
        const label = num(c.value) + (c.series > 1 ? ' (' + c.series + ' series)' : '');
        return el('td', {
          class: 'cell', 'data-series-key': c.key, 'data-verdict': c.verdict,
          style: 'background: rgba(' + accent + ', ' + shade.toFixed(3) + ')',
          title: c.relative == null ? c.verdict : Math.round(c.relative * 100) + '% of the best · ' + c.verdict
        }, c.key ? el('a', { href: seriesLink(c.key) }, label) : label,
        c.verdict === 'REGRESSION' ? el('div', { class: 'verdict verdict-REGRESSION' }, 'regression') : null);
      }))));
    if (!m.rows.length) table.tBodies[0].append(el('tr', {}, el('td', { class: 'muted' }, 'No stored series match.')));
  }

  // ---- best configuration
  function candidate(c) {
    if (!c) return '—';
    const where = [c.hardware, paramsText(c.params), paramsText(c.context)].filter(Boolean).join(' · ');
    return el('span', {}, el('a', { href: seriesLink(c.key) }, where), ' ' + num(c.median),
      el('div', { class: 'params' }, '95% [' + num(c.ciLow) + ', ' + num(c.ciHigh) + ']'));
  }
  async function loadBest() {
    const list = await api('/api/best?' + query(['search', 'hardware', 'verdict', 'attention']));
    $('best-table').tBodies[0].replaceChildren(...list.map((b) => el('tr', {},
      el('td', {}, b.benchmark + ' · ' + b.metric + (b.unit ? ' (' + b.unit + ')' : '')),
      el('td', {}, String(b.series)),
      el('td', {}, b.strongest ? b.strongest.dimension + ' (p = ' + prob(b.strongest.pValue) + ', ε² = '
        + num(b.strongest.epsilonSquared, 2) + ')' : 'one configuration'),
      el('td', {}, b.best ? candidate(b.best) : el('span', { class: 'muted' }, 'no clear best')),
      el('td', { class: 'hide-narrow' }, candidate(b.runnerUp)))));
    if (!list.length) $('best-table').tBodies[0].append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No stored series match.')));
  }

  // Charts take their colours at init: draw again when the theme changes.
  document.addEventListener('dtf-theme', () => {
    drawChart();
    loadMatrix().catch(() => {});
  });
  window.addEventListener('resize', () => { if (chart) chart.resize(); });

  async function loadAll() {
    status('');
    const parts = [loadSeries().catch((e) => failed('Series', e)), loadDetail(), loadCompare(),
      loadMatrix().catch((e) => failed('Matrix', e)), loadBest().catch((e) => failed('Best configuration', e))];
    await Promise.all(parts);
  }
  // A run that ends brings new points once the aggregator has stored them: reload shortly after.
  let reload = null;
  Dtf.live((batch) => {
    const ended = batch.resync || (batch.events || []).some((e) => e.type === 'run' && e.endedAt);
    if (ended && !reload) reload = setTimeout(() => { reload = null; loadAll(); }, 3000);
  });
  loadAll();
})();
