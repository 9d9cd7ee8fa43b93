import { lineFigure, type Axis } from "../plot/charts";
import type { Figure } from "../plot/figure";
import type { EpochRecord } from "../train/history";
import type { Run } from "./run";

export type CurveMetric = "trainLoss" | "valLoss" | "trainAccuracy" | "valAccuracy";

export const METRIC_TITLES: Record<CurveMetric, string> = {
  trainLoss: "training loss",
  valLoss: "validation loss",
  trainAccuracy: "training accuracy",
  valAccuracy: "validation accuracy",
};

/** One metric of several runs against epochs, one line per run. */
export function compareRunsFigure(
  runs: Run[],
  metric: CurveMetric,
  options: { title?: string; y?: Axis } = {},
): Figure {
  return lineFigure({
    title: options.title ?? `${METRIC_TITLES[metric]} per epoch`,
    x: { title: "epoch" },
    y: { title: METRIC_TITLES[metric], ...options.y },
    series: runs.map((run) => ({
      name: run.label,
      x: run.history.map((r) => r.epoch),
      y: run.history.map((r: EpochRecord) => r[metric]),
    })),
  });
}

/** What a seed-curve figure needs of each configuration: a label and its runs (e.g. a SeededComparison). */
export interface SeededRuns {
  label: string;
  runs: Run[];
}

const BAND_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/**
 * One metric per configuration against epochs: the mean over its seeds as a
 * line, the min–max over seeds as a shaded band (epochs every seed finished).
 */
export function seedCurvesFigure(
  configurations: SeededRuns[],
  metric: CurveMetric,
  options: { title?: string; y?: Axis } = {},
): Figure {
  const curves = configurations.map((c) => {
    const epochs = Math.min(...c.runs.map((run) => run.history.length));
    const at = (e: number) => c.runs.map((run) => run.history[e][metric]);
    const x = Array.from({ length: epochs }, (_, e) => c.runs[0].history[e].epoch);
    const mean = x.map((_, e) => at(e).reduce((sum, v) => sum + v, 0) / c.runs.length);
    return {
      label: c.label,
      x,
      mean,
      low: x.map((_, e) => Math.min(...at(e))),
      high: x.map((_, e) => Math.max(...at(e))),
    };
  });
  const seeds = Math.max(...configurations.map((c) => c.runs.length));
  const figure = lineFigure({
    title: options.title ?? `${METRIC_TITLES[metric]} per epoch, mean of ${seeds} seeds (band: min–max)`,
    x: { title: "epoch" },
    y: { title: METRIC_TITLES[metric], ...options.y },
    series: curves.map((c) => ({ name: c.label, x: c.x, y: c.mean, mode: "lines" as const })),
  });
  figure.data.forEach((trace, i) => {
    (trace as { line?: unknown }).line = { color: BAND_COLOURS[i % BAND_COLOURS.length] };
  });
  const bands = curves.map((c, i) => ({
    type: "scatter",
    mode: "lines",
    x: [...c.x, ...[...c.x].reverse()],
    y: [...c.high, ...[...c.low].reverse()],
    fill: "toself",
    fillcolor: `${BAND_COLOURS[i % BAND_COLOURS.length]}33`,
    line: { width: 0 },
    hoverinfo: "skip",
    showlegend: false,
    name: `${c.label} min–max`,
  }));
  figure.data.unshift(...(bands as typeof figure.data));
  return figure;
}
