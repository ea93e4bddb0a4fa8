// Browser tests of template cards: a reader fills in the fields, and the preview,
// the copied text and every download carry the values (escaped where the format
// needs it), blank fields keep their placeholder, and nothing is sent anywhere.
//
// The hub is tests/fixtures/template-cards: a template with three fields, and an
// article that embeds it beside a second template.
//
// Run with `npm test` (after run.js) or `node tests/browser/templates.js`.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const zlib = require("node:zlib");

const { buildHub, serve, launch } = require("./site");

const TEMPLATE = "templates/closing-meeting-plan/";
const ARTICLE = "meetings/the-final-meeting/";
const MENTOR = `Zoë <Ward> & "Co"`;
const MENTEE = "Ana & José's";

let site;
let server;
let browser;

before(async () => {
  site = buildHub("template-cards");
  server = await serve(site.out);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) site.cleanup();
});

/** The files of a ZIP archive by name. */
function unzip(buffer) {
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

async function openTemplate() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const requests = [];
  context.on("request", (r) => requests.push(r));
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  await page.getByLabel("Mentor's name").fill(MENTOR);
  await page.getByLabel("Mentee's name").fill(MENTEE);
  return { context, page, requests };
}

async function download(page, format) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-template-card] a[data-format="${format}"]`),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test("typed values fill the preview, and blank fields keep their placeholder", async () => {
  const { context, page } = await openTemplate();
  const shown = await page.$$eval(".placeholder[data-field='mentor_name']", (spans) => spans.map((s) => s.textContent));
  assert.ok(shown.length > 0);
  assert.deepEqual([...new Set(shown)], [MENTOR]);
  assert.equal(await page.textContent(".placeholder[data-field='meeting_date']"), "{{ meeting_date }}");
  await context.close();
});

test("downloads carry the values: .docx escaped inside the document, .md and .txt as typed", async () => {
  const { context, page, requests } = await openTemplate();
  const docx = await download(page, "docx");
  assert.equal(docx.name, "closing-meeting-plan.docx");
  const files = unzip(docx.bytes);
  const xml = files["word/document.xml"];
  assert.ok(xml.includes("Zoë &lt;Ward&gt; &amp; &quot;Co&quot;"), "the mentor's name, XML-escaped");
  assert.ok(xml.includes("Ana &amp; José's"));
  assert.ok(!xml.includes("<Ward>"));
  assert.ok(xml.includes(">{{ meeting_date }}<"), "a blank field keeps its placeholder run");
  assert.ok(files["word/styles.xml"].includes("Heading1"), "the other parts are carried over");
  for (const format of ["md", "txt"]) {
    const file = await download(page, format);
    const text = file.bytes.toString("utf8");
    assert.ok(text.includes(`Mentor: ${MENTOR}`) || text.includes(`Mentor:** ${MENTOR}`), `${format}: ${text.slice(0, 300)}`);
    assert.ok(text.includes(MENTEE));
    assert.ok(text.includes("{{ meeting_date }}"));
  }
  const status = await page.textContent("[data-template-status]");
  assert.match(status, /Downloaded closing-meeting-plan\.txt with your details filled in/);
  for (const r of requests) assert.ok(r.url().startsWith(server.origin), `only the site was asked: ${r.url()}`);
  assert.ok(!requests.some((r) => r.url().includes(encodeURIComponent("Zoë")) || r.url().includes("Ward")), "typed values never leave the page");
  await context.close();
});

test("the first click on Copy loads the card script and still copies", async () => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  await page.click("[data-copy]");
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent.includes("Copied"));
  assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes("{{ mentor_name }}"));
  await context.close();
});

test("copy puts the filled text on the clipboard", async () => {
  const { context, page } = await openTemplate();
  await page.click("[data-copy]");
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent.includes("Copied"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(`Mentor: ${MENTOR}`), copied.slice(0, 200));
  assert.ok(copied.includes("The half hour\n==="));
  await context.close();
});

test("embedded cards have their own fields, and without JavaScript the plain files download", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${ARTICLE}`);
  const cards = await page.$$eval("[data-template-card]", (all) => all.map((card) => card.querySelectorAll("label > input[data-field]").length));
  assert.equal(cards.length, 2, "two templates are embedded");
  assert.ok(cards.every((n) => n > 0), "each card labels its own inputs");
  assert.equal(await page.isVisible("[data-template-form]"), false, "the form needs JavaScript, so it stays hidden");
  const href = await page.getAttribute("[data-template-card] a[data-format='docx']", "href");
  assert.equal(href, "../../downloads/closing-meeting-plan.docx");
  await context.close();
  const withJs = await browser.newContext();
  const live = await withJs.newPage();
  await live.goto(`${server.origin}/${ARTICLE}`);
  assert.equal(await live.isVisible("[data-template-form]"), true);
  await withJs.close();
});

test("the script's helpers escape XML and keep unknown placeholders", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  assert.equal(await page.evaluate(() => typeof window.GuidepostTemplates), "undefined", "the card script loads on first use, not with the page");
  await page.focus("[data-template-card] input[data-field]");
  await page.waitForFunction(() => window.GuidepostTemplates);
  const result = await page.evaluate(() => {
    const t = window.GuidepostTemplates;
    return {
      text: t.fillText("Hi {{name}} and {{ other }}", { name: "A&B" }),
      xml: t.fillDocumentXml('<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">{{ name }}</w:t></w:r>', { name: "<x> & \u0001y" }),
      crc: t.crc32(new TextEncoder().encode("123456789")),
    };
  });
  assert.equal(result.text, "Hi A&B and {{ other }}");
  assert.equal(result.xml, '<w:r><w:rPr></w:rPr><w:t xml:space="preserve">&lt;x&gt; &amp; y</w:t></w:r>');
  assert.equal(result.crc, 0xcbf43926);
  await context.close();
});

test("details typed in one template fill the next one, and Forget clears them", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  await page.getByLabel("Mentee's name").fill(MENTEE);
  // Forget appears once a detail is kept.
  await page.waitForSelector("[data-forget]", { state: "visible" });
  // Another template with a field of the same name, in the same tab.
  await page.goto(`${server.origin}/templates/goodbye-card/`);
  await page.waitForFunction(() => document.querySelector("input[data-field='mentee_name']").value !== "");
  assert.equal(await page.inputValue("input[data-field='mentee_name']"), MENTEE);
  assert.equal(await page.textContent(".placeholder[data-field='mentee_name']"), MENTEE);
  await page.click("[data-forget]");
  assert.equal(await page.inputValue("input[data-field='mentee_name']"), "");
  assert.equal(await page.textContent(".placeholder[data-field='mentee_name']"), "{{ mentee_name }}");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("guidepost:fields")), null);
  assert.equal(await page.isVisible("[data-forget]"), false);
  // Gone for the first template too.
  await page.goto(`${server.origin}/${TEMPLATE}`);
  await page.getByLabel("Mentor's name").focus();
  await page.waitForFunction(() => window.GuidepostTemplates);
  assert.equal(await page.inputValue("input[data-field='mentee_name']"), "");
  // Nothing is kept beyond the tab: a new one starts empty.
  await page.getByLabel("Mentee's name").fill(MENTEE);
  const fresh = await context.newPage();
  await fresh.goto(`${server.origin}/templates/goodbye-card/`);
  assert.equal(await fresh.evaluate(() => sessionStorage.getItem("guidepost:fields")), null);
  await context.close();
});
