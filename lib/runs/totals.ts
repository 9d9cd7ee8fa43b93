import type { ExperimentResult } from "./experiment";

/** One finished run as a table row: what it cost and what it reached. */
export interface RunTotals {
  label: string;
  params: number;
  /** Forward FLOPs per image (2 × MACs), from the cost counter. */
  flopsPerImage: number;
  epochs: number;
  /** Training images processed, all epochs. */
  imagesSeen: number;
  /** Seconds of training steps only (validation excluded), all epochs. */
  trainSeconds: number;
  /** imagesSeen / trainSeconds. */
  imagesPerSecond: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Largest peak of tfjs tensor bytes over the epochs' profiled steps. */
  peakTensorBytes: number;
  /** Largest process RSS seen during training. */
  maxRssBytes: number;
  /** Set when the Trainer stopped early (NaN loss). */
  stopped?: string;
}

/** Seconds an epoch spent in training steps: its images over its measured rate. */
export function trainSecondsOf(imagesPerEpoch: number, imagesPerSecond: number): number {
  return imagesPerEpoch / imagesPerSecond;
}

export function runTotals(result: ExperimentResult): RunTotals {
  const { history, final } = result;
  const trainSeconds = history.reduce((sum, r) => sum + trainSecondsOf(result.trainSize, r.imagesPerSecond), 0);
  const imagesSeen = history.length * result.trainSize;
  return {
    label: result.label,
    params: result.params,
    flopsPerImage: result.flopsPerImage,
    epochs: history.length,
    imagesSeen,
    trainSeconds,
    imagesPerSecond: trainSeconds > 0 ? imagesSeen / trainSeconds : 0,
    trainLoss: final?.trainLoss ?? NaN,
    trainAccuracy: final?.trainAccuracy ?? NaN,
    valLoss: final?.valLoss ?? NaN,
    valAccuracy: final?.valAccuracy ?? NaN,
    peakTensorBytes: Math.max(0, ...history.map((r) => r.peakTensorBytes)),
    maxRssBytes: Math.max(0, ...history.map((r) => r.maxRssBytes)),
    ...(result.stopped ? { stopped: result.stopped } : {}),
  };
}
