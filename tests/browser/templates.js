// Browser tests of template cards: a reader fills in the fields, and the preview,
// the copied text and every download carry the values (escaped where the format
// needs it), fields left empty read as blanks labelled in words (never `{{ name }}`),
// the form comes before a folded preview, and nothing is sent anywhere.
//
// The hub is tests/fixtures/template-cards: a template with three fields, and an
// article that embeds it beside a second template.
//
// Run with `npm test` (after run.js) or `node tests/browser/templates.js`.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");

const { buildHub, serve, unzip, launch } = require("./site");

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

test("typed values fill the preview, and fields left empty stay labelled blanks", async () => {
  const { context, page } = await openTemplate();
  const shown = await page.$$eval(".blank[data-field='mentor_name']", (spans) => spans.map((s) => s.textContent));
  assert.ok(shown.length > 0);
  assert.deepEqual([...new Set(shown)], [MENTOR]);
  assert.equal(await page.innerText(".blank[data-field='meeting_date'] "), "[Date of the meeting]");
  // Emptied again, the blank comes back with its label.
  await page.getByLabel("Mentor's name").fill("");
  assert.equal(await page.innerText(".blank[data-field='mentor_name'] "), "[Mentor's name]");
  await context.close();
});

test("no field name shows anywhere a reader looks: page, print, search, files", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  for (const url of [TEMPLATE, ARTICLE]) {
    await page.goto(`${server.origin}/${url}`);
    assert.ok(!(await page.innerText("main")).includes("{{"), `${url} shows a field name`);
    await page.emulateMedia({ media: "print" });
    const printed = await page.innerText("main");
    assert.ok(!printed.includes("{{"), `${url} prints a field name`);
    assert.ok(printed.includes("Date of the meeting"), `${url} prints the blank's label`);
    await page.emulateMedia({ media: "screen" });
  }
  // Every unfilled download.
  await page.goto(`${server.origin}/${TEMPLATE}`);
  for (const format of ["docx", "md", "txt"]) {
    const file = await download(page, format);
    const text = format === "docx" ? unzip(file.bytes)["word/document.xml"] : file.bytes.toString("utf8");
    assert.ok(!text.includes("{{"), `${format} has a field name`);
    assert.ok(text.includes("Date of the meeting"), `${format} labels the blank`);
  }
  // A search excerpt of the template.
  await page.goto(`${server.origin}/search/?q=${encodeURIComponent("looks back at the goals")}`);
  await page.waitForSelector(".search-hit-excerpt");
  const excerpts = await page.$$eval(".search-hit-excerpt", (all) => all.map((e) => e.textContent).join("\n"));
  assert.ok(excerpts.includes("[Mentee's name]"), excerpts);
  assert.ok(!excerpts.includes("{{"), excerpts);
  await context.close();
});

test("on a phone the form comes first and a long preview is folded until asked for", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${ARTICLE}`);
  const card = page.locator("[data-template-card]").first();
  await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
  const box = await card.locator("input[data-field]").first().boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 740, `the first input is on screen when the card's top is: ${JSON.stringify(box)}`);
  const preview = card.locator("details[data-preview]");
  assert.equal(await preview.evaluate((d) => d.open), false, "folded inside the article");
  assert.equal(await card.locator(".template-body").isVisible(), false);
  await preview.locator("summary").click();
  assert.equal(await card.locator(".template-body").isVisible(), true, "unfolds on request");
  // Printing shows it whole, folded or not.
  await preview.locator("summary").click();
  await page.emulateMedia({ media: "print" });
  assert.equal(await card.locator(".template-body").isVisible(), true, "printed unfolded");
  await page.emulateMedia({ media: "screen" });
  // On the template's own page the preview is open.
  await page.goto(`${server.origin}/${TEMPLATE}`);
  assert.equal(await page.locator("details[data-preview]").evaluate((d) => d.open), true);
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
  assert.ok(/<w:bookmarkStart w:id="\d+" w:name="_GpBlank2_\d+"\/>/.test(xml), "a field left empty keeps its blank");
  assert.ok(xml.includes(" (Date of the meeting)"), "with its label");
  assert.ok(!xml.includes("_GpBlank0_"), "the filled blanks are gone");
  assert.ok(files["word/styles.xml"].includes("Heading1"), "the other parts are carried over");
  for (const format of ["md", "txt"]) {
    const file = await download(page, format);
    const text = file.bytes.toString("utf8");
    assert.ok(text.includes(`Mentor: ${MENTOR}`) || text.includes(`Mentor:** ${MENTOR}`), `${format}: ${text.slice(0, 300)}`);
    assert.ok(text.includes(MENTEE));
    assert.ok(text.includes("[Date of the meeting]"), `${format}: the empty field stays a blank`);
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
  assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes("[Mentor's name]"));
  await context.close();
});

