// The search scripts of themes/default/static (search-terms.js, search-core.js and
// search-results.js) under Node, without a browser, against indexes the release
// binary writes: which pages a query finds, in which order, and how a result is
// shown. tests/fixtures/search-core is a small hub whose pages are written to tell
// ranking, completion and typing mistakes apart; a hub written here with many
// made-up words has an index of several shards of each kind; tests/fixtures/zh and
// tests/fixtures/es are small hubs in Chinese and Spanish.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const h = require("./helpers.js");
const { readShards, open, find } = require("./shards.js");
const results = require("../../themes/default/static/search-results.js");
const terms = require("../../themes/default/static/search-terms.js");
const core = require("../../themes/default/static/search-core.js");
const phrase = require("../../themes/default/static/search-phrase.js");

const pages = (urls) => urls.map((u) => u.split("#")[0]);
const NONE = { kind: [], category: [], audience: [] };

// A hub big enough for several shards of each kind: articles, FAQ pages and a
// template, each with its own made-up words (so the vocabulary is large), and the
// word "agenda" on a few pages.
function writeManyShardsHub(root) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write("hub.yaml", "title: Many shards\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\n");
  const syllables = ["ka", "lo", "mi", "re", "su", "te", "vo", "na", "pi", "du", "ge", "ro"];
  let n = 0;
  const word = () => {
    n += 1;
    let w = "", x = n;
    do { w += syllables[x % syllables.length]; x = Math.floor(x / syllables.length); } while (x > 0);
    return w + "n";
  };
  const words = (count) => Array.from({ length: count }, word).join(" ");
  for (let p = 0; p < 40; p++) {
    const agenda = p % 10 === 0 ? " Bring the agenda." : "";
    write(`content/guide/page-${p}.md`, `---\ntitle: Page ${p}\nsummary: ${words(5)}.\n---\n${words(60)}.${agenda}\n\n## Part two\n\n${words(40)}.\n`);
  }
  for (let q = 0; q < 4; q++) {
    write(`content/faq/questions-${q}.md`, `---\ntitle: Questions ${q}\nsummary: ${words(5)}.\nlayout: faq\n---\n## What is ${word()}?\n\n${words(30)}.\n\n## Why ${word()}?\n\n${words(30)}.\n`);
  }
  write("content/templates/plan.md", `---\ntitle: A plan\nsummary: ${words(5)}.\nlayout: template\n---\n## Agenda\n\n${words(30)}.\n`);
}

