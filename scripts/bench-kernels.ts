/**
 * Where a training step's time goes on the native or wasm backend: every kernel one
 * step dispatches, with its shapes and milliseconds (tf.profile), summed
 * over identical calls, median over --steps profiled steps (a shared machine's
 * load spikes hit single steps), sorted by time.
 *   tsx scripts/bench-kernels.ts [--backend native|wasm] [--case alexnet224_b32] [--builtin] [--only K1,K2] [--top 25] [--steps 3]
 * --builtin keeps the package's own kernels wherever one exists (lib then adds only Conv2DBackpropFilter).
 */
import { parseArgs } from "node:util";
import { prepareNativeBackend } from "../lib/backend/native";
import { prepareWasmBackend } from "../lib/backend/wasm";
import { tf } from "../lib/tf";
import { benchCase, trainingStep } from "./bench-step";

const { values } = parseArgs({
  options: {
    backend: { type: "string", default: "native" },
    case: { type: "string", default: "alexnet224_b32" },
    builtin: { type: "boolean", default: false },
    only: { type: "string" },
    top: { type: "string", default: "25" },
    steps: { type: "string", default: "3" },
  },
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function main(): Promise<void> {
  const only = values.builtin ? ["Conv2DBackpropFilter"] : values.only?.split(",");
  if (values.backend !== "native" && values.backend !== "wasm") throw new Error(`--backend must be native or wasm, got "${values.backend}"`);
  const info = values.backend === "native" ? await prepareNativeBackend() : await prepareWasmBackend({ only });
  const bench = benchCase(values.case!);
  const step = trainingStep(bench);
  step.run();
  const steps: Map<string, { name: string; shapes: string; calls: number; ms: number }>[] = [];
  const walls: number[] = [];
  for (let i = 0; i < Number(values.steps); i++) {
    const started = performance.now();
    const profile = await tf.profile(() => void step.run());
    walls.push(performance.now() - started);
    const rows = new Map<string, { name: string; shapes: string; calls: number; ms: number }>();
    // Ops with a custom gradient (fused conv/matMul) are also profiled as a whole, as "<op>__op": skip those to count each kernel once.
    for (const k of profile.kernels.filter((k) => !k.name.endsWith("__op"))) {
      const shapes = `${k.inputShapes.map((s) => `[${s}]`).join(" ")} → ${k.outputShapes.map((s) => `[${s}]`).join(" ")}`;
      const key = `${k.name} ${shapes}`;
      const row = rows.get(key) ?? { name: k.name, shapes, calls: 0, ms: 0 };
      row.calls++;
      row.ms += k.kernelTimeMs as number;
      rows.set(key, row);
    }
    steps.push(rows);
  }
  step.dispose();
  const rows = new Map([...steps[0]].map(([key, row]) => [key, { ...row, ms: median(steps.map((r) => r.get(key)?.ms ?? 0)) }]));
  const wallMs = median(walls);

  const sorted = [...rows.values()].sort((a, b) => b.ms - a.ms);
  const total = sorted.reduce((sum, r) => sum + r.ms, 0);
  const kernels = values.backend === "native" ? "oneDNN kernels" : values.builtin ? "built-in kernels" : "lib kernels";
  console.log(`${bench.key} on ${values.backend}, ${info.threads} thread(s), ${kernels}: ${total.toFixed(0)} ms in kernels, ${wallMs.toFixed(0)} ms wall (median of ${walls.length} profiled steps)`);
  console.log("| kernel | shapes | calls | ms | share |\n|---|---|---|---|---|");
  for (const r of sorted.slice(0, Number(values.top))) {
    console.log(`| ${r.name} | ${r.shapes} | ${r.calls} | ${r.ms.toFixed(1)} | ${((100 * r.ms) / total).toFixed(1)}% |`);
  }
  const byName = new Map<string, number>();
  for (const r of sorted) byName.set(r.name, (byName.get(r.name) ?? 0) + r.ms);
  console.log("\nby kernel: " + [...byName].sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(", "));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message.split("\n")[0] : String(error));
  process.exit(1);
});
