// Added to pages by `hanke serve` only (never by `hanke build`): reloads the page
// when the site has been rebuilt after an edit.
(() => {
  const since = document.currentScript.dataset.since;
  const events = new EventSource('/__hanke/events?since=' + since);
  events.addEventListener('reload', () => window.location.reload());
})();
