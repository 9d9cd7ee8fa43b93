import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { summarizeRun } from "../lib/runs/summary";
import type { Run } from "../lib/runs/run";
import { accuracyOverTime } from "../lib/exercises/ex5-simplify-alexnet";
import { formatMarkdownTable, formatPercent, formatRatio } from "../lib/format";
import { formatAccuracySpread, seededComparisonTable, spreadOf, trainSeeds } from "../lib/runs/seeds";
import { sharedFashionMnist } from "../lib/runs/load-data";
import { batchSizeSweep, learningRateFor } from "../lib/exercises/ex6-batch-size/batch-sweep";
import { batchMemoryTable, batchPointTable } from "../lib/exercises/ex6-batch-size/batch-sweep-table";
import { batchPoint } from "../lib/exercises/ex6-batch-size/seeded-sweep";
import { pixelMeanStd } from "../lib/data/pixel-statistics";
import { lenetSpec } from "../lib/models/zoo";
import { silentProgress } from "../lib/train/progress";

before(async () => {
  await initBackend({ log: () => {} });
});

function fakeRun({
  label = "fake",
  flopsPerImage = 20,
  rates = [100, 200],
  valAccuracies = [0.6, 0.7],
  images = 400,
} = {}): Run {
  const history = rates.map((rate, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    trainAccuracy: 0.5 + (i + 1) / 10,
    valLoss: 1.1 / (i + 1),
    valAccuracy: valAccuracies[i],
    trainImages: images,
    trainSeconds: images / rate,
    seconds: images / rate + 1,
    peakTensorBytes: 1000 * (i + 1),
    maxRssBytes: 5000 - (i + 1),
  }));
  const spec = { ...lenetSpec(), input: [1, 68, 68] as [number, number, number] };
  return {
    setup: { spec, epochs: rates.length, lr: 0.1 },
    history,
    label,
    spec,
    params: 10,
    flopsPerImage,
    seconds: 99,
    trainSize: images,
    valSize: 50,
  };
}

test("summarizeRun totals training images and seconds, img/s is their ratio, and keeps the last epoch's accuracies", () => {
  const s = summarizeRun(fakeRun());
  assert.equal(s.trainSeconds, 4 + 2);
  assert.equal(s.trainImages, 800);
  assert.ok(Math.abs(s.imagesPerSecond - 800 / 6) < 1e-9, "not the mean of the epochs' rates (150)");
  assert.deepEqual([s.trainAccuracy, s.valAccuracy, s.epochs], [0.7, 0.7, 2]);
  assert.deepEqual([s.peakTensorBytes, s.maxRssBytes], [2000, 4999]);
});

test("accuracyOverTime accumulates training seconds epoch by epoch", () => {
  assert.deepEqual(accuracyOverTime(fakeRun()), [
    { epoch: 1, trainSeconds: 4, valAccuracy: 0.6 },
    { epoch: 2, trainSeconds: 6, valAccuracy: 0.7 },
  ]);
});

test("formatMarkdownTable aligns numbers right, escapes pipes and checks row widths", () => {
  assert.equal(
    formatMarkdownTable(["model", "acc"], [["a|b", "1.0%"]]),
    "| model | acc |\n| :-- | --: |\n| a\\|b | 1.0% |",
  );
  assert.throws(() => formatMarkdownTable(["a", "b"], [["1"]]), /a row has 1 cells, the header 2/);
  assert.equal(formatPercent(0.8534), "85.3%");
  assert.equal(formatRatio(3.456), "3.46×");
  assert.equal(formatPercent(NaN), "–");
});

test("spreadOf gives mean, sample std and range", () => {
  const s = spreadOf([0.8, 0.82, 0.84]);
  assert.ok(Math.abs(s.mean - 0.82) < 1e-12);
  assert.ok(Math.abs(s.std - 0.02) < 1e-12);
  assert.deepEqual([s.min, s.max], [0.8, 0.84]);
  assert.equal(formatAccuracySpread(s), "82.0 ± 2.0 (80.0–84.0)");
  assert.equal(formatAccuracySpread(spreadOf([0.5])), "50.0");
  assert.throws(() => spreadOf([]), /no values/);
});

test("learningRateFor scales linearly from the base batch only when asked", () => {
  assert.equal(learningRateFor(256, { lr: 0.1, baseBatch: 128, lrScaling: "linear" }), 0.2);
  assert.equal(learningRateFor(256, { lr: 0.1, baseBatch: 128, lrScaling: "fixed" }), 0.1);
  assert.ok(Math.abs(learningRateFor(256, { lr: 0.1, baseBatch: 64, lrScaling: "sqrt" }) - 0.2) < 1e-12);
  assert.ok(Math.abs(learningRateFor(16, { lr: 0.1, baseBatch: 64, lrScaling: "sqrt" }) - 0.05) < 1e-12);
  assert.throws(() => learningRateFor(16, { lr: 0.1, baseBatch: 0, lrScaling: "sqrt" }), /baseBatch/);
});

test("pixelMeanStd reports [0, 1] units", () => {
  const { mean, std } = pixelMeanStd(Uint8Array.from([0, 255, 0, 255]));
  assert.ok(Math.abs(mean - 0.5) < 1e-12 && Math.abs(std - 0.5) < 1e-12);
});

