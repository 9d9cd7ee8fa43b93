/** Text for roofline reports and the chip trade-off. */
import type { ChipTradeoff } from "./chip";
import { ridgePoint, type Device } from "./devices";
import type { DType } from "./dtype";
import { duration, row, si } from "../format";
import type { RooflineReport } from "./roofline";

export function describeDevice(device: Device, dtype: DType = "fp32"): string {
  return (
    `${device.name}: ${si(device.peakFlops, "FLOP/s")} fp32` +
    (dtype !== "fp32" && device.peakFlopsByDtype?.[dtype]
      ? `, ${si(device.peakFlopsByDtype[dtype]!, "FLOP/s")} ${dtype}`
      : "") +
    `, ${si(device.bandwidth, "B/s")}, ridge ${ridgePoint(device, dtype).toFixed(1)} FLOP/B` +
    `\n  source: ${device.source}`
  );
}

/** One line per report: time, throughput, share of time memory-bound. */
export function formatRooflineSummary(reports: RooflineReport[]): string {
  return reports
    .map(
      (r) =>
        `  ${r.mode.padEnd(9)} batch ${String(r.batch).padStart(4)}: ${duration(r.seconds).padStart(9)} per step, ` +
        `${Math.round(r.imagesPerSecond).toLocaleString("en-US").padStart(9)} img/s, ` +
        `${((100 * r.memoryBoundSeconds) / r.seconds).toFixed(0).padStart(3)}% of the time memory-bound, ` +
        `attains ${si(r.attainedFlops, "FLOP/s")}`,
    )
    .join("\n");
}

/** Every work item of one report: FLOPs, bytes, intensity, time and which roof binds. */
export function formatRooflineTable(report: RooflineReport): string {
  const headers = ["Work", "FLOPs", "Bytes", "FLOP/B", "Time", "Bound"];
  const rows = report.items.map((i) => [
    i.name,
    si(i.flops),
    si(i.bytes),
    i.intensity.toFixed(1),
    duration(i.seconds),
    i.bound,
  ]);
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  return [
    `Roofline, ${report.mode} at batch ${report.batch} (${report.dtype}) on ${report.device}:`,
    row(headers, widths),
    ...rows.map((r) => row(r, widths)),
  ].join("\n");
}

export function formatChipTradeoff(name: string, t: ChipTradeoff): string {
  const { best, reference } = t;
  return (
    `  ${name.padEnd(22)} best compute share ${(100 * best.computeShare).toFixed(1).padStart(5)}% ` +
    `(${si(best.peakFlops, "FLOP/s")}, ${si(best.bandwidth, "B/s")}): ${duration(best.seconds)} vs ${duration(reference.seconds)} ` +
    `at the reference split, ×${t.speedup.toFixed(2)}`
  );
}
