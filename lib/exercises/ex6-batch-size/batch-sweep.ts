import { countCosts, trainingMemory, type TrainingMemory } from "../../cost";
import type { FashionMnistOptions } from "../../data";
import type { InitScheme } from "../../models/build";
import type { NetworkSpec } from "../../models/spec";
import { trainRun, type Run } from "../../runs/run";
import { summarizeRun, type RunSummary } from "../../runs/summary";
import { imagesPerSecond } from "../../train/history";
import type { OptimizerName } from "../../optimizer-names";
import type { ProgressReporter } from "../../train/progress";

export type LrScaling = "fixed" | "linear" | "sqrt";

export interface BatchSweepOptions {
  spec: NetworkSpec;
  /** Run in ascending order (see below), whatever order is given. */
  batchSizes: number[];
  /** Every batch size sees the same images: `epochs` passes over the same subset. */
  epochs: number;
  /** The learning rate at `baseBatch`. */
  lr: number;
  baseBatch: number;
  /**
   * "fixed": lr at every batch size; "linear": lr × batch / baseBatch (Goyal et al., 2017, for SGD: it keeps
   * the distance travelled per epoch when a larger batch takes fewer steps); "sqrt": lr × √(batch / baseBatch),
   * the usual rule for Adam (its step does not grow with the gradient, and the gradient noise falls as 1/√batch).
   */
  lrScaling: LrScaling;
  /** Default "sgd", like d2l; also used for the predicted memory (momentum and Adam keep state per weight). */
  optimizer?: OptimizerName;
  data?: Omit<FashionMnistOptions, "batchSize">;
  init?: InitScheme;
  seed?: number;
  progress?: (batchSize: number) => ProgressReporter;
  onRun?: (run: Run) => void;
  /** Also evaluate every run on the whole test split after its last epoch (RunSetup's testAtEnd). */
  testAtEnd?: boolean;
}

/** One batch size's run with its derived figures (RunSummary) and what only a sweep adds. */
export interface BatchSweepRow extends RunSummary {
  run: Run;
  batchSize: number;
  lr: number;
  /** Optimizer updates over all epochs. */
  steps: number;
  /** Training throughput of the last epoch (warm: the first epoch also pays for warm-up and profiling). */
  warmImagesPerSecond: number;
  /** The cost counter's prediction for one training step at this batch size (float32, the sweep's optimizer). */
  predicted: TrainingMemory;
}

export function learningRateFor(
  batchSize: number,
  { lr, baseBatch, lrScaling }: Pick<BatchSweepOptions, "lr" | "baseBatch" | "lrScaling">,
): number {
  if (!(baseBatch > 0)) throw new Error(`learningRateFor: baseBatch must be a positive batch size, got ${baseBatch}`);
  if (lrScaling === "linear") return (lr * batchSize) / baseBatch;
  if (lrScaling === "sqrt") return lr * Math.sqrt(batchSize / baseBatch);
  return lr;
}

/**
 * Trains `spec` once per batch size with everything else equal and measures
 * throughput, accuracy and memory. Batch sizes run smallest first: the wasm
 * heap grows but never shrinks, so a process's RSS is a high-water mark; in
 * ascending order the mark at batch B is B's own need whenever memory grows
 * with B.
 */
export async function batchSizeSweep(options: BatchSweepOptions): Promise<BatchSweepRow[]> {
  const { spec, epochs, data, init, seed, progress, onRun, optimizer = "sgd", testAtEnd = false } = options;
  const rows: BatchSweepRow[] = [];
  for (const batchSize of [...options.batchSizes].sort((a, b) => a - b)) {
    const lr = learningRateFor(batchSize, options);
    const run = await trainRun({
      spec,
      epochs,
      lr,
      optimizer,
      label: `batch ${batchSize}`,
      data: { ...data, batchSize },
      testAtEnd,
      ...(init ? { init } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(progress ? { progress: progress(batchSize) } : {}),
    });
    onRun?.(run);
    const last = run.history.at(-1);
    rows.push({
      ...summarizeRun(run),
      run,
      batchSize,
      lr,
      steps: run.history.length * Math.ceil(run.trainSize / batchSize),
      warmImagesPerSecond: last ? imagesPerSecond(last) : NaN,
      predicted: trainingMemory(countCosts(spec, { batch: batchSize }), optimizer),
    });
  }
  return rows;
}
