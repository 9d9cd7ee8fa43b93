/**
 * Exercise 7's answer: one sentence per question, worded by what the seeded
 * runs say (improves, does not, or unresolved), each citing its numbers.
 */
import { formatPercent, withCommas } from "../../format";
import type { SeededComparison } from "../../runs/seeds";
import type { ArchitectureComparisons } from "./architecture";
import { chancePlateau } from "./architecture";
import { allTrained, describeDifference, difference, seedCount, stillRising, totalSteps } from "./evidence";

const val = (c: SeededComparison) => formatPercent(c.valAccuracy.mean);

function dropoutReluAnswer(c: ArchitectureComparisons, steps: number): string {
  const modified = c.reluMaxPoolDropout;
  const d = difference(modified.valAccuracy, c.sigmoid.valAccuracy);
  const seeds = seedCount(modified, c.sigmoid);
  const measured =
    `ReLU, max-pooling and dropout reach ${val(modified)} validation accuracy against ${val(c.sigmoid)} ` +
    `for d2l's sigmoid LeNet after ${withCommas(steps)} SGD steps (${describeDifference(d, seeds)})`;
  if (!allTrained(c.sigmoid)) {
    return (
      `Not settled here: d2l's sigmoid LeNet ${chancePlateau(c.sigmoid)} within ${withCommas(steps)} SGD steps, ` +
      `so ReLU, max-pooling and dropout's ${val(modified)} against its ${val(c.sigmoid)} (${describeDifference(d, seeds)}) ` +
      "only shows that the sigmoid network had not started learning."
    );
  }
  const dropout = difference(modified.valAccuracy, c.reluMaxPool.valAccuracy);
  const dropoutPart = `; dropout's own share, against the same network without it, is ${describeDifference(dropout, seedCount(modified, c.reluMaxPool))}`;
  const early = stillRising(c.sigmoid)
    ? "; the sigmoid network was still rising when the budget ended, so this is a lead in learning speed within the budget, not a final accuracy"
    : "";
  if (!d.resolved) return `Unresolved: ${measured}${dropoutPart}.`;
  return d.points > 0 ? `Yes: ${measured}${early}${dropoutPart}.` : `No: ${measured}${dropoutPart}.`;
}

function augmentationAnswer(augmented: SeededComparison[], without: SeededComparison, steps: number): string {
  const judged = augmented.map((c) => ({ c, d: difference(c.valAccuracy, without.valAccuracy) }));
  const best = [...judged].sort((a, b) => b.d.points - a.d.points)[0];
  const seeds = seedCount(without, ...augmented);
  const gains = judged.filter((j) => j.d.resolved && j.d.points > 0);
  const losses = judged.filter((j) => j.d.resolved && j.d.points < 0);
  const bestPart = `**${best.c.label}** gives ${val(best.c)} against ${val(without)} without (${describeDifference(best.d, seeds)})`;
  if (gains.length > 0) {
    const others = gains.length > 1 ? `; ${gains.length} of ${judged.length} variants beat the seed spread` : "";
    return `Yes: ${bestPart}${others}.`;
  }
  if (losses.length === judged.length) {
    const risingLosers = losses.filter((j) => stillRising(j.c)).length;
    const underfit =
      risingLosers > 0
        ? `; ${risingLosers} of them ${risingLosers === 1 ? "was" : "were"} still rising when the ${withCommas(steps)} steps ended, so in this budget they slow learning more than they regularise`
        : "";
    return `No, not in this budget: every variant lowered validation accuracy beyond the seed spread, the least ${bestPart}${underfit}.`;
  }
  const lost =
    losses.length > 0 ? `; ${losses.map((j) => `**${j.c.label}**`).join(" and ")} lowered it beyond the spread` : "";
  return `Not shown: no variant raised validation accuracy beyond the seed spread; the best, ${bestPart}${lost}.`;
}

/** The two answers as markdown bullets; the budget in steps is read from the runs. */
export function dropoutAugmentationAnswer(
  architectures: ArchitectureComparisons,
  augmented: SeededComparison[],
  without: SeededComparison,
): string {
  const steps = totalSteps(without);
  return [
    `- **Dropout and ReLU: does LeNet improve?** ${dropoutReluAnswer(architectures, steps)}`,
    `- **Preprocessing that uses the images' invariances: does it improve further?** ${augmentationAnswer(augmented, without, steps)}`,
  ].join("\n");
}
