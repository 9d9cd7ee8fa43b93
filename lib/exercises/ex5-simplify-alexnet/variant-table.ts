import { formatMarkdownTable, formatRatio, signedPoints, withCommas } from "../../format";
import { formatAccuracySpread, type SeededComparison } from "../../runs/seeds";
import { compareToBaseline, variantByLabel } from "./verdict";

/**
 * Model variants trained under one budget, one row each: counted size and cost
 * (params, forward FLOPs per image), measured training throughput as a ratio
 * to the `baseline` variant (all measured in the same run), final and best
 * validation accuracy over the seeds, and the tolerance rule's verdict.
 */
export function variantTable(
  comparisons: SeededComparison[],
  { baseline, tolerance }: { baseline: string; tolerance: number },
): string {
  const base = variantByLabel(comparisons, baseline, "variantTable");
  const seeds = Math.max(...comparisons.map((c) => c.runs.length));
  return formatMarkdownTable(
    [
      "variant",
      "input",
      "params",
      "MFLOPs/image",
      "FLOPs saved",
      "img/s",
      "speed-up",
      `final val acc % (mean ± std (range), ${seeds} seeds)`,
      "best val acc % (mean)",
      `vs ${baseline}`,
      "verdict",
    ],
    comparisons.map((c) => {
      const run = c.runs[0];
      const best = c.runs.map((r) => Math.max(...r.history.map((h) => h.valAccuracy)));
      const bestMean = best.reduce((a, b) => a + b, 0) / best.length;
      const versus = compareToBaseline(c, base, tolerance);
      return [
        c.label,
        `${run.spec.input[1]}×${run.spec.input[2]}`,
        withCommas(run.params),
        (run.flopsPerImage / 1e6).toFixed(1),
        formatRatio(base.runs[0].flopsPerImage / run.flopsPerImage, 1),
        c.imagesPerSecond.mean.toFixed(0),
        formatRatio(versus.speedUp, 1),
        formatAccuracySpread(c.valAccuracy),
        (100 * bestMean).toFixed(1),
        c === base ? "–" : signedPoints(versus.difference),
        c === base ? "baseline" : versus.verdict,
      ];
    }),
  );
}
