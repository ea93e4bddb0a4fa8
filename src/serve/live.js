// Injected by `guidepost serve` only: reloads the page after each rebuild and shows
// build errors over the page while the last good build stays in view.
(function () {
  "use strict";
  var script = document.currentScript;
  var served = script && script.getAttribute("data-generation");
  var overlay = null;

  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "guidepost-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:16px 20px;background:#3b0b0b;color:#fff;border-top:4px solid #f87171;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "Guidepost could not rebuild the hub; this page shows the last good build.\n\n" + text;
  }

  var events = new EventSource("/__guidepost/events");
  events.addEventListener("generation", function (event) {
    if (served !== null && event.data !== served) location.reload();
  });
  events.addEventListener("reload", function () { location.reload(); });
  // A handbook is made after the other pages: it reloads when it is in place.
  events.addEventListener("background", function () {
    if (/\/handbooks\//.test(location.pathname)) location.reload();
  });
  events.addEventListener("build-error", function (event) { showError(event.data); });
})();
