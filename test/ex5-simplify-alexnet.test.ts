/** Exercise 5's computations: the smallest input, the tolerance rule on robust endpoints, the pick, the mean curve, the table. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts } from "../lib/cost";
import {
  compareToBaseline,
  meanCurve,
  meanCurveFigure,
  pickSimplified,
  sameLayerShapes,
  smallestInput,
  variantTable,
} from "../lib/exercises/ex5-simplify-alexnet";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import { difference, endpoints } from "../lib/runs/compare";
import type { Run, TestResult } from "../lib/runs/run";
import { seededComparison, type SeededComparison } from "../lib/runs/seeds";
import { epochRecord } from "./run-fixtures";

/** A made-up run: validation accuracy per epoch, `rate` training images per second, 100 images an epoch. */
function fakeRun(label: string, valAccuracies: number[], rate: number, flopsPerImage: number, test?: TestResult): Run {
  const spec = { ...lenetSpec(), input: [1, 68, 68] as [number, number, number] };
  const history = valAccuracies.map((valAccuracy, i) =>
    epochRecord(i + 1, 1 / (i + 1), 1.2 / (i + 1), valAccuracy + 0.05, valAccuracy, {
      trainImages: 100,
      trainSeconds: 100 / rate,
      seconds: 100 / rate + 1,
    }),
  );
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
    ...(test ? { test } : {}),
  };
}

/** One variant over seeds: each seed's curve is `curve` shifted by one of `offsets`. */
function seeded(
  label: string,
  curve: number[],
  offsets: number[],
  rate: number,
  flopsPerImage: number,
  testAccuracies?: number[],
): SeededComparison {
  const runs = offsets.map((o, i) => {
    const accuracy = testAccuracies?.[i];
    const test = accuracy === undefined ? undefined : { loss: 0.5, accuracy, images: 10_000 };
    return fakeRun(
      label,
      curve.map((a) => a + o),
      rate,
      flopsPerImage,
      test,
    );
  });
  return seededComparison(label, runs);
}

// Over the last 3 epochs this curve averages (0.78 + 0.8 + 0.8) / 3; the seeds shift it by ±1 point.
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
); // resolved drop of 2.5 points
// Level with AlexNet until its last epoch, where it dips 5 points.
const lateDip = seeded("late dip", [0.6, 0.8, 0.8, 0.75], seeds3, 200, 200e6);

test("smallestInput finds 65 for AlexNet with the shape code, and 68 has the same layer shapes", () => {
  const at = (size: number) => alexnetSpec({ size });
  const { size, belowFails } = smallestInput(at);
  assert.equal(size, 65);
  assert.match(belowFails, /^layer \d+ \(maxpool2d\): kernel 3 is larger than its padded input 2×2$/);
  assert.ok(sameLayerShapes(at, 65, 68));
  assert.ok(!sameLayerShapes(at, 65, 69), "69 gives a 16×16 first feature map");
  assert.ok(!sameLayerShapes(at, 64, 68), "64 fails, so it shares no shapes");
  assert.equal(countCosts(at(65)).flops, countCosts(at(68)).flops);
  assert.throws(() => smallestInput(at, 64), /no input up to 64×64 fits the network/);
});

test("the tolerance rule: overlapping seed ranges are unresolved, a resolved drop beyond the tolerance rules a variant out", () => {
  const baseEnd = endpoints(base);
  const judge = (c: SeededComparison, tolerance: number) => compareToBaseline(endpoints(c), baseEnd, tolerance);
  assert.equal(judge(half, 0.01).verdict, "unresolved");
  assert.ok(judge(half, 0.01).acceptable);
  assert.equal(judge(quarter, 0.01).verdict, "lower");
  assert.ok(!judge(quarter, 0.01).acceptable);
  assert.ok(Math.abs(judge(quarter, 0.01).difference + 0.04) < 1e-9, "mean of the last 3 epochs, 4 points lower");
  assert.equal(judge(quarter, 0.05).verdict, "lower, within tolerance");
  assert.ok(judge(quarter, 0.05).acceptable);
  const better = seeded(
    "better",
    flat.map((a) => a + 0.04),
    seeds3,
    50,
    800e6,
  );
  assert.equal(judge(better, 0.01).verdict, "higher");
  assert.ok(judge(better, 0.01).acceptable);
  assert.ok(Math.abs(judge(quarter, 0.01).speedUp - 9) < 1e-9);
  assert.ok(Math.abs(judge(better, 0.01).speedUp - 0.5) < 1e-9);
  const oneSeed = seeded(
    "one seed",
    flat.map((a) => a - 0.2),
    [0],
    900,
    25e6,
  );
  assert.equal(judge(oneSeed, 0.01).verdict, "unresolved", "one seed has no spread to resolve with");
});

