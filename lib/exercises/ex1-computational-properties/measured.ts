/**
 * Exercise 1.3 against measurements: how the timed layers compare with the
 * roofline (and with the core's FMA peak), and what memory latency costs —
 * DRAM against the L1, hidden when tensors stream, exposed by small layers.
 */
import { countCosts } from "../../cost/count";
import { rooflineReport, type RooflineReport } from "../../cost/roofline";
import { duration, formatPercent as percent, formatRatio, si } from "../../format";
import { rooflineItem, type RooflineFacts, type TimedRun } from "./facts";

export interface LayerRatio {
  name: string;
  batch: number;
  /** Roofline time of the layer's forward pass, seconds. */
  predicted: number;
  measured: number;
  /** Forward FLOPs / measured seconds. */
  attainedFlops: number;
}

/** Measured over roofline time for every timed conv, dense and pooling layer of each run. */
export function layerRatios(f: Pick<RooflineFacts, "timedSpec" | "timed">): LayerRatio[] {
  const layers = countCosts(f.timedSpec).layers.filter((l) => l.params > 0 || l.type === "maxpool2d");
  return f.timed.flatMap((run: TimedRun) =>
    layers.map((l) => {
      const item = rooflineItem(run.predicted, `${l.name} forward`);
      const measured = run.times.layers[l.index].seconds;
      return {
        name: l.name,
        batch: run.batch,
        predicted: item.seconds,
        measured,
        attainedFlops: item.flops / measured,
      };
    }),
  );
}

const ratioOf = (r: LayerRatio) => r.measured / r.predicted;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Sub-microsecond latencies in nanoseconds ("95.2 ns"). */
const latency = (seconds: number) =>
  seconds < 1e-6 ? `${Number((seconds * 1e9).toPrecision(3))} ns` : duration(seconds);
const nameAt = (r: LayerRatio) => `${r.name} at batch ${r.batch}`;

/** Work below this much roofline time counts as a small layer: a few µs of DRAM traffic or arithmetic. */
export const SMALL_LAYER_SECONDS = 100e-6;

export function memoryLatencyFindings(f: RooflineFacts, inference128: RooflineReport, onGpu1: RooflineReport): string {
  const { dram, l1 } = f.latency;
  const line = 64;
  const oneAtATime = line / dram.seconds;
  const inFlight = f.machine.bandwidth * dram.seconds;
  const batch1 = layerRatios(f).filter((r) => r.batch === f.timed[0].batch);
  const small = batch1.filter((r) => r.predicted < SMALL_LAYER_SECONDS);
  const large = batch1.filter((r) => r.predicted >= SMALL_LAYER_SECONDS);
  const range = (rs: LayerRatio[]) =>
    `${formatRatio(Math.min(...rs.map(ratioOf)), 1)}–${formatRatio(Math.max(...rs.map(ratioOf)), 1)}`;
  const exposed =
    small.length > 0 && large.length > 0
      ? `At batch ${f.timed[0].batch} the layers with less than ${duration(SMALL_LAYER_SECONDS)} of roofline work ` +
        `(${small.map((r) => r.name).join(", ")}) took ${range(small)} their roofline time (median ` +
        `${formatRatio(median(small.map(ratioOf)), 1)}), the larger ones ${range(large)} (median ` +
        `${formatRatio(median(large.map(ratioOf)), 1)}). ` +
        (median(small.map(ratioOf)) > median(large.map(ratioOf))
          ? "A small layer pays a fixed cost the roofline does not have: its first loads miss the caches before any " +
            "prefetch stream is running, and the call itself (dispatch, thread start) takes microseconds; in a large " +
            "layer the same cost is spread over milliseconds (the split is measured, the attribution is reasoning)."
          : "Here the small layers were not slower relative to their roofline time than the large ones, so this run " +
            "shows no latency penalty for small layers.")
      : "";
  const n = f.batch.batch;
  return [
    `**Latency.** A load that misses every cache waits for DRAM. A chain of dependent loads (each address read from the ` +
      `previous load, so none can overlap) took ${latency(dram.seconds)} per load in a ` +
      `${(dram.bytes / 2 ** 20).toFixed(0)} MiB buffer and ${latency(l1.seconds)} in a ${(l1.bytes / 2 ** 10).toFixed(0)} ` +
      `KiB one that fits the L1 cache: ${formatRatio(dram.seconds / l1.seconds, 0)} longer (the DRAM figure includes a ` +
      "TLB miss per load). One cache line at a time at that latency moves " +
      `${si(oneAtATime, "B/s")}, ${percent(oneAtATime / f.machine.bandwidth)} of the measured copy bandwidth. Large ` +
      "tensors are read in order, so the hardware prefetcher and out-of-order execution keep many line requests in " +
      `flight — by Little's law ${si(inFlight, "B")} (${Math.round(inFlight / line)} lines) to sustain ` +
      `${si(f.machine.bandwidth, "B/s")} — and bandwidth, not latency, limits them: streaming Linear-15's weights at ` +
      `batch 1 is milliseconds of traffic against a latency of ${latency(dram.seconds)}. ${exposed}`,
    `**Training** works on large tensors: at batch ${n} every activation is megabytes and streams like the weights. Its ` +
      "backward pass re-reads the activations the forward pass saved, long evicted from the caches, but in order: more " +
      "bytes, not more exposed latency. Latency is an inference problem at batch 1, where the time of one request is " +
      `what a user waits for: the roofline puts it at ${duration(f.inference1.seconds)} here ` +
      `(${duration(onGpu1.seconds)} on the ${f.gpu.name}), before any fixed per-layer cost. Batching trades that latency ` +
      `for throughput: here from ${Math.round(f.inference1.imagesPerSecond)} to ` +
      `${Math.round(inference128.imagesPerSecond)} images/s at batch ${n}, each image then waiting for its whole batch ` +
      `(${duration(inference128.seconds)}).`,
  ].join("\n\n");
}

