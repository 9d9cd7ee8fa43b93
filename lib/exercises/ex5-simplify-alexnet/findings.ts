/**
 * Exercise 5's findings as markdown, every number taken from the runs: what
 * each simplification saved in counted FLOPs and measured speed, which one is
 * kept, and how the 28×28 designs compare with it over training time.
 */
import { counted, formatPercent, formatRatio, withCommas } from "../../format";
import type { Run } from "../../runs/run";
import { summarizeRun } from "../../runs/summary";
import { accuracyOverTime } from "./accuracy-over-time";
import { pickSimplified } from "./variant-table";

/** The budget every 5.1 variant trains with, in one sentence. */
export function variantBudget(budget: {
  preset: string;
  trainImages: number;
  valImages: number;
  batchSize: number;
  epochs: number;
  size: number;
}): string {
  const steps = budget.epochs * Math.ceil(budget.trainImages / budget.batchSize);
  return (
    `Preset **${budget.preset}**: ${withCommas(budget.trainImages)} training and ${withCommas(budget.valImages)} validation images, ` +
    `batch ${budget.batchSize}, ${counted(budget.epochs, "epoch")} for every variant ` +
    `(${withCommas(steps)} Adam steps each), one seed; AlexNet at ${budget.size}×${budget.size}; ` +
    "PyTorch's default initialisation (what d2l's AlexNet effectively uses)."
  );
}

/** Standard error, in points, of an accuracy measured on `images` images (binomial). */
function standardErrorPoints(accuracy: number, images: number): number {
  return 100 * Math.sqrt((accuracy * (1 - accuracy)) / images);
}

/** Each variant against AlexNet, the one kept (fastest within `tolerance` of AlexNet's val acc), and the noise floor. */
export function simplificationFindings(
  runs: Run[],
  { baseline, tolerance }: { baseline: string; tolerance: number },
): string {
  const { run: kept, withinTolerance } = pickSimplified(runs, baseline, tolerance);
  const base = runs.find((r) => r.label === baseline)!;
  const b = summarizeRun(base);
  const k = summarizeRun(kept);
  const points = `${(100 * tolerance).toFixed(0)} points`;
  const lines = runs
    .filter((run) => run !== base)
    .map((run) => {
      const s = summarizeRun(run);
      return (
        `- ${run.label}: ${formatRatio(base.flopsPerImage / run.flopsPerImage, 1)} fewer FLOPs, ` +
        `${formatRatio(s.imagesPerSecond / b.imagesPerSecond, 1)} the throughput, validation ${formatPercent(s.valAccuracy)} ` +
        `(${baseline} ${formatPercent(b.valAccuracy)}).`
      );
    });
  const choice = withinTolerance
    ? `**Kept as the simplified AlexNet** (the fastest variant within ${points} of ${baseline}'s validation accuracy): **${kept.label}**`
    : `**No variant stayed within ${points} of ${baseline} in this run; kept the most accurate one as the simplified AlexNet: ${kept.label}**`;
  return [
    ...lines,
    "",
    `${choice} — ${withCommas(kept.params)} parameters instead of ${withCommas(base.params)}, ` +
      `${formatRatio(k.imagesPerSecond / b.imagesPerSecond, 1)} ${baseline}'s training throughput, validation ${formatPercent(k.valAccuracy)}.`,
    `One seed per variant: a validation accuracy of ${formatPercent(b.valAccuracy)} measured on ${withCommas(base.valSize)} images ` +
      `alone has a standard error of ${standardErrorPoints(b.valAccuracy, base.valSize).toFixed(1)} points, before seed-to-seed ` +
      "variation, so smaller differences are not resolved.",
  ].join("\n");
}

/**
 * Each 28×28 design against the simplified AlexNet over training time: its
 * final accuracy, what it had reached when AlexNet finished its first epoch,
 * and when (if ever) it matched AlexNet's final accuracy.
 */
export function designFindings(simplified: Run, designs: Run[]): string {
  const alex = accuracyOverTime(simplified);
  const alexFinal = alex.at(-1);
  if (!alexFinal) return `- ${simplified.label} finished no epoch: nothing to compare with.`;
  const firstEpochSeconds = alex[0].trainSeconds;
  return designs
    .map((run) => {
      const curve = accuracyOverTime(run);
      const last = curve.at(-1);
      if (!last) return `- ${run.label}: no epoch finished.`;
      const reached = Math.max(
        0,
        ...curve.filter((p) => p.trainSeconds <= firstEpochSeconds).map((p) => p.valAccuracy),
      );
      const matched = curve.find((p) => p.valAccuracy >= alexFinal.valAccuracy);
      const match = matched
        ? `it matched the simplified AlexNet's final accuracy after ${matched.trainSeconds.toFixed(0)} s ` +
          `(${formatRatio(alexFinal.trainSeconds / matched.trainSeconds, 1)} sooner).`
        : "it did not match the simplified AlexNet's final accuracy in this run.";
      return (
        `- ${run.label}: ${formatPercent(last.valAccuracy)} after ${last.trainSeconds.toFixed(0)} s ` +
        `(simplified AlexNet: ${formatPercent(alexFinal.valAccuracy)} after ${alexFinal.trainSeconds.toFixed(0)} s); ` +
        `by ${firstEpochSeconds.toFixed(0)} s, when the simplified AlexNet had finished one epoch at ${formatPercent(alex[0].valAccuracy)}, ` +
        `it had reached ${reached > 0 ? formatPercent(reached) : "no finished epoch"}; ${match}`
      );
    })
    .join("\n");
}
