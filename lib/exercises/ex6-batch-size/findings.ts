/**
 * Exercise 6's findings as markdown, every number from the sweeps: throughput
 * and accuracy per batch size over seeds or repeats, and memory (predicted
 * against measured, and predicted at d2l's own setting).
 */
import { activationCrossoverBatch } from "../../cost";
import { counted, formatPercent, formatRatio, inMiB, signedPoints, withCommas } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { formatAccuracySpread, type Spread } from "../../runs/seeds";
import type { BatchSweepRow } from "./batch-sweep";
import type { BatchPoint } from "./seeded-sweep";
import { describeTrend, monotonic, resolved } from "./trend";

/** "a, b and c". */
export function listed(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "12,000 training images seen (4 passes over 3,000)": what every batch size of a sweep trained on. */
export function imagesSeen(point: BatchPoint): string {
  const run = point.rows[0]?.run;
  if (!run) throw new Error("imagesSeen: a batch size with no runs");
  return (
    `${withCommas(point.rows[0].trainImages)} training images seen ` +
    `(${counted(run.history.length, "pass", "passes")} over ${withCommas(run.trainSize)})`
  );
}

/** The sweep's budget in one sentence. */
export function sweepBudget(budget: {
  preset: string;
  model: string;
  size: number;
  batches: number[];
  epochs: number;
  trainImages: number;
  valImages: number;
  seeds: number[];
  lr: number;
  baseBatch: number;
}): string {
  return (
    `Preset **${budget.preset}**: ${budget.model} at ${budget.size}×${budget.size}, batch sizes ${listed(budget.batches.map(String))}; ` +
    `each batch size trains ${counted(budget.epochs, "pass", "passes")} over the same ${withCommas(budget.trainImages)} training images ` +
    `(validated on ${withCommas(budget.valImages)} test images) once per seed, ${counted(budget.seeds.length, "seed")} ` +
    `(${listed(budget.seeds.map(String))}). Adam in two arms: lr ${budget.lr} at every batch size, and ` +
    `lr ${budget.lr} × √(batch / ${budget.baseBatch}).`
  );
}

function nonEmpty<T>(items: T[], what: string): T[] {
  if (items.length === 0) throw new Error(`${what}: a batch sweep with no points has no findings`);
  return items;
}

/** Images/s with sensible digits: one decimal below 100. */
export function rate(imagesPerSecond: number): string {
  return imagesPerSecond < 100 ? imagesPerSecond.toFixed(1) : imagesPerSecond.toFixed(0);
}

function rateSpread(s: Spread): string {
  const digits = s.mean < 100 ? 1 : 0;
  return s.values.length === 1 ? rate(s.mean) : `${rate(s.mean)} ± ${s.std.toFixed(digits)}`;
}

function best(points: BatchPoint[], of: (p: BatchPoint) => Spread): BatchPoint {
  return points.reduce((a, b) => (of(b).mean > of(a).mean ? b : a));
}

/** Every batch size's throughput with its spread, the curve's shape, and the fastest against the smallest batch. */
export function throughputFindings(points: BatchPoint[], { model }: { model: string }): string {
  nonEmpty(points, "throughputFindings");
  const smallest = points[0];
  const fastest = best(points, (p) => p.throughput);
  const measurements = smallest.throughput.values.length;
  const lines = [
    `- ${model}, training images/s (${measurements === 1 ? "one timed pass" : `mean ± std over ${measurements} timed passes`} per batch size): ` +
      `${listed(points.map((p) => `${rateSpread(p.throughput)} at batch ${p.batchSize}`))}.`,
    `- Throughput ${describeTrend(
      points.map((p) => p.batchSize),
      points.map((p) => p.throughput),
    )}.`,
  ];
  if (fastest !== smallest) {
    const t = (p: BatchPoint) => p.throughput;
    const range =
      t(fastest).values.length > 1 || t(smallest).values.length > 1
        ? ` (${formatRatio(t(fastest).min / t(smallest).max, 1)}–${formatRatio(t(fastest).max / t(smallest).min, 1)} ` +
          `between their extreme measurements${resolved(t(fastest), t(smallest)) ? "" : ", so unresolved"})`
        : " (one measurement each, so no spread to judge it by)";
    lines.push(
      `- The fastest mean, batch ${fastest.batchSize}, is ${formatRatio(t(fastest).mean / t(smallest).mean, 1)} batch ` +
        `${smallest.batchSize}'s${range}.`,
    );
  }
  return lines.join("\n");
}

export interface SweepArm {
  /** How the arm sets the learning rate, as a phrase: "lr fixed at 0.001". */
  label: string;
  points: BatchPoint[];
}

function bestAgainstRest(points: BatchPoint[]): string {
  const top = best(points, (p) => p.valAccuracy);
  if (points.every((p) => p.valAccuracy.mean === top.valAccuracy.mean))
    return "The means are equal at every batch size.";
  const others = points.filter((p) => p !== top);
  const ahead = others.filter((p) => resolved(top.valAccuracy, p.valAccuracy)).map((p) => String(p.batchSize));
  const within = others.filter((p) => !resolved(top.valAccuracy, p.valAccuracy)).map((p) => String(p.batchSize));
  const parts = [
    ...(ahead.length ? [`ahead of batch ${listed(ahead)} beyond the seeds' spread`] : []),
    ...(within.length ? [`unresolved against batch ${listed(within)} (the seeds' ranges overlap)`] : []),
  ];
  return `The best mean is batch ${top.batchSize} (${formatPercent(top.valAccuracy.mean)}), ${parts.join(", and ")}.`;
}

/** Per arm: validation accuracy at every batch size over seeds, its shape, and the best batch against the rest. */
export function accuracyFindings(arms: SweepArm[]): string {
  const lines = arms.map((arm) => {
    const points = nonEmpty(arm.points, "accuracyFindings");
    const spreads = points.map((p) => p.valAccuracy);
    const seeds = points[0].rows.length;
    return (
      `- With ${arm.label}, after the same ${imagesSeen(points[0])}, validation accuracy in % ` +
      `(mean ± std and range over ${counted(seeds, "seed")}) was ` +
      `${listed(points.map((p) => `${formatAccuracySpread(p.valAccuracy)} at batch ${p.batchSize} (${withCommas(p.steps)} steps)`))}. ` +
      `Accuracy ${describeTrend(
        points.map((p) => p.batchSize),
        spreads,
      )}${monotonic(spreads) ? "" : "; the means are not monotonic in the batch size"}. ${bestAgainstRest(points)}`
    );
  });
  if (arms.length === 2) lines.push(armComparison(arms[0], arms[1]));
  return lines.join("\n");
}

/** The second arm against the first at every batch size where their learning rates differ. */
function armComparison(first: SweepArm, second: SweepArm): string {
  const pairs = second.points
    .map((p) => ({ p, q: first.points.find((q) => q.batchSize === p.batchSize) }))
    .filter((pair): pair is { p: BatchPoint; q: BatchPoint } => pair.q !== undefined && pair.q.lr !== pair.p.lr);
  if (pairs.length === 0) return `- The two arms use the same learning rate at every batch size.`;
  const differences = pairs.map(
    ({ p, q }) =>
      `${signedPoints(p.valAccuracy.mean - q.valAccuracy.mean)} at batch ${p.batchSize}` +
      (resolved(p.valAccuracy, q.valAccuracy) ? "" : " (unresolved)"),
  );
  return `- Against ${first.label}, ${second.label} changed the mean validation accuracy by ${listed(differences)}.`;
}

/** Predicted against measured training memory of a sweep, and where activations overtake the fixed part. */
export function memoryFindings(
  rows: BatchSweepRow[],
  { spec, crossoverSizes, backend }: { spec: (size: number) => NetworkSpec; crossoverSizes: number[]; backend: string },
): string {
  nonEmpty(rows, "memoryFindings");
  const first = rows[0];
  const last = rows[rows.length - 1];
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
      `batch sizes; at batch ${first.batchSize} the excess is ${mib(excess)} MiB, ` +
      `${(excess / first.predicted.weights).toFixed(1)} copies of the weights (explained below). ` +
      `Process RSS went from ${mib(first.maxRssBytes)} to ${mib(last.maxRssBytes)} MiB.`,
    `- Predicted batch from which activations (with input and gradient workspace) outweigh weights + gradients + Adam state: ` +
      `${listed(crossovers)}.`,
    `- Backend: ${backend}; GPU memory: not measured (this machine has no GPU).`,
  ].join("\n");
}
