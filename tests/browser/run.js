// Browser tests of the default theme: the repository's hub is built, served from
// 127.0.0.1 and driven in Debian's Chromium. Accessibility (axe-core), the FAQ deep
// link, requests to other hosts, horizontal scrolling, print, page weight and
// screenshots; then the Nu HTML Checker over the whole built hub.
//
// Run with `npm test`. GUIDEPOST_BIN picks a prebuilt binary; CHROMIUM a browser.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const { REPO, buildHub, serve, htmlPages, launch } = require("./site");

const SHOTS = path.join(__dirname, "screenshots");
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// One page of every kind the reader meets, by URL path.
const PAGES = {
  home: "",
  category: "closure/",
  section: "closure/ending-early/",
  article: "closure/preparing-for-your-last-meeting/",
  faq: "faq/closure-faq/",
  template: "templates/last-meeting-agenda/",
  library: "template-library/",
  audience: "audience/mentor/",
  tag: "tags/last-meeting/",
  tags: "tags/",
  "not-found": "no-such-page/",
};
const FAQ_QUESTION = "when-should-we-start-talking-about-the-ending";

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

let site;
let server;
let browser;
// Every request any page made, to prove none leaves the local server.
const requests = [];

before(async () => {
  site = buildHub();
  server = await serve(site.out);
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) site.cleanup();
});

/** A fresh browser context with the given viewport and colour scheme. */
async function open({ viewport = WIDE, colorScheme = "light", javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled });
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  return { context, page };
}

async function visit(page, url) {
  const response = await page.goto(server.origin + "/" + url, { waitUntil: "load" });
  return response;
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
        for (const [kind, url] of Object.entries(PAGES)) {
          await visit(page, url);
          for (const v of await axe(page)) problems.push(`${kind} (/${url}): ${v}`);
          if (kind === "faq") {
            // Closed answers are not checked by axe; open them all and check again.
            await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
            for (const v of await axe(page)) problems.push(`${kind} opened (/${url}): ${v}`);
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
  await context.route(`${server.origin}/**`, async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), "content-security-policy": "script-src 'none'" },
    });
  });
  const problems = [];
  try {
    for (const [kind, url] of Object.entries(PAGES)) {
      await visit(page, url);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("js")), false);
      assert.equal(await page.locator("h1").count(), 1, `${kind}: one h1`);
      assert.ok(await page.locator("h1").isVisible(), `${kind}: title shown`);
      assert.ok(await page.locator("#gp-topics").isVisible(), `${kind}: navigation shown without the menu button`);
      assert.equal(await page.locator("[data-print]").first().isVisible(), false, `${kind}: no dead print button`);
      for (const v of await axe(page)) problems.push(`${kind} (/${url}): ${v}`);
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], "axe violations without JavaScript:\n" + problems.join("\n"));
});

test("every page has exactly one h1, a main landmark and a skip link to it", async () => {
  const { context, page } = await open();
  try {
    for (const [kind, url] of Object.entries(PAGES)) {
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
      await visit(page, `${PAGES.faq}#${FAQ_QUESTION}`);
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
    await visit(page, PAGES.article);
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
    await visit(wide.page, PAGES.article);
    assert.equal(await wide.page.locator(".menu-button").isVisible(), false, "no Menu button on wide screens");
    assert.ok(await wide.page.getByRole("navigation", { name: "Topics" }).isVisible());
  } finally {
    await wide.context.close();
  }
});

test("no page scrolls sideways at 320px and 360px", async () => {
  const pages = htmlPages(site.out).filter(
    (p) => !fs.readFileSync(path.join(site.out, p.endsWith(".html") ? p : p + "index.html"), "utf8").includes('http-equiv="refresh"'),
  );
  pages.push(PAGES["not-found"]);
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
        if (overflow.scroll > overflow.client) wide.push(`${width}px /${url}: ${overflow.scroll}px wide`);
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(pages.length > 40, "the whole hub was visited");
  assert.deepEqual(wide, []);
});

test("articles, FAQs and templates have a print button, and print hides the chrome", async () => {
  const { context, page } = await open();
  try {
    for (const kind of ["article", "faq", "template"]) {
      await visit(page, PAGES[kind]);
      const button = page.getByRole("button", { name: "Print", exact: true });
      assert.ok(await button.isVisible(), `${kind}: print button`);
      await page.emulateMedia({ media: "print" });
      for (const selector of ["header.site-header", "footer.site-footer", ".skip-link", ".breadcrumbs", "[data-print]"]) {
        assert.equal(await page.locator(selector).first().isVisible(), false, `${kind}: print hides ${selector}`);
      }
      assert.ok(await page.locator("h1").isVisible(), `${kind}: title printed`);
      if (kind === "article") {
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

test("an article's own HTML, CSS and JavaScript stay under 60 KB", () => {
  const theme = ["theme/style.css", "theme/guidepost.js"]
    .map((f) => fs.statSync(path.join(site.out, f)).size)
    .reduce((a, b) => a + b, 0);
  const articles = htmlPages(site.out)
    .map((url) => [url, fs.readFileSync(path.join(site.out, url.endsWith(".html") ? url : url + "index.html"))])
    .filter(([, html]) => /<article class="doc( has-toc)?">/.test(html));
  assert.ok(articles.length >= 20, `articles found (${articles.length})`);
  const heavy = articles
    .filter(([, html]) => html.length + theme >= 60 * 1024)
    .map(([url, html]) => `/${url}: ${html.length} + ${theme} bytes`);
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
      for (const [kind, url] of Object.entries(PAGES)) {
        await visit(page, url);
        await page.screenshot({ path: path.join(SHOTS, `${kind}-${name}.png`), fullPage: true });
      }
      if (name === "print") {
        await visit(page, PAGES.article);
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
  const elsewhere = requests.filter((u) => !u.startsWith(server.origin + "/") && !u.startsWith("data:"));
  assert.deepEqual([...new Set(elsewhere)], []);
});

test("the Nu HTML Checker finds no errors in the built hub", async () => {
  const jar = path.join(REPO, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const java = process.env.JAVA || "java";
  const output = await new Promise((resolve) => {
    execFile(
      java,
      ["-jar", jar, "--errors-only", "--skip-non-html", site.out],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, text: (stdout + stderr).trim() }),
    );
  });
  assert.equal(output.code, 0, output.text.split(site.out).join(""));
  assert.equal(output.text, "");
});
