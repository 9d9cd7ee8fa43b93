import { lineFigure, type Axis } from "../../plot/charts";
import type { Figure } from "../../plot/figure";
import type { CurveMetric, Run } from "../../runs";

/** Training against validation accuracy or loss (solid vs dashed) of each run: the generalisation gap. */
export function trainValGapFigure(
  runs: Run[],
  options: { title?: string; metric?: "accuracy" | "loss"; y?: Axis } = {},
): Figure {
  const metric = options.metric ?? "accuracy";
  const [train, val]: CurveMetric[] =
    metric === "accuracy" ? ["trainAccuracy", "valAccuracy"] : ["trainLoss", "valLoss"];
  const epochs = (run: Run) => run.history.map((r) => r.epoch);
  return lineFigure({
    title: options.title ?? `training vs validation ${metric}`,
    x: { title: "epoch" },
    y: { title: metric, ...(metric === "accuracy" ? { range: [0, 1.02] as [number, number] } : {}), ...options.y },
    series: runs.flatMap((run) => [
      { name: `${run.label} train`, x: epochs(run), y: run.history.map((r) => r[train]) },
      { name: `${run.label} val`, x: epochs(run), y: run.history.map((r) => r[val]), dash: "dash" as const },
    ]),
  });
}
