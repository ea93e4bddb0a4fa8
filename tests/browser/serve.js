// Browser test of `guidepost serve`: a page open in Chromium reloads by itself after
// an edit, shows a broken edit's error over the last good page, and clears it once
// the file is fixed. The server runs on 127.0.0.1 and stops when the test ends.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { binary, fixture, launch } = require("./site");

let hub;
let server;
let origin;
let browser;

before(async () => {
  hub = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-serve-"));
  fs.cpSync(fixture("base"), hub, { recursive: true });
  server = spawn(binary(), ["serve", "--root", hub, "--port", "0", "--exit-on-stdin-eof"], { stdio: ["pipe", "pipe", "inherit"] });
  origin = await new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) resolve(match[1]);
    });
    server.once("exit", () => reject(new Error("serve exited: " + output)));
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.stdin.end();
    server.kill();
  }
  if (hub) fs.rmSync(hub, { recursive: true, force: true });
});

function edit(file, from, to) {
  const full = path.join(hub, file);
  const text = fs.readFileSync(full, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  fs.writeFileSync(full, text.replace(from, to));
}

test("an open page reloads after an edit, and shows a broken edit's error until it is fixed", async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/guide/second/`);
  assert.equal(await page.textContent("h1"), "Second steps");
  // Wait until the page has subscribed to the reload channel.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("/__guidepost/live.js")));
  await page.waitForTimeout(300);

  const reloaded = page.waitForEvent("load");
  edit("content/guide/second.md", "title: Second steps", "title: Second steps, revised");
  await reloaded;
  await page.waitForFunction(() => document.querySelector("h1").textContent === "Second steps, revised");

  edit("content/guide/second.md", "title: Second steps, revised", "titel: Second steps, revised");
  const overlay = page.locator("#guidepost-build-error");
  await overlay.waitFor({ state: "visible" });
  assert.match(await overlay.textContent(), /content\/guide\/second\.md:2: unknown front matter key `titel`/);
  assert.equal(await page.textContent("h1"), "Second steps, revised", "the last good page stays");

  const fixed = page.waitForEvent("load");
  edit("content/guide/second.md", "titel: Second steps, revised", "title: Second steps, fixed");
  await fixed;
  await page.waitForFunction(() => document.querySelector("h1").textContent === "Second steps, fixed");
  assert.equal(await page.locator("#guidepost-build-error").count(), 0, "the error is gone after the fix");
  await page.close();
});
