// Guidepost default theme, FAQ pages only: one button opens or closes every
// answer. Its words come from the page (data-open-all, data-close-all).
(function () {
  "use strict";
  var doc = document;
  var questions = doc.querySelector(".questions");
  var all = questions ? questions.querySelectorAll("details") : [];
  if (all.length > 1) {
    var tools = doc.createElement("div");
    var toggle = doc.createElement("button");
    var allOpen = function () {
      return Array.prototype.every.call(all, function (d) { return d.open; });
    };
    var label = function () {
      toggle.textContent = questions.getAttribute(allOpen() ? "data-close-all" : "data-open-all");
    };
    tools.className = "faq-tools";
    toggle.type = "button";
    toggle.addEventListener("click", function () {
      var open = !allOpen();
      Array.prototype.forEach.call(all, function (d) { d.open = open; });
      label();
    });
    // `toggle` does not bubble, so listen while it travels down.
    questions.addEventListener("toggle", label, true);
    tools.appendChild(toggle);
    questions.parentNode.insertBefore(tools, questions);
    label();
  }
})();
