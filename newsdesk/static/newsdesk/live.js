// A live page's updates appear by themselves (docs/coverage.md, "Readers' side").
// Every 10 s while the tab is visible the page asks its poll address, which the page cache
// answers for every reader alike (304 when nothing changed); new updates go on top, edited
// ones are replaced, deleted ones leave. A reader scrolled into the updates is not moved: a
// button offers the new ones. Only the first page of updates polls (the template says so).
(function () {
  "use strict";
  var root = document.querySelector("[data-live-coverage][data-poll-url]");
  if (!root || !window.fetch || !("content" in document.createElement("template"))) return;
  var url = root.getAttribute("data-poll-url");
  var stream = root.querySelector("[data-live-stream]");
  var keyBox = root.querySelector("[data-live-key-events]");
  var keyList = root.querySelector("[data-live-key-list]");
  var button = root.querySelector("[data-live-new]");
  var announcer = root.querySelector("[data-live-announcer]");
  var summary = root.querySelector("[data-live-summary]");
  var INTERVAL = 10000;
  var PER_POLL = 20; // coverage.selectors.PER_PAGE: the poll's newest updates
  var pending = []; // new updates held for the reader's click, newest first
  var timer = null;
  var busy = false;
  var stopped = false;
  var lastText = null;

  function parse(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }
  function idOf(el) { return el.getAttribute("data-update-id"); }
  function versionOf(el) { return el.getAttribute("data-version"); }
  function publishedOf(el) { return parseFloat(el.getAttribute("data-published")) || 0; }
  function shown() { return Array.prototype.slice.call(stream.querySelectorAll(":scope > .live-update")); }

  function firstWords(el) {
    var body = el.querySelector(".live-update-body");
    var words = (body ? body.textContent : "").trim().split(/\s+/);
    return words.slice(0, 12).join(" ") + (words.length > 12 ? "\u2026" : "");
  }

  function announce(fresh) {
    if (!announcer || !fresh.length) return;
    announcer.textContent = fresh.length === 1
      ? "New update: " + firstWords(fresh[0])
      : fresh.length + " new updates. Newest: " + firstWords(fresh[0]);
  }

  function readerInUpdates() {
    // Below the top of the updates: text inserted above would move under the reader's eyes.
    return stream.getBoundingClientRect().top < 0;
  }

  function insert(fresh) {
    var empty = stream.querySelector("[data-live-empty]");
    if (empty) empty.remove();
    for (var i = fresh.length - 1; i >= 0; i--) {
      fresh[i].classList.add("live-fresh");
      stream.insertBefore(fresh[i], stream.firstChild);
    }
  }

  function showButton() {
    if (!pending.length) { button.hidden = true; return; }
    button.textContent = pending.length === 1 ? "1 new update" : pending.length + " new updates";
    button.hidden = false;
  }

  button.addEventListener("click", function () {
    var fresh = pending;
    pending = [];
    showButton();
    if (!fresh.length) return;
    insert(fresh);
    fresh[0].setAttribute("tabindex", "-1");
    fresh[0].scrollIntoView({ block: "start" });
    fresh[0].focus({ preventScroll: true });
  });

  function syncKeyEvents(pinnedIds, incoming) {
    var current = {};
    Array.prototype.forEach.call(keyList.querySelectorAll(".live-update"), function (el) {
      current[idOf(el)] = el;
    });
    var wanted = [];
    pinnedIds.forEach(function (pk) {
      var id = String(pk);
      var fresh = incoming[id];
      if (fresh) {
        var copy = fresh.cloneNode(true);
        copy.id = "key-update-" + id;
        copy.setAttribute("aria-labelledby", "key-update-" + id + "-time");
        var time = copy.querySelector("#update-" + id + "-time");
        if (time) time.id = "key-update-" + id + "-time";
        wanted.push(copy);
      } else if (current[id]) {
        wanted.push(current[id]); // pinned long ago: not among the newest, kept as shown
      }
    });
    var same = wanted.length === Object.keys(current).length && wanted.every(function (el) {
      var now = current[idOf(el)];
      return now && versionOf(now) === versionOf(el);
    });
    if (!same) keyList.replaceChildren.apply(keyList, wanted);
    keyBox.hidden = !wanted.length;
  }

  function apply(data) {
    var incoming = {};
    var order = data.updates.map(function (u) {
      var el = parse(u.html);
      incoming[idOf(el)] = el;
      return el;
    });
    var onPage = shown();
    var known = {};
    onPage.concat(pending).forEach(function (el) { known[idOf(el)] = el; });
    var newest = onPage.concat(pending).reduce(function (t, el) {
      return Math.max(t, publishedOf(el));
    }, -Infinity);
    // Edited (or pinned, or corrected) since shown: the new markup in its place.
    onPage.forEach(function (el) {
      var fresh = incoming[idOf(el)];
      if (fresh && versionOf(fresh) !== versionOf(el)) el.replaceWith(fresh.cloneNode(true));
    });
    pending = pending.map(function (el) {
      var fresh = incoming[idOf(el)];
      return fresh && versionOf(fresh) !== versionOf(el) ? fresh.cloneNode(true) : el;
    });
    // Deleted: shown, as new as the poll's oldest (or the poll holds them all), and absent.
    var oldest = order.length >= PER_POLL ? publishedOf(order[order.length - 1]) : -Infinity;
    shown().forEach(function (el) {
      if (!incoming[idOf(el)] && publishedOf(el) >= oldest) el.remove();
    });
    pending = pending.filter(function (el) { return incoming[idOf(el)]; });
    var fresh = order.filter(function (el) {
      return !known[idOf(el)] && publishedOf(el) >= newest;
    }).map(function (el) { return el.cloneNode(true); });
    if (fresh.length) {
      if (readerInUpdates()) pending = fresh.concat(pending);
      else insert(fresh);
      announce(fresh);
    }
    showButton();
    syncKeyEvents(data.pinned, incoming);
    if (!data.running) end(data.summary);
  }

  function end(text) {
    stopped = true;
    clearTimeout(timer);
    var badge = document.querySelector("[data-live-badge]");
    if (badge) badge.hidden = true;
    if (summary) {
      var shownText = summary.querySelector("[data-live-summary-text]");
      if (shownText) shownText.textContent = text;
      summary.hidden = false;
    }
    if (announcer) announcer.textContent = "This live coverage has ended. " + text;
  }

  function poll() {
    busy = true;
    return fetch(url, { cache: "no-cache", credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 404) { stopped = true; return null; } // no longer public
        return r.ok ? r.text() : null;
      })
      .then(function (text) {
        if (text === null || text === lastText) return;
        lastText = text;
        apply(JSON.parse(text));
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  function tick() {
    timer = null;
    if (stopped || document.hidden) return; // the tab's return polls at once (below)
    poll().then(schedule);
  }
  function schedule() {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(tick, INTERVAL);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden || stopped || busy) return;
    clearTimeout(timer);
    tick();
  });
  schedule();
})();
