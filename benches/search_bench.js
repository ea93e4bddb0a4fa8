#!/usr/bin/env node
// Search benchmark: builds synthetic hubs of 1,000 and 10,000 articles (written by
// generate_hub.py, on /dev/shm) with and without search, then loads the search page
// in Chromium and counts what a browser transfers for a first query.
//
//   node benches/search_bench.js [SIZES] [RUNS] [LANGUAGES]
//   e.g. node benches/search_bench.js 1000,10000 5        (English)
//        node benches/search_bench.js 10000 5 en,zh       (English and Chinese hubs in turn)
//
// Reports medians: build time with and without search (`search: false` in hub.yaml),
// index bytes and files on disk, bytes transferred for a first query (a common word, a
// rare word, a typo) loaded from a shared `?q=` link and typed into the header box, and
// the time from a keystroke to drawn results once the shards are loaded.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");
// A benchmark of a debug build measures nothing a reader meets: the release binary
// unless GUIDEPOST_BIN names another.
if (!process.env.GUIDEPOST_BIN) {
  const target = process.env.CARGO_TARGET_DIR || path.join(__dirname, "..", "target");
  const release = path.join(target, "release", "guidepost");
  if (!fs.existsSync(release)) {
    console.error("no release binary: run `cargo build --release` first, or set GUIDEPOST_BIN");
    process.exit(1);
  }
  process.env.GUIDEPOST_BIN = release;
}
const h = require("../tests/search/helpers.js");

const SIZES = (process.argv[2] || "1000,10000").split(",").map(Number);
const RUNS = Number(process.argv[3] || 5);
const LANGUAGES = (process.argv[4] || "en").split(",");
// The page the header box is typed into: an article, where readers are most of the time.
const ARTICLE = "category-000/article-00000/";
// Per language of generate_hub.py, the first queries measured.
const QUERIES = {
  en: [["common word", "mentor"], ["rare word", "welcome"], ["typo", "relatinship"]],
  es: [["common word", "mentor"], ["rare word", "bienvenida"], ["other form", "reuniones"], ["typo", "comunicacoin"]],
  // 欢迎 (welcome) is in the templates' tables only; 调员 is the end of 协调员.
  zh: [["common word", "导师"], ["rare word", "欢迎"], ["inside a word", "调员"], ["four characters", "工作人员"],
    ["one character", "信"]],
};

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1) + " KB";