test("the tolerance rule judges the mean of the last k epochs, not the last epoch alone", () => {
  const baseEnd = endpoints(base);
  const dipEnd = endpoints(lateDip);
  assert.ok(difference(dipEnd.last, baseEnd.last).resolved, "the last epoch alone is 5 points below, every seed");
  const verdict = compareToBaseline(dipEnd, baseEnd, 0.01);
  assert.equal(verdict.verdict, "unresolved", "over the last 3 epochs the ranges overlap");
  assert.ok(Math.abs(verdict.difference - (0.8 + 0.8 + 0.75 - (0.78 + 0.8 + 0.8)) / 3) < 1e-9);
  // Over the last 2 epochs the dip weighs half: 0.775 against 0.8, and the ranges part.
  assert.equal(compareToBaseline(endpoints(lateDip, { k: 2 }), endpoints(base, { k: 2 }), 0.01).verdict, "lower");
});

test("pickSimplified keeps the fastest acceptable variant, else the most accurate", () => {
  const all = [base, half, quarter, slightlyLower];
  assert.equal(pickSimplified(all, "AlexNet", 0.01).comparison, half);
  assert.equal(pickSimplified(all, "AlexNet", 0.01).withinTolerance, true);
  assert.equal(pickSimplified(all, "AlexNet", 0.03).comparison, slightlyLower, "resolved 2.5-point drop within 3");
  assert.equal(pickSimplified(all, "AlexNet", 0.05).comparison, quarter);
  const none = pickSimplified([base, quarter, slightlyLower], "AlexNet", 0.01);
  assert.deepEqual([none.comparison.label, none.withinTolerance], ["slightly lower", false]);
  assert.throws(() => pickSimplified(all, "nope", 0.01), /no variant labelled "nope"; the labels are "AlexNet"/);
  assert.throws(() => pickSimplified([base], "AlexNet", 0.01), /no variant besides the baseline/);
});

test("pickSimplified passes k to the endpoints it judges on", () => {
  assert.equal(pickSimplified([base, half, lateDip], "AlexNet", 0.01).comparison, half, "half is the faster");
  // Over the last 3 epochs the dip is unresolved; over the last 2 it is a resolved 2.5-point drop.
  assert.equal(pickSimplified([base, lateDip], "AlexNet", 0.01).withinTolerance, true);
  assert.equal(pickSimplified([base, lateDip], "AlexNet", 0.01, 2).withinTolerance, false);
  assert.equal(pickSimplified([base, lateDip], "AlexNet", 0.03, 2).withinTolerance, true, "within a 3-point tolerance");
});

test("meanCurve averages the seeds epoch by epoch, with their range and the training seconds spent", () => {
  const curve = meanCurve(base);
  assert.equal(curve.length, 4);
  assert.deepEqual(
    curve.map((p) => p.epoch),
    [1, 2, 3, 4],
  );
  assert.ok(Math.abs(curve[1].valAccuracy - 0.78) < 1e-12);
  assert.ok(Math.abs(curve[1].min - 0.77) < 1e-12 && Math.abs(curve[1].max - 0.79) < 1e-12);
  assert.equal(curve[2].trainSeconds, 3, "1 s an epoch at 100 img/s, summed");
  const shorter = seededComparison("shorter", [fakeRun("a", [0.5, 0.6, 0.7], 100, 1), fakeRun("b", [0.3, 0.4], 50, 1)]);
  const short = meanCurve(shorter);
  assert.equal(short.length, 2, "epochs every seed finished");
  assert.ok(Math.abs(short[1].trainSeconds - (2 + 4) / 2) < 1e-12);
});

