import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { BACKEND_ENV, CANDIDATES, forcedBackend, selectBackend } from "../lib/backend";
import { prepareNativeBackend } from "../lib/backend/native";
import { readStatus } from "../lib/backend/native/addon";
import { EnvError } from "../lib/env";
import { buildNativeAddon } from "../scripts/setup/native-addon";

function fake(name: "node-gpu" | "node" | "native" | "wasm" | "cpu", outcome: "ok" | Error) {
  return {
    name,
    package: `pkg-${name}`,
    load: async () => {
      if (outcome instanceof Error) throw outcome;
      return { tfjsBackend: "cpu" };
    },
  };
}

describe("backend selection", () => {
  test("falls through to the first backend that loads; says why only where the user can act", async () => {
    const lines: string[] = [];
    const info = await selectBackend({
      env: {},
      log: (l) => lines.push(l),
      candidates: [
        fake("node-gpu", new Error("libcudart.so.11.0: cannot open shared object file\nstack...")),
        fake("node", new Error("Cannot find module 'pkg-node'")),
        fake("native", new Error("not built: no C++ compiler")),
        fake("wasm", "ok"),
        fake("cpu", "ok"),
      ],
    });
    assert.equal(info.name, "wasm");
    assert.deepEqual(info.skipped, [
      "node-gpu backend skipped (pkg-node-gpu): libcudart.so.11.0: cannot open shared object file",
      "node backend skipped (pkg-node): not installed",
      "native backend skipped (pkg-native): not built: no C++ compiler",
    ]);
    assert.deepEqual(lines, [
      "node-gpu backend skipped (pkg-node-gpu): libcudart.so.11.0: cannot open shared object file",
      "native backend skipped (pkg-native): not built: no C++ compiler",
      "tfjs backend: wasm (pkg-wasm unknown)",
    ]);
  });

  test("D2L_BACKEND forces one backend and an unloadable one is an error saying why", async () => {
    await assert.rejects(
      selectBackend({
        env: { [BACKEND_ENV]: "node" },
        log: () => {},
        candidates: [fake("node", new Error("boom")), fake("cpu", "ok")],
      }),
      /D2L_BACKEND=node: pkg-node cannot be loaded: boom/,
    );
    const info = await selectBackend({
      env: { [BACKEND_ENV]: "cpu" },
      log: () => {},
      candidates: [fake("wasm", "ok"), fake("cpu", "ok")],
    });
    assert.equal(info.name, "cpu");
  });

  test("a bad setting stops selection instead of falling through to a slower backend", async () => {
    await assert.rejects(
      selectBackend({
        env: {},
        log: () => {},
        candidates: [fake("native", new EnvError('D2L_NATIVE_THREADS="abc" must be an integer')), fake("wasm", "ok")],
      }),
      /D2L_NATIVE_THREADS="abc" must be an integer/,
    );
  });

  test("an unknown backend name is rejected with the valid ones", () => {
    assert.throws(
      () => forcedBackend({ [BACKEND_ENV]: "gpu" }),
      /D2L_BACKEND="gpu" is not one of node-gpu, node, native, wasm, cpu/,
    );
    assert.equal(forcedBackend({}), undefined);
  });

  test("where set-up cannot compile the addon, it says why in one line and selection falls back to wasm", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "d2l-native-"));
    try {
      const lines: string[] = [];
      const status = await buildNativeAddon({ env: { CXX: "/nonexistent/g++" }, dir, log: (l) => lines.push(l) });
      assert.equal(status.built, false);
      assert.deepEqual(lines, [
        "setup: native backend unavailable (no C++ compiler: `/nonexistent/g++ --version` failed (apt-get install g++, or set CXX)); the wasm backend will be used",
      ]);
      const native = CANDIDATES.find((c) => c.name === "native")!;
      const wasm = CANDIDATES.find((c) => c.name === "wasm")!;
      const info = await selectBackend({
        env: {},
        log: () => {},
        candidates: [{ ...native, load: () => prepareNativeBackend({ dir }) }, wasm],
      });
      assert.equal(info.name, "wasm");
      assert.match(info.skipped[0], /^native backend skipped .*: not built: no C\+\+ compiler/);
      const off = await buildNativeAddon({ env: { D2L_NATIVE_BUILD: "off" }, dir, log: () => {} });
      assert.deepEqual(off, { built: false, reason: "D2L_NATIVE_BUILD=off" });
      await assert.rejects(
        buildNativeAddon({ env: { D2L_NATIVE_BUILD: "maybe" }, dir, log: () => {} }),
        /D2L_NATIVE_BUILD="maybe" is not one of on, off/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the real default on this machine is native when set-up built it, else wasm", async () => {
    const info = await selectBackend({ env: {}, log: () => {} });
    assert.equal(info.name, readStatus()?.built ? "native" : "wasm");
    if (info.name === "native") assert.match(info.detail ?? "", /^oneDNN \d+\.\d+\.\d+, \w+$/);
  });
});
