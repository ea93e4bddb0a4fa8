// Search in the browser, over http:// (a small server on 127.0.0.1) and from the
// built folder opened from disk (file://), on the fixture hub tests/fixtures/search.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const h = require("./helpers.js");

const HUB = h.fixture("search");

let site, server, browser;
before(async () => {
  site = h.build(HUB);
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
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => { errors.push("dialog: " + d.message()); d.dismiss(); });
  const file = rel.endsWith(".html") ? path.join(site, rel) : path.join(site, rel, "index.html");
  await page.goto(origin === "http" ? server.url + rel : pathToFileURL(file).href);
  page.errors = errors;
  return page;
}

for (const origin of ["http", "file"]) {
  describe(`search over ${origin}`, () => {
    it("finds the article section and the FAQ question first", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "don't ghost");
      let top = (await h.results(page))[0];
      assert.strictEqual(strip(top.href), "closing/moving-on/#dont-ghost");
      assert.strictEqual(top.section, "Don’t ghost");
      await h.searchPage(page, "keep a secret");
      top = (await h.results(page))[0];
      assert.strictEqual(strip(top.href), "faq/closing-questions/#what-if-my-mentee-asks-me-to-keep-a-secret");
      assert.match(top.meta, /FAQ/);
      assert.deepStrictEqual(page.errors, []);
      await page.close();
    });

    it("forgives typing mistakes", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "how long does a mentorhsip last");
      let top = (await h.results(page)).slice(0, 3).map((r) => strip(r.href));
      assert.ok(top.includes("closing/how-long-a-mentorship-lasts/"), top.join(" "));
      assert.ok(top.includes("faq/closing-questions/#how-long-does-a-mentorship-last"), top.join(" "));
      await h.searchPage(page, "closre conversation");
      top = (await h.results(page)).slice(0, 3).map((r) => strip(r.href));
      assert.ok(top.includes("closing/the-closure-conversation/"), top.join(" "));
      assert.ok((await h.results(page))[0].marks.some((m) => /closure/i.test(m)));
      await page.close();
    });

    it("finds the agenda template from a prefix", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "agen");
      const top = (await h.results(page)).slice(0, 3);
      const agenda = top.find((r) => strip(r.href) === "templates/closing-agenda/");
      assert.ok(agenda, top.map((r) => r.href).join(" "));
      assert.match(agenda.meta, /Template/);
      await page.close();
    });

    it("narrows results with filters that show counts", async () => {
      const page = await openPage(origin, "search/");
      const all = await h.searchPage(page, "closure");
      const label = page.locator("fieldset", { hasText: "Kind" }).locator(".search-filter-option", { hasText: "Templates" });
      const count = Number((await label.locator(".search-filter-count").textContent()).replace(/\D/g, ""));
      assert.ok(count > 0 && count < all.results, `${count} of ${all.results}`);
      const narrowed = page.evaluate(() => new Promise((resolve) => {
        document.addEventListener("guidepost:search", (e) => resolve(e.detail), { once: true });
      }));
      await label.locator("input").check();
      assert.strictEqual((await narrowed).results, count);
      const metas = (await h.results(page)).map((r) => r.meta);
      assert.ok(metas.every((m) => m.startsWith("Template")), metas.join(" / "));
      assert.match(page.url(), /kind=template/);
      await page.close();
    });

    it("highlights the matched words in the excerpt", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "boundaries");
      const first = (await h.results(page))[0];
      assert.ok(first.marks.some((m) => /^boundar/i.test(m)), JSON.stringify(first));
      const excerptMarks = await page.$$eval(".search-result:first-child .search-result-excerpt mark", (m) => m.length);
      assert.ok(excerptMarks > 0);
      await page.close();
    });

    it("works from the keyboard in the header", async () => {
      const page = await openPage(origin, "starting/listening-first/");
      const done = await h.headerSearch(page, "closing meeting agenda");
      assert.ok(done.results > 0);
      const input = page.locator("#gp-search-input");
      assert.strictEqual(await input.getAttribute("aria-expanded"), "true");
      // The live region speaks once typing settles.
      await page.waitForFunction(() => document.querySelector(".site-search [role=status]").textContent !== "");
      const status = await page.locator(".site-search [role=status]").textContent();
      // The query is isolated (U+2068 … U+2069) so it keeps its own direction.
      assert.match(status, /results? for “\u2068closing meeting agenda\u2069”/);
      await page.keyboard.press("ArrowDown");
      const active = await input.getAttribute("aria-activedescendant");
      assert.strictEqual(await page.locator("#" + active).getAttribute("aria-selected"), "true");
      const target = await page.locator("#" + active).getAttribute("data-href");
      await page.keyboard.press("Escape");
      assert.strictEqual(await input.getAttribute("aria-expanded"), "false");
      await page.keyboard.press("ArrowDown");
      await Promise.all([page.waitForURL((u) => !u.href.includes("listening-first")), page.keyboard.press("Enter")]);
      assert.ok(page.url().includes(strip(target)), page.url() + " vs " + target);
      await page.close();
    });

    it("answers from the shards it has at once, without waiting for typing to pause", async () => {
      const page = await openPage(origin, "starting/listening-first/");
      assert.ok((await h.headerSearch(page, "closing agenda")).results > 0);
      // From here on no timer ends: a query that waits for the typing pause never
      // answers. The same query again needs no shard that is not loaded already.
      await page.evaluate(() => { window.setTimeout = function () { return 0; }; });
      await page.fill("#gp-search-input", "");
      const again = h.headerSearch(page, "closing agenda");
      const waited = new Promise((resolve) => setTimeout(resolve, 5000, "still waiting after 5 s"));
      const answer = await Promise.race([again, waited]);
      assert.ok(answer.results > 0, String(answer));
      await page.close();
    });

    it("moves between results with the arrow keys on the search page", async () => {
      const page = await openPage(origin, "search/");
      await h.searchPage(page, "feedback");
      await page.focus("#gp-search-page-input");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const focused = await page.evaluate(() => {
        const items = Array.from(document.querySelectorAll(".search-result"));
        return items.indexOf(document.activeElement.closest(".search-result"));
      });
      assert.strictEqual(focused, 1);
      await page.keyboard.press("Escape");
      assert.strictEqual(await page.evaluate(() => document.activeElement.id), "gp-search-page-input");
      await page.close();
    });

    it("shows a query with markup as text", async () => {
      const page = await openPage(origin, "search/");
      const query = "<script>alert('x')</script><img src=x onerror=alert(1)> closure";
      await h.searchPage(page, query);
      const status = await page.textContent("[data-search-status]");
      assert.ok(status.includes("<script>alert('x')</script><img src=x onerror=alert(1)>"), status);
      assert.strictEqual(await page.$$eval("main img, main script", (s) => s.length), 0);
      assert.deepStrictEqual(page.errors, []);
      await page.close();
    });

    it("says there are no results for a query with no words", async () => {
      const page = await openPage(origin, "search/");
      await page.fill("#gp-search-page-input", "!!");
      await page.waitForFunction(() => document.querySelector("[data-search-status]").textContent.trim() !== "");
      const status = await page.textContent("[data-search-status]");
      assert.ok(status.startsWith("No results for"), status);
      assert.deepStrictEqual(page.errors, []);
      await page.close();
    });

    it("takes the query from the header form and ?q=", async () => {
      const page = await openPage(origin, "index.html");
      await page.fill("#gp-search-input", "reflection");
      await Promise.all([page.waitForURL(/search\/(index\.html)?\?q=reflection/), page.press("#gp-search-input", "Enter")]);
      await page.waitForSelector(".search-result");
      assert.strictEqual(await page.inputValue("#gp-search-page-input"), "reflection");
      const top = (await h.results(page))[0];
      assert.strictEqual(strip(top.href), "templates/reflection-worksheet/");
      await page.close();
    });
  });
}

