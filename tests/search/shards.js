// A built hub's search index read from disk, for tests of the search core under
// Node: the shards as the browser's loader receives them, an index over them that
// records what it fetched, and the addresses a query finds.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const core = require("../../themes/default/static/search-core.js");

// Every shard of a built index, by key, as the browser's loader receives them: each
// file is a script that calls guidepostIndex(key, data).
function readShards(site) {
  const shards = {};
  const register = (key, data) => { shards[key] = data; };
  const dir = path.join(site, "search/index");
  for (const file of fs.readdirSync(dir, { recursive: true })) {
    if (!file.endsWith(".js")) continue;
    vm.runInNewContext(fs.readFileSync(path.join(dir, file), "utf8"), { guidepostIndex: register });
  }
  return shards;
}

// An index over `shards` that records which shards it asked for. Shards are copied,
// as each page load would parse them anew, so no test sees another's changes.
function open(shards, lib) {
  const fetched = [];
  const copy = (data) => JSON.parse(JSON.stringify(data));
  const idx = new (lib || core).Index(copy(shards.manifest), (key) => {
    fetched.push(key);
    return key in shards ? Promise.resolve(copy(shards[key])) : Promise.reject(new Error("no shard " + key));
  });
  idx.fetched = fetched;
  return idx;
}

// The addresses a query finds, in ranked order: page URL, and #anchor for a part.
// A query that ends in a space is finished; without one, its last word may still be
// being typed, so longer words that start with it match too.
async function find(idx, query, filter) {
  const result = await idx.search(query);
  const hits = result.hits.filter(filter || (() => true));
  const data = await Promise.all(hits.map((hit) => idx.bundle(hit.doc)));
  return data.map((d) => d[0] + (d[1] ? "#" + d[1] : ""));
}

module.exports = { readShards, open, find };