test("a download asked for before the card script has come waits for it and carries the values", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // The card script arrives late, as on a slow connection.
  let arrive;
  const late = new Promise((resolve) => (arrive = resolve));
  await context.route("**/template-card.js", async (route) => {
    await late;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  await page.getByLabel("Mentor's name").fill(MENTOR);
  const downloaded = page.waitForEvent("download");
  await page.click(`[data-template-card] a[data-format="txt"]`);
  arrive();
  const file = await downloaded;
  const text = fs.readFileSync(await file.path(), "utf8");
  assert.ok(text.includes(`Mentor: ${MENTOR}`), text.slice(0, 300));
  await context.close();
});

test("copy puts the filled text on the clipboard", async () => {
  const { context, page } = await openTemplate();
  await page.click("[data-copy]");
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent.includes("Copied"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(`Mentor: ${MENTOR}`), copied.slice(0, 200));
  assert.ok(copied.includes("Closing meeting plan\n===") && copied.includes("The half hour\n---"), copied.slice(0, 300));
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

test("the script's helpers escape XML and leave blanks of empty fields", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/${TEMPLATE}`);
  assert.equal(await page.evaluate(() => typeof window.GuidepostTemplates), "undefined", "the card script loads on first use, not with the page");
  await page.focus("[data-template-card] input[data-field]");
  await page.waitForFunction(() => window.GuidepostTemplates);
  const result = await page.evaluate(() => {
    const t = window.GuidepostTemplates;
    return {
      text: t.fillText("Hi [Name] and [Other], [Name]", { name: "A&B" }, { name: "[Name]", other: "[Other]" }),
      xml: t.fillDocumentXml(
        'x<w:bookmarkStart w:id="0" w:name="_GpBlank1_0"/><w:r><w:rPr><w:b/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">\u00a0\u00a0</w:t></w:r><w:r><w:rPr><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> (Name)</w:t></w:r><w:bookmarkEnd w:id="0"/>' +
        '<w:bookmarkStart w:id="1" w:name="_GpBlank0_1"/><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">\u00a0</w:t></w:r><w:r><w:rPr><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> (Other)</w:t></w:r><w:bookmarkEnd w:id="1"/>',
        { name: "<x> & \u0001y" }, ["other", "name"]),
      crc: t.crc32(new TextEncoder().encode("123456789")),
    };
  });
  assert.equal(result.text, "Hi A&B and [Other], A&B");
  assert.equal(result.xml, 'x<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">&lt;x&gt; &amp; y</w:t></w:r>' +
    '<w:bookmarkStart w:id="1" w:name="_GpBlank0_1"/><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">\u00a0</w:t></w:r><w:r><w:rPr><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> (Other)</w:t></w:r><w:bookmarkEnd w:id="1"/>');
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
  assert.equal(await page.textContent(".blank[data-field='mentee_name']"), MENTEE);
  await page.click("[data-forget]");
  assert.equal(await page.inputValue("input[data-field='mentee_name']"), "");
  assert.equal(await page.innerText(".blank[data-field='mentee_name'] "), "[Mentee's name]");
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
