import assert from "node:assert/strict";
import { test } from "node:test";
import { breakingFindings, overfitAndBreakAnswer, overfitFindings } from "../lib/exercises/ex8-overfit-and-break";
import { alexnetSpec } from "../lib/models/zoo";
import type { Run, SeededComparison } from "../lib/runs";
import { spreadOf } from "../lib/runs/seeds";
import { summarizeRun } from "../lib/runs/summary";
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
    trainImages: 256,
    trainSeconds: 2,
    seconds: 3,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  };
}

function run(label: string, history: EpochRecord[], extra: { stopped?: string; seed?: number } = {}): Run {
  const spec = alexnetSpec({ size: 68 });
  return {
    setup: { spec, epochs: history.length, lr: 1e-3, seed: extra.seed ?? 0 },
    history,
    ...(extra.stopped ? { stopped: extra.stopped } : {}),
    label,
    spec,
    params: 21_598_922,
    flopsPerImage: 156.9e6,
    seconds: 3 * history.length,
    trainSize: 256,
    valSize: 300,
  };
}

function seeded(label: string, runs: Run[]): SeededComparison {
  const s = runs.map((r) => summarizeRun(r));
  return {
    label,
    runs,
    trainAccuracy: spreadOf(s.map((x) => x.trainAccuracy)),
    valAccuracy: spreadOf(s.map((x) => x.valAccuracy)),
    imagesPerSecond: spreadOf(s.map((x) => x.imagesPerSecond)),
  };
}

/** Memorises: training accuracy to 1, validation loss bottoms at epoch 3 and rises. */
const memorising = (d: number) => [
  record(1, 2.0, 1.6, 0.3, 0.4 + d),
  record(2, 1.0, 1.0, 0.6, 0.6 + d),
  record(3, 0.4, 0.8, 0.85, 0.68 + d),
  record(4, 0.1, 1.0, 0.97, 0.7 + d),
  record(5, 0.01, 1.4, 1.0, 0.69 + d),
];
/** Dropout: slower fit, smaller gap, validation loss still falling. */
const regularised = (d: number) => [
  record(1, 2.1, 1.7, 0.25, 0.38 + d),
  record(2, 1.3, 1.1, 0.5, 0.58 + d),
  record(3, 0.9, 0.9, 0.65, 0.66 + d),
  record(4, 0.7, 0.85, 0.72, 0.69 + d),
  record(5, 0.6, 0.84, 0.76, 0.7 + d),
];
const seeds = [0, 0.01, 0.02];
const withoutDropout = seeded(
  "AlexNet without dropout",
  seeds.map((d, i) => run("no dropout", memorising(d), { seed: i })),
);
const withDropout = seeded(
  "AlexNet with dropout",
  seeds.map((d, i) => run("dropout", regularised(d), { seed: i })),
);
const withoutRelu = seeded(
  "no ReLU",
  seeds.map((d, i) => run("no ReLU", regularised(d + 0.005), { seed: i })),
);
const changes = [
  run("SGD lr 10", [], { stopped: "loss became NaN at epoch 1, batch 4 (lr 10); training stopped" }),
  run("init N(0, 0.001²)", [record(1, Math.LN10, Math.LN10, 0.1, 0.1), record(2, Math.LN10, Math.LN10, 0.1, 0.1)]),
  run("init N(0, 1²)", [record(1, 3e10, 4e10, 0.3, 0.4), record(2, 1.06e10, 3.7e10, 0.6, 0.57)]),
];

test("overfitFindings compares the no-dropout runs with the dropout control on the same images", () => {
  const text = overfitFindings({ withoutDropout, withDropout });
  assert.match(
    text,
    /Both trained for 5 epochs on the same 256 training images, validated on 300 others, 3 seeds each/,
  );
  assert.match(
    text,
    /\*\*AlexNet without dropout\*\*: training accuracy 100\.0% in every seed at the end \(at least 95% in 3 of 3 seeds\)/,
  );
  assert.match(
    text,
    /validation loss was lowest at epoch 3 and ended 1\.7(–1\.8)? times that minimum \(rising in 3 of 3 seeds\)/,
  );
  assert.match(
    text,
    /\*\*AlexNet with dropout\*\*: .*\(at least 95% in 0 of 3 seeds\).*validation loss was still near its lowest/,
  );
  assert.match(text, /training accuracy is above the dropout network by 24\.0 points \(resolved/);
  assert.match(text, /validation accuracy is within the dropout network's spread/);
});

test("breakingFindings reports no-ReLU against the reference over seeds and each change by its outcome", () => {
  const lines = breakingFindings({ reference: withoutDropout, withoutRelu, changes }).split("\n");
  assert.equal(lines.length, 4);
  assert.match(lines[0], /\*\*no ReLU\*\* \(3 seeds\): learns: .* is within the reference's spread/);
  assert.match(lines[1], /\*\*SGD lr 10\*\*: diverged: loss became NaN at epoch 1, batch 4 .* in its first epoch\.$/);
  assert.match(lines[2], /stuck near chance/);
  assert.match(lines[3], /loss blew up while accuracy rose: final train loss 1\.06·10¹⁰/);
});

test("the answer says AlexNet overfits, names what broke training with numbers, and what did not", () => {
  const text = overfitAndBreakAnswer(
    { withoutDropout, withDropout },
    { reference: withoutDropout, withoutRelu, changes },
  );
  assert.match(
    text,
    /\*\*Can AlexNet overfit\?\*\* Yes\. Without dropout, on 256 training images, its training accuracy reached 100\.0%/,
  );
  assert.match(text, /the gap without dropout is above the dropout network by 25\.0 points \(resolved/);
  assert.match(
    text,
    /These changes did: SGD lr 10 \(loss became NaN at epoch 1, batch 4 \(lr 10\)\); init N\(0, 0\.001²\) \(stuck at chance: best validation accuracy 10\.0%, loss 2\.303\); init N\(0, 1²\) \(training loss 1\.06·10¹⁰/,
  );
  assert.match(
    text,
    /Removing every ReLU did not break training: its validation accuracy, 71\.5% ± 1\.0 \(70\.5–72\.5%\), is within the reference.s spread/,
  );
  assert.doesNotMatch(text, /NaN%|undefined|epoch\(s\)/);
});

test("the answer does not blame a change when the reference itself never left chance", () => {
  const stuckReference = seeded(
    "AlexNet without dropout",
    [0, 1, 2].map((i) => run("ref", [record(1, 2.3, 2.3, 0.1, 0.1)], { seed: i })),
  );
  const text = overfitAndBreakAnswer(
    { withoutDropout: stuckReference, withDropout },
    { reference: stuckReference, withoutRelu, changes },
  );
  assert.match(text, /The reference itself did not leave chance in every seed in this budget/);
  assert.doesNotMatch(text, /These changes did/);
});
