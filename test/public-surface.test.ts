/** lib/index.ts: what notebooks get from "d2l-alexnet" is named, defined, and holds no internals. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as lib from "../lib";
import { libRoot } from "../lib/repo-root";

test("the public surface names its exports; no export * re-exports a whole module", () => {
  const source = readFileSync(path.join(libRoot(), "index.ts"), "utf8");
  assert.doesNotMatch(source, /export \*/);
});

test("internals stay out of the public surface", () => {
  for (const internal of [
    "repoRoot",
    "encodeIdx",
    "CANDIDATES",
    "selectBackend",
    "chromiumPath",
    "sharedFashionMnist",
    "defaultProgress",
  ]) {
    assert.equal(internal in lib, false, `${internal} is exported from lib/index.ts`);
  }
});

test("every value the public surface exports is defined", () => {
  const undefinedExports = Object.entries(lib)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  assert.deepEqual(undefinedExports, []);
});
