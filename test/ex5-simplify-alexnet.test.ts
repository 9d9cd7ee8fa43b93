import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compareToBaseline,
  designFindings,
  inputSizeNote,
  lateRise,
  meanCurve,
  pickSimplified,
  plateauSentence,
  sameLayerShapes,
  simplificationFindings,
  simplifyAnswer,
  smallestInput,
  variantBudget,
  variantTable,
} from "../lib/exercises/ex5-simplify-alexnet";
import { countCosts } from "../lib/cost";
import type { Run } from "../lib/runs/run";
import { seededComparison, type SeededComparison } from "../lib/runs/seeds";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";

/** A made-up run: validation accuracy per epoch, `rate` training images per second, 100 images an epoch. */
function fakeRun(label: string, valAccuracies: number[], rate: number, flopsPerImage: number): Run {
  const spec = { ...lenetSpec(), input: [1, 68, 68] as [number, number, number] };
  const history = valAccuracies.map((valAccuracy, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    trainAccuracy: valAccuracy + 0.05,
    valLoss: 1.2 / (i + 1),
    valAccuracy,
    trainImages: 100,
    trainSeconds: 100 / rate,
    seconds: 100 / rate + 1,
    peakTensorBytes: 1,
    maxRssBytes: 1,
  }));
  return {
    setup: { spec, epochs: history.length, lr: 0.001 },
    history,
    label,
    spec,
    params: Math.round(flopsPerImage / 100),
    flopsPerImage,
    seconds: 1,
    trainSize: 100,
    valSize: 50,
  };
}

/** One variant over seeds: each seed's curve is `curve` shifted by one of `offsets`. */
function seeded(
  label: string,
  curve: number[],
  offsets: number[],
  rate: number,
  flopsPerImage: number,
): SeededComparison {
  const runs = offsets.map((o) =>
    fakeRun(
      label,
      curve.map((a) => a + o),
      rate,
      flopsPerImage,
    ),
  );
  return seededComparison(label, runs);
}

const flat = [0.6, 0.78, 0.8, 0.8];
const seeds3 = [-0.01, 0, 0.01];
const base = seeded("AlexNet", flat, seeds3, 100, 400e6);
const half = seeded(
  "½ width",
  flat.map((a) => a - 0.005),
  seeds3,
  300,
  100e6,
); // inside the spread
const quarter = seeded(
  "¼ width",
  flat.map((a) => a - 0.04),
  seeds3,
  900,
  25e6,
); // resolved drop of 4 points
const slightlyLower = seeded(
  "slightly lower",
  flat.map((a) => a - 0.025),
  [-0.001, 0, 0.001],
  600,
  50e6,
);

