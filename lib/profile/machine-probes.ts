/**
 * Two measurements of this machine beyond the matmul and copy roofs: the cores'
 * fp32 FMA peak (the native addon's register-only loop; the hardware's ceiling,
 * which tuned convolution kernels approach more closely than a 1024² matmul
 * does) and the latency of a dependent load from DRAM against one from the L1.
 */
import { loadAddon } from "../backend/native";

/**
 * FLOP/s of the native addon's FMA loop on `threads` threads at once (their rates summed), or
 * undefined when the addon is not built. Many short runs (each call is the best of 5 rounds of a
 * few ms): on a shared machine the best one is the one that ran without being descheduled.
 */
export function fmaPeakFlops({ threads = 1, iterations = 2_000_000, calls = 10 } = {}): number | undefined {
  let addon: ReturnType<typeof loadAddon>;
  try {
    addon = loadAddon();
  } catch {
    return undefined;
  }
  let best = 0;
  for (let i = 0; i < calls; i++) best = Math.max(best, addon.fmaPeak({ iterations, threads }));
  return best * 1e9;
}

export interface LoadLatency {
  /** Bytes of the buffer walked. */
  bytes: number;
  /** Seconds per dependent load, best of the repeats. */
  seconds: number;
}

const LINE_INTS = 16; // one 64-byte cache line of Int32

/**
 * Pointer chase: each load's address is the value the previous load returned,
 * one element per cache line, in a random single cycle (Sattolo's shuffle), so
 * neither the prefetcher nor out-of-order execution can overlap two loads. A
 * buffer far larger than the caches gives DRAM's latency (TLB misses included);
 * a small one gives the L1's. The seeded shuffle makes the walk reproducible.
 */
export function loadLatency(bytes: number, { loads = 300_000, repeats = 3 } = {}): LoadLatency {
  const lines = Math.floor(bytes / (4 * LINE_INTS));
  if (lines < 2) throw new RangeError(`loadLatency: bytes must hold at least two 64-byte lines, got ${bytes}`);
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random() * i);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  const next = new Int32Array(lines * LINE_INTS);
  for (let i = 0; i < lines; i++) next[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
  let best = Infinity;
  let at = 0;
  for (let r = 0; r < repeats + 1; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < loads; i++) at = next[at];
    const seconds = Number(process.hrtime.bigint() - start) / 1e9 / loads;
    if (r > 0) best = Math.min(best, seconds); // the first walk warms the caches and the TLB
  }
  if (at < 0) throw new Error("unreachable"); // keeps the chase live
  return { bytes, seconds: best };
}
