/**
 * How much of a device's peak each layer can use: under the roofline a work item attains
 * min(peak, intensity × bandwidth) FLOP/s.
 */
import { peakFor, type Device } from "./devices";
import type { RooflineReport } from "./roofline";

export interface LayerSaturation {
  /** "Conv2d-1 forward", ... */
  name: string;
  intensity: number;
  /** FLOP/s the roofline allows this item on the device. */
  attainedFlops: number;
  /** attainedFlops / peak, in [0, 1]. */
  peakFraction: number;
  seconds: number;
  bound: "compute" | "memory";
}

export interface Saturation {
  device: string;
  batch: number;
  mode: RooflineReport["mode"];
  layers: LayerSaturation[];
  /** The whole network's FLOPs / its roofline time, as a fraction of peak. */
  overallPeakFraction: number;
  /** Share of the time spent in memory-bound items. */
  memoryBoundShare: number;
}

/** Per conv/dense work item of `report` (the layers that carry the FLOPs); `all` keeps activations and pooling too. */
export function saturation(
  report: RooflineReport,
  device: Device,
  { all = false }: { all?: boolean } = {},
): Saturation {
  const peak = peakFor(device, report.dtype);
  const items = all ? report.items : report.items.filter((i) => /^(Conv2d|Linear)-/.test(i.name));
  return {
    device: device.name,
    batch: report.batch,
    mode: report.mode,
    layers: items.map((i) => {
      const attainedFlops = i.flops / i.seconds;
      return {
        name: i.name,
        intensity: i.intensity,
        attainedFlops,
        peakFraction: attainedFlops / peak,
        seconds: i.seconds,
        bound: i.bound,
      };
    }),
    overallPeakFraction: report.attainedFlops / peak,
    memoryBoundShare: report.memoryBoundSeconds / report.seconds,
  };
}
