/**
 * A roofline chart (log-log): the device's roof min(peak, intensity × bandwidth)
 * and work items placed at their arithmetic intensity and the FLOP/s they
 * attain (predicted by the roofline, or measured).
 */
import { axis } from "./charts";
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
  ceilings = [],
}: {
  title: string;
  device: RooflineDevice;
  series: RooflineSeries[];
  /** Other compute roofs drawn as dotted lines across the chart (e.g. the cores' FMA peak). */
  ceilings?: { name: string; peakFlops: number }[];
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
  const dotted: Trace[] = ceilings.map((c) => ({
    type: "scatter",
    mode: "lines",
    name: c.name,
    x: [low, high],
    y: [c.peakFlops / GIGA, c.peakFlops / GIGA],
    line: { dash: "dot" },
  }));
  const ys = [roof, ...dotted, ...points].map((t) => t.y as number[]);
  return {
    data: [roof, ...dotted, ...points],
    layout: {
      title: { text: title },
      xaxis: axis({ title: "arithmetic intensity (FLOP per byte moved)", log: true }, [roof.x as number[]]),
      yaxis: axis({ title: "GFLOP/s", log: true }, ys),
      legend: { orientation: "h", y: -0.25 },
      margin: { t: 60, r: 20, b: 100, l: 70 },
      height: 480,
    },
  };
}
