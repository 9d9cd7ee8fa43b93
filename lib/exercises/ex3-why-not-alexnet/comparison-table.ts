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
