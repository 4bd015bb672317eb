// The login page works without this script. It applies the theme chosen on other pages, and sends a browser
// that is logged in already on to where it was going: a link from another site (a shared run's URL) arrives
// without the SameSite=Strict cookie and lands here, while this page's own request carries it.
(function () {
  'use strict';
  const theme = localStorage.getItem('dtf.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  // Only when sent here from a page (?next=): someone who opens /login itself may want to log in anew.
  if (!new URLSearchParams(location.search).has('next')) return;
  fetch('/api/me', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then((res) => {
    if (!res.ok) return;
    const next = document.querySelector('input[name="next"]');
    // The server put only a local path there (never //host or a scheme).
    if (next && next.value.startsWith('/') && !next.value.startsWith('//')) location.replace(next.value);
  }).catch(() => {});
})();
