// Guidepost search's index, without the page: finding a query's words in the
// vocabulary (exactly, as a prefix, or within a typing mistake), gathering and ranking
// the documents that hold them, and reading their bundles. It reads no DOM and loads
// nothing itself. An Index is handed the manifest and a function that returns a
// promise of any other shard's data (what the shard passed to guidepostIndex), so
// search.js can load shards through <script> tags, over http:// and file:// alike,
// and tests can read them from disk. Queries are cut by search-terms.js and phrases
// ranked by search-phrase.js; search-results.js shows what an Index found.
// In a page this is the one global GuidepostSearchCore; under Node, the module's exports.
var GuidepostSearchCore = (function () {
  "use strict";

  // search-phrase.js and search-terms.js, found when first needed: search.js loads
  // them beside this script, and a theme's own base.html may load this one first.
  function sibling(global, file) {
    return typeof module === "object" && module.exports ? require(file) : globalThis[global];
  }
  var PHRASE = null, TERMS = null;
  function phrase() {
    return PHRASE || (PHRASE = sibling("GuidepostSearchPhrase", "./search-phrase.js"));
  }
  function terms() {
    return TERMS || (TERMS = sibling("GuidepostSearchTerms", "./search-terms.js"));
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = new Int8Array(128);
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  var STEP = 1.12, TOP = 63;
  var SCORE = [];
  for (var l = 0; l <= TOP; l++) SCORE[l] = Math.pow(STEP, l - TOP);
  var KINDS = ["article", "faq", "template"];

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

  // Numbers written by push_varint in src/search/shard.rs.
  function varints(text) {
    var out = [], v = 0;
    for (var i = 0; i < text.length; i++) {
      var x = VALUE[text.charCodeAt(i)];
      v = v * 32 + (x & 31);
      if (x < 32) { out.push(v); v = 0; }
    }
    return out;
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
  // The group of `term` when the vocabulary shard it would be in is loaded and holds
  // it, or undefined.
  Index.prototype.groupOf = function (term) {
    var shard = this.vocabs[this.vocabOf(term)];
    if (!shard) return undefined;
    var at = lastAtMost(shard.terms, term);
    return shard.terms[at] === term ? shard.groups[at] : undefined;
  };
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
    if (terms().byCharacter(w.codePointAt(0))) {
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
      var fewShards = self.vocabOf(first + "\uffff") - self.vocabOf(first) <= 2;
      if (fewShards) shards.push(self.vocabRange(first, first + "\uffff"));
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
            var dist = terms().distance(w, t, limit);
            if (prefix && dist > limit && t.length > w.length) dist = terms().distance(w, t.slice(0, w.length), limit) + 0.5;
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
    var tokens = terms().scan(query, true);
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

  return {
    Index: Index,
    lastAtMost: lastAtMost,
    varints: varints
  };
})();

if (typeof module === "object" && module.exports) module.exports = GuidepostSearchCore;
