// The search core under Node on tests/fixtures/phrases: compounds found typed with
// their hyphen, without it, or as one word, and pages that hold a query's words side
// by side ranked above pages that hold them apart (search-phrase.js, and the places
// the build keeps: src/search/positions.rs).
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const h = require("./helpers.js");
const { readShards, open, find } = require("./shards.js");
const results = require("../../themes/default/static/search-results.js");

const pages = (urls) => urls.map((u) => u.split("#")[0]);

let tmp, shards;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-phrase-"));
  shards = readShards(h.build(h.fixture("phrases"), tmp));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("compounds", () => {
  it("finds a hyphenated compound typed as one word, with its hyphen or as two words", async () => {
    // The page says only "check-in".
    assert.deepStrictEqual(await find(open(shards), "checkin "), ["guides/between-meetings/"]);
    for (const query of ["check-in ", "check in ", "CHECK-IN "]) {
      assert.strictEqual((await find(open(shards), query))[0], "guides/between-meetings/", query);
    }
  });

  it("finds a compound written as one word when it is typed with a hyphen or a space", async () => {
    // The page says only "followup"; no page has "follow" or "up" on its own.
    for (const query of ["follow-up ", "follow up ", "follow\u2010up call "]) {
      assert.deepStrictEqual(await find(open(shards), query), ["guides/after-a-rematch/"], query);
    }
  });

  it("runs together only what the hub holds, and never completes it", async () => {
    // "check-i" is still being typed: "checki" is not read as the start of "checkin".
    const typing = await open(shards).search("check-i");
    const joined = typing.words.filter((w) => w.join);
    assert.deepStrictEqual(joined.map((w) => [w.term, w.matches.length]), [["checki", 0]]);
    // Nor as a typing mistake: "chekin" is one letter from "checkin", which a word
    // typed alone would find.
    const mistake = await open(shards).search("chek-in ");
    assert.deepStrictEqual(mistake.words.filter((w) => w.join).map((w) => [w.term, w.matches.length]), [["chekin", 0]]);
    assert.deepStrictEqual((await open(shards).expand("chekin", false)).map((m) => m.term), ["checkin"]);
  });

  it("marks a compound found through its run-together form in one piece", async () => {
    const idx = open(shards);
    const result = await idx.search("checkin ");
    const data = await idx.bundle(result.hits[0].doc);
    const shown = results.describe(data, "article", results.matcher(result), { root: "", file: false, size: 240 });
    assert.match(shown.excerpt, /a short <mark>check-in<\/mark> on/);
  });
});

describe("words side by side", () => {
  it("ranks the page with the words together above pages with them apart", async () => {
    // "Interviewing volunteers" has the word in its title and "exit" far from it;
    // "the building" has "exit. Interview" across two sentences and "interview, exit"
    // the other way round.
    const found = pages(await find(open(shards), "exit interview "));
    assert.deepStrictEqual(found[0], "guides/closing-the-file/");
    assert.deepStrictEqual(found.slice(1).sort(), ["guides/interviewing-volunteers/", "guides/the-building/"]);
    const result = await open(shards).search("exit interview ");
    assert.deepStrictEqual(result.hits.map((hit) => hit.phrase), [1, 0, 0]);
  });

  it("reads the words in the order typed, and skips stop words between them", async () => {
    // Only "the building" holds "interview" right before "exit".
    const reversed = await open(shards).search("interview exit ");
    const holder = reversed.hits.filter((hit) => hit.phrase === 1);
    assert.strictEqual(holder.length, 1);
    assert.strictEqual((await open(shards).bundle(holder[0].doc))[0], "guides/the-building/");
    // "exit the interview" reads as "exit interview".
    const withStop = await open(shards).search("exit the interview ");
    assert.deepStrictEqual(withStop.hits.map((hit) => hit.phrase), [1, 0, 0]);
  });

  it("loads where words stand only for a query of two words or more", async () => {
    const one = open(shards);
    await one.search("interview ");
    assert.deepStrictEqual(one.fetched.filter((key) => key.startsWith("x/")), []);
    const two = open(shards);
    await two.search("exit interview ");
    assert.ok(two.fetched.some((key) => key.startsWith("x/")), two.fetched.join(" "));
  });
});

describe("words side by side in a large hub", () => {
  // 400 pages; 200 have "interview" in their title, one only once in a long text, so
  // that its posting comes after the best 160: its places are in a shard of their
  // own (x/G-1), fetched with that tier.
  let largeTmp, largeShards;
  before(() => {
    largeTmp = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-phrase-tiers-"));
    const root = path.join(largeTmp, "hub");
    const write = (file, text) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write("hub.yaml", "title: Tiers\nbase_url: https://example.org/\naudiences:\n  - {id: staff, label: Staff}\n");
    const page = (title, text) => `---\ntitle: ${title}\nsummary: A page.\n---\n${text}\n`;
    for (let p = 0; p < 400; p++) {
      const title = p < 199 ? `Interview notes ${p}` : `Page ${p}`;
      const exit = p < 5 ? " Leave by the exit." : "";
      write(`content/guide/page-${p}.md`, page(title, `Plain words for page ${p}.${exit}`));
    }
    const filler = "Many other words about the program and its people go here. ".repeat(40);
    write("content/guide/closing.md", page("Closing", `${filler} Offer an exit interview.`));
    largeShards = readShards(h.build(root, path.join(largeTmp, "out")));
  });
  after(() => fs.rmSync(largeTmp, { recursive: true, force: true }));

  it("reads where words stand in results beyond a word's best ones", async () => {
    const idx = open(largeShards);
    const result = await idx.search("exit interview ");
    assert.ok(idx.fetched.some((key) => /^x\/\d+-1$/.test(key)), idx.fetched.join(" "));
    const first = await idx.bundle(result.hits[0].doc);
    assert.strictEqual(first[0], "guide/closing/");
    assert.deepStrictEqual(result.hits.map((hit) => hit.phrase), [1, 0, 0, 0, 0, 0]);
  });
});
