/**
 * Verdicts as data: what runs across seeds say, for tables and for the claims
 * cells that check a notebook's prose. The one rule for calling a difference
 * resolved lives here: at least two seeds a side, and ranges that part.
 */
import type { EpochRecord } from "../train/history";
import type { Run } from "./run";
import { spreadOf, type Spread } from "./seeds";
import { summarizeRun } from "./summary";

/** Whether `a` and `b` are told apart: ≥ 2 seeds each and their ranges do not overlap. */
export function resolvedApart(a: Spread, b: Spread): boolean {
  return a.values.length >= 2 && b.values.length >= 2 && (a.min > b.max || b.min > a.max);
}

/** `a` is above `b`, resolved (≥ 2 seeds each, every seed of `a` above every seed of `b`). */
export function resolvedAbove(a: Spread, b: Spread): boolean {
  return resolvedApart(a, b) && a.min > b.max;
}

export function resolvedBelow(a: Spread, b: Spread): boolean {
  return resolvedAbove(b, a);
}

/** Neither resolved above nor below: what the prose must call unresolved. */
export function unresolved(a: Spread, b: Spread): boolean {
  return !resolvedApart(a, b);
}

/** A difference of means with its verdict. */
export interface Difference {
  /** mean(a) − mean(b). */
  delta: number;
  resolved: boolean;
  why: "ranges part" | "ranges overlap" | "fewer than 2 seeds a side";
}

export function difference(a: Spread, b: Spread): Difference {
  const delta = a.mean - b.mean;
  if (a.values.length < 2 || b.values.length < 2) return { delta, resolved: false, why: "fewer than 2 seeds a side" };
  return resolvedApart(a, b)
    ? { delta, resolved: true, why: "ranges part" }
    : { delta, resolved: false, why: "ranges overlap" };
}

/** Least-squares slope of `values` against their index. */
function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    num += (i - meanX) * (v - meanY);
    den += (i - meanX) ** 2;
  });
  return num / den;
}

/**
 * How much a curve still rose over its last `k` values: the least-squares
 * line through them, times k − 1 (the rise from the first to the last of them).
 */
export function riseOverLast(values: number[], k: number): number {
  if (!Number.isInteger(k) || k < 2) throw new Error(`riseOverLast: k must be a whole number ≥ 2, got ${k}`);
  return slope(values.slice(-k)) * (Math.min(k, values.length) - 1);
}

export interface EndpointOptions {
  /** Epochs averaged for the robust endpoint and the rise test (which looks at least 2); default 3. */
  k?: number;
  /** A rise over the last k epochs above this counts as still rising; default 0.01 (1 point). */
  risingTolerance?: number;
  /** Validation accuracy that counts as having left chance; default 0.2. */
  escapeAccuracy?: number;
}

/**
 * One configuration's runs across seeds, summarised robustly: the last epoch,
 * the mean of the last k epochs (less noisy than one snapshot), the best epoch,
 * the test accuracy on the whole test split when the runs measured it, and
 * what the curves did (still rising, left chance, where validation loss turned).
 */
export interface Endpoints {
  label: string;
  seeds: number;
  k: number;
  /** Validation accuracy at the last epoch, per seed. */
  last: Spread;
  /** Validation accuracy averaged over the last k epochs, per seed. */
  lastK: Spread;
  /** Best validation accuracy, per seed, and the epochs it came at. */
  best: Spread;
  bestEpochs: Spread;
  /** Training accuracy averaged over the last k epochs, per seed. */
  trainLastK: Spread;
  /** Accuracy on the whole test split after the last epoch, per seed (runs with `testAtEnd`). */
  test?: Spread;
  /** Rise of the seeds' mean validation accuracy over the last k epochs. */
  riseOverLastK: number;
  stillRising: boolean;
  /** First epoch at or above `escapeAccuracy`, per seed (undefined: never). */
  leftChance: (number | undefined)[];
  /** The epoch after which validation loss only got worse (summarizeRun's onset), per seed. */
  valLossTurn: (number | undefined)[];
  imagesPerSecond: Spread;
}

function meanCurve(runs: Run[], metric: keyof Pick<EpochRecord, "valAccuracy" | "trainAccuracy">): number[] {
  const epochs = Math.min(...runs.map((r) => r.history.length));
  return Array.from({ length: epochs }, (_, e) => runs.reduce((s, r) => s + r.history[e][metric], 0) / runs.length);
}

const meanOfLast = (values: number[], k: number) => {
  const tail = values.slice(-k);
  return tail.reduce((s, v) => s + v, 0) / tail.length;
};

export function endpoints(
  { label, runs }: { label: string; runs: Run[] },
  { k = 3, risingTolerance = 0.01, escapeAccuracy = 0.2 }: EndpointOptions = {},
): Endpoints {
  if (!Number.isInteger(k) || k < 1) throw new Error(`endpoints: k must be a whole number of epochs ≥ 1, got ${k}`);
  const finished = runs.filter((r) => r.history.length > 0);
  if (finished.length === 0) throw new Error(`endpoints: ${label} has no run with a finished epoch`);
  const summaries = finished.map((r) => summarizeRun(r, { escapeAccuracy }));
  const curve = (r: Run, metric: "valAccuracy" | "trainAccuracy") => r.history.map((e) => e[metric]);
  const rise = riseOverLast(meanCurve(finished, "valAccuracy"), Math.max(k, 2));
  const tested = finished.filter((r) => r.test !== undefined);
  return {
    label,
    seeds: finished.length,
    k,
    last: spreadOf(summaries.map((s) => s.valAccuracy)),
    lastK: spreadOf(finished.map((r) => meanOfLast(curve(r, "valAccuracy"), k))),
    best: spreadOf(summaries.map((s) => s.bestValAccuracy)),
    bestEpochs: spreadOf(summaries.map((s) => s.bestValAccuracyEpoch)),
    trainLastK: spreadOf(finished.map((r) => meanOfLast(curve(r, "trainAccuracy"), k))),
    ...(tested.length > 0 ? { test: spreadOf(tested.map((r) => r.test!.accuracy)) } : {}),
    riseOverLastK: rise,
    stillRising: rise > risingTolerance,
    leftChance: summaries.map((s) => s.firstEpochAboveChance),
    valLossTurn: summaries.map((s) => s.overfittingOnset),
    imagesPerSecond: spreadOf(summaries.map((s) => s.imagesPerSecond)),
  };
}

/** Values measured at increasing settings (e.g. batch sizes), each across seeds. */
export interface Trend {
  /** Every step's mean is above the previous one (below, for falling). */
  monotone: "rising" | "falling" | "neither";
  /** The last setting resolved above (or below) the first. */
  endsApart: "rising" | "falling" | "unresolved";
  /** Each neighbouring pair, resolved or not. */
  steps: Difference[];
}

/** The trend over all settings, not neighbour by neighbour only. */
export function trendOf(points: Spread[]): Trend {
  if (points.length < 2) throw new Error(`trendOf: need at least 2 points, got ${points.length}`);
  const steps = points.slice(1).map((p, i) => difference(p, points[i]));
  const monotone = steps.every((s) => s.delta > 0) ? "rising" : steps.every((s) => s.delta < 0) ? "falling" : "neither";
  const first = points[0];
  const last = points[points.length - 1];
  const endsApart = resolvedAbove(last, first) ? "rising" : resolvedBelow(last, first) ? "falling" : "unresolved";
  return { monotone, endsApart, steps };
}
