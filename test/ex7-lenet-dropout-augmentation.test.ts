import assert from "node:assert/strict";
import { test } from "node:test";
import {
  architectureFindings,
  augmentationFindings,
  dropoutAugmentationAnswer,
  seedBudget,
  type ArchitectureComparisons,
} from "../lib/exercises/ex7-lenet-dropout-augmentation";
import { chancePlateau } from "../lib/exercises/ex7-lenet-dropout-augmentation/architecture";
import { bestWithin, describeCost } from "../lib/exercises/ex7-lenet-dropout-augmentation/augmentation";
import { difference, lateRise } from "../lib/exercises/ex7-lenet-dropout-augmentation/evidence";
import { lenetSpec } from "../lib/models/zoo";
import { seededComparison, spreadOf, type Run, type SeededComparison } from "../lib/runs";
import type { EpochRecord } from "../lib/train/history";

/** One seed's run over 4 epochs of 640 images (10 steps of batch 64 each): validation accuracy per epoch as given. */
function run(label: string, val: number[], trainAccuracy: number, imagesPerSecond = 8000): Run {
  const history: EpochRecord[] = val.map((valAccuracy, i) => ({
    epoch: i + 1,
    trainLoss: valAccuracy < 0.2 ? 2.3 : 0.5,
    valLoss: valAccuracy < 0.2 ? 2.3 : 0.6,
    trainAccuracy: valAccuracy < 0.2 ? valAccuracy : trainAccuracy,
    valAccuracy,
    trainImages: 640,
    trainSeconds: 640 / imagesPerSecond,
    seconds: 640 / imagesPerSecond + 0.01,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  }));
  const spec = lenetSpec();
  return {
    setup: { spec, epochs: val.length, lr: 0.1, data: { batchSize: 64 } },
    history,
    label,
    spec,
    params: 61_706,
    flopsPerImage: 833_040,
    seconds: history.length,
    trainSize: 640,
    valSize: 500,
  };
}

/** A variant over seeds, each seed's validation curve given; training accuracy and speed per seed optional. */
function seeded(label: string, curves: number[][], trainAccuracy = 0.9, speeds?: number[]): SeededComparison {
  return seededComparison(
    label,
    curves.map((curve, i) => run(label, curve, trainAccuracy, speeds?.[i])),
  );
}

const flat = (end: number, jitter: number[] = [0, 0.005, -0.005]) =>
  jitter.map((j) => [end - 0.02 + j, end - 0.01 + j, end + j, end + j]);
const rising = (end: number) => [0, 0.005, -0.005].map((j) => [0.3 + j, 0.35 + j, end - 0.06 + j, end + j]);
const stuck = [0, 1, 2].map(() => [0.1, 0.1, 0.11, 0.1]);
const leavesAtEpoch3 = [0, 0.01, -0.01].map((j) => [0.1, 0.1, 0.45 + j, 0.6 + j]);

function architectures(sigmoid: SeededComparison, largeStep: SeededComparison): ArchitectureComparisons {
  return {
    sigmoid,
    sigmoidLargeStep: largeStep,
    relu: seeded("ReLU, avg-pool", flat(0.84)),
    reluMaxPool: seeded("ReLU, max-pool", flat(0.86)),
    reluMaxPoolDropout: seeded("ReLU, max-pool, dropout 0.5", flat(0.865), 0.82),
    lr: 0.1,
    largeLr: 0.9,
  };
}

