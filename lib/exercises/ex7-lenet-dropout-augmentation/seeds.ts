import { runExperiment, type ExperimentOptions, type ExperimentResult } from "../../runs/experiment";
import type { ProgressReporter } from "../../train/progress";
import { formatMarkdownTable } from "../../format/markdown-table";
import { runTotals, type RunTotals } from "../../runs/totals";

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
  runs: RunTotals[];
  trainAccuracy: Spread;
  valAccuracy: Spread;
  imagesPerSecond: Spread;
}

export interface SeedRunHooks {
  /** The progress reporter of one run (e.g. a live board for the first seed only). */
  progress?: (label: string, seed: number) => ProgressReporter;
  onRun?: (result: ExperimentResult) => void;
}

export async function acrossSeeds(options: Omit<ExperimentOptions, "seed">, seeds: number[], { progress, onRun }: SeedRunHooks = {}): Promise<SeededComparison> {
  const label = options.label ?? options.spec.name ?? "network";
  const runs: RunTotals[] = [];
  for (const seed of seeds) {
    const result = await runExperiment({ ...options, label, seed, ...(progress ? { progress: progress(label, seed) } : {}) });
    onRun?.(result);
    runs.push(runTotals(result));
  }
  return {
    label,
    runs,
    trainAccuracy: spreadOf(runs.map((r) => r.trainAccuracy)),
    valAccuracy: spreadOf(runs.map((r) => r.valAccuracy)),
    imagesPerSecond: spreadOf(runs.map((r) => r.imagesPerSecond)),
  };
}

/** Each variant trained once per seed, variants in order; what a variant leaves out comes from `common` (data options merge). */
export async function compareAcrossSeeds(
  variants: (Partial<Omit<ExperimentOptions, "seed">> & { label: string })[],
  common: Omit<ExperimentOptions, "seed" | "label">,
  seeds: number[],
  hooks: SeedRunHooks = {},
): Promise<SeededComparison[]> {
  const comparisons: SeededComparison[] = [];
  for (const variant of variants) {
    comparisons.push(await acrossSeeds({ ...common, ...variant, data: { ...common.data, ...variant.data } }, seeds, hooks));
  }
  return comparisons;
}

/**
 * One row per variant: train and validation accuracy over the seeds
 * (mean ± sample std, range), the train − val gap of the means, each
 * variant's mean validation accuracy relative to `baseline` (a row label),
 * and training throughput.
 */
export function seededComparisonTable(comparisons: SeededComparison[], { baseline }: { baseline?: string } = {}): string {
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
  const signed = (points: number): string => `${points >= 0 ? "+" : ""}${points.toFixed(1)} pt`;
  const rows = comparisons.map((c) => [
    c.label,
    formatAccuracySpread(c.trainAccuracy),
    formatAccuracySpread(c.valAccuracy),
    signed(100 * (c.trainAccuracy.mean - c.valAccuracy.mean)),
    ...(base ? [signed(100 * (c.valAccuracy.mean - base.valAccuracy.mean))] : []),
    c.imagesPerSecond.mean.toFixed(0),
  ]);
  return formatMarkdownTable(headers, rows);
}