test("smallestInput finds 65 for AlexNet with the shape code, and 68 has the same layer shapes", () => {
  const at = (size: number) => alexnetSpec({ size });
  const { size, belowFails } = smallestInput(at);
  assert.equal(size, 65);
  assert.match(belowFails, /^layer \d+ \(maxpool2d\): kernel 3 is larger than its padded input 2×2$/);
  assert.ok(sameLayerShapes(at, 65, 68));
  assert.ok(!sameLayerShapes(at, 65, 69), "69 gives a 16×16 first feature map");
  assert.equal(countCosts(at(65)).flops, countCosts(at(68)).flops);
  assert.match(
    inputSizeNote(at, 68),
    /smallest input AlexNet accepts is \*\*65×65\*\* \(at 64×64 .*The runs use 68×68: .*96×15×15/,
  );
  assert.match(inputSizeNote(at, 96), /The runs use 96×96 \(first convolution output 96×22×22\)\.$/);
  assert.match(inputSizeNote(at, 65), /The runs use it\.$/);
});

test("the tolerance rule: overlapping seed ranges are unresolved, a resolved drop beyond the tolerance rules a variant out", () => {
  assert.equal(compareToBaseline(half, base, 0.01).verdict, "unresolved");
  assert.ok(compareToBaseline(half, base, 0.01).acceptable);
  assert.equal(compareToBaseline(quarter, base, 0.01).verdict, "lower");
  assert.ok(!compareToBaseline(quarter, base, 0.01).acceptable);
  assert.equal(compareToBaseline(quarter, base, 0.05).verdict, "lower, within tolerance");
  const better = seeded(
    "better",
    flat.map((a) => a + 0.04),
    seeds3,
    50,
    800e6,
  );
  assert.equal(compareToBaseline(better, base, 0.01).verdict, "higher");
  assert.ok(Math.abs(compareToBaseline(quarter, base, 0.01).speedUp - 9) < 1e-9);
  const oneSeed = seeded(
    "one seed",
    flat.map((a) => a - 0.2),
    [0],
    900,
    25e6,
  );
  assert.equal(compareToBaseline(oneSeed, base, 0.01).verdict, "unresolved", "one seed has no spread to resolve with");
});

test("pickSimplified keeps the fastest acceptable variant, else the most accurate", () => {
  const all = [base, half, quarter, slightlyLower];
  assert.equal(pickSimplified(all, "AlexNet", 0.01).comparison, half);
  assert.equal(pickSimplified(all, "AlexNet", 0.03).comparison, slightlyLower, "resolved 2.5-point drop within 3");
  assert.equal(pickSimplified(all, "AlexNet", 0.05).comparison, quarter);
  const none = pickSimplified([base, quarter, slightlyLower], "AlexNet", 0.01);
  assert.deepEqual([none.comparison.label, none.withinTolerance], ["slightly lower", false]);
  assert.throws(() => pickSimplified(all, "nope", 0.01), /no variant labelled "nope"; the labels are "AlexNet"/);
});

test("meanCurve and lateRise average the seeds epoch by epoch", () => {
  const curve = meanCurve(base);
  assert.equal(curve.length, 4);
  assert.ok(Math.abs(curve[1].valAccuracy - 0.78) < 1e-12);
  assert.ok(Math.abs(curve[1].min - 0.77) < 1e-12 && Math.abs(curve[1].max - 0.79) < 1e-12);
  assert.equal(curve[2].trainSeconds, 3);
  const r = lateRise(base);
  assert.ok(Math.abs(r.rise - 0.02) < 1e-12 && r.over === 2);
});

test("variantTable shows counted FLOPs, measured speed as a ratio and the verdict per row", () => {
  const rows = variantTable([base, half, quarter], { baseline: "AlexNet", tolerance: 0.01 }).split("\n");
  assert.equal(rows.length, 5);
  assert.match(rows[0], /final val acc % \(mean ± std \(range\), 3 seeds\)/);
  assert.match(
    rows[2],
    /\| AlexNet \| 68×68 \| .* \| 400\.0 \| 1\.0× \| 100 \| 1\.0× \| 80\.0 ± 1\.0 \(79\.0–81\.0\) \| 80\.0 \| – \| baseline \|/,
  );
  assert.match(rows[3], /\| ½ width \| .* \| 4\.0× \| 300 \| 3\.0× \| .* \| -0\.5 pt \| unresolved \|/);
  assert.match(rows[4], /\| ¼ width \| .* \| 16\.0× \| 900 \| 9\.0× \| .* \| -4\.0 pt \| lower \|/);
});

test("simplificationFindings words each verdict and says whether AlexNet had stopped rising", () => {
  const text = simplificationFindings([base, half, quarter], { baseline: "AlexNet", tolerance: 0.01 });
  assert.match(
    text,
    /AlexNet's mean validation accuracy went from 78\.0% to 80\.0% over its last 2 epochs \(\+2\.0 points\): it was still rising/,
  );
  assert.match(
    text,
    /\*\*½ width\*\*: 4\.0× fewer FLOPs per image, 3\.0× AlexNet's training throughput; final validation accuracy 79\.5% ± 1\.0 \(78\.5–80\.5%\), within AlexNet's spread \(0\.5 points lower, unresolved by these seeds\)\./,
  );
  assert.match(
    text,
    /\*\*¼ width\*\*: .*below AlexNet's by 4\.0 points \(resolved, and more than the 1\.0-point tolerance\)/,
  );
  assert.match(text, /\*\*Kept as the simplified AlexNet: ½ width\*\*/);
  const plateaued = seeded("AlexNet", [0.6, 0.795, 0.8, 0.8], seeds3, 100, 400e6);
  assert.match(plateauSentence(plateaued), /over its last 2 epochs \(\+0\.5 points\): it had nearly stopped rising\./);
  const falling = seeded("AlexNet", [0.6, 0.83, 0.8], seeds3, 100, 400e6);
  assert.match(plateauSentence(falling), /over its last 2 epochs \(\+20\.0 points\): it was still rising/);
  const fellLast = seeded("AlexNet", [0.83, 0.8], seeds3, 100, 400e6);
  assert.match(
    plateauSentence(fellLast),
    /over its last epoch \(−3\.0 points\): it had stopped rising and fell back\./,
  );
  const none = simplificationFindings([base, quarter], { baseline: "AlexNet", tolerance: 0.01 });
  assert.match(none, /No variant passes the rule .* kept the most accurate as the simplified AlexNet: ¼ width/);
  assert.doesNotMatch(text + none, /epoch\(s\)|undefined|NaN/);
});

test("designFindings and simplifyAnswer cite accuracy, time and throughput ratios for the 28×28 designs", () => {
  const cnn = seeded("28×28 CNN", [0.75, 0.8, 0.83, 0.84], seeds3, 2700, 5e6);
  const slow = seeded("slow CNN", [0.5, 0.55, 0.6, 0.62], seeds3, 1800, 100e6);
  const findings = designFindings(half, [cnn, slow], 0.01);
  assert.match(
    findings,
    /\*\*28×28 CNN\*\*: final validation accuracy 84\.0% ± 1\.0 \(83\.0–85\.0%\) after 0\.1 s of training, above the simplified AlexNet's by 4\.5 points \(resolved/,
  );
  assert.match(
    findings,
    /9\.0× its throughput with 20\.0× fewer FLOPs per image; its mean curve reached the simplified AlexNet's final 79\.5% after 0\.1 s of training \(the simplified AlexNet needed 1\.3 s for all its epochs\)/,
  );
  assert.match(
    findings,
    /slow CNN.*6\.0× its throughput with about the same FLOPs per image; its mean curve never reached/,
  );
  const answer = simplifyAnswer({
    variants: [base, half, quarter],
    baseline: "AlexNet",
    tolerance: 0.01,
    simplified: half,
    designs: [cnn, slow],
  });
  const [first, second] = answer.split("\n\n");
  assert.match(
    first,
    /^\*\*5\.1\*\* ½ width trains 3\.0× as fast as AlexNet with 4\.0× fewer FLOPs per image, .*over three seeds, 79\.5% ± 1\.0 \(78\.5–80\.5%\), is within AlexNet's spread \(0\.5 points lower, unresolved by these seeds\), while AlexNet's own accuracy was still rising/,
  );
  assert.match(
    second,
    /^\*\*5\.2\*\* The more accurate design for 28×28, the 28×28 CNN, reaches 84\.0% ± 1\.0 \(83\.0–85\.0%\) over three seeds, against 79\.5% ± 1\.0 \(78\.5–80\.5%\) for the simplified AlexNet: above the simplified AlexNet's by 4\.5 points \(resolved/,
  );
  const failed = simplifyAnswer({
    variants: [base, quarter],
    baseline: "AlexNet",
    tolerance: 0.01,
    simplified: quarter,
    designs: [],
  });
  assert.match(failed, /^\*\*5\.1\*\* No simplification kept AlexNet's accuracy: the most accurate, ¼ width/);
});

test("variantBudget states data, optimizer, steps and seeds without pasted labels", () => {
  const text = variantBudget({
    preset: "cpu",
    trainImages: 2000,
    valImages: 1000,
    batchSize: 64,
    epochs: 10,
    lr: 0.001,
    seeds: [0, 1, 2],
    size: 68,
  });
  assert.match(text, /the same 2,000 training images .* the same 1,000 test images/);
  assert.match(
    text,
    /Adam with learning rate 0\.001, batch 64, 10 epochs \(320 steps\), once per seed for three seeds \(0, 1, 2;/,
  );
  assert.match(text, /PyTorch's default initialisation/);
  assert.match(
    variantBudget({
      preset: "full",
      trainImages: 0,
      valImages: 0,
      batchSize: 128,
      epochs: 1,
      lr: 0.001,
      seeds: [0],
      size: 224,
    }),
    /all 60,000 training images .* 1 epoch \(469 steps\), once per seed for one seed/,
  );
});
