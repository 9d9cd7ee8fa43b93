/**
 * Exercise 7.2's findings: each preprocessing variant against the same network
 * without it (accuracy, whether it was still learning, measured cost), and
 * which is best only where the seed spread allows a pick.
 */
import { formatPercent, signedPoints } from "../../format";
import type { SeededComparison } from "../../runs/seeds";
import { describeDifference, describeLateRise, difference, seedCount, stillRising } from "./evidence";

const val = (c: SeededComparison) => formatPercent(c.valAccuracy.mean);
const train = (c: SeededComparison) => formatPercent(c.trainAccuracy.mean);

/** Training throughput against the baseline's: a ratio of time per image, or "no measurable cost" inside the spread. */
export function describeCost(c: SeededComparison, without: SeededComparison): string {
  const speeds = `${c.imagesPerSecond.mean.toFixed(0)} images/s against ${without.imagesPerSecond.mean.toFixed(0)} without`;
  const d = difference(c.imagesPerSecond, without.imagesPerSecond);
  if (!d.resolved) return `trains at ${speeds}, inside the seeds' spread of throughput: no measurable cost`;
  const ratio = without.imagesPerSecond.mean / c.imagesPerSecond.mean;
  return ratio > 1
    ? `trains at ${speeds}: ${ratio.toFixed(1)}× the time per image`
    : `trains at ${speeds}: no extra cost (faster, every seed)`;
}

function variantLine(c: SeededComparison, without: SeededComparison): string {
  const d = difference(c.valAccuracy, without.valAccuracy);
  const rise = describeLateRise(c);
  const loses = d.resolved && d.points < 0;
  const underfit =
    loses && stillRising(c)
      ? " — it had not caught up when the budget ended: underfitting in this budget, measured, not a verdict on the invariance"
      : "";
  return (
    `- **${c.label}**: validation ${val(c)} (${describeDifference(d, seedCount(c, without))}); ` +
    `training accuracy ${train(c)} against ${train(without)} without` +
    (rise ? `; ${rise}${underfit}` : "") +
    `; ${describeCost(c, without)}.`
  );
}

/** The variant with the highest mean, and the others whose seed ranges overlap it (a tie the seeds cannot break). */
export function bestWithin(candidates: SeededComparison[]): { best: SeededComparison; tied: SeededComparison[] } {
  const best = [...candidates].sort((a, b) => b.valAccuracy.mean - a.valAccuracy.mean)[0];
  const tied = candidates.filter((c) => c !== best && !difference(c.valAccuracy, best.valAccuracy).resolved);
  return { best, tied };
}

function bestLine(augmented: SeededComparison[], without: SeededComparison): string {
  const { best, tied } = bestWithin([without, ...augmented]);
  const name = (c: SeededComparison) => (c === without ? "no augmentation" : `**${c.label}**`);
  if (seedCount(without, ...augmented) < 2) return "- Best: unresolved, one seed measures no spread.";
  if (tied.length > 0) {
    return (
      `- Best: unresolved. The highest mean, ${name(best)} at ${val(best)}, is inside the seed spread of ` +
      `${tied.map(name).join(" and ")}.`
    );
  }
  return `- Best: ${name(best)} at ${val(best)}, every seed above every seed of the other variants.`;
}

/** Each variant against `without` (the same network, no preprocessing), then the best one where the seeds allow. */
export function augmentationFindings(augmented: SeededComparison[], without: SeededComparison): string {
  const baseRise = describeLateRise(without);
  const baseline =
    `- Without augmentation the network reaches ${val(without)} validation and ${train(without)} training accuracy ` +
    `(train − validation ${signedPoints(without.trainAccuracy.mean - without.valAccuracy.mean)})` +
    (baseRise ? `; ${baseRise}.` : ".");
  return [baseline, ...augmented.map((c) => variantLine(c, without)), bestLine(augmented, without)].join("\n");
}
