/**
 * The roofline model: a piece of work takes at least max(FLOPs / peak, bytes / bandwidth).
 * Each layer's forward (and, for training, backward) pass and the optimizer update are
 * timed separately, since each is bound by a different roof; the total is their sum
 * (no overlap between layers, caches ignored: every tensor comes from memory once).
 * All of a pass's FLOPs run at the dtype's peak — optimistic for the element-wise
 * part on tensor-core devices, which is small next to conv/dense.
 */
import type { CostReport } from "./count";
import { peakFor, type Device } from "./devices";
import type { DType } from "./dtype";
import type { OptimizerName } from "../optimizer-names";

export interface Work {
  flops: number;
  bytes: number;
}

export interface RooflineTime {
  seconds: number;
  computeSeconds: number;
  memorySeconds: number;
  bound: "compute" | "memory";
  /** FLOP per byte. */
  intensity: number;
}

export function rooflineTime(work: Work, device: Device, dtype: DType = "fp32"): RooflineTime {
  const computeSeconds = work.flops / peakFor(device, dtype);
  const memorySeconds = work.bytes / device.bandwidth;
  return {
    seconds: Math.max(computeSeconds, memorySeconds),
    computeSeconds,
    memorySeconds,
    bound: computeSeconds >= memorySeconds ? "compute" : "memory",
    intensity: work.bytes > 0 ? work.flops / work.bytes : Infinity,
  };
}

/** Per parameter: FLOPs and tensors of the weights' size read + written by one update. */
export const OPTIMIZER_UPDATE: Record<OptimizerName, { flops: number; tensorsMoved: number }> = {
  sgd: { flops: 2, tensorsMoved: 3 }, // w -= lr·g: read w, g; write w
  momentum: { flops: 4, tensorsMoved: 5 }, // v = μv + g; w -= lr·v: read w, g, v; write w, v
  adam: { flops: 12, tensorsMoved: 7 }, // m, v moving averages, bias-corrected step: read w, g, m, v; write w, m, v
};

export type RooflineMode = "inference" | "training";

export interface RooflineItem extends Work, RooflineTime {
  /** "Conv2d-1 forward", "Conv2d-1 backward", "optimizer update (sgd)". */
  name: string;
  pass: "forward" | "backward" | "update";
}

export interface RooflineReport {
  device: string;
  mode: RooflineMode;
  batch: number;
  dtype: DType;
  items: RooflineItem[];
  flops: number;
  bytes: number;
  seconds: number;
  /** Time spent in memory-bound items. */
  memoryBoundSeconds: number;
  imagesPerSecond: number;
  /** flops / seconds: what the device attains on this network. */
  attainedFlops: number;
}

/** The work items of one inference (forward) or training step (forward, backward, update). */
export function workItems(
  report: CostReport,
  mode: RooflineMode,
  optimizer: OptimizerName = "sgd",
): (Work & Pick<RooflineItem, "name" | "pass">)[] {
  const items: (Work & Pick<RooflineItem, "name" | "pass">)[] = [];
  for (const l of report.layers) {
    const bytes = l.bytesRead + l.bytesWritten;
    if (bytes > 0)
      items.push({ name: `${l.name} forward`, pass: "forward", flops: l.flops + l.biasFlops + l.otherFlops, bytes });
  }
  if (mode === "training") {
    for (const l of [...report.layers].reverse()) {
      const bytes = l.backward.bytesRead + l.backward.bytesWritten;
      if (bytes > 0)
        items.push({
          name: `${l.name} backward`,
          pass: "backward",
          flops: l.backward.flops + l.backward.otherFlops,
          bytes,
        });
    }
    const update = OPTIMIZER_UPDATE[optimizer];
    items.push({
      name: `optimizer update (${optimizer})`,
      pass: "update",
      flops: update.flops * report.params,
      bytes: update.tensorsMoved * report.params * report.bytesPerElement,
    });
  }
  return items;
}

export function rooflineReport(
  report: CostReport,
  device: Device,
  { mode = "inference", optimizer = "sgd" }: { mode?: RooflineMode; optimizer?: OptimizerName } = {},
): RooflineReport {
  const items = workItems(report, mode, optimizer).map((w) => ({ ...w, ...rooflineTime(w, device, report.dtype) }));
  const sum = (f: (i: RooflineItem) => number): number => items.reduce((a, i) => a + f(i), 0);
  const seconds = sum((i) => i.seconds);
  const flops = sum((i) => i.flops);
  return {
    device: device.name,
    mode,
    batch: report.batch,
    dtype: report.dtype,
    items,
    flops,
    bytes: sum((i) => i.bytes),
    seconds,
    memoryBoundSeconds: sum((i) => (i.bound === "memory" ? i.seconds : 0)),
    imagesPerSecond: report.batch / seconds,
    attainedFlops: flops / seconds,
  };
}
