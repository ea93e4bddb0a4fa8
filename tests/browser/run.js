// Browser tests of the default theme: two hubs are built, served from 127.0.0.1 and
// driven in Debian's Chromium. Accessibility (axe-core), the FAQ deep link, requests
// to other hosts, horizontal scrolling, print, page weight and screenshots; then the
// Nu HTML Checker over both built hubs.
//
// The repository's own hub is checked as real content, but its pages are found from
// the output by kind, never by name: program staff rewrite it freely. A kind it lacks
// is taken from tests/fixtures/theme, which has one page of every kind; the checks
// that need a known page (an FAQ question to link to, an article that embeds a
// template) use that fixture too.
//
// Run with `npm test`. GUIDEPOST_BIN picks a prebuilt binary; CHROMIUM a browser.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const { REPO, buildHub, serve, htmlPages, pageFile, kindOf, pagesByKind, launch } = require("./site");

const SHOTS = path.join(__dirname, "screenshots");
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// Every kind of page the reader meets.
const KINDS = ["home", "category", "section", "article", "faq", "template", "library", "audience", "handbook", "tag", "tags", "not-found"];
// An address no hub has, answered with its 404 page.
const MISSING = "no-such-page/";
// One page of every kind in tests/fixtures/theme, by URL path.
const FIXTURE_PAGES = {
  home: "",
  category: "first-weeks/",
  section: "first-weeks/when-meetings-slip/",
  article: "first-weeks/the-first-meeting/",
  faq: "faq/common-questions/",
  template: "templates/first-meeting-checklist/",
  library: "templates/",
  audience: "audience/mentor/",
  handbook: "handbooks/mentor/",
  tag: "tags/first-meeting/",
  tags: "tags/",
  "not-found": MISSING,
};
// The fixture's articles, to prove the page weight check finds every one.
const FIXTURE_ARTICLES = ["first-weeks/the-first-meeting/", "first-weeks/listening-well/", "first-weeks/when-meetings-slip/getting-back-on-track/"];
// A question in the middle of the fixture's FAQ, with more questions after it.
const FAQ_QUESTION = "what-if-one-of-us-keeps-cancelling";

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

// Each hub: { name, out, cleanup, server }.
let shipped;
let fixture;
// One page of every kind, as [kind, absolute URL]: the repository's hub's own where it
// has a page of that kind, else the fixture's.
let PAGES;
let browser;
// Every request any page made, to prove none leaves the local servers.
const requests = [];

async function start(name) {
  const site = buildHub(name);
  return { name: name || "shipped", ...site, server: await serve(site.out) };
}

/** The absolute URL of a page of `hub`. */
function at(hub, url) {
  return hub.server.origin + "/" + url;
}

before(async () => {
  shipped = await start();
  fixture = await start("theme");
  const found = { ...pagesByKind(shipped.out), "not-found": MISSING };
  PAGES = KINDS.map((kind) => [kind, kind in found ? at(shipped, found[kind]) : at(fixture, FIXTURE_PAGES[kind])]);
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  for (const hub of [shipped, fixture]) {
    if (hub) {
      await hub.server.close();
      hub.cleanup();
    }
  }
});

/** A fresh browser context with the given viewport and colour scheme. */
async function open({ viewport = WIDE, colorScheme = "light", javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled });
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  return { context, page };
}

/** Opens `url`: an absolute URL, or a path on the fixture's server. */
async function visit(page, url) {
  const absolute = /^https?:/.test(url) ? url : at(fixture, url);
  return page.goto(absolute, { waitUntil: "load" });
}

async function axe(page) {
  // Evaluated rather than added as a <script>, so it also runs with JavaScript off.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        rules: { "target-size": { enabled: true } },
        resultTypes: ["violations"],
      }),
    AXE_TAGS,
  );
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(" ")} — ${n.failureSummary.replace(/\s+/g, " ")}`)
        .join("\n"),
  );
}

for (const viewport of [WIDE, PHONE]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe finds no violations at ${viewport.width}px in the ${colorScheme} scheme`, async () => {
      const { context, page } = await open({ viewport, colorScheme });
      const problems = [];
      try {
        for (const [kind, url] of PAGES) {
          await visit(page, url);
          for (const v of await axe(page)) problems.push(`${kind} (${url}): ${v}`);
          if (kind === "faq") {
            // Closed answers are not checked by axe; open them all and check again.
            await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
            for (const v of await axe(page)) problems.push(`${kind} opened (${url}): ${v}`);
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], "axe violations:\n" + problems.join("\n"));
    });
  }
}

