/**
 * Exercise 7's findings as markdown, every number from the seeded comparisons:
 * what ReLU, max-pooling, a larger step and dropout did to LeNet, and what each
 * augmentation did against the same network without it.
 */
import { counted, formatPercent, signedPoints, withCommas } from "../../format";
import type { SeededComparison } from "../../runs/seeds";

/** The budget of every comparison, in one sentence. */
export function seedBudget(budget: {
  preset: string;
  trainImages: number;
  valImages: number;
  epochs: number;
  batchSize: number;
  seeds: number[];
}): string {
  const steps = budget.epochs * Math.ceil(budget.trainImages / budget.batchSize);
  return (
    `Preset **${budget.preset}**: ${withCommas(budget.trainImages)} training images (the first ones of the file), ` +
    `${withCommas(budget.valImages)} validation images, ${counted(budget.epochs, "epoch")} of batch ${budget.batchSize} ` +
    `(${withCommas(steps)} SGD steps), ${budget.seeds.length === 1 ? "seed" : "seeds"} ${budget.seeds.join(", ")}.`
  );
}

/** The five LeNet variants of the architecture comparison, by role. */
export interface ArchitectureComparisons {
  sigmoid: SeededComparison;
  sigmoidLargeStep: SeededComparison;
  relu: SeededComparison;
  reluMaxPool: SeededComparison;
  reluMaxPoolDropout: SeededComparison;
  /** The learning rates of the sigmoid runs (d2l's, and the larger one). */
  lr: number;
  largeLr: number;
}

const val = (c: SeededComparison) => formatPercent(c.valAccuracy.mean);
const gap = (c: SeededComparison) => signedPoints(c.trainAccuracy.mean - c.valAccuracy.mean);

export function architectureFindings(c: ArchitectureComparisons): string {
  const closes = c.relu.valAccuracy.mean > c.sigmoid.valAccuracy.mean;
  const share =
    (c.sigmoidLargeStep.valAccuracy.mean - c.sigmoid.valAccuracy.mean) /
    (c.relu.valAccuracy.mean - c.sigmoid.valAccuracy.mean);
  return [
    `- With d2l's lr ${c.lr} the sigmoid LeNet reaches ${val(c.sigmoid)} validation accuracy in this budget; ` +
      `swapping in ReLU alone gives ${val(c.relu)}, and max-pooling on top ${val(c.reluMaxPool)}.`,
    `- The sigmoid network with lr ${c.largeLr} reaches ${val(c.sigmoidLargeStep)}` +
      (closes
        ? `: the larger step closes ${(100 * share).toFixed(0)}% of the gap between the sigmoid net at lr ${c.lr} and ReLU at lr ${c.lr}.`
        : "."),
    `- Dropout: ${val(c.reluMaxPoolDropout)} validation vs ${val(c.reluMaxPool)} without; ` +
      `train − validation gap ${gap(c.reluMaxPoolDropout)} vs ${gap(c.reluMaxPool)}.`,
  ].join("\n");
}

/** Each augmentation against `without` (the same network, no augmentation), the best one, and the seed noise of `all`. */
export function augmentationFindings(
  augmented: SeededComparison[],
  without: SeededComparison,
  all: SeededComparison[],
): string {
  const best = [...augmented].sort((a, b) => b.valAccuracy.mean - a.valAccuracy.mean)[0];
  const seeds = Math.max(...all.map((c) => c.runs.length));
  const noise = Math.max(...all.map((c) => c.valAccuracy.std));
  const resolution =
    seeds > 1
      ? `The seed-to-seed standard deviation of validation accuracy is up to ${(100 * noise).toFixed(1)} points across all rows, ` +
        `so differences of less than about twice that are not resolved by ${seeds} seeds.`
      : "One seed: no spread measured, so no difference here is resolved.";
  return [
    ...augmented.map(
      (c) =>
        `- ${c.label}: validation ${val(c)} (${signedPoints(c.valAccuracy.mean - without.valAccuracy.mean)}), ` +
        `training ${formatPercent(c.trainAccuracy.mean)} (vs ${formatPercent(without.trainAccuracy.mean)} without).`,
    ),
    `- Best: **${best.label}**. ${resolution}`,
  ].join("\n");
}
