/**
 * Exercise 8 (make AlexNet overfit; what breaks training): findings as
 * markdown bullets built from the runs' numbers, worded by what each run did.
 */
import { counted, formatPercent as pct, formatValue, withCommas } from "../../format";
import { describeOutcome, trainingOutcome } from "../../runs/outcome";
import type { Run } from "../../runs/run";
import { summarizeRun } from "../../runs/summary";

/** How far a run got towards memorising its training set, and what that did to validation. */
export function overfitFindings(run: Run): string {
  const s = summarizeRun(run);
  const last = s.final;
  if (!last) return `- ${run.label}: ${describeOutcome(run)}`;
  const memorised = last.trainAccuracy >= 0.95 ? "memorised its training set" : "had not memorised its training set";
  const onset =
    s.overfittingOnset === undefined
      ? `validation loss was lowest at epoch ${s.minValLossEpoch} of ${s.epochs} (no rise of more than 5% after it)`
      : `validation loss was lowest (${s.minValLoss.toFixed(3)}) at epoch ${s.overfittingOnset} and rose to ${last.valLoss.toFixed(3)} by epoch ${s.epochs}`;
  return [
    `- After ${counted(s.epochs, "epoch")} on ${withCommas(run.trainSize)} images ${run.label} ${memorised}: ` +
      `train accuracy ${pct(last.trainAccuracy)}, train loss ${last.trainLoss.toFixed(3)}.`,
    `- Validation accuracy ${pct(last.valAccuracy)} (best ${pct(s.bestValAccuracy)} at epoch ${s.bestValAccuracyEpoch}): ` +
      `a gap of ${(100 * s.accuracyGap).toFixed(1)} points; val loss ${last.valLoss.toFixed(3)} is ${(last.valLoss / Math.max(last.trainLoss, 1e-12)).toFixed(0)}× the train loss.`,
    `- ${onset[0].toUpperCase()}${onset.slice(1)}.`,
  ].join("\n");
}

/**
 * Each modified run against the baseline: did it learn, get stuck, or diverge,
 * and where; a run that learns is compared with the baseline after as many epochs.
 */
export function breakingFindings(baseline: Run, broken: Run[]): string {
  const lines = [`- **${baseline.label}** (reference): ${describeOutcome(baseline)}.`];
  for (const run of broken) {
    const outcome = trainingOutcome(run);
    const s = summarizeRun(run);
    const sameEpochs = summarizeRun({ history: baseline.history.slice(0, s.epochs) });
    const versus =
      outcome === "learns"
        ? ` — after ${counted(s.epochs, "epoch")}: best val acc ${pct(s.bestValAccuracy)} vs the reference's ${pct(sameEpochs.bestValAccuracy)}, ` +
          `train loss ${formatValue(s.final!.trainLoss)} vs ${formatValue(sameEpochs.final?.trainLoss)}`
        : "";
    lines.push(`- **${run.label}**: ${describeOutcome(run)}${versus}.`);
  }
  return lines.join("\n");
}
