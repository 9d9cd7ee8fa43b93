import { formatMarkdownTable, formatPercent, formatRatio } from "../../format/markdown-table";
import type { RunTotals } from "../../runs/totals";

/**
 * Model variants trained under one budget, one row each: counted size and cost
 * (params, forward FLOPs per image), measured training throughput, accuracy,
 * and each relative to the `baseline` row (FLOPs and img/s as ratios, accuracy
 * in points), so a counted saving can be set against a measured one.
 */
export function variantTable(rows: (RunTotals & { input: string })[], { baseline }: { baseline: string }): string {
  const base = rows.find((r) => r.label === baseline);
  if (!base) throw new Error(`variantTable: no row labelled "${baseline}"`);
  const signed = (points: number): string => `${points >= 0 ? "+" : ""}${points.toFixed(1)} pt`;
  return formatMarkdownTable(
    ["variant", "input", "params", "MFLOPs/image", "FLOPs saved", "img/s", "speed-up", "train acc", "val acc", "val vs baseline", "train s"],
    rows.map((r) => [
      r.label,
      r.input,
      r.params.toLocaleString("en-US"),
      (r.flopsPerImage / 1e6).toFixed(1),
      formatRatio(base.flopsPerImage / r.flopsPerImage, 1),
      r.imagesPerSecond.toFixed(0),
      formatRatio(r.imagesPerSecond / base.imagesPerSecond, 1),
      formatPercent(r.trainAccuracy),
      formatPercent(r.valAccuracy),
      r === base ? "–" : signed(100 * (r.valAccuracy - base.valAccuracy)),
      r.trainSeconds.toFixed(0),
    ]),
  );
}

/**
 * The simplification to keep: among the rows other than `baseline`, the
 * fastest (measured img/s) whose validation accuracy is within `tolerance` (a
 * fraction, 0.02 = 2 points) of the baseline's; when none is, the most
 * accurate of them, with `withinTolerance` false.
 */
export function pickSimplified<T extends Pick<RunTotals, "label" | "imagesPerSecond" | "valAccuracy">>(
  rows: T[],
  baseline: string,
  tolerance: number,
): { row: T; withinTolerance: boolean } {
  const base = rows.find((r) => r.label === baseline);
  if (!base) throw new Error(`pickSimplified: no row labelled "${baseline}"`);
  const others = rows.filter((r) => r !== base);
  if (others.length === 0) throw new Error("pickSimplified: no variant besides the baseline");
  const acceptable = others.filter((r) => r.valAccuracy >= base.valAccuracy - tolerance);
  if (acceptable.length === 0) return { row: others.reduce((best, r) => (r.valAccuracy > best.valAccuracy ? r : best)), withinTolerance: false };
  return { row: acceptable.reduce((best, r) => (r.imagesPerSecond > best.imagesPerSecond ? r : best)), withinTolerance: true };
}
