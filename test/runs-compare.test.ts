/** lib/runs/compare.ts and endpoints-table.ts: verdicts across seeds as data, on made-up runs. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  difference,
  endpoints,
  resolvedAbove,
  resolvedApart,
  resolvedBelow,
  riseOverLast,
  trendOf,
  unresolved,
} from "../lib/runs/compare";
import { endpointsTable } from "../lib/runs/endpoints-table";
import type { Run, TestResult } from "../lib/runs/run";
import { spreadOf } from "../lib/runs/seeds";
import { summarizeRun } from "../lib/runs/summary";
import { epochRecord } from "./run-fixtures";

const close = (actual: number, expected: number, what = "value") =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

const closeAll = (actual: number[], expected: number[], what = "values") => {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, expected ${expected.length}`);
  actual.forEach((a, i) => {
    close(a, expected[i], `${what}[${i}]`);
  });
};

interface Curves {
  val: number[];
  /** Default: validation accuracy + 0.1. */
  train?: number[];
  /** Default: falling as 2 / epoch. */
  valLoss?: number[];
  /** Seconds per epoch of 100 training images; default 1 (100 img/s). */
  trainSeconds?: number;
  test?: TestResult;
}

/** The fields of a Run that compare.ts reads, cast: history, label, setup and optional test. */
function runOf(label: string, { val, train, valLoss, trainSeconds = 1, test: result }: Curves): Run {
  const history = val.map((v, i) =>
    epochRecord(i + 1, 1 / (i + 1), valLoss?.[i] ?? 2 / (i + 1), train?.[i] ?? v + 0.1, v, {
      trainImages: 100,
      trainSeconds,
      seconds: trainSeconds + 0.5,
    }),
  );
  return {
    label,
    setup: { epochs: val.length, lr: 0.1 },
    history,
    ...(result ? { test: result } : {}),
  } as unknown as Run;
}

const config = (label: string, curves: Curves[]) => ({ label, runs: curves.map((c) => runOf(label, c)) });

test("resolvedApart needs at least two seeds a side and ranges that do not touch", () => {
  const high = spreadOf([0.8, 0.82]);
  const low = spreadOf([0.7, 0.75]);
  assert.equal(resolvedApart(high, low), true);
  assert.equal(resolvedApart(low, high), true, "the order of the arguments does not matter");
  assert.equal(resolvedAbove(high, low), true);
  assert.equal(resolvedAbove(low, high), false);
  assert.equal(resolvedBelow(low, high), true);
  assert.equal(resolvedBelow(high, low), false);
  assert.equal(unresolved(high, low), false);

  const touching = spreadOf([0.75, 0.8]);
  assert.equal(resolvedApart(touching, low), false, "one seed of each at 0.75: the ranges touch");
  assert.equal(unresolved(touching, low), true);
  assert.equal(resolvedAbove(touching, low), false);

  const overlapping = spreadOf([0.72, 0.9]);
  assert.equal(resolvedApart(overlapping, low), false);
  assert.equal(resolvedBelow(low, overlapping), false);
  assert.equal(unresolved(overlapping, low), true);

  const oneSeedFarAbove = spreadOf([0.99]);
  assert.equal(resolvedApart(oneSeedFarAbove, low), false, "one seed has no range to resolve with");
  assert.equal(resolvedAbove(oneSeedFarAbove, low), false);
  assert.equal(resolvedApart(spreadOf([0.99]), spreadOf([0.01])), false);
  assert.equal(unresolved(oneSeedFarAbove, low), true);
});

test("difference gives mean(a) − mean(b) and why it is or is not resolved", () => {
  const parted = difference(spreadOf([0.8, 0.82]), spreadOf([0.7, 0.72]));
  close(parted.delta, 0.1, "delta");
  assert.deepEqual([parted.resolved, parted.why], [true, "ranges part"]);

  const below = difference(spreadOf([0.7, 0.72]), spreadOf([0.8, 0.82]));
  close(below.delta, -0.1, "delta below");
  assert.deepEqual([below.resolved, below.why], [true, "ranges part"]);

  const overlap = difference(spreadOf([0.7, 0.8]), spreadOf([0.75, 0.85]));
  close(overlap.delta, -0.05, "delta overlapping");
  assert.deepEqual([overlap.resolved, overlap.why], [false, "ranges overlap"]);

  const oneSeed = difference(spreadOf([0.9]), spreadOf([0.1, 0.2]));
  close(oneSeed.delta, 0.75, "delta with one seed");
  assert.deepEqual([oneSeed.resolved, oneSeed.why], [false, "fewer than 2 seeds a side"]);
  assert.equal(difference(spreadOf([0.1, 0.2]), spreadOf([0.9])).why, "fewer than 2 seeds a side");
});

