/** The few chart shapes the notebooks use, as plotly figures (d2l's `plot` helper, in plotly terms). */
import type { Figure, Layout, Trace } from "./figure";

export interface Axis {
  title?: string;
  log?: boolean;
  range?: [number, number];
  /**
   * Label exactly these values. A log axis without them labels its decades, or 1-2-5 steps when the
   * data spans less than two decades (plotly's own minor labels read "2, 3, 4, …, 1000, 2, 3").
   */
  ticks?: number[];
}

const LOG_STEPS = [1, 2, 5];

/** A tick value as a label: "0.05", "200", "2k", "1M". */
export function tickLabel(value: number): string {
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [scale, unit] of units)
    if (Math.abs(value) >= scale) return `${Number((value / scale).toPrecision(3))}${unit}`;
  return String(Number(value.toPrecision(3)));
}

/**
 * Ticks for a log axis over [low, high] (both > 0): every power of ten in the range, or 1-2-5 steps
 * when fewer than three powers of ten fall inside it. Always at least the values bracketing the range.
 */
export function logTicks(low: number, high: number): number[] {
  if (!(low > 0 && high >= low)) throw new RangeError(`logTicks: need 0 < low <= high, got ${low}, ${high}`);
  const from = Math.floor(Math.log10(low) + 1e-9);
  const to = Math.ceil(Math.log10(high) - 1e-9);
  const decade = (k: number) => Number(`1e${k}`);
  const inRange = (v: number) => v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9);
  const decades = Array.from({ length: to - from + 1 }, (_, i) => decade(from + i));
  if (decades.filter(inRange).length >= 3) return decades.filter(inRange);
  const steps = decades.flatMap((d) => LOG_STEPS.map((s) => Number((s * d).toPrecision(1))));
  const inside = steps.filter(inRange);
  if (inside.length >= 2) return inside;
  // A range narrower than one 1-2-5 step: the steps on either side of it.
  const below = steps.filter((v) => v <= low).pop() ?? steps[0];
  const above = steps.find((v) => v >= high) ?? steps[steps.length - 1];
  return [...new Set([below, ...inside, above])];
}

/** Positive finite values of `values`, or none. */
function positive(values: ArrayLike<number>[]): number[] {
  return values.flatMap((v) => Array.from(v)).filter((v) => v > 0 && Number.isFinite(v));
}

export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** "lines+markers" by default; "markers" for measured points. */
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot";
}

export interface BarSeries {
  name: string;
  values: ArrayLike<number>;
}

/** The plotly axis; `values` are the data along it, from which a log axis picks its ticks. */
export function axis(
  { title, log, range, ticks }: Axis = {},
  values: ArrayLike<number>[] = [],
): Record<string, unknown> {
  // No type unless log: plotly then picks linear for numbers and category for labels (bar charts).
  const result: Record<string, unknown> = { title: { text: title ?? "" }, automargin: true };
  if (log) result.type = "log";
  // plotly takes a log axis range in log10 units.
  if (range) result.range = log ? range.map((v) => Math.log10(v)) : range;
  const data = range ?? positive(values);
  if (ticks) Object.assign(result, { tickmode: "array", tickvals: ticks, ticktext: ticks.map(String) });
  else if (log && data.length > 0) {
    const chosen = logTicks(Math.min(...data), Math.max(...data));
    Object.assign(result, { tickmode: "array", tickvals: chosen, ticktext: chosen.map(tickLabel) });
  }
  return result;
}

function baseLayout(
  title: string,
  x: Axis | undefined,
  y: Axis | undefined,
  values: { x: ArrayLike<number>[]; y: ArrayLike<number>[] },
): Layout {
  return {
    title: { text: title },
    xaxis: axis(x, values.x),
    yaxis: axis(y, values.y),
    legend: { orientation: "h", y: -0.2 },
    margin: { t: 60, r: 20, b: 80, l: 70 },
  };
}

export function lineFigure(options: { title: string; series: LineSeries[]; x?: Axis; y?: Axis }): Figure {
  const data: Trace[] = options.series.map((s) => ({
    type: "scatter",
    name: s.name,
    x: Array.from(s.x),
    y: Array.from(s.y),
    mode: s.mode ?? "lines+markers",
    line: { dash: s.dash ?? "solid" },
  }));
  const values = { x: options.series.map((s) => s.x), y: options.series.map((s) => s.y) };
  return { data, layout: baseLayout(options.title, options.x, options.y, values) };
}

export function barFigure(options: {
  title: string;
  categories: string[];
  series: BarSeries[];
  stacked?: boolean;
  x?: Axis;
  y?: Axis;
}): Figure {
  const data: Trace[] = options.series.map((s) => ({
    type: "bar",
    name: s.name,
    x: options.categories,
    y: Array.from(s.values),
  }));
  const layout = baseLayout(options.title, options.x, options.y, { x: [], y: options.series.map((s) => s.values) });
  // Categories are labels: without this plotly may read labels such as "Linear-15" as numbers or dates.
  (layout.xaxis as Record<string, unknown>).type = "category";
  layout.barmode = options.stacked ? "stack" : "group";
  return { data, layout };
}
