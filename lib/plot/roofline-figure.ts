/**
 * A roofline chart (log-log): the device's roof min(peak, intensity × bandwidth)
 * and work items placed at their arithmetic intensity and the FLOP/s they
 * attain (predicted by the roofline, or measured).
 */
import type { Figure, Trace } from "./figure";

export interface RooflinePoint {
  /** Shown on hover: "Conv2d-1 forward". */
  label: string;
  /** FLOP per byte moved. */
  intensity: number;
  flopsPerSecond: number;
}

export interface RooflineSeries {
  name: string;
  points: RooflinePoint[];
  symbol?: "circle" | "square" | "diamond" | "x" | "triangle-up";
}

export interface RooflineDevice {
  name: string;
  peakFlops: number;
  /** Bytes per second. */
  bandwidth: number;
}

const GIGA = 1e9;

export function rooflineFigure({
  title,
  device,
  series,
}: {
  title: string;
  device: RooflineDevice;
  series: RooflineSeries[];
}): Figure {
  const intensities = series
    .flatMap((s) => s.points.map((p) => p.intensity))
    .filter((i) => i > 0 && Number.isFinite(i));
  const ridge = device.peakFlops / device.bandwidth;
  const low = Math.min(ridge, ...intensities) / 4;
  const high = Math.max(ridge, ...intensities) * 4;
  const roof: Trace = {
    type: "scatter",
    mode: "lines",
    name: `roof: ${(device.peakFlops / GIGA).toFixed(1)} GFLOP/s, ${(device.bandwidth / GIGA).toFixed(1)} GB/s`,
    x: [low, ridge, high],
    y: [(low * device.bandwidth) / GIGA, device.peakFlops / GIGA, device.peakFlops / GIGA],
    line: { color: "black", width: 2 },
  };
  const points: Trace[] = series.map((s) => ({
    type: "scatter",
    mode: "markers",
    name: s.name,
    x: s.points.map((p) => p.intensity),
    y: s.points.map((p) => p.flopsPerSecond / GIGA),
    text: s.points.map((p) => p.label),
    hovertemplate: "%{text}<br>%{x:.1f} FLOP/B, %{y:.2f} GFLOP/s<extra></extra>",
    marker: { size: 9, symbol: s.symbol ?? "circle", opacity: 0.8 },
  }));
  return {
    data: [roof, ...points],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "arithmetic intensity (FLOP per byte moved)" }, type: "log", automargin: true },
      yaxis: { title: { text: "GFLOP/s" }, type: "log", automargin: true },
      legend: { orientation: "h", y: -0.25 },
      margin: { t: 60, r: 20, b: 100, l: 70 },
      height: 480,
    },
  };
}
