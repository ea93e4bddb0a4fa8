// Browser tests of a hub in a right-to-left language: tests/fixtures/lang-ar, written
// in Arabic with Latin names and numbers in its text. Every page is laid out right to
// left, passes axe at 1280 and 360 px in both colour schemes and never scrolls (or
// spills) sideways; the header, breadcrumbs, callouts, FAQ and pager are mirrored;
// what a reader types keeps its own direction on the page and in the filled .docx;
// screenshots of an article, the FAQ and the template go to
// tests/browser/screenshots/rtl-*.png; the Nu HTML Checker reads the whole hub.
//
// Run with `npm test` or `node tests/browser/rtl.js`.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const { REPO, buildHub, serve, htmlPages, pageFile, pagesByKind, unzip, launch } = require("./site");

const SHOTS = path.join(__dirname, "screenshots");
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// An article between two others (a previous and a next link), the one that embeds
// the template, the FAQ and the template.
const BETWEEN = "basics/listening/";
const EMBEDDING = "basics/first-meeting/";
const FAQ = "faq/common-questions/";
const TEMPLATE = "templates/meeting-plan/";
const MISSING = "no-such-page/";

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

let site;
let server;
let browser;

before(async () => {
  site = buildHub("lang-ar");
  server = await serve(site.out);
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) site.cleanup();
});

function at(url) {
  return `${server.origin}/${url}`;
}

async function open(options = {}) {
  const context = await browser.newContext({ viewport: WIDE, ...options });
  return { context, page: await context.newPage() };
}

/** Every page of the hub but the redirects, and an unknown address (its 404 page). */
function allPages() {
  const pages = htmlPages(site.out).filter((p) => !fs.readFileSync(pageFile(site.out, p), "utf8").includes('http-equiv="refresh"'));
  return [...pages, MISSING];
}

