// Words with accents, ligatures and apostrophes: the browser must cut a query into
// the same terms the Rust build indexed, or a word typed exactly as it is written on
// the page finds nothing. Each word is typed composed, decomposed, in capitals and
// without its accents, and must find the one page that holds it.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const h = require("./helpers.js");

// Words that occur nowhere else in the fixture hub: as written on the page, as the
// index should hold it, and ways a reader types it. A second page holds each folded
// word with its last letter changed, so a word folded wrongly on either side is only
// found through typo tolerance, and that decoy (one letter off) ranks first.
const WORDS = [
  ["Ǽsirhall", "aesirhall", ["ǽsirhall", "Æsirhall", "AESIRHALL"]],
  ["Straßenfest", "strassenfest", ["STRASSENFEST", "straßenfest"]],
  ["Łódźka", "lodzka", ["Łódźka", "LODZKA"]],
  ["Ærøskøbing", "aeroskobing", ["ærøskøbing"]],
  ["Crèmerie", "cremerie", ["Cre\u0300merie", "CRÈMERIE"]],
  ["Þórsmörk", "thorsmork", ["þórsmörk"]],
  ["mentorin's", "mentorins", ["mentorin’s", "mentorin's"]],
  ["Œuvrelist", "oeuvrelist", ["œuvrelist"]],
  ["naïveté", "naivete", ["nai\u0308vete\u0301", "NAÏVETÉ"]],
];

function article(title, words) {
  const body = words.map((word, i) => `Paragraph ${i}: the word ${word} is here.`).join("\n\n");
  return `---\ntitle: ${title}\nsummary: Accents and ligatures.\naudience: [mentor]\nphase: start\nupdated: 2026-10-01\n---\n${body}\n`;
}

test("words are found however their accents and capitals are typed", async () => {
  const hub = fs.mkdtempSync(path.join(os.tmpdir(), "guidepost-folding-"));
  fs.cpSync(h.fixture("base"), hub, { recursive: true });
  const guide = path.join(hub, "content/guide");
  fs.writeFileSync(path.join(guide, "words.md"), article("Words from far away", WORDS.map(([word]) => word)));
  const decoy = (folded) => folded.slice(0, -1) + (folded.endsWith("q") ? "x" : "q");
  fs.writeFileSync(path.join(guide, "decoys.md"), article("Nearly the same words", WORDS.map(([, folded]) => decoy(folded))));
  const failures = [];
  try {
    await h.onSearchPage(hub, async (page) => {
      for (const [word, folded, typed] of WORDS) {
        for (const query of [word, folded, ...typed]) {
          await h.searchPage(page, query);
          const hrefs = (await h.results(page)).map((r) => r.href.replace(/^(\.\.\/)+/, "").split("#")[0]);
          if (hrefs[0] !== "guide/words/") failures.push(`${query} (${word}) → ${hrefs.join(", ") || "nothing"}`);
        }
      }
    });
  } finally {
    fs.rmSync(hub, { recursive: true, force: true });
  }
  assert.deepStrictEqual(failures, []);
});
