/** Exercise 2's results as markdown tables (displayed with tslab's display.markdown). */
import type { ChipStudyRow, NamedIntensity } from "./chip-study";
import { designMismatch } from "./chip-study";
import { duration, si } from "../../format";
import { formatMarkdownTable } from "../../format";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const intensity = (i: NamedIntensity): string => `${i.name} (${i.intensity.toFixed(i.intensity < 10 ? 2 : 1)})`;

function whereRidgeSits({ below, above }: ChipStudyRow["ridgeBracket"]): string {
  if (below && above && below.name === above.name) return `on ${intensity(below)}`;
  if (below && above) return `between ${intensity(below)} and ${intensity(above)}`;
  return below ? `above every item; highest ${intensity(below)}` : `below every item; lowest ${intensity(above!)}`;
}

export function chipStudyTable(rows: ChipStudyRow[]): string {
  return formatMarkdownTable(
    [
      "Network",
      "Workload",
      "Intensity (FLOP/B)",
      "Best compute share",
      "Best chip",
      "Its ridge (FLOP/B)",
      "Ridge sits",
      "Time compute-bound",
      "Time at 50/50 → best",
    ],
    rows.map((r) => {
      const { best, reference, speedup } = r.tradeoff;
      return [
        r.network,
        r.label,
        r.intensity.toFixed(1),
        pct(best.computeShare),
        `${si(best.peakFlops, "FLOP/s")}, ${si(best.bandwidth, "B/s")}`,
        r.bestRidge.toFixed(1),
        whereRidgeSits(r.ridgeBracket),
        pct(r.computeBoundShare),
        `${duration(reference.seconds)} → ${duration(best.seconds)} (×${speedup.toFixed(2)})`,
      ];
    }),
    { align: ["left", "left", "right", "right", "right", "right", "left", "right", "right"] },
  );
}

/** Rows: the chip built for a workload; columns: each workload's slowdown on it. */
export function designMismatchTable(rows: ChipStudyRow[]): string {
  const m = designMismatch(rows);
  return formatMarkdownTable(
    ["Chip designed for ↓ / runs →", ...rows.map((r) => `${r.label} (s = ${pct(r.tradeoff.best.computeShare)})`)],
    rows.map((r, i) => [r.label, ...m[i].map((x) => `×${x.toFixed(2)}`)]),
  );
}
