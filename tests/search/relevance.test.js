// Relevance set: queries a mentor, mentee or staff member would type, each with the
// page that must be among the first three results. They run over the fixture hub
// tests/fixtures/relevance (about forty short pages that share many words), and each
// was written against the page that clearly answers it there: whole questions,
// single words, typing mistakes, prefixes, other forms of a word, compounds typed
// with or without their hyphen, FAQ questions and templates. A second set holds
// pairs of pages that share a query's words, where the one with the words side by
// side must come first.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const h = require("./helpers.js");

const QUERIES = [
  // Questions and phrases, as typed.
  ["how do I say goodbye to my mentee", "closure/saying-goodbye/"],
  ["what to bring to the first meeting", "getting-started/first-meeting/"],
  ["ground rules", "getting-started/ground-rules/"],
  ["setting goals", "getting-started/setting-goals/"],
  ["how to listen", "relationship/listening/"],
  ["sharing my own mistakes", "relationship/sharing-your-own-mistakes/"],
  ["broken promise", "relationship/repairing-trust/"],
  ["showing up on time", "relationship/showing-up/"],
  ["giving feedback", "growth/giving-feedback/"],
  ["why endings matter", "closure/why-endings-matter/"],
  ["planning the last meeting", "closure/planning-the-last-meeting/"],
  ["closure conversation", "closure/the-closure-conversation/"],
  ["stay in touch after the program", "closure/staying-in-touch/"],
  ["ending early", "closure/ending-early/ending-early-kindly/"],
  ["match is not working", "closure/ending-early/signs-it-is-not-working/"],
  ["try a fresh start", "closure/ending-early/a-fresh-start/"],
  ["boundaries", "safety/boundaries/"],
  ["new match for a mentee", "staff/rematching/"],
  ["which follow up message to send", "staff/follow-up-messages/"],
  ["closure reasons to record", "staff/recording-a-closure/"],
  // Other forms of the words on the page.
  ["stages of mentoring", "getting-started/stages-of-a-mentorship/"],
  ["how long should mentoring last", "closure/how-long-matches-last/"],
  ["feeling stuck", "growth/getting-unstuck/"],
  ["check progress on our goals", "growth/checking-progress/"],
  ["raise a concern", "safety/raising-a-concern/"],
  ["ghosting", "closure/saying-goodbye/#dont-ghost"],
  ["confidential", "relationship/keeping-confidences/"],
  // Typing mistakes and prefixes.
  ["confidentality", "relationship/keeping-confidences/"],
  ["mentorhsip stages", "getting-started/stages-of-a-mentorship/"],
  ["reflection workshet", "templates/reflection-worksheet/"],
  ["boundar", "safety/boundaries/"],
  ["safeguard", "safety/raising-a-concern/"],
  // FAQ questions.
  ["mentee keeps cancelling", "faq/program-questions/#what-if-my-mentor-or-mentee-keeps-cancelling"],
  ["mentee asked me to keep a secret", "faq/trust-questions/#what-should-i-do-if-my-mentee-asks-me-to-keep-a-secret"],
  ["who is my coordinator", "faq/program-questions/#who-is-my-program-coordinator"],
  ["how often should we meet", "faq/program-questions/#how-often-should-we-meet"],
  ["reschedule", "faq/program-questions/#what-if-i-need-to-reschedule-a-meeting"],
  ["share my phone number", "faq/trust-questions/#is-it-okay-to-share-my-phone-number"],
  // Templates.
  ["final meeting agenda", "templates/final-meeting-agenda/"],
  ["agenda", "templates/final-meeting-agenda/"],
  ["thank you letter", "templates/thank-you-letter/"],
  ["goodbye card", "templates/goodbye-card/"],
  ["staff checklist", "templates/staff-closure-checklist/"],
  // Compounds: the pages say "check-in", "followup" and "one-on-one".
  ["checkin", "relationship/between-meetings/"],
  ["check in", "relationship/between-meetings/"],
  ["weekly check-in", "relationship/between-meetings/"],
  ["follow-up call", "staff/calling-after-a-rematch/"],
  ["followup message", "staff/follow-up-messages/"],
  ["one on one", "getting-started/meeting-alone-or-with-others/"],
  ["one-on-one time", "getting-started/meeting-alone-or-with-others/"],
  // A phrase whose words other pages hold apart.
  ["exit interview", "staff/closing-the-file/"],
];

// A query, the page that holds its words side by side in the order typed (or as
// one compound), and a page that holds them apart, or holds only other forms of
// them, and that would otherwise rank higher: the first must come before the second.
const TOGETHER = [
  // "offer ... a short exit interview" against "Interviewing new volunteers", which
  // says "exit" only once, far from any "interview".
  ["exit interview", "staff/closing-the-file/", "staff/interviewing-new-volunteers/"],
  // "a followup call" against "follow-up message ... call instead of writing".
  ["follow-up call", "staff/calling-after-a-rematch/", "staff/follow-up-messages/"],
  ["follow up call", "staff/calling-after-a-rematch/", "staff/follow-up-messages/"],
  // "check-in" against "Checking progress", which only shares the word's stem.
  ["check in", "relationship/between-meetings/", "growth/checking-progress/"],
  ["one-on-one time", "getting-started/meeting-alone-or-with-others/", "closure/ending-early/a-fresh-start/"],
];

test("every relevance query finds its page in the top three", async () => {
  const failures = [];
  await h.onSearchPage(h.fixture("relevance"), async (page) => {
    for (const [query, expected] of QUERIES) {
      await h.searchPage(page, query);
      const top = (await h.results(page)).slice(0, 3).map((r) => r.href.replace(/^(\.\.\/)+/, ""));
      const ok = top.some((href) => (expected.includes("#") ? href === expected : href.split("#")[0] === expected));
      if (!ok) failures.push(`${query} → wanted ${expected}, got ${top.join(", ") || "nothing"}`);
    }
  });
  assert.ok(QUERIES.length >= 30);
  assert.deepStrictEqual(failures, [], `${failures.length} of ${QUERIES.length} queries missed:\n${failures.join("\n")}`);
});

test("a page with the query's words side by side ranks above one with them apart", async () => {
  const failures = [];
  await h.onSearchPage(h.fixture("relevance"), async (page) => {
    for (const [query, together, apart] of TOGETHER) {
      await h.searchPage(page, query);
      const found = (await h.results(page)).map((r) => r.href.replace(/^(\.\.\/)+/, "").split("#")[0]);
      const first = found.indexOf(together), second = found.indexOf(apart);
      if (first < 0 || second < 0 || first > second) failures.push(`${query} → wanted ${together} before ${apart}, got ${found.join(", ")}`);
    }
  });
  assert.deepStrictEqual(failures, [], `${failures.length} of ${TOGETHER.length} pairs misordered:\n${failures.join("\n")}`);
});
