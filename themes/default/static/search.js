// Guidepost search: answers queries from the hub's own index, loading only the
// shards a query needs. Shards are scripts that call guidepostIndex(key, data), so
// the same code works over http:// and from a folder opened on disk (file://).
// Everything shown is built with textContent: titles and excerpts come from content.
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = new Int8Array(128);
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  var STEP = 1.12, TOP = 63, MAX_TERM = 40;
  var SCORE = [];
  for (var l = 0; l <= TOP; l++) SCORE[l] = Math.pow(STEP, l - TOP);
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

  // ---- Cutting text into terms: the same rules as src/search/tokenize.rs -------
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  function isIdeograph(c) {
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
  }
  // Folds after decomposing, so "ǽ" becomes "ae" just as "æ" does.
  function fold(ch) {
    if (ch.charCodeAt(0) < 128) return ch.toLowerCase();
    var out = "";
    for (var c of ch.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{Alphabetic}\p{N}]/gu, "")) {
      out += FOLD[c] || c;
    }
    return out;
  }
  // Terms of `text` with where each starts and ends in it.
  function scan(text) {
    var out = [], buf = "", count = 0, start = 0, end = 0;
    function flush() {
      if (buf && count <= MAX_TERM) out.push({ term: buf, start: start, end: end });
      buf = ""; count = 0;
    }
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp), next = i + ch.length;
      if (isIdeograph(cp)) {
        flush(); out.push({ term: ch, start: i, end: next });
      } else if (cp >= 0x300 && cp <= 0x36f) {
        if (buf) end = next;
      } else if (WORD.test(ch)) {
        if (!buf) start = i;
        var folded = fold(ch); count += [...folded].length; buf += folded; end = next;
      } else if ((ch === "'" || ch === "\u2019") && buf && next < text.length &&
        WORD.test(String.fromCodePoint(text.codePointAt(next))) && !isIdeograph(text.codePointAt(next))) {
        // Dropped inside a word: "don't" is the term "dont".
      } else {
        flush();
      }
      i = next;
    }
    flush();
    return out;
  }

  function varints(text) {
    var out = [], v = 0;
    for (var i = 0; i < text.length; i++) {
      var x = VALUE[text.charCodeAt(i)];
      v = v * 32 + (x & 31);
      if (x < 32) { out.push(v); v = 0; }
    }
    return out;
  }

  // Edit distance with adjacent swaps (one edit), or limit + 1 once it exceeds `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev; prev = row;
    }
    return prev[b.length];
  }

  // ---- The index ----------------------------------------------------------------
  function Index(base) {
    this.base = base;
    this.groups = {};
    this.ready = load(base, "manifest").then(this.prepare.bind(this));
  }
  Index.prototype.prepare = function (m) {
    this.m = m;
    var starts = varints(m.group_starts), at = 0;
    this.starts = starts.map(function (gap) { return (at += gap); });
    var runs = varints(m.runs), doc = 0, kinds = ["article", "faq", "template"];
    this.runs = [];
    for (var r = 0; r < runs.length; r += 4) {
      doc += runs[r];
      this.runs.push([doc, kinds[runs[r + 1]], runs[r + 2], runs[r + 3]]);
    }
    this.stop = {};
    for (var i = 0; i < m.stopwords.length; i++) this.stop[m.stopwords[i]] = true;
    return this;
  };
  Index.prototype.shard = function (key) {
    var self = this;
    if (key in loaded) return Promise.resolve(loaded[key]);
    return paused().then(function () {
      if (self.stale && self.stale()) throw STALE;
      return load(self.base, key, self.m.version);
    });
  };
  // The vocabulary shard a term would be in.
  Index.prototype.vocabOf = function (term) {
    var list = this.m.vocabulary, lo = 0, hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  Index.prototype.vocab = function (n) {
    var key = "v/" + n;
    if (loaded[key] && loaded[key].terms) return Promise.resolve(loaded[key]);
    return this.shard(key).then(function (raw) {
      if (raw.terms) return raw;
      var deltas = varints(raw[1]), groups = [], g = 0;
      for (var i = 0; i < deltas.length; i++) {
        var z = deltas[i];
        g += (z % 2 ? -(z + 1) / 2 : z / 2);
        groups.push(g);
      }
      var shard = { terms: raw[0].split(" "), groups: groups, df: varints(raw[2]) };
      loaded[key] = shard;
      return shard;
    });
  };
  Index.prototype.vocabRange = function (from, to) {
    var list = [];
    for (var n = this.vocabOf(from); n <= this.vocabOf(to); n++) list.push(this.vocab(n));
    return Promise.all(list);
  };
  // A group's postings: the best tier comes with its shard, the rest on request.
  Index.prototype.group = function (g) {
    var self = this;
    if (self.groups[g]) return Promise.resolve(self.groups[g]);
    var list = self.starts, lo = 0, hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= g) lo = mid; else hi = mid - 1;
    }
    return self.shard("p/" + lo).then(function (entries) {
      var e = entries[g - list[lo]];
      var group = self.groups[g] || { id: g, df: e[0], tiers: e[1], loaded: 0, docs: [], levels: [] };
      if (!group.loaded) { addPostings(group, e[2]); group.loaded = 1; }
      self.groups[g] = group;
      return group;
    });
  };
  Index.prototype.moreOf = function (group) {
    if (group.loaded >= group.tiers) return Promise.resolve(group);
    var tier = group.loaded;
    return this.shard("p/" + group.id + "-" + tier).then(function (text) {
      if (group.loaded === tier) { addPostings(group, text); group.loaded = tier + 1; }
      return group;
    });
  };
  function addPostings(group, text) {
    var doc = 0, v = 0, i = 0;
    while (i < text.length) {
      var x = VALUE[text.charCodeAt(i++)];
      v = v * 32 + (x & 31);
      if (x < 32) {
        doc += v; v = 0;
        group.docs.push(doc);
        group.levels.push(VALUE[text.charCodeAt(i++)]);
      }
    }
  }
  Index.prototype.bundle = function (doc) {
    var per = this.m.docs_per_bundle;
    return this.shard("d/" + Math.floor(doc / per)).then(function (list) { return whole(list)[doc % per]; });
  };
  // A bundle's entries are [URL, anchor, page title, heading, breadcrumb, text]; one that
  // follows a section of the same page holds only [anchor, heading, text].
  function whole(list) {
    if (!list.whole) {
      for (var i = 1; i < list.length; i++) {
        var e = list[i], before = list[i - 1];
        if (e.length === 3) list[i] = [before[0], e[0], before[2], e[1], before[4], e[2]];
      }
      list.whole = true;
    }
    return list;
  }
  // Kind, category and audiences of a document, from the run it falls in.
  Index.prototype.facets = function (doc) {
    var runs = this.runs, lo = 0, hi = runs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (runs[mid][0] <= doc) lo = mid; else hi = mid - 1;
    }
    return runs[lo];
  };
  Index.prototype.weight = function (doc) {
    var w = this.m.weights;
    for (var i = 0; i < w.length; i++) if (doc >= w[i][0] && doc < w[i][1]) return w[i][2];
    return 1;
  };

  // ---- Matching words -------------------------------------------------------------
  // For one query word, the groups that match it: exactly, as a prefix of a longer
  // word (the word being typed), or within one or two typing mistakes.
  Index.prototype.expand = function (word, prefix) {
    var self = this, w = word;
    var shards = [self.vocabRange(w, w)];
    if (prefix && w.length >= 2) shards.push(self.vocabRange(w, w + "\uffff"));
    var typo = w.length >= 4 && !/^\d+$/.test(w);
    if (typo) {
      var first = w[0], second = w.length > 1 ? w[1] : "";
      var whole = self.vocabOf(first + "\uffff") - self.vocabOf(first) <= 2;
      if (whole) shards.push(self.vocabRange(first, first + "\uffff"));
      else {
        shards.push(self.vocabRange(first + second, first + second + "\uffff"));
        shards.push(self.vocabRange(second + first, second + first + "\uffff"));
      }
    }
    return Promise.all(shards).then(function (lists) {
      var seen = {}, vocab = [];
      lists.forEach(function (list) {
        list.forEach(function (s) { if (!seen[s.terms[0]]) { seen[s.terms[0]] = 1; vocab.push(s); } });
      });
      var exact = [], prefixes = [], typos = [];
      var limit = w.length >= 8 ? 2 : 1;
      vocab.forEach(function (s) {
        for (var i = 0; i < s.terms.length; i++) {
          var t = s.terms[i];
          if (t === w) exact.push({ group: s.groups[i], df: s.df[i], term: t, factor: 1 });
          else if (prefix && w.length >= 2 && t.lastIndexOf(w, 0) === 0) prefixes.push({ group: s.groups[i], df: s.df[i], term: t, factor: 0.75 });
          else if (typo) {
            var dist = distance(w, t, limit);
            if (prefix && dist > limit && t.length > w.length) dist = distance(w, t.slice(0, w.length), limit) + 0.5;
            if (dist <= limit) typos.push({ group: s.groups[i], df: s.df[i], term: t, factor: dist <= 1 ? 0.5 : 0.3, dist: dist });
          }
        }
      });
      prefixes.sort(function (a, b) { return b.df - a.df; });
      typos.sort(function (a, b) { return a.dist - b.dist || b.df - a.df; });
      var found = exact.concat(prefixes.slice(0, 8));
      // Typing mistakes only count when the word itself is not in the hub.
      if (!found.length) found = typos.slice(0, 6);
      if (!exact.length) return found;
      // Related forms the stemmer keeps apart ("mentoring", "mentorship"): words that
      // start with what every form of the word's group shares, if that is 5+ letters.
      var root = null;
      vocab.forEach(function (s) {
        for (var i = 0; i < s.terms.length; i++) {
          if (s.groups[i] !== exact[0].group) continue;
          var t = s.terms[i], n = 0;
          if (root === null) { root = t; continue; }
          while (n < root.length && n < t.length && root[n] === t[n]) n++;
          root = root.slice(0, n);
        }
      });
      if (!root || root.length < 5) return found;
      return self.vocabRange(root, root + "\uffff").then(function (list) {
        var related = [], groups = {};
        found.forEach(function (f) { groups[f.group] = 1; });
        list.forEach(function (s) {
          for (var i = 0; i < s.terms.length; i++) {
            if (!groups[s.groups[i]] && s.terms[i].lastIndexOf(root, 0) === 0) {
              related.push({ group: s.groups[i], df: s.df[i], term: s.terms[i], factor: 0.6 });
            }
          }
        });
        related.sort(function (a, b) { return b.df - a.df; });
        return found.concat(related.slice(0, 4));
      });
    });
  };

  // ---- Answering a query --------------------------------------------------------------
  // Returns {hits: [{doc, score}], total, exact, partial, words, groups}.
  Index.prototype.search = function (query) {
    var self = this;
    var tokens = scan(query);
    if (!tokens.length) return Promise.resolve({ hits: [], total: 0, exact: true, words: [] });
    var typing = tokens[tokens.length - 1].end === query.length;
    var seen = {}, words = [];
    tokens.forEach(function (t, i) {
      if (seen[t.term] && i < tokens.length - 1) return;
      seen[t.term] = 1;
      words.push({ term: t.term, prefix: typing && i === tokens.length - 1 });
    });
    words = words.slice(0, 8);
    return Promise.all(words.map(function (w) { return self.expand(w.term, w.prefix); })).then(function (found) {
      var groups = {};
      words.forEach(function (w, i) {
        w.matches = found[i];
        w.matches.forEach(function (m) { groups[m.group] = 1; });
      });
      return Promise.all(Object.keys(groups).map(function (g) { return self.group(+g); }));
    }).then(function () {
      return self.gather(words, 0);
    });
  };
  // Which words a document must contain: all but stop words and words in over half
  // the documents; if that leaves none, the rarest word.
  Index.prototype.required = function (words) {
    var self = this, n = self.m.documents;
    words.forEach(function (w) {
      w.df = 0;
      w.matches.forEach(function (m) { w.df = Math.max(w.df, self.groups[m.group].df); });
    });
    var live = words.filter(function (w) { return w.matches.length; });
    var req = live.filter(function (w) { return !self.stop[w.term] && w.df <= n / 2; });
    if (!req.length && live.length) {
      req = [live.slice().sort(function (a, b) { return a.df - b.df; })[0]];
    }
    return req;
  };
  Index.prototype.gather = function (words, round) {
    var self = this, req = self.required(words);
    var scores = words.map(function (w) {
      var map = new Map();
      // A stop word that is not required only nudges the order.
      var weight = req.indexOf(w) < 0 && self.stop[w.term] ? 0.1 : 1;
      w.complete = true;
      w.matches.forEach(function (m) {
        var g = self.groups[m.group];
        if (g.loaded < g.tiers) w.complete = false;
        for (var i = 0; i < g.docs.length; i++) {
          var s = SCORE[g.levels[i]] * m.factor * weight;
          if (!(map.get(g.docs[i]) >= s)) map.set(g.docs[i], s);
        }
      });
      return map;
    });
    var need = req.map(function (w) { return scores[words.indexOf(w)]; });
    // How many required words each document holds.
    var count = new Map();
    need.forEach(function (map) { map.forEach(function (s, doc) { count.set(doc, (count.get(doc) || 0) + 1); }); });
    var full = 0;
    count.forEach(function (c) { if (c === need.length) full++; });
    var complete = req.every(function (w) { return w.complete; });
    // Too few documents hold every word in the best postings: fetch more of them.
    if (full < 10 && !complete && round < 4) {
      var more = [];
      req.forEach(function (w) {
        if (!w.complete) w.matches.forEach(function (m) { more.push(self.moreOf(self.groups[m.group])); });
      });
      return Promise.all(more).then(function () { return self.gather(words, round + 1); });
    }
    // Every word, or for three words and more all but one, ranked lower; when no
    // document has that many, those with the most words.
    var most = 0;
    count.forEach(function (c) { most = Math.max(most, c); });
    var least = need.length >= 3 ? need.length - 1 : need.length;
    var partial = most < least;
    if (partial) least = most;
    var hits = [];
    count.forEach(function (c, doc) { if (c >= least) hits.push(doc); });
    var ranked = hits.map(function (doc) {
      var score = Math.pow(0.5, need.length - count.get(doc));
      var sum = 0;
      scores.forEach(function (map) { sum += map.get(doc) || 0; });
      score *= sum;
      return { doc: doc, score: score, weight: self.weight(doc), band: Math.floor(Math.log(score) / Math.log(1.1)) };
    });
    ranked.sort(function (a, b) {
      return b.band - a.band || b.weight - a.weight || b.score - a.score || a.doc - b.doc;
    });
    return { hits: ranked, exact: complete && !partial, partial: partial, words: words, index: self };
  };
  // Loads every remaining tier of the required words, so filters and counts are whole.
  Index.prototype.complete = function (result) {
    var self = this, groups = [];
    self.required(result.words).forEach(function (w) {
      w.matches.forEach(function (m) { groups.push(self.groups[m.group]); });
    });
    function next() {
      var pending = groups.filter(function (g) { return g.loaded < g.tiers; });
      if (!pending.length) return self.gather(result.words, Infinity);
      return Promise.all(pending.map(function (g) { return self.moreOf(g); })).then(next);
    }
    return next();
  };

  // ---- Showing results ----------------------------------------------------------------
  var KINDS = { article: "Article", faq: "FAQ", template: "Template" };
  var KIND_FILTERS = [["article", "Articles"], ["faq", "FAQ"], ["template", "Templates"]];

  // The terms to highlight: what matched, and any form of a matched group we know.
  function highlighter(result) {
    var terms = {}, groups = {}, idx = result.index;
    var plain = result.words.filter(function (w) { return !idx.stop[w.term]; });
    (plain.length ? plain : result.words).forEach(function (w) {
      terms[w.term] = 1;
      w.matches.forEach(function (m) { terms[m.term] = 1; groups[m.group] = 1; });
    });
    return function (term) {
      if (terms[term]) return true;
      var shard = loaded["v/" + idx.vocabOf(term)];
      if (!shard || !shard.terms) return false;
      var lo = 0, hi = shard.terms.length - 1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1, t = shard.terms[mid];
        if (t === term) return !!groups[shard.groups[mid]];
        if (t < term) lo = mid + 1; else hi = mid - 1;
      }
      return false;
    };
  }

  // Appends `text` to `el`, marking the words `match` accepts.
  function marked(el, text, match) {
    var at = 0;
    scan(text).forEach(function (t) {
      if (!match(t.term)) return;
      if (t.start > at) el.appendChild(document.createTextNode(text.slice(at, t.start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(t.start, t.end);
      el.appendChild(m);
      at = t.end;
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
    return el;
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
    var startToken = Math.max(0, best - 6);
    return cut(text, tokens[startToken].start, size);
  }
  function cut(text, start, size) {
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + size / 2) end = space;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function pageUrl(root, url, anchor) {
    var path = url;
    if (FILE) path += "index.html";
    else if (!path) path = "./";
    return root + path + (anchor ? "#" + anchor : "");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // One result's content: title (and section), breadcrumb with kind, excerpt.
  function describe(hit, data, kind, match, root, excerptSize) {
    var url = pageUrl(root, data[0], data[1]);
    var title = kind === "faq" && data[3] ? data[3] : data[2];
    var section = kind === "article" && data[3] ? data[3] : "";
    var crumb = data[4];
    if (kind === "faq" && data[3]) crumb = crumb ? crumb + " › " + data[2] : data[2];
    var parts = { url: url, title: marked(el("span", "search-hit-title"), title, match) };
    if (section) parts.section = marked(el("span", "search-hit-section"), section, match);
    var meta = el("span", "search-hit-meta");
    meta.appendChild(el("span", "search-hit-kind", KINDS[kind]));
    if (crumb) meta.appendChild(document.createTextNode(" " + crumb));
    parts.meta = meta;
    parts.excerpt = marked(el("span", "search-hit-excerpt"), excerpt(data[5], match, excerptSize), match);
    return parts;
  }

  // The documents to show, with their bundles loaded; at most two per page in a row
  // of results, so one long page does not push every other page down.
  function pick(result, filter, from, count) {
    var idx = result.index, list = result.hits.filter(filter);
    var window = list.slice(0, from + count);
    return Promise.all(window.map(function (h) { return idx.bundle(h.doc); })).then(function (datas) {
      var perPage = {}, first = [], later = [];
      window.forEach(function (h, i) {
        var key = datas[i][0];
        perPage[key] = (perPage[key] || 0) + 1;
        (perPage[key] <= 2 ? first : later).push({ hit: h, data: datas[i] });
      });
      return { items: first.concat(later).slice(from, from + count), total: list.length };
    });
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function summary(result, total, query) {
    var q = "“" + query.trim() + "”";
    if (!total) return "No results for " + q + ". Check the spelling, or try fewer or other words.";
    var count = result.exact ? plural(total, "result", "results") : "More than " + plural(total, "result", "results");
    if (result.partial) return count + " with some of the words of " + q + " (none has them all).";
    return count + " for " + q + ".";
  }

  // ---- Where the index is and where the search page is ------------------------------
  var form = document.querySelector("form.site-search");
  var pageBox = document.getElementById("gp-search-page");
  var home = pageBox || form;
  var base = home && home.getAttribute("data-index");
  if (!base) return;
  var root = home.getAttribute("data-root") || "";
  var index = null;
  function getIndex() {
    if (!index) index = new Index(base);
    return index.ready;
  }
  function announce(detail) {
    document.dispatchEvent(new CustomEvent("guidepost:search", { detail: detail }));
  }

  // ---- The search box in the header ---------------------------------------------------
  function header(form) {
    var input = form.querySelector("input[name=q]");
    if (pageBox) { form.hidden = true; return; }
    var popup = el("div", "search-popup");
    popup.id = "gp-search-popup";
    popup.hidden = true;
    var list = el("ul", "search-options");
    list.id = "gp-search-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    var footer = el("p", "search-popup-footer");
    var all = el("a", "search-all");
    footer.appendChild(all);
    popup.appendChild(list);
    popup.appendChild(footer);
    var status = el("p", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(popup);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var active = -1, options = [], seq = 0, announceTimer = 0;
    var searchPage = form.getAttribute("action") + (FILE ? "index.html" : "");
    function toSearchPage(q) { return searchPage + "?q=" + encodeURIComponent(q); }
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
      if (q.trim().length < 2) { open(false); status.textContent = ""; return; }
      getIndex().then(function (idx) {
        idx.stale = function () { return mine !== seq; };
        return idx.search(q);
      }).then(function (result) {
        if (mine !== seq) return;
        return pick(result, function () { return true; }, 0, 6).then(function (picked) {
          if (mine !== seq) return;
          var match = highlighter(result);
          list.textContent = "";
          options = picked.items.map(function (item, i) {
            var kind = result.index.facets(item.hit.doc)[1];
            var p = describe(item.hit, item.data, kind, match, root, 110);
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
          all.textContent = picked.total ? "See all results for “" + q.trim() + "”" : "Open the search page";
          all.href = toSearchPage(q);
          // Announced once typing settles, not at every keystroke.
          var said = summary(result, picked.total, q) + (picked.total ? " Use the up and down arrow keys to choose one." : "");
          clearTimeout(announceTimer);
          announceTimer = setTimeout(function () { if (mine === seq) status.textContent = said; }, 500);
          if (!picked.total) list.appendChild(el("li", "search-empty", summary(result, 0, q)));
          open(true);
          announce({ query: q, results: picked.total, ms: performance.now() - started, where: "header" });
        });
      }).catch(function () {
        if (mine !== seq) return;
        status.textContent = "Search is not available: its index could not be loaded.";
      });
    }
    input.addEventListener("input", function () { lastKey = performance.now(); run(); });
    input.addEventListener("focus", function () { if (input.value.trim().length >= 2 && options.length) open(true); });
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
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      location.href = toSearchPage(input.value);
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) open(false); });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) open(false); });
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

    function facetValues(idx, doc) {
      var run = idx.facets(doc), aud = [];
      for (var i = 0; i < idx.m.audiences.length; i++) if (run[3] & (1 << i)) aud.push(String(i));
      return { kind: [run[1]], category: [String(run[2])], audience: aud };
    }
    function passes(values, skip) {
      return ["kind", "category", "audience"].every(function (f) {
        if (f === skip || !chosen[f].length) return true;
        return values[f].some(function (v) { return chosen[f].indexOf(v) >= 0; });
      });
    }
    function filtering() { return chosen.kind.length + chosen.category.length + chosen.audience.length > 0; }
    function saveUrl() {
      var p = new URLSearchParams();
      if (input.value) p.set("q", input.value);
      ["kind", "category", "audience"].forEach(function (f) { chosen[f].forEach(function (v) { p.append(f, v); }); });
      var qs = p.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }

    function drawFilters(idx, result) {
      var counts = { kind: {}, category: {}, audience: {} };
      result.hits.forEach(function (h) {
        var values = facetValues(idx, h.doc);
        ["kind", "category", "audience"].forEach(function (f) {
          if (!passes(values, f)) return;
          values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
        });
      });
      var groups = [
        ["kind", "Kind", KIND_FILTERS],
        ["audience", "For", idx.m.audiences.map(function (a, i) { return [String(i), a]; })],
        ["category", "Topic", idx.m.categories.map(function (c, i) { return [String(i), c]; })]
      ];
      filters.textContent = "";
      groups.forEach(function (g) {
        var options = g[2].filter(function (o) { return counts[g[0]][o[0]] || chosen[g[0]].indexOf(o[0]) >= 0; });
        if (!options.length) return;
        var set = el("fieldset", "search-filter");
        set.appendChild(el("legend", null, g[1]));
        options.forEach(function (o) {
          var label = el("label", "search-filter-option");
          var box = el("input");
          box.type = "checkbox";
          box.name = g[0];
          box.value = o[0];
          box.checked = chosen[g[0]].indexOf(o[0]) >= 0;
          box.addEventListener("change", function () {
            var list = chosen[g[0]], at = list.indexOf(o[0]);
            if (box.checked && at < 0) list.push(o[0]);
            if (!box.checked && at >= 0) list.splice(at, 1);
            saveUrl();
            run(true);
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + o[1] + " "));
          label.appendChild(el("span", "search-filter-count", "(" + (counts[g[0]][o[0]] || 0) + ")"));
          set.appendChild(label);
        });
        filters.appendChild(set);
      });
    }

    function draw(result, from, mine, started) {
      var idx = result.index, q = input.value;
      var filter = function (h) { return passes(facetValues(idx, h.doc)); };
      return pick(result, filter, from, PAGE).then(function (picked) {
        if (mine !== seq) return;
        var match = highlighter(result);
        if (!from) list.textContent = "";
        picked.items.forEach(function (item) {
          var kind = idx.facets(item.hit.doc)[1];
          var p = describe(item.hit, item.data, kind, match, root, 240);
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
        idx.stale = function () { return mine !== seq; };
        return idx.search(q);
      }).then(function (result) {
        if (mine !== seq) return;
        return (filtering() && !result.exact ? result.index.complete(result) : result);
      }).then(function (result) {
        if (!result || mine !== seq) return;
        current = result;
        return draw(result, 0, mine, started);
      }).catch(function () {
        if (mine === seq) status.textContent = "Search is not available: its index could not be loaded.";
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

  if (form) header(form);
  if (pageBox) searchPage(pageBox);
})();
