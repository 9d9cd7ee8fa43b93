import type { EpochRecord, TrainingCurves } from "../train/history";
import { trainingTotals } from "../train/history";

/** Accuracy of guessing among Fashion-MNIST's 10 classes. */
export const CHANCE_ACCURACY = 0.1;

/**
 * A run's derived figures, each defined once here: totals (images, seconds,
 * images/s over all epochs), the last epoch's losses and accuracies, and what
 * the curves say (best epoch, overfitting onset, leaving chance).
 */
export interface RunSummary {
  /** Epochs that finished (fewer than planned when training stopped). */
  epochs: number;
  /** Training images processed, all epochs. */
  trainImages: number;
  /** Seconds of training steps only (validation excluded), all epochs. */
  trainSeconds: number;
  /** trainImages / trainSeconds (lib/train/history's imagesPerSecond). */
  imagesPerSecond: number;
  final?: EpochRecord;
  /** The last epoch's figures (NaN when no epoch finished). */
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  bestValAccuracy: number;
  bestValAccuracyEpoch: number;
  minValLoss: number;
  minValLossEpoch: number;
  /**
   * The epoch after which validation loss only got worse: the epoch of its
   * minimum, when the run went on at least two epochs past it and ended more
   * than `overfitTolerance` above it. Undefined: no onset within the run.
   */
  overfittingOnset?: number;
  /** Final training accuracy minus final validation accuracy. */
  accuracyGap: number;
  /** Final validation loss minus final training loss. */
  lossGap: number;
  /** First epoch with validation accuracy at least `escapeAccuracy` (leaving the chance plateau). */
  firstEpochAboveChance?: number;
  /** Epochs spent below `escapeAccuracy` before that (all epochs if it never got there). */
  epochsNearChance: number;
  /** Largest peak of tfjs tensor bytes over the epochs' profiled steps. */
  peakTensorBytes: number;
  /** Largest process RSS seen during training. */
  maxRssBytes: number;
  stopped?: string;
}

export interface SummaryOptions {
  /** Validation accuracy that counts as having left chance (0.1); default 0.2. */
  escapeAccuracy?: number;
  /** Relative rise of validation loss over its minimum that counts as overfitting; default 0.05. */
  overfitTolerance?: number;
}

function argBest(
  history: EpochRecord[],
  value: (r: EpochRecord) => number,
  better: (a: number, b: number) => boolean,
): EpochRecord | undefined {
  let best: EpochRecord | undefined;
  for (const record of history) if (best === undefined || better(value(record), value(best))) best = record;
  return best;
}

/** The derived figures of a run (or of any history, e.g. its first N epochs). */
export function summarizeRun(
  run: TrainingCurves,
  { escapeAccuracy = 0.2, overfitTolerance = 0.05 }: SummaryOptions = {},
): RunSummary {
  const { history } = run;
  const final = history.at(-1);
  const bestAcc = argBest(
    history,
    (r) => r.valAccuracy,
    (a, b) => a > b,
  );
  const minLoss = argBest(
    history,
    (r) => (Number.isFinite(r.valLoss) ? r.valLoss : Infinity),
    (a, b) => a < b,
  );
  const escaped = history.find((r) => r.valAccuracy >= escapeAccuracy);
  const onset =
    final && minLoss && final.epoch - minLoss.epoch >= 2 && final.valLoss > minLoss.valLoss * (1 + overfitTolerance)
      ? minLoss.epoch
      : undefined;
  const summary: RunSummary = {
    ...trainingTotals(history),
    trainLoss: final?.trainLoss ?? NaN,
    trainAccuracy: final?.trainAccuracy ?? NaN,
    valLoss: final?.valLoss ?? NaN,
    valAccuracy: final?.valAccuracy ?? NaN,
    bestValAccuracy: bestAcc?.valAccuracy ?? NaN,
    bestValAccuracyEpoch: bestAcc?.epoch ?? 0,
    minValLoss: minLoss?.valLoss ?? NaN,
    minValLossEpoch: minLoss?.epoch ?? 0,
    accuracyGap: final ? final.trainAccuracy - final.valAccuracy : NaN,
    lossGap: final ? final.valLoss - final.trainLoss : NaN,
    epochsNearChance: escaped ? escaped.epoch - 1 : history.length,
    peakTensorBytes: Math.max(0, ...history.map((r) => r.peakTensorBytes)),
    maxRssBytes: Math.max(0, ...history.map((r) => r.maxRssBytes)),
  };
  if (final) summary.final = final;
  if (onset !== undefined) summary.overfittingOnset = onset;
  if (escaped) summary.firstEpochAboveChance = escaped.epoch;
  if (run.stopped) summary.stopped = run.stopped;
  return summary;
}
