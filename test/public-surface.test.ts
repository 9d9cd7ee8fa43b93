/** lib/index.ts: what notebooks get from "d2l-alexnet" is named, defined, and holds no internals. */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
// The sources, not lib/dist (what "../lib" resolves to through lib/package.json), which is only as fresh as the last build.
import * as lib from "../lib/index";
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

test("seeds and verdicts: the comparison helpers are on the surface, the prose helpers they replaced are not", () => {
  for (const name of [
    "trainSeeds",
    "endpoints",
    "endpointsTable",
    "resolvedApart",
    "resolvedAbove",
    "resolvedBelow",
    "unresolved",
    "difference",
    "riseOverLast",
    "trendOf",
    "expectClaims",
    "checkClaims",
    "evaluate",
    "COMMITTED_PRESET",
  ]) {
    assert.equal(name in lib, true, `${name} is missing from lib/index.ts`);
  }
  for (const removed of ["acrossSeeds", "compareAcrossSeeds", "separated", "percentSpread", "spreadVersus"]) {
    assert.equal(removed in lib, false, `${removed} was removed and is exported again`);
  }
});

test("exercises 4–8 are not on the main surface: their helpers come from d2l-alexnet/exN", () => {
  for (const name of [
    // ex4
    "logitScaleAtInit",
    "moreEpochsAnswer",
    "moreEpochsFindings",
    "moreEpochsTable",
    // ex5
    "accuracyOverTime",
    "meanCurve",
    "meanCurveFigure",
    "inputSizeNote",
    "smallestInput",
    "compareToBaseline",
    "variantTable",
    "pickSimplified",
    "variantBudget",
    "plateauSentence",
    "simplificationFindings",
    "designFindings",
    "simplifyAnswer",
    // ex6
    "batchSizeSweep",
    "seededBatchSweep",
    "batchPointTable",
    "batchMemoryTable",
    "sweepBudget",
    "throughputFindings",
    "accuracyFindings",
    "memoryFindings",
    "d2lTrainingMemory",
    "d2lMemoryFindings",
    "batchSizeAnswer",
    // ex7
    "seedBudget",
    "architectureFindings",
    "augmentationFindings",
    "dropoutAugmentationAnswer",
    // ex8
    "overfitFindings",
    "breakingFindings",
    "overfitAndBreakAnswer",
    "trainValGapFigure",
  ]) {
    assert.equal(name in lib, false, `${name} is exported from lib/index.ts`);
  }
  // The spec variants the exercises use moved to the models and stay on the main surface.
  assert.equal(typeof lib.withDropout, "function");
  assert.equal(typeof lib.withoutActivations, "function");
});

test("every d2l-alexnet/exN entry point of lib/package.json has its source index", () => {
  const manifest = JSON.parse(readFileSync(path.join(libRoot(), "package.json"), "utf8")) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  const entries = Object.entries(manifest.exports).filter(([subpath]) => /^\.\/ex\d+$/.test(subpath));
  assert.ok(entries.length > 0, "no exercise entry points");
  for (const [subpath, target] of entries) {
    assert.ok(typeof target === "object", `${subpath} names no types and default`);
    const source = target.default.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts");
    assert.ok(
      existsSync(path.join(libRoot(), source)),
      `${subpath} points to ${target.default}, but lib/${source} does not exist`,
    );
  }
});

test("each exercise is its own entry point, d2l-alexnet/exN, mapped for Node and for tslab's TypeScript", () => {
  const lib = path.join(__dirname, "..", "lib");
  const pkg = JSON.parse(readFileSync(path.join(lib, "package.json"), "utf8")) as {
    exports: Record<string, string | { types: string; default: string }>;
    typesVersions: { "*": Record<string, string[]> };
  };
  const folders = readdirSync(path.join(lib, "exercises")).filter((f) => /^ex\d-/.test(f));
  assert.equal(folders.length, 7, "exercise 8 needs no library folder");
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
