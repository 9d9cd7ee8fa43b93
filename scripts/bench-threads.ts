/**
 * How the native backend's thread policy, and its way of running convolutions
 * on small images, were chosen: one training step (lib's Trainer step, SGD,
 * random data) timed under each policy in turn, round after round in one
 * process, so that a shared machine's drifting load hits every policy alike.
 *   --compare threads (the default): the thread count and the least work that
 *     earns each thread (src/threads.cc); run it once per wait policy
 *     (OMP_WAIT_POLICY / GOMP_SPINCOUNT are read when the addon loads).
 *   --compare conv-as-product: 2×2 to 3×3 output images as im2col and one
 *     matrix product (src/conv_product.cc) or on oneDNN's direct kernels, on
 *     1 thread and on every usable core.
 *   npx tsx scripts/bench-threads.ts [--case lenet28_b256] [--compare threads|conv-as-product] [--rounds 10] [--busy]
 * Prints one line per policy: the median images/s and the best.
 */
import { counted } from "../lib/format";
import { initBackend } from "../lib/backend";
import { usableCores } from "../lib/backend/cores";
import { loadAddon } from "../lib/backend/native";
import { CONV_AS_PRODUCT_MAX_PIXELS, type NativeAddon } from "../lib/backend/native/addon";
import { startBusyCore } from "./bench/busy-core";
import { BENCH_CASES, benchCase, trainingStep } from "./bench-step";
import { oneOf, parseFlags, positiveInt, runCli } from "./cli/args";

type Policy = Parameters<NativeAddon["setThreads"]>[0] & { convAsProductMaxPixels?: number };

/** The default (src/threads.cc) and two finer grains that were tried. */
const THREAD_POLICIES: [string, Policy][] = [
  ["1 thread", { threads: 1 }],
  [
    "2 threads, default grain (100 MFLOP, 2 M elements a thread)",
    { threads: 2, flopsPerThread: 1e8, elementsPerThread: 1 << 21 },
  ],
  ["2 threads, 20 MFLOP, 512 K elements a thread", { threads: 2, flopsPerThread: 2e7, elementsPerThread: 1 << 19 }],
  ["2 threads, 4 MFLOP, 128 K elements a thread", { threads: 2, flopsPerThread: 4e6, elementsPerThread: 1 << 17 }],
];

/** 2×2 to 3×3 images as a product (the measured bound) against oneDNN's direct kernels for every size. */
function convPolicies(cores: number): [string, Policy][] {
  return [1, cores].flatMap((threads): [string, Policy][] => [
    [`${counted(threads, "thread")}, direct kernels`, { threads, convAsProductMaxPixels: 0 }],
    [
      `${counted(threads, "thread")}, 2×2-3×3 images as a product`,
      { threads, convAsProductMaxPixels: CONV_AS_PRODUCT_MAX_PIXELS },
    ],
  ]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      case: { type: "string" },
      compare: { type: "string" },
      rounds: { type: "string" },
      busy: { type: "boolean", default: false },
    },
  });
  const compare = oneOf("compare", values.compare, ["threads", "conv-as-product"], "threads");
  const key = oneOf(
    "case",
    values.case,
    BENCH_CASES.map((c) => c.key),
    "lenet28_b256",
  );
  const rounds = positiveInt("rounds", values.rounds, 10);
  const info = await initBackend({ env: { ...process.env, D2L_BACKEND: "native" }, log: () => {} });
  const addon = loadAddon();
  const defaultMaxPixels = addon.setConvAsProduct({ maxPixels: 0 });
  addon.setConvAsProduct({ maxPixels: defaultMaxPixels });
  const policies = compare === "threads" ? THREAD_POLICIES : convPolicies(usableCores());
  const bench = benchCase(key);
  const step = trainingStep(bench);
  // Steps of a few milliseconds are timed in groups, so that a timer tick is not most of the measurement.
  const group = key.startsWith("lenet") ? 5 : 1;
  const wait = process.env.GOMP_SPINCOUNT
    ? `GOMP_SPINCOUNT=${process.env.GOMP_SPINCOUNT}`
    : `OMP_WAIT_POLICY=${process.env.OMP_WAIT_POLICY}`;
  const busy = values.busy ? startBusyCore() : undefined;
  try {
    const seconds = new Map<string, number[]>(policies.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, { convAsProductMaxPixels, ...threads }] of policies) {
        addon.setThreads(threads);
        addon.setConvAsProduct({ maxPixels: convAsProductMaxPixels ?? defaultMaxPixels });
        step.run(); // a new team size builds its primitives first
        const started = performance.now();
        for (let i = 0; i < group; i++) step.run();
        seconds.get(name)!.push((performance.now() - started) / 1000 / group);
      }
    }
    console.log(`${key}, ${wait}${busy ? ", one core busy" : ""}, ${counted(rounds, "round")}:`);
    for (const [name, times] of seconds) {
      const rate = (t: number) => (bench.batch / t).toFixed(bench.batch / median(times) > 1000 ? 0 : 1);
      console.log(`  ${name}: ${rate(median(times))} img/s (median), best ${rate(Math.min(...times))}`);
    }
  } finally {
    busy?.stop();
    addon.setThreads({ threads: info.threads ?? 1 });
    addon.setConvAsProduct({ maxPixels: defaultMaxPixels });
    step.dispose();
  }
}

runCli(main);
