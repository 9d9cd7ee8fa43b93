import type { FitResult } from "../../train/history";
import { summarizeRun } from "./summary";

/**
 * How a training run ended, judged from its numbers only:
 * - "diverged": the loss became NaN or infinite and the Trainer stopped;
 * - "stuck": validation accuracy never reached `escapeAccuracy` (chance is 0.1);
 * - "learns": anything else.
 */
export type TrainingOutcome = "diverged" | "stuck" | "learns";

export function trainingOutcome(result: FitResult, escapeAccuracy = 0.2): TrainingOutcome {
  if (result.stopped) return "diverged";
  return summarizeRun(result, { escapeAccuracy }).firstEpochAboveChance === undefined ? "stuck" : "learns";
}

/** One line saying what happened, with the numbers that show it. */
export function describeOutcome(result: FitResult, escapeAccuracy = 0.2): string {
  const outcome = trainingOutcome(result, escapeAccuracy);
  const s = summarizeRun(result, { escapeAccuracy });
  const last = s.final;
  if (outcome === "diverged") {
    const before = last ? ` after ${s.epochs} finished epoch(s) (last val acc ${last.valAccuracy.toFixed(3)})` : " in its first epoch";
    return `diverged: ${result.stopped}${before}`;
  }
  if (!last) return "no epoch finished";
  if (outcome === "stuck") {
    return `stuck near chance: best val acc ${s.bestValAccuracy.toFixed(3)} in ${s.epochs} epochs, final train loss ${last.trainLoss.toFixed(3)} (ln 10 = 2.303 is a uniform guess)`;
  }
  return `learns: val acc ${last.valAccuracy.toFixed(3)} after ${s.epochs} epochs (best ${s.bestValAccuracy.toFixed(3)} at epoch ${s.bestValAccuracyEpoch}), train acc ${last.trainAccuracy.toFixed(3)}`;
}
