/** Exercise 6's answer: one generated sentence per sub-question (throughput, accuracy, memory), each with its numbers. */
import { activationCrossoverBatch, memoryByBatch, type TrainingMemory } from "../../cost";
import { formatPercent, inMiB, withCommas } from "../../format";
import { alexnetSpec } from "../../models/zoo";
import type { Spread } from "../../runs/seeds";
import { imagesSeen, listed, rate, type SweepArm } from "./findings";
import type { BatchPoint } from "./seeded-sweep";
import { describeTrend, monotonic, resolved } from "./trend";

/** d2l's setting: AlexNet at 224×224, trained with plain SGD (and batch 128). */
export const D2L_SIZE = 224;
export const D2L_BATCH = 128;

export interface D2lMemoryPoint {
  batch: number;
  /** d2l's optimizer: plain SGD keeps no state. */
  sgd: TrainingMemory;
  /** This notebook's optimizer: two moment tensors per weight. */
  adam: TrainingMemory;
}

/** The cost counter's (exercise 1's) predicted training memory of d2l's AlexNet at 224×224, float32. */
export function d2lTrainingMemory(batches: number[]): D2lMemoryPoint[] {
  const spec = alexnetSpec({ size: D2L_SIZE });
  const sgd = memoryByBatch(spec, batches, { optimizer: "sgd" });
  const adam = memoryByBatch(spec, batches, { optimizer: "adam" });
  return sgd.map((p, i) => ({ batch: p.batch, sgd: p.training, adam: adam[i].training }));
}

const mib = (bytes: number): string => withCommas(Math.round(inMiB(bytes)));

/** The predicted memory at d2l's setting as a markdown list. */
export function d2lMemoryFindings(points: D2lMemoryPoint[]): string {
  if (points.length === 0) throw new Error("d2lMemoryFindings: no batch sizes given");
  const spec = alexnetSpec({ size: D2L_SIZE });
  const perBatch = (of: (p: D2lMemoryPoint) => TrainingMemory) =>
    listed(points.map((p) => `${mib(of(p).total)} MiB at batch ${p.batch}`));
  return [
    `- Predicted training memory of AlexNet at ${D2L_SIZE}×${D2L_SIZE} (float32, weights + gradients + optimizer state + ` +
      `input + kept activations + gradient workspace; the cost counter of exercise 1), with d2l's plain SGD: ${perBatch((p) => p.sgd)}.`,
    `- With Adam, as trained in this notebook (two more weight-sized tensors): ${perBatch((p) => p.adam)}.`,
    `- Activations outweigh the fixed part from batch ${activationCrossoverBatch(spec, { optimizer: "sgd" })} with SGD ` +
      `and ${activationCrossoverBatch(spec, { optimizer: "adam" })} with Adam; beyond that, memory grows almost in ` +
      `proportion to the batch, which is what caps the batch size on a GPU of fixed memory.`,
  ].join("\n");
}

function trendOf(points: BatchPoint[], of: (p: BatchPoint) => Spread): string {
  return describeTrend(
    points.map((p) => p.batchSize),
    points.map(of),
  );
}

function throughputSentence({ model, points }: { model: string; points: BatchPoint[] }): string {
  const first = points[0];
  const last = points[points.length - 1];
  const fastest = points.reduce((a, b) => (b.throughput.mean > a.throughput.mean ? b : a));
  return (
    `${model} trained at ${rate(first.throughput.mean)} images/s at batch ${first.batchSize} and ` +
    `${rate(last.throughput.mean)} at batch ${last.batchSize} (fastest: batch ${fastest.batchSize}, ` +
    `${rate(fastest.throughput.mean)}); its throughput ${trendOf(points, (p) => p.throughput)}`
  );
}

function accuracySentence({ label, points }: SweepArm): string {
  const top = points.reduce((a, b) => (b.valAccuracy.mean > a.valAccuracy.mean ? b : a));
  const bottom = points.reduce((a, b) => (b.valAccuracy.mean < a.valAccuracy.mean ? b : a));
  if (top.valAccuracy.mean === bottom.valAccuracy.mean) {
    return `with ${label} the mean was ${formatPercent(top.valAccuracy.mean)} at every batch size`;
  }
  const gap = resolved(top.valAccuracy, bottom.valAccuracy)
    ? "a gap beyond the seeds' spread"
    : "a gap inside the seeds' spread, so unresolved";
  const shape = monotonic(points.map((p) => p.valAccuracy))
    ? ""
    : ", and the means are not monotonic in the batch size";
  return (
    `with ${label} the best mean was batch ${top.batchSize} (${formatPercent(top.valAccuracy.mean)}) and the worst ` +
    `batch ${bottom.batchSize} (${formatPercent(bottom.valAccuracy.mean)}), ${gap}${shape}`
  );
}

/** Three bullets, one per sub-question; wording follows the numbers. */
export function batchSizeAnswer({
  throughput,
  accuracy,
  memory,
}: {
  throughput: { model: string; points: BatchPoint[] }[];
  accuracy: SweepArm[];
  memory: D2lMemoryPoint[];
}): string {
  if (
    !throughput.length ||
    !accuracy.length ||
    !memory.length ||
    [...throughput, ...accuracy].some((s) => !s.points.length)
  ) {
    throw new Error("batchSizeAnswer: every sweep needs at least one batch size");
  }
  const d2l = memory.find((p) => p.batch === D2L_BATCH);
  const first = memory[0];
  const last = memory[memory.length - 1];
  return [
    `- **Throughput.** ${throughput.map((t) => `${throughputSentence(t)}.`).join(" ")}`,
    `- **Accuracy.** After the same ${imagesSeen(accuracy[0].points[0])}, ` +
      `${accuracy.map(accuracySentence).join("; ")}.`,
    `- **Memory.** GPU memory could not be measured on this machine (no GPU); the cost counter predicts that d2l's ` +
      `AlexNet at ${D2L_SIZE}×${D2L_SIZE} with SGD needs ${mib(first.sgd.total)} MiB to train at batch ${first.batch} and ` +
      `${mib(last.sgd.total)} MiB at batch ${last.batch}` +
      (d2l ? ` (${mib(d2l.sgd.total)} MiB at d2l's batch ${D2L_BATCH})` : "") +
      `, before framework workspaces and allocator slack.`,
  ].join("\n");
}
