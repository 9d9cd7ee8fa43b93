/** Exercise 6's computations: warm throughput, a batch size over seeds, its tables, and d2l's predicted memory. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts, trainingMemory, type TrainingMemory } from "../lib/cost";
import type { BatchSweepRow } from "../lib/exercises/ex6-batch-size/batch-sweep";
import { batchMemoryTable, batchPointTable } from "../lib/exercises/ex6-batch-size/batch-sweep-table";
import { D2L_BATCH, D2L_SIZE, d2lTrainingMemory } from "../lib/exercises/ex6-batch-size/d2l-memory";
import { batchPoint, warmRates } from "../lib/exercises/ex6-batch-size/seeded-sweep";
import { lenetSpec } from "../lib/models/zoo";
import type { Run, TestResult } from "../lib/runs/run";
import { summarizeRun } from "../lib/runs/summary";
import { epochRecord } from "./run-fixtures";

const IMAGES = 1000;
const MiB = 2 ** 20;

/** A made-up run: one epoch per rate (images/s), every epoch at `valAccuracy`. */
function fakeRun(rates: number[], valAccuracy: number, test?: TestResult): Run {
  const spec = lenetSpec();
  return {
    setup: { spec, epochs: rates.length, lr: 0.001 },
    history: rates.map((rate, i) =>
      epochRecord(i + 1, 1, 1, valAccuracy + 0.02, valAccuracy, {
        trainImages: IMAGES,
        trainSeconds: IMAGES / rate,
        seconds: IMAGES / rate + 1,
      }),
    ),
    label: "fake",
    spec,
    params: 10,
    flopsPerImage: 10,
    seconds: 1,
    trainSize: IMAGES,
    valSize: 100,
    ...(test ? { test } : {}),
  };
}

/** A batch size's row for one seed, as batchSizeSweep builds it. */
function row(batchSize: number, run: Run, lr = 0.001, predicted?: TrainingMemory): BatchSweepRow {
  return {
    ...summarizeRun(run),
    run,
    batchSize,
    lr,
    steps: Math.ceil(IMAGES / batchSize) * run.history.length,
    warmImagesPerSecond: NaN,
    predicted: predicted ?? trainingMemory(countCosts(lenetSpec(), { batch: batchSize }), "adam"),
  };
}

test("warmRates drops the first epoch's warm-up pass, unless it is the only one", () => {
  assert.deepEqual(warmRates(fakeRun([5, 100, 200], 0.5)), [100, 200]);
  assert.deepEqual(warmRates(fakeRun([40], 0.5)), [40]);
  assert.deepEqual(warmRates(fakeRun([], 0.5)), []);
});

test("batchPoint spreads accuracies over seeds and throughput over every warm epoch of every seed", () => {
  const point = batchPoint([row(16, fakeRun([1, 100, 125], 0.8)), row(16, fakeRun([1, 125, 50], 0.82))]);
  assert.deepEqual([point.batchSize, point.lr, point.steps], [16, 0.001, 63 * 3]);
  assert.equal(point.rows.length, 2);
  assert.deepEqual(point.throughput.values, [100, 125, 125, 50], "the first epoch of each seed left out");
  assert.equal(point.throughput.mean, 100);
  assert.deepEqual(point.valAccuracy.values, [0.8, 0.82]);
  assert.ok(Math.abs(point.trainAccuracy.mean - 0.83) < 1e-12);
  assert.equal(point.testAccuracy, undefined, "no run measured the test split");
  assert.equal("testAccuracy" in point, false);
  assert.throws(() => batchPoint([]), /batchPoint: a batch size needs at least one run/);
});

test("batchPoint's test accuracy spreads over the runs that measured the whole test split", () => {
  const tested = (accuracy: number) => ({ loss: 0.5, accuracy, images: 10_000 });
  const point = batchPoint([
    row(64, fakeRun([1, 100], 0.8, tested(0.78))),
    row(64, fakeRun([1, 100], 0.81, tested(0.8))),
    row(64, fakeRun([1, 100], 0.82)),
  ]);
  assert.ok(point.testAccuracy);
  assert.deepEqual(point.testAccuracy.values, [0.78, 0.8]);
  assert.ok(Math.abs(point.testAccuracy.mean - 0.79) < 1e-12);
});

/** A markdown table row's cells. */
const cells = (line: string) => line.slice(2, -2).split(" | ");

