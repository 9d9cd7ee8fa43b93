import { difference, endpoints, type Endpoints } from "../../runs/compare";
import type { SeededComparison } from "../../runs/seeds";

export type Verdict = "higher" | "unresolved" | "lower, within tolerance" | "lower";

export interface BaselineComparison {
  /** Mean validation accuracy (last k epochs) minus the baseline's (a fraction). */
  difference: number;
  verdict: Verdict;
  /** Not resolvably lower than the baseline by more than the tolerance. */
  acceptable: boolean;
  /** Mean training throughput relative to the baseline's. */
  speedUp: number;
}

/**
 * The tolerance rule, on robust endpoints (validation accuracy averaged over
 * the last k epochs, per seed): an unresolved difference (lib/runs/compare) is
 * "unresolved"; a resolved drop of at most `tolerance` (a fraction) still counts
 * as "does not drop significantly"; only a resolved, larger drop rules the
 * variant out.
 */
export function compareToBaseline(variant: Endpoints, baseline: Endpoints, tolerance: number): BaselineComparison {
  const d = difference(variant.lastK, baseline.lastK);
  const verdict: Verdict = !d.resolved
    ? "unresolved"
    : d.delta > 0
      ? "higher"
      : -d.delta <= tolerance
        ? "lower, within tolerance"
        : "lower";
  return {
    difference: d.delta,
    verdict,
    acceptable: verdict !== "lower",
    speedUp: variant.imagesPerSecond.mean / baseline.imagesPerSecond.mean,
  };
}

export function variantByLabel<T extends { label: string }>(items: T[], label: string, caller: string): T {
  const found = items.find((c) => c.label === label);
  if (!found)
    throw new Error(
      `${caller}: no variant labelled "${label}"; the labels are ${items.map((c) => `"${c.label}"`).join(", ")}`,
    );
  return found;
}

/**
 * The simplification to keep: among the variants other than `baseline`, the
 * fastest (mean measured img/s) that the tolerance rule accepts; when it
 * accepts none, the most accurate, with `withinTolerance` false.
 */
export function pickSimplified(
  comparisons: SeededComparison[],
  baseline: string,
  tolerance: number,
  k = 3,
): { comparison: SeededComparison; withinTolerance: boolean } {
  const base = variantByLabel(comparisons, baseline, "pickSimplified");
  const others = comparisons.filter((c) => c !== base);
  if (others.length === 0) throw new Error("pickSimplified: no variant besides the baseline");
  const baseEnd = endpoints(base, { k });
  const ends = new Map(others.map((c) => [c, endpoints(c, { k })]));
  const acceptable = others.filter((c) => compareToBaseline(ends.get(c)!, baseEnd, tolerance).acceptable);
  if (acceptable.length === 0) {
    const best = others.reduce((a, c) => (ends.get(c)!.lastK.mean > ends.get(a)!.lastK.mean ? c : a));
    return { comparison: best, withinTolerance: false };
  }
  const fastest = acceptable.reduce((a, c) => (c.imagesPerSecond.mean > a.imagesPerSecond.mean ? c : a));
  return { comparison: fastest, withinTolerance: true };
}