/** Whether the roofline bounded the timed layers, and against which peak. */
export function measuredFindings(f: RooflineFacts): string {
  const ratios = layerRatios(f);
  const [small, large] = f.timed;
  const whole = (run: TimedRun) => formatRatio(run.times.modelSeconds / run.predicted.seconds, 1);
  const beat = ratios.filter((r) => ratioOf(r) < 1);
  const fastest = ratios.reduce((a, r) => (r.attainedFlops > a.attainedFlops ? r : a));
  const peak = si(f.machine.peakFlops, "FLOP/s");
  const opening =
    `**Measured.** The whole forward pass took ${whole(small)} the roofline's time at batch ${small.batch} and ` +
    `${whole(large)} at batch ${large.batch}.`;
  if (beat.length === 0) {
    return (
      `${opening} Every timed layer took at least its roofline time, as a lower bound should; the fastest, ` +
      `${nameAt(fastest)}, reached ${si(fastest.attainedFlops, "FLOP/s")}, ${percent(fastest.attainedFlops / f.machine.peakFlops)} ` +
      "of the probed peak."
    );
  }
  const slowest = beat.reduce((a, r) => (ratioOf(r) < ratioOf(a) ? r : a));
  let fma = "";
  if (f.fmaPeak !== undefined) {
    const withFma = { ...f.machine, peakFlops: f.fmaPeak };
    const stillBeat = f.timed.flatMap((run) => {
      const report = rooflineReport(countCosts(f.timedSpec, { batch: run.batch }), withFma, { mode: "inference" });
      return ratios
        .filter((r) => r.batch === run.batch)
        .filter((r) => r.measured < rooflineItem(report, `${r.name} forward`).seconds);
    });
    fma =
      ` The hardware's ceiling is the core's FMA peak, ${si(f.fmaPeak, "FLOP/s")} (a register-only loop of fused ` +
      `multiply-adds in the native addon): ${nameAt(fastest)} reached ${percent(fastest.attainedFlops / f.fmaPeak)} of ` +
      "it. " +
      (fastest.attainedFlops > f.fmaPeak
        ? "No kernel can exceed that peak, so the machine was busier while the peak was probed than while the layer " +
          "ran, and this run cannot say whether the roofline with the hardware's peak is a lower bound."
        : stillBeat.length === 0
          ? "With that peak as the compute roof every timed layer takes at least its roofline time: the roofline is a " +
            "lower bound only with the hardware's own peak, not with a library matmul's."
          : `Even with that peak as the roof ${stillBeat.map(nameAt).join(", ")} ran faster than predicted, so the roofline ` +
            "is no lower bound for them (reasoning: their tensors can stay in the caches, so they read less from DRAM " +
            "than the model counts).");
  }
  return (
    `${opening} ${beat.length} of the ${ratios.length} timed layer runs beat the roofline (down to ` +
    `${formatRatio(ratioOf(slowest), 1)}, ${nameAt(slowest)}), so with the probed peak the roofline is not a lower ` +
    "bound. " +
    (fastest.attainedFlops > f.machine.peakFlops
      ? `That peak is a 1024² fp32 matmul on this backend, ${peak}, and some layers ran faster: ` +
        `${nameAt(fastest)} reached ${si(fastest.attainedFlops, "FLOP/s")}. The probed peak under-estimates them.`
      : `No layer ran faster than the probed peak (${peak}), so the layers that beat the roofline moved their bytes ` +
        "faster than the probed copy bandwidth.") +
    fma
  );
}
