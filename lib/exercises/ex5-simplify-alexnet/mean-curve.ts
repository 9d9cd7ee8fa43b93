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
