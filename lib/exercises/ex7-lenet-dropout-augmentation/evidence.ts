/**
 * What exercise 7's sentences may claim about seeded comparisons: whether a
 * variant trained at all, whether a difference is outside the seed spread, and
 * whether a variant was still learning when the budget ended.
 */
import { counted, signedPoints } from "../../format";
import { trainingOutcome } from "../../runs/outcome";
import { separated, type SeededComparison, type Spread } from "../../runs/seeds";

/** Runs of a variant that left chance (validation accuracy ≥ 20% at some epoch, loss not blown up). */
export function seedsThatTrained(c: SeededComparison): number {
  return c.runs.filter((run) => trainingOutcome(run) === "learns").length;
}

export function allTrained(c: SeededComparison): boolean {
  return c.runs.length > 0 && seedsThatTrained(c) === c.runs.length;
}

/** Variant `a` against `b`: the difference of the means, and whether the seeds' ranges leave it unresolved. */
export interface Difference {
  points: number;
  /** Every seed of one above every seed of the other (needs ≥ 2 seeds each). */
  resolved: boolean;
}

/** lib/runs' rule (the seeds' ranges do not overlap), which one seed per side cannot meet: it measures no spread. */
function rangesApart(a: Spread, b: Spread): boolean {
  return a.values.length >= 2 && b.values.length >= 2 && separated(a, b);
}

export function difference(a: Spread, b: Spread): Difference {
  return { points: a.mean - b.mean, resolved: rangesApart(a, b) };
}

/** "+2.0 pt, every seed above" / "−1.2 pt, inside the seed spread: unresolved". */
export function describeDifference(d: Difference, seeds: number): string {
  if (seeds < 2) return `${signedPoints(d.points)}, one seed: unresolved`;
  if (!d.resolved) return `${signedPoints(d.points)}, inside the seed spread: unresolved`;
  return `${signedPoints(d.points)}, every seed ${d.points > 0 ? "above" : "below"}`;
}

/** SGD steps in one epoch of a variant's runs. */
export function stepsPerEpoch(c: SeededComparison): number {
  const run = c.runs[0];
  return Math.ceil(run.trainSize / (run.setup.data?.batchSize ?? 64));
}

/** SGD steps of a variant's longest run. */
export function totalSteps(c: SeededComparison): number {
  return stepsPerEpoch(c) * Math.max(...c.runs.map((run) => run.history.length));
}

/** The fewest seeds among comparisons (what a difference between them rests on). */
export function seedCount(...cs: SeededComparison[]): number {
  return Math.min(...cs.map((c) => c.runs.length));
}

/**
 * How much validation accuracy rose over the last quarter of the epochs (at
 * least one), mean over the seeds; undefined for runs of fewer than 2 epochs.
 */
export interface LateRise {
  points: number;
  epochs: number;
}

export function lateRise(c: SeededComparison): LateRise | undefined {
  const epochs = Math.min(...c.runs.map((run) => run.history.length));
  if (!(epochs >= 2)) return undefined;
  const span = Math.max(1, Math.round(epochs / 4));
  const rises = c.runs.map((run) => run.history[epochs - 1].valAccuracy - run.history[epochs - 1 - span].valAccuracy);
  return { points: rises.reduce((a, b) => a + b, 0) / rises.length, epochs: span };
}

/** A rise of more than this (1 point) over the last quarter counts as still learning. */
export const STILL_RISING = 0.01;

export function stillRising(c: SeededComparison): boolean {
  const rise = lateRise(c);
  return rise !== undefined && rise.points > STILL_RISING;
}

/** "rose 4.1 points over the last 5 epochs" — the measured sign of underfitting in the budget. */
export function describeLateRise(c: SeededComparison): string | undefined {
  const rise = lateRise(c);
  if (!rise) return undefined;
  const span = rise.epochs === 1 ? "the last epoch" : `the last ${counted(rise.epochs, "epoch")}`;
  const amount = `${Math.abs(100 * rise.points).toFixed(1)} points`;
  if (rise.points > STILL_RISING) return `its validation accuracy was still rising (${amount} over ${span})`;
  if (rise.points < -STILL_RISING) return `its validation accuracy fell ${amount} over ${span}`;
  return `its validation accuracy was flat over ${span} (within a point)`;
}
