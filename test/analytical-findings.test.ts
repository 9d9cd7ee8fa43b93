// Exercises 1-3: the findings and answers of the analytical notebooks, on made-up measurements.
import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts, DEVICES, rooflineReport, type Device } from "../lib/cost";
import {
  bookFlopsRemark,
  computationalPropertiesAnswer,
  handCount,
  loadLatency,
  measuredFindings,
  memoryLatencyFindings,
  type RooflineFacts,
  type TimedRun,
  weightsVsActivationsFindings,
} from "../lib/exercises/ex1-computational-properties";
import {
  cappedChip,
  chipDesignAnswer,
  chipStudy,
  energyCosts,
  powerFindings,
  workloadEnergy,
} from "../lib/exercises/ex2-chip-compute-vs-bandwidth";
import {
  countedRow,
  findPublished,
  frontierFindings,
  publishedRow,
  saturationFindings,
  whyNotAlexnet,
  whyNotAlexnetAnswer,
} from "../lib/exercises/ex3-why-not-alexnet";
import { ninSpec, torchvisionAlexnetSpec, vggSpec } from "../lib/models/modern";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";

const machine: Device = { name: "test cpu", peakFlops: 80e9, bandwidth: 30e9, source: "made up" };

/** A timed run whose every layer took `factor(name)` times its roofline time. */
type Factor = (name: string, predicted: number, bound: "compute" | "memory", intensity: number) => number;

function timedRun(batch: number, factor: Factor): TimedRun {
  const spec = alexnetSpec({ size: 68 });
  const report = countCosts(spec, { batch });
  const predicted = rooflineReport(report, machine, { mode: "inference" });
  const layers = report.layers.map((l) => {
    const item = predicted.items.find((i) => i.name === `${l.name} forward`);
    const seconds = item ? item.seconds * factor(l.name, item.seconds, item.bound, item.intensity) : 1e-6;
    return { index: l.index, seconds };
  });
  return { batch, predicted, times: { batch, layers, modelSeconds: predicted.seconds * 1.2 } };
}

function facts(factor: Factor, fmaPeak?: number): RooflineFacts {
  const spec = alexnetSpec();
  const perImage = countCosts(spec);
  const batch = countCosts(spec, { batch: 128 });
  return {
    spec,
    perImage,
    batch,
    machine,
    gpu: DEVICES.v100,
    inference1: rooflineReport(perImage, machine, { mode: "inference" }),
    training: rooflineReport(batch, machine, { mode: "training" }),
    timedSpec: alexnetSpec({ size: 68 }),
    timed: [timedRun(1, factor), timedRun(4, factor)],
    capacityBytes: 16 * 2 ** 30,
    fmaPeak,
    latency: { dram: { bytes: 128 * 2 ** 20, seconds: 100e-9 }, l1: { bytes: 16384, seconds: 1e-9 } },
  };
}

test("ex1: the hand formulas for a convolution agree with the counter", () => {
  const spec = alexnetSpec();
  const h = handCount(spec, countCosts(spec), "Conv2d-4");
  assert.equal(h.params, 96 * 256 * 25 + 256);
  assert.equal(h.macs, 96 * 256 * 25 * 26 * 26);
  assert.equal(h.outputBytes, 4 * 256 * 26 * 26);
  assert.ok(h.matchesCounter);
  assert.throws(() => handCount(spec, countCosts(spec), "ReLU-2"), /"ReLU-2" is not a convolution/);
});