const tiny = { spec: lenetSpec(), data: { trainSubset: 64, valSubset: 32 }, epochs: 1, lr: 0.1 };

test("trainSeeds trains one run per seed, with the board on the first seed only", async () => {
  const seen: number[] = [];
  const seeded = await trainSeeds({ ...tiny, label: "tiny LeNet" }, [3, 5], {
    onRun: (run) => seen.push(run.setup.seed ?? -1),
  });
  assert.equal(seeded.label, "tiny LeNet");
  assert.equal(seeded.runs.length, 2);
  assert.deepEqual(
    seeded.runs.map((r) => [r.label, r.setup.seed, r.history.length]),
    [
      ["tiny LeNet", 3, 1],
      ["tiny LeNet", 5, 1],
    ],
  );
  assert.deepEqual(seen, [3, 5], "onRun sees each run as it finishes");
  assert.deepEqual(seeded.valAccuracy.values, [
    seeded.runs[0].history[0].valAccuracy,
    seeded.runs[1].history[0].valAccuracy,
  ]);
  assert.notEqual(seeded.runs[0].setup.progress, silentProgress, "the first seed draws the board");
  assert.equal(seeded.runs[1].setup.progress, silentProgress);
  assert.ok(
    seeded.runs.every((r) => r.test === undefined),
    "no test split unless asked",
  );
});

test("trainSeeds with board: false trains every seed silently; testAtEnd scores the whole test split", async () => {
  const seeded = await trainSeeds({ ...tiny, testAtEnd: true }, [0, 1], { board: false });
  assert.equal(seeded.label, "LeNet", "the spec's name when no label is given");
  assert.deepEqual(
    seeded.runs.map((r) => r.setup.seed),
    [0, 1],
  );
  assert.ok(seeded.runs.every((r) => r.setup.progress === silentProgress));
  const raw = await sharedFashionMnist();
  if (raw.train.count === 60_000) assert.equal(raw.val.count, 10_000, "the real data set's test split");
  for (const run of seeded.runs) {
    assert.ok(run.test, "testAtEnd fills run.test");
    assert.equal(run.test.images, raw.val.count, "every test image, not the 32 validated on");
    assert.equal(run.valSize, 32);
    assert.ok(run.test.accuracy >= 0 && run.test.accuracy <= 1, `accuracy ${run.test.accuracy}`);
    assert.ok(Number.isFinite(run.test.loss) && run.test.loss > 0, `loss ${run.test.loss}`);
  }
});

test("trainSeeds refuses an empty list of seeds", async () => {
  await assert.rejects(trainSeeds(tiny, []), /trainSeeds: seeds is empty; pass at least one seed/);
});

test("batchSizeSweep trains real runs and reports them", async () => {
  const rows = await batchSizeSweep({
    spec: lenetSpec(),
    batchSizes: [64, 32],
    epochs: 1,
    lr: 0.1,
    baseBatch: 32,
    lrScaling: "linear",
    data: { trainSubset: 128, valSubset: 64 },
    progress: () => silentProgress,
  });
  assert.deepEqual(
    rows.map((r) => [r.batchSize, r.lr, r.steps]),
    [
      [32, 0.1, 4],
      [64, 0.2, 2],
    ],
  );
  assert.ok(rows.every((r) => r.peakTensorBytes > 0 && r.maxRssBytes > 0 && r.predicted.total > 0));
  assert.ok(rows[1].predicted.activations > rows[0].predicted.activations);
});

test("seededComparisonTable and the batch-sweep tables render one row per entry", async () => {
  const common = { spec: lenetSpec(), data: { trainSubset: 64, valSubset: 64 }, epochs: 1, lr: 0.1 };
  const seeded = [
    await trainSeeds({ ...common, label: "a" }, [0], { board: false }),
    await trainSeeds({ ...common, label: "b", lr: 0.05 }, [0], { board: false }),
  ];
  const table = seededComparisonTable(seeded, { baseline: "a" }).split("\n");
  assert.equal(table.length, 4);
  assert.match(table[0], /val vs "a"/);
  assert.match(table[2], /^\| a \| [\d.]+ \| [\d.]+ \| [+-][\d.]+ pt \| \+0\.0 pt \| \d+ \|$/);
  const rows = await batchSizeSweep({
    spec: lenetSpec(),
    batchSizes: [32],
    epochs: 1,
    lr: 0.1,
    baseBatch: 32,
    lrScaling: "fixed",
    optimizer: "adam",
    data: { trainSubset: 64, valSubset: 32 },
    progress: () => silentProgress,
  });
  assert.equal(rows[0].predicted.optimizerState, 2 * rows[0].predicted.weights, "Adam keeps two tensors per weight");
  assert.equal(batchPointTable([batchPoint(rows)]).split("\n").length, 3);
  assert.match(
    batchMemoryTable(rows).split("\n")[2],
    /^\| 32 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$/,
  );
  assert.equal(batchMemoryTable(rows, { rss: false }).split("\n")[0].includes("RSS"), false);
});
