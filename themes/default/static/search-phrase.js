// Guidepost search: the words of a query as a phrase. A compound is found typed with
// its hyphen, without it or as one word, and a page where the query's words stand
// together, in the order typed, ranks above one where they stand apart.
// - Compounds: the index holds a hyphenated compound's words and the words run
//   together (check-in → check, in, checkin). A query looks up the run-together form
//   of a compound it holds, and of neighbouring words in a short query ("follow up"
//   → followup), as another way to find each of its words.
// - Places: the index keeps where each word of a result stands (the x/ shards, see
//   src/search/positions.rs), loaded only for a query of two words or more.
// search-core.js uses this; it reads no DOM and loads nothing itself. In a page this
// is the one global GuidepostSearchPhrase; under Node, the module's exports.
var GuidepostSearchPhrase = (function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = new Int8Array(128);
  for (var digit = 0; digit < 64; digit++) VALUE[DIGITS.charCodeAt(digit)] = digit;
  // A result where the query's neighbouring words stand together scores up to
  // 1 + LIFT times as much (see order()).
  var LIFT = 1;
  // Neighbouring words are run together only in queries this short: a longer query is
  // a question, whose neighbours are rarely one word.
  var SHORT = 3;

  // Gives each word of a query (from scan(query, true)) its place, counted as the
  // build counts places in a document (Placer in src/search/positions.rs): stop words
  // have none, a compound's words and their run-together form share one, and a new
  // sentence starts a place further on.
  function place(tokens, stop) {
    var at = 0, open = false;
    tokens.forEach(function (t) {
      if (t.gram) { open = false; return; }
      if (t.sentence) at++;
      if (!t.hyphen && !t.joined) open = false;
      if (stop[t.term]) return;
      if (!open) { at++; open = true; }
      t.place = at;
    });
  }

  // The run-together forms a query looks up, as words of the query that a result need
  // not hold: each compound typed with hyphens, or else, in a short query, each run of
  // two or three neighbouring words (not all stop words, none a single letter). Each
  // is {term, join, parts}, parts being the words it joins (`wordAt` gives the word of
  // each position in `tokens`). They are looked up whole, never completed: "check-in"
  // is not "checking".
  function joins(tokens, stop, wordAt) {
    var out = [], plain = [];
    tokens.forEach(function (t, i) {
      if (t.joined) {
        var parts = [];
        for (var k = i - t.joined; k < i; k++) parts.push(k);
        out.push({ term: t.term, parts: parts });
      } else if (!t.gram) plain.push(i);
    });
    if (!out.length && plain.length >= 2 && plain.length <= SHORT) {
      for (var from = 0; from < plain.length; from++) {
        for (var to = from + 2; to <= plain.length; to++) {
          var parts = plain.slice(from, to);
          var words = parts.map(function (k) { return tokens[k].term; });
          var single = words.some(function (w) { return w.length < 2; });
          var stops = words.every(function (w) { return stop[w]; });
          if (!single && !stops) out.push({ term: words.join(""), parts: parts });
        }
      }
    }
    return out.slice(0, 4).map(function (j) {
      return { term: j.term, prefix: false, join: true, parts: j.parts.map(function (k) { return wordAt[k]; }) };
    });
  }

  // Lets each word of `words` that a compound of `compounds` joins be found through the
  // compound too: a page that says "followup" holds both "follow" and "up".
  function attach(words, compounds) {
    compounds.forEach(function (j) {
      j.parts.forEach(function (w) {
        if (!w || words.indexOf(w) < 0 || (w.joins = w.joins || []).indexOf(j) >= 0) return;
        w.joins.push(j);
        w.matches = w.matches.concat(j.matches);
      });
    });
  }

  // The places of each posting in the text of an x/ shard, one list per posting.
  function decode(text) {
    var out = [], list = [], at = 0, v = 0;
    for (var i = 0; i < text.length; i++) {
      var x = VALUE[text.charCodeAt(i)];
      v = v * 32 + (x & 31);
      if (x >= 32) continue;
      at += Math.floor(v / 2);
      list.push(at);
      if (v % 2 === 0) { out.push(list); list = []; at = 0; }
      v = 0;
    }
    return out;
  }

  // Loads the places of every tier of `group` loaded so far, beside its documents
  // (group.at[i] are the places of group.docs[i]). `index` is search-core's Index.
  // Only the first tiers have places (the manifest's placed_tiers): a result further
  // down a very common word's list is ranked by its score alone.
  function load(index, group) {
    group.at = group.at || [];
    group.placing = group.placing || [];
    var tiers = [], placed = Math.min(group.loaded, index.m.placed_tiers || 0);
    for (var t = 0; t < placed; t++) {
      if (!group.placing[t]) group.placing[t] = fetchTier(index, group, t);
      tiers.push(group.placing[t]);
    }
    return Promise.all(tiers);
  }
  function fetchTier(index, group, t) {
    var n = index.shardOf(group.id);
    var key = t ? "x/" + group.id + "-" + t : "x/" + n;
    return index.fetch(key).then(function (data) {
      var lists = decode(t ? data : data[group.id - index.starts[n]]);
      for (var k = 0; k < lists.length; k++) group.at[group.starts[t] + k] = lists[k];
    });
  }

  // What makes the query's words a phrase in a result: each word with a place and
  // something found, with the next such word ({a, b, gap}: the second stands `gap`
  // places on); and each compound the query runs together that joins no such pair
  // ({join}: "check in", whose "in" has no place), held when a result holds it.
  function neighbours(words) {
    var placed = words.filter(function (w) { return w.place && w.matches.length && !w.join; });
    var pairs = [];
    for (var i = 1; i < placed.length; i++) {
      var a = placed[i - 1], b = placed[i], gap = b.place - a.place;
      if (gap >= 0 && a.term !== b.term) pairs.push({ a: a, b: b, gap: gap });
    }
    words.forEach(function (j) {
      if (!j.join || !j.matches.length) return;
      var joinsPair = pairs.some(function (p) { return j.parts.indexOf(p.a) >= 0 && j.parts.indexOf(p.b) >= 0; });
      if (!joinsPair) pairs.push({ join: j });
    });
    return pairs;
  }

  // Every place where a word's matches stand in `doc`; with `any`, whether `doc`
  // holds any of them at all.
  function placesOf(index, word, doc, any) {
    var out = [];
    for (var k = 0; k < word.matches.length; k++) {
      var g = index.groups[word.matches[k].group];
      if (!g.find || g.find.size !== g.docs.length) {
        g.find = new Map();
        g.docs.forEach(function (d, i) { g.find.set(d, i); });
      }
      var i = g.find.get(doc);
      if (i === undefined) continue;
      if (any) return true;
      if (g.at && g.at[i]) out = out.concat(g.at[i]);
    }
    return any ? false : out;
  }

  // How many of the query's neighbouring `pairs` stand together in `doc`: the second
  // word follows the first by as many places as in the query (stop words take none,
  // so "closing the match" holds "closing a match"); words typed side by side also
  // stand together in one compound (follow up → follow-up, followup).
  function together(index, pairs, doc) {
    var n = 0;
    pairs.forEach(function (p) {
      if (p.join) {
        if (placesOf(index, p.join, doc, true)) n++;
        return;
      }
      var near = {};
      placesOf(index, p.a, doc).forEach(function (a) { near[a] = 1; });
      var found = placesOf(index, p.b, doc).some(function (b) {
        return near[b - p.gap] || (p.gap <= 1 && (near[b] || near[b - 1]));
      });
      if (found) n++;
    });
    return n;
  }

  // How a result's neighbouring words order it, as {phrase, lift}. A result where
  // every pair stands together holds the phrase, and comes before every result that
  // does not, as a run of characters typed together comes before the same characters
  // apart; where only some pairs do (in a query of three words or more), its score
  // is lifted by a share of LIFT.
  function order(index, pairs, doc) {
    if (!pairs.length) return { phrase: 0, lift: 1 };
    var n = together(index, pairs, doc);
    return { phrase: n === pairs.length ? 1 : 0, lift: 1 + LIFT * n / pairs.length };
  }

  return { place: place, joins: joins, attach: attach, decode: decode, load: load, neighbours: neighbours, order: order };
})();

if (typeof module === "object" && module.exports) module.exports = GuidepostSearchPhrase;
