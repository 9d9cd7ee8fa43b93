/** Exercise 3's runtime view as a markdown table: one row per (device, dtype, mode, batch). */
import type { Device } from "../../cost/devices";
import { duration, si } from "../../format";
import { formatMarkdownTable } from "../../format";
import type { RooflineReport } from "../../cost/roofline";
import { saturation } from "./saturation";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Share of a report's time spent in its dense (Linear) layers, forward and backward. */
export function denseTimeShare(report: RooflineReport): number {
  return report.items.filter((i) => i.name.startsWith("Linear-")).reduce((a, i) => a + i.seconds, 0) / report.seconds;
}

export function runtimeTable(entries: { report: RooflineReport; device: Device }[]): string {
  return formatMarkdownTable(
    [
      "Device",
      "dtype",
      "Workload",
      "Roofline time per batch",
      "Images/s (roofline)",
      "Share of peak (roofline)",
      "Time memory-bound",
      "Time in dense layers",
    ],
    entries.map(({ report, device }) => {
      const s = saturation(report, device);
      return [
        device.name,
        report.dtype,
        `${report.mode}, batch ${report.batch}`,
        duration(report.seconds),
        si(report.imagesPerSecond),
        pct(s.overallPeakFraction),
        pct(s.memoryBoundShare),
        pct(denseTimeShare(report)),
      ];
    }),
    { align: ["left", "left", "left", "right", "right", "right", "right", "right"] },
  );
}
