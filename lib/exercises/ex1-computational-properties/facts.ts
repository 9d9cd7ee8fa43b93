/** What exercise 1's findings read: the counts, the roofline reports, the timed runs and the machine probes. */
import type { CostReport } from "../../cost/count";
import type { Device } from "../../cost/devices";
import type { RooflineItem, RooflineReport } from "../../cost/roofline";
import type { NetworkSpec } from "../../models/spec";
import type { ForwardTimes } from "./layer-timing";
import type { LoadLatency } from "./machine-probes";

/** A timed forward pass next to the roofline's prediction for the same batch. */
export interface TimedRun {
  batch: number;
  predicted: RooflineReport;
  times: ForwardTimes;
}

/** A roofline item by name ("Conv2d-1 forward"). */
export function rooflineItem(report: RooflineReport, name: string): RooflineItem {
  const item = report.items.find((i) => i.name === name);
  if (!item) throw new Error(`the roofline report has no item "${name}"`);
  return item;
}

/** What exercise 1's second question asks: bandwidth, latency and size for training vs inference, here and on a GPU. */
export interface RooflineFacts {
  spec: NetworkSpec;
  perImage: CostReport;
  batch: CostReport;
  machine: Device;
  /** A published GPU for contrast. */
  gpu: Device;
  inference1: RooflineReport;
  training: RooflineReport;
  /** The spec the timed runs used (its resolution may differ) and the runs, smallest batch first. */
  timedSpec: NetworkSpec;
  timed: [TimedRun, TimedRun];
  /** Device memory the "Size" paragraph fills, bytes. */
  capacityBytes: number;
  /** The core's fp32 FMA peak (fmaPeakFlops), FLOP/s, when the native addon is built. */
  fmaPeak?: number;
  /** Dependent-load latency in a buffer far larger than the caches, and in one that fits the L1. */
  latency: { dram: LoadLatency; l1: LoadLatency };
}
