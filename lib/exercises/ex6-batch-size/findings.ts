/**
 * Exercise 6's findings as markdown, every number from the sweeps: throughput,
 * accuracy after equal images, and memory (predicted against measured).
 */
import { activationCrossoverBatch } from "../../cost";
import { counted, formatPercent, formatRatio, inMiB, withCommas } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import type { BatchSweepRow } from "./batch-sweep";

/** The sweep's budget in one sentence. */
export function sweepBudget(budget: {
  preset: string;
  model: string;
  size: number;
  batches: number[];
  epochs: number;
  trainImages: number;
  valImages: number;
}): string {
  return (
    `Preset **${budget.preset}**: ${budget.model} at ${budget.size}×${budget.size}, batch sizes ${budget.batches.join(", ")}, ` +
    `${counted(budget.epochs, "epoch")} over ${withCommas(budget.trainImages)} training images ` +
    `(validation: ${withCommas(budget.valImages)} test images), Adam lr 0.001, seed 0.`
  );
}

function extremes(rows: BatchSweepRow[]): [BatchSweepRow, BatchSweepRow] {
  if (rows.length === 0) throw new Error("a batch sweep with no rows has no findings");
  return [rows[0], rows[rows.length - 1]];
}

/** Throughput, accuracy after the same images, and time, smallest against largest batch. */
export function throughputFindings(rows: BatchSweepRow[]): string {
  const [smallest, largest] = extremes(rows);
  const fastest = rows.reduce((a, b) => (b.warmImagesPerSecond > a.warmImagesPerSecond ? b : a));
  const mostAccurate = rows.reduce((a, b) => (b.valAccuracy > a.valAccuracy ? b : a));
  const rate = (r: BatchSweepRow) => r.warmImagesPerSecond.toFixed(0);
  return [
    `- Throughput: ${rate(smallest)} images/s at batch ${smallest.batchSize}, ${rate(largest)} at batch ${largest.batchSize} ` +
      `(${formatRatio(largest.warmImagesPerSecond / smallest.warmImagesPerSecond, 1)}); ` +
      `the fastest was batch ${fastest.batchSize} at ${rate(fastest)} images/s.`,
    `- Accuracy after the same ${withCommas(smallest.trainImages)} images: ${formatPercent(smallest.valAccuracy)} at batch ` +
      `${smallest.batchSize} (${smallest.steps} steps) vs ${formatPercent(largest.valAccuracy)} at batch ${largest.batchSize} ` +
      `(${largest.steps} steps); the best was batch ${mostAccurate.batchSize} (${formatPercent(mostAccurate.valAccuracy)}).`,
    `- Training time for those images: ${smallest.trainSeconds.toFixed(0)} s at batch ${smallest.batchSize}, ` +
      `${largest.trainSeconds.toFixed(0)} s at batch ${largest.batchSize}.`,
  ].join("\n");
}

/** Predicted against measured training memory of a sweep, and where activations overtake the fixed part. */
export function memoryFindings(
  rows: BatchSweepRow[],
  { spec, crossoverSizes, backend }: { spec: (size: number) => NetworkSpec; crossoverSizes: number[]; backend: string },
): string {
  const [first, last] = extremes(rows);
  const fixedPart = (r: BatchSweepRow) => r.predicted.weights + r.predicted.gradients + r.predicted.optimizerState;
  const ratios = rows.map((r) => r.peakTensorBytes / r.predicted.total);
  const excess = first.peakTensorBytes - first.predicted.total;
  const mib = (bytes: number) => inMiB(bytes).toFixed(0);
  const crossovers = crossoverSizes.map(
    (size) => `${activationCrossoverBatch(spec(size), { optimizer: "adam" })} at ${size}×${size}`,
  );
  return [
    `- Predicted training memory grows from ${mib(first.predicted.total)} MiB at batch ${first.batchSize} to ` +
      `${mib(last.predicted.total)} MiB at batch ${last.batchSize}; the fixed part (weights, gradients, Adam state) is ` +
      `${mib(fixedPart(last))} MiB, the per-batch part at batch ${last.batchSize} ${mib(last.predicted.total - fixedPart(last))} MiB.`,
    `- tfjs's measured peak is ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} × the prediction across ` +
      `batch sizes; at batch ${first.batchSize} the excess is ${mib(excess)} MiB = ` +
      `${(excess / first.predicted.weights).toFixed(1)} copies of the weights (explained below). ` +
      `Process RSS went from ${mib(first.maxRssBytes)} to ${mib(last.maxRssBytes)} MiB.`,
    `- Throughput: ${first.warmImagesPerSecond.toFixed(1)} images/s at batch ${first.batchSize}, ` +
      `${last.warmImagesPerSecond.toFixed(1)} at batch ${last.batchSize} ` +
      `(${formatRatio(last.warmImagesPerSecond / first.warmImagesPerSecond, 1)}).`,
    `- Predicted batch at which activations (with input and gradient workspace) outweigh weights + gradients + Adam state: ` +
      `${crossovers.join(", ")}.`,
    `- Backend: ${backend}; GPU memory: not measured (no tfjs-node-gpu on this machine).`,
  ].join("\n");
}