test("riseOverLast fits a line through the last k values and reports its rise over them", () => {
  close(riseOverLast([0.1, 0.2, 0.3, 0.4, 0.5], 3), 0.2, "rising by 0.1 an epoch over 3 epochs");
  close(riseOverLast([0.5, 0.5, 0.5, 0.5], 3), 0, "flat");
  close(riseOverLast([0.9, 0.8, 0.6], 3), -0.3, "falling");
  close(riseOverLast([0, 0.5, 0.5, 0.5], 3), 0, "a jump before the last k values does not count");
  // Least squares, not last − first (which is +0.1 here): x −1.5…1.5, y − mean = −0.1, 0.2, −0.1, 0.
  close(riseOverLast([0.5, 0.8, 0.5, 0.6], 4), 0, "a noisy plateau");
  close(riseOverLast([0.2, 0.4], 5), 0.2, "k beyond the curve: the rise over the values there are");
  for (const k of [1, 0, 2.5, -3]) {
    assert.throws(() => riseOverLast([0.1, 0.2, 0.3], k), /riseOverLast: k must be a whole number ≥ 2/);
  }
});

/** Three seeds of five epochs: two learn, one never leaves chance. */
const learns = { val: [0.1, 0.25, 0.6, 0.7, 0.8], valLoss: [2, 1.5, 1, 1.2, 1.5] };
const learnsLater = {
  val: [0.1, 0.15, 0.5, 0.75, 0.7],
  // Lowest at epoch 2, but the end is within 5% of it: no turn.
  valLoss: [2, 1, 1.02, 1.03, 1.04],
  train: [0.1, 0.2, 0.6, 0.8, 0.9],
  trainSeconds: 0.5,
};
const stuck = { val: [0.1, 0.1, 0.1, 0.1, 0.1], valLoss: [2.3, 2.3, 2.3, 2.3, 2.3] };

test("endpoints: last, mean of the last k, best and its epoch, training accuracy and speed, per seed", () => {
  const c = config("three seeds", [learns, learnsLater, stuck]);
  const e = endpoints(c);
  assert.deepEqual([e.label, e.seeds, e.k], ["three seeds", 3, 3]);
  closeAll(e.last.values, [0.8, 0.7, 0.1], "last");
  closeAll(e.lastK.values, [(0.6 + 0.7 + 0.8) / 3, (0.5 + 0.75 + 0.7) / 3, 0.1], "lastK");
  close(e.lastK.mean, ((0.6 + 0.7 + 0.8) / 3 + (0.5 + 0.75 + 0.7) / 3 + 0.1) / 3, "lastK mean");
  closeAll(e.best.values, [0.8, 0.75, 0.1], "best");
  assert.deepEqual(e.bestEpochs.values, [5, 4, 1]);
  closeAll(e.trainLastK.values, [(0.7 + 0.8 + 0.9) / 3, (0.6 + 0.8 + 0.9) / 3, 0.2], "trainLastK");
  closeAll(e.imagesPerSecond.values, [100, 200, 100], "img/s");

  assert.throws(() => endpoints(c, { k: 0 }), /endpoints: k must be a whole number of epochs ≥ 1, got 0/);
  const k1 = endpoints(c, { k: 1 });
  closeAll(k1.lastK.values, e.last.values, "lastK over 1 epoch is the last epoch");
  assert.equal(k1.riseOverLastK, endpoints(c, { k: 2 }).riseOverLastK, "the rise looks at least 2 epochs back");
  const k2 = endpoints(c, { k: 2 });
  assert.equal(k2.k, 2);
  closeAll(k2.lastK.values, [0.75, 0.725, 0.1], "lastK over 2 epochs");
});

