import { lineFigure, type Figure } from "../../plot";
import type { SeededComparison } from "../../runs/seeds";
import { meanCurve } from "./mean-curve";

/**
 * Mean validation accuracy over the seeds, one line per comparison, against
 * epochs or against training seconds (validation excluded), on a log axis
 * when asked (networks whose speeds differ tenfold).
 */
export function meanCurveFigure(
  comparisons: SeededComparison[],
  { against, title, log = false }: { against: "epoch" | "trainSeconds"; title: string; log?: boolean },
): Figure {
  return lineFigure({
    title,
    x: {
      title: against === "epoch" ? "epoch" : "training seconds (validation excluded, mean over seeds)",
      log,
    },
    y: { title: "validation accuracy (mean over seeds)" },
    series: comparisons.map((c) => {
      const curve = meanCurve(c);
      return { name: c.label, x: curve.map((p) => p[against]), y: curve.map((p) => p.valAccuracy) };
    }),
  });
}
