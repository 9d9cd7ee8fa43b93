import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { accuracyOverTime, runTotals } from "../lib/experiments/run-totals";
import { formatMarkdownTable, formatPercent, formatRatio } from "../lib/experiments/markdown-table";
import { acrossSeeds, formatAccuracySpread, spreadOf } from "../lib/experiments/seeds";
import { batchSizeSweep, learningRateFor } from "../lib/experiments/batch-sweep";
import { pixelMeanStd } from "../lib/experiments/pixel-statistics";
import { lenetSpec } from "../lib/models/zoo";
import type { ExperimentResult } from "../lib/train/experiment";
import { silentProgress } from "../lib/train/progress";

before(async () => {
  await initBackend({ log: () => {} });
});

function fakeResult(): ExperimentResult {
  const epoch = (n: number, imagesPerSecond: number, valAccuracy: number) => ({
    epoch: n,
    trainLoss: 1 / n,
    trainAccuracy: 0.5 + n / 10,
    valLoss: 1.1 / n,
    valAccuracy,
    imagesPerSecond,
    seconds: 0,
    peakTensorBytes: 1000 * n,
    maxRssBytes: 5000 - n,
  });
  const history = [epoch(1, 100, 0.6), epoch(2, 200, 0.7)];
  return { history, final: history[1], label: "fake", spec: lenetSpec(), params: 10, flopsPerImage: 20, seconds: 99, trainSize: 400, valSize: 50 };
}

test("runTotals totals training time from each epoch's rate and keeps the last epoch's accuracies", () => {
  const s = runTotals(fakeResult());
  assert.equal(s.trainSeconds, 4 + 2);
  assert.equal(s.imagesSeen, 800);
  assert.ok(Math.abs(s.imagesPerSecond - 800 / 6) < 1e-9);
  assert.deepEqual([s.trainAccuracy, s.valAccuracy, s.epochs], [0.7, 0.7, 2]);
  assert.deepEqual([s.peakTensorBytes, s.maxRssBytes], [2000, 4999]);
});

test("accuracyOverTime accumulates training seconds epoch by epoch", () => {
  assert.deepEqual(accuracyOverTime(fakeResult()), [
    { epoch: 1, trainSeconds: 4, valAccuracy: 0.6 },
    { epoch: 2, trainSeconds: 6, valAccuracy: 0.7 },
  ]);
});

test("formatMarkdownTable aligns numbers right, escapes pipes and checks row widths", () => {
  assert.equal(formatMarkdownTable(["model", "acc"], [["a|b", "1.0%"]]), "| model | acc |\n| :-- | --: |\n| a\\|b | 1.0% |");
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
});

test("pixelMeanStd reports [0, 1] units", () => {
  const { mean, std } = pixelMeanStd(Uint8Array.from([0, 255, 0, 255]));
  assert.ok(Math.abs(mean - 0.5) < 1e-12 && Math.abs(std - 0.5) < 1e-12);
});

test("acrossSeeds and batchSizeSweep train real runs and report them", async () => {
  const common = { spec: lenetSpec(), data: { trainSubset: 128, valSubset: 64 }, epochs: 1, lr: 0.1, progress: silentProgress };
  const seeded = await acrossSeeds(common, [0, 1]);
  assert.equal(seeded.runs.length, 2);
  assert.equal(seeded.valAccuracy.values.length, 2);
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
  assert.deepEqual(rows.map((r) => [r.batchSize, r.lr, r.steps]), [[32, 0.1, 4], [64, 0.2, 2]]);
  assert.ok(rows.every((r) => r.peakTensorBytes > 0 && r.maxRssBytes > 0 && r.predicted.total > 0));
  assert.ok(rows[1].predicted.activations > rows[0].predicted.activations);
});
