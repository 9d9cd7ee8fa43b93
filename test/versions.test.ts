/** lib/versions.ts: the start-up check for the packages whose private APIs the project uses. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkHookVersion, checkTfjsVersions, HOOKED_VERSIONS, versionOfModuleFile } from "../lib/versions";

test("the installed tfjs is the version the wasm hooks were written for", () => {
  assert.doesNotThrow(() => checkTfjsVersions());
});

test("another tfjs version stops the library with both versions named", () => {
  const versions: Record<string, string> = {
    "@tensorflow/tfjs-core": "4.22.0",
    "@tensorflow/tfjs-backend-wasm": "4.23.1",
  };
  assert.throws(
    () => checkTfjsVersions((pkg) => versions[pkg]),
    /^HookVersionError: @tensorflow\/tfjs-backend-wasm 4\.23\.1 is loaded \(resolved from lib\), but .*patches the pthread worker script by string match, written for @tensorflow\/tfjs-backend-wasm 4\.22\.0/,
  );
  assert.throws(() => checkHookVersion("tslab", undefined, ""), /tslab \(version unknown\) is loaded, but/);
  assert.doesNotThrow(() => checkHookVersion("tslab", HOOKED_VERSIONS.tslab, ""));
});

test("a module file's package version is read from the package's own package.json", (t) => {
  const root = mkdtempSync(path.join(tmpdir(), "d2l-versions-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, "node_modules", "tslab");
  mkdirSync(path.join(dir, "dist"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "9.9.9" }));
  assert.equal(versionOfModuleFile(path.join(dir, "dist", "jupyter.js"), "tslab"), "9.9.9");
  assert.equal(versionOfModuleFile(path.join(root, "elsewhere", "jupyter.js"), "tslab"), undefined);
});
