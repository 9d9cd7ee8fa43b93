import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts, trainingMemory } from "../lib/cost";
import { batchSizeAnswer, d2lMemoryFindings, d2lTrainingMemory } from "../lib/exercises/ex6-batch-size/answer";
import type { BatchSweepRow } from "../lib/exercises/ex6-batch-size/batch-sweep";
import { batchPointTable } from "../lib/exercises/ex6-batch-size/batch-sweep-table";
import { accuracyFindings, sweepBudget, throughputFindings } from "../lib/exercises/ex6-batch-size/findings";
import { batchPoint, warmRates, type BatchPoint } from "../lib/exercises/ex6-batch-size/seeded-sweep";
import { describeTrend, monotonic, resolved } from "../lib/exercises/ex6-batch-size/trend";
import { lenetSpec } from "../lib/models/zoo";
import type { Run } from "../lib/runs/run";
import { spreadOf } from "../lib/runs/seeds";
import { summarizeRun } from "../lib/runs/summary";

const IMAGES = 1000;

/** A made-up run: one epoch per rate (images/s), the last epoch ending at `valAccuracy`. */
function fakeRun(rates: number[], valAccuracy: number): Run {
  const spec = lenetSpec();
  return {
    setup: { spec, epochs: rates.length, lr: 0.001 },
    history: rates.map((rate, i) => ({
      epoch: i + 1,
      trainLoss: 1,
      trainAccuracy: valAccuracy + 0.02,
      valLoss: 1,
      valAccuracy,
      trainImages: IMAGES,
      trainSeconds: IMAGES / rate,
      seconds: IMAGES / rate + 1,
      peakTensorBytes: 1,
      maxRssBytes: 1,
    })),
    label: "fake",
    spec,
    params: 10,
    flopsPerImage: 10,
    seconds: 1,
    trainSize: IMAGES,
    valSize: 100,
  };
}

/** A batch size over seeds: one run per accuracy, every run timed at `rates` (the first pass is warm-up). */
function point(batchSize: number, accuracies: number[], rates: number[], lr = 0.001): BatchPoint {
  const rows: BatchSweepRow[] = accuracies.map((accuracy) => {
    const run = fakeRun(rates, accuracy);
    return {
      ...summarizeRun(run),
      run,
      batchSize,
      lr,
      steps: Math.ceil(IMAGES / batchSize) * rates.length,
      warmImagesPerSecond: rates.at(-1) ?? NaN,
      predicted: trainingMemory(countCosts(lenetSpec(), { batch: batchSize }), "adam"),
    };
  });
  return batchPoint(rows);
}

test("resolved means non-overlapping ranges; the trend names resolved rises and unresolved steps", () => {
  assert.equal(resolved(spreadOf([1, 2]), spreadOf([3, 4])), true);
  assert.equal(resolved(spreadOf([1, 3]), spreadOf([2, 4])), false);
  const batches = [16, 32, 64, 128];
  assert.equal(
    describeTrend(batches, [spreadOf([10, 11]), spreadOf([20, 21]), spreadOf([30, 31]), spreadOf([40, 41])]),
    "rose with every step in batch size, beyond the spread",
  );
  assert.equal(
    describeTrend(batches, [spreadOf([10, 11]), spreadOf([20, 21]), spreadOf([19, 22]), spreadOf([18, 23])]),
    "rose from batch 16 to 32, then changed by less than the spread from batch 32 to 128 (unresolved)",
  );
  assert.equal(monotonic([spreadOf([1]), spreadOf([3]), spreadOf([2])]), false);
  assert.equal(monotonic([spreadOf([1]), spreadOf([2]), spreadOf([2])]), true);
  assert.throws(() => describeTrend([16], []), /one spread per batch size/);
});

test("throughput over repeats ignores the warm-up pass and is summarised by every point, not its endpoints", () => {
  assert.deepEqual(warmRates(fakeRun([5, 100, 200], 0.5)), [100, 200]);
  // The issue's example: 12.0, 20.1, 16.0, 12.9, 19.4 img/s from a single run each, no spread.
  const single = [12.0, 20.1, 16.0, 12.9, 19.4].map((r, i) => point(16 << i, [0.5], [1, r]));
  const text = throughputFindings(single, { model: "AlexNet" });
  for (const value of [
    "12.0 at batch 16",
    "20.1 at batch 32",
    "16.0 at batch 64",
    "12.9 at batch 128",
    "19.4 at batch 256",
  ]) {
    assert.ok(text.includes(value), `${value} missing from: ${text}`);
  }
  assert.match(
    text,
    /fastest mean, batch 32, is 1\.7× batch 16's \(one measurement each, so no spread to judge it by\)/,
  );
  assert.match(text, /measured once per batch size, so no change between batch sizes can be told from noise/);
  assert.doesNotMatch(text, /1\.6×/);
  // Repeats whose ranges overlap: every step unresolved.
  const noisy = [16, 32, 64].map((b, i) => point(b, [0.5], [1, 100 + i, 110 + i, 120 + i]));
  assert.match(
    throughputFindings(noisy, { model: "m" }),
    /110 ± 10 at batch 16, 111 ± 10 at batch 32 and 112 ± 10 at batch 64\.[\s\S]*1\.0× batch 16's \(0\.8×–1\.2× between their extreme measurements, so unresolved\)/,
  );
  assert.match(
    throughputFindings(noisy, { model: "m" }),
    /less than the spread between every two neighbouring batch sizes \(unresolved\)/,
  );
});