it("says search needs JavaScript when it is off", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + "search/?q=closure");
  assert.ok(await page.isVisible("[data-search-nojs]"));
  assert.match(await page.textContent("[data-search-nojs]"), /needs JavaScript/);
  await context.close();
});

it("works from a hub that guidepost serve previews", { timeout: 60000 }, async () => {
  const { spawn } = require("node:child_process");
  const child = spawn(h.binary(), ["serve", "--root", HUB, "--port", "0", "--exit-on-stdin-eof"], { stdio: ["pipe", "pipe", "pipe"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/Serving .* at (http:\/\/\S+)/);
        if (m) resolve(m[1].endsWith("/") ? m[1] : m[1] + "/");
      });
      child.on("exit", () => reject(new Error("serve stopped: " + out)));
    });
    const page = await browser.newPage();
    await page.goto(url + "search/?q=closing%20meeting%20agenda");
    await page.waitForSelector(".search-result");
    const top = (await h.results(page))[0];
    assert.strictEqual(strip(top.href), "templates/closing-agenda/");
    await page.close();
  } finally {
    child.stdin.end();
    await new Promise((resolve) => child.exitCode !== null ? resolve() : child.on("exit", resolve));
  }
});

// A hub that copied the header when it loaded search-core.js itself, before search.js:
// search.js loads the rest beside it and the core finds them when first searching.
it("works with a theme whose own header.html loads the search core itself", { timeout: 30000 }, async () => {
  const hub = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-old-base-"));
  try {
    fs.cpSync(path.join(h.REPO, "tests/fixtures/base"), hub, { recursive: true });
    const base = fs.readFileSync(path.join(h.REPO, "themes/default/templates/header.html"), "utf8");
    const old = base.replace(/^(\s*)(<script src="\{\{ chrome\.search_js_url \}\}" defer><\/script>\n)/m,
      '$1<script src="{{ chrome.root }}theme/search-core.js" defer></script>\n$1$2');
    assert.notStrictEqual(old, base);
    fs.mkdirSync(path.join(hub, "themes/default/templates"), { recursive: true });
    fs.writeFileSync(path.join(hub, "themes/default/templates/header.html"), old);
    await h.onSearchPage(hub, async (page) => {
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await h.searchPage(page, "agenda");
      assert.strictEqual(strip((await h.results(page))[0].href), "templates/agenda/");
      assert.deepStrictEqual(errors, []);
    });
  } finally {
    fs.rmSync(hub, { recursive: true, force: true });
  }
});
