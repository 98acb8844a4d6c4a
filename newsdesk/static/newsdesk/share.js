// Share panel: a copy-link button and the browser's own share sheet (Web Share API).
// Both buttons start hidden and appear only where the browser can do what they offer; the
// plain share links work without this script. Nothing here talks to any network.
(function () {
  "use strict";
  function setUp(panel) {
    var url = panel.getAttribute("data-share-url");
    var title = panel.getAttribute("data-share-title");
    var status = panel.querySelector("[data-share-status]");
    var copy = panel.querySelector("[data-share-copy]");
    var native = panel.querySelector("[data-share-native]");
    function say(text) {
      if (status) status.textContent = text;
    }
    if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { say("Link copied."); },
          function () { say("The link could not be copied: " + url); }
        );
      });
    }
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {
          // The reader closed the share sheet, or the browser refused: nothing to report.
        });
      });
    }
  }
  document.querySelectorAll("[data-share]").forEach(setUp);
})();