let fixture, repo, chinese, spanish, tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-core-"));
  fixture = h.build(path.join(h.REPO, "tests/fixtures/search-core"), path.join(tmp, "fixture"));
  writeManyShardsHub(path.join(tmp, "many"));
  repo = h.build(path.join(tmp, "many"), path.join(tmp, "repo"));
  chinese = h.build(h.fixture("zh"), path.join(tmp, "zh"));
  spanish = h.build(h.fixture("es"), path.join(tmp, "es"));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("finding and ranking, on the fixture hub", () => {
  let shards;
  before(() => { shards = readShards(fixture); });

  it("answers a query with no words as an empty result of the index", async () => {
    const idx = open(shards);
    for (const query of ["?", "!! ", "  "]) {
      const result = await idx.search(query);
      assert.strictEqual(result.hits.length, 0, query);
      assert.strictEqual(result.index, idx, `${query}: the page draws filters from the result's index`);
    }
  });

  it("finds the page that holds a word", async () => {
    assert.deepStrictEqual(await find(open(shards), "exhibition "), ["outings/museum-visits/", "outings/museum-visits/#after-the-visit"]);
    assert.strictEqual((await find(open(shards), "boats "))[0], "outings/asking-about-boats/");
  });

  it("ranks a page with the word in its title above one with it in the text", async () => {
    const found = await find(open(shards), "compass ");
    assert.deepStrictEqual(found, ["outings/the-goal-compass/", "outings/museum-visits/"]);
  });

  it("ranks the exact word above a longer word it starts", async () => {
    // Typed without a space after it, "band" may be the start of "bandana"; the page
    // about the bandana would rank first if both were exact (its text is shorter).
    const found = await find(open(shards), "band");
    assert.deepStrictEqual(found, ["outings/a-concert-in-the-park/", "outings/dressing-for-the-weather/"]);
    assert.deepStrictEqual(await find(open(shards), "band "), ["outings/a-concert-in-the-park/"]);
  });

  it("completes the word being typed before reading it as a typing mistake", async () => {
    // "lante" starts "lanterns" and is one letter from "lance".
    assert.deepStrictEqual(await find(open(shards), "lante"), ["outings/an-evening-walk/"]);
    assert.deepStrictEqual(await find(open(shards), "lante "), ["outings/the-medieval-fair/"]);
  });

  it("forgives one typing mistake, and two in a long word", async () => {
    assert.deepStrictEqual(await find(open(shards), "harbro "), ["outings/walking-by-the-water/"]);
    assert.deepStrictEqual(await find(open(shards), "habrormastr "), ["outings/asking-about-boats/"]);
    assert.deepStrictEqual(await find(open(shards), "hraobr "), []);
  });

  it("shows pages that miss one of three words below those that hold them all", async () => {
    const result = await open(shards).search("snack drink receipt ");
    assert.deepStrictEqual(await find(open(shards), "snack drink receipt "),
      ["faq/outing-faq/#who-pays-for-a-snack-on-an-outing", "outings/an-evening-walk/"]);
    assert.strictEqual(result.partial, false);
    // No page holds both words: the pages with either are all there is to show.
    const either = await open(shards).search("lanterns bandana ");
    assert.strictEqual(either.partial, true);
    assert.deepStrictEqual((await find(open(shards), "lanterns bandana ")).sort(),
      ["outings/an-evening-walk/", "outings/dressing-for-the-weather/"]);
  });

  it("finds related forms the stemmer keeps apart, below the word itself", async () => {
    assert.deepStrictEqual(await find(open(shards), "harbor "), ["outings/walking-by-the-water/", "outings/asking-about-boats/"]);
    // "mentor" is a form of the word; "mentorship" a related word.
    const found = await find(open(shards), "mentoring ");
    assert.deepStrictEqual(found.slice().sort(), ["outings/after-the-program/", "outings/hosting-a-reunion/", "outings/the-goal-compass/"]);
    assert.strictEqual(found[0], "outings/hosting-a-reunion/");
  });

  it("ignores stop words in a query", async () => {
    const plain = await open(shards).search("compass ");
    const withStops = await open(shards).search("the compass ");
    assert.deepStrictEqual(withStops.hits, plain.hits);
    // "what" is one letter from "chat" (on the fair's page), but a reader asking
    // "what compass" does not want only pages that say both.
    const asked = await find(open(shards), "what compass ");
    assert.deepStrictEqual(asked.sort(), (await find(open(shards), "compass ")).sort());
  });

  it("folds accents and capitals the way the build does", async () => {
    assert.deepStrictEqual(terms.scan("Réunion CAFÉ, don’t Straße").map((t) => t.term), ["reunion", "cafe", "dont", "strasse"]);
    for (const query of ["réunion ", "RÉUNION ", "Re\u0301union ", "reunion "]) {
      assert.deepStrictEqual(await find(open(shards), query), ["outings/hosting-a-reunion/"], query);
    }
    assert.deepStrictEqual(await find(open(shards), "cafe "), ["outings/hosting-a-reunion/"]);
  });

  it("gives a later part of a page its page's address, title and breadcrumb", async () => {
    const idx = open(shards);
    const result = await idx.search("souvenir ");
    assert.strictEqual(result.hits.length, 1);
    const doc = result.hits[0].doc;
    const per = shards.manifest.docs_per_bundle;
    // The bundle really holds this part in its short form.
    assert.strictEqual(shards["d/" + Math.floor(doc / per)][doc % per].length, 3);
    const data = await idx.bundle(doc);
    assert.deepStrictEqual(data.slice(0, 5), ["outings/museum-visits/", "after-the-visit", "Museum visits", "After the visit", "Outings"]);
    const shown = results.describe(data, "article", results.matcher(result), { root: "../../", file: false, size: 240 });
    assert.strictEqual(shown.url, "../../outings/museum-visits/#after-the-visit");
    assert.strictEqual(shown.title, "Museum visits");
    assert.strictEqual(shown.section, "After the visit");
    assert.strictEqual(shown.crumb, "Outings");
    const fromDisk = results.describe(data, "article", results.matcher(result), { root: "../../", file: true, size: 240 });
    assert.strictEqual(fromDisk.url, "../../outings/museum-visits/index.html#after-the-visit");
  });

  it("filters by kind and audience, and counts what each choice would show", async () => {
    const idx = open(shards);
    const result = await idx.search("snack ");
    const only = (chosen) => (hit) => results.passes(idx.filterValues(hit.doc), Object.assign({}, NONE, chosen));
    assert.deepStrictEqual(pages(await find(idx, "snack ")).sort(),
      ["faq/outing-faq/", "outings/an-evening-walk/", "templates/outing-checklist/"]);
    assert.deepStrictEqual(await find(idx, "snack ", only({ kind: ["faq"] })), ["faq/outing-faq/#who-pays-for-a-snack-on-an-outing"]);
    assert.deepStrictEqual(await find(idx, "snack ", only({ kind: ["template"] })), ["templates/outing-checklist/"]);
    const mentees = String(shards.manifest.audiences.indexOf("Mentees"));
    assert.deepStrictEqual((await find(idx, "snack ", only({ audience: [mentees] }))).sort(),
      ["outings/an-evening-walk/", "templates/outing-checklist/"]);
    assert.deepStrictEqual(await find(idx, "snack ", only({ kind: ["article", "faq"], audience: [mentees] })), ["outings/an-evening-walk/"]);

    const mentors = String(shards.manifest.audiences.indexOf("Mentors"));
    assert.deepStrictEqual(results.filterCounts(result, NONE).kind, { article: 1, faq: 1, template: 1 });
    const counts = results.filterCounts(result, Object.assign({}, NONE, { kind: ["faq"] }));
    // A filter's own options keep their counts; the others count within the choice.
    assert.deepStrictEqual(counts.kind, { article: 1, faq: 1, template: 1 });
    assert.deepStrictEqual(counts.audience, { [mentors]: 1 });
  });

  it("shows the words found in an excerpt marked, and the page's text escaped", async () => {
    const idx = open(shards);
    const result = await idx.search("receipts ");
    const match = results.matcher(result);
    const shown = await Promise.all(result.hits.map(async (hit) =>
      results.describe(await idx.bundle(hit.doc), idx.facets(hit.doc)[1], match, { root: "", file: false, size: 240 })));
    const paying = shown.find((s) => s.url === "outings/museum-visits/#paying-for-the-day");
    assert.strictEqual(paying.excerpt, "Label the folder &lt;Trip plan&gt; &amp; keep the <mark>receipts</mark> together for the program office.");
    // Another form of the word is marked too, in the FAQ's answer.
    const faq = shown.find((s) => s.url.startsWith("faq/"));
    assert.match(faq.excerpt, /keep the <mark>receipt<\/mark>\.$/);

    const tickets = await idx.search("tickets ");
    const data = await idx.bundle(tickets.hits[0].doc);
    const part = results.describe(data, "article", results.matcher(tickets), { root: "", file: false, size: 240 });
    assert.strictEqual(part.section, "<mark>Tickets</mark> &amp; timing");
  });

  it("cuts a long excerpt around the words found", async () => {
    const idx = open(shards);
    const result = await idx.search("souvenir question");
    const data = await idx.bundle(result.hits[0].doc);
    const excerpt = results.describe(data, "article", results.matcher(result), { root: "", file: false, size: 120 }).excerpt;
    assert.ok(data[5].length > 240);
    assert.match(excerpt, /^… .*the <mark>souvenir<\/mark> <mark>question<\/mark> long after the exhibition\.$/);
    assert.ok(excerpt.replace(/<\/?mark>/g, "").length <= 120 + 4, excerpt);
  });

  it("answers the same from the core as the build writes it", async () => {
    const built = require(path.join(fixture, "theme/search-core.js"));
    assert.notStrictEqual(built, core);
    for (const query of ["compass ", "harbor", "lante", "mentoring ", "snack "]) {
      const mine = await open(shards).search(query);
      const theirs = await open(shards, built).search(query);
      // Differs also when the binary was built before the last edit of the core.
      assert.deepStrictEqual(theirs.hits, mine.hits, `${query}: the built core answers differently`);
    }
  });
});

