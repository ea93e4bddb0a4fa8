// Guidepost search: cutting text into terms, by the same rules as the build
// (src/search/tokenize.rs), and measuring how far apart two words are. It reads no
// DOM and loads nothing: search-core.js cuts queries with it, search-results.js the
// titles and excerpts it marks, and tests/search/cutting.json holds both sides to the
// same cases.
// In a page this is the one global GuidepostSearchTerms; under Node, the module's exports.
var GuidepostSearchTerms = (function () {
  "use strict";

  // The longest term the index holds, in characters.
  var MAX_TERM = 40;

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

  return {
    MAX_TERM: MAX_TERM,
    byCharacter: byCharacter,
    scan: scan,
    answersAsTyped: answersAsTyped,
    distance: distance
  };
})();

if (typeof module === "object" && module.exports) module.exports = GuidepostSearchTerms;
