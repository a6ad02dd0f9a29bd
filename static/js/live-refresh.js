// Keeps a region up to date without reloading the page (a reload would move keyboard focus and
// make screen readers start over). The region names its own address and interval:
//   <div data-live-refresh="/path/?fragment=1" data-live-interval="30" aria-live="polite">
// Every page works without this file; the region then shows what it showed when loaded.
(function () {
  "use strict";

  function refresh(region) {
    if (document.hidden) { return; }
    fetch(region.getAttribute("data-live-refresh"), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null && html !== region.innerHTML) { region.innerHTML = html; }
    }).catch(function () { /* offline for a moment: the next round tries again */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-live-refresh]"), function (region) {
    var seconds = parseInt(region.getAttribute("data-live-interval"), 10) || 30;
    window.setInterval(function () { refresh(region); }, seconds * 1000);
  });
})();
