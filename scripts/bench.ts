/**
 * npm run bench [-- --json] [--torch] [--peak] [--cases a,b] [--backends native,wasm] [--seconds 15] [--steps 3]
 * Median training images/s (SGD, random data, after one warm-up step) of
 * d2l's LeNet@28 b256, AlexNet@224 b32 and AlexNet@96 b64 on each backend,
 * each measured in a process of its own (scripts/bench-backend.ts); with
 * --torch, PyTorch CPU right after each case, for the ratio. Progress goes
 * to stderr; with --json the last stdout line is one JSON object whose
 * `backend` is the default one and whose case keys, `gflops` and `vs_torch`
 * are that backend's.
 * Threads: D2L_NATIVE_THREADS / D2L_WASM_THREADS (default 1 each). PyTorch runs
 * with each of --torch-threads (default 1,2) and the faster counts, with
 * OMP_WAIT_POLICY=PASSIVE (its spin-waits collapse when another process
 * shares the cores).
 * --peak adds the fp32 GFLOP/s of a 2048³ matmul on each backend, PyTorch's sgemm, and
 * (native) the core's fp32 FMA peak (fma_gflops), against which convolutions are judged.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { BACKEND_NAMES, type BackendName } from "../lib/backend";
import { readStatus } from "../lib/backend/native/addon";
import { countCosts } from "../lib/cost";
import { BENCH_CASES, type BenchCase } from "./bench-step";
import { runTorchBench, type TorchResult } from "./bench-torch";
import { parseFlags, positiveInt, positiveNumber, runCli, UsageError } from "./cli/args";

const USAGE = `usage: npm run bench -- [--json] [--torch] [--peak] [--cases ${BENCH_CASES.map((c) => c.key).join(",")}]
                     [--backends native,wasm,cpu] [--torch-threads 1,2] [--seconds 15] [--steps 3]`;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** The cpu backend is ~100× slower than wasm: only LeNet, one step. */
const CPU_CASES = ["lenet28_b256"];

function listFlag<T extends string>(flag: string, value: string, choices: readonly T[]): T[] {
  const items = value.split(",").map((s) => s.trim());
  const bad = items.find((item) => !(choices as readonly string[]).includes(item));
  if (bad !== undefined) throw new UsageError(`--${flag}: "${bad}" is not one of ${choices.join(", ")}`);
  return items as T[];
}

/** Runs scripts/bench-backend.ts and returns its JSON. */
function measure(args: string[]): Promise<Record<string, number | string | undefined>> {
  const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(__dirname, "bench-backend.ts"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0)
        return reject(new Error(`bench-backend ${args.join(" ")} failed: ${stderr.trim().split("\n").pop() ?? code}`));
      resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"));
    });
  });
}

/** Matmul FLOPs of one training image: forward plus the backward products (no input gradient for the first layer). */
function trainingFlopsPerImage(bench: BenchCase): number {
  const report = countCosts(bench.spec);
  return report.flops + report.backwardFlops;
}

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      help: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      torch: { type: "boolean", default: false },
      "torch-threads": { type: "string", default: "1,2" },
      cases: { type: "string", default: BENCH_CASES.map((c) => c.key).join(",") },
      backends: { type: "string" },
      seconds: { type: "string" },
      steps: { type: "string" },
      peak: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const keys = listFlag(
    "cases",
    values.cases!,
    BENCH_CASES.map((c) => c.key),
  );
  const cases = keys.map((key) => BENCH_CASES.find((c) => c.key === key)!);
  const defaultBackend: BackendName = readStatus()?.built ? "native" : "wasm";
  const backends = listFlag(
    "backends",
    values.backends ?? [...new Set([defaultBackend, "wasm"])].join(","),
    BACKEND_NAMES,
  );
  const seconds = positiveNumber("seconds", values.seconds, 15);
  const steps = positiveInt("steps", values.steps, 3);
  const torchThreads = values["torch-threads"]!.split(",").map((t) => String(positiveInt("torch-threads", t, 1)));
  const main = backends[0];
  const timing = ["--seconds", String(seconds), "--steps", String(steps)];

  const result: Record<string, unknown> = { backend: main };
  const perBackend: Record<string, Record<string, number>> = Object.fromEntries(backends.map((b) => [b, {}]));
  const torch: Record<string, TorchResult> = Object.fromEntries(torchThreads.map((t) => [t, {}]));
  const torchBest: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  const torchRun = (benches: BenchCase[], threads: string, peak: boolean) => {
    const args = ["--threads", threads, "--cases", benches.map((c) => c.key).join(","), "--seconds", String(seconds)];
    return runTorchBench(peak ? [...args, "--peak"] : args, (line) =>
      progress(`  ${line} (${threads} thread${threads === "1" ? "" : "s"})`),
    );
  };

  if (values.peak) {
    const peaks: Record<string, number> = {};
    for (const backend of backends.filter((b) => b !== "cpu")) {
      const peak = await measure(["--backend", backend, "--peak"]);
      peaks[backend] = round(Number(peak.matmul_gflops));
      progress(`  ${backend} matmul 2048³: ${peaks[backend]} GFLOP/s`);
      if (peak.fma_gflops !== undefined) {
        result.fma_gflops = round(Number(peak.fma_gflops));
        progress(`  fp32 FMA peak, 1 thread: ${result.fma_gflops} GFLOP/s`);
      }
    }
    result.matmul_gflops = peaks[main];
    result.peaks = peaks;
    if (values.torch) for (const t of torchThreads) Object.assign(torch[t], await torchRun([], t, true));
  }

  // Case by case, each backend in turn, then PyTorch: on a shared machine the load drifts, and a ratio is only fair between neighbours.
  for (const bench of cases) {
    for (const backend of backends) {
      if (backend === "cpu" && !CPU_CASES.includes(bench.key)) continue;
      const measured = await measure(["--backend", backend, "--case", bench.key, ...timing]);
      perBackend[backend][bench.key] = round(Number(measured.images_per_second), backend === "cpu" ? 2 : 1);
      if (backend === main) Object.assign(result, { threads: measured.threads, detail: measured.detail });
    }
    if (values.torch) {
      for (const t of torchThreads) Object.assign(torch[t], await torchRun([bench], t, false));
      torchBest[bench.key] = Math.max(...torchThreads.map((t) => Number(torch[t][bench.key]) || 0));
      const ours = perBackend[main][bench.key];
      if (ours !== undefined && torchBest[bench.key] > 0) ratio[bench.key] = round(ours / torchBest[bench.key], 3);
    }
  }
  Object.assign(result, perBackend[main]);
  result.gflops = Object.fromEntries(
    Object.entries(perBackend[main]).map(([key, rate]) => [
      key,
      round((rate * trainingFlopsPerImage(cases.find((c) => c.key === key)!)) / 1e9),
    ]),
  );
  for (const backend of backends.slice(1)) result[backend] = perBackend[backend];
  if (values.torch) Object.assign(result, { torch: { ...torch, best: torchBest }, vs_torch: ratio });
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}

runCli(main);