function sizeOf(dir) {
  let bytes = 0, files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      bytes += fs.statSync(path.join(entry.parentPath || entry.path, entry.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

// Wall-clock seconds, CPU seconds (user + system) and peak memory (from /usr/bin/time
// when present: CPU time is less disturbed than wall time by other work on the machine).
function timeBuild(root, out) {
  const args = ["build", "--root", root, "--out", out];
  const started = process.hrtime.bigint();
  if (!fs.existsSync("/usr/bin/time")) {
    execFileSync(h.binary(), args, { stdio: "pipe" });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    return { wall, cpu: NaN, memory: NaN };
  }
  const result = require("node:child_process").spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", h.binary(), ...args], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(result.stderr);
  const [user, sys, peakKb] = result.stderr.match(/TIME ([\d.]+) ([\d.]+) (\d+)/).slice(1).map(Number);
  return { wall, cpu: user + sys, memory: peakKb / 1024 };
}

// Every response of a fresh browser context while `action` runs: bytes as sent by a
// server that does not compress, and what gzip would make of them.
async function transfer(browser, site, action) {
  const context = await browser.newContext();
  await context.addInitScript(RECORD);
  const page = await context.newPage();
  const seen = [];
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes();
    seen.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const result = await action(page);
  await page.waitForLoadState("networkidle");
  await context.close();
  let bytes = 0, gzip = 0, index = 0;
  for (const r of seen) {
    bytes += r.bytes;
    const rel = decodeURIComponent(new URL(r.url).pathname).replace(/\/$/, "/index.html");
    const file = path.join(site, rel);
    if (fs.existsSync(file)) gzip += zlib.gzipSync(fs.readFileSync(file)).length;
    if (rel.includes("/search/index/")) index += r.bytes;
  }
  return { bytes, gzip, index, requests: seen.length, result };
}

// Keeps every search a page reports, from before its scripts run.
const RECORD = () => {
  window.__searches = [];
  document.addEventListener("guidepost:search", (e) => window.__searches.push(e.detail));
};

async function waitForSearch(page, query, where) {
  const found = await page.waitForFunction(([q, w]) =>
    window.__searches.find((d) => d.query === q && d.where === w), [query, where]);
  return found.jsonValue();
}

async function main() {
  for (const n of SIZES) for (const language of LANGUAGES) await measure(n, language);
}

async function measure(n, language) {
  const hub = `/dev/shm/gp-bench-${language}-${n}`;
  const plain = `/dev/shm/gp-bench-${language}-${n}-nosearch`;
  const out = `/dev/shm/gp-bench-${language}-${n}-out`;
  const outPlain = `/dev/shm/gp-bench-${language}-${n}-nosearch-out`;
  execFileSync("python3", [path.join(__dirname, "generate_hub.py"), String(n), hub, "--language", language], { stdio: "pipe" });
  fs.rmSync(plain, { recursive: true, force: true });
  fs.mkdirSync(plain);
  fs.writeFileSync(path.join(plain, "hub.yaml"), fs.readFileSync(path.join(hub, "hub.yaml"), "utf8") + "search: false\n");
  // A copy, not a link: a build refuses content that links outside its hub.
  fs.cpSync(path.join(hub, "content"), path.join(plain, "content"), { recursive: true });

  const withSearch = [], without = [];
  timeBuild(hub, out);
  timeBuild(plain, outPlain);
  for (let i = 0; i < RUNS; i++) {
    without.push(timeBuild(plain, outPlain));
    withSearch.push(timeBuild(hub, out));
  }
  const index = sizeOf(path.join(out, "search/index"));
  const row = {
    n, language, index, queries: {},
    build: median(withSearch.map((t) => t.wall)), plain: median(without.map((t) => t.wall)),
    cpu: median(withSearch.map((t) => t.cpu)), plainCpu: median(without.map((t) => t.cpu)),
    memory: median(withSearch.map((t) => t.memory)), plainMemory: median(without.map((t) => t.memory)),
    // Each run's builds, with and without search, side by side: drift on the machine
    // moves both, so their ratios spread less than the two medians do.
    pairs: withSearch.map((t, i) => t.wall / without[i].wall).sort((a, b) => a - b),
  };

  const server = await h.serve(out);
  const browser = await h.launch();
  try {
    for (const [label, q] of QUERIES[language]) {
      const link = await transfer(browser, out, async (page) => {
        await page.goto(server.url + "search/?q=" + encodeURIComponent(q));
        return waitForSearch(page, q, "page");
      });
      const typed = await transfer(browser, out, async (page) => {
        await page.goto(server.url + ARTICLE);
        await page.type("#gp-search-input", q, { delay: 120 });
        return waitForSearch(page, q, "header");
      });
      // Once the shards are in, each keystroke's time to drawn results: a first round
      // typed slowly loads what every prefix needs, the next two are measured.
      const context = await browser.newContext();
      await context.addInitScript(RECORD);
      const page = await context.newPage();
      await page.goto(server.url + ARTICLE);
      const times = [];
      // The box answers from two letters, or from one character of Chinese.
      const chars = [...q], first = Math.min(2, chars.length);
      for (let round = 0; round < 3; round++) {
        await page.fill("#gp-search-input", "");
        await page.evaluate(() => { window.__searches = []; });
        for (let i = first; i <= chars.length; i++) {
          await page.type("#gp-search-input", i === first ? chars.slice(0, first).join("") : chars[i - 1]);
          const { ms } = await waitForSearch(page, chars.slice(0, i).join(""), "header");
          if (round > 0) times.push(ms);
        }
      }
      await context.close();
      row.queries[label] = { q, link, typed, results: link.result.results, keystroke: median(times), worst: Math.max(...times) };
    }
  } finally {
    await browser.close();
    await server.close();
  }
  report(row);
  for (const dir of [hub, plain, out, outPlain]) fs.rmSync(dir, { recursive: true, force: true });
}

function report(row) {
  const added = ((row.build / row.plain - 1) * 100).toFixed(0);
  console.log(`\n${row.n.toLocaleString("en")} articles, language ${row.language}`);
  console.log(`  build: ${row.build.toFixed(2)} s with search, ${row.plain.toFixed(2)} s without (+${added}%), median of ${RUNS}`);
  const pct = (r) => `+${((r - 1) * 100).toFixed(0)}%`;
  console.log(`  run by run, with ÷ without: median ${pct(median(row.pairs))}, from ${pct(row.pairs[0])} to ${pct(row.pairs[row.pairs.length - 1])}`);
  const cpuAdded = ((row.cpu / row.plainCpu - 1) * 100).toFixed(0);
  console.log(`  build CPU time: ${row.cpu.toFixed(2)} s with search, ${row.plainCpu.toFixed(2)} s without (+${cpuAdded}%)`);
  console.log(`  peak memory: ${row.memory.toFixed(0)} MB with search, ${row.plainMemory.toFixed(0)} MB without`);
  console.log(`  index on disk: ${(row.index.bytes / 1e6).toFixed(1)} MB in ${row.index.files} files`);
  for (const [label, r] of Object.entries(row.queries)) {
    console.log(`  ${label} "${r.q}" (${r.results} results):`);
    console.log(`    ?q= link: ${kb(r.link.bytes)} in ${r.link.requests} requests (index shards ${kb(r.link.index)}; gzip ${kb(r.link.gzip)})`);
    console.log(`    typed in the header: ${kb(r.typed.bytes)} in ${r.typed.requests} requests (index shards ${kb(r.typed.index)}; gzip ${kb(r.typed.gzip)})`);
    console.log(`    keystroke to results once loaded: median ${r.keystroke.toFixed(1)} ms, worst ${r.worst.toFixed(1)} ms`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