test("without JavaScript every page kind still reads and passes axe", async () => {
  // A policy that forbids the page's own scripts stands in for a reader with
  // JavaScript off; axe itself is evaluated by the test, outside that policy.
  const { context, page } = await open({ viewport: PHONE });
  await context.route((url) => url.hostname === "127.0.0.1", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), "content-security-policy": "script-src 'none'" },
    });
  });
  const problems = [];
  try {
    for (const [kind, url] of PAGES) {
      await visit(page, url);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("js")), false);
      assert.equal(await page.locator("h1").count(), 1, `${kind}: one h1`);
      assert.ok(await page.locator("h1").isVisible(), `${kind}: title shown`);
      assert.ok(await page.locator("#gp-topics").isVisible(), `${kind}: navigation shown without the menu button`);
      assert.equal(await page.locator("[data-print]").first().isVisible(), false, `${kind}: no dead print button`);
      for (const v of await axe(page)) problems.push(`${kind} (${url}): ${v}`);
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], "axe violations without JavaScript:\n" + problems.join("\n"));
});

test("every page has exactly one h1, a main landmark and a skip link to it", async () => {
  const { context, page } = await open();
  try {
    for (const [kind, url] of PAGES) {
      await visit(page, url);
      assert.equal(await page.locator("h1").count(), 1, `${kind}: one h1`);
      assert.equal(await page.locator("main").count(), 1, `${kind}: one main`);
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => ({
        text: document.activeElement.textContent.trim(),
        href: document.activeElement.getAttribute("href"),
      }));
      assert.deepEqual(focused, { text: "Skip to content", href: "#gp-main" }, `${kind}: skip link first`);
      assert.ok(await page.locator(".skip-link").isVisible(), `${kind}: skip link shows on focus`);
    }
  } finally {
    await context.close();
  }
});

test("a link to an FAQ question opens it and scrolls it into view", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const { context, page } = await open({ viewport });
    try {
      await visit(page, `${FIXTURE_PAGES.faq}#${FAQ_QUESTION}`);
      const question = page.locator(`details#${FAQ_QUESTION}`);
      await page.waitForFunction((id) => document.getElementById(id).open, FAQ_QUESTION);
      assert.equal(await question.evaluate((d) => d.open), true);
      assert.ok(await question.locator(".answer").isVisible(), "answer shown");
      const top = await question.evaluate((d) => d.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < viewport.height / 2, `question near the top (top=${top})`);
      const others = await page.evaluate(
        (id) => [...document.querySelectorAll("details")].filter((d) => d.id !== id && d.open).length,
        FAQ_QUESTION,
      );
      assert.equal(others, 0, "other questions stay closed");
      // Following an in-page link to another question opens that one too.
      const second = await page.evaluate(() => document.querySelectorAll("details")[2].id);
      await page.evaluate((id) => (location.hash = id), second);
      await page.waitForFunction((id) => document.getElementById(id).open, second);
      // One button opens every answer, and then closes them all again.
      const toggle = page.getByRole("button", { name: "Open all answers" });
      await toggle.click();
      assert.equal(await page.locator("details:not([open])").count(), 0, "all answers open");
      await page.getByRole("button", { name: "Close all answers" }).click();
      assert.equal(await page.locator("details[open]").count(), 0, "all answers closed");
    } finally {
      await context.close();
    }
  }
});

test("on a phone the navigation folds behind a Menu button that opens and closes", async () => {
  const { context, page } = await open({ viewport: PHONE });
  try {
    await visit(page, FIXTURE_PAGES.article);
    const menu = page.getByRole("button", { name: "Menu" });
    const topics = page.getByRole("navigation", { name: "Topics" });
    assert.equal(await topics.isVisible(), false, "folded at first");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await menu.click();
    assert.ok(await topics.isVisible(), "opened");
    assert.ok(await page.getByRole("navigation", { name: "Audiences" }).isVisible());
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await page.keyboard.press("Escape");
    assert.equal(await topics.isVisible(), false, "Escape folds it again");
    assert.equal(await page.evaluate(() => document.activeElement.className), "menu-button");
  } finally {
    await context.close();
  }
  const wide = await open({ viewport: WIDE });
  try {
    await visit(wide.page, FIXTURE_PAGES.article);
    assert.equal(await wide.page.locator(".menu-button").isVisible(), false, "no Menu button on wide screens");
    assert.ok(await wide.page.getByRole("navigation", { name: "Topics" }).isVisible());
  } finally {
    await wide.context.close();
  }
});

