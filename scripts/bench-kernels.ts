import { counted } from "../lib/format";
/**
 * Where a training step's time goes on the native or wasm backend: every kernel one
 * step dispatches, with its shapes and milliseconds (tf.profile), summed
 * over identical calls, median over --steps profiled steps (a shared machine's
 * load spikes hit single steps), sorted by time. Convolutions and matrix
 * products also get their GFLOP/s, and with --peak their share of the peak
 * measured in the same process: on native the cores' fp32 FMA peak (the
 * addon's register-only FMA loop), on wasm a 2048³ matmul (its own ceiling).
 *   tsx scripts/bench-kernels.ts [--backend native|wasm] [--case alexnet224_b32] [--builtin] [--only K1,K2]
 *                                [--top 25] [--steps 3] [--peak]
 * --builtin (wasm) keeps the package's own kernels wherever one exists (lib then adds only Conv2DBackpropFilter).
 */
import { loadAddon, prepareNativeBackend } from "../lib/backend/native";
import { prepareWasmBackend } from "../lib/backend/wasm";
import { tf } from "../lib/tf";
import { BENCH_CASES, benchCase, trainingStep } from "./bench-step";
import { oneOf, parseFlags, positiveInt, runCli } from "./cli/args";

interface Row {
  name: string;
  shapes: string;
  calls: number;
  ms: number;
  flops: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Multiply-adds × 2 of the kernels that are convolutions or matrix products, from their shapes; 0 for others. */
function kernelFlops(name: string, inputs: number[][], outputs: number[][]): number {
  const out = outputs[0];
  switch (name) {
    case "Conv2D":
    case "FusedConv2D": // output elements × (kh · kw · in channels)
      return 2 * product(out) * product(inputs[1].slice(0, 3));
    case "Conv2DBackpropInput": // dy [n, oh, ow, oc], filter [kh, kw, ic, oc]
      return 2 * product(inputs[0]) * product(inputs[1].slice(0, 3));
    case "Conv2DBackpropFilter": // dy [n, oh, ow, oc], output = filter [kh, kw, ic, oc]
      return 2 * product(inputs[1]) * product(out.slice(0, 3));
    case "BatchMatMul":
    case "_FusedMatMul": {
      // The profile does not say which operand was transposed: with |A| = bMK, |B| = bKN, |C| = bMN, K² = |A||B| / (|C| b).
      const batch = product(out.slice(0, -2));
      const k = Math.sqrt((product(inputs[0]) * product(inputs[1])) / (product(out) * batch));
      return 2 * product(out) * k;
    }
    default:
      return 0;
  }
}

function matMulPeak(n = 2048, repeats = 8): number {
  const [a, b] = [tf.randomUniform([n, n]), tf.randomUniform([n, n])];
  let best = Infinity;
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    if (i > 0) best = Math.min(best, (performance.now() - t0) / 1000);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / best / 1e9;
}

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      backend: { type: "string" },
      case: { type: "string" },
      builtin: { type: "boolean", default: false },
      only: { type: "string" },
      top: { type: "string" },
      steps: { type: "string" },
      peak: { type: "boolean", default: false },
    },
  });
  const backend = oneOf("backend", values.backend, ["native", "wasm"] as const, "native");
  const key = oneOf(
    "case",
    values.case,
    BENCH_CASES.map((c) => c.key),
    "alexnet224_b32",
  );
  const top = positiveInt("top", values.top, 25);
  const profiledSteps = positiveInt("steps", values.steps, 3);
  const only = values.builtin ? ["Conv2DBackpropFilter"] : values.only?.split(",");
  const info = backend === "native" ? await prepareNativeBackend() : await prepareWasmBackend({ only });
  // Native: one core's FMA peak times the threads, the ceiling of a kernel that uses them all.
  const peakName = backend === "native" ? `fp32 FMA peak of ${counted(info.threads, "core")}` : "2048³ matmul peak";
  const peak = values.peak
    ? backend === "native"
      ? loadAddon().fmaPeak({ iterations: 20_000_000, threads: 1 }) * info.threads
      : matMulPeak()
    : undefined;
  const step = trainingStep(benchCase(key));
  step.run();
  const steps: Map<string, Row>[] = [];
  const walls: number[] = [];
  for (let i = 0; i < profiledSteps; i++) {
    const started = performance.now();
    const profile = await tf.profile(() => void step.run());
    walls.push(performance.now() - started);
    const rows = new Map<string, Row>();
    // Ops with a custom gradient (fused conv/matMul) are also profiled as a whole, as "<op>__op": skip those to count each kernel once.
    for (const k of profile.kernels.filter((k) => !k.name.endsWith("__op"))) {
      const shapes = `${k.inputShapes.map((s) => `[${s}]`).join(" ")} → ${k.outputShapes.map((s) => `[${s}]`).join(" ")}`;
      const id = `${k.name} ${shapes}`;
      const row = rows.get(id) ?? { name: k.name, shapes, calls: 0, ms: 0, flops: 0 };
      row.calls++;
      row.ms += k.kernelTimeMs as number;
      row.flops += kernelFlops(k.name, k.inputShapes as number[][], k.outputShapes as number[][]);
      rows.set(id, row);
    }
    steps.push(rows);
  }
  step.dispose();
  const rows = [...steps[0]].map(([id, row]) => ({ ...row, ms: median(steps.map((r) => r.get(id)?.ms ?? 0)) }));
  const sorted = rows.sort((a, b) => b.ms - a.ms);
  const total = sorted.reduce((sum, r) => sum + r.ms, 0);
  const rate = (flops: number, ms: number) => (flops > 0 && ms > 0 ? flops / ms / 1e6 : 0);
  const ofPeak = (gflops: number) =>
    peak && gflops > 0 ? ` | ${((100 * gflops) / peak).toFixed(0)}%` : peak ? " | " : "";
  const kernels = backend === "native" ? "oneDNN kernels" : values.builtin ? "built-in kernels" : "lib kernels";
  console.log(
    `${key} on ${backend}, ${counted(info.threads, "thread")}, ${kernels}: ${total.toFixed(0)} ms in kernels, ${median(walls).toFixed(0)} ms wall ` +
      `(median of ${walls.length} profiled steps)${peak ? `; ${peakName} ${peak.toFixed(1)} GFLOP/s` : ""}`,
  );
  console.log(
    `| kernel | shapes | calls | ms | share | GFLOP/s${peak ? " | of peak" : ""} |\n|---|---|---|---|---|---|${peak ? "---|" : ""}`,
  );
  for (const r of sorted.slice(0, top)) {
    const g = rate(r.flops, r.ms);
    console.log(
      `| ${r.name} | ${r.shapes} | ${r.calls} | ${r.ms.toFixed(1)} | ${((100 * r.ms) / total).toFixed(1)}% | ${g ? g.toFixed(0) : ""}${ofPeak(g)} |`,
    );
  }
  const byName = new Map<string, number>();
  for (const r of sorted) byName.set(r.name, (byName.get(r.name) ?? 0) + r.ms);
  console.log(
    "\nby kernel (ms): " +
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
        .join(", "),
  );
  const convs = sorted.filter((r) => r.name.includes("Conv2D"));
  const convMs = convs.reduce((s, r) => s + r.ms, 0);
  const convGflops = rate(
    convs.reduce((s, r) => s + r.flops, 0),
    convMs,
  );
  console.log(
    `convolutions: ${convMs.toFixed(0)} ms, ${convGflops.toFixed(0)} GFLOP/s${peak ? ` (${((100 * convGflops) / peak).toFixed(0)}% of the ${peakName})` : ""}`,
  );
}

runCli(main);
