// Exercises 1-3: the computations the analytical notebooks' tables rest on, on counted networks and made-up timings.
import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts, DEVICES, rooflineReport, type Device } from "../lib/cost";
import {
  handCount,
  handCountTable,
  layerRatios,
  partTotals,
  timeByKind,
  timeByKindTable,
  type TimedRun,
} from "../lib/exercises/ex1-computational-properties";
import {
  cappedChip,
  chipStudy,
  designMismatch,
  energyCosts,
  studyRow,
  workloadEnergy,
} from "../lib/exercises/ex2-chip-compute-vs-bandwidth";
import {
  comparisonRow,
  countedRow,
  findPublished,
  macsShareOf,
  publishedRow,
  versusTable,
} from "../lib/exercises/ex3-why-not-alexnet";
import { ninSpec, torchvisionAlexnetSpec, vggSpec } from "../lib/models/modern";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import { loadLatency } from "../lib/profile/machine-probes";

const machine: Device = { name: "test cpu", peakFlops: 80e9, bandwidth: 30e9, source: "made up" };

/** A timed run of AlexNet at 68×68 whose every layer took `factor(name)` times its roofline time. */
function timedRun(batch: number, factor: (name: string) => number): TimedRun {
  const spec = alexnetSpec({ size: 68 });
  const report = countCosts(spec, { batch });
  const predicted = rooflineReport(report, machine, { mode: "inference" });
  const layers = report.layers.map((l) => {
    const item = predicted.items.find((i) => i.name === `${l.name} forward`);
    return { index: l.index, seconds: item ? item.seconds * factor(l.name) : 1e-6 };
  });
  return { batch, predicted, times: { batch, layers, modelSeconds: predicted.seconds * 1.2 } };
}

test("ex1: the hand formulas for a convolution agree with the counter, in a table of both", () => {
  const spec = alexnetSpec();
  const report = countCosts(spec);
  const h = handCount(spec, report, "Conv2d-4");
  assert.equal(h.params, 96 * 256 * 25 + 256);
  assert.equal(h.macs, 96 * 256 * 25 * 26 * 26);
  assert.equal(h.outputBytes, 4 * 256 * 26 * 26);
  assert.ok(h.matchesCounter);
  assert.match(
    handCountTable(h, report),
    /\| parameters \| c_i·c_o·k² \+ c_o \| 96·256·5² \+ 256 \| 614,656 \| 614,656 \|/,
  );
  assert.throws(() => handCount(spec, report, "ReLU-2"), /"ReLU-2" is not a convolution/);
});

test("ex1: the parts split at the flatten: 3,723,968 conv and 43,040,778 dense parameters", () => {
  const spec = alexnetSpec();
  const { conv, dense } = partTotals(spec, countCosts(spec));
  assert.equal(conv.params, 3_723_968);
  assert.equal(dense.params, 43_040_778);
  assert.ok(conv.outputs > 50 * dense.outputs, "the convolutions write far more per image");
  const noFlatten = { ...spec, layers: spec.layers.filter((l) => l.type !== "flatten") };
  assert.throws(() => partTotals(noFlatten, countCosts(spec)), /has no flatten layer/);
});

test("ex1: time by kind sums each kind's layers, and the kinds add up to the whole", () => {
  const spec = alexnetSpec({ size: 68 });
  const run = timedRun(1, (name) => (name.startsWith("Linear") ? 3 : 1));
  const parts = timeByKind(spec, run);
  const dense = parts.kinds.find((k) => k.kind === "dense layers")!;
  assert.ok(Math.abs(dense.measured - 3 * dense.predicted) < 1e-12);
  assert.ok(Math.abs(parts.predicted - run.predicted.seconds) < 1e-12, "the roofline's time is the sum of its items");
  assert.ok(Math.abs(parts.measured - parts.kinds.reduce((a, k) => a + k.measured, 0)) < 1e-15);
  assert.equal(parts.model, run.times.modelSeconds);
  const table = timeByKindTable([parts]);
  assert.equal(table.split("\n").length, 2 + 4 + 2);
});

