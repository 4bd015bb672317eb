// Overview: the grid at a glance (filled in by the overview page's work).
(async function () {
  'use strict';
  const health = await Dtf.api('/api/health');
  document.getElementById('overview').append(Dtf.el('p', {}, 'Grid up: ' + health.nodes + ' node(s).'));
})();
