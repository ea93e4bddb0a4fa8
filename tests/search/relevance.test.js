// Relevance set: queries a mentor, mentee or staff member would type over this
// repository's hub, each with the page that must be among the first three results.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const h = require("./helpers.js");

const QUERIES = [
  ["how do I say goodbye to my mentee", "closure/saying-thank-you-and-goodbye/"],
  ["last meeting agenda", "templates/last-meeting-agenda/"],
  ["agenda", "templates/last-meeting-agenda/"],
  ["what to bring to the first meeting", "getting-started/your-first-meeting/"],
  ["ground rules", "getting-started/setting-ground-rules-and-goals/"],
  ["phases of mentoring", "getting-started/the-phases-of-a-mentorship/"],
  ["how long should mentoring last", "closure/how-long-should-a-mentorship-last/"],
  ["stay in touch after the program", "closure/staying-connected-after-the-program/"],
  ["thank you note", "templates/thank-you-note-to-mentor/"],
  ["reflection worksheet", "templates/reflection-worksheet/"],
  ["mentee keeps canceling", "faq/program-faq/#what-if-my-mentor-or-mentee-keeps-canceling"],
  ["report a concern", "safety/reporting-a-concern/"],
  ["boundaries", "safety/healthy-boundaries/"],
  ["confidentiality", "trust/keeping-promises-and-confidentiality/"],
  ["mentee asked me to keep a secret", "faq/trust-faq/#what-should-i-do-if-my-mentee-asks-me-to-keep-a-secret"],
  ["feeling stuck", "growth/when-you-feel-stuck/"],
  ["giving feedback", "growth/giving-feedback-along-the-way/"],
  ["check in on our goals", "growth/checking-in-on-your-goals/"],
  ["ending early", "closure/ending-early/ending-early-with-care/"],
  ["relationship is not working", "closure/ending-early/when-it-is-not-working/"],
  ["try a reset", "closure/ending-early/trying-a-reset-first/"],
  ["closure reasons to record", "staff/closing-a-match/"],
  ["staff checklist", "templates/staff-closure-checklist/"],
  ["which follow up template to send", "staff/following-up-after-closure/"],
  ["new match for a mentee", "staff/helping-a-mentee-start-again/"],
  ["fixed term program ending", "staff/formal-endings-in-fixed-term-programs/"],
  ["how to listen", "trust/listen-first/"],
  ["what makes mentees trust", "trust/what-makes-mentees-trust-mentors/"],
  ["sharing my own mistakes", "trust/being-open/"],
  ["broken promise", "trust/when-trust-is-shaken/"],
  ["unfinished work", "closure/wrapping-up-unfinished-work/"],
  ["feedback at the end", "closure/feedback-at-the-end/"],
  ["why endings matter", "closure/why-a-good-ending-matters/"],
  ["ghosting", "closure/moving-on-well/#dont-ghost"],
  ["goodbye message", "templates/goodbye-message-to-mentee/"],
  ["who is my coordinator", "faq/program-faq/#who-is-my-program-coordinator"],
  ["how often should we meet", "faq/program-faq/#how-often-should-we-meet"],
  ["reschedule", "faq/program-faq/#what-if-i-need-to-reschedule-a-meeting"],
  ["closure conversation", "closure/the-closure-conversation/"],
  ["tips for a lasting relationship", "trust/tips-for-a-lasting-relationship/"],
  ["coaching pairs", "staff/coaching-pairs-toward-closure/"],
  ["confidentality", "trust/keeping-promises-and-confidentiality/"],
];

test("every relevance query finds its page in the top three", async () => {
  const failures = [];
  await h.onSearchPage(h.REPO, async (page) => {
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
