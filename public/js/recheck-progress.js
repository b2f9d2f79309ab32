// The re-check's progress line on the Terms page (views/partials/recheck-progress.ejs), kept
// current while articles wait: its text is read again from /recheck, which renders the same
// line. Without script the line is as the page was loaded, and links to /recheck, which reloads itself.
(() => {
  const INTERVAL_MS = 2000;
  const update = async () => {
    const line = document.querySelector('[data-recheck-progress="running"]');
    if (!line) return;
    try {
      const response = await fetch('/recheck', { headers: { accept: 'text/html' } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-recheck-progress]');
      // The same element stays, so screen readers announce the change of its text (role="status").
      if (response.ok && fresh) {
        line.innerHTML = fresh.innerHTML;
        line.dataset.recheckProgress = fresh.dataset.recheckProgress;
      }
    } catch {
      // Offline for a moment: the next round asks again.
    }
    setTimeout(update, INTERVAL_MS);
  };
  setTimeout(update, INTERVAL_MS);
})();
