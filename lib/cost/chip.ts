/**
 * Exercise 2's trade-off as a small stated model. A chip of fixed area gives a share
 * s of it to compute (ALUs) and 1 − s to the memory interface (pins, PHYs, controllers).
 * Each resource grows with its area as a power law, calibrated on a reference device
 * whose split is s0:
 *
 *   peak(s)      = peak_ref      · (s / s0)^computeExponent
 *   bandwidth(s) = bandwidth_ref · ((1 − s) / (1 − s0))^bandwidthExponent
 *
 * and a workload's time is its roofline time, summed over its work items. Each item's
 * time max(F/peak, B/bandwidth) is convex in s, so the sum has one minimum, found by
 * golden-section search; the curve is the plot data.
 */
import { peakFor, type Device } from "./devices";
import type { DType } from "./dtype";
import { rooflineTime, type Work } from "./roofline";

export interface ChipModel {
  reference: Device;
  /** Share of the area the reference device spends on compute. */
  referenceComputeShare?: number;
  computeExponent?: number;
  bandwidthExponent?: number;
  dtype?: DType;
}

export interface ChipPoint {
  computeShare: number;
  peakFlops: number;
  bandwidth: number;
  seconds: number;
  memoryBoundSeconds: number;
}

export interface ChipTradeoff {
  model: Required<Omit<ChipModel, "reference">> & { reference: string };
  /** Plot data: time against compute share, evenly spaced over (0, 1). */
  curve: ChipPoint[];
  best: ChipPoint;
  /** The reference device itself (s = s0). */
  reference: ChipPoint;
  /** reference.seconds / best.seconds. */
  speedup: number;
}

/** The chip the model makes when `computeShare` of the area goes to compute (peak in the model's dtype). */
export function chipDevice(model: ChipModel, computeShare: number): Device {
  const {
    reference,
    referenceComputeShare: s0 = 0.5,
    computeExponent = 1,
    bandwidthExponent = 1,
    dtype = "fp32",
  } = model;
  if (!(s0 > 0 && s0 < 1)) throw new RangeError(`referenceComputeShare must be in (0, 1), got ${s0}`);
  return {
    name: "chip",
    source: "chipTradeoff",
    peakFlops: peakFor(reference, dtype) * (computeShare / s0) ** computeExponent,
    bandwidth: reference.bandwidth * ((1 - computeShare) / (1 - s0)) ** bandwidthExponent,
  };
}

export function chipTradeoff(work: Work[], model: ChipModel, { points = 99 }: { points?: number } = {}): ChipTradeoff {
  const {
    reference,
    referenceComputeShare: s0 = 0.5,
    computeExponent = 1,
    bandwidthExponent = 1,
    dtype = "fp32",
  } = model;
  chipDevice(model, s0); // validates s0

  const at = (computeShare: number): ChipPoint => {
    const device = chipDevice(model, computeShare);
    let seconds = 0;
    let memoryBoundSeconds = 0;
    for (const w of work) {
      const t = rooflineTime(w, device);
      seconds += t.seconds;
      if (t.bound === "memory") memoryBoundSeconds += t.seconds;
    }
    return { computeShare, peakFlops: device.peakFlops, bandwidth: device.bandwidth, seconds, memoryBoundSeconds };
  };

  const curve = Array.from({ length: points }, (_, i) => at((i + 1) / (points + 1)));
  let [lo, hi] = [1e-6, 1 - 1e-6];
  const phi = (Math.sqrt(5) - 1) / 2;
  while (hi - lo > 1e-9) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (at(a).seconds <= at(b).seconds) hi = b;
    else lo = a;
  }
  const best = [at((lo + hi) / 2), ...curve].reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const ref = at(s0);
  return {
    model: { reference: reference.name, referenceComputeShare: s0, computeExponent, bandwidthExponent, dtype },
    curve,
    best,
    reference: ref,
    speedup: ref.seconds / best.seconds,
  };
}
