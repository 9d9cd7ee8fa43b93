import assert from "node:assert/strict";
import { test } from "node:test";
import { moreEpochsAnswer, moreEpochsFindings, moreEpochsTable } from "../lib/exercises/ex4-more-epochs";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import type { Run, SeededComparison } from "../lib/runs";
import { seededComparison, separated } from "../lib/runs/seeds";
import { seedCurvesFigure } from "../lib/runs/figures";
import type { EpochRecord } from "../lib/train/history";

/** A run whose validation accuracy follows `valAccuracy` per epoch, loss falling then (optionally) rising. */
function run(label: string, valAccuracy: number[], { alexnet = false, rises = false } = {}): Run {
  const spec = alexnet ? alexnetSpec({ size: 68 }) : lenetSpec();
  const history: EpochRecord[] = valAccuracy.map((v, i) => ({
    epoch: i + 1,
    trainLoss: 2 / (i + 1),
    valLoss: rises && i > valAccuracy.length / 2 ? 0.5 + 0.2 * i : 2 / (i + 1),
    trainAccuracy: Math.min(1, v + 0.05 * i),
    valAccuracy: v,
    trainImages: 1000,
    trainSeconds: alexnet ? 10 : 0.2,
    seconds: alexnet ? 11 : 0.3,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  }));
  return {
    setup: { spec, epochs: history.length, lr: alexnet ? 0.01 : 0.1 },
    history,
    label,
    spec,
    params: alexnet ? 21_598_922 : 61_706,
    flopsPerImage: alexnet ? 156.9e6 : 833_040,
    seconds: history.length * (alexnet ? 11 : 0.3),
    trainSize: 1000,
    valSize: 500,
  };
}

const seeded = seededComparison;

const curve = (start: number, end: number, epochs = 20) =>
  Array.from({ length: epochs }, (_, i) => start + ((end - start) * i) / (epochs - 1));

const alexnet = seeded(
  "AlexNet",
  [0, 0.01, 0.02].map((d) => run("AlexNet", curve(0.3 + d, 0.85 + d), { alexnet: true, rises: true })),
);
const lenet = seeded(
  "d2l's LeNet",
  [0, 0.01, 0.02].map((d) => run("LeNet", curve(0.1, 0.7 + d))),
);
const close = seeded(
  "ReLU LeNet",
  [0, 0.01, 0.02].map((d) => run("LeNet", curve(0.5, 0.855 + d))),
);
const stuck = seeded(
  "LeNet, SGD",
  [0, 0.01, 0.02].map(() => run("LeNet", curve(0.1, 0.11))),
);
const runs = {
  alexnet,
  lenet,
  lenetRelu: close,
  lenetD2lOptimizer: stuck,
  alexnetD2lOptimizer: run("AlexNet, SGD", curve(0.1, 0.1, 5), { alexnet: true }),
  d2lEpochs: 10,
};

test("moreEpochsTable has a row per configuration with accuracy at d2l's 10 epochs and at the end", () => {
  const rows = moreEpochsTable([alexnet, lenet], 10).split("\n");
  assert.equal(rows.length, 4);
  assert.match(rows[0], /val acc % at epoch 10 \(mean ± std \(range\), 3 seeds\)/);
  assert.match(rows[2], /^\| AlexNet \(20 epochs\) \| 57\.1 ± 1\.0 \(56\.1–58\.1\) \| 86\.0 ± 1\.0 \(85\.0–87\.0\) \|/);
});

test("moreEpochsFindings calls a gap outside the seeds' ranges resolved and one inside them unresolved", () => {
  const text = moreEpochsFindings(runs);
  assert.match(text, /above d2l's LeNet by 15\.0 points \(resolved/);
  assert.match(text, /within the ReLU LeNet's spread \(0\.5 points lower, unresolved/);
  assert.match(text, /LeNet, SGD never left chance/);
  assert.match(text, /d2l.s own optimizer for AlexNet\*\* \(SGD, lr 0\.01, one seed\): stuck near chance/);
  assert.doesNotMatch(text, /epoch\(s\)|NaN|undefined/);
});

test("moreEpochsAnswer says what the extra epochs did and how LeNet compares, with numbers", () => {
  const text = moreEpochsAnswer(runs);
  assert.match(
    text,
    /Between epoch 10 \(d2l's length\) and epoch 20, AlexNet's validation accuracy rose by 28\.9 points \(57\.1% ± 1\.0 \(56\.1–58\.1%\) → 86\.0%/,
  );
  assert.match(text, /best at epoch 20\); its validation loss was lowest at epoch 11 and rose after it in every seed/);
  assert.match(
    text,
    /d2l's LeNet ended at 71\.0% ± 1\.0 \(70\.0–72\.0%\); its validation loss was still falling at the end in every seed/,
  );
  assert.match(text, /enough to fit its training images one by one \(final training accuracy 100\.0% in every seed/);
  assert.doesNotMatch(text, /NaN|undefined/);
});

test("runs no longer than d2l's 10 epochs say the preset cannot answer, instead of printing NaN", () => {
  const short = (c: SeededComparison) => ({
    ...c,
    runs: c.runs.map((r) => ({ ...r, history: r.history.slice(0, 2) })),
  });
  const shortRuns = { ...runs, alexnet: short(alexnet), lenet: short(lenet), lenetRelu: short(close) };
  const answer = moreEpochsAnswer(shortRuns);
  assert.match(answer, /These runs have 2 epochs, no more than d2l's 10: this preset cannot answer the question/);
  assert.doesNotMatch(answer + moreEpochsFindings(shortRuns) + moreEpochsTable([short(alexnet)], 10), /NaN|undefined/);
});

test("seedCurvesFigure draws each configuration's mean with a min–max band; separated needs disjoint ranges", () => {
  const figure = seedCurvesFigure([alexnet, lenet], "valAccuracy");
  assert.equal(figure.data.length, 4);
  const [band, , mean] = figure.data as { y: number[]; fill?: string; name: string }[];
  assert.equal(band.fill, "toself");
  assert.equal(band.y.length, 40);
  assert.match(String(figure.layout?.title && (figure.layout.title as { text: string }).text), /mean of 3 seeds/);
  assert.ok(Math.abs(mean.y[19] - 0.86) < 1e-9, `mean of the last epoch: ${mean.y[19]}`);
  assert.equal(separated(alexnet.valAccuracy, lenet.valAccuracy), true);
  assert.equal(separated(alexnet.valAccuracy, close.valAccuracy), false);
});
