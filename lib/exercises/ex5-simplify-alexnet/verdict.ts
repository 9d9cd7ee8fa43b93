import { separated, type SeededComparison, type Spread } from "../../runs/seeds";

/** Told apart only when both sides have several seeds and their ranges do not overlap (lib/runs' `separated`). */
export function resolvedApart(a: Spread, b: Spread): boolean {
  return a.values.length >= 2 && b.values.length >= 2 && separated(a, b);
}

export type Verdict = "higher" | "unresolved" | "lower, within tolerance" | "lower";

export interface BaselineComparison {
  /** Mean validation accuracy minus the baseline's (a fraction). */
  difference: number;
  verdict: Verdict;
  /** Not resolvably lower than the baseline by more than the tolerance. */
  acceptable: boolean;
  /** Mean training throughput relative to the baseline's. */
  speedUp: number;
}

/**
 * The tolerance rule: a variant's final validation accuracy against the
 * baseline's over the seeds. A difference whose seed ranges overlap is
 * "unresolved"; a resolved drop of at most `tolerance` (a fraction) still
 * counts as "does not drop significantly"; only a resolved, larger drop rules
 * the variant out.
 */
export function compareToBaseline(
  variant: SeededComparison,
  baseline: SeededComparison,
  tolerance: number,
): BaselineComparison {
  const difference = variant.valAccuracy.mean - baseline.valAccuracy.mean;
  const resolved = resolvedApart(variant.valAccuracy, baseline.valAccuracy);
  const verdict: Verdict = !resolved
    ? "unresolved"
    : difference > 0
      ? "higher"
      : -difference <= tolerance
        ? "lower, within tolerance"
        : "lower";
  return {
    difference,
    verdict,
    acceptable: verdict !== "lower",
    speedUp: variant.imagesPerSecond.mean / baseline.imagesPerSecond.mean,
  };
}

function byLabel(comparisons: SeededComparison[], label: string, caller: string): SeededComparison {
  const found = comparisons.find((c) => c.label === label);
  if (!found)
    throw new Error(
      `${caller}: no variant labelled "${label}"; the labels are ${comparisons.map((c) => `"${c.label}"`).join(", ")}`,
    );
  return found;
}

export { byLabel as variantByLabel };

/**
 * The simplification to keep: among the variants other than `baseline`, the
 * fastest (mean measured img/s) that the tolerance rule accepts; when it
 * accepts none, the most accurate, with `withinTolerance` false.
 */
export function pickSimplified(
  comparisons: SeededComparison[],
  baseline: string,
  tolerance: number,
): { comparison: SeededComparison; withinTolerance: boolean } {
  const base = byLabel(comparisons, baseline, "pickSimplified");
  const others = comparisons.filter((c) => c !== base);
  if (others.length === 0) throw new Error("pickSimplified: no variant besides the baseline");
  const acceptable = others.filter((c) => compareToBaseline(c, base, tolerance).acceptable);
  if (acceptable.length === 0) {
    const best = others.reduce((a, c) => (c.valAccuracy.mean > a.valAccuracy.mean ? c : a));
    return { comparison: best, withinTolerance: false };
  }
  const fastest = acceptable.reduce((a, c) => (c.imagesPerSecond.mean > a.imagesPerSecond.mean ? c : a));
  return { comparison: fastest, withinTolerance: true };
}
