import { trainRun, type Run, type RunSetup } from "./run";
import { summarizeRun } from "./summary";
import { silentProgress } from "../train/progress";
import { trainingBoard } from "../train/board";
import { formatMarkdownTable, signedPoints } from "../format";

/** Mean, sample standard deviation and range of repeated measurements. */
export interface Spread {
  mean: number;
  std: number;
  min: number;
  max: number;
  values: number[];
}

export function spreadOf(values: number[]): Spread {
  if (values.length === 0) throw new Error("spreadOf: no values");
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values), values };
}

/** An accuracy spread in percent: "85.3 ± 0.4 (84.9–85.7)"; a single run prints its value only. */
export function formatAccuracySpread(spread: Spread, digits = 1): string {
  const p = (v: number): string => (100 * v).toFixed(digits);
  if (spread.values.length === 1) return p(spread.mean);
  return `${p(spread.mean)} ± ${p(spread.std)} (${p(spread.min)}–${p(spread.max)})`;
}

/** One configuration trained once per seed (initialisation, data order and augmentation all follow the seed). */
export interface SeededComparison {
  label: string;
  runs: Run[];
  trainAccuracy: Spread;
  valAccuracy: Spread;
  imagesPerSecond: Spread;
}

export interface TrainSeedsOptions {
  /**
   * Show the live training board for the first seed (redrawn at epoch ends,
   * outside the timed steps); the other seeds train silently. Default true;
   * false trains every seed silently.
   */
  board?: boolean;
  onRun?: (run: Run) => void;
}

/**
 * One configuration trained once per seed (each seed sets the initial
 * weights, the data order, dropout masks and augmentation), d2l's `fit` each
 * time, as one comparison record.
 */
export async function trainSeeds(
  setup: Omit<RunSetup, "seed" | "progress">,
  seeds: number[],
  { board = true, onRun }: TrainSeedsOptions = {},
): Promise<SeededComparison> {
  if (seeds.length === 0) throw new Error("trainSeeds: seeds is empty; pass at least one seed, e.g. [0, 1, 2]");
  const label = setup.label ?? setup.spec.name ?? "network";
  const runs: Run[] = [];
  for (const seed of seeds) {
    const progress =
      board && seed === seeds[0] ? trainingBoard({ minSecondsBetweenRedraws: Infinity }) : silentProgress;
    const run = await trainRun({ ...setup, label, seed, progress });
    onRun?.(run);
    runs.push(run);
  }
  return seededComparison(label, runs);
}

/** The comparison record of runs that differ only in their seed: final accuracies and throughput as spreads. */
export function seededComparison(label: string, runs: Run[]): SeededComparison {
  const summaries = runs.map((run) => summarizeRun(run));
  return {
    label,
    runs,
    trainAccuracy: spreadOf(summaries.map((s) => s.trainAccuracy)),
    valAccuracy: spreadOf(summaries.map((s) => s.valAccuracy)),
    imagesPerSecond: spreadOf(summaries.map((s) => s.imagesPerSecond)),
  };
}

/**
 * One row per variant: train and validation accuracy over the seeds
 * (mean ± sample std, range), the train − val gap of the means, each
 * variant's mean validation accuracy relative to `baseline` (a row label),
 * and training throughput.
 */
export function seededComparisonTable(
  comparisons: SeededComparison[],
  { baseline }: { baseline?: string } = {},
): string {
  const base = comparisons.find((c) => c.label === baseline);
  const seeds = Math.max(...comparisons.map((c) => c.runs.length));
  const headers = [
    "variant",
    `train acc % (${seeds === 1 ? "1 seed" : `mean ± std (range), ${seeds} seeds`})`,
    "val acc %",
    "train − val",
    ...(base ? [`val vs "${base.label}"`] : []),
    "img/s",
  ];
  const rows = comparisons.map((c) => [
    c.label,
    formatAccuracySpread(c.trainAccuracy),
    formatAccuracySpread(c.valAccuracy),
    signedPoints(c.trainAccuracy.mean - c.valAccuracy.mean),
    ...(base ? [signedPoints(c.valAccuracy.mean - base.valAccuracy.mean)] : []),
    c.imagesPerSecond.mean.toFixed(0),
  ]);
  return formatMarkdownTable(headers, rows);
}
