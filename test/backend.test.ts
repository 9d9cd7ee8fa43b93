import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BACKEND_ENV, forcedBackend, selectBackend } from "../lib/backend";

function fake(name: "node-gpu" | "node" | "wasm" | "cpu", outcome: "ok" | Error) {
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
  test("falls through the native backends to the first that loads, one line each", async () => {
    const lines: string[] = [];
    const info = await selectBackend({
      env: {},
      log: (l) => lines.push(l),
      candidates: [
        fake("node-gpu", new Error("libcudart.so.11.0: cannot open shared object file\nstack...")),
        fake("node", new Error("Cannot find module 'pkg-node'")),
        fake("wasm", "ok"),
        fake("cpu", "ok"),
      ],
    });
    assert.equal(info.name, "wasm");
    assert.deepEqual(info.skipped, [
      "node-gpu backend skipped (pkg-node-gpu): libcudart.so.11.0: cannot open shared object file",
      "node backend skipped (pkg-node): not installed",
    ]);
    assert.equal(lines.at(-1), "tfjs backend: wasm (pkg-wasm unknown)");
  });

  test("D2L_BACKEND forces one backend and an unloadable one is an error saying why", async () => {
    await assert.rejects(
      selectBackend({ env: { [BACKEND_ENV]: "node" }, log: () => {}, candidates: [fake("node", new Error("boom")), fake("cpu", "ok")] }),
      /D2L_BACKEND=node: pkg-node cannot be loaded: boom/,
    );
    const info = await selectBackend({ env: { [BACKEND_ENV]: "cpu" }, log: () => {}, candidates: [fake("wasm", "ok"), fake("cpu", "ok")] });
    assert.equal(info.name, "cpu");
  });

  test("an unknown backend name is rejected with the valid ones", () => {
    assert.throws(() => forcedBackend({ [BACKEND_ENV]: "gpu" }), /D2L_BACKEND="gpu" is not a backend; use one of node-gpu, node, wasm, cpu/);
    assert.equal(forcedBackend({}), undefined);
  });

  test("the real default on this machine loads wasm or better", async () => {
    const info = await selectBackend({ env: {}, log: () => {} });
    assert.ok(["node-gpu", "node", "wasm"].includes(info.name), info.name);
  });
});
