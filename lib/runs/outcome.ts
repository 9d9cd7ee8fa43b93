import { counted, formatPercent, formatValue } from "../format";
import type { TrainingCurves } from "../train/history";
import { summarizeRun } from "./summary";

/**
 * How a training run ended, judged from its numbers only:
 * - "diverged": the loss became NaN or infinite and the Trainer stopped;
 * - "exploded": the loss stayed finite but ended far above a uniform guess's ln 10
 *   (more than `EXPLODED_LOSS`), whether or not accuracy left chance: a network whose
 *   loss is astronomical is useless as a probability model even when its top class is right;
 * - "stuck": validation accuracy never reached `escapeAccuracy` (chance is 0.1);
 * - "learns": anything else.
 */
export type TrainingOutcome = "diverged" | "exploded" | "stuck" | "learns";

/** A final training loss above this (10× ln 10) counts as blown up. */
export const EXPLODED_LOSS = 10 * Math.log(10);

export function trainingOutcome(result: TrainingCurves, escapeAccuracy = 0.2): TrainingOutcome {
  if (result.stopped) return "diverged";
  const s = summarizeRun(result, { escapeAccuracy });
  if ((s.final?.trainLoss ?? 0) > EXPLODED_LOSS) return "exploded";
  return s.firstEpochAboveChance !== undefined ? "learns" : "stuck";
}

/** One line saying what happened, with the numbers that show it. */
export function describeOutcome(result: TrainingCurves, escapeAccuracy = 0.2): string {
  const outcome = trainingOutcome(result, escapeAccuracy);
  const s = summarizeRun(result, { escapeAccuracy });
  const last = s.final;
  if (outcome === "diverged") {
    const before = last
      ? ` after ${counted(s.epochs, "finished epoch")} (last val acc ${formatPercent(last.valAccuracy)})`
      : " in its first epoch";
    return `diverged: ${result.stopped}${before}`;
  }
  if (!last) return "no epoch finished";
  if (outcome === "exploded") {
    const loss = `final train loss ${formatValue(last.trainLoss)} (a uniform guess scores ln 10 = 2.303)`;
    if (s.firstEpochAboveChance === undefined) {
      return `loss blew up but stayed finite: ${loss}, best val acc ${formatPercent(s.bestValAccuracy)} in ${counted(s.epochs, "epoch")}`;
    }
    return `loss blew up while accuracy rose: ${loss}, yet val acc ${formatPercent(s.bestValAccuracy)} at best in ${counted(s.epochs, "epoch")}; its top class is often right but its probabilities are useless`;
  }
  if (outcome === "stuck") {
    return `stuck near chance: best val acc ${formatPercent(s.bestValAccuracy)} in ${counted(s.epochs, "epoch")}, final train loss ${formatValue(last.trainLoss)} (ln 10 = 2.303 is a uniform guess)`;
  }
  return `learns: val acc ${formatPercent(last.valAccuracy)} after ${counted(s.epochs, "epoch")} (best ${formatPercent(s.bestValAccuracy)} at epoch ${s.bestValAccuracyEpoch}), train acc ${formatPercent(last.trainAccuracy)}`;
}
