// The JavaScript checks `npm run lint` runs (and .ci/run with it): the few rules that
// catch what the tests may not, such as a name that hides another of the same name
// around it (a search loader's argument once hid the map of loaded shards, and every
// keystroke waited for the typing pause).
"use strict";

const globals = require("globals");

const rules = {
  "no-shadow": "error",
  "no-undef": "error",
  "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
  "no-redeclare": "error",
  "no-self-assign": "error",
  "no-self-compare": "error",
  "no-unreachable": "error",
  "no-fallthrough": "error",
  "no-dupe-keys": "error",
  "no-unsafe-finally": "error",
};

module.exports = [
  { ignores: ["node_modules/", "target/", "public/"] },
  {
    // What readers' browsers run: the theme's scripts, which also load under Node
    // for the search tests, and the preview's reload script.
    files: ["themes/**/*.js", "src/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly" },
    },
    rules,
  },
  {
    // Node scripts whose functions handed to page.evaluate() run in the browser.
    files: ["tests/**/*.js", "benches/**/*.js", "eslint.config.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: { ...globals.node, ...globals.browser },
    },
    // A test's own `open` or `find` may take the name of a browser global.
    rules: { ...rules, "no-redeclare": ["error", { builtinGlobals: false }] },
  },
];