test("ex1: layer ratios are measured over predicted time, with the FLOP/s the layer attained", () => {
  const spec = alexnetSpec({ size: 68 });
  const ratios = layerRatios(spec, [timedRun(1, (name) => (name.startsWith("Conv2d") ? 0.5 : 2))]);
  const conv = ratios.find((r) => r.name === "Conv2d-4")!;
  assert.ok(Math.abs(conv.measured / conv.predicted - 0.5) < 1e-12);
  assert.ok(conv.attainedFlops > machine.peakFlops, "twice as fast as a compute-bound prediction beats the peak");
  assert.deepEqual(
    ratios.map((r) => r.name),
    ["Conv2d-1", "MaxPool2d-3", "Conv2d-4", "MaxPool2d-6", "Conv2d-7", "Conv2d-9", "Conv2d-11", "MaxPool2d-13"].concat([
      "Linear-15",
      "Linear-18",
      "Linear-21",
    ]),
  );
});

test("ex1: a dependent load over a large buffer is slower than inside the L1", () => {
  const dram = loadLatency(64 * 2 ** 20, { loads: 200_000, repeats: 1 });
  const l1 = loadLatency(16 * 2 ** 10, { loads: 2_000_000, repeats: 1 });
  assert.ok(dram.seconds > 3 * l1.seconds, `DRAM ${dram.seconds} s vs L1 ${l1.seconds} s`);
  assert.throws(() => loadLatency(64), /at least two 64-byte lines/);
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
  const row = studyRow(study, "AlexNet", "inference", 1);
  const energy = workloadEnergy(alexnetSpec(), row.mode, row.batch, "fp32");
  const loose = cappedChip(row, energy, 1e6);
  assert.equal(loose.slowdown, 1);
  assert.equal(loose.tiedShares, undefined);
  const tight = cappedChip(row, energy, 10);
  assert.ok(tight.slowdown > 1);
  const [lo, hi] = tight.tiedShares ?? [NaN, NaN];
  assert.ok(lo < row.tradeoff.best.computeShare && row.tradeoff.best.computeShare < hi);
  assert.throws(() => cappedChip(row, energy, 0), /capWatts must be positive/);
});

test("ex2: a chip built for a workload runs it best; batch size splits the design more than the mode", () => {
  const study = chipStudy([alexnetSpec()], [...workloads], { reference: DEVICES.v100 });
  const m = designMismatch(study);
  for (const [i, row] of m.entries()) assert.ok(Math.abs(row[i] - 1) < 1e-9);
  assert.ok(m.flat().every((x) => x >= 1 - 1e-9));
  const [i1, i128, , t128] = [0, 1, 2, 3];
  assert.ok(m[t128][i1] > 1.3 && m[t128][i128] < 1.01);
  assert.throws(() => studyRow(study, "LeNet", "inference", 1), /no row for LeNet/);
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

test("ex3: the versus table lists later networks with an accuracy, with ratios against the baseline", () => {
  const all = rows();
  const alex = comparisonRow(all, "AlexNet (torchvision)");
  const table = versusTable(all, alex);
  assert.doesNotMatch(table, /NiN/, "no accuracy, no row");
  assert.match(table, /\| MobileNet v2 \| 2018 \| 17\.4× fewer \| 2\.4× fewer \| \+15\.4 \|/);
  assert.match(table, /\| VGG-11 \| 2014 \| 2\.2× more \| 10\.7× more \| \+12\.5 \|/);
  assert.throws(() => comparisonRow(all, "LeNet"), /no row "LeNet"/);
});

test("ex3: the operation mix: AlexNet has no 1×1 convolutions, NiN a quarter of its MACs, VGG-11 nearly all in 3×3", () => {
  assert.equal(macsShareOf(alexnetSpec(imagenet), ["conv 1×1"]), 0);
  assert.ok(Math.abs(macsShareOf(ninSpec(imagenet), ["conv 1×1"]) - 0.243) < 0.005);
  assert.ok(macsShareOf(vggSpec(imagenet), ["conv 3×3"]) > 0.98);
  const all = macsShareOf(alexnetSpec(imagenet), ["conv 11×11", "conv 5×5", "conv 3×3", "dense"]);
  assert.ok(Math.abs(all - 1) < 1e-12, "every MAC is in one of AlexNet's operations");
});
