// The login page works without this script; it only applies the theme the reader chose on other pages.
(function () {
  'use strict';
  const theme = localStorage.getItem('dtf.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
})();