test("meanCurveFigure draws one mean line per variant against epochs or training seconds", () => {
  const byTime = meanCurveFigure([base, quarter], { against: "trainSeconds", title: "t" });
  const traces = byTime.data as unknown as { name: string; x: number[]; y: number[] }[];
  assert.deepEqual(
    traces.map((t) => t.name),
    ["AlexNet", "¼ width"],
  );
  assert.deepEqual(
    traces[0].x.map((x) => Math.round(x * 1e9) / 1e9),
    [1, 2, 3, 4],
  );
  assert.ok(Math.abs(traces[1].x[3] - 4 / 9) < 1e-12, "100 images at 900 img/s an epoch");
  assert.ok(Math.abs(traces[1].y[3] - 0.76) < 1e-12);
  const byEpoch = meanCurveFigure([base], { against: "epoch", title: "e" }).data as unknown as { x: number[] }[];
  assert.deepEqual(byEpoch[0].x, [1, 2, 3, 4]);
});

/** A markdown table row's cells. */
const cells = (line: string) => line.slice(2, -2).split(" | ");

test("variantTable shows counted FLOPs, measured speed as a ratio, the last-k accuracy and the verdict per row", () => {
  const lines = variantTable([base, half, quarter], { baseline: "AlexNet", tolerance: 0.01 }).split("\n");
  assert.equal(lines.length, 2 + 3);
  const headers = cells(lines[0]);
  const rows = lines.slice(2).map(cells);
  const column = (name: string | RegExp) => {
    const i = headers.findIndex((h) => (typeof name === "string" ? h === name : name.test(h)));
    assert.ok(i >= 0, `no column ${name} in ${lines[0]}`);
    return rows.map((r) => r[i]);
  };
  assert.deepEqual(column("variant"), ["AlexNet", "½ width", "¼ width"]);
  assert.deepEqual(column("input"), ["68×68", "68×68", "68×68"]);
  assert.deepEqual(column("MFLOPs/image"), ["400.0", "100.0", "25.0"]);
  assert.deepEqual(column("FLOPs saved"), ["1.0×", "4.0×", "16.0×"]);
  assert.deepEqual(column("img/s"), ["100", "300", "900"]);
  assert.deepEqual(column("speed-up"), ["1.0×", "3.0×", "9.0×"]);
  assert.deepEqual(column(/^val acc %, last 3 epochs \(mean ± std \(range\), 3 seeds\)$/), [
    "79.3 ± 1.0 (78.3–80.3)",
    "78.8 ± 1.0 (77.8–79.8)",
    "75.3 ± 1.0 (74.3–76.3)",
  ]);
  assert.deepEqual(column("val acc rise, last 3 epochs"), ["+2.0 pt", "+2.0 pt", "+2.0 pt"]);
  assert.deepEqual(column("vs AlexNet"), ["–", "-0.5 pt", "-4.0 pt"]);
  assert.deepEqual(column("verdict"), ["baseline", "unresolved", "lower"]);
  assert.equal(
    headers.some((h) => h.startsWith("test acc")),
    false,
    "no test column without test runs",
  );
  assert.equal(
    cells(variantTable([base, quarter], { baseline: "AlexNet", tolerance: 0.05, k: 2 }).split("\n")[0]).includes(
      "val acc rise, last 2 epochs",
    ),
    true,
  );
  assert.throws(() => variantTable([base, half], { baseline: "nope", tolerance: 0.01 }), /variantTable: no variant/);
});

test("variantTable adds the whole test split's accuracy when the runs measured it", () => {
  const tested = seeded("AlexNet", flat, seeds3, 100, 400e6, [0.78, 0.79, 0.8]);
  const lines = variantTable([tested, half], { baseline: "AlexNet", tolerance: 0.01 }).split("\n");
  const headers = cells(lines[0]);
  const i = headers.indexOf("test acc %, all 10,000");
  assert.ok(i > 0, `no test column in ${lines[0]}`);
  assert.equal(cells(lines[2])[i], "79.0 ± 1.0 (78.0–80.0)");
  assert.equal(cells(lines[3])[i], "–", "a variant without test runs");
});
