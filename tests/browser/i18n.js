// Browser tests of the interface in the hub's language: on tests/fixtures/interface-es
// (a hub in Spanish), what the scripts show after a reader acts — search results and
// their counts, the search page's filters, template card messages, the FAQ button, a
// table's name — is Spanish, over http and from disk, no English word of the
// interface is on the page, and the longer words still fit a 320 px screen.
//
// Run with `npm test` (after templates.js) or `node tests/browser/i18n.js`.
"use strict";

// What the reader typed sits between direction isolates (U+2068, U+2069) in the
// sentences around it; they show nothing, so the words are compared without them.
const plain = (text) => text.replace(/[\u2068\u2069]/g, "");

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const { buildHub, serve, launch } = require("./site");

const ARTICLE = "encuentros/el-primer-encuentro/";
const FAQ = "preguntas/dudas-comunes/";

// English words of the interface, none of which is a Spanish word.
const ENGLISH = new Set(("skip content menu search hub audiences topics topic footer template templates " +
  "library tags tag recently updated feed from home breadcrumb for phase print article articles read " +
  "related previous next page pages start here pick path everything browse more most helpful sections " +
  "nothing yet any time you fill used download downloaded copy copied text plain what example show whole " +
  "open details forget forgotten optional note tip important warning caution done not link question " +
  "answers close table found try instead result results filter kind moved the of and in this your with " +
  "could use up down arrow keys choose see all no").split(" ").filter((w) => w !== "no"));

let site;
let server;
let browser;

before(async () => {
  site = buildHub("interface-es");
  server = await serve(site.out);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) site.cleanup();
});

/** What a reader meets on the page now: its visible text and its elements' labels. */
function readerText(page) {
  return page.evaluate(() => {
    const labels = Array.from(document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]"))
      .map((e) => ["aria-label", "placeholder", "title", "alt"].map((a) => e.getAttribute(a) || "").join(" "));
    return document.body.innerText + "\n" + labels.join("\n");
  });
}

/** The English interface words in a text, addresses left out. */
function englishIn(text) {
  const words = text.split(/\s+/).filter((w) => !w.includes("://")).join(" ")
    .split(/[^\p{L}\p{N}]+/u).map((w) => w.toLowerCase());
  return [...new Set(words.filter((w) => ENGLISH.has(w)))].sort();
}

async function assertNoEnglish(page, when) {
  assert.deepEqual(englishIn(await readerText(page)), [], `English words on ${page.url()} ${when}`);
}

async function typeInHeader(page, query) {
  await page.fill("#gp-search-input", query);
  await page.waitForSelector("#gp-search-popup:not([hidden])");
}

test("the header search box speaks Spanish: results, their count and the keyboard hint", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/${ARTICLE}`);
  await typeInHeader(page, "encuentro");
  await page.waitForSelector(".search-option");
  assert.equal(plain(await page.textContent(".search-all")), "Ver todos los resultados para “encuentro”");
  assert.equal(await page.getAttribute("#gp-search-options", "aria-label"), "Resultados de la búsqueda");
  const kinds = await page.$$eval(".search-hit-kind", (all) => all.map((k) => k.textContent));
  assert.ok(kinds.includes("Artículo") && kinds.includes("Plantilla"), kinds.join(", "));
  const status = page.locator(".site-search [role=status]");
  await page.waitForFunction(() => document.querySelector(".site-search [role=status]").textContent !== "");
  assert.match(plain(await status.textContent()), /^\d+ resultados? para “encuentro”\. Usa las flechas hacia arriba y hacia abajo para elegir uno\.$/);
  await assertNoEnglish(page, "with results in the header");

  await typeInHeader(page, "zzqqxx");
  await page.waitForSelector(".search-empty");
  assert.equal(plain(await page.textContent(".search-empty")), "No hay resultados para “zzqqxx”. Revisa la ortografía o prueba con menos palabras o con otras.");
  assert.equal(await page.textContent(".search-all"), "Abrir la página de búsqueda");
  await assertNoEnglish(page, "with no results");
  await page.close();
});

test("the search page: the count, the kinds and the filters are Spanish", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/search/?q=encuentro`);
  await page.waitForSelector(".search-result");
  assert.match(plain(await page.textContent("[data-search-status]")), /^\d+ resultados? para “encuentro”\.$/);
  const legends = await page.$$eval(".search-filter legend", (all) => all.map((l) => l.textContent));
  assert.deepEqual(legends, ["Tipo", "Para", "Tema"]);
  const options = await page.$$eval(".search-filter-option", (all) => all.map((l) => l.textContent.trim()));
  assert.ok(options.some((o) => o.startsWith("Artículos")) && options.some((o) => o.startsWith("Plantillas")), options.join(" | "));
  assert.ok(options.some((o) => o.startsWith("Mentores")), options.join(" | "));
  await assertNoEnglish(page, "showing results");
  await page.close();
});

test("template card messages are Spanish: copy, a filled download and forgetting", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const page = await context.newPage();
  await page.goto(`${server.origin}/${ARTICLE}`);
  const status = () => page.textContent("[data-template-status]");
  await page.getByLabel("Nombre del mentor").fill("Sofía");
  await page.click("[data-copy]");
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent !== "");
  assert.equal(await status(), "El texto se copió en el portapapeles.");
  assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes("Mentor: Sofía"));
  await Promise.all([page.waitForEvent("download"), page.click("a[data-format='txt']")]);
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent.startsWith("Se descargó"));
  assert.equal(await status(), "Se descargó plan-del-encuentro.txt con tus datos.");
  await page.click("[data-forget]");
  await page.waitForFunction(() => document.querySelector("[data-template-status]").textContent.startsWith("Tus datos"));
  assert.equal(await status(), "Tus datos se borraron de este navegador.");
  await assertNoEnglish(page, "after using the card");
  await context.close();
});

test("the FAQ button and a table that scrolls sideways are named in Spanish", async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
  await page.goto(`${server.origin}/${FAQ}`);
  const toggle = page.locator(".faq-tools button");
  assert.equal(await toggle.textContent(), "Mostrar todas las respuestas");
  await toggle.click();
  assert.equal(await toggle.textContent(), "Ocultar todas las respuestas");
  await assertNoEnglish(page, "with every answer open");
  await page.goto(`${server.origin}/${ARTICLE}`);
  // Narrowed until it must scroll, the table's box is named.
  await page.evaluate(() => {
    document.querySelector(".table-scroll").style.width = "60px";
    window.dispatchEvent(new Event("resize"));
  });
  assert.equal(await page.getAttribute(".table-scroll", "aria-label"), "Tabla (se desplaza hacia los lados)");
  await page.close();
});

test("opened from disk, search still speaks Spanish", async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(site.out, ARTICLE, "index.html")).href);
  await typeInHeader(page, "plantilla");
  await page.waitForSelector(".search-option");
  assert.equal(plain(await page.textContent(".search-all")), "Ver todos los resultados para “plantilla”");
  await assertNoEnglish(page, "from disk");
  await page.close();
});

test("longer Spanish words keep every page within a 320 px screen", async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 780 } });
  const wide = [];
  for (const url of ["", ARTICLE, FAQ, "plantillas/plan-del-encuentro/", "plantillas/", "audience/mentor/", "tags/", "search/?q=encuentro", "no-such-page/"]) {
    await page.goto(`${server.origin}/${url}`);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (over > 0) wide.push(`/${url}: ${over}px`);
  }
  assert.deepEqual(wide, []);
  await page.close();
});
