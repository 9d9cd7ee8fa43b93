import { formatMarkdownTable, signedPoints } from "../format";
import { type Endpoints, difference } from "./compare";
import { formatAccuracySpread, type Spread } from "./seeds";

const epochRange = (epochs: (number | undefined)[], never: string): string => {
  const known = epochs.filter((e): e is number => e !== undefined);
  if (known.length === 0) return never;
  const [lo, hi] = [Math.min(...known), Math.max(...known)];
  const range = lo === hi ? `${lo}` : `${lo}–${hi}`;
  return known.length < epochs.length ? `${range} (${known.length} of ${epochs.length} seeds)` : range;
};

const versus = (a: Spread, b: Spread): string => {
  const d = difference(a, b);
  return `${signedPoints(d.delta)}${d.resolved ? " (resolved)" : ""}`;
};

/**
 * One row per configuration, robust endpoints first: validation accuracy
 * averaged over the last k epochs, the best epoch, the whole test split at the
 * end (when measured), training accuracy, and what the curves did.
 */
export function endpointsTable(rows: Endpoints[], { baseline }: { baseline?: string } = {}): string {
  const base = rows.find((r) => r.label === baseline);
  if (baseline !== undefined && !base) throw new Error(`endpointsTable: no row is labelled "${baseline}"`);
  const k = rows[0]?.k ?? 3;
  const seeds = Math.max(...rows.map((r) => r.seeds));
  const withTest = rows.some((r) => r.test);
  const headers = [
    "configuration",
    `val acc %, last ${k} epochs (mean ± std (range), ${seeds} seeds)`,
    "best val acc % (epochs)",
    ...(withTest ? ["test acc %, all 10,000"] : []),
    `train acc %, last ${k} epochs`,
    ...(base ? [`val vs ${base.label}`] : []),
    `val acc rise, last ${k} epochs`,
    "val loss turned after epoch",
    "left chance at epoch",
    "img/s",
  ];
  const body = rows.map((r) => [
    r.label,
    formatAccuracySpread(r.lastK),
    `${formatAccuracySpread(r.best)} (${epochRange(r.bestEpochs.values, "–")})`,
    ...(withTest ? [r.test ? formatAccuracySpread(r.test) : "–"] : []),
    formatAccuracySpread(r.trainLastK),
    ...(base ? [r === base ? "–" : versus(r.lastK, base.lastK)] : []),
    `${signedPoints(r.riseOverLastK)}${r.stillRising ? " (rising)" : ""}`,
    epochRange(r.valLossTurn, "did not turn"),
    epochRange(r.leftChance, "never"),
    r.imagesPerSecond.mean.toFixed(0),
  ]);
  return formatMarkdownTable(headers, body);
}
