/**
 * One backend's measurements for `npm run bench`, in a process of its own
 * (the native backend's kernels replace wasm's, so the two cannot share one):
 *   tsx scripts/bench-backend.ts --backend native --case lenet28_b256 [--seconds 15] [--steps 3]
 *   tsx scripts/bench-backend.ts --backend native --peak   (2048³ matmul; native also the core's FMA peak)
 * Prints progress on stderr and one JSON object on stdout.
 */
import { BACKEND_ENV, BACKEND_NAMES, selectBackend } from "../lib/backend";
import { loadAddon } from "../lib/backend/native";
import { tf } from "../lib/tf";
import { benchCase, trainingStep, WARM_UP_SECONDS, type BenchCase } from "./bench-step";
import { oneOf, parseFlags, positiveInt, positiveNumber, runCli, UsageError } from "./cli/args";

const progress = (line: string) => process.stderr.write(`${line}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Timed steps after WARM_UP_SECONDS of warm-up steps (one step on the smaller warm-up batch): at least `minSteps`, more while under `seconds` (at most 50).
 * `warmUpBatch` warms up on a smaller batch (the cpu backend's full LeNet step takes ~30 s).
 */
function imagesPerSecond(
  bench: BenchCase,
  label: string,
  minSteps: number,
  seconds: number,
  warmUpBatch = bench.batch,
) {
  const step = trainingStep(bench);
  try {
    const warmStart = performance.now();
    const warm = warmUpBatch === bench.batch ? step : trainingStep({ ...bench, batch: warmUpBatch });
    do warm.run();
    while (warm === step && performance.now() - warmStart < WARM_UP_SECONDS * 1000);
    if (warm !== step) warm.dispose();
    progress(
      `  ${label} ${bench.key}: warm-up (batch ${warmUpBatch}) ${((performance.now() - warmStart) / 1000).toFixed(2)} s`,
    );
    const times: number[] = [];
    const started = performance.now();
    while (times.length < minSteps || (performance.now() - started < seconds * 1000 && times.length < 50)) {
      const t0 = performance.now();
      step.run();
      times.push((performance.now() - t0) / 1000);
    }
    const rate = bench.batch / median(times);
    progress(`  ${label} ${bench.key}: ${rate.toFixed(1)} img/s (median of ${times.length} steps of ${bench.batch})`);
    return rate;
  } finally {
    step.dispose();
  }
}

/** GFLOP/s of C = A·B, n×n, the same B every time: the backend's best case, the machine's practical peak. */
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

/** The pure-JS cpu backend is ~100× slower: one timed step after a warm-up on a small batch. */
const CPU_WARM_UP_BATCH = 16;

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      backend: { type: "string" },
      case: { type: "string" },
      peak: { type: "boolean", default: false },
      seconds: { type: "string" },
      steps: { type: "string" },
    },
  });
  const backend = oneOf("backend", values.backend, BACKEND_NAMES, "native");
  if (!values.case && !values.peak) throw new UsageError("give --case KEY or --peak");
  const info = await selectBackend({ env: { ...process.env, [BACKEND_ENV]: backend }, log: () => {} });
  const out: Record<string, unknown> = { backend, threads: info.threads, detail: info.detail };
  if (values.peak) out.matmul_gflops = matMulPeak();
  if (values.peak && backend === "native") out.fma_gflops = loadAddon().fmaPeak({ iterations: 20_000_000, threads: 1 });
  if (values.case) {
    const bench = benchCase(values.case);
    const seconds = positiveNumber("seconds", values.seconds, 15);
    const steps = positiveInt("steps", values.steps, 3);
    out.images_per_second =
      backend === "cpu"
        ? imagesPerSecond(bench, backend, 1, 0, CPU_WARM_UP_BATCH)
        : imagesPerSecond(bench, backend, steps, seconds);
  }
  console.log(JSON.stringify(out));
}

runCli(main);