test("batchPointTable: steps, warm throughput, training seconds and accuracies per batch size", () => {
  const point = batchPoint([
    row(16, fakeRun([1, 100, 120], 0.8), 0.0005),
    row(16, fakeRun([1, 100, 120], 0.82), 0.0005),
  ]);
  const lines = batchPointTable([point]).split("\n");
  assert.equal(lines.length, 3);
  assert.equal(
    lines[0],
    "| batch | lr | steps | img/s (warm epochs) | train s (mean) | train acc % (2 seeds) | val acc % |",
  );
  // 63 steps × 3 epochs; warm rates 100, 120, 100, 120 (std 11.5); 1000 + 10 + 8.33 s.
  assert.equal(lines[2], "| 16 | 0.0005 | 189 | 110 ± 12 | 1018.3 | 83.0 ± 1.4 (82.0–84.0) | 81.0 ± 1.4 (80.0–82.0) |");
  assert.match(batchPointTable([batchPoint([row(32, fakeRun([50], 0.5))])]).split("\n")[0], /\(1 seed\)/);
});

test("batchPointTable adds a test column when some batch size measured the test split", () => {
  const tested = (accuracy: number) => ({ loss: 0.5, accuracy, images: 10_000 });
  const withTest = batchPoint([
    row(16, fakeRun([1, 100], 0.8, tested(0.77))),
    row(16, fakeRun([1, 100], 0.82, tested(0.79))),
  ]);
  const without = batchPoint([row(32, fakeRun([1, 100], 0.8)), row(32, fakeRun([1, 100], 0.82))]);
  const lines = batchPointTable([withTest, without]).split("\n");
  const headers = cells(lines[0]);
  assert.equal(headers.at(-1), "test acc %, all 10,000");
  assert.equal(cells(lines[2]).at(-1), "78.0 ± 1.4 (77.0–79.0)");
  assert.equal(cells(lines[3]).at(-1), "–");
  assert.ok(lines.slice(2).every((line) => cells(line).length === headers.length));
});

test("batchMemoryTable splits the prediction into its fixed and per-batch parts beside the measured peaks", () => {
  const predicted: TrainingMemory = {
    batch: 16,
    optimizer: "adam",
    weights: 1 * MiB,
    gradients: 1 * MiB,
    optimizerState: 2 * MiB,
    input: 0.5 * MiB,
    activations: 3 * MiB,
    gradientWorkspace: 0.5 * MiB,
    total: 8 * MiB,
    dominant: "activations",
  };
  const measured = {
    ...row(16, fakeRun([100], 0.5), 0.001, predicted),
    peakTensorBytes: 6 * MiB,
    maxRssBytes: 100 * MiB,
  };
  const lines = batchMemoryTable([measured]).split("\n");
  assert.equal(lines.length, 3);
  assert.deepEqual(cells(lines[2]), ["16", "4.0", "4.0", "8.0", "6.0", "0.75", "100.0"]);
  const noRss = batchMemoryTable([measured], { rss: false }).split("\n");
  assert.equal(cells(noRss[0]).length, 6);
  assert.equal(noRss[0].includes("RSS"), false);
  assert.deepEqual(cells(noRss[2]), ["16", "4.0", "4.0", "8.0", "6.0", "0.75"]);
});

test("d2l's AlexNet at 224 needs more memory with Adam than SGD and more at larger batches", () => {
  assert.deepEqual([D2L_SIZE, D2L_BATCH], [224, 128]);
  const memory = d2lTrainingMemory([16, 128, 256]);
  assert.deepEqual(
    memory.map((m) => m.batch),
    [16, 128, 256],
  );
  // d2l's AlexNet for 1-channel 224×224 images and 10 classes, counted by hand:
  // convolutions 11,712 + 614,656 + 885,120 + 1,327,488 + 884,992; dense 26,218,496 + 16,781,312 + 40,970.
  const params = 11_712 + 614_656 + 885_120 + 1_327_488 + 884_992 + 26_218_496 + 16_781_312 + 40_970;
  for (const m of memory) {
    assert.equal(m.sgd.weights, 4 * params, "float32 weights");
    assert.equal(m.sgd.optimizerState, 0, "plain SGD keeps no state");
    assert.equal(m.adam.optimizerState, 2 * m.adam.weights, "Adam keeps two moments per weight");
    assert.equal(m.adam.total - m.sgd.total, 2 * m.sgd.weights);
    assert.deepEqual([m.sgd.batch, m.sgd.optimizer, m.adam.optimizer], [m.batch, "sgd", "adam"]);
  }
  assert.ok(memory[0].sgd.total < memory[1].sgd.total && memory[1].sgd.total < memory[2].sgd.total);
  assert.equal(memory[2].sgd.activations, 16 * memory[0].sgd.activations, "kept activations grow with the batch");
  assert.equal(memory[2].sgd.weights, memory[0].sgd.weights);
});
