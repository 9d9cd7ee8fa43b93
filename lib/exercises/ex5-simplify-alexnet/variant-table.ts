import { formatMarkdownTable, formatRatio, signedPoints, withCommas } from "../../format";
import { endpoints } from "../../runs/compare";
import { formatAccuracySpread, type SeededComparison } from "../../runs/seeds";
import { compareToBaseline, variantByLabel } from "./verdict";

/**
 * Model variants trained under one budget, one row each: counted size and cost
 * (params, forward FLOPs per image), measured training throughput as a ratio
 * to the `baseline` variant (all measured in the same run), validation
 * accuracy averaged over the last k epochs and on the whole test split over
 * the seeds, and the tolerance rule's verdict.
 */
export function variantTable(
  comparisons: SeededComparison[],
  { baseline, tolerance, k = 3 }: { baseline: string; tolerance: number; k?: number },
): string {
  const base = variantByLabel(comparisons, baseline, "variantTable");
  const baseEnd = endpoints(base, { k });
  const seeds = Math.max(...comparisons.map((c) => c.runs.length));
  const rows = comparisons.map((c) => ({ c, end: endpoints(c, { k }) }));
  const withTest = rows.some((r) => r.end.test);
  return formatMarkdownTable(
    [
      "variant",
      "input",
      "params",
      "MFLOPs/image",
      "FLOPs saved",
      "img/s",
      "speed-up",
      `val acc %, last ${k} epochs (mean ± std (range), ${seeds} seeds)`,
      ...(withTest ? ["test acc %, all 10,000"] : []),
      `val acc rise, last ${k} epochs`,
      `vs ${baseline}`,
      "verdict",
    ],
    rows.map(({ c, end }) => {
      const run = c.runs[0];
      const versus = compareToBaseline(end, baseEnd, tolerance);
      return [
        c.label,
        `${run.spec.input[1]}×${run.spec.input[2]}`,
        withCommas(run.params),
        (run.flopsPerImage / 1e6).toFixed(1),
        formatRatio(base.runs[0].flopsPerImage / run.flopsPerImage, 1),
        c.imagesPerSecond.mean.toFixed(0),
        formatRatio(versus.speedUp, 1),
        formatAccuracySpread(end.lastK),
        ...(withTest ? [end.test ? formatAccuracySpread(end.test) : "–"] : []),
        signedPoints(end.riseOverLastK),
        c === base ? "–" : signedPoints(versus.difference),
        c === base ? "baseline" : versus.verdict,
      ];
    }),
  );
}
