import { counted, formatMarkdownTable, mib as mibOf, withCommas } from "../../format";
import { formatAccuracySpread } from "../../runs/seeds";
import type { BatchSweepRow } from "./batch-sweep";
import type { BatchPoint } from "./seeded-sweep";

const mib = (bytes: number): string => mibOf(bytes, 1);

/**
 * Throughput and accuracy per batch size over seeds, with the number of
 * updates that bought the accuracy: accuracies as mean ± std (range) in %,
 * throughput as mean ± std over every warm epoch of every seed.
 */
export function batchPointTable(points: BatchPoint[]): string {
  const seeds = Math.max(0, ...points.map((p) => p.rows.length));
  return formatMarkdownTable(
    [
      "batch",
      "lr",
      "steps",
      "img/s (warm epochs)",
      "train s (mean)",
      `train acc % (${counted(seeds, "seed")})`,
      "val acc %",
      ...(points.some((p) => p.testAccuracy) ? ["test acc %, all 10,000"] : []),
    ],
    points.map((p) => [
      String(p.batchSize),
      String(Number(p.lr.toPrecision(3))),
      withCommas(p.steps),
      `${p.throughput.mean.toFixed(0)} ± ${p.throughput.std.toFixed(0)}`,
      (p.rows.reduce((sum, r) => sum + r.trainSeconds, 0) / p.rows.length).toFixed(1),
      formatAccuracySpread(p.trainAccuracy),
      formatAccuracySpread(p.valAccuracy),
      ...(points.some((q) => q.testAccuracy) ? [p.testAccuracy ? formatAccuracySpread(p.testAccuracy) : "–"] : []),
    ]),
  );
}

/**
 * Memory per batch size: the cost counter's prediction for one training step
 * (fixed part: weights, gradients, optimizer state; per-batch part: input,
 * kept activations, gradient workspace) beside tfjs's peak tensor bytes during
 * a step and the process's resident set size.
 */
export function batchMemoryTable(rows: BatchSweepRow[], { rss = true }: { rss?: boolean } = {}): string {
  return formatMarkdownTable(
    [
      "batch",
      "predicted fixed MiB",
      "predicted per-batch MiB",
      "predicted total MiB",
      "tfjs peak tensors MiB",
      "measured / predicted",
      ...(rss ? ["process RSS MiB"] : []),
    ],
    rows.map((r) => {
      const p = r.predicted;
      const fixed = p.weights + p.gradients + p.optimizerState;
      return [
        String(r.batchSize),
        mib(fixed),
        mib(p.total - fixed),
        mib(p.total),
        mib(r.peakTensorBytes),
        (r.peakTensorBytes / p.total).toFixed(2),
        ...(rss ? [mib(r.maxRssBytes)] : []),
      ];
    }),
  );
}
