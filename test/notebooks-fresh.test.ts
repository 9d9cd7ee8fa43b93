import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { importedSources, notebookCode, notebookSourceHash } from "../lib/source-hash";
import { currentSourceHash, exerciseFolderOf, staleNotebooks, staleOutputs } from "../scripts/notebook/freshness";
import type { Notebook } from "../scripts/notebook/notebook-json";
import { NOTEBOOKS_DIR, selectNotebooks } from "../scripts/notebook/paths";
import { readNotebook } from "../scripts/notebook/read-notebook";

function withFirstOutput(text: string, code = ""): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "code", source: code, metadata: {}, outputs: [{ output_type: "stream", name: "stdout", text }] },
    ],
  };
}

const FILE = "notebooks/4-more-epochs.ipynb";

test("every committed notebook's outputs come from the library source it imports now", () => {
  const stale = selectNotebooks([])
    .map((file) => staleOutputs(file, readNotebook(file)))
    .filter((line) => line !== undefined);
  assert.deepEqual(stale, []);
});

test("a notebook run on an older library is named, with the command that refreshes it", () => {
  const old = withFirstOutput("preset: cpu\nlibrary source: 0123456789ab (4-more-epochs.ipynb's imports: 30 files)\n");
  const message = staleOutputs(FILE, old, () => "ba9876543210");
  assert.match(
    message ?? "",
    /4-more-epochs\.ipynb: outputs come from library source 0123456789ab, lib is now ba9876543210/,
  );
  assert.match(message ?? "", /npm run notebooks -- 4/);
  assert.match(message ?? "", /npm run markdown/);
});

test("the same hash is fresh; a missing line or another notebook's hash line is stale", () => {
  const code = 'import { logitScaleAtInit } from "d2l-alexnet/ex4";';
  const hash = notebookSourceHash(code).hash;
  const line = (notebook: string) => `library source: ${hash} (${notebook}'s imports: 9 files)\n`;
  assert.equal(staleOutputs(FILE, withFirstOutput(line("4-more-epochs.ipynb"), code)), undefined);
  assert.match(staleOutputs(FILE, withFirstOutput("preset: cpu\n", code)) ?? "", /no "library source:" line/);
  assert.match(
    staleOutputs(FILE, withFirstOutput(line("5-simplify-alexnet.ipynb"), code)) ?? "",
    /passes exercise "ex5-simplify-alexnet", not "ex4-more-epochs"/,
  );
});

test("--stale picks the notebooks whose hash differs, and none when all are current", () => {
  const code = 'import { logitScaleAtInit } from "d2l-alexnet/ex4";';
  const line = (hash: string) => `library source: ${hash} (4-more-epochs.ipynb's imports: 9 files)\n`;
  const fresh = withFirstOutput(line(notebookSourceHash(code).hash), code);
  const old = withFirstOutput(line("0123456789ab"), code);
  assert.deepEqual(
    staleNotebooks([FILE], () => fresh),
    [],
  );
  assert.deepEqual(
    staleNotebooks([FILE], () => old).map(({ file }) => file),
    [FILE],
  );
});

test("a notebook's hash covers its imports' closure: its exercise folder, not the others, nor lib/index.ts", () => {
  assert.equal(exerciseFolderOf("/x/notebooks/8-overfit-and-break.ipynb"), "ex8-overfit-and-break");
  const notebook = readNotebook(path.join(NOTEBOOKS_DIR, "4-more-epochs.ipynb"));
  const files = importedSources(notebookCode(notebook));
  assert.ok(files.includes("exercises/ex4-more-epochs/logit-scale.ts"), files.join(", "));
  assert.ok(files.includes("versions.ts"), "lib/index.ts's version check runs at import");
  assert.ok(!files.includes("index.ts"));
  assert.deepEqual(
    files.filter((f) => f.startsWith("exercises/") && !f.startsWith("exercises/ex4-")),
    [],
  );
  assert.match(currentSourceHash(notebook), /^[0-9a-f]{12}$/);
});

// A small lib tree: index.ts re-exports, a barrel, a type-only import, one exercise entry point.
const FAKE_LIB: Record<string, string> = {
  "index.ts": [
    'import { check } from "./versions";',
    "check();",
    'export { a } from "./a";',
    'export { b, type B } from "./b";',
    'export { c } from "./barrel";',
  ].join("\n"),
  "versions.ts": "export function check() {}",
  "a.ts": 'import { shared } from "./shared";\nexport const a = shared;',
  "shared.ts": "export const shared = 1;",
  "b.ts": 'import type { T } from "./types";\nexport type B = T;\nexport const b = 2;',
  "types.ts": "export type T = number;",
  "barrel/index.ts": 'export { c } from "./c";\nexport { other } from "./other";',
  "barrel/c.ts": "export const c = 3;",
  "barrel/other.ts": "export const other = 4;",
  "exercises/ex9-fake/index.ts": 'export { nine } from "./nine";',
  "exercises/ex9-fake/nine.ts": 'import { shared } from "../../shared";\nexport const nine = shared;',
};

const fakeRoots: string[] = [];
after(() => {
  for (const root of fakeRoots) rmSync(root, { recursive: true, force: true });
});

function fakeLib(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "fake-lib-"));
  fakeRoots.push(root);
  for (const [file, text] of Object.entries(FAKE_LIB)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function append(root: string, file: string, text: string): void {
  writeFileSync(path.join(root, file), `${readFileSync(path.join(root, file), "utf8")}\n${text}`);
}

test("each imported name leads to the module defining it, through re-exports, then to its imports", () => {
  const root = fakeLib();
  assert.deepEqual(importedSources('import { a } from "d2l-alexnet";', root), ["a.ts", "shared.ts", "versions.ts"]);
  assert.deepEqual(importedSources('import { b, c, type B } from "d2l-alexnet";', root), [
    "b.ts",
    "barrel/c.ts",
    "types.ts",
    "versions.ts",
  ]);
  assert.deepEqual(importedSources('import { nine } from "d2l-alexnet/ex9";', root), [
    "exercises/ex9-fake/nine.ts",
    "shared.ts",
  ]);
  assert.ok(importedSources('import * as lib from "d2l-alexnet";', root).includes("barrel/other.ts"));
  assert.deepEqual(importedSources('import * as tslab from "tslab";', root), []);
});

test("an edit outside a notebook's closure leaves its hash; one inside changes it", () => {
  const root = fakeLib();
  const code = 'import { a } from "d2l-alexnet";\nimport { nine } from "d2l-alexnet/ex9";';
  const before = notebookSourceHash(code, root).hash;
  append(root, "barrel/other.ts", "export const more = 5;");
  append(root, "index.ts", 'export { more } from "./barrel/other";');
  assert.equal(notebookSourceHash(code, root).hash, before);
  append(root, "shared.ts", "export const changed = true;");
  assert.notEqual(notebookSourceHash(code, root).hash, before);
});

test("an import the library cannot serve is one line naming the name or the entry point", () => {
  const root = fakeLib();
  assert.throws(() => importedSources('import { zzz } from "d2l-alexnet";', root), /"d2l-alexnet" exports no "zzz"/);
  assert.throws(
    () => importedSources('import { x } from "d2l-alexnet/ex7";', root),
    /no entry point for "d2l-alexnet\/ex7"/,
  );
});
