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
