// Guidepost default theme: small enhancements on top of plain HTML. Every page
// reads and works without this file. Its words come from the page (data-*).
(function () {
  "use strict";
  var doc = document;
  var self = doc.currentScript;
  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || doc).querySelectorAll(selector), fn);
  }

  // Opened from disk, folder links show a file listing; point them at index.html.
  if (location.protocol === "file:") {
    each("a[href]", function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      a.setAttribute("href", href.replace(/(^|\/)(#|$)/, "$1index.html$2"));
    });
  }

  // The light and dark switch: the system's setting until the reader picks one,
  // kept in this browser (the page's <head> applies it before drawing).
  var root = doc.documentElement;
  var system = window.matchMedia && matchMedia("(prefers-color-scheme: dark)");
  var themeSwitch = doc.querySelector(".theme-switch");
  var systemDark = function () { return !!(system && system.matches); };
  var isDark = function () { return root.dataset.theme ? root.dataset.theme === "dark" : systemDark(); };
  var showTheme = function () { themeSwitch.setAttribute("aria-pressed", String(isDark())); };
  if (themeSwitch) {
    showTheme();
    if (system && system.addEventListener) system.addEventListener("change", showTheme);
    themeSwitch.addEventListener("click", function () {
      var dark = !isDark();
      // Back to what the system says: follow the system again.
      var choice = dark === systemDark() ? "" : dark ? "dark" : "light";
      if (choice) root.dataset.theme = choice;
      else delete root.dataset.theme;
      try {
        localStorage[choice ? "setItem" : "removeItem"]("gp-theme", choice);
      } catch (e) {
        // Storage off: the choice holds on this page only.
      }
      showTheme();
    });
  }

  // On narrow screens the navigation folds behind the Menu button.
  var header = doc.querySelector(".site-header");
  var menu = header && header.querySelector(".menu-button");
  function setMenu(open) {
    header.classList.toggle("menu-open", open);
    menu.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (menu) {
    menu.addEventListener("click", function () {
      setMenu(!header.classList.contains("menu-open"));
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        setMenu(false);
        menu.focus();
      }
    });
  }

  // `/` or Ctrl+K (⌘K) jumps to the search box, unless the reader is typing.
  // On the home page, its own large box.
  var searchBox = doc.getElementById("gp-hero-search") || doc.getElementById("gp-search-input");
  if (searchBox) {
    doc.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      var k = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
      if (slash || k) {
        event.preventDefault();
        if (header && menu && !header.classList.contains("menu-open") && !searchBox.offsetParent) setMenu(true);
        searchBox.focus();
        searchBox.select();
      }
    });
  }

  // The section menu beside an article opens where there is room for it.
  var sectionMenu = doc.querySelector(".section-menu details");
  if (sectionMenu && window.matchMedia && matchMedia("(min-width: 80rem)").matches) sectionMenu.open = true;

  // Says `text` to screen readers, in a status line made the first time.
  var live;
  function announce(text) {
    if (!live) {
      live = doc.createElement("p");
      live.className = "visually-hidden";
      live.id = "gp-announce";
      live.setAttribute("role", "status");
      doc.body.appendChild(live);
    }
    live.textContent = text;
  }

  // A heading's link to itself also copies the section's address.
  doc.addEventListener("click", function (event) {
    var anchor = event.target.closest && event.target.closest("a.anchor");
    if (!anchor || !navigator.clipboard) return;
    navigator.clipboard.writeText(anchor.href).then(function () {
      var said = self.getAttribute("data-link-copied");
      anchor.setAttribute("data-copied", said);
      announce(said);
      setTimeout(function () {
        anchor.removeAttribute("data-copied");
      }, 2500);
    }, function () {
      // Not allowed here: the link still leads to the section.
    });
  });

  // Following a link to an FAQ question (or to anything inside one) opens it.
  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    var target = id && doc.getElementById(id);
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // A table too wide for the screen scrolls on its own, in a box the keyboard can reach.
  var tableLabel = self && self.getAttribute("data-table");
  each(".prose table", function (table) {
    var box = doc.createElement("div");
    box.className = "table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    var fit = function () {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (tableLabel) box.setAttribute("aria-label", tableLabel);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    };
    fit();
    window.addEventListener("resize", fit);
  });

  // Print buttons only make sense with JavaScript.
  each("[data-print]", function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Print every FAQ answer, not only the open ones.
  window.addEventListener("beforeprint", function () {
    each("details", function (d) {
      d.dataset.wasOpen = d.open ? "1" : "";
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    each("details", function (d) {
      if ("wasOpen" in d.dataset) d.open = d.dataset.wasOpen === "1";
    });
  });

  // "In this article" marks the section being read.
  var toc = doc.querySelector(".toc");
  if (toc) {
    var links = {};
    var headings = [];
    each('a[href^="#"]', function (a) {
      var heading = doc.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (heading) {
        links[heading.id] = a;
        headings.push(heading);
      }
    }, toc);
    var current = null;
    var pending = false;
    var update = function () {
      pending = false;
      var line = window.innerHeight * 0.3;
      var active = null;
      for (var i = 0; i < headings.length && headings[i].getBoundingClientRect().top <= line; i++) {
        active = headings[i];
      }
      if (active === current) return;
      if (current) links[current.id].removeAttribute("aria-current");
      if (active) links[active.id].setAttribute("aria-current", "location");
      current = active;
    };
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  }
  // Template cards: show the fill-in tools now, and load their script
  // (template-card.js, beside this file) the first time a reader uses a card, so
  // pages stay light for those who only read.
  var cards = doc.querySelectorAll("[data-template-card]");
  if (cards.length && self) {
    each("[data-enhanced]", function (el) { el.hidden = false; });
    each("[data-plain]", function (el) { el.hidden = true; });
    var state = 0; // 0 not loaded, 1 loading, 2 ready
    var replay = null;
    var load = function () {
      if (state) return;
      state = 1;
      var script = doc.createElement("script");
      script.src = self.src.replace(/guidepost\.js(\?.*)?$/, "template-card.js");
      script.onload = function () {
        state = 2;
        if (replay) replay.click();
        replay = null;
      };
      doc.head.appendChild(script);
    };
    // Details the reader typed in another template are filled in at once.
    var kept = null;
    try { kept = window.sessionStorage.getItem("guidepost:fields"); } catch (e) { kept = null; }
    if (kept) load();
    each("[data-template-card]", function (card) {
      card.addEventListener("focusin", load);
      card.addEventListener("pointerover", load);
      // A copy, print or download asked for before the script is ready waits for it:
      // a download link followed at once would give the file without what was typed.
      card.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("button[data-copy], button[data-print-template], a[data-format]");
        if (button && state < 2) {
          event.preventDefault();
          replay = button;
          load();
        }
      });
    });
  }
})();
