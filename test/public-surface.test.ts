/** lib/index.ts: what notebooks get from "d2l-alexnet" is named, defined, and holds no internals. */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as lib from "../lib";

test("the public surface names its exports; no export * re-exports a whole module", () => {
  const source = readFileSync(path.join(__dirname, "..", "lib", "index.ts"), "utf8");
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

test("each exercise is its own entry point, d2l-alexnet/exN, mapped for Node and for tslab's TypeScript", () => {
  const lib = path.join(__dirname, "..", "lib");
  const pkg = JSON.parse(readFileSync(path.join(lib, "package.json"), "utf8")) as {
    exports: Record<string, string | { types: string; default: string }>;
    typesVersions: { "*": Record<string, string[]> };
  };
  const folders = readdirSync(path.join(lib, "exercises")).filter((f) => /^ex\d-/.test(f));
  assert.equal(folders.length, 8);
  for (const folder of folders) {
    const key = folder.split("-")[0];
    const entry = pkg.exports[`./${key}`];
    assert.deepEqual(entry, {
      types: `./dist/exercises/${folder}/index.d.ts`,
      default: `./dist/exercises/${folder}/index.js`,
    });
    assert.deepEqual(pkg.typesVersions["*"][key], [`dist/exercises/${folder}/index.d.ts`]);
    assert.ok(existsSync(path.join(lib, "exercises", folder, "index.ts")), `${folder} has an index.ts`);
  }
  assert.equal(pkg.exports["./package.json"], "./package.json", "the native addon resolves d2l-alexnet/package.json");
});

test("exercises 1-3 are not on the main surface", () => {
  for (const name of ["partsTable", "handCount", "chipStudy", "energyTable", "comparisonTable", "versusTable"]) {
    assert.equal(name in lib, false, `${name} is exported from lib/index.ts`);
  }
});