test("seedBudget counts SGD steps and lists each deviation from d2l's LeNet run, none on d2l's own settings", () => {
  const cpu = seedBudget({
    preset: "cpu",
    trainImages: 10_000,
    valImages: 2_000,
    epochs: 20,
    batchSize: 64,
    lr: 0.1,
    seeds: [0, 1, 2],
  });
  assert.match(cpu, /20 epochs of batch 64, 3,140 SGD steps at lr 0\.1/);
  assert.match(
    cpu,
    /Deviations from d2l's run \(4,690 steps\): 10,000 of the 60,000 training images; 20 epochs instead of 10; batch 64 instead of 128\./,
  );
  const full = seedBudget({
    preset: "full",
    trainImages: 60_000,
    valImages: 10_000,
    epochs: 10,
    batchSize: 128,
    lr: 0.1,
    seeds: [0],
  });
  assert.match(full, /That is d2l's own LeNet run\./);
  assert.match(full, /with seed 0;?/);
  assert.doesNotMatch(cpu + full, /\(s\)/);
});

test("a difference is resolved only when the seeds' ranges do not overlap, and never with one seed", () => {
  assert.equal(difference(spreadOf([0.8, 0.81, 0.82]), spreadOf([0.7, 0.71, 0.72])).resolved, true);
  assert.equal(difference(spreadOf([0.8, 0.81, 0.82]), spreadOf([0.78, 0.805, 0.79])).resolved, false);
  assert.equal(difference(spreadOf([0.9]), spreadOf([0.1])).resolved, false);
});

test("lateRise measures the last quarter of the epochs and is undefined for a single epoch", () => {
  const rise = lateRise(seeded("r", rising(0.8)));
  assert.ok(rise);
  assert.equal(rise.epochs, 1);
  assert.ok(Math.abs(rise.points - 0.06) < 1e-9);
  assert.equal(lateRise(seeded("one", [[0.5]])), undefined);
});

test("architectureFindings: a trained sigmoid baseline gets its plateau in steps, differences their resolution", () => {
  const text = architectureFindings(architectures(seeded("d2l LeNet", leavesAtEpoch3), seeded("lr 0.9", stuck)));
  assert.match(text, /left chance \(validation accuracy ≥ 20%\) at epoch 3, after 30 steps/);
  assert.match(text, /still rising \(15\.0 points over the last epoch\)/);
  assert.match(
    text,
    /ReLU in place of the sigmoids .*: 84\.0% against the sigmoid LeNet's 60\.0% \(\+24\.0 pt, every seed above\)/,
  );
  assert.match(
    text,
    /on top of that: 86\.5% against 86\.0% without dropout \(\+0\.5 pt, inside the seed spread: unresolved\)/,
  );
  assert.match(text, /gap is -4\.5 pt with dropout and \+4\.0 pt without/);
  assert.match(
    text,
    /lr 0\.9 \(9× d2l's step\) stayed at chance in all 3 seeds, ending at 10\.0%: in this budget the larger step did not do what ReLU did\./,
  );
  assert.doesNotMatch(text, /closes|-\d+% of the gap/);
});

test("architectureFindings: a sigmoid baseline that never trained makes every comparison say so", () => {
  const text = architectureFindings(architectures(seeded("d2l LeNet", stuck), seeded("lr 0.9", leavesAtEpoch3)));
  assert.match(text, /stayed at chance in all 3 seeds/);
  assert.match(text, /only that it had not started learning/);
  assert.match(
    text,
    /lr 0\.9 \(9× d2l's step\) ends at 60\.0%: against lr 0\.1, \+50\.0 pt, every seed above; against ReLU at lr 0\.1, -24\.0 pt, every seed below\./,
  );
});

test("augmentationFindings: losses that were still rising are called underfitting in the budget, ties leave the best unresolved", () => {
  const without = seeded("none", flat(0.865), 0.82, [8000, 8100, 7900]);
  const normalised = seeded("normalised", flat(0.87), 0.85, [7950, 8050, 8000]);
  const crops = seeded("random crops (pad 2)", rising(0.8), 0.75, [4000, 4100, 3900]);
  const text = augmentationFindings([normalised, crops], without);
  assert.match(text, /\*\*normalised\*\*: validation 87\.0% \(\+0\.5 pt, inside the seed spread: unresolved\)/);
  assert.match(text, /no measurable cost/);
  assert.match(text, /\*\*random crops \(pad 2\)\*\*: validation 80\.0% \(-6\.5 pt, every seed below\)/);
  assert.match(text, /underfitting in this budget, measured/);
  assert.match(text, /2\.0× the time per image/);
  assert.match(
    text,
    /Best: unresolved\. The highest mean, \*\*normalised\*\* at 87\.0%, is inside the seed spread of no augmentation\./,
  );
  assert.doesNotMatch(text, /cheap/);
});

test("bestWithin names a single best only when its seeds are above every other variant's", () => {
  const a = seeded("a", flat(0.9));
  const b = seeded("b", flat(0.8));
  assert.deepEqual(bestWithin([b, a]).tied, []);
  assert.equal(bestWithin([b, a]).best, a);
  const text = augmentationFindings([a], b);
  assert.match(text, /Best: \*\*a\*\* at 90\.0%, every seed above every seed of the other variants\./);
});

test("describeCost reports a measured ratio, not 'cheap', when throughput drops beyond the spread", () => {
  const without = seeded("none", flat(0.8), 0.8, [9000, 9100, 8900]);
  const slow = seeded("slow", flat(0.8), 0.8, [3000, 3100, 2900]);
  assert.match(describeCost(slow, without), /3000 images\/s against 9000 without: 3\.0× the time per image/);
});

test("dropoutAugmentationAnswer: yes for a resolved gain over a trained sigmoid baseline, no when every augmentation loses", () => {
  const arch = architectures(seeded("d2l LeNet", leavesAtEpoch3), seeded("lr 0.9", stuck));
  const without = arch.reluMaxPoolDropout;
  const crops = seeded("random crops (pad 2)", rising(0.8), 0.75);
  const flips = seeded("random flips", flat(0.83), 0.8);
  const text = dropoutAugmentationAnswer(arch, [crops, flips], without);
  assert.match(
    text,
    /\*\*Dropout and ReLU: does LeNet improve\?\*\* Yes: ReLU, max-pooling and dropout reach 86\.5% validation accuracy against 60\.0% for d2l's sigmoid LeNet after 40 SGD steps \(\+26\.5 pt, every seed above\)/,
  );
  assert.match(text, /lead in learning speed within the budget/);
  assert.match(
    text,
    /dropout's own share, against the same network without it, is \+0\.5 pt, inside the seed spread: unresolved/,
  );
  assert.match(
    text,
    /does it improve further\?\*\* No, not in this budget: every variant lowered validation accuracy beyond the seed spread, the least \*\*random flips\*\* gives 83\.0%/,
  );
  assert.match(text, /1 of them was still rising/);
});

test("dropoutAugmentationAnswer: not settled when the sigmoid baseline stayed at chance; unresolved augmentation is 'not shown'", () => {
  const arch = architectures(seeded("d2l LeNet", stuck), seeded("lr 0.9", stuck));
  const without = arch.reluMaxPoolDropout;
  const normalised = seeded("normalised", flat(0.87), 0.85);
  const text = dropoutAugmentationAnswer(arch, [normalised], without);
  assert.match(
    text,
    /Not settled here: d2l's sigmoid LeNet stayed at chance in all 3 seeds within 40 SGD steps, so ReLU, max-pooling and dropout's 86\.5% against its 10\.0% \(\+76\.5 pt, every seed above\) only shows/,
  );
  assert.match(text, /only shows that the sigmoid network had not started learning\./);
  assert.match(
    text,
    /Not shown: no variant raised validation accuracy beyond the seed spread; the best, \*\*normalised\*\* gives 87\.0%/,
  );
});

test("dropoutAugmentationAnswer with one seed (the smoke preset) resolves nothing", () => {
  const one = (label: string, v: number) => seeded(label, [[v - 0.1, v]]);
  const arch: ArchitectureComparisons = {
    sigmoid: one("s", 0.3),
    sigmoidLargeStep: one("s9", 0.3),
    relu: one("r", 0.6),
    reluMaxPool: one("rm", 0.6),
    reluMaxPoolDropout: one("rmd", 0.6),
    lr: 0.1,
    largeLr: 0.9,
  };
  const text = dropoutAugmentationAnswer(arch, [one("flips", 0.7)], arch.reluMaxPoolDropout);
  assert.match(text, /Unresolved: .*one seed: unresolved/);
  assert.match(text, /Not shown: .*one seed: unresolved/);
  assert.match(
    augmentationFindings([one("flips", 0.7)], arch.reluMaxPoolDropout),
    /Best: unresolved, one seed measures no spread\./,
  );
});

test("chancePlateau counts seeds in words a student reads without tripping", () => {
  assert.equal(chancePlateau(seeded("s", stuck.slice(0, 2))), "stayed at chance in both seeds");
  assert.equal(chancePlateau(seeded("s", stuck.slice(0, 1))), "stayed at chance");
  assert.equal(chancePlateau(seeded("s", [stuck[0], leavesAtEpoch3[0], stuck[1]])), "stayed at chance in 2 of 3 seeds");
  assert.match(
    chancePlateau(seeded("s", [[0.1, 0.3, 0.4, 0.5], ...leavesAtEpoch3.slice(1)])),
    /between epochs 2 and 3, after 20 to 30 steps/,
  );
});
