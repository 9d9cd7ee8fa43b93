import { trainRun, type Run, type RunSetup } from "./run";
import { summarizeRun } from "./summary";
import type { ProgressReporter } from "../train/progress";
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

/**
 * Whether two sets of seeds are told apart: their ranges do not overlap. With
 * three seeds each this is the bar a difference must clear to be called
 * resolved; anything less is "unresolved".
 */
export function separated(a: Spread, b: Spread): boolean {
  return a.min > b.max || b.min > a.max;
}

/** An accuracy spread for prose: "86.0% ± 1.0 (85.0–87.0%)"; a single run: "86.0%". */
export function percentSpread(spread: Spread): string {
  const p = (v: number) => (100 * v).toFixed(1);
  if (spread.values.length === 1) return `${p(spread.mean)}%`;
  if (p(spread.min) === p(spread.max)) return `${p(spread.mean)}% in every seed`;
  return `${p(spread.mean)}% ± ${p(spread.std)} (${p(spread.min)}–${p(spread.max)}%)`;
}

/**
 * How `a` stands against `other`'s `b`, for prose: "above d2l's LeNet by 4.1
 * points (resolved: the seeds' ranges do not overlap)", or "within … spread
 * (0.5 points lower, unresolved by these seeds)".
 */
export function spreadVersus(a: Spread, b: Spread, other: string): string {
  const points = Math.abs(100 * (a.mean - b.mean)).toFixed(1);
  if (!separated(a, b)) {
    return `within ${other}'s spread (${points} points ${a.mean > b.mean ? "higher" : "lower"}, unresolved by these seeds)`;
  }
  return `${a.mean > b.mean ? "above" : "below"} ${other} by ${points} points (resolved: the seeds' ranges do not overlap)`;
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

export interface SeedRunHooks {
  /** The progress reporter of one run (e.g. a live board for the first seed only). */
  progress?: (label: string, seed: number) => ProgressReporter;
  onRun?: (run: Run) => void;
}

export async function acrossSeeds(
  options: Omit<RunSetup, "seed">,
  seeds: number[],
  { progress, onRun }: SeedRunHooks = {},
): Promise<SeededComparison> {
  const label = options.label ?? options.spec.name ?? "network";
  const runs: Run[] = [];
  for (const seed of seeds) {
    const run = await trainRun({ ...options, label, seed, ...(progress ? { progress: progress(label, seed) } : {}) });
    onRun?.(run);
    runs.push(run);
  }
  const summaries = runs.map((run) => summarizeRun(run));
  return {
    label,
    runs,
    trainAccuracy: spreadOf(summaries.map((s) => s.trainAccuracy)),
    valAccuracy: spreadOf(summaries.map((s) => s.valAccuracy)),
    imagesPerSecond: spreadOf(summaries.map((s) => s.imagesPerSecond)),
  };
}

/** Each variant trained once per seed, variants in order; what a variant leaves out comes from `common` (data options merge). */
export async function compareAcrossSeeds(
  variants: (Partial<Omit<RunSetup, "seed">> & { label: string })[],
  common: Omit<RunSetup, "seed" | "label">,
  seeds: number[],
  hooks: SeedRunHooks = {},
): Promise<SeededComparison[]> {
  const comparisons: SeededComparison[] = [];
  for (const variant of variants) {
    comparisons.push(
      await acrossSeeds({ ...common, ...variant, data: { ...common.data, ...variant.data } }, seeds, hooks),
    );
  }
  return comparisons;
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
