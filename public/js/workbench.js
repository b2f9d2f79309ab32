// Progressive enhancement for the review page: keyboard shortcuts over the findings panel,
// which can be turned off (WCAG 2.1.4), the panel's filter, and the source column's choice kept
// across pages. Every action stays a plain form or link; without this script the page works the
// same and the panel shows every finding.
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
  const filter = document.querySelector('.finding-filter');
  if (filter) {
    const status = document.getElementById('findings-shown');
    filter.hidden = false;
    filter.addEventListener('submit', (event) => event.preventDefault());
    filter.addEventListener('change', () => {
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
    });
  }

  function select(index) {
    const list = findings();
    if (list.length === 0) return;
    current = (index + list.length) % list.length;
    for (const el of document.querySelectorAll('.is-current')) el.classList.remove('is-current');
    const finding = list[current];
    finding.classList.add('is-current');
    finding.focus({ preventScroll: true });
    finding.scrollIntoView({ block: 'nearest' });
    for (const mark of document.querySelectorAll('mark.flag')) {
      if ((mark.dataset.findings || '').split(' ').includes(finding.id.slice('finding-'.length))) {
        mark.classList.add('is-current');
        mark.scrollIntoView({ block: 'center' });
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
})();
