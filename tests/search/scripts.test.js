// Search in other languages, in Chromium, over http:// and from the built folder
// opened from disk (file://): on tests/fixtures/zh a run of characters inside a
// longer word finds its page; on tests/fixtures/es a plural finds the page that
// only says the singular, with its accent.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const h = require("./helpers.js");

const strip = (href) => href.replace(/^(\.\.\/)+/, "").replace(/index\.html/, "");

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { await browser.close(); });

// Builds and serves `fixture`, and opens one of its pages over http or from disk.
function hub(fixture) {
  const state = {};
  before(async () => {
    state.site = h.build(h.fixture(fixture));
    state.server = await h.serve(state.site);
  });
  after(async () => { await state.server.close(); });
  state.open = async (origin, rel) => {
    const page = await browser.newPage();
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(e.message));
    const file = pathToFileURL(path.join(state.site, rel, "index.html")).href;
    await page.goto(origin === "http" ? state.server.url + rel : file);
    return page;
  };
  return state;
}

describe("Chinese", () => {
  const zh = hub("zh");
  for (const origin of ["http", "file"]) {
    it(`finds part of a longer word over ${origin}`, async () => {
      const page = await zh.open(origin, "search/");
      // The page says 志愿者协调员 (volunteer coordinator) and never 协调 alone.
      await h.searchPage(page, "协调");
      const results = await h.results(page);
      assert.strictEqual(strip(results[0].href), "start/coordinator/");
      assert.deepStrictEqual(results[0].marks.slice(0, 1), ["协调"]);
      // A run held together ranks above the page that has its characters apart.
      await h.searchPage(page, "会议记录");
      const order = (await h.results(page)).map((r) => strip(r.href).split("#")[0]);
      assert.deepStrictEqual(order.slice(0, 2), ["start/first-meeting/", "start/setting-goals/"]);
      assert.deepStrictEqual(page.errors, []);
      await page.close();
    });
  }

  it("answers in the header box of an article, from one character", async () => {
    const page = await zh.open("http", "closure/last-meeting/");
    const done = await h.headerSearch(page, "愿者协");
    assert.ok(done.results > 0);
    const first = () => page.locator(".search-option").first().getAttribute("data-href");
    assert.strictEqual(strip(await first()), "start/coordinator/");
    // One character is a word: the box answers it as it does two letters.
    assert.ok((await h.headerSearch(page, "茶")).results > 0);
    assert.strictEqual(strip(await first()), "start/first-meeting/");
    await page.close();
  });
});

describe("Spanish", () => {
  const es = hub("es");
  for (const origin of ["http", "file"]) {
    it(`finds "reunión" from "reuniones" over ${origin}`, async () => {
      const page = await es.open(origin, "search/");
      await h.searchPage(page, "reuniones");
      const results = await h.results(page);
      const first = results.find((r) => strip(r.href) === "encuentros/primera-reunion/");
      assert.ok(first, results.map((r) => r.href).join(" "));
      assert.ok(first.marks.includes("reunión"), JSON.stringify(first));
      assert.deepStrictEqual(page.errors, []);
      await page.close();
    });
  }
});
