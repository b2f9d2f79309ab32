// Progressive enhancement for the review page: keyboard shortcuts over the findings panel,
// which can be turned off (WCAG 2.1.4), the panel's filter, the source column's choice kept
// across pages, and actions taken in place: the review page's forms are sent with fetch and only
// the passage rows and the findings panel they changed, and the page's head, are replaced, so the
// scroll position and the selected finding stay. Every action stays a plain form or link; without this script the
// page works the same (each post returns to what it changed) and the panel shows every finding.
(() => {
  /** A checkbox whose state this browser remembers under `key`. */
  function remembered(checkbox, key) {
    if (!checkbox) return;
    const stored = localStorage.getItem(key);
    if (stored !== null) checkbox.checked = stored === 'on';
    checkbox.addEventListener('change', () => localStorage.setItem(key, checkbox.checked ? 'on' : 'off'));
  }
  remembered(document.getElementById('show-source'), 'workbench.show-source');
  const shortcutsOn = document.getElementById('shortcuts-on');
  remembered(shortcutsOn, 'workbench.shortcuts');
  // The shortcuts line and its switch are shown only where the script runs them.
  const shortcutsLine = document.getElementById('shortcuts');
  if (shortcutsLine) shortcutsLine.hidden = false;

  // The open findings the filter shows, in reading order (passage, then offset), not panel order.
  const findings = () =>
    [...document.querySelectorAll('.finding:not(.is-dismissed)')]
      .filter((el) => !el.closest('[hidden]'))
      .sort((a, b) => Number(a.dataset.order) - Number(b.dataset.order));
  let current = -1;

  // The panel is rendered once for every reader, so it is filtered here, by hiding findings.
  // It is set up again each time the panel is replaced in place, with the choices kept.
  function setUpFilter(choices) {
    const filter = document.querySelector('.finding-filter');
    if (!filter) return;
    const status = document.getElementById('findings-shown');
    filter.hidden = false;
    if (choices) {
      for (const input of filter.querySelectorAll('input[name="severity"]')) input.checked = choices.severities.includes(input.value);
      const select = filter.querySelector('select[name="check"]');
      if ([...select.options].some((option) => option.value === choices.check)) select.value = choices.check;
    }
    const apply = () => {
      const severities = [...filter.querySelectorAll('input[name="severity"]:checked')].map((input) => input.value);
      const check = filter.querySelector('select[name="check"]').value;
      let shown = 0;
      let total = 0;
      for (const section of document.querySelectorAll('section.check')) {
        let sectionShown = 0;
        for (const finding of section.querySelectorAll('.finding')) {
          const visible = (!check || section.dataset.check === check) && severities.some((s) => finding.classList.contains(s));
          finding.hidden = !visible;
          total++;
          if (visible) sectionShown++;
        }
        section.hidden = sectionShown === 0;
        shown += sectionShown;
      }
      status.textContent = shown === total ? `Showing all ${total} findings.` : `Showing ${shown} of ${total} findings.`;
    };
    filter.addEventListener('submit', (event) => event.preventDefault());
    filter.addEventListener('change', apply);
    if (choices) apply();
  }
  setUpFilter(null);

  /** The filter's choices, to keep them across a replacement of the panel. */
  function filterChoices() {
    const filter = document.querySelector('.finding-filter');
    if (!filter) return null;
    return {
      severities: [...filter.querySelectorAll('input[name="severity"]:checked')].map((input) => input.value),
      check: filter.querySelector('select[name="check"]').value,
    };
  }

  /** Makes the finding at `index` (in reading order) the current one; `scroll` brings it and its span into view. */
  function select(index, scroll = true) {
    const list = findings();
    if (list.length === 0) {
      current = -1;
      return;
    }
    current = (index + list.length) % list.length;
    for (const el of document.querySelectorAll('.is-current')) el.classList.remove('is-current');
    const finding = list[current];
    finding.classList.add('is-current');
    finding.focus({ preventScroll: true });
    if (scroll) finding.scrollIntoView({ block: 'nearest' });
    for (const mark of document.querySelectorAll('mark.flag')) {
      if ((mark.dataset.findings || '').split(' ').includes(finding.id.slice('finding-'.length))) {
        mark.classList.add('is-current');
        if (scroll) mark.scrollIntoView({ block: 'center' });
      }
    }
  }

  function currentFinding() {
    return findings()[current];
  }

  document.addEventListener('keydown', (event) => {
    if (!shortcutsOn || !shortcutsOn.checked) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
    const finding = currentFinding();
    switch (event.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'a': {
        const apply = finding && finding.querySelector('button[data-action="apply"]');
        if (apply) apply.click();
        break;
      }
      case 'u': {
        const undo = document.querySelector('#undo-notice button');
        if (!undo) return;
        undo.click();
        break;
      }
      case 'd': {
        const details = finding && finding.querySelector('details.dismiss');
        if (!details) return;
        details.open = true;
        details.querySelector('input[name="reason"]').focus();
        break;
      }
      case 'e': {
        // The finding's "passage N" link points at the passage's row.
        const link = finding && finding.querySelector('a[href^="#p-"]');
        const passage = link && document.getElementById(link.getAttribute('href').slice(1));
        const edit = passage && passage.querySelector('a.edit');
        if (!edit) return;
        // The edit page then starts the kind of error at this finding's.
        const url = new URL(edit.href);
        url.searchParams.set('finding', finding.id.slice('finding-'.length));
        location.assign(url.href);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // Acting in place. The review page's forms (in the passages and the findings panel, and
  // "Approve all") are posted asking for JSON: the answer names the passages the post changed
  // and carries the page's head (status, counts, review steps) rendered for this viewer; those
  // rows, the rows of findings that came, went or were dismissed, and the panel are then fetched
  // again from the endpoints that render them for this viewer, with their token inputs.
  const articleMatch = /^\/articles\/(\d+)$/.exec(location.pathname);
  const review = document.querySelector('.review');
  if (!articleMatch || !review) return;
  const articleUrl = `/articles/${articleMatch[1]}`;
  const panel = document.getElementById('findings');
  const passagesPanel = review.querySelector('.passages-panel');

  // What happened, said where the page starts the review; an error is an alert, kept until the next action.
  const said = document.createElement('div');
  said.className = 'in-place';
  said.innerHTML = '<p role="status" id="in-place-status"></p><p class="is-error" role="alert" id="in-place-error" hidden></p>';
  review.before(said);
  const statusLine = said.querySelector('[role="status"]');
  const errorLine = said.querySelector('[role="alert"]');
  statusLine.hidden = true;
  function say(text) {
    statusLine.textContent = text || '';
    statusLine.hidden = !text;
  }
  function fail(text) {
    errorLine.textContent = text;
    errorLine.hidden = false;
  }

  const isInPlace = (form) =>
    form.method === 'post' && (review.contains(form) || new URL(form.action).pathname === '/proposals/approve');

  /** Each finding's state: the passage it names and whether it is dismissed. */
  function findingStates() {
    const states = new Map();
    for (const finding of panel.querySelectorAll('.finding')) {
      const link = finding.querySelector('a[href^="#p-"]');
      states.set(finding.id, { passage: link ? link.getAttribute('href').slice('#p-'.length) : null, dismissed: finding.classList.contains('is-dismissed') });
    }
    return states;
  }

  /** Removes the token inputs written for the forms inside `container` (they sit after their fragment). */
  function dropTokensOf(container) {
    for (const form of container.querySelectorAll('form[id]')) {
      for (const input of document.querySelectorAll(`input[name="_csrf"][form="${CSS.escape(form.id)}"]`)) input.remove();
    }
  }

  async function fetchHtml(url) {
    const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`The page could not be brought up to date (${response.status}); reload it.`);
    return response.text();
  }

  async function replaceRow(idx) {
    const row = document.getElementById(`p-${idx}`);
    if (!row) return;
    const template = document.createElement('template');
    template.innerHTML = await fetchHtml(`${articleUrl}/passages/${idx}/row`);
    const fresh = template.content.querySelector('tr');
    dropTokensOf(row);
    row.replaceWith(fresh);
    passagesPanel.append(...template.content.querySelectorAll('input[name="_csrf"]'));
  }

  /** Brings the panel and the changed rows up to date, keeping the scroll position, the filter and the current finding. */
  async function refresh(passages, before) {
    const scrollY = window.scrollY;
    const selected = current >= 0 && findings()[current] ? findings()[current].id : null;
    const choices = filterChoices();
    const panelHtml = await fetchHtml(`${articleUrl}/findings-panel`);
    panel.innerHTML = panelHtml;
    setUpFilter(choices);
    const after = findingStates();
    const rows = new Set(passages.map(String));
    for (const [id, state] of before) {
      const now = after.get(id);
      if (state.passage !== null && (!now || now.dismissed !== state.dismissed)) rows.add(state.passage);
    }
    for (const [id, state] of after) if (state.passage !== null && !before.has(id)) rows.add(state.passage);
    await Promise.all([...rows].map(replaceRow));
    const list = findings();
    if (current >= 0 && list.length > 0) {
      const kept = list.findIndex((finding) => finding.id === selected);
      // The selected finding stays selected; when it went (its fix applied), the next one takes its place.
      select(kept >= 0 ? kept : Math.min(current, list.length - 1), false);
    }
    window.scrollTo({ left: window.scrollX, top: scrollY, behavior: 'instant' });
  }

  /** The notice of the post that loaded the page (?done=) is out of date once another action is taken: it goes, from the page and the address. */
  function forgetPageNotice() {
    const notice = document.querySelector('.alert-ok[role="status"]');
    if (notice) notice.remove();
    const url = new URL(location.href);
    if (!url.searchParams.has('done')) return;
    url.searchParams.delete('done');
    history.replaceState(history.state, '', url);
  }

  /** Carries what the person was writing or choosing in the old head's forms, and the disclosures open there, into the new head. */
  function keepEntries(old, fresh) {
    const twin = (element, selector) => {
      const form = element.closest('form');
      return form && fresh.querySelector(`form[action="${CSS.escape(form.getAttribute('action'))}"] ${selector}`);
    };
    for (const control of old.querySelectorAll('textarea[name], select[name]')) {
      const same = twin(control, `[name="${CSS.escape(control.name)}"]`);
      if (same) same.value = control.value;
    }
    for (const form of old.querySelectorAll('details[open] > form')) {
      const same = twin(form, '');
      if (same && same.parentElement.tagName === 'DETAILS') same.parentElement.open = true;
    }
  }

  /** Replaces the page's head (its summary line and the review steps) with the one the answer carries, rendered for this viewer now. */
  function replaceHead(head) {
    if (!head) return;
    for (const [id, html] of [['review-summary', head.summary], ['review-flow', head.flow]]) {
      const old = document.getElementById(id);
      const template = document.createElement('template');
      template.innerHTML = html;
      const fresh = template.content.getElementById(id);
      if (!old || !fresh) continue;
      keepEntries(old, fresh);
      old.replaceWith(fresh);
    }
  }

  /** Posts `body` to `action` and brings the page up to date; the answer, or null when refused (said as an alert). */
  async function post(action, body) {
    errorLine.hidden = true;
    const before = findingStates();
    let answer = null;
    try {
      const response = await fetch(action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const json = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
      if (!response.ok || json === null) {
        const message = json && json.error ? json.error.message : `The server refused this (${response.status}).`;
        fail(response.status === 409 ? `${message} Reload the page to see the passage as it is now.` : message);
        return null;
      }
      answer = json;
      forgetPageNotice();
      replaceHead(answer.head);
      await refresh(answer.passages, before);
    } catch (error) {
      fail(error instanceof Error && error.message ? error.message : 'The workbench could not be reached.');
    }
    return answer;
  }

  const token = () => {
    const input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  };

  /** After a fix applied in place: a notice with an Undo button (or `u`) that puts the passage back. */
  function offerUndo(passages, undo, findingId) {
    const old = document.getElementById('undo-notice');
    if (old) old.remove();
    if (!undo) return;
    const notice = document.createElement('p');
    notice.id = 'undo-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = `Fix applied to passage ${passages.map((idx) => idx + 1).join(', ')}. `;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Undo';
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await post(undo.action, new URLSearchParams({ _csrf: token(), version: String(undo.version) }));
      notice.remove();
      if (!answer) return;
      say(`Fix undone: passage ${passages.map((idx) => idx + 1).join(', ')} is back as it was.`);
      // The finding the fix came from is open again: with a finding selected, it becomes the selected one.
      const again = findings().findIndex((finding) => finding.id === findingId);
      if (current >= 0 && again >= 0) select(again, false);
    });
    notice.append(button);
    statusLine.hidden = true;
    said.prepend(notice);
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !isInPlace(form)) return;
    event.preventDefault();
    const submitter = event.submitter;
    const action = (submitter && submitter.getAttribute('formaction')) || form.action;
    const body = new URLSearchParams(new FormData(form, submitter));
    // Where the form was, to put the focus back near it when it went with what was replaced.
    const finding = form.closest('.finding');
    const slot = finding ? findings().indexOf(finding) : -1;
    const row = form.closest('tr');
    const inHead = Boolean(form.closest('#review-flow'));
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    const answer = await post(action, body);
    for (const button of form.querySelectorAll('button')) button.disabled = false;
    if (!answer) return;
    if (!document.activeElement || document.activeElement === document.body) {
      const edit = row && document.getElementById(row.id) && document.getElementById(row.id).querySelector('a.edit');
      // A step of the head (approve all) went with the head: the focus goes to the first step there now.
      const step = inHead && document.querySelector('#review-flow button, #review-flow summary');
      if (slot >= 0) select(Math.min(slot, findings().length - 1), false);
      else if (edit) edit.focus({ preventScroll: true });
      else if (step) step.focus({ preventScroll: true });
    }
    const applied = /\/apply$/.test(new URL(action, location.href).pathname);
    if (applied) offerUndo(answer.passages, answer.undo, form.closest('.finding') ? form.closest('.finding').id : null);
    else say(answer.notice);
  });
})();
