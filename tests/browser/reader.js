// Browser tests of what a reader used to other help centers reaches for: a header
// that keeps its shape from page to page, the section menu beside an article, the
// light and dark switch, heading links that copy, the home page's search box, and
// the hub's own logo, icon and edit links.
//
// Hubs: the repository's own (pages found by kind, never by name), tests/fixtures/theme
// (one page of every kind) and tests/fixtures/settings (logo, favicon, edit_url, a
// category named after an audience, a category of templates).
//
// Run with `npm test`. GUIDEPOST_BIN picks a prebuilt binary; CHROMIUM a browser.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const { buildHub, serve, pagesByKind, launch } = require("./site");

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = path.join(__dirname, "screenshots");
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };
const ARTICLE = "first-weeks/the-first-meeting/";

const hubs = {};
let browser;

before(async () => {
  for (const name of ["", "theme", "settings"]) {
    const site = buildHub(name || undefined);
    hubs[name || "shipped"] = { ...site, server: await serve(site.out) };
  }
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  for (const hub of Object.values(hubs)) {
    await hub.server.close();
    hub.cleanup();
  }
});

function at(hub, url) {
  return hubs[hub].server.origin + "/" + url;
}

async function open(options = {}) {
  const context = await browser.newContext({ viewport: WIDE, ...options });
  return { context, page: await context.newPage() };
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the header has the same height on every kind of page, from 320 px to wide screens", async () => {
  const { context, page } = await open();
  const differ = [];
  try {
    for (const hub of ["shipped", "theme"]) {
      const kinds = { ...pagesByKind(hubs[hub].out), search: "search/?q=meeting" };
      for (const width of [320, 360, 768, 1024, 1280, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        const heights = {};
        for (const [kind, url] of Object.entries(kinds)) {
          await page.goto(at(hub, url));
          heights[kind] = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
        }
        const all = new Set(Object.values(heights));
        if (all.size !== 1) differ.push(`${hub} at ${width}px: ${JSON.stringify(heights)}`);
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(differ, []);
});

test("an article shows its section's pages beside it on wide screens and folded on phones", async () => {
  const { context, page } = await open();
  try {
    await page.goto(at("theme", ARTICLE));
    const menu = page.locator(".section-menu details");
    assert.equal(await menu.evaluate((d) => d.open), true, "open beside the article");
    const side = await page.locator(".section-menu").boundingBox();
    const article = await page.locator("article.doc").boundingBox();
    assert.ok(side.x + side.width <= article.x, "in a column before the article");
    assert.equal(await page.locator('.section-menu a[aria-current="page"]').count(), 1, "the article is marked");
    await page.screenshot({ path: path.join(SHOTS, "reader-section-menu-desktop.png") });

    await page.setViewportSize(PHONE);
    await page.goto(at("theme", ARTICLE));
    assert.equal(await menu.evaluate((d) => d.open), false, "folded on a phone");
    await page.locator(".section-menu summary").click();
    assert.equal(await menu.evaluate((d) => d.open), true, "and opens when tapped");
    await page.screenshot({ path: path.join(SHOTS, "reader-section-menu-phone.png") });
  } finally {
    await context.close();
  }
  // Without JavaScript it is a disclosure that still opens.
  const plain = await open({ javaScriptEnabled: false, viewport: PHONE });
  try {
    await plain.page.goto(at("theme", ARTICLE));
    await plain.page.locator(".section-menu summary").click();
    assert.ok(await plain.page.locator('.section-menu a[aria-current="page"]').isVisible());
  } finally {
    await plain.context.close();
  }
});

test("the light and dark switch follows the system until the reader picks, and remembers across pages", async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const { context, page } = await open({ colorScheme: "light" });
  try {
    await page.goto(at("theme", ARTICLE));
    const button = page.locator(".theme-switch");
    assert.equal(await button.getAttribute("aria-pressed"), "false", "light, as the system");
    const light = await background(page);
    await button.click();
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    const dark = await background(page);
    assert.notEqual(dark, light, "the page turned dark");
    assert.deepEqual(await axe(page), [], "dark by choice passes axe");

    await page.goto(at("theme", ""));
    assert.equal(await page.locator(".theme-switch").getAttribute("aria-pressed"), "true", "remembered on the next page");
    assert.equal(await background(page), dark, "dark from the first paint on");
    await page.setViewportSize(PHONE);
    assert.deepEqual(await axe(page), [], "dark by choice passes axe on a phone");

    await page.locator(".theme-switch").click();
    assert.equal(await background(page), light);
    assert.equal(await page.evaluate(() => localStorage.getItem("gp-theme")), null, "back to following the system");
  } finally {
    await context.close();
  }
  const night = await open({ colorScheme: "dark" });
  try {
    await night.page.goto(at("theme", ARTICLE));
    assert.equal(await night.page.locator(".theme-switch").getAttribute("aria-pressed"), "true", "dark, as the system");
    await night.page.locator(".theme-switch").click();
    assert.equal(await night.page.evaluate(() => localStorage.getItem("gp-theme")), "light", "light chosen against the system");
  } finally {
    await night.context.close();
  }
});

test("a heading's link copies the address of its section", async () => {
  const { context, page } = await open();
  try {
    const origin = hubs.theme.server.origin;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.goto(at("theme", ARTICLE));
    // The article's own headings; an embedded template's belong to its document.
    const headings = await page.locator(".doc-body > h2, .doc-body > h3").count();
    assert.ok(headings > 1);
    assert.equal(await page.locator(".doc-body > h2 > a.anchor, .doc-body > h3 > a.anchor").count(), headings, "every ## and ### has one");
    assert.equal(await page.locator(".template-body a.anchor").count(), 0, "none inside a template");
    const heading = page.locator(".doc-body h2").first();
    const id = await heading.getAttribute("id");
    await heading.hover();
    const anchor = heading.locator("a.anchor");
    assert.equal(await anchor.evaluate((a) => getComputedStyle(a).opacity), "1", "shown on hover");
    await anchor.click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${origin}/${ARTICLE}#${id}`);
    assert.equal(await page.evaluate(() => location.hash.slice(1)), id, "and leads to the section");
    await page.waitForFunction(() => document.getElementById("gp-announce")?.textContent);
    assert.match(await page.locator("#gp-announce").textContent(), /Copied the link/, "said to screen readers");
    assert.match(await anchor.getAttribute("data-copied"), /Copied the link/, "and shown beside the heading");
    await page.screenshot({ path: path.join(SHOTS, "reader-heading-link.png") });
  } finally {
    await context.close();
  }
});

test("the home page's search box leads to the results", async () => {
  const { context, page } = await open();
  try {
    await page.goto(at("shipped", ""));
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "gp-hero-search", "`/` picks the large box here");
    await page.keyboard.type("goodbye");
    await Promise.all([page.waitForURL(/\/search\/\?q=goodbye/), page.keyboard.press("Enter")]);
    await page.waitForSelector(".search-result");
    assert.ok((await page.locator(".search-result").count()) > 0, "results for the query");
  } finally {
    await context.close();
  }
});

test("a hub's logo, icon and edit links show, and its categories have one place each", async () => {
  const { context, page } = await open();
  const failed = [];
  page.on("response", (r) => { if (r.status() >= 400) failed.push(r.url()); });
  try {
    await page.goto(at("settings", "meetings/first-meeting/"));
    const logo = page.locator(".brand img.brand-logo");
    assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), "the logo loads");
    assert.equal(await page.locator(".brand").getAttribute("href"), "../../");
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    assert.equal((await page.request.get(new URL(icon, page.url()).href)).status(), 200, "the icon is there");
    assert.match(await page.locator("a.edit-link").getAttribute("href"), /^https:\/\/git\.example\.org\/.*\/meetings\/first-meeting\.md$/);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: path.join(SHOTS, "reader-settings.png") });

    // The template library is the category of templates, and the old address leads to it.
    await page.goto(at("settings", "template-library/"));
    await page.waitForURL(/\/templates\/$/);
    assert.equal(await page.locator("h1").textContent(), "Templates");
    assert.equal(await page.locator('#gp-topics a[aria-current]').textContent(), "Templates");
    assert.deepEqual(await axe(page), []);
    // One link per audience: the staff category is the staff audience's place.
    await page.goto(at("settings", "staff/checking-in/"));
    assert.equal(await page.locator("#gp-topics a", { hasText: "staff" }).count(), 0);
    assert.equal(await page.locator('#gp-audiences a[aria-current="true"]').textContent(), "For program staff");
  } finally {
    await context.close();
  }
  assert.deepEqual(failed, [], "no request failed");
});