test("accuracy findings report non-monotonic means, the best batch against the rest, and the arms' differences", () => {
  const fixed = [
    point(16, [0.8, 0.81, 0.82], [1, 100]),
    point(64, [0.7, 0.71, 0.72], [1, 100]),
    point(256, [0.795, 0.805, 0.815], [1, 100]),
  ];
  const sqrt = [
    point(16, [0.78, 0.79, 0.8], [1, 100], 0.0005),
    fixed[1],
    point(256, [0.6, 0.61, 0.62], [1, 100], 0.002),
  ];
  const text = accuracyFindings([
    { label: "lr fixed at 0.001", points: fixed },
    { label: "lr scaled by √(batch / 64)", points: sqrt },
  ]);
  assert.match(
    text,
    /^- With lr fixed at 0\.001, after the same 2,000 training images seen \(2 passes over 1,000\), validation accuracy in % \(mean ± std and range over 3 seeds\) was 81\.0 ± 1\.0 \(80\.0–82\.0\) at batch 16 \(126 steps\)/,
  );
  assert.match(text, /the means are not monotonic in the batch size/);
  assert.match(
    text,
    /best mean is batch 16 \(81\.0%\), ahead of batch 64 beyond the seeds' spread, and unresolved against batch 256/,
  );
  assert.match(
    text,
    /Against lr fixed at 0\.001, lr scaled by √\(batch \/ 64\) changed the mean validation accuracy by -2\.0 pt at batch 16 \(unresolved\) and -19\.5 pt at batch 256\./,
  );
  assert.doesNotMatch(
    text,
    /at batch 64 \(unresolved\)|pt at batch 64/,
    "the shared base batch is not compared with itself",
  );
});

test("the answer gives one sentence per sub-question with its numbers, and says unresolved when spreads overlap", () => {
  const flat = [point(16, [0.8, 0.81, 0.82], [1, 50, 52]), point(256, [0.805, 0.815, 0.82], [1, 150, 155])];
  const answer = batchSizeAnswer({
    throughput: [{ model: "AlexNet", points: flat }],
    accuracy: [{ label: "lr fixed at 0.001", points: flat }],
    memory: d2lTrainingMemory([16, 128, 256]),
  }).split("\n");
  assert.equal(answer.length, 3);
  assert.match(
    answer[0],
    /^- \*\*Throughput\.\*\* AlexNet trained at 51\.0 images\/s at batch 16 and 153 at batch 256 \(fastest: batch 256, 153\); its throughput rose/,
  );
  assert.match(
    answer[1],
    /^- \*\*Accuracy\.\*\* After the same 3,000 training images seen \(3 passes over 1,000\), with lr fixed at 0\.001 .*inside the seeds' spread, so unresolved\.$/,
  );
  assert.match(
    answer[2],
    /^- \*\*Memory\.\*\* .*224×224 with SGD needs [\d,]+ MiB to train at batch 16 and [\d,]+ MiB at batch 256 \([\d,]+ MiB at d2l's batch 128\)/,
  );
  const apart = [point(16, [0.6, 0.61], [1, 50]), point(256, [0.8, 0.81], [1, 150])];
  const resolvedAnswer = batchSizeAnswer({
    throughput: [{ model: "m", points: apart }],
    accuracy: [{ label: "x", points: apart }],
    memory: d2lTrainingMemory([16]),
  });
  assert.match(resolvedAnswer, /a gap beyond the seeds' spread\./);
  assert.throws(() => batchSizeAnswer({ throughput: [], accuracy: [], memory: [] }), /at least one batch size/);
  const tied = [point(16, [0.8, 0.82], [1, 50, 52]), point(64, [0.8, 0.82], [1, 90, 95])];
  assert.match(accuracyFindings([{ label: "x", points: tied }]), /The means are equal at every batch size\.$/);
});

test("d2l's AlexNet at 224 needs more memory with Adam than SGD and more at larger batches", () => {
  const memory = d2lTrainingMemory([16, 256]);
  assert.ok(memory[1].sgd.total > memory[0].sgd.total);
  assert.equal(memory[0].adam.total - memory[0].sgd.total, 2 * memory[0].sgd.weights);
  const text = d2lMemoryFindings(memory);
  assert.match(
    text,
    /AlexNet at 224×224 .* with d2l's plain SGD: [\d,]+ MiB at batch 16 and [\d,]+ MiB at batch 256\./,
  );
  assert.match(text, /Activations outweigh the fixed part from batch \d+ with SGD and \d+ with Adam/);
});

test("the sweep's budget and table name seeds, passes and both learning-rate arms", () => {
  const budget = sweepBudget({
    preset: "cpu",
    model: "¼-width AlexNet",
    size: 68,
    batches: [16, 32, 64],
    epochs: 1,
    trainImages: 3000,
    valImages: 1000,
    seeds: [0, 1, 2],
    lr: 0.001,
    baseBatch: 64,
  });
  assert.match(budget, /batch sizes 16, 32 and 64; each batch size trains 1 pass over the same 3,000 training images/);
  assert.match(
    budget,
    /3 seeds \(0, 1 and 2\)\. Adam in two arms: lr 0\.001 at every batch size, and lr 0\.001 × √\(batch \/ 64\)\./,
  );
  assert.doesNotMatch(budget, /\(s\)/);
  const table = batchPointTable([point(16, [0.8, 0.82], [1, 100, 120], 0.0005)]).split("\n");
  assert.match(table[0], /train acc % \(2 seeds\)/);
  assert.equal(table[2], "| 16 | 0.0005 | 189 | 110 ± 12 | 1018.3 | 83.0 ± 1.4 (82.0–84.0) | 81.0 ± 1.4 (80.0–82.0) |");
});
