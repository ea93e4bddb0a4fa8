// Guidepost search results as a page shows them: which pass the reader's filters and
// how many each filter would leave, which words to mark, the excerpt around them, and
// the list a page shows, at most two per page in a row. It reads no DOM and loads
// nothing: it is handed what an Index of search-core.js found.
// In a page this is the one global GuidepostSearchResults; under Node, the module's exports.
var GuidepostSearchResults = (function () {
  "use strict";

  // search-terms.js, found when first needed (as search-core.js finds it).
  var TERMS = null;
  function scan(text) {
    if (!TERMS) TERMS = typeof module === "object" && module.exports ? require("./search-terms.js") : globalThis.GuidepostSearchTerms;
    return TERMS.scan(text);
  }

  var FILTERS = ["kind", "category", "audience"];

  // Whether a document with `values` passes the `chosen` filters ({kind: [...], ...});
  // `skip` leaves one filter out, so its own options count what choosing them would show.
  function passes(values, chosen, skip) {
    return FILTERS.every(function (f) {
      if (f === skip || !chosen[f].length) return true;
      return values[f].some(function (v) { return chosen[f].indexOf(v) >= 0; });
    });
  }
  // For each filter, how many results each of its values would leave.
  function filterCounts(result, chosen) {
    var counts = { kind: {}, category: {}, audience: {} };
    result.hits.forEach(function (h) {
      var values = result.index.filterValues(h.doc);
      FILTERS.forEach(function (f) {
        if (!passes(values, chosen, f)) return;
        values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
      });
    });
    return counts;
  }

  // ---- Showing results ----------------------------------------------------------------
  // The terms to highlight: what matched, and any form of a matched group we know.
  function matcher(result) {
    var terms = {}, groups = {}, idx = result.index;
    var plain = result.words.filter(function (w) { return !idx.stop[w.term]; });
    (plain.length ? plain : result.words).forEach(function (w) {
      terms[w.term] = 1;
      w.matches.forEach(function (m) { terms[m.term] = 1; groups[m.group] = 1; });
    });
    return function (term) {
      if (terms[term]) return true;
      var group = idx.groupOf(term);
      return group !== undefined && !!groups[group];
    };
  }

  // The part of `text` around the densest run of matched words.
  function excerpt(text, match, size) {
    var tokens = scan(text), hits = [];
    tokens.forEach(function (t, i) { if (match(t.term)) hits.push(i); });
    if (!hits.length || text.length <= size) return text.length <= size ? text : cut(text, 0, size);
    var best = hits[0], bestCount = 0;
    hits.forEach(function (h) {
      var count = 0, seen = {};
      hits.forEach(function (o) {
        if (o >= h && tokens[o].end - tokens[h].start < size * 0.8 && !seen[tokens[o].term]) { seen[tokens[o].term] = 1; count++; }
      });
      if (count > bestCount) { best = h; bestCount = count; }
    });
    // Six words (or characters) before the first one found.
    var startToken = best;
    for (var back = 0; startToken > 0 && back < 6; startToken--) if (tokens[startToken - 1].gram !== 2 && !tokens[startToken - 1].joined) back++;
    return cut(text, tokens[startToken].start, size);
  }
  function cut(text, start, size) {
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + size / 2) end = space;
      // Not between the two halves of a character beyond U+FFFF.
      else if (/[\ud800-\udbff]/.test(text[end - 1])) end--;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }
  // `text` as HTML, with the words `match` accepts in <mark>: titles and excerpts come
  // from content, so every other character is escaped and <mark> is the only markup.
  // Pairs of characters overlap ("导师", "师会"), and a compound run together covers
  // its words ("check-in"): touching and overlapping matches make one mark.
  function highlight(text, match) {
    var marks = [];
    scan(text).filter(function (t) { return match(t.term); }).sort(function (a, b) {
      return a.start - b.start;
    }).forEach(function (t) {
      var last = marks[marks.length - 1];
      if (last && t.start <= last[1]) last[1] = Math.max(last[1], t.end);
      else marks.push([t.start, t.end]);
    });
    var html = "", at = 0;
    marks.forEach(function (m) {
      html += escapeHtml(text.slice(at, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      at = m[1];
    });
    return html + escapeHtml(text.slice(at));
  }

  // A page's address from a page at `root` (the relative way to the site root). From
  // disk a folder does not open its index.html, so the link names it.
  function pageUrl(root, url, anchor, file) {
    var path = url;
    if (file) path += "index.html";
    else if (!path) path = "./";
    return root + path + (anchor ? "#" + anchor : "");
  }

  // One result as the lists show it: address; title, part heading and excerpt as HTML
  // with the matched words marked; and the breadcrumb as plain text. `options`:
  // {root, file, size}, size being the excerpt's length in characters.
  function describe(data, kind, match, options) {
    var title = kind === "faq" && data[3] ? data[3] : data[2];
    var section = kind === "article" && data[3] ? data[3] : "";
    var crumb = data[4];
    if (kind === "faq" && data[3]) crumb = crumb ? crumb + " › " + data[2] : data[2];
    return {
      url: pageUrl(options.root, data[0], data[1], options.file),
      kind: kind,
      title: highlight(title, match),
      section: section && highlight(section, match),
      crumb: crumb,
      excerpt: highlight(excerpt(data[5], match, options.size), match)
    };
  }

  // The results from `from` to `from + count` that pass `filter`, with their bundle
  // entries: [{hit, data}] and how many pass. At most two per page come in a row of
  // results, so one long page does not push every other page down.
  function pick(result, filter, from, count) {
    var idx = result.index, list = result.hits.filter(filter);
    var upTo = list.slice(0, from + count);
    return Promise.all(upTo.map(function (h) { return idx.bundle(h.doc); })).then(function (datas) {
      var perPage = {}, first = [], later = [];
      upTo.forEach(function (h, i) {
        var key = datas[i][0];
        perPage[key] = (perPage[key] || 0) + 1;
        (perPage[key] <= 2 ? first : later).push({ hit: h, data: datas[i] });
      });
      return { items: first.concat(later).slice(from, from + count), total: list.length };
    });
  }

  return {
    FILTERS: FILTERS,
    passes: passes,
    filterCounts: filterCounts,
    matcher: matcher,
    excerpt: excerpt,
    highlight: highlight,
    describe: describe,
    pick: pick
  };
})();

if (typeof module === "object" && module.exports) module.exports = GuidepostSearchResults;