test("endpoints: still rising compares the seeds' mean curve's rise over the last k epochs with the tolerance", () => {
  const c = config("three seeds", [learns, learnsLater, stuck]);
  // Mean curve over epochs 3–5: 0.4, 0.5167, 0.5333; with k = 3 the fitted rise is last − first.
  const rise = (0.8 + 0.7 + 0.1) / 3 - (0.6 + 0.5 + 0.1) / 3;
  const e = endpoints(c);
  close(e.riseOverLastK, rise, "rise");
  assert.equal(e.stillRising, true);
  assert.equal(endpoints(c, { risingTolerance: rise + 0.01 }).stillRising, false);
  assert.equal(endpoints(c, { risingTolerance: rise - 0.01 }).stillRising, true);

  const plateau = config("plateau", [{ val: [0.3, 0.6, 0.8, 0.8, 0.805] }, { val: [0.3, 0.6, 0.79, 0.8, 0.8] }]);
  const p = endpoints(plateau);
  assert.ok(p.riseOverLastK > 0 && p.riseOverLastK < 0.01, `rise ${p.riseOverLastK}`);
  assert.equal(p.stillRising, false, "a rise under the default 1-point tolerance is a plateau");
  const falling = endpoints(config("falling", [{ val: [0.5, 0.8, 0.7, 0.6] }, { val: [0.5, 0.8, 0.7, 0.6] }]));
  close(falling.riseOverLastK, -0.2, "falling rise");
  assert.equal(falling.stillRising, false);
});

test("endpoints: where each seed left chance and where its validation loss turned", () => {
  const c = config("three seeds", [learns, learnsLater, stuck]);
  const e = endpoints(c);
  assert.deepEqual(e.leftChance, [2, 3, undefined], "first epoch at ≥ 20%; the stuck seed never");
  assert.deepEqual(endpoints(c, { escapeAccuracy: 0.55 }).leftChance, [3, 4, undefined]);
  assert.deepEqual(endpoints(c, { escapeAccuracy: 0.05 }).leftChance, [1, 1, 1]);
  // Epoch 3 is the minimum of the first seed's loss, two epochs before its end and 50% below it.
  assert.deepEqual(e.valLossTurn, [3, undefined, undefined]);
  assert.deepEqual(
    e.valLossTurn,
    c.runs.map((r) => summarizeRun(r).overfittingOnset),
    "the same onset as summarizeRun's",
  );
});

test("endpoints: the test spread only over runs that measured the whole test split", () => {
  const untested = endpoints(config("untested", [learns, learnsLater]));
  assert.equal(untested.test, undefined);
  assert.equal("test" in untested, false);

  const tested = endpoints(
    config("tested", [
      { ...learns, test: { loss: 0.6, accuracy: 0.78, images: 10_000 } },
      { ...learnsLater, test: { loss: 0.7, accuracy: 0.74, images: 10_000 } },
      stuck,
    ]),
  );
  assert.ok(tested.test);
  closeAll(tested.test.values, [0.78, 0.74], "test accuracy of the runs that have one");
  close(tested.test.mean, 0.76, "test mean");
});

test("endpoints counts only runs with a finished epoch and throws when there is none", () => {
  const mixed = endpoints(config("mixed", [learns, { val: [] }, learnsLater]));
  assert.equal(mixed.seeds, 2);
  closeAll(mixed.last.values, [0.8, 0.7], "last of the finished runs");
  assert.throws(
    () => endpoints(config("empty", [{ val: [] }, { val: [] }])),
    /endpoints: empty has no run with a finished epoch/,
  );
  assert.throws(() => endpoints({ label: "none", runs: [] }), /none has no run with a finished epoch/);
});

test("trendOf: monotone means, ends judged against each other, and every neighbouring step", () => {
  const a = spreadOf([0.1, 0.2]);
  const b = spreadOf([0.3, 0.4]);
  const c = spreadOf([0.5, 0.6]);

  const rising = trendOf([a, b, c]);
  assert.deepEqual([rising.monotone, rising.endsApart], ["rising", "rising"]);
  assert.equal(rising.steps.length, 2);
  assert.ok(rising.steps.every((s) => s.resolved && s.why === "ranges part"));
  closeAll(
    rising.steps.map((s) => s.delta),
    [0.2, 0.2],
    "step deltas",
  );

  const falling = trendOf([c, b, a]);
  assert.deepEqual([falling.monotone, falling.endsApart], ["falling", "falling"]);
  closeAll(
    falling.steps.map((s) => s.delta),
    [-0.2, -0.2],
    "falling step deltas",
  );

  const upDown = trendOf([a, c, b]);
  assert.equal(upDown.monotone, "neither");
  assert.equal(upDown.endsApart, "rising", "the last setting is above the first, whatever happened between");
  assert.deepEqual(
    upDown.steps.map((s) => s.delta > 0),
    [true, false],
  );

  const overlapping = trendOf([spreadOf([0.1, 0.3]), spreadOf([0.15, 0.35]), spreadOf([0.2, 0.4])]);
  assert.equal(overlapping.monotone, "rising", "every mean above the previous one");
  assert.equal(overlapping.endsApart, "unresolved", "yet the ends' ranges overlap");
  assert.ok(overlapping.steps.every((s) => !s.resolved && s.why === "ranges overlap"));

  const oneSeed = trendOf([spreadOf([0.1]), spreadOf([0.9])]);
  assert.deepEqual([oneSeed.monotone, oneSeed.endsApart], ["rising", "unresolved"]);
  assert.equal(oneSeed.steps[0].why, "fewer than 2 seeds a side");

  assert.equal(trendOf([a, spreadOf([0.1, 0.2])]).monotone, "neither", "equal means are no rise");
  assert.throws(() => trendOf([a]), /trendOf: need at least 2 points, got 1/);
});

