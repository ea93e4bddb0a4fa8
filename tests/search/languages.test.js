// Search in a hub of two languages (tests/fixtures/lang-en-es), over http:// and
// from disk (file://): each language's search page loads its own index, stemmed the
// language's way, and a page's header box searches the page's language.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const h = require("./helpers.js");

let site, server, browser;
before(async () => {
  site = h.build(h.fixture("lang-en-es"));
  server = await h.serve(site);
  browser = await h.launch();
});
after(async () => {
  await browser.close();
  await server.close();
});

const strip = (href) => href.replace(/^(\.\.\/)+/, "").replace(/index\.html/, "");

async function openPage(origin, rel) {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const file = path.join(site, rel, "index.html");
  await page.goto(origin === "http" ? server.url + rel : pathToFileURL(file).href);
  page.requests = requests;
  return page;
}

for (const origin of ["http", "file"]) {
  describe(`search in two languages over ${origin}`, () => {
    it("finds a Spanish word in another form on the Spanish search page", async () => {
      const page = await openPage(origin, "es/search/");
      // The page says "reunión"; the Spanish stemmer joins "reuniones" to it.
      await h.searchPage(page, "reuniones");
      const hits = (await h.results(page)).map((r) => strip(r.href));
      assert.ok(hits.includes("es/closure/last-meeting/"), hits.join(" "));
      assert.ok(hits.every((href) => href.startsWith("es/")), `only Spanish pages: ${hits.join(" ")}`);
      assert.ok(page.requests.some((u) => u.includes("/es/search/index/")), "the Spanish index was loaded");
      assert.ok(!page.requests.some((u) => /\/search\/index\//.test(u) && !u.includes("/es/search/index/")), "and not the English one");
      await page.close();
    });

    it("the header box of a page searches the page's language", async () => {
      const page = await openPage(origin, "es/faq/questions/");
      await h.headerSearch(page, "reuniones");
      const hits = (await page.$$eval(".search-popup a.search-hit", (all) => all.map((a) => a.getAttribute("href")))).map(strip);
      assert.ok(hits.some((href) => href.endsWith("closure/last-meeting/")), hits.join(" "));
      assert.ok(page.requests.some((u) => u.includes("/es/search/index/")));
      await page.close();
    });

    it("the English search page knows only English pages", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "reuniones");
      assert.deepStrictEqual(await h.results(page), []);
      await h.searchPage(page, "meetings");
      const hits = (await h.results(page)).map((r) => strip(r.href));
      assert.ok(hits.includes("closure/last-meeting/"), hits.join(" "));
      assert.ok(!hits.some((href) => href.startsWith("es/")), hits.join(" "));
      await page.close();
    });
  });
}
