/** A timed forward pass next to the roofline's prediction for the same batch. */
import type { RooflineItem, RooflineReport } from "../../cost/roofline";
import type { ForwardTimes } from "../../profile/forward-time";

export interface TimedRun {
  batch: number;
  predicted: RooflineReport;
  times: ForwardTimes;
}

/** A roofline item by name ("Conv2d-1 forward"). */
export function rooflineItem(report: RooflineReport, name: string): RooflineItem {
  const item = report.items.find((i) => i.name === name);
  if (!item) throw new Error(`the roofline report has no item "${name}"`);
  return item;
}
