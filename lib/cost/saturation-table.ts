/** The roofline's view of whole workloads as a markdown table: one row per (device, dtype, mode, batch). */
import type { Device } from "./devices";
import { duration, formatMarkdownTable, si } from "../format";
import type { RooflineReport } from "./roofline";
import { saturation } from "./saturation";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Share of a report's time spent in its dense (Linear) layers, forward and backward. */
export function denseTimeShare(report: RooflineReport): number {
  return report.items.filter((i) => i.name.startsWith("Linear-")).reduce((a, i) => a + i.seconds, 0) / report.seconds;
}

/** `label` names the device in the table ("A100", "this CPU, FMA roof"); the device's own name can be long. */
export function runtimeTable(entries: { label: string; report: RooflineReport; device: Device }[]): string {
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
    entries.map(({ label, report, device }) => {
      const s = saturation(report, device);
      return [
        label,
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
