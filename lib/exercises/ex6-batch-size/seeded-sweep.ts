import { spreadOf, type Spread } from "../../runs/seeds";
import type { Run } from "../../runs/run";
import { imagesPerSecond } from "../../train/history";
import { trainingBoard } from "../../train/board";
import { silentProgress } from "../../train/progress";
import { batchSizeSweep, learningRateFor, type BatchSweepOptions, type BatchSweepRow } from "./batch-sweep";

/** One batch size of a sweep repeated over seeds: every seed's row and the spreads across them. */
export interface BatchPoint {
  batchSize: number;
  lr: number;
  /** Optimizer updates over all epochs (the same for every seed). */
  steps: number;
  /** One row per seed, in seed order. */
  rows: BatchSweepRow[];
  trainAccuracy: Spread;
  valAccuracy: Spread;
  /** Accuracy on the whole test split after the last epoch, per seed (sweeps run with testAtEnd). */
  testAccuracy?: Spread;
  /** Training images/s of every epoch after the first (warm-up and profiling), over all seeds. */
  throughput: Spread;
}

export interface SeededSweepOptions extends Omit<BatchSweepOptions, "seed" | "progress"> {
  seeds: number[];
  /** Show the live training board for the first seed's smallest batch size; the rest train silently. Default true. */
  board?: boolean;
  /** Points already trained with the same setup: one whose batch size and lr match is taken over, not retrained. */
  reuse?: BatchPoint[];
}

/** The rates a run measured once warm: every epoch after the first, or the only one. */
export function warmRates(run: Run): number[] {
  const epochs = run.history.length > 1 ? run.history.slice(1) : run.history;
  return epochs.map((epoch) => imagesPerSecond(epoch));
}

export function batchPoint(rows: BatchSweepRow[]): BatchPoint {
  if (rows.length === 0) throw new Error("batchPoint: a batch size needs at least one run");
  const { batchSize, lr, steps } = rows[0];
  const tested = rows.flatMap((r) => (r.run.test ? [r.run.test.accuracy] : []));
  return {
    batchSize,
    lr,
    steps,
    rows,
    trainAccuracy: spreadOf(rows.map((r) => r.trainAccuracy)),
    valAccuracy: spreadOf(rows.map((r) => r.valAccuracy)),
    ...(tested.length > 0 ? { testAccuracy: spreadOf(tested) } : {}),
    throughput: spreadOf(rows.flatMap((r) => warmRates(r.run))),
  };
}

/**
 * batchSizeSweep once per seed (each seed sweeps its batch sizes smallest
 * first, so RSS readings stay high-water marks of the run they belong to),
 * grouped by batch size.
 */
export async function seededBatchSweep(options: SeededSweepOptions): Promise<BatchPoint[]> {
  const { seeds, board = true, reuse = [], ...sweep } = options;
  if (seeds.length === 0) throw new Error("seededBatchSweep: seeds is empty; pass at least one seed, e.g. [0, 1, 2]");
  const reused = (batchSize: number): BatchPoint | undefined =>
    reuse.find((p) => p.batchSize === batchSize && p.lr === learningRateFor(batchSize, sweep));
  const toTrain = sweep.batchSizes.filter((b) => !reused(b));
  const rowsByBatch = new Map<number, BatchSweepRow[]>();
  for (const seed of seeds) {
    const rows = toTrain.length
      ? await batchSizeSweep({
          ...sweep,
          batchSizes: toTrain,
          seed,
          progress: (batchSize: number) =>
            board && seed === seeds[0] && batchSize === Math.min(...toTrain)
              ? trainingBoard({ minSecondsBetweenRedraws: Infinity })
              : silentProgress,
        })
      : [];
    for (const row of rows) rowsByBatch.set(row.batchSize, [...(rowsByBatch.get(row.batchSize) ?? []), row]);
  }
  return [...sweep.batchSizes]
    .sort((a, b) => a - b)
    .map((batchSize) => reused(batchSize) ?? batchPoint(rowsByBatch.get(batchSize) ?? []));
}
