/**
 * Exercise 7.1's findings: what ReLU, max-pooling, dropout and a larger step did
 * to d2l's sigmoid LeNet, each difference judged against the seed spread.
 */
import { formatPercent, signedPoints, withCommas } from "../../format";
import { summarizeRun } from "../../runs/summary";
import type { SeededComparison } from "../../runs/seeds";
import {
  allTrained,
  describeDifference,
  describeLateRise,
  difference,
  seedCount,
  seedsThatTrained,
  stepsPerEpoch,
  totalSteps,
} from "./evidence";

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
const train = (c: SeededComparison) => formatPercent(c.trainAccuracy.mean);
const gap = (c: SeededComparison) => signedPoints(c.trainAccuracy.mean - c.valAccuracy.mean);
const versus = (a: SeededComparison, b: SeededComparison) =>
  describeDifference(difference(a.valAccuracy, b.valAccuracy), seedCount(a, b));

/** "stayed at chance in 2 of 3 seeds" / "left chance at epoch 9 to 10 (after 1,413 to 1,570 steps)". */
export function chancePlateau(c: SeededComparison): string {
  const trained = seedsThatTrained(c);
  const n = c.runs.length;
  if (trained === 0) return `stayed at chance${n === 1 ? "" : n === 2 ? " in both seeds" : ` in all ${n} seeds`}`;
  if (trained < n) return `stayed at chance in ${n - trained} of ${n} seeds`;
  const epochs = c.runs.map((run) => summarizeRun(run).firstEpochAboveChance ?? 0);
  const [first, last] = [Math.min(...epochs), Math.max(...epochs)];
  const steps = (e: number) => withCommas(e * stepsPerEpoch(c));
  return first === last
    ? `left chance (validation accuracy ≥ 20%) at epoch ${first}, after ${steps(first)} steps`
    : `left chance (validation accuracy ≥ 20%) between epochs ${first} and ${last}, after ${steps(first)} to ${steps(last)} steps`;
}

function largeStepFinding(c: ArchitectureComparisons): string {
  const large = c.sigmoidLargeStep;
  const head = `- The sigmoid LeNet at lr ${c.largeLr} (${(c.largeLr / c.lr).toFixed(0)}× d2l's step)`;
  if (seedsThatTrained(large) === 0) {
    return `${head} ${chancePlateau(large)}, ending at ${val(large)}: in this budget the larger step did not do what ReLU did.`;
  }
  const partly = allTrained(large) ? "" : ` (it ${chancePlateau(large)})`;
  return (
    `${head} ends at ${val(large)}${partly}: against lr ${c.lr}, ${versus(large, c.sigmoid)}; ` +
    `against ReLU at lr ${c.lr}, ${versus(large, c.relu)}.`
  );
}

export function architectureFindings(c: ArchitectureComparisons): string {
  const sigmoidTrained = allTrained(c.sigmoid);
  const rise = describeLateRise(c.sigmoid);
  const sigmoidLine =
    `- d2l's sigmoid LeNet (lr ${c.lr}) ${chancePlateau(c.sigmoid)}; it ends at ${val(c.sigmoid)} after ${withCommas(totalSteps(c.sigmoid))} steps` +
    (sigmoidTrained && rise ? `, and ${rise}.` : ".") +
    (sigmoidTrained
      ? ""
      : " Every comparison with it below therefore says only that it had not started learning in this budget.");
  const others = [c.relu, c.reluMaxPool, c.reluMaxPoolDropout].filter((v) => !allTrained(v));
  const trainedLine =
    others.length === 0
      ? "- Every ReLU run left chance."
      : `- Did not train in every seed: ${others.map((v) => `**${v.label}** (${chancePlateau(v)})`).join("; ")}.`;
  return [
    sigmoidLine,
    trainedLine,
    `- ReLU in place of the sigmoids (average pooling kept): ${val(c.relu)} against the sigmoid LeNet's ${val(c.sigmoid)} (${versus(c.relu, c.sigmoid)}).`,
    `- Max-pooling in place of average pooling, with ReLU: ${val(c.reluMaxPool)} against ${val(c.relu)} (${versus(c.reluMaxPool, c.relu)}).`,
    `- Dropout 0.5 after both hidden dense layers, on top of that: ${val(c.reluMaxPoolDropout)} against ${val(c.reluMaxPool)} without dropout (${versus(c.reluMaxPoolDropout, c.reluMaxPool)}). ` +
      `Training accuracy (measured during each epoch, with dropout active) is ${train(c.reluMaxPoolDropout)} against ${train(c.reluMaxPool)}, ` +
      `so the train − validation gap is ${gap(c.reluMaxPoolDropout)} with dropout and ${gap(c.reluMaxPool)} without.`,
    largeStepFinding(c),
  ].join("\n");
}
