import { formatMarkdownTable, formatPercent, mib as mibOf } from "../../format";
import type { BatchSweepRow } from "./batch-sweep";

const mib = (bytes: number): string => mibOf(bytes, 1);

/** Throughput and accuracy per batch size, with the number of updates that bought the accuracy. */
export function batchSweepTable(rows: BatchSweepRow[]): string {
  return formatMarkdownTable(
    ["batch", "lr", "SGD/Adam steps", "img/s (all epochs)", "img/s (last epoch)", "train s", "train acc", "val acc"],
    rows.map((r) => [
      String(r.batchSize),
      String(r.lr),
      String(r.steps),
      r.imagesPerSecond.toFixed(0),
      r.warmImagesPerSecond.toFixed(0),
      r.trainSeconds.toFixed(1),
      formatPercent(r.trainAccuracy),
      formatPercent(r.valAccuracy),
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
