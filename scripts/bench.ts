/**
 * npm run bench [-- --json] [--torch] [--cases a,b] [--backends wasm,cpu] [--seconds 15]
 * Median training images/s (SGD, random data, after one warm-up step) of
 * d2l's LeNet@28 b256, AlexNet@224 b32 and the cpu preset's AlexNet@96 b64,
 * on the wasm backend and (LeNet only, time-capped) the cpu backend; with
 * --torch, PyTorch CPU in the same run for the ratio. Progress goes to stderr;
 * with --json the last stdout line is one JSON object.
 * Threads: D2L_WASM_THREADS (wasm, default 1). PyTorch runs with each of
 * --torch-threads (default 1,2) and the faster counts: with two threads its
 * OpenMP spin-waits collapse when another process shares the cores (LeNet
 * 8,000 → 900 img/s), so OMP_WAIT_POLICY defaults to PASSIVE, and one thread
 * can still win on a busy machine.
 * --peak adds the fp32 GFLOP/s of a 2048³ matmul (wasm: XNNPACK with its packed
 * weights reused; PyTorch: sgemm), the practical peak each can reach here.
 */
import { parseArgs } from "node:util";
import { prepareWasmBackend } from "../lib/backend/wasm";
import { countCosts } from "../lib/cost";
import { tf } from "../lib/tf";
import { BENCH_CASES, benchCase, trainingStep, type BenchCase } from "./bench-step";
import { runTorchBench, type TorchResult } from "./bench-torch";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    torch: { type: "boolean", default: false },
    "torch-threads": { type: "string", default: "1,2" },
    cases: { type: "string", default: BENCH_CASES.map((c) => c.key).join(",") },
    backends: { type: "string", default: "wasm,cpu" },
    seconds: { type: "string", default: "15" },
    steps: { type: "string", default: "3" },
    peak: { type: "boolean", default: false },
  },
});

/** The pure-JS cpu backend is ~100× slower than wasm: it runs only these, one timed step after a small warm-up. */
const CPU_CASES = ["lenet28_b256"];
const CPU_WARM_UP_BATCH = 16;

const progress = (line: string) => process.stderr.write(`${line}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Timed steps after one warm-up step: at least `minSteps`, more while under `seconds` (at most 50).
 * `warmUpBatch` warms up on a smaller batch (the cpu backend's full LeNet step takes ~30 s).
 */
function imagesPerSecond(bench: BenchCase, backend: string, minSteps: number, seconds: number, warmUpBatch = bench.batch): number {
  const step = trainingStep(bench);
  try {
    const warmStart = performance.now();
    if (warmUpBatch === bench.batch) step.run();
    else {
      const small = trainingStep({ ...bench, batch: warmUpBatch });
      small.run();
      small.dispose();
    }
    progress(`  ${backend} ${bench.key}: warm-up step (batch ${warmUpBatch}) ${((performance.now() - warmStart) / 1000).toFixed(2)} s`);
    const times: number[] = [];
    const started = performance.now();
    while (times.length < minSteps || (performance.now() - started < seconds * 1000 && times.length < 50)) {
      const t0 = performance.now();
      step.run();
      times.push((performance.now() - t0) / 1000);
    }
    const rate = bench.batch / median(times);
    progress(`  ${backend} ${bench.key}: ${rate.toFixed(1)} img/s (median of ${times.length} steps of ${bench.batch})`);
    return rate;
  } finally {
    step.dispose();
  }
}

/** Matmul FLOPs of one training image: forward plus the backward products (no input gradient for the first layer). */
function trainingFlopsPerImage(bench: BenchCase): number {
  const report = countCosts(bench.spec);
  return report.flops + report.backwardFlops;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** GFLOP/s of C = A·B, n×n, the same B every time (XNNPACK keeps it packed): the backend's best case. */
function matMulPeak(n = 2048, repeats = 8): number {
  const [a, b] = [tf.randomUniform([n, n]), tf.randomUniform([n, n])];
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    if (i > 0) times.push((performance.now() - t0) / 1000);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / Math.min(...times) / 1e9;
}

/** PyTorch on one case (or only the sgemm peak) with `threads`, run right after ours so both see the same machine load. */
function torchRun(cases: BenchCase[], threads: string, seconds: number, peak: boolean): Promise<TorchResult> {
  const args = ["--threads", threads, "--cases", cases.map((c) => c.key).join(","), "--seconds", String(seconds)];
  return runTorchBench(peak ? [...args, "--peak"] : args, (line) => progress(`  ${line} (${threads} thread${threads === "1" ? "" : "s"})`));
}

async function main(): Promise<void> {
  const cases = values.cases!.split(",").map(benchCase);
  const backends = values.backends!.split(",");
  const seconds = Number(values.seconds);
  const minSteps = Number(values.steps);
  const result: Record<string, unknown> = {};
  const gflops: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const torchThreads = values["torch-threads"]!.split(",");
  const torch: Record<string, TorchResult> = Object.fromEntries(torchThreads.map((t) => [t, {}]));
  const torchBest: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  const useWasm = backends.includes("wasm");
  const useCpu = backends.includes("cpu");
  if (useCpu) require("@tensorflow/tfjs-backend-cpu");

  if (useWasm) {
    const info = await prepareWasmBackend();
    Object.assign(result, { backend: "wasm", threads: info.threads });
    progress(`wasm backend, ${info.threads} thread(s)${values.torch ? `; PyTorch CPU with ${torchThreads.join(" and ")} thread(s) after each case` : ""}`);
    if (values.peak) {
      result.matmul_gflops = round(matMulPeak());
      progress(`  wasm matmul 2048³: ${result.matmul_gflops} GFLOP/s`);
      if (values.torch) for (const t of torchThreads) Object.assign(torch[t], await torchRun([], t, seconds, true));
    }
  } else result.backend = "cpu";

  // Case by case, each backend in turn: on a shared machine the load drifts, and a ratio is only fair between neighbours.
  for (const bench of cases) {
    if (useWasm) {
      await tf.setBackend("wasm");
      result[bench.key] = round(imagesPerSecond(bench, "wasm", minSteps, seconds));
      gflops[bench.key] = round(((result[bench.key] as number) * trainingFlopsPerImage(bench)) / 1e9);
    }
    if (useCpu && CPU_CASES.includes(bench.key)) {
      await tf.setBackend("cpu");
      cpu[bench.key] = round(imagesPerSecond(bench, "cpu", 1, 0, CPU_WARM_UP_BATCH), 2);
    }
    if (values.torch) {
      for (const t of torchThreads) Object.assign(torch[t], await torchRun([bench], t, seconds, false));
      torchBest[bench.key] = Math.max(...torchThreads.map((t) => Number(torch[t][bench.key]) || 0));
      const ours = result[bench.key];
      if (typeof ours === "number" && torchBest[bench.key] > 0) ratio[bench.key] = round(ours / torchBest[bench.key], 3);
    }
  }
  if (useWasm) result.gflops = gflops;
  if (useCpu) result.cpu = cpu;
  if (values.torch) Object.assign(result, { torch: { ...torch, best: torchBest }, vs_torch: ratio });
  if (values.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