/** Every page of a built hub but the redirects, as absolute URLs, and an unknown one. */
function allPages(hub) {
  const pages = htmlPages(hub.out).filter((p) => !fs.readFileSync(pageFile(hub.out, p), "utf8").includes('http-equiv="refresh"'));
  return [...pages, MISSING].map((p) => at(hub, p));
}

/** The page URLs a hub's sitemap lists, made absolute on its local server. */
function sitemapPages(hub) {
  // robots.txt names the sitemap at the hub's base URL.
  const base = fs.readFileSync(path.join(hub.out, "robots.txt"), "utf8").match(/^Sitemap: (.*)sitemap\.xml$/m)[1];
  const sitemap = fs.readFileSync(path.join(hub.out, "sitemap.xml"), "utf8");
  return [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => {
    assert.ok(loc.startsWith(base), `${loc} is under ${base}`);
    return at(hub, loc.slice(base.length));
  });
}

test("no page scrolls sideways at 320px and 360px", async () => {
  const pages = [shipped, fixture].flatMap(allPages);
  const wide = [];
  for (const width of [320, 360]) {
    const { context, page } = await open({ viewport: { width, height: 700 } });
    try {
      for (const url of pages) {
        await visit(page, url);
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        const overflow = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        if (overflow.scroll > overflow.client) wide.push(`${width}px ${url}: ${overflow.scroll}px wide`);
      }
    } finally {
      await context.close();
    }
  }
  const missed = [shipped, fixture].flatMap(sitemapPages).filter((url) => !pages.includes(url));
  assert.deepEqual(missed, [], "every page in the sitemaps was visited");
  assert.deepEqual(wide, []);
});

test("articles, FAQs and templates have a print button, and print hides the chrome", async () => {
  // The fixture's article embeds a template; the repository's may not.
  const embedding = at(fixture, FIXTURE_PAGES.article);
  const pages = [...PAGES, ["article", embedding]]
    .filter(([kind]) => ["article", "faq", "template"].includes(kind))
    .filter(([, url], i, all) => all.findIndex(([, u]) => u === url) === i);
  const { context, page } = await open();
  try {
    for (const [kind, url] of pages) {
      const label = `${kind} (${url})`;
      await visit(page, url);
      const button = page.getByRole("button", { name: "Print", exact: true });
      assert.ok(await button.isVisible(), `${label}: print button`);
      await page.emulateMedia({ media: "print" });
      for (const selector of ["header.site-header", "footer.site-footer", ".skip-link", ".breadcrumbs", "[data-print]"]) {
        assert.equal(await page.locator(selector).first().isVisible(), false, `${label}: print hides ${selector}`);
      }
      assert.ok(await page.locator("h1").isVisible(), `${label}: title printed`);
      if (url === embedding) {
        assert.ok(await page.locator(".template-embed .template-body").first().isVisible(), "templates printed");
      }
      if (kind === "faq") {
        const hidden = await page.evaluate(() =>
          [...document.querySelectorAll("details .answer")].filter((a) => a.getClientRects().length === 0).length,
        );
        assert.equal(hidden, 0, "every answer printed");
      }
      await page.emulateMedia({ media: "screen" });
    }
  } finally {
    await context.close();
  }
});

test("`/` and Ctrl+K jump to the search box, and `/` typed into a field stays a character", async () => {
  const { context, page } = await open();
  try {
    await visit(page, FIXTURE_PAGES.article);
    const focused = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    await page.keyboard.press("/");
    assert.equal(await focused(), "gp-search-input", "`/` focuses search");
    assert.equal(await page.inputValue("#gp-search-input"), "", "and types nothing");
    await page.keyboard.type("a/b");
    assert.equal(await page.inputValue("#gp-search-input"), "a/b", "`/` inside the box is a character");
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press("Control+k");
    assert.equal(await focused(), "gp-search-input", "Ctrl+K focuses search");
  } finally {
    await context.close();
  }
});

