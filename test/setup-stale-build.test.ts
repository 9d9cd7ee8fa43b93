import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { libBuildIsCurrent, markLibBuilt, pruneStaleOutputs } from "../scripts/setup/stale-build";

test("pruneStaleOutputs removes compiled files whose source is gone, keeps the rest", (t) => {
  const root = mkdtempSync(path.join(os.tmpdir(), "stale-build-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const src = path.join(root, "lib");
  const dist = path.join(src, "dist");
  const write = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "");
  };
  write(path.join(src, "kept.ts"));
  write(path.join(src, "hash", "index.ts"));
  for (const ext of [".js", ".d.ts", ".js.map"]) {
    write(path.join(dist, `kept${ext}`));
    write(path.join(dist, `hash${ext}`)); // the old file that became a folder
    write(path.join(dist, "hash", `index${ext}`));
    write(path.join(dist, "gone", `old${ext}`));
  }
  const removed = pruneStaleOutputs(dist, src).sort();
  assert.deepEqual(removed, ["gone/old.d.ts", "gone/old.js", "gone/old.js.map", "hash.d.ts", "hash.js", "hash.js.map"]);
  assert.ok(existsSync(path.join(dist, "kept.js")));
  assert.ok(existsSync(path.join(dist, "hash", "index.js")));
  assert.ok(!existsSync(path.join(dist, "gone")), "an emptied folder goes too");
  assert.deepEqual(pruneStaleOutputs(path.join(root, "missing"), src), []);
});

test("libBuildIsCurrent: false before a build, true after, false again once a source changes", (t) => {
  const lib = mkdtempSync(path.join(os.tmpdir(), "stale-stamp-"));
  t.after(() => rmSync(lib, { recursive: true, force: true }));
  mkdirSync(path.join(lib, "dist"));
  const source = path.join(lib, "index.ts");
  writeFileSync(source, "export {};\n");
  const past = new Date(Date.now() - 60_000);
  utimesSync(source, past, past);
  assert.equal(libBuildIsCurrent(lib), false, "no stamp yet");
  markLibBuilt(lib);
  assert.equal(libBuildIsCurrent(lib), true);
  const future = new Date(Date.now() + 60_000);
  utimesSync(source, future, future);
  assert.equal(libBuildIsCurrent(lib), false, "a source newer than the stamp");
});
