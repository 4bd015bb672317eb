// The submit page: a suite as YAML, sent to POST /api/runs; on success the run's page, else every
// problem next to the form with its field. Viewers see the form with the button off and why.
(function () {
  'use strict';
  const { api, el, cookie } = window.Dtf;
  const root = document.getElementById('submit');
  const EXAMPLE = [
    '# A small suite of commands; the format is in docs/SUITE-FORMAT.md.',
    'suite: console-example',
    'defaults:',
    '  timeout: 1m',
    'tasks:',
    '  - name: hello',
    '    type: command',
    '    command: [sh, -c, "echo hello from $(hostname)"]',
    '  - name: sleepy',
    '    type: command',
    '    command: [sh, -c, "sleep 1; echo DTF_METRIC slept=1 s"]',
    '    params: {n: [1, 2, 3]}',
    ''
  ].join('\n');

  const text = el('textarea', { id: 'suite-text', class: 'code', name: 'suite', spellcheck: 'false',
    'aria-describedby': 'submit-help' });
  text.value = EXAMPLE;
  const button = el('button', { id: 'submit-suite', class: 'primary', type: 'submit' }, 'Submit');
  const note = el('p', { id: 'submit-note', class: 'note', hidden: true });
  const errors = el('div', { id: 'submit-errors', 'aria-live': 'polite' });
  const form = el('form', { id: 'submit-form', onsubmit: submit },
    el('label', { for: 'suite-text' }, 'Suite (YAML or JSON, at most 1 MiB)'),
    text,
    el('p', { id: 'submit-help', class: 'muted' }, 'Suites that name local files (junit or jmh class paths) go through ',
      el('code', {}, 'dtf submit SUITE'), ', which uploads them.'),
    el('div', { class: 'filters' }, button, note), errors);
  root.replaceChildren(el('h1', {}, 'Submit a suite'), form);

  api('/api/me').then((me) => {
    if (me.role !== 'submitter' && me.role !== 'admin') {
      button.disabled = true;
      note.hidden = false;
      note.textContent = 'You are ' + me.subject + ' with the ' + me.role + ' role: submitting needs the submitter role.';
    }
  }).catch(() => {});

  async function submit(event) {
    event.preventDefault();
    button.disabled = true;
    errors.replaceChildren(el('p', { class: 'muted' }, 'Submitting…'));
    const body = text.value;
    const json = body.trimStart().startsWith('{');
    const headers = { 'Content-Type': json ? 'application/json' : 'application/yaml', 'Accept': 'application/json' };
    const csrf = cookie('dtf_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
    try {
      const res = await fetch('/api/runs', { method: 'POST', headers, body, credentials: 'same-origin' });
      const answer = await res.json().catch(() => ({ message: res.status + ' ' + res.statusText }));
      if (res.status === 201) {
        location.href = answer.url;
        return;
      }
      if (res.status === 401) {
        location.href = '/login?next=' + encodeURIComponent('/submit');
        return;
      }
      showErrors(answer);
    } catch (e) {
      showErrors({ message: 'the console did not answer: ' + e.message });
    }
    button.disabled = false;
  }

  function showErrors(answer) {
    const list = answer.errors && answer.errors.length ? answer.errors : [{ message: answer.message, field: answer.field }];
    errors.replaceChildren(el('p', { class: 'error', role: 'alert' }, answer.errors && answer.errors.length > 1
      ? answer.message : 'The suite was not submitted:'),
      el('ul', { class: 'field-errors' }, list.map((p) => el('li', { 'data-field': p.field || '' },
        p.field ? [el('code', {}, p.field), ' '] : null, p.message))));
    text.focus();
  }
})();
