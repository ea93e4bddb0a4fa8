// Guidepost search without the page: cutting text into the index's terms, finding
// query words in the vocabulary, ranking documents, and choosing and marking excerpts.
// It reads no DOM and loads nothing itself. An Index is handed the manifest and a
// function that returns a promise of any other shard's data (what the shard passed to
// guidepostIndex), so search.js can load shards through <script> tags, over http://
// and file:// alike, and tests can read them from disk.
// In a page this is the one global GuidepostSearchCore; under Node, the module's exports.
var GuidepostSearchCore = (function () {
  "use strict";

  // search-phrase.js, found when first needed: a page's base.html may load it after
  // this script, or (copied before it existed) leave search.js to load it.
  var PHRASE = null;
  function phrase() {
    if (!PHRASE) PHRASE = typeof module === "object" && module.exports ? require("./search-phrase.js") : GuidepostSearchPhrase;
    return PHRASE;
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = new Int8Array(128);
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  var STEP = 1.12, TOP = 63, MAX_TERM = 40;
  var SCORE = [];
  for (var l = 0; l <= TOP; l++) SCORE[l] = Math.pow(STEP, l - TOP);
  var KINDS = ["article", "faq", "template"];
  var FILTERS = ["kind", "category", "audience"];

  // The last position in the sorted `list` whose item is at most `value`, or 0 when
  // none is: the shard, run or vocabulary slot that `value` falls in.
  function lastAtMost(list, value) {
    var lo = 0, hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= value) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // ---- Cutting text into terms: the same rules as src/search/tokenize.rs -------
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  // Characters of scripts cut character by character, as pairs of start and end code
  // points: Thai, Lao, Myanmar, Hangul jamo, Khmer, 々〆〇, kana (not ゠ or ・),
  // compatibility jamo, ideographs, Hangul syllables, halfwidth katakana (the list of
  // src/search/tokenize/script.rs).
  var BY_CHARACTER = [0xe01, 0xe3a, 0xe40, 0xe4e, 0xe81, 0xece, 0xedc, 0xedf, 0x1000, 0x103f, 0x1050, 0x108f,
    0x109a, 0x109f, 0x1100, 0x11ff, 0x1780, 0x17d3, 0x17d7, 0x17d7, 0x17dc, 0x17dd, 0x3005, 0x3007,
    0x3041, 0x309f, 0x30a1, 0x30fa, 0x30fc, 0x30ff, 0x3131, 0x318e, 0x31f0, 0x31ff, 0x3400, 0x4dbf,
    0x4e00, 0x9fff, 0xa960, 0xa97f, 0xac00, 0xd7a3, 0xd7b0, 0xd7ff, 0xf900, 0xfaff, 0xff66, 0xff9f,
    0x20000, 0x3ffff];
  function byCharacter(c) {
    if (c < 0xe01) return false;
    for (var r = 0; r < BY_CHARACTER.length; r += 2) {
      if (c < BY_CHARACTER[r]) return false;
      if (c <= BY_CHARACTER[r + 1]) return true;
    }
    return false;
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
  // The hyphens that join a compound's words (src/search/tokenize/compound.rs).
  var HYPHENS = { "-": 1, "\u2010": 1, "\u2011": 1 };
  // What ends a sentence (or a clause) between two words.
  var SENTENCE = /[.!?;:\u3002\uff01\uff1f\uff1b\uff1a]/;
  // Terms of `text` with where each starts and ends in it. Words are {term, start,
  // end}; a word a hyphen joins to the one before it has `hyphen`, and after the last
  // word of a compound of two or three (not all numbers) come its words run together,
  // with `joined` (check-in → check, in, checkin); a word after the end of a sentence
  // has `sentence`. A run of characters cut one by one gives each character (gram 1)
  // and each pair of neighbours (gram 2), as the index holds them. With `query`, a run
  // gives only its pairs, or its one character: the terms a reader's query looks up.
  function scan(text, query) {
    var out = [], buf = "", count = 0, start = 0, end = 0, run = [], compound = null, last = -1;
    function finish() {
      var c = compound;
      compound = null;
      if (c && c.parts >= 2 && c.parts <= 3 && /\D/.test(c.joined) && [...c.joined].length <= MAX_TERM) {
        out.push({ term: c.joined, start: c.start, end: c.end, joined: c.parts });
      }
    }
    function flush() {
      if (buf && count <= MAX_TERM) {
        var joins = !!compound && HYPHENS[text.slice(compound.end, start)] === 1;
        if (!joins) { finish(); compound = { joined: "", parts: 0, start: start }; }
        // A longer chain is never run together: no need to keep its words.
        if (compound.parts < 3) compound.joined += buf;
        compound.parts++;
        compound.end = end;
        var t = { term: buf, start: start, end: end };
        if (joins) t.hyphen = true;
        else if (last >= 0 && SENTENCE.test(text.slice(last, start))) t.sentence = true;
        last = end;
        out.push(t);
      }
      buf = ""; count = 0;
    }
    function endRun() {
      for (var k = 0; k < run.length; k++) {
        var pair = k > 0 && { term: run[k - 1].term + run[k].term, start: run[k - 1].start, end: run[k].end, gram: 2 };
        if (pair) out.push(pair);
        if (!query || run.length === 1) out.push(run[k]);
      }
      run = [];
    }
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp), next = i + ch.length;
      if (byCharacter(cp)) {
        flush();
        finish();
        // The marks NFC joins to the character belong to it: "か" + "\u3099" is "が".
        while (next < text.length) {
          var after = String.fromCodePoint(text.codePointAt(next)), joined = (ch + after).normalize("NFC");
          if ([...joined].length !== 1) break;
          ch = joined; next += after.length;
        }
        run.push({ term: ch, start: i, end: next, gram: 1 });
      } else if (cp >= 0x300 && cp <= 0x36f) {
        // A decomposed accent belongs to the letter (or character) before it.
        if (buf) end = next;
        else if (run.length) run[run.length - 1].end = next;
      } else if (WORD.test(ch)) {
        endRun();
        if (!buf) start = i;
        var folded = fold(ch); count += [...folded].length; buf += folded; end = next;
      } else if ((ch === "'" || ch === "\u2019") && buf && next < text.length &&
        WORD.test(String.fromCodePoint(text.codePointAt(next))) && !byCharacter(text.codePointAt(next))) {
        // Dropped inside a word: "don't" is the term "dont".
      } else {
        endRun();
        flush();
      }
      i = next;
    }
    endRun();
    flush();
    finish();
    return out;
  }

  // Whether the header box answers `query` as it is typed: from two letters, or from
  // one character of a script cut character by character (茶 is a word).
  function answersAsTyped(query) {
    var q = query.trim();
    return q.length >= 2 || (q.length === 1 && byCharacter(q.codePointAt(0)));
  }

  // Numbers written by push_varint in src/search/shards.rs.
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
  // `manifest` is the manifest's data; `fetch(key)` returns a promise of the data of
  // the shard `key` ("v/0", "p/3", "p/12-1", "d/2").
  function Index(manifest, fetch) {
    var m = manifest;
    this.m = m;
    this.fetch = fetch;
    this.groups = {};
    this.vocabs = {};
    this.bundles = {};
    var at = 0;
    this.starts = varints(m.group_starts).map(function (gap) { return (at += gap); });
    var runs = varints(m.runs), doc = 0;
    this.runs = [];
    this.runDocs = [];
    for (var r = 0; r < runs.length; r += 4) {
      doc += runs[r];
      this.runs.push([doc, KINDS[runs[r + 1]], runs[r + 2], runs[r + 3]]);
      this.runDocs.push(doc);
    }
    this.stop = {};
    for (var i = 0; i < m.stopwords.length; i++) this.stop[m.stopwords[i]] = true;
  }
  // The vocabulary shard a term would be in.
  Index.prototype.vocabOf = function (term) {
    return lastAtMost(this.m.vocabulary, term);
  };
  Index.prototype.vocab = function (n) {
    var self = this;
    if (self.vocabs[n]) return Promise.resolve(self.vocabs[n]);
    return self.fetch("v/" + n).then(function (raw) {
      if (self.vocabs[n]) return self.vocabs[n];
      var deltas = varints(raw[1]), groups = [], g = 0;
      for (var i = 0; i < deltas.length; i++) {
        var z = deltas[i];
        g += (z % 2 ? -(z + 1) / 2 : z / 2);
        groups.push(g);
      }
      self.vocabs[n] = { terms: raw[0].split(" "), groups: groups, df: varints(raw[2]) };
      return self.vocabs[n];
    });
  };
  Index.prototype.vocabRange = function (from, to) {
    var list = [];
    for (var n = this.vocabOf(from); n <= this.vocabOf(to); n++) list.push(this.vocab(n));
    return Promise.all(list);
  };
  // The postings shard that holds group `g`'s first tier.
  Index.prototype.shardOf = function (g) {
    return lastAtMost(this.starts, g);
  };
  // A group's postings: the best tier comes with its shard, the rest on request.
  Index.prototype.group = function (g) {
    var self = this;
    if (self.groups[g]) return Promise.resolve(self.groups[g]);
    var n = self.shardOf(g);
    return self.fetch("p/" + n).then(function (entries) {
      var e = entries[g - self.starts[n]];
      var group = self.groups[g] || { id: g, df: e[0], tiers: e[1], loaded: 0, docs: [], levels: [], starts: [] };
      if (!group.loaded) { addPostings(group, e[2]); group.loaded = 1; }
      self.groups[g] = group;
      return group;
    });
  };
  Index.prototype.moreOf = function (group) {
    if (group.loaded >= group.tiers) return Promise.resolve(group);
    var tier = group.loaded;
    return this.fetch("p/" + group.id + "-" + tier).then(function (text) {
      if (group.loaded === tier) { addPostings(group, text); group.loaded = tier + 1; }
      return group;
    });
  };
  function addPostings(group, text) {
    var doc = 0, v = 0, i = 0;
    group.starts.push(group.docs.length);
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
  // A document's [URL, anchor, page title, heading, breadcrumb, text].
  Index.prototype.bundle = function (doc) {
    var self = this, per = self.m.docs_per_bundle, n = Math.floor(doc / per);
    return self.fetch("d/" + n).then(function (list) {
      if (!self.bundles[n]) self.bundles[n] = whole(list);
      return self.bundles[n][doc % per];
    });
  };
  // An entry that follows a section of the same page holds only [anchor, heading,
  // text]: the page's URL, title and breadcrumb come from the entry before it.
  function whole(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var e = list[i], before = out[i - 1];
      out.push(e.length === 3 ? [before[0], e[0], before[2], e[1], before[4], e[2]] : e);
    }
    return out;
  }
  // Kind, category and audiences of a document, from the run it falls in.
  Index.prototype.facets = function (doc) {
    return this.runs[lastAtMost(this.runDocs, doc)];
  };
  Index.prototype.weight = function (doc) {
    var w = this.m.weights;
    for (var i = 0; i < w.length; i++) if (doc >= w[i][0] && doc < w[i][1]) return w[i][2];
    return 1;
  };

  // ---- Matching words -------------------------------------------------------------
  // For one query word, the groups that match it: exactly, as a prefix of a longer
  // word (the word being typed), or within one or two typing mistakes. A character or
  // pair of a script cut character by character matches only exactly: its run's other
  // pairs already find longer words, and one character apart is another word. Words
  // run together by the query (`strict`) have no typing mistakes nor related forms:
  // only a compound the hub holds counts.
  Index.prototype.expand = function (word, prefix, strict) {
    var self = this, w = word;
    if (byCharacter(w.codePointAt(0))) {
      return self.vocabRange(w, w).then(function (list) {
        var found = [];
        list.forEach(function (s) {
          var at = lastAtMost(s.terms, w);
          if (s.terms[at] === w) found.push({ group: s.groups[at], df: s.df[at], term: w, factor: 1 });
        });
        return found;
      });
    }
    var shards = [self.vocabRange(w, w)];
    if (prefix && w.length >= 2) shards.push(self.vocabRange(w, w + "\uffff"));
    var typo = !strict && w.length >= 4 && !/^\d+$/.test(w);
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
      if (!exact.length || strict) return found;
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
  // Returns {hits: [{doc, score, weight, band, apart, phrase}], exact, partial, words,
  // index}; a query without a word returns no index.
  Index.prototype.search = function (query) {
    var self = this;
    var tokens = scan(query, true);
    // A query with no words (`?`, `!!`) finds nothing, but is still a result of this index.
    if (!tokens.length) return Promise.resolve({ hits: [], total: 0, exact: true, words: [], index: self });
    // The last word is still being typed unless something follows it.
    var typing = tokens[tokens.length - 1].end === query.length;
    var ph = phrase();
    ph.place(tokens, self.stop);
    var last = tokens.length - 1;
    while (last > 0 && tokens[last].joined) last--;
    var seen = {}, words = [], wordAt = {};
    tokens.forEach(function (t, i) {
      if (t.joined) return;
      if (seen[t.term] && i < last) { wordAt[i] = seen[t.term]; return; }
      var w = { term: t.term, prefix: typing && i === last && !t.gram, pair: t.gram === 2, place: t.place };
      seen[t.term] = wordAt[i] = w;
      words.push(w);
    });
    words = words.slice(0, 8);
    // Compounds run together: words of their own that a result need not hold.
    var joins = ph.joins(tokens, self.stop, wordAt), all = words.concat(joins);
    return Promise.all(all.map(function (w) { return self.expand(w.term, w.prefix, w.join); })).then(function (found) {
      var groups = {};
      all.forEach(function (w, i) {
        w.matches = found[i];
        w.matches.forEach(function (m) { groups[m.group] = 1; });
      });
      ph.attach(words, joins);
      return Promise.all(Object.keys(groups).map(function (g) { return self.group(+g); }));
    }).then(function () {
      return self.gather(all, 0);
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
    var live = words.filter(function (w) { return w.matches.length && !w.join; });
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
    // Where the query's neighbouring words stand, for a query of two words or more.
    var ph = phrase(), neighbours = ph.neighbours(words), placed = {};
    neighbours.forEach(function (p) {
      if (p.join) return;
      p.a.matches.concat(p.b.matches).forEach(function (m) { placed[m.group] = self.groups[m.group]; });
    });
    var tally = { req: req, scores: scores, need: need, count: count, complete: complete };
    return Promise.all(Object.keys(placed).map(function (g) { return ph.load(self, placed[g]); })).then(function () {
      return self.rank(words, tally, neighbours);
    });
  };
  // The result of gather(): the documents that hold enough of the required words,
  // best first. `tally` is what gather() counted.
  Index.prototype.rank = function (words, tally, neighbours) {
    var self = this, ph = phrase(), req = tally.req, scores = tally.scores, need = tally.need, count = tally.count;
    // Every word, or for three words and more all but one, ranked lower; when no
    // document has that many, those with the most words.
    var most = 0;
    count.forEach(function (c) { most = Math.max(most, c); });
    var least = need.length >= 3 ? need.length - 1 : need.length;
    var partial = most < least;
    if (partial) least = most;
    var hits = [];
    count.forEach(function (c, doc) { if (c >= least) hits.push(doc); });
    // Pairs of characters a document lacks: it holds the characters typed, but not
    // as one run, so it comes after every document that holds the run as typed.
    var grams = need.filter(function (map, i) { return req[i].pair; });
    var ranked = hits.map(function (doc) {
      var score = Math.pow(0.5, need.length - count.get(doc));
      var sum = 0;
      scores.forEach(function (map) { sum += map.get(doc) || 0; });
      // The query's words standing together, as typed, put a result first.
      var together = ph.order(self, neighbours, doc);
      score *= sum * together.lift;
      var apart = grams.filter(function (map) { return !map.has(doc); }).length;
      return { doc: doc, score: score, weight: self.weight(doc), band: Math.floor(Math.log(score) / Math.log(1.1)), apart: apart, phrase: together.phrase };
    });
    // Scores within 10% of each other are a tie that the page's own weight settles.
    ranked.sort(function (a, b) {
      return a.apart - b.apart || b.phrase - a.phrase || b.band - a.band || b.weight - a.weight || b.score - a.score || a.doc - b.doc;
    });
    return { hits: ranked, exact: tally.complete && !partial, partial: partial, words: words, index: self };
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

  // ---- Filters --------------------------------------------------------------------
  // A document's value for each filter, as the search page's checkboxes and its
  // address name them: the kind, and positions in the manifest's lists.
  Index.prototype.filterValues = function (doc) {
    var run = this.facets(doc), aud = [];
    for (var i = 0; i < this.m.audiences.length; i++) if (run[3] & (1 << i)) aud.push(String(i));
    return { kind: [run[1]], category: [String(run[2])], audience: aud };
  };
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
      var shard = idx.vocabs[idx.vocabOf(term)];
      if (!shard) return false;
      var at = lastAtMost(shard.terms, term);
      return shard.terms[at] === term && !!groups[shard.groups[at]];
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
    Index: Index,
    FILTERS: FILTERS,
    lastAtMost: lastAtMost,
    scan: scan,
    answersAsTyped: answersAsTyped,
    varints: varints,
    distance: distance,
    passes: passes,
    filterCounts: filterCounts,
    matcher: matcher,
    excerpt: excerpt,
    highlight: highlight,
    describe: describe,
    pick: pick
  };
})();

if (typeof module === "object" && module.exports) module.exports = GuidepostSearchCore;
