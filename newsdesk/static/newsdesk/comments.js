// The live counter of the comment box. It counts what the server counts: Unicode code
// points after NFC normalization, not UTF-16 units as the browser's own maxlength does.
(function () {
  "use strict";
  function codePoints(text) {
    return Array.from(text.normalize("NFC"));
  }
  function setUp(box) {
    var limit = parseInt(box.getAttribute("data-limit"), 10) || 300;
    var counter = document.getElementById(box.getAttribute("aria-describedby"));
    var used = counter ? counter.querySelector("[data-used]") : null;
    // maxlength stays in the HTML for readers without scripts; with the script, this counter
    // enforces the limit in code points, so an emoji costs one character, as on the server.
    box.removeAttribute("maxlength");
    function update() {
      var points = codePoints(box.value);
      if (points.length > limit) {
        box.value = points.slice(0, limit).join("");
        points = points.slice(0, limit);
      }
      if (used) used.textContent = String(points.length);
      if (counter) counter.classList.toggle("full", points.length >= limit);
    }
    box.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-limit]").forEach(setUp);
})();

// "Edit or delete" on this browser's own comments, for the minutes they can still be changed.
(function () {
  "use strict";
  var match = document.cookie.match(/(?:^|;\s*)nd_mine=([0-9.]+)/);
  if (!match) return;
  match[1].split(".").forEach(function (id) {
    var item = document.querySelector('[data-comment="' + id + '"] .own-edit');
    if (item) item.hidden = false;
  });
})();
