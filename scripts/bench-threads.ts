/**
 * How the native backend's thread policy was chosen: one training step (lib's
 * Trainer step, SGD, random data) timed under each policy in turn, round
 * after round in one process, so that a shared machine's drifting load hits
 * every policy alike. A policy is the thread count and the least work that
 * earns each thread (src/threads.cc); run it once per wait policy
 * (OMP_WAIT_POLICY / GOMP_SPINCOUNT are read when the addon loads).
 *   npx tsx scripts/bench-threads.ts [--case lenet28_b256] [--rounds 10] [--busy]
 * Prints one line per policy: the median images/s and the best.
 */
import { counted } from "../lib/format";
import { initBackend } from "../lib/backend";
import { loadAddon } from "../lib/backend/native";
import type { NativeAddon } from "../lib/backend/native/addon";
import { startBusyCore } from "./bench/busy-core";
import { BENCH_CASES, benchCase, trainingStep } from "./bench-step";
import { oneOf, parseFlags, positiveInt, runCli } from "./cli/args";

type Policy = Parameters<NativeAddon["setThreads"]>[0];

/** The default (src/threads.cc) and two finer grains that were tried. */
const POLICIES: [string, Policy][] = [
  ["1 thread", { threads: 1 }],
  [
    "2 threads, default grain (100 MFLOP, 2 M elements a thread)",
    { threads: 2, flopsPerThread: 1e8, elementsPerThread: 1 << 21 },
  ],
  ["2 threads, 20 MFLOP, 512 K elements a thread", { threads: 2, flopsPerThread: 2e7, elementsPerThread: 1 << 19 }],
  ["2 threads, 4 MFLOP, 128 K elements a thread", { threads: 2, flopsPerThread: 4e6, elementsPerThread: 1 << 17 }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: { case: { type: "string" }, rounds: { type: "string" }, busy: { type: "boolean", default: false } },
  });
  const key = oneOf(
    "case",
    values.case,
    BENCH_CASES.map((c) => c.key),
    "lenet28_b256",
  );
  const rounds = positiveInt("rounds", values.rounds, 10);
  const info = await initBackend({ env: { ...process.env, D2L_BACKEND: "native" }, log: () => {} });
  const addon = loadAddon();
  const bench = benchCase(key);
  const step = trainingStep(bench);
  // Steps of a few milliseconds are timed in groups, so that a timer tick is not most of the measurement.
  const group = key.startsWith("lenet") ? 5 : 1;
  const wait = process.env.GOMP_SPINCOUNT
    ? `GOMP_SPINCOUNT=${process.env.GOMP_SPINCOUNT}`
    : `OMP_WAIT_POLICY=${process.env.OMP_WAIT_POLICY}`;
  const busy = values.busy ? startBusyCore() : undefined;
  try {
    const seconds = new Map<string, number[]>(POLICIES.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, policy] of POLICIES) {
        addon.setThreads(policy);
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
    step.dispose();
  }
}

runCli(main);
