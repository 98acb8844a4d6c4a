// Reports this page view to the beacon endpoint, then shows the fresh count.
// The HTML may come from a cache, so the count is counted and refreshed from here.
(function () {
  "use strict";
  var article = document.querySelector("[data-count-views]");
  if (!article) return;
  var id = article.getAttribute("data-article-id");
  var beacon = article.getAttribute("data-beacon-url");
  var countUrl = article.getAttribute("data-count-url");
  var shown = document.querySelector("[data-view-count]");
  var body = new URLSearchParams({ article: id });

  function refresh() {
    if (!shown || !window.fetch) return;
    fetch(countUrl, { credentials: "omit", cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) shown.textContent = data.display; })
      .catch(function () {});
  }

  // fetch with keepalive first: unlike sendBeacon it tells us when the view is recorded,
  // so the count can update then; sendBeacon is the fallback for old browsers. Without Redis
  // the server adds a recorded view to the count a few milliseconds after its answer (its
  // view journal, newsdesk/audience/journal.py), so the page asks a moment later.
  function refreshSoon() { setTimeout(refresh, 500); }
  if (window.fetch && "keepalive" in new Request("")) {
    fetch(beacon, { method: "POST", body: body, keepalive: true, credentials: "same-origin" })
      .then(refreshSoon, refreshSoon);
  } else if (navigator.sendBeacon) {
    navigator.sendBeacon(beacon, body);
    setTimeout(refresh, 1000);
  }
  // A reader who keeps the page open sees the count move.
  setInterval(function () { if (!document.hidden) refresh(); }, 60000);
})();
