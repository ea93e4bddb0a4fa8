// Guidepost search in the page: the header box, the search page, the keyboard and
// what screen readers hear. Cutting words is search-terms.js's work, finding and
// ranking them search-core.js's, and choosing and marking excerpts search-results.js's;
// this file loads them and the shards a query needs. Shards are scripts that call
// guidepostIndex(key, data), so the same code works over http:// and from a folder
// opened on disk (file://). Content reaches the page as text, or as the escaped HTML
// that highlight() of search-results.js makes. Its words come from the language's strings,
// loaded with the index.
(function () {
  "use strict";

  // The words of the page's language: theme/i18n/<lang>.js beside this file, written
  // by the build from the hub's strings and loaded once, by whichever script needs
  // them first (search.js and template-card.js share it).
  var words = window.guidepostWords || (window.guidepostWords = (function (script) {
    var promise = null;
    return function () {
      if (!promise) {
        promise = new Promise(function (resolve) {
          var lang = (document.documentElement.lang || "en").replace(/[^\w-]/g, "");
          var tag = document.createElement("script");
          tag.src = (script ? script.src : "").replace(/[^\/?#]*([?#].*)?$/, "i18n/" + lang + ".js");
          tag.onload = function () { resolve(window.GuidepostStrings || {}); };
          tag.onerror = function () { resolve({}); };
          document.head.appendChild(tag);
        });
      }
      return promise;
    };
  })(document.currentScript));

  // A text with each {name} replaced by its value; a text with forms by count takes
  // the form of its {n}, by the language's plural rules.
  function phrase(text, values) {
    if (text && typeof text === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(text.rule || "en").select(values.n); } catch (e) { form = values.n === 1 ? "one" : "other"; }
      text = text[form] || text.other;
    }
    return String(text == null ? "" : text).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  var FILE = location.protocol === "file:";

  // ---- Loading shards -------------------------------------------------------
  var loaded = {}, waiting = {};
  window.guidepostIndex = function (key, data) {
    loaded[key] = data;
    if (waiting[key]) waiting[key].resolve(data);
  };
  function load(base, key, version) {
    if (key in loaded) return Promise.resolve(loaded[key]);
    if (waiting[key]) return waiting[key].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var script = document.createElement("script");
      script.src = base + key + ".js" + (version ? "?v=" + version : "");
      script.async = true;
      script.onerror = function () { delete waiting[key]; reject(new Error("cannot load " + key)); };
      script.onload = function () {
        script.remove();
        if (!(key in loaded)) { delete waiting[key]; reject(new Error("bad shard " + key)); }
      };
      document.head.appendChild(script);
    });
    waiting[key] = entry;
    return entry.promise;
  }

  // While someone types, shards are fetched only once they pause, and not at all for
  // a query they have typed past; what is loaded already answers at once.
  var PAUSE = 180, lastKey = 0, STALE = new Error("stale");
  function paused() {
    return new Promise(function (resolve) {
      (function check() {
        var wait = lastKey + PAUSE - performance.now();
        if (wait <= 0) resolve(); else setTimeout(check, wait);
      })();
    });
  }

  // ---- Where the index is and where the search page is ------------------------------
  var form = document.querySelector("form.site-search");
  var pageBox = document.getElementById("gp-search-page");
  var home = pageBox || form;
  var base = home && home.getAttribute("data-index");
  if (!base) return;
  var root = home.getAttribute("data-root") || "";
  // Whether the query that asks for shards now has been typed past.
  var stale = null;
  var index = null, core = null, results = null, terms = null;
  // The interface words, there once the index is.
  var W = {};
  function getIndex() {
    if (!index) {
      index = Promise.all([load(base, "manifest"), words()]).then(function (got) {
        var m = got[0];
        W = got[1];
        // A shard already loaded answers at once; only a new one waits for a pause.
        return new core.Index(m, function (key) {
          if (key in loaded) return Promise.resolve(loaded[key]);
          return paused().then(function () {
            if (stale && stale()) throw STALE;
            return load(base, key, m.version);
          });
        });
      });
    }
    return index;
  }
  function announce(detail) {
    document.dispatchEvent(new CustomEvent("guidepost:search", { detail: detail }));
  }

  // ---- Showing results ----------------------------------------------------------------
  var KINDS = ["article", "faq", "template"];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // highlight() escapes everything but its own <mark>s.
  function marked(cls, html) {
    var e = el("span", cls);
    e.innerHTML = html;
    return e;
  }

  // One result's elements: title (and section), breadcrumb with kind, excerpt.
  function parts(result, item, match, excerptSize) {
    var kind = result.index.facets(item.hit.doc)[1];
    var p = results.describe(item.data, kind, match, { root: root, file: FILE, size: excerptSize });
    var meta = el("span", "search-hit-meta");
    meta.appendChild(el("span", "search-hit-kind", W["kind_" + kind]));
    if (p.crumb) meta.appendChild(document.createTextNode(" " + p.crumb));
    return {
      url: p.url,
      title: marked("search-hit-title", p.title),
      section: p.section ? marked("search-hit-section", p.section) : null,
      meta: meta,
      excerpt: marked("search-hit-excerpt", p.excerpt)
    };
  }

  // What the reader typed, kept in its own direction inside a sentence of the page's
  // (first strong letter decides): an Arabic query in an English sentence, or a
  // Latin one or a number in an Arabic sentence, reads as typed.
  function isolate(text) { return "\u2068" + text + "\u2069"; }

  function summary(result, total, query) {
    var q = isolate(query.trim());
    if (!total) return phrase(W.no_results, { query: q });
    var count = phrase(result.exact ? W.results : W.more_than_results, { n: total });
    return phrase(result.partial ? W.results_partial : W.results_for, { count: count, query: q });
  }
  function unavailable(status) {
    words().then(function (w) { status.textContent = phrase(w.search_unavailable, {}); });
  }

  // ---- The search box in the header ---------------------------------------------------
  function header(searchForm) {
    var input = searchForm.querySelector("input[name=q]");
    if (pageBox) { searchForm.hidden = true; return; }
    var popup = el("div", "search-popup");
    popup.id = "gp-search-popup";
    popup.hidden = true;
    var list = el("ul", "search-options");
    list.id = "gp-search-options";
    list.setAttribute("role", "listbox");
    var footer = el("p", "search-popup-footer");
    var all = el("a", "search-all");
    footer.appendChild(all);
    popup.appendChild(list);
    popup.appendChild(footer);
    var status = el("p", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    searchForm.appendChild(popup);
    searchForm.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var active = -1, options = [], seq = 0, announceTimer = 0;
    var pageUrl = searchForm.getAttribute("action") + (FILE ? "index.html" : "");
    function toSearchPage(q) { return pageUrl + "?q=" + encodeURIComponent(q); }
    function open(show) {
      popup.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) setActive(-1);
    }
    function setActive(n) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = n;
      if (options[n]) {
        options[n].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[n].id);
        options[n].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function run() {
      var q = input.value, mine = ++seq, started = performance.now();
      if (!terms.answersAsTyped(q)) { open(false); status.textContent = ""; return; }
      getIndex().then(function (idx) {
        stale = function () { return mine !== seq; };
        return idx.search(q);
      }).then(function (result) {
        if (mine !== seq) return;
        return results.pick(result, function () { return true; }, 0, 6).then(function (picked) {
          if (mine !== seq) return;
          var match = results.matcher(result);
          list.textContent = "";
          list.setAttribute("aria-label", phrase(W.search_results, {}));
          options = picked.items.map(function (item, i) {
            var p = parts(result, item, match, 110);
            var li = el("li", "search-option");
            li.id = "gp-search-option-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            li.setAttribute("data-href", p.url);
            var a = el("a", "search-hit");
            a.href = p.url;
            a.tabIndex = -1;
            a.appendChild(p.title);
            if (p.section) a.appendChild(p.section);
            li.appendChild(a);
            li.appendChild(p.meta);
            li.appendChild(p.excerpt);
            li.addEventListener("click", function (e) { if (!e.target.closest("a")) location.href = p.url; });
            list.appendChild(li);
            return li;
          });
          active = -1;
          all.textContent = phrase(picked.total ? W.see_all_results : W.open_search_page, { query: isolate(q.trim()) });
          all.href = toSearchPage(q);
          // Announced once typing settles, not at every keystroke.
          var said = summary(result, picked.total, q) + (picked.total ? " " + phrase(W.arrow_keys_hint, {}) : "");
          clearTimeout(announceTimer);
          announceTimer = setTimeout(function () { if (mine === seq) status.textContent = said; }, 500);
          if (!picked.total) list.appendChild(el("li", "search-empty", summary(result, 0, q)));
          open(true);
          announce({ query: q, results: picked.total, ms: performance.now() - started, where: "header" });
        });
      }).catch(function () {
        if (mine !== seq) return;
        unavailable(status);
      });
    }
    input.addEventListener("input", function () { lastKey = performance.now(); run(); });
    input.addEventListener("focus", function () { if (terms.answersAsTyped(input.value) && options.length) open(true); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (popup.hidden) { if (options.length) open(true); else return; }
        e.preventDefault();
        var n = options.length;
        if (!n) return;
        setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === "Enter" && active >= 0 && !popup.hidden) {
        e.preventDefault();
        location.href = options[active].getAttribute("data-href");
      } else if (e.key === "Escape") {
        if (!popup.hidden) { open(false); e.preventDefault(); }
        else if (input.value) { input.value = ""; status.textContent = ""; }
      }
    });
    searchForm.addEventListener("submit", function (e) {
      e.preventDefault();
      location.href = toSearchPage(input.value);
    });
    document.addEventListener("click", function (e) { if (!searchForm.contains(e.target)) open(false); });
    searchForm.addEventListener("focusout", function (e) { if (!searchForm.contains(e.relatedTarget)) open(false); });
  }

  // ---- The search page ---------------------------------------------------------------
  function searchPage(box) {
    var input = box.querySelector("input[name=q]");
    var status = box.querySelector("[data-search-status]");
    var list = box.querySelector("[data-search-results]");
    var more = box.querySelector("[data-search-more]");
    var filters = box.querySelector("[data-search-filters]");
    box.querySelector("[data-search-nojs]").hidden = true;
    box.querySelector("[data-search-ui]").hidden = false;
    // On a narrow screen the filters start folded, so the results come first.
    if (window.matchMedia && matchMedia("(max-width: 44rem)").matches) box.querySelector("[data-search-filter-box]").open = false;
    var params = new URLSearchParams(location.search);
    var chosen = { kind: params.getAll("kind"), category: params.getAll("category"), audience: params.getAll("audience") };
    input.value = params.get("q") || "";
    var seq = 0, shown = 0, current = null;
    var PAGE = 10;

    function filtering() { return chosen.kind.length + chosen.category.length + chosen.audience.length > 0; }
    function saveUrl() {
      var p = new URLSearchParams();
      if (input.value) p.set("q", input.value);
      results.FILTERS.forEach(function (f) { chosen[f].forEach(function (v) { p.append(f, v); }); });
      var qs = p.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }

    function drawFilters(idx, result) {
      var counts = results.filterCounts(result, chosen);
      var groups = [
        ["kind", W.filter_kind, KINDS.map(function (k) { return [k, W["kinds_" + k]]; })],
        ["audience", W.for_label, idx.m.audiences.map(function (a, i) { return [String(i), a]; })],
        ["category", W.filter_topic, idx.m.categories.map(function (c, i) { return [String(i), c]; })]
      ];
      filters.textContent = "";
      groups.forEach(function (g) {
        var options = g[2].filter(function (o) { return counts[g[0]][o[0]] || chosen[g[0]].indexOf(o[0]) >= 0; });
        if (!options.length) return;
        var set = el("fieldset", "search-filter");
        set.appendChild(el("legend", null, g[1]));
        options.forEach(function (o) {
          var label = el("label", "search-filter-option");
          var checkbox = el("input");
          checkbox.type = "checkbox";
          checkbox.name = g[0];
          checkbox.value = o[0];
          checkbox.checked = chosen[g[0]].indexOf(o[0]) >= 0;
          checkbox.addEventListener("change", function () {
            var picked = chosen[g[0]], at = picked.indexOf(o[0]);
            if (checkbox.checked && at < 0) picked.push(o[0]);
            if (!checkbox.checked && at >= 0) picked.splice(at, 1);
            saveUrl();
            run(true);
          });
          label.appendChild(checkbox);
          label.appendChild(document.createTextNode(" " + o[1] + " "));
          label.appendChild(el("span", "search-filter-count", "(" + (counts[g[0]][o[0]] || 0) + ")"));
          set.appendChild(label);
        });
        filters.appendChild(set);
      });
    }

    function draw(result, from, mine, started) {
      var idx = result.index, q = input.value;
      var filter = function (h) { return results.passes(idx.filterValues(h.doc), chosen); };
      return results.pick(result, filter, from, PAGE).then(function (picked) {
        if (mine !== seq) return;
        var match = results.matcher(result);
        if (!from) list.textContent = "";
        picked.items.forEach(function (item) {
          var p = parts(result, item, match, 240);
          var li = el("li", "search-result");
          var h = el("h2", "search-result-heading");
          var a = el("a", "search-hit");
          a.href = p.url;
          a.appendChild(p.title);
          if (p.section) a.appendChild(p.section);
          h.appendChild(a);
          li.appendChild(h);
          li.appendChild(p.meta);
          var ex = el("p", "search-result-excerpt");
          ex.appendChild(p.excerpt);
          li.appendChild(ex);
          list.appendChild(li);
        });
        shown = from + picked.items.length;
        more.hidden = shown >= picked.total;
        drawFilters(idx, result);
        status.textContent = q.trim() ? summary(result, picked.total, q) : "";
        announce({ query: q, results: picked.total, ms: performance.now() - started, where: "page" });
      });
    }

    function run(keepPage) {
      var q = input.value, mine = ++seq, started = performance.now();
      if (!keepPage) saveUrl();
      if (!q.trim()) { list.textContent = ""; filters.textContent = ""; status.textContent = ""; more.hidden = true; return; }
      getIndex().then(function (idx) {
        stale = function () { return mine !== seq; };
        return idx.search(q);
      }).then(function (result) {
        if (mine !== seq) return;
        return (filtering() && !result.exact ? result.index.complete(result) : result);
      }).then(function (result) {
        if (!result || mine !== seq) return;
        current = result;
        return draw(result, 0, mine, started);
      }).catch(function () {
        if (mine === seq) unavailable(status);
      });
    }

    input.addEventListener("input", function () { lastKey = performance.now(); run(false); });
    box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(false); });
    more.addEventListener("click", function () {
      if (!current) return;
      var before = shown;
      draw(current, shown, seq, performance.now()).then(function () {
        var link = list.children[before] && list.children[before].querySelector("a");
        if (link) link.focus();
      });
    });
    // Arrow keys move between the box and the results; Escape goes back to the box.
    box.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-hit"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
        if (links[at + 1]) { links[at + 1].focus(); e.preventDefault(); }
      } else if (e.key === "ArrowUp" && at >= 0) {
        (at > 0 ? links[at - 1] : input).focus();
        e.preventDefault();
      } else if (e.key === "Escape") {
        if (document.activeElement !== input) input.focus();
        else if (input.value) { input.value = ""; run(false); }
        e.preventDefault();
      }
    });
    if (input.value) run(true);
  }

  function start() {
    core = window.GuidepostSearchCore;
    results = window.GuidepostSearchResults;
    terms = window.GuidepostSearchTerms;
    if (form) header(form);
    if (pageBox) searchPage(pageBox);
  }
  // The rest of search comes from beside this script, which keeps script tags off
  // every page: loaded side by side, run in this order (a theme's own base.html may
  // have loaded some already).
  var here = document.currentScript.src;
  var missing = [
    ["GuidepostSearchTerms", "search-terms.js"],
    ["GuidepostSearchPhrase", "search-phrase.js"],
    ["GuidepostSearchCore", "search-core.js"],
    ["GuidepostSearchResults", "search-results.js"]
  ].filter(function (s) { return !window[s[0]]; });
  if (!missing.length) start();
  missing.forEach(function (s, i) {
    var script = document.createElement("script");
    script.src = here.replace(/[^\/?#]*([?#].*)?$/, s[1]);
    script.async = false;
    if (i === missing.length - 1) script.onload = start;
    document.head.appendChild(script);
  });
})();
