// Shared by the browser tests and the benchmark: build a hub with the real binary,
// serve a folder on 127.0.0.1, and start Debian's Chromium through playwright-core.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const REPO = path.resolve(__dirname, "../..");

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

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
};

// Serves `dir` on 127.0.0.1 (a free port); resolves to {url, close}.
function serve(dir) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
    });
  });
}

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

async function launch() {
  const { chromium } = require("playwright-core");
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

// Types `query` into the search page's box and waits until results for it are drawn.
async function searchPage(page, query) {
  const done = page.evaluate((q) => new Promise((resolve) => {
    document.addEventListener("guidepost:search", function on(e) {
      if (e.detail.query === q && e.detail.where === "page") {
        document.removeEventListener("guidepost:search", on);
        resolve(e.detail);
      }
    });
  }), query);
  await page.fill("#gp-search-page-input", query);
  return done;
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

module.exports = { REPO, binary, build, serve, launch, searchPage, results };
