// Guidepost default theme: small enhancements on top of plain HTML.
(function () {
  "use strict";

  // Opened from disk, folder links show a file listing; point them at index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      a.setAttribute("href", href.replace(/(^|\/)(#|$)/, "$1index.html$2"));
    });
  }

  // Following a link to an FAQ question opens it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") {
      el.open = true;
      el.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Print buttons only make sense with JavaScript.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Print every FAQ answer, not only the open ones.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) {
      d.dataset.wasOpen = d.open ? "1" : "";
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details").forEach(function (d) {
      d.open = d.dataset.wasOpen === "1";
    });
  });
})();
