/**
 * npm run bench [-- --json] [--torch] [--peak] [--busy] [--bf16] [--cases a,b] [--backends native,wasm]
 *               [--threads 1,2] [--seconds 15] [--steps 3]
 * Median training images/s (lib's Trainer step with SGD on random data, after
 * a second of warm-up steps) of d2l's LeNet@28 b256, AlexNet@224 b32, AlexNet@68 b128
 * (what notebooks 4-8 train) and AlexNet@96 b64, each backend in a process
 * of its own (scripts/bench-backend.ts), at each of --threads (default: 1 and
 * every usable core, the default). With --torch, PyTorch CPU right after each
 * case: at its defaults (its own thread count, no OMP variables: the
 * headline ratio `vs_torch`), and at each of --threads with its BLAS pool
 * capped to the same count (`vs_torch_1_thread`, `scaling`). --busy keeps one
 * core busy with another process throughout, as a second job on a shared
 * machine would. Progress goes to stderr; with
 * --json the last stdout line is one JSON object (scripts/bench/report.ts).
 * --peak adds the 2048³ matmul GFLOP/s of each backend and PyTorch's sgemm,
 * and (native) one core's fp32 FMA peak, against which the whole step is
 * judged (`of_fma_peak`: the step's GFLOP/s over every thread's peak).
 * --bf16 (native only) also measures ours with D2L_PRECISION=bf16 at each
 * thread count, next to the fp32 runs (`bf16`, `bf16_vs_fp32`, `bf16_vs_torch`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { BACKEND_NAMES, type BackendName } from "../lib/backend";
import { usableCores } from "../lib/backend/cores";
import { NATIVE_THREADS_ENV, PRECISION_ENV, type Precision, readStatus } from "../lib/backend/native/addon";
import { THREADS_ENV as WASM_THREADS_ENV } from "../lib/backend/wasm/threads";
import { countCosts } from "../lib/cost";
import { startBusyCore } from "./bench/busy-core";
import { benchReport, type Rates } from "./bench/report";
import { BENCH_CASES, type BenchCase } from "./bench-step";
import { runTorchBench } from "./bench-torch";
import { parseFlags, positiveInt, positiveNumber, runCli, UsageError } from "./cli/args";
import { repoRoot } from "../lib/repo-root";

const USAGE = `usage: npm run bench -- [--json] [--torch] [--peak] [--busy] [--bf16] [--cases ${BENCH_CASES.map((c) => c.key).join(",")}]
                     [--backends native,wasm,cpu] [--threads 1,${usableCores()}] [--seconds 15] [--steps 3]`;

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

function threadCounts(value: string | undefined, cores: number): string[] {
  const counts = (value ?? `1,${cores}`).split(",").map((t) => positiveInt("threads", t.trim(), 1));
  const tooMany = counts.find((t) => t > cores);
  if (tooMany) throw new UsageError(`--threads: ${tooMany} is more than the ${cores} usable cores`);
  return [...new Set(counts)].sort((a, b) => a - b).map(String);
}

/** Runs scripts/bench-backend.ts for `backend` (on `threads`, else its default) and returns its JSON. */
function measure(
  backend: BackendName,
  args: string[],
  threads?: string,
  precision: Precision = "fp32",
): Promise<Record<string, number | string | undefined>> {
  const tsx = path.join(repoRoot(), "node_modules", ".bin", "tsx");
  // The native backend's kernels use D2L_NATIVE_THREADS; the wasm ops under them keep wasm's default of 1.
  const variable = backend === "wasm" ? WASM_THREADS_ENV : NATIVE_THREADS_ENV;
  const env: NodeJS.ProcessEnv = { ...process.env, [PRECISION_ENV]: precision };
  if (threads) env[variable] = threads;
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(__dirname, "bench-backend.ts"), "--backend", backend, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0) {
        const why = stderr.trim().split("\n").pop() || (signal ? `killed by ${signal}` : `exit code ${code}`);
        return reject(new Error(`bench-backend --backend ${backend} ${args.join(" ")} failed: ${why}`));
      }
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
      busy: { type: "boolean", default: false },
      threads: { type: "string" },
      cases: { type: "string", default: BENCH_CASES.map((c) => c.key).join(",") },
      backends: { type: "string" },
      seconds: { type: "string" },
      steps: { type: "string" },
      peak: { type: "boolean", default: false },
      bf16: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const cases = listFlag(
    "cases",
    values.cases!,
    BENCH_CASES.map((c) => c.key),
  ).map((key) => BENCH_CASES.find((c) => c.key === key)!);
  const defaultBackend: BackendName = readStatus()?.built ? "native" : "wasm";
  const backends = listFlag(
    "backends",
    values.backends ?? [...new Set([defaultBackend, "wasm"])].join(","),
    BACKEND_NAMES,
  );
  const cores = usableCores();
  const threads = threadCounts(values.threads, cores);
  const seconds = positiveNumber("seconds", values.seconds, 15);
  const steps = positiveInt("steps", values.steps, 3);
  const main = backends[0];
  if (values.bf16 && main !== "native") {
    throw new UsageError(`--bf16 measures the native backend, and this run's first backend is ${main}`);
  }
  const timing = ["--seconds", String(seconds), "--steps", String(steps)];
  const busy = values.busy ? startBusyCore() : undefined;
  if (busy) progress(`bench: one core kept busy by another process throughout (--busy)`);
  try {
    const ours: Record<string, Rates> = Object.fromEntries(threads.map((t) => [t, {}]));
    const bf16: Record<string, Rates> | undefined = values.bf16
      ? Object.fromEntries(threads.map((t) => [t, {}]))
      : undefined;
    const others: Record<string, Rates> = Object.fromEntries(backends.slice(1).map((b) => [b, {}]));
    const torch: Record<string, Rates> | undefined = values.torch
      ? Object.fromEntries(["default", ...threads].map((t) => [t, {}]))
      : undefined;
    let fmaGflops: number | undefined;
    let peaks: Record<string, number> | undefined;
    let torchSgemm: number | string | undefined;
    let torchDefaultThreads: number | undefined;
    const torchRun = (benches: BenchCase[], t: string, peak: boolean) => {
      const args = ["--cases", benches.map((c) => c.key).join(","), "--seconds", String(seconds)];
      if (peak) args.push("--peak");
      return runTorchBench(
        args,
        (line) =>
          progress(`  ${line} (${t === "default" ? "its default threads" : `${t} thread${t === "1" ? "" : "s"}`})`),
        t === "default" ? undefined : Number(t),
      );
    };

    if (values.peak) {
      peaks = {};
      for (const backend of backends.filter((b) => b !== "cpu")) {
        const peak = await measure(backend, ["--peak"]);
        peaks[backend] = round(Number(peak.matmul_gflops));
        progress(`  ${backend} matmul 2048³: ${peaks[backend]} GFLOP/s`);
        if (peak.fma_gflops !== undefined) {
          fmaGflops = round(Number(peak.fma_gflops));
          progress(`  fp32 FMA peak, 1 thread: ${fmaGflops} GFLOP/s`);
        }
      }
      if (torch) torchSgemm = (await torchRun([], "default", true)).sgemm_gflops;
    }

    // Case by case, every configuration in turn: on a shared machine the load drifts, and a ratio is only fair between neighbours.
    let detail: unknown;
    for (const bench of cases) {
      for (const t of threads) {
        const measured = await measure(main, ["--case", bench.key, ...timing], t);
        ours[t][bench.key] = round(Number(measured.images_per_second));
        detail = measured.detail;
        if (bf16) {
          const half = await measure(main, ["--case", bench.key, ...timing], t, "bf16");
          bf16[t][bench.key] = round(Number(half.images_per_second));
        }
      }
      for (const backend of backends.slice(1)) {
        if (backend === "cpu" && !CPU_CASES.includes(bench.key)) continue;
        const measured = await measure(backend, ["--case", bench.key, ...timing]);
        others[backend][bench.key] = round(Number(measured.images_per_second), backend === "cpu" ? 2 : 1);
      }
      for (const t of Object.keys(torch ?? {})) {
        const measured = await torchRun([bench], t, false);
        torch![t][bench.key] = Number(measured[bench.key]);
        // PyTorch picks its own count, which need not be the cores present (1 on these 2-vCPU machines).
        if (t === "default") torchDefaultThreads = Number(measured.threads);
      }
    }
    const report = benchReport({
      backend: main,
      ours,
      defaultThreads: threads.includes(String(cores)) ? cores : Number(threads[threads.length - 1]),
      torch,
      fmaGflops,
      bf16,
      flopsPerImage: Object.fromEntries(cases.map((c) => [c.key, trainingFlopsPerImage(c)])),
    });
    Object.assign(report, { detail, busy: values.busy, cores }, peaks ? { peaks } : {});
    if (torchSgemm !== undefined) report.torch_sgemm_gflops = torchSgemm;
    if (torchDefaultThreads !== undefined) report.torch_default_threads = torchDefaultThreads;
    for (const [backend, rates] of Object.entries(others)) report[backend] = rates;
    console.log(values.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    busy?.stop();
  }
}

runCli(main);
