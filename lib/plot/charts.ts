/** The few chart shapes the notebooks use, as plotly figures (d2l's `plot` helper, in plotly terms). */
import type { Figure, Layout, Trace } from "./figure";

export interface Axis {
  title?: string;
  log?: boolean;
  range?: [number, number];
  /** Label exactly these values (a log axis otherwise labels only powers of ten, e.g. none of 16…256). */
  ticks?: number[];
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

function axis({ title, log, range, ticks }: Axis = {}): Record<string, unknown> {
  // No type unless log: plotly then picks linear for numbers and category for labels (bar charts).
  const result: Record<string, unknown> = { title: { text: title ?? "" }, automargin: true };
  if (log) result.type = "log";
  // plotly takes a log axis range in log10 units.
  if (range) result.range = log ? range.map((v) => Math.log10(v)) : range;
  if (ticks) Object.assign(result, { tickmode: "array", tickvals: ticks, ticktext: ticks.map(String) });
  return result;
}

function baseLayout(title: string, x: Axis | undefined, y: Axis | undefined): Layout {
  return {
    title: { text: title },
    xaxis: axis(x),
    yaxis: axis(y),
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
  return { data, layout: baseLayout(options.title, options.x, options.y) };
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
  const layout = baseLayout(options.title, options.x, options.y);
  // Categories are labels: without this plotly may read labels such as "Linear-15" as numbers or dates.
  (layout.xaxis as Record<string, unknown>).type = "category";
  layout.barmode = options.stacked ? "stack" : "group";
  return { data, layout };
}