describe("an index in several shards of each kind", () => {
  let shards;
  before(() => { shards = readShards(repo); });

  it("finds each indexed word, which the browser cuts into that word alone", async () => {
    const idx = open(shards);
    const count = shards.manifest.vocabulary.length;
    assert.ok(count > 1 && shards.manifest.group_starts.length > 1, "several vocabulary and postings shards");
    const missed = [];
    for (let n = 0; n < count; n++) {
      const raw = shards["v/" + n][0].split(" ");
      for (const term of [raw[0], raw[raw.length >> 1], raw[raw.length - 1]]) {
        const cut = terms.scan(term, true).map((t) => t.term);
        const found = await idx.expand(term, false);
        if (cut.join() !== term || !found.some((m) => m.term === term && m.factor === 1)) missed.push(term);
        const hits = (await idx.search(term + " ")).hits;
        if (!hits.length) missed.push(term + " (no result)");
      }
    }
    assert.deepStrictEqual(missed, []);
  });

  it("gives every result its kind and a whole bundle entry", async () => {
    const idx = open(shards);
    const wrong = [];
    for (let doc = 0; doc < shards.manifest.documents; doc++) {
      const [url, , title] = await idx.bundle(doc);
      const kind = idx.facets(doc)[1];
      const expected = url.startsWith("faq/") ? "faq" : url.startsWith("templates/") ? "template" : "article";
      if (kind !== expected || !title) wrong.push(`${doc} ${url} ${kind} ${title}`);
    }
    assert.ok(Object.keys(shards).filter((k) => k.startsWith("d/")).length > 1, "several bundles");
    assert.deepStrictEqual(wrong, []);
  });

  it("loads only the shards a query needs", async () => {
    const idx = open(shards);
    const result = await idx.search("agenda");
    await results.pick(result, () => true, 0, 10);
    const of = (prefix, keys) => new Set(keys.filter((k) => k.startsWith(prefix))).size;
    assert.ok(result.hits.length > 0);
    for (const prefix of ["v/", "p/", "d/"]) {
      assert.ok(of(prefix, idx.fetched) < of(prefix, Object.keys(shards)), `${prefix}: ${idx.fetched.join(" ")}`);
    }
  });
});

