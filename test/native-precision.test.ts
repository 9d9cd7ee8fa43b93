/**
 * D2L_PRECISION: fp32 by default; bf16 rounds the convolutions' inputs to
 * bfloat16 (fp32 accumulation and outputs) on CPUs with avx512_bf16 and is a
 * one-line error elsewhere, or on any backend but native. Switching back
 * gives the fp32 results again, bit for bit.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { BACKEND_ENV, CANDIDATES, selectBackend } from "../lib/backend";
import { prepareNativeBackend } from "../lib/backend/native";
import { BF16_ISAS, loadAddon, PRECISION_ENV, readStatus, requestedPrecision } from "../lib/backend/native/addon";
import { repoRoot } from "../lib/repo-root";
import { tf } from "../lib/tf";

describe("D2L_PRECISION", () => {
  it("defaults to fp32 and takes fp32 or bf16", () => {
    assert.equal(requestedPrecision({}), "fp32");
    assert.equal(requestedPrecision({ [PRECISION_ENV]: " bf16 " }), "bf16");
    assert.throws(
      () => requestedPrecision({ [PRECISION_ENV]: "fp16" }),
      /^EnvError: D2L_PRECISION="fp16" is not one of fp32, bf16; use one of them or unset it$/,
    );
  });

  it("bf16 on a backend other than native stops selection before any backend loads", async () => {
    let loads = 0;
    const counting = CANDIDATES.map((c) => ({
      ...c,
      load: () => {
        loads++;
        return c.load();
      },
    }));
    await assert.rejects(
      selectBackend({ env: { [BACKEND_ENV]: "wasm", [PRECISION_ENV]: "bf16" }, log: () => {}, candidates: counting }),
      /^EnvError: D2L_PRECISION=bf16 works only on the native backend, and D2L_BACKEND=wasm asks for another; unset one of them$/,
    );
    assert.equal(loads, 0);
  });

  it("bf16 tries only the native backend, and says so when it cannot load", async () => {
    const tried: string[] = [];
    const failing = CANDIDATES.map((c) => ({
      ...c,
      load: async (): Promise<never> => {
        tried.push(c.name);
        throw new Error("no addon in this test");
      },
    }));
    await assert.rejects(
      selectBackend({ env: { [PRECISION_ENV]: "bf16" }, log: () => {}, candidates: failing }),
      /^Error: D2L_PRECISION=bf16 needs the native backend: the oneDNN addon cannot be loaded: no addon in this test$/,
    );
    assert.deepEqual(tried, ["native"]);
  });
});

/** A strided and a padded convolution's output and both gradients, concatenated. */
function convResults(): Float32Array {
  return tf.tidy(() => {
    const parts: Float32Array[] = [];
    const cases: [[number, number, number, number], [number, number, number, number], number, "same" | "valid"][] = [
      [[4, 33, 33, 3], [7, 7, 3, 16], 2, "valid"],
      [[8, 12, 12, 32], [3, 3, 32, 48], 1, "same"],
    ];
    for (const [xShape, wShape, stride, pad] of cases) {
      const x = tf.randomNormal(xShape, 0, 1, "float32", 1) as tf.Tensor4D;
      const w = tf.randomNormal(wShape, 0, 0.1, "float32", 2) as tf.Tensor4D;
      const conv = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, stride, pad);
      const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv(a as tf.Tensor4D, b as tf.Tensor4D)));
      const [dx, dw] = tf.grads(loss)([x, w]);
      for (const t of [conv(x, w), dx, dw]) parts.push(t.dataSync() as Float32Array);
    }
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  });
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe("bf16 convolutions", () => {
  let isa = "";
  before(async () => {
    const status = readStatus();
    assert.ok(status?.built, `set-up did not build the native addon: ${status?.reason ?? "no build status"}`);
    isa = loadAddon().info().isa;
  });
  after(() => loadAddon().setPrecision("fp32"));

  it("round the inputs only, and fp32 comes back bit for bit (or bf16 is refused on this CPU)", async (t) => {
    if (!BF16_ISAS.includes(isa)) {
      await assert.rejects(
        prepareNativeBackend({ precision: "bf16" }),
        new RegExp(`^EnvError: D2L_PRECISION=bf16 needs a CPU with avx512_bf16 \\(oneDNN sees ${isa} here`),
      );
      t.diagnostic(`${isa}: no bf16 here, the refusal was checked instead`);
      return;
    }
    const fp32 = await prepareNativeBackend({ precision: "fp32" });
    assert.doesNotMatch(fp32.detail, /bf16 convolutions/);
    await tf.setBackend(fp32.tfjsBackend);
    const full = convResults();
    const bf16 = await prepareNativeBackend({ precision: "bf16" });
    assert.match(bf16.detail, /, bf16 convolutions$/);
    assert.equal(loadAddon().info().precision, "bf16");
    const half = convResults();
    // bf16 keeps 8 significant bits: each rounded input is off by up to 2^-9 relatively.
    const error = relativeError(half, full);
    assert.ok(error > 1e-4 && error < 1e-2, `bf16 against fp32: relative error ${error}`);
    await prepareNativeBackend({ precision: "fp32" });
    assert.deepEqual(convResults(), full, "fp32 after bf16 gives the first fp32 results");
  });
});

describe("scripts/bench-precision.ts", () => {
  const run = (args: string[]) =>
    spawnSync(path.join(repoRoot(), "node_modules", ".bin", "tsx"), ["scripts/bench-precision.ts", ...args], {
      cwd: repoRoot(),
      encoding: "utf8",
      timeout: 300_000,
    });

  it("refuses an unknown model or a seed count below 1 in one line", () => {
    const model = run(["--models", "vgg"]);
    assert.equal(model.status, 2);
    assert.match(model.stderr.trim(), /^--models: "vgg" is not one of alexnet68, lenet \(see --help\)$/);
    assert.match(run(["--seeds", "0"]).stderr.trim(), /^--seeds must be a positive integer, got "0"/);
  });

  it("trains each seed in fp32 and bf16 and reports both (or refuses bf16 on this CPU)", () => {
    const result = run(["--models", "lenet", "--seeds", "2", "--epochs", "1", "--json"]);
    if (!BF16_ISAS.includes(loadAddon().info().isa)) {
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /D2L_PRECISION=bf16 needs a CPU with avx512_bf16/);
      return;
    }
    assert.equal(result.status, 0, result.stderr.slice(-2000));
    const report = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
    assert.deepEqual(Object.keys(report.runs), ["lenet fp32", "lenet bf16"]);
    for (const runs of Object.values(report.runs) as { test: number[] }[]) assert.equal(runs.test.length, 2);
    assert.equal(typeof report.bf16_vs_fp32.lenet.speed_ratio, "number");
    assert.match(result.stdout, /^lenet: bf16 − fp32 on the last 3 epochs [+−-]\d+\.\d pt \((un)?resolved\)/m);
  });
});
