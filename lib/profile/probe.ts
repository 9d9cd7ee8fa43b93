/**
 * Measures this machine for the roofline: fp32 matmul FLOP/s on the tfjs backend
 * lib picks (initBackend), memory bandwidth from a copy larger than any cache,
 * and the FMA peak of as many cores as the backend computes with. Each figure is
 * the best of a few repeats after a warm-up, so it approximates what the machine
 * can reach, not what a busy moment gives. Notebooks that set layers against
 * this machine probe it with this one function, so their roofs agree.
 */
import { describeBackend, initBackend } from "../backend";
import type { Device } from "../cost/devices";
import { tf } from "../tf";
import { bestSeconds } from "./best-seconds";
import { fmaPeakFlops } from "./machine-probes";

export interface ProbeOptions {
  /** Side of the square fp32 matrices multiplied (2·n³ FLOPs per product). */
  matmulSize?: number;
  /** Bytes copied per repeat; must exceed the last-level cache. */
  copyBytes?: number;
  repeats?: number;
  /** Receives the backend line initBackend prints. */
  log?: (line: string) => void;
}

export interface ProbeResult extends Device {
  backend: string;
  matmulSize: number;
  copyBytes: number;
  /** Threads the backend computes with (1 when it has no notion of it); the FMA peak ran on as many. */
  threads: number;
  /**
   * fp32 FLOP/s of register-only fused multiply-adds on `threads` cores at once (fmaPeakFlops):
   * the hardware's ceiling, above the matmul's `peakFlops`. Undefined without the native addon.
   */
  fmaPeakFlops?: number;
  /** ISO date-time of the measurement. */
  measuredAt: string;
}

/** Bytes per second moved by a large TypedArray copy, counting the read and the write (STREAM's "copy" convention). */
export function measureCopyBandwidth(bytes = 256 * 2 ** 20, repeats = 5): number {
  const length = Math.floor(bytes / 8);
  const source = new Float64Array(length).fill(1);
  const target = new Float64Array(length);
  target.set(source); // touch every page before timing
  const seconds = bestSeconds(repeats, () => target.set(source));
  return (2 * length * 8) / seconds;
}

/** FLOP/s of an n×n by n×n fp32 matmul on the active tfjs backend. */
export async function measureMatmulFlops(n = 1024, repeats = 5): Promise<number> {
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  try {
    const multiply = (): void => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    };
    multiply(); // warm-up: kernel compilation, weight packing, thread start
    return (2 * n ** 3) / bestSeconds(repeats, multiply);
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** This machine as a roofline device, measured now. */
export async function probeDevice({
  matmulSize = 1024,
  copyBytes = 256 * 2 ** 20,
  repeats = 5,
  log,
}: ProbeOptions = {}): Promise<ProbeResult> {
  const info = await initBackend(log ? { log } : {});
  const peakFlops = await measureMatmulFlops(matmulSize, repeats);
  const bandwidth = measureCopyBandwidth(copyBytes, repeats);
  const threads = info.threads ?? 1;
  const fmaPeak = fmaPeakFlops({ threads });
  const measuredAt = new Date().toISOString();
  return {
    name: `this machine, tfjs ${describeBackend(info)}`,
    peakFlops,
    bandwidth,
    source:
      `probeDevice(): best of ${repeats} ${matmulSize}×${matmulSize} fp32 matmuls and ${(copyBytes / 2 ** 20).toFixed(0)} MiB copies` +
      `${fmaPeak === undefined ? "" : `; FMA loop on ${threads} thread${threads === 1 ? "" : "s"}`}, ${measuredAt}`,
    backend: describeBackend(info),
    matmulSize,
    copyBytes,
    threads,
    fmaPeakFlops: fmaPeak,
    measuredAt,
  };
}