describe("cutting text as the build does", () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(__dirname, "cutting.json"), "utf8"));

  it("cuts every shared case into the terms the Rust tests expect", () => {
    assert.ok(cases.length >= 10);
    // The English stop words, as the build lists them in an English hub's manifest.
    const stop = {};
    for (const word of readShards(fixture).manifest.stopwords) stop[word] = true;
    assert.ok(stop.the && stop.a);
    for (const c of cases) {
      assert.deepStrictEqual(terms.scan(c.text).map((t) => t.term), c.index, `index terms: ${c.name}`);
      assert.deepStrictEqual(terms.scan(c.text, true).map((t) => t.term), c.query, `query terms: ${c.name}`);
      if (!c.places) continue;
      const tokens = terms.scan(c.text);
      phrase.place(tokens, stop);
      assert.deepStrictEqual(tokens.map((t) => (t.place === undefined ? null : t.place)), c.places, `places: ${c.name}`);
    }
  });

  it("places each character and pair where it stands in the text", () => {
    const text = "用Zoom开か\u3099议";
    const grams = terms.scan(text).filter((t) => t.gram);
    assert.strictEqual(grams.length, 6);
    for (const t of grams) assert.strictEqual(text.slice(t.start, t.end).normalize("NFC"), t.term, JSON.stringify(t));
  });
});

