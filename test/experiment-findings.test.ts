import assert from "node:assert/strict";
import { test } from "node:test";
import { breakingFindings, overfitFindings } from "../lib/exercises/ex8-overfit-and-break/findings";
import type { Run } from "../lib/runs";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import type { EpochRecord } from "../lib/train/history";

function record(
  epoch: number,
  trainLoss: number,
  valLoss: number,
  trainAccuracy: number,
  valAccuracy: number,
): EpochRecord {
  return {
    epoch,
    trainLoss,
    valLoss,
    trainAccuracy,
    valAccuracy,
    trainImages: 100,
    trainSeconds: 1,
    seconds: 2,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  };
}

function run(
  label: string,
  history: EpochRecord[],
  extra: { stopped?: string; params?: number; alexnet?: boolean } = {},
): Run {
  const spec = extra.alexnet ? alexnetSpec({ size: 68 }) : lenetSpec();
  return {
    setup: { spec, epochs: history.length, lr: 0.1 },
    history,
    ...(extra.stopped ? { stopped: extra.stopped } : {}),
    label,
    spec,
    params: extra.params ?? 61_706,
    flopsPerImage: extra.alexnet ? 200e6 : 833_040,
    seconds: 2 * history.length,
    trainSize: 1000,
    valSize: 500,
  };
}

const learns = run("LeNet (ReLU)", [
  record(1, 1.0, 0.9, 0.6, 0.65),
  record(2, 0.6, 0.7, 0.78, 0.74),
  record(3, 0.4, 0.7, 0.85, 0.75),
]);
const overfits = run(
  "AlexNet",
  [
    record(1, 1.5, 1.0, 0.5, 0.6),
    record(2, 0.5, 0.6, 0.8, 0.78),
    record(3, 0.2, 0.8, 0.95, 0.77),
    record(4, 0.01, 1.2, 1.0, 0.76),
  ],
  { params: 24_000_000, alexnet: true },
);

test("overfitFindings says whether the training set was memorised and how large the gap is", () => {
  const text = overfitFindings(overfits);
  assert.match(text, /AlexNet memorised its training set: train accuracy 100\.0%/);
  assert.match(text, /a gap of 24\.0 points/);
  assert.match(text, /Validation loss was lowest \(0\.600\) at epoch 2 and rose to 1\.200 by epoch 4/);
});

test("breakingFindings reports each run as learning, stuck or diverged", () => {
  const stuck = run("no ReLU", [record(1, Math.LN10, Math.LN10, 0.1, 0.1)]);
  const diverged = run("lr 1", [], { stopped: "loss became NaN at epoch 1, batch 4 (lr 1); training stopped" });
  const text = breakingFindings(overfits, [stuck, diverged, learns]).split("\n");
  assert.equal(text.length, 4);
  assert.match(text[1], /\*\*no ReLU\*\*: stuck near chance/);
  assert.match(text[2], /\*\*lr 1\*\*: diverged: loss became NaN at epoch 1, batch 4 .* in its first epoch\.$/);
  assert.match(text[3], /after 3 epochs: best val acc 75\.0% vs the reference's 78\.0%, train loss 0\.400 vs 0\.200/);
});