test("ex1: the book's 81 MFLOPs is called unexplained unless a reading matches it", () => {
  assert.match(bookFlopsRemark(42_991_616), /what the 81 counts is unexplained/);
  assert.match(bookFlopsRemark(40_500_000), /The book's figure is 2 × MACs\./);
});

test("ex1: the crossover sentence names the crossing the figure draws (activations vs weights + gradients)", () => {
  const spec = alexnetSpec();
  const text = weightsVsActivationsFindings(spec, countCosts(spec), countCosts(spec, { batch: 128 }));
  assert.match(text, /and weights \+ gradients from batch \d+ \(where the two curves of the figure cross\)/);
  assert.match(text, /activations, the input batch and the gradient workspace/);
});

test("ex1: layers faster than the roofline deny the lower bound and blame the probed peak", () => {
  const text = measuredFindings(facts((name) => (name.startsWith("Conv2d") ? 0.5 : 2)));
  assert.match(text, /beat the roofline/);
  assert.match(text, /the roofline is not a lower bound/);
  assert.match(text, /The probed peak under-estimates them\./);
  assert.doesNotMatch(text, /FMA peak/);
  const withFma = measuredFindings(facts((_, __, ___, intensity) => (intensity > 6 ? 0.6 : 2), 170e9));
  assert.match(withFma, /lower bound only with the hardware's own peak/);
  const tooFast = measuredFindings(facts((_, __, bound) => (bound === "memory" ? 0.5 : 2), 1e12));
  assert.match(tooFast, /Even with that peak as the roof/);
});

test("ex1: layers no faster than the roofline are reported as a lower bound", () => {
  const text = measuredFindings(facts(() => 1.5));
  assert.match(text, /Every timed layer took at least its roofline time, as a lower bound should/);
});

test("ex1: memory latency compares DRAM with the L1 and blames small layers only when they are slower", () => {
  const text = (small: number, large: number) =>
    memoryLatencyFindings(
      facts((_, predicted) => (predicted < 100e-6 ? small : large)),
      rooflineReport(countCosts(alexnetSpec(), { batch: 128 }), machine, { mode: "inference" }),
      rooflineReport(countCosts(alexnetSpec()), DEVICES.v100, { mode: "inference" }),
    );
  const exposed = text(8, 1.2);
  assert.match(exposed, /100 ns per load/);
  assert.match(exposed, /100× longer/);
  assert.match(exposed, /Little's law/);
  assert.match(exposed, /A small layer pays a fixed cost/);
  assert.match(text(1.1, 1.2), /shows no latency penalty for small layers/);
});

test("ex1: a dependent load over a large buffer is slower than inside the L1", () => {
  const dram = loadLatency(64 * 2 ** 20, { loads: 200_000, repeats: 1 });
  const l1 = loadLatency(16 * 2 ** 10, { loads: 2_000_000, repeats: 1 });
  assert.ok(dram.seconds > 3 * l1.seconds, `DRAM ${dram.seconds} s vs L1 ${l1.seconds} s`);
  assert.throws(() => loadLatency(64), /at least two 64-byte lines/);
});

test("ex1: the answer has one numbered sentence per sub-question", () => {
  const text = computationalPropertiesAnswer(facts(() => 1.5));
  assert.deepEqual(
    text.split("\n").map((l) => l.slice(0, 3)),
    ["1. ", "2. ", "3. "],
  );
  assert.match(text, /fully connected layers dominate the weights/);
});

const workloads = [
  { mode: "inference", batch: 1 },
  { mode: "inference", batch: 128 },
  { mode: "training", batch: 1 },
  { mode: "training", batch: 128 },
] as const;

test("ex2: energy per FLOP and per DRAM byte come from the 45 nm table", () => {
  const fp32 = energyCosts("fp32");
  assert.ok(Math.abs(fp32.perFlop - 2.3e-12) < 1e-18);
  assert.ok(Math.abs(fp32.perDramByte - 160e-12) < 1e-18);
  assert.ok(energyCosts("fp16").perFlop < fp32.perFlop / 3);
  const e = workloadEnergy(alexnetSpec(), "inference", 1, "fp32");
  assert.ok(e.dramJoules > e.flopJoules, "at batch 1 DRAM traffic costs more than the arithmetic");
});

test("ex2: a power cap that binds slows the best chip and makes a range of splits tie", () => {
  const study = chipStudy([alexnetSpec(), lenetSpec()], [...workloads], { reference: DEVICES.v100 });
  const row = study[0];
  const energy = workloadEnergy(alexnetSpec(), row.mode, row.batch, "fp32");
  const loose = cappedChip(row, energy, 1e6);
  assert.equal(loose.slowdown, 1);
  assert.equal(loose.tiedShares, undefined);
  const tight = cappedChip(row, energy, 10);
  assert.ok(tight.slowdown > 1);
  const [lo, hi] = tight.tiedShares ?? [NaN, NaN];
  assert.ok(lo < row.tradeoff.best.computeShare && row.tradeoff.best.computeShare < hi);
  assert.throws(() => cappedChip(row, energy, 0), /capWatts must be positive/);
  const rows = study.filter((r) => r.network === "AlexNet");
  assert.match(powerFindings(rows, alexnetSpec(), [1e6]), /area, not power, limits the design/);
  assert.match(powerFindings(rows, alexnetSpec(), [1]), /binds all four workloads/);
  assert.match(chipDesignAnswer(study, alexnetSpec(), DEVICES.v100, 1e6), /binds none of the four workloads/);
  assert.equal(chipDesignAnswer(study, alexnetSpec(), DEVICES.v100, 100).split("\n").length, 3);
});

const imagenet = { channels: 3, classes: 1000 };
function rows() {
  return [
    countedRow(torchvisionAlexnetSpec(), {
      year: 2012,
      top1: findPublished("AlexNet (torchvision)").top1,
      source: "t",
    }),
    countedRow(ninSpec(imagenet), { year: 2013, source: "no accuracy" }),
    countedRow(vggSpec(imagenet), { year: 2014, top1: findPublished("VGG-11").top1, source: "t" }),
    ...["ResNet-50", "MobileNet v2"].map((name) => publishedRow(findPublished(name))),
  ];
}

test("ex3: the frontier sentence counts only networks with an accuracy and names the others", () => {
  const text = frontierFindings(rows(), ["ResNet-50"]);
  assert.match(text, /Every later network with a published accuracy in the table \(3 of 4; none is quoted for NiN\)/);
  assert.match(text, /MobileNet v2 is more accurate \*with fewer\* MACs/);
  const worse = rows().map((r) => (r.name === "VGG-11" ? { ...r, top1: 40 } : r));
  assert.match(frontierFindings(worse, ["ResNet-50"]), /Not every later network/);
});

test("ex3: the CPU's roofline share is a prediction set against a measured forward pass", () => {
  const spec = alexnetSpec(imagenet);
  const scenario = (device: Device, dtype: "fp32" | "bf16", batch: number) => ({
    device,
    dtype,
    report: rooflineReport(countCosts(spec, { batch, dtype }), device, { mode: "inference" }),
  });
  const s = {
    a100Batch1: scenario(DEVICES.a100, "fp32", 1),
    bf16Batch1: scenario(DEVICES.a100, "bf16", 1),
    bf16Batch128: scenario(DEVICES.a100, "bf16", 128),
    cpuBatch1: scenario(machine, "fp32", 1),
  };
  const slow = saturationFindings(spec, s, { batch: 1, seconds: s.cpuBatch1.report.seconds * 4 });
  assert.match(slow, /the roofline predicts AlexNet at [\d.]+% of the probed peak/);
  assert.match(slow, /Measured, a batch-1 forward pass took/);
  assert.match(slow, /Even a slow device is far from its peak in practice/);
  const fast = saturationFindings(spec, s, { batch: 1, seconds: s.cpuBatch1.report.seconds });
  assert.match(fast, /A slow device is nearly saturated by AlexNet/);
  const beyond = saturationFindings(spec, s, { batch: 1, seconds: s.cpuBatch1.report.seconds / 2 });
  assert.match(beyond, /The measurement beats the probed peak/);
  const why = {
    spec,
    nin: ninSpec(imagenet),
    vgg: vggSpec(imagenet),
    rows: rows(),
    a100Batch1: s.a100Batch1,
    trainingFp32: scenario(DEVICES.a100, "fp32", 128),
    trainingBf16: scenario(DEVICES.a100, "bf16", 128),
    a100MemoryBytes: 40e9,
  };
  const reasons = whyNotAlexnet(why);
  assert.match(reasons, /AlexNet has the 3×3 convolutions and dense layers/);
  assert.match(reasons, /5\. \*\*Industry benchmarks run other networks\.\*\* MLCommons' MLPerf/);
  assert.match(whyNotAlexnetAnswer(why), /MLPerf, measures image classification with ResNet-50/);
});

test("ex1: a layer faster than the FMA peak is called a measurement on a busy machine", () => {
  const text = measuredFindings(facts((name) => (name.startsWith("Conv2d") ? 0.01 : 2), 90e9));
  assert.match(text, /No kernel can exceed that peak/);
});