describe("text without spaces, on a Chinese hub", () => {
  let shards;
  before(() => { shards = readShards(chinese); });

  it("finds a page from part of a longer word, and from a run across two words", async () => {
    // The page says only 协调员 (coordinator); 协调 and 愿者协 are runs inside it.
    for (const query of ["协调", "协调 ", "愿者协", "调员"]) {
      assert.strictEqual(pages(await find(open(shards), query))[0], "start/coordinator/", query);
    }
  });

  it("ranks a page that holds the run as typed above pages with its characters apart", async () => {
    // The goals page has 会议 and 记录 in its title, apart; the first meeting's part
    // has 会议记录 once, in its text.
    const found = await find(open(shards), "会议记录");
    assert.strictEqual(found[0], "start/first-meeting/#见面以后");
    assert.ok(pages(found).includes("start/setting-goals/"), found.join(" "));
    const result = await open(shards).search("会议记录");
    assert.deepStrictEqual(result.hits.map((hit) => hit.apart), [0, 1, 1]);
  });

  it("finds one character alone, and a run only where it stands together", async () => {
    assert.deepStrictEqual(await find(open(shards), "茶"), ["start/first-meeting/"]);
    // 进 and 步 stand together on three pages, 步进 nowhere.
    assert.deepStrictEqual(await find(open(shards), "步进"), []);
  });

  it("matches characters exactly: no completion and no typing mistakes", async () => {
    const idx = open(shards);
    const one = await idx.expand("协", true);
    assert.deepStrictEqual(one.map((m) => m.term), ["协"]);
    // 协商 is one character from 协调, a typing mistake in a word of Latin letters.
    assert.deepStrictEqual(await idx.expand("协商", true), []);
  });

  it("looks every indexed character and pair up as itself", async () => {
    const idx = open(shards);
    const missed = [];
    for (let n = 0; n < shards.manifest.vocabulary.length; n++) {
      for (const term of shards["v/" + n][0].split(" ")) {
        const cut = terms.scan(term, true).map((t) => t.term);
        const found = await idx.expand(term, false);
        if (cut.join() !== term || found.length !== 1 || found[0].term !== term) missed.push(term);
      }
    }
    assert.deepStrictEqual(missed, []);
  });

  it("marks the run found in one piece", async () => {
    const idx = open(shards);
    const result = await idx.search("会议记录");
    const data = await idx.bundle(result.hits[0].doc);
    const shown = results.describe(data, "article", results.matcher(result), { root: "", file: false, size: 240 });
    assert.match(shown.excerpt, /写<mark>会议记录<\/mark>：/);
    assert.strictEqual((shown.excerpt.match(/<mark>/g) || []).length, 1);
  });
});

describe("stemming with accents, on a Spanish hub", () => {
  let shards;
  before(() => { shards = readShards(spanish); });

  it("finds a word through its other forms, typed with or without accents", async () => {
    // One page says only "reunión", another only "reuniones".
    for (const query of ["reuniones ", "reunión ", "REUNION "]) {
      const found = pages(await find(open(shards), query));
      assert.ok(found.includes("encuentros/primera-reunion/") && found.includes("encuentros/calendario/"), `${query}: ${found}`);
    }
    // Snowball reads the accent of "comunicación": folded first, it would not share
    // a stem with "comunicaciones".
    for (const query of ["comunicaciones ", "comunicacion "]) {
      const found = pages(await find(open(shards), query));
      assert.deepStrictEqual(found.sort(), ["encuentros/comunicacion-clara/", "preguntas/preguntas-frecuentes/"], query);
    }
  });
});
