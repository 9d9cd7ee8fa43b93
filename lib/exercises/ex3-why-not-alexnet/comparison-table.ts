/** Exercise 3's comparison table as markdown, with its sources as a numbered list below. */
import type { ComparisonRow } from "./comparison";
import { formatMarkdownTable } from "../../format";

export function comparisonTable(rows: ComparisonRow[]): string {
  const table = formatMarkdownTable(
    [
      "Network",
      "Year",
      "Params (M)",
      "GMACs",
      "GFLOPs",
      "ImageNet top-1 (%)",
      "MACs per param",
      "Weight FLOP/B at batch 1",
      "Figures",
      "Source",
    ],
    rows.map((r, i) => [
      r.name,
      r.year,
      (r.params / 1e6).toFixed(2),
      (r.macs / 1e9).toFixed(3),
      (r.flops / 1e9).toFixed(2),
      r.top1 === undefined ? "–" : r.top1.toFixed(1),
      r.weightReuse.toFixed(1),
      r.weightIntensity.toFixed(1),
      r.origin,
      `[${i + 1}]`,
    ]),
    { align: ["left", "right", "right", "right", "right", "right", "right", "right", "left", "right"] },
  );
  return `${table}\n\n${rows.map((r, i) => `[${i + 1}] ${r.source}`).join("  \n")}`;
}

/** Each later network with a published accuracy against `baseline`: parameters, MACs, top-1. */
export function versusTable(rows: ComparisonRow[], baseline: ComparisonRow): string {
  const times = (a: number, b: number) => (a >= b ? `${(a / b).toFixed(1)}× more` : `${(b / a).toFixed(1)}× fewer`);
  return formatMarkdownTable(
    ["Network", "Year", `Parameters vs ${baseline.name}`, "MACs", "top-1 (points)"],
    rows
      .filter((r) => r.year > baseline.year && r.top1 !== undefined)
      .map((r) => [
        r.name,
        r.year,
        times(r.params, baseline.params),
        times(r.macs, baseline.macs),
        `${(r.top1! - baseline.top1!) >= 0 ? "+" : ""}${(r.top1! - baseline.top1!).toFixed(1)}`,
      ]),
    { align: ["left", "right", "right", "right", "right"] },
  );
}