test("a handbook holds every page of its audience and prints without cut content", async () => {
  const { context, page } = await open();
  try {
    for (const hub of [shipped, fixture]) {
      // An audience page found from the output, never by the shipped hub's names.
      await visit(page, at(hub, pagesByKind(hub.out).audience));
      const listed = await page.$$eval("main .card-title a", (links) => links.map((a) => a.textContent.trim()));
      await Promise.all([page.waitForURL(/handbooks\//, { waitUntil: "load" }), page.click(".handbook-link a")]);
      const held = await page.$$eval(".handbook-entry > h2", (titles) => titles.map((h) => h.textContent.trim()));
      for (const title of new Set(listed)) assert.ok(held.includes(title), `${hub.name}: "${title}" is in the handbook`);
      await page.emulateMedia({ media: "print" });
      const cut = await page.evaluate(() => {
        const width = document.querySelector(".handbook").getBoundingClientRect().right;
        return Array.from(document.querySelectorAll(".handbook *"))
          .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
          .map((el) => el.tagName + "." + el.className);
      });
      assert.deepEqual(cut, [], `${hub.name}: nothing printed past the page's edge`);
      const pdf = await page.pdf({ format: "Letter" });
      assert.ok(pdf.length > 10000, "a booklet was printed");
      await page.emulateMedia({ media: "screen" });
    }
  } finally {
    await context.close();
  }
});

// The page weight budget: an article's own HTML, CSS and JavaScript under 60 KB. The
// fixture's articles are held to it whole. The shipped hub's articles are staff's to
// rewrite, so for them the theme's own share is held instead (the stylesheet, the
// script and the page around <main>): under 36 KB, it leaves any article at least
// 24 KB of its own.
test("an article's own HTML, CSS and JavaScript stay under 60 KB, the theme's share under 36 KB", () => {
  const heavy = [];
  for (const hub of [shipped, fixture]) {
    const theme = ["theme/style.css", "theme/guidepost.js"]
      .map((f) => fs.statSync(path.join(hub.out, f)).size)
      .reduce((a, b) => a + b, 0);
    const articles = htmlPages(hub.out)
      .map((url) => [url, fs.readFileSync(pageFile(hub.out, url))])
      .filter(([url, html]) => kindOf(url, html.toString("utf8")) === "article");
    if (hub === fixture) assert.deepEqual(articles.map(([url]) => url).sort(), [...FIXTURE_ARTICLES].sort(), "every article found");
    assert.ok(articles.length > 0, `${hub.name}: articles found`);
    for (const [url, html] of articles) {
      const main = html.indexOf("<main"), end = html.indexOf("</main>");
      assert.ok(main > 0 && end > main, `${hub.name} /${url} has a <main>`);
      const around = html.length - (end - main);
      if (theme + around >= 36 * 1024) heavy.push(`${hub.name} /${url}: theme ${theme} + page around <main> ${around} bytes`);
      if (hub === fixture && html.length + theme >= 60 * 1024) heavy.push(`${hub.name} /${url}: ${html.length} + ${theme} bytes`);
    }
  }
  assert.deepEqual(heavy, []);
});

test("screenshots of every page kind: desktop, phone, dark and print", async () => {
  const setups = [
    ["desktop", { viewport: WIDE }],
    ["phone", { viewport: PHONE }],
    ["dark", { viewport: WIDE, colorScheme: "dark" }],
    ["dark-phone", { viewport: PHONE, colorScheme: "dark" }],
    ["print", { viewport: { width: 794, height: 1123 } }],
  ];
  for (const [name, options] of setups) {
    const { context, page } = await open(options);
    try {
      if (name === "print") await page.emulateMedia({ media: "print" });
      for (const [kind, url] of PAGES) {
        await visit(page, url);
        await page.screenshot({ path: path.join(SHOTS, `${kind}-${name}.png`), fullPage: true });
      }
      if (name === "print") {
        await visit(page, Object.fromEntries(PAGES).article);
        await page.pdf({ path: path.join(SHOTS, "article-print.pdf"), format: "A4", printBackground: false });
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(fs.existsSync(path.join(SHOTS, "article-print.png")));
});

test("no request goes to any host but the local server", () => {
  assert.ok(requests.length > 100, `pages were loaded (${requests.length} requests)`);
  const local = [shipped, fixture].map((hub) => at(hub, ""));
  const elsewhere = requests.filter((u) => !local.some((origin) => u.startsWith(origin)) && !u.startsWith("data:"));
  assert.deepEqual([...new Set(elsewhere)], []);
});

test("the Nu HTML Checker finds no errors in the built hubs", async () => {
  const jar = path.join(REPO, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const java = process.env.JAVA || "java";
  const output = await new Promise((resolve) => {
    execFile(
      java,
      ["-jar", jar, "--errors-only", "--skip-non-html", shipped.out, fixture.out],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, text: (stdout + stderr).trim() }),
    );
  });
  assert.equal(output.code, 0, output.text.split(shipped.out).join("").split(fixture.out).join(""));
  assert.equal(output.text, "");
});
