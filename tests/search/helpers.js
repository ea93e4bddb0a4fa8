// Shared by the browser tests and the benchmark: build a hub with the real binary,
// serve a folder on 127.0.0.1, and start Debian's Chromium through playwright-core.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const REPO = path.resolve(__dirname, "../..");

// The fixture hub `tests/fixtures/<name>`: tests own their hubs and never search the
// repository's, whose content program staff rewrite freely.
function fixture(name) {
  return path.join(REPO, "tests", "fixtures", name);
}

// The guidepost binary: $GUIDEPOST_BIN, or the newest cargo build of this repository.
function binary() {
  if (process.env.GUIDEPOST_BIN) return process.env.GUIDEPOST_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, "target");
  const found = ["release", "debug"]
    .map((p) => path.join(target, p, "guidepost"))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found.length) throw new Error("no guidepost binary: run `cargo build` first or set GUIDEPOST_BIN");
  return found[0];
}

// Builds the hub at `root` into a new temporary folder and returns the folder.
function build(root, out) {
  out = out || fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-search-"));
  const site = path.join(out, "site");
  execFileSync(binary(), ["build", "--root", root, "--out", site], { stdio: "pipe" });
  return site;
}

// Serving a folder and starting Chromium are shared with the theme's browser tests.
const { serve, launch } = require("../browser/site");

// Types `query` into a search box and waits until results for it are drawn.
async function typeQuery(page, query, where, input) {
  const done = page.evaluate((q) => new Promise((resolve) => {
    document.addEventListener("guidepost:search", function on(e) {
      if (e.detail.query === q.query && e.detail.where === q.where) {
        document.removeEventListener("guidepost:search", on);
        resolve(e.detail);
      }
    });
  }), { query, where });
  await page.fill(input, query);
  return done;
}

// Searches from the search page.
function searchPage(page, query) {
  return typeQuery(page, query, "page", "#gp-search-page-input");
}

// Searches from the header box on any page.
function headerSearch(page, query) {
  return typeQuery(page, query, "header", "#gp-search-input");
}

// The results on the search page: title, section, meta line, excerpt and link.
async function results(page) {
  return page.$$eval(".search-result", (items) => items.map((li) => ({
    title: li.querySelector(".search-hit-title").textContent,
    section: (li.querySelector(".search-hit-section") || { textContent: "" }).textContent,
    meta: li.querySelector(".search-hit-meta").textContent,
    excerpt: li.querySelector(".search-hit-excerpt").textContent,
    href: li.querySelector("a").getAttribute("href"),
    marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
  })));
}

// Builds the hub at `root`, serves it, opens its search page in Chromium and runs
// `fn(page)`; everything is closed again whatever `fn` does.
async function onSearchPage(root, fn) {
  const server = await serve(build(root));
  let browser;
  try {
    // Launched inside the try, so a browser that fails to start still closes the server.
    browser = await launch();
    const page = await browser.newPage();
    await page.goto(server.url + "search/");
    return await fn(page);
  } finally {
    if (browser) await browser.close();
    await server.close();
  }
}

module.exports = { REPO, fixture, binary, build, serve, launch, searchPage, headerSearch, results, onSearchPage };
