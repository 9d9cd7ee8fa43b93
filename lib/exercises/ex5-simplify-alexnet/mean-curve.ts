import type { SeededComparison } from "../../runs/seeds";
import { accuracyOverTime } from "./accuracy-over-time";

export interface MeanCurvePoint {
  epoch: number;
  /** Mean over the seeds of the training seconds spent up to this epoch (validation excluded). */
  trainSeconds: number;
  /** Mean, lowest and highest validation accuracy over the seeds after this epoch. */
  valAccuracy: number;
  min: number;
  max: number;
}

/** Validation accuracy per epoch, averaged over the seeds (epochs every seed finished). */
export function meanCurve(comparison: SeededComparison): MeanCurvePoint[] {
  const curves = comparison.runs.map((run) => accuracyOverTime(run));
  const epochs = Math.min(...curves.map((c) => c.length));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return Array.from({ length: Number.isFinite(epochs) ? epochs : 0 }, (_, i) => {
    const accuracies = curves.map((c) => c[i].valAccuracy);
    return {
      epoch: i + 1,
      trainSeconds: mean(curves.map((c) => c[i].trainSeconds)),
      valAccuracy: mean(accuracies),
      min: Math.min(...accuracies),
      max: Math.max(...accuracies),
    };
  });
}

/**
 * How much the mean validation accuracy still rose over the last `lastEpochs`
 * epochs, and the mean of each seed's best epoch against the mean final value:
 * what says whether training had (nearly) stopped improving.
 */
export function lateRise(
  comparison: SeededComparison,
  lastEpochs = 2,
): { epochs: number; over: number; rise: number; from: number; final: number; best: number } {
  const curve = meanCurve(comparison);
  const final = curve.at(-1)?.valAccuracy ?? NaN;
  const over = Math.min(lastEpochs, curve.length - 1);
  const from = over > 0 ? curve[curve.length - 1 - over].valAccuracy : NaN;
  const bests = comparison.runs.map((run) => Math.max(...run.history.map((r) => r.valAccuracy)));
  return {
    epochs: curve.length,
    over,
    rise: final - from,
    from,
    final,
    best: bests.reduce((a, b) => a + b, 0) / bests.length,
  };
}
