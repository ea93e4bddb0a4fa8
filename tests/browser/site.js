// Builds a hub (the repository's own, or a fixture under tests/fixtures/) with the
// real binary and serves it from 127.0.0.1, the way a static host would: folders
// answer with index.html, unknown paths with 404.html and status 404.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");

const REPO = path.resolve(__dirname, "..", "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The guidepost binary: $GUIDEPOST_BIN, or a fresh debug build in the cargo target dir. */
function binary() {
  if (process.env.GUIDEPOST_BIN) return path.resolve(process.env.GUIDEPOST_BIN);
  execFileSync("cargo", ["build", "--locked", "--quiet"], { cwd: REPO, stdio: "inherit" });
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, "target");
  const exe = process.platform === "win32" ? "guidepost.exe" : "guidepost";
  return path.resolve(REPO, target, "debug", exe);
}

/** The fixture hub `tests/fixtures/<name>`. */
function fixture(name) {
  return path.join(REPO, "tests", "fixtures", name);
}

/**
 * Builds a hub into a new temporary folder and returns that folder: the fixture
 * `name`, or with no name the repository's own hub (whose pages tests must find from
 * the output, never by name: its content is rewritten freely).
 */
function buildHub(name) {
  const root = name ? fixture(name) : REPO;
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-browser-"));
  const out = path.join(parent, "site");
  // Built for the root of 127.0.0.1, where serve() below publishes it, whatever
  // base_url the hub sets: the 404 page links to the theme by absolute path.
  execFileSync(binary(), ["build", "--root", root, "--out", out, "--base-url", "http://127.0.0.1/"], { stdio: "inherit" });
  return { out, cleanup: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** Serves `root` on a free port of 127.0.0.1; resolves to `{ origin, close }`. */
function serve(root) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { Location: pathname + "/" }).end();
        return;
      }
      return send(res, path.join(file, "index.html"), 200, root);
    }
    send(res, file, 200, root);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

function send(res, file, status, root) {
  fs.readFile(file, (error, body) => {
    if (error) {
      if (status === 404) {
        res.writeHead(404, { "Content-Type": TYPES[".txt"] }).end("not found");
      } else {
        send(res, path.join(root, "404.html"), 404, root);
      }
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
    res.writeHead(status, { "Content-Type": type, "Content-Length": body.length });
    res.end(body);
  });
}

/** Every HTML page of the built site, as URL paths relative to its root. */
function htmlPages(root) {
  const pages = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        const rel = path.relative(root, full).split(path.sep).join("/");
        pages.push(rel.endsWith("index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  })(root);
  return pages.sort();
}

/** The HTML file of a page's URL path. */
function pageFile(root, url) {
  return path.join(root, url === "" || url.endsWith("/") ? url + "index.html" : url);
}

/**
 * What kind of page `url` is, from its path and HTML alone: home, category, section,
 * article, faq, template, library, audience, tag, tags or search; null for 404.html
 * and the redirects that aliases leave behind.
 */
function kindOf(url, html) {
  if (html.includes('http-equiv="refresh"') || url === "404.html") return null;
  const fixed = { "": "home", "template-library/": "library", "tags/": "tags", "search/": "search" };
  if (url in fixed) return fixed[url];
  // The library lives in a category of templates only, when the hub has one.
  if (html.includes('<ul class="cards library">')) return "library";
  if (/^tags\/[^/]+\/$/.test(url)) return "tag";
  if (/^audience\/[^/]+\/$/.test(url)) return "audience";
  if (/^handbooks\/[^/]+\/$/.test(url)) return "handbook";
  if (/<article class="doc faq[ "]/.test(html)) return "faq";
  if (/<article class="doc template-page[ "]/.test(html)) return "template";
  if (/<article class="doc( has-toc)?"/.test(html)) return "article";
  return url.split("/").length === 2 ? "category" : "section";
}

/**
 * One page of each kind in a built hub, found from the output: the first of each
 * kind in path order (in the default language), preferring an article that embeds a
 * template. Tests of the
 * repository's own hub use this instead of naming its pages.
 */
function pagesByKind(root) {
  const kinds = {};
  let embedding = false;
  // Pages in the hub's default language (the home page's): the other languages have
  // tests of their own (i18n.js, tests/search/languages.test.js).
  const langOf = (html) => (html.match(/<html lang="([^"]*)"/) || [])[1];
  const home = langOf(fs.readFileSync(pageFile(root, ""), "utf8"));
  for (const url of htmlPages(root)) {
    const html = fs.readFileSync(pageFile(root, url), "utf8");
    if (langOf(html) !== home) continue;
    const kind = kindOf(url, html);
    if (kind === "article" && !embedding && html.includes('<aside class="template-embed"')) {
      kinds.article = url;
      embedding = true;
    } else if (kind && !(kind in kinds)) {
      kinds[kind] = url;
    }
  }
  return kinds;
}

/** The files of a ZIP archive (a .docx) by name, as text. */
function unzip(buffer) {
  const zlib = require("node:zlib");
  let end = buffer.length - 22;
  while (buffer.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = {};
  for (let n = 0; n < count; n++) {
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const offset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const dataAt = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    const data = buffer.subarray(dataAt, dataAt + compressed);
    files[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8");
    at += 46 + skip;
  }
  return files;
}

// Debian's Chromium (or $CHROMIUM), with the flags that keep it off the network.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Starts the browser every test drives. */
function launch() {
  const { chromium } = require("playwright-core");
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

module.exports = { REPO, binary, fixture, buildHub, serve, htmlPages, pageFile, kindOf, pagesByKind, unzip, launch };
