import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compareRunsFigure,
  describeOutcome,
  resultsTable,
  setupTable,
  summarizeRun,
  trainingOutcome,
  type Run,
} from "../lib/runs";
import { finalStatus } from "../lib/train/board";
import { lenetSpec } from "../lib/models/zoo";
import type { TrainingCurves } from "../lib/train/history";
import { formatValue } from "../lib/format";
import { epochRecord } from "./run-fixtures";

const record = epochRecord;

// Stuck at chance for two epochs, then learns; validation loss bottoms out at epoch 4 and rises after.
const overfitting: TrainingCurves = {
  history: [
    record(1, 2.31, 2.3, 0.1, 0.1),
    record(2, 2.3, 2.3, 0.11, 0.12),
    record(3, 1.2, 1.0, 0.6, 0.62),
    record(4, 0.7, 0.8, 0.75, 0.71),
    record(5, 0.4, 0.9, 0.85, 0.72),
    record(6, 0.2, 1.1, 0.93, 0.7),
  ],
};

test("summarizeRun finds the chance plateau, the best epoch and the overfitting onset", () => {
  const s = summarizeRun(overfitting);
  assert.equal(s.epochs, 6);
  assert.equal(s.epochsNearChance, 2);
  assert.equal(s.firstEpochAboveChance, 3);
  assert.equal(s.bestValAccuracy, 0.72);
  assert.equal(s.bestValAccuracyEpoch, 5);
  assert.equal(s.minValLossEpoch, 4);
  assert.equal(s.overfittingOnset, 4);
  assert.ok(Math.abs(s.accuracyGap - 0.23) < 1e-12);
  assert.ok(Math.abs(s.lossGap - 0.9) < 1e-12);
});

test("summarizeRun reports no onset while validation loss still falls, or rose only at the last epoch", () => {
  const falling: TrainingCurves = {
    history: [record(1, 2, 1.5, 0.3, 0.4), record(2, 1, 1.0, 0.6, 0.6), record(3, 0.8, 1.2, 0.7, 0.6)],
  };
  assert.equal(summarizeRun(falling).overfittingOnset, undefined);
});

test("trainingOutcome tells learning, stuck and diverged runs apart", () => {
  assert.equal(trainingOutcome(overfitting), "learns");
  const stuck: TrainingCurves = {
    history: [record(1, Math.LN10, Math.LN10, 0.1, 0.1), record(2, Math.LN10, Math.LN10, 0.1, 0.1)],
  };
  assert.equal(trainingOutcome(stuck), "stuck");
  assert.match(describeOutcome(stuck), /^stuck near chance: best val acc 10\.0% in 2 epochs/);
  const diverged: TrainingCurves = {
    history: [],
    stopped: "loss became NaN at epoch 1, batch 3 (lr 1); training stopped",
  };
  assert.equal(trainingOutcome(diverged), "diverged");
  assert.match(describeOutcome(diverged), /^diverged: loss became NaN at epoch 1, batch 3 .* in its first epoch$/);
  assert.equal(summarizeRun(diverged).epochs, 0);
  const exploded: TrainingCurves = { history: [record(1, 1.7e20, 2.3e12, 0.1, 0.12)] };
  assert.equal(trainingOutcome(exploded), "exploded");
  assert.match(describeOutcome(exploded), /^loss blew up but stayed finite: final train loss 1\.70·10²⁰/);
  // Accuracy that leaves chance does not make an astronomical loss a run that "learns".
  const ranksOnly: TrainingCurves = { history: [record(1, 1.06e10, 3.7e10, 0.69, 0.57)] };
  assert.equal(trainingOutcome(ranksOnly), "exploded");
  assert.match(
    describeOutcome(ranksOnly),
    /^loss blew up while accuracy rose: final train loss 1\.06·10¹⁰ .* val acc 57\.0%/,
  );
});

test("formatValue writes blown-up values as powers of ten", () => {
  assert.equal(formatValue(10569480746.667), "1.06·10¹⁰");
  assert.equal(formatValue(1.23456), "1.235");
  assert.equal(formatValue(-3.2e-9 * 1e14), "-3.20·10⁵");
  assert.equal(formatValue(Number.POSITIVE_INFINITY), "∞");
  assert.equal(formatValue(undefined), "–");
});

const run: Run = {
  setup: {
    spec: lenetSpec(),
    data: { trainSubset: { random: 512, seed: 1 }, batchSize: 32 },
    epochs: 6,
    lr: 0.1,
    init: { normal: 0.5 },
  },
  ...overfitting,
  label: "LeNet",
  spec: lenetSpec(),
  params: 61_706,
  flopsPerImage: 833_040,
  seconds: 12.3,
  trainSize: 512,
  valSize: 10_000,
};

test("setupTable and resultsTable are markdown tables with one row per run", () => {
  const setup = setupTable([run]).split("\n");
  assert.equal(setup.length, 3);
  assert.equal(setup[2], "| LeNet | 28×28 | 512 random | all 10,000 | 32 | sgd | 0.1 | N(0, 0.5²) | 6 | 61,706 |");
  const results = resultsTable([run]).split("\n");
  assert.equal(results[2], "| LeNet | 6 | 0.200 | 1.100 | 93.0% | 70.0% | 72.0% (5) | 23.0 pt | 100 | 12 | learns |");
});

test("comparison figures draw one line per run and metric, against epochs", () => {
  const figure = compareRunsFigure([run, { ...run, label: "other" }], "valAccuracy");
  assert.deepEqual(
    figure.data.map((t) => t.name),
    ["LeNet", "other"],
  );
  assert.deepEqual(figure.data[0].y, [0.1, 0.12, 0.62, 0.71, 0.72, 0.7]);
});

test("the live board's final title and the results table give the same epochs, accuracy and img/s", () => {
  const varied: Run = { ...run, history: run.history.map((r, i) => ({ ...r, trainSeconds: i + 1 })) };
  const row = resultsTable([varied]).split("\n")[2].split(" | ");
  const title = finalStatus(varied);
  assert.equal(row[1], "6");
  assert.match(title, /done, 6 epochs, val acc 70\.0%, 29 img\/s$/, "600 images in 1 + 2 + … + 6 = 21 seconds");
  assert.equal(row[5], "70.0%");
  assert.equal(row[8], "29");
});