/** A rectangle as plain numbers. */
function box(locator) {
  return locator.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

test("every page is right to left, and none scrolls or spills sideways at 320, 360 and 1280 px", async () => {
  const problems = [];
  for (const width of [320, 360, 1280]) {
    const { context, page } = await open({ viewport: { width, height: 780 } });
    try {
      for (const url of allPages()) {
        await page.goto(at(url), { waitUntil: "load" });
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        const found = await page.evaluate(() => {
          const root = document.documentElement;
          const out = [];
          if (root.dir !== "rtl" || getComputedStyle(document.body).direction !== "rtl") out.push("not right to left");
          // Overflow to the left makes a right-to-left page scroll; overflow to the
          // right is cut off without a scroll bar, so boxes are checked too.
          if (root.scrollWidth > root.clientWidth) out.push(`${root.scrollWidth}px wide`);
          const clipped = (e) => {
            for (let p = e.parentElement; p; p = p.parentElement) {
              const s = getComputedStyle(p);
              if (s.overflowX !== "visible" || s.position === "absolute") return true;
            }
            return false;
          };
          for (const e of document.body.querySelectorAll("*")) {
            const r = e.getBoundingClientRect();
            if (!r.width || !r.height || clipped(e) || e.closest(".visually-hidden, .skip-link")) continue;
            if (r.left < -0.5 || r.right > root.clientWidth + 0.5) {
              out.push(`${e.tagName.toLowerCase()}.${e.className} spans ${Math.round(r.left)}–${Math.round(r.right)}px`);
            }
          }
          return out;
        });
        for (const f of found) problems.push(`${width}px /${url}: ${f}`);
      }
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, rules: { "target-size": { enabled: true } }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

for (const viewport of [WIDE, PHONE]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe finds no violations on any page kind at ${viewport.width}px in the ${colorScheme} scheme`, async () => {
      const kinds = { ...pagesByKind(site.out), "not-found": MISSING };
      assert.ok(["home", "category", "article", "faq", "template", "library", "audience", "tag", "tags", "search"].every((k) => k in kinds), Object.keys(kinds).join(", "));
      const { context, page } = await open({ viewport, colorScheme });
      const problems = [];
      try {
        for (const [kind, url] of Object.entries(kinds)) {
          await page.goto(at(url), { waitUntil: "load" });
          for (const v of await axe(page)) problems.push(`${kind} (/${url}): ${v}`);
          if (kind === "faq") {
            await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
            for (const v of await axe(page)) problems.push(`${kind} opened (/${url}): ${v}`);
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
}

test("the header, breadcrumbs, contents, callouts, FAQ and pager are mirrored", async () => {
  const { context, page } = await open();
  try {
    await page.goto(at(BETWEEN), { waitUntil: "load" });
    // The brand on the right, the search box on the left with its button at its left.
    const brand = await box(page.locator(".brand"));
    const form = await box(page.locator(".site-search"));
    const input = await box(page.locator("#gp-search-input"));
    const button = await box(page.locator(".site-search button"));
    assert.ok(brand.left > form.right, `brand ${JSON.stringify(brand)} right of the search box ${JSON.stringify(form)}`);
    assert.ok(button.right <= input.left, "the search button sits at the box's left");
    // Breadcrumbs start at the right, and their chevrons point left.
    const crumbs = page.locator(".breadcrumbs li");
    assert.ok((await box(crumbs.nth(0))).left > (await box(crumbs.nth(1))).left, "home is the rightmost crumb");
    const chevron = await crumbs.nth(1).evaluate((li) => new DOMMatrix(getComputedStyle(li, "::before").transform));
    assert.ok(chevron.a < 0, `the chevron is mirrored (its matrix starts ${chevron.a})`);
    // The contents beside the text sit on its left.
    assert.ok((await box(page.locator(".toc"))).right < (await box(page.locator(".doc-body"))).left, "contents on the left");
    // The next page on the left, the previous on the right, their arrows turned.
    const prev = page.locator(".pager-prev");
    const next = page.locator(".pager-next");
    assert.ok((await box(next)).right <= (await box(prev)).left, "next sits left of previous");
    assert.equal(await prev.locator("span").evaluate((s) => getComputedStyle(s, "::before").content), '"→ "');
    assert.equal(await next.locator("span").evaluate((s) => getComputedStyle(s, "::after").content), '" ←"');
    assert.equal(await next.evaluate((a) => getComputedStyle(a).textAlign), "end");

    await page.goto(at(EMBEDDING), { waitUntil: "load" });
    const callout = await page.locator(".callout").evaluate((c) => {
      const s = getComputedStyle(c);
      return [s.borderRightWidth, s.borderLeftWidth];
    });
    assert.deepEqual(callout, ["4px", "0px"], "the callout's bar is on the right");
    const cell = await page.locator(".prose th").first().evaluate((th) => getComputedStyle(th).textAlign);
    assert.equal(cell, "start");

    await page.goto(at(FAQ), { waitUntil: "load" });
    const summary = page.locator(".question summary").first();
    const question = await box(summary.locator("h2"));
    const whole = await box(summary);
    assert.ok(whole.right - question.right < 30, "the question starts at the right");
    assert.ok((await box(page.locator(".faq-tools button"))).left - (await box(page.locator(".questions"))).left < 1, "Open all answers at the left");
  } finally {
    await context.close();
  }
});

test("the header's results open below the box, inside the page, and read right to left", async () => {
  for (const viewport of [WIDE, PHONE]) {
    const { context, page } = await open({ viewport });
    try {
      await page.goto(at(EMBEDDING), { waitUntil: "load" });
      await page.fill("#gp-search-input", "اللقاء");
      await page.waitForSelector(".search-popup:not([hidden]) .search-option", { timeout: 5000 });
      const popup = await box(page.locator(".search-popup"));
      const form = await box(page.locator(".site-search"));
      assert.ok(popup.left >= 0 && popup.right <= viewport.width, `${viewport.width}px: the results fit (${JSON.stringify(popup)})`);
      assert.ok(Math.abs(popup.left - form.left) < 1, `${viewport.width}px: the results start at the box's left end`);
      const first = page.locator(".search-option").first();
      assert.equal(await first.evaluate((o) => getComputedStyle(o).direction), "rtl");
      assert.match(await first.locator(".search-hit-title").textContent(), /اللقاء/);
      // A page's title, then its section to the left.
      const hit = page.locator(".search-option:has(.search-hit-section)").first();
      assert.ok((await box(hit.locator(".search-hit-title"))).left >= (await box(hit.locator(".search-hit-section"))).right - 1, "the section follows the title leftwards");
    } finally {
      await context.close();
    }
  }
});

test("what a reader types keeps its own direction, on the page and in the filled .docx", async () => {
  const { context, page } = await open({ acceptDownloads: true });
  try {
    await page.goto(at(TEMPLATE), { waitUntil: "load" });
    await page.getByLabel("اسم المسترشد").fill("سارة");
    await page.getByLabel("اسم المرشد").fill("Sam Lee");
    await page.getByLabel("موعد اللقاء التالي").fill("+1 555 0100");
    // The card's script comes on first use and then fills the preview with what was
    // typed before it came.
    await page.waitForFunction(() =>
      ["mentee_name", "mentor_name", "next_date"].every((f) => document.querySelector(`.template-body .blank.filled[data-field="${f}"]`)),
    );
    const dirs = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll(".template-body .blank.filled")].map((b) => [b.dataset.field, [b.dir, b.textContent]])),
    );
    assert.deepEqual(dirs, {
      mentee_name: ["rtl", "سارة"],
      mentor_name: ["ltr", "Sam Lee"],
      next_date: ["ltr", "+1 555 0100"],
    });
    // The phone number reads in its own order inside the Arabic sentence: its first
    // group is left of its last.
    const order = await page.evaluate(() => {
      const blank = document.querySelector('.template-body .blank.filled[data-field="next_date"]');
      const range = document.createRange();
      const text = blank.firstChild;
      range.setStart(text, 0);
      range.setEnd(text, 2);
      const first = range.getBoundingClientRect().left;
      range.setStart(text, text.length - 4);
      range.setEnd(text, text.length);
      return [first, range.getBoundingClientRect().left];
    });
    assert.ok(order[0] < order[1], `"+1" is left of "0100" (${order})`);
    assert.equal(await page.locator("#gp-search-input").evaluate((i) => getComputedStyle(i).unicodeBidi), "plaintext");

    const [file] = await Promise.all([page.waitForEvent("download"), page.click('a[data-format="docx"]')]);
    const doc = unzip(fs.readFileSync(await file.path()))["word/document.xml"];
    assert.ok(doc.includes('<w:rtl/></w:rPr><w:t xml:space="preserve">سارة</w:t>'), "the Arabic name is a right-to-left run");
    assert.ok(doc.includes('<w:t xml:space="preserve">\u200eSam Lee\u200e</w:t>'), "the Latin name is held left to right");
    assert.ok(doc.includes('<w:t xml:space="preserve">\u200e+1 555 0100\u200e</w:t>'), "so is the number");
    assert.ok(!/<w:rtl\/><\/w:rPr><w:t xml:space="preserve">\u200e/.test(doc), "a left-to-right value is not marked right to left");
  } finally {
    await context.close();
  }
});

test("screenshots of the Arabic article, FAQ and template at 1280 and 360 px, light and dark", async () => {
  const written = [];
  for (const [name, options] of [
    ["desktop", { viewport: WIDE }],
    ["phone", { viewport: PHONE }],
    ["dark", { viewport: WIDE, colorScheme: "dark" }],
    ["dark-phone", { viewport: PHONE, colorScheme: "dark" }],
  ]) {
    const { context, page } = await open(options);
    try {
      for (const [kind, url] of [["article", EMBEDDING], ["faq", FAQ], ["template", TEMPLATE]]) {
        await page.goto(at(url), { waitUntil: "load" });
        if (kind === "faq") await page.locator(".question summary").first().click();
        const file = path.join(SHOTS, `rtl-${kind}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(written.every((f) => fs.statSync(f).size > 10000));
});

test("the Nu HTML Checker finds no errors in the Arabic hub", async () => {
  const jar = path.join(REPO, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const output = await new Promise((resolve) => {
    execFile(process.env.JAVA || "java", ["-jar", jar, "--errors-only", "--skip-non-html", site.out], { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, text: (stdout + stderr).trim() }));
  });
  assert.equal(output.code, 0, output.text.split(site.out).join(""));
});