/** A markdown table row's cells. */
const cells = (line: string) => line.slice(2, -2).split(" | ");

test("endpointsTable: one row per configuration, a baseline column resolved only when the ranges part", () => {
  const base = endpoints(config("baseline", [{ val: [0.5, 0.7, 0.7, 0.7] }, { val: [0.5, 0.72, 0.72, 0.72] }]));
  const apart = endpoints(config("apart", [{ val: [0.5, 0.8, 0.8, 0.8] }, { val: [0.5, 0.82, 0.82, 0.82] }]));
  const inside = endpoints(config("inside", [{ val: [0.5, 0.69, 0.69, 0.69] }, { val: [0.5, 0.75, 0.75, 0.75] }]));
  const lines = endpointsTable([base, apart, inside], { baseline: "baseline" }).split("\n");
  assert.equal(lines.length, 2 + 3, "header, separator and one row per configuration");
  const headers = cells(lines[0]);
  const column = headers.indexOf("val vs baseline");
  assert.ok(column > 0, `no baseline column in ${lines[0]}`);
  assert.equal(
    headers.some((h) => h.startsWith("test acc")),
    false,
    "no test column when no run measured the test split",
  );
  const rows = lines.slice(2).map(cells);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ["baseline", "apart", "inside"],
  );
  assert.ok(rows.every((r) => r.length === headers.length));
  assert.equal(rows[0][column], "–", "the baseline is not compared with itself");
  assert.equal(rows[1][column], "+10.0 pt (resolved)");
  assert.equal(rows[2][column], "+1.0 pt", "overlapping ranges: no (resolved)");

  const oneSeed = endpoints(config("one seed", [{ val: [0.5, 0.99, 0.99, 0.99] }]));
  const oneSeedRow = cells(endpointsTable([base, oneSeed], { baseline: "baseline" }).split("\n")[3]);
  assert.doesNotMatch(oneSeedRow[column], /resolved/, "one seed is never resolved, however far");

  const plain = endpointsTable([base, apart]).split("\n");
  assert.equal(
    cells(plain[0]).some((h) => h.startsWith("val vs")),
    false,
    "no baseline, no baseline column",
  );
  assert.throws(() => endpointsTable([base, apart], { baseline: "nope" }), /endpointsTable: no row is labelled "nope"/);
});

test("endpointsTable adds a test column when some configuration measured the test split", () => {
  const tested = endpoints(
    config("tested", [
      { val: [0.5, 0.7, 0.7], test: { loss: 0.5, accuracy: 0.7, images: 10_000 } },
      { val: [0.5, 0.72, 0.72], test: { loss: 0.5, accuracy: 0.72, images: 10_000 } },
    ]),
  );
  const untested = endpoints(config("untested", [{ val: [0.5, 0.7, 0.7] }, { val: [0.5, 0.72, 0.72] }]));
  const lines = endpointsTable([tested, untested]).split("\n");
  const column = cells(lines[0]).findIndex((h) => h.startsWith("test acc"));
  assert.ok(column > 0, `no test column in ${lines[0]}`);
  assert.match(cells(lines[2])[column], /^71\.0 ± /);
  assert.equal(cells(lines[3])[column], "–");
  const stuckRow = cells(endpointsTable([endpoints(config("stuck", [stuck, stuck]))]).split("\n")[2]);
  assert.ok(stuckRow.includes("never"), `a configuration that never left chance says so: ${stuckRow.join(" | ")}`);
  assert.ok(stuckRow.includes("did not turn"));
});
