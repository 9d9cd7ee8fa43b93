/** Exercise 2's chip study and exercise 3's saturation and operation mix, on small hand-checkable cases. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  countCosts,
  denseTimeShare,
  DEVICES,
  rooflineReport,
  runtimeTable,
  saturation,
  type Device,
} from "../lib/cost";
import {
  chipStudy,
  chipStudyTable,
  designMismatch,
  designMismatchTable,
  timeAtShare,
} from "../lib/exercises/ex2-chip-compute-vs-bandwidth";
import { operationMix } from "../lib/exercises/ex3-why-not-alexnet";
import { ninSpec } from "../lib/models/modern";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";

describe("chip study", () => {
  const rows = chipStudy(
    [alexnetSpec(), lenetSpec()],
    [
      { mode: "inference", batch: 1 },
      { mode: "training", batch: 128 },
    ],
    { reference: DEVICES.v100 },
  );

  test("one row per network × workload, each with its own optimum", () => {
    assert.deepEqual(
      rows.map((r) => `${r.network} ${r.mode} ${r.batch}`),
      ["AlexNet inference 1", "AlexNet training 128", "LeNet inference 1", "LeNet training 128"],
    );
    for (const r of rows) {
      assert.ok(r.tradeoff.curve.every((p) => p.seconds >= r.tradeoff.best.seconds * (1 - 1e-12)));
      assert.ok(r.intensityRange[0] <= r.intensity && r.intensity <= r.intensityRange[1]);
    }
  });

  test("linear area model: at the optimum the compute-bound share of time ≈ the compute share of area", () => {
    // d/ds Σ time = 0 with peak ∝ s and bandwidth ∝ 1 − s gives T_compute / s = T_memory / (1 − s).
    for (const r of rows)
      assert.ok(
        Math.abs(r.computeBoundShare - r.tradeoff.best.computeShare) < 0.03,
        `${r.network}: ${r.computeBoundShare} vs ${r.tradeoff.best.computeShare}`,
      );
  });

  test("the best chip's ridge point is V100's ridge scaled by the split: s/(1−s) at s0 = 0.5", () => {
    for (const r of rows) {
      const s = r.tradeoff.best.computeShare;
      assert.ok(Math.abs(r.bestRidge - (15.7e12 / 900e9) * (s / (1 - s))) < 1e-6 * r.bestRidge);
    }
  });
});

describe("saturation", () => {
  const TOY: Device = { name: "toy", peakFlops: 1e12, bandwidth: 1e11, source: "test" };

  test("a memory-bound layer attains intensity × bandwidth; compute-bound ones the peak", () => {
    const s = saturation(rooflineReport(countCosts(alexnetSpec()), TOY), TOY);
    assert.deepEqual(
      s.layers.map((l) => l.name.split(" ")[0]),
      ["Conv2d-1", "Conv2d-4", "Conv2d-7", "Conv2d-9", "Conv2d-11", "Linear-15", "Linear-18", "Linear-21"],
    );
    for (const l of s.layers) {
      const expected = Math.min(1e12, l.intensity * 1e11) / 1e12;
      assert.ok(Math.abs(l.peakFraction - expected) < 1e-9, l.name);
    }
    assert.ok(s.overallPeakFraction > 0 && s.overallPeakFraction <= 1);
    assert.equal(saturation(rooflineReport(countCosts(alexnetSpec()), TOY), TOY, { all: true }).layers.length, 20);
  });
});

describe("operation mix", () => {
  test("NiN: one 11×11, 5×5 and 3×3 convolution per block kind, 1×1 the rest, no dense", () => {
    const mix = operationMix(ninSpec());
    assert.deepEqual(
      mix.map((m) => m.operation),
      ["conv 11×11", "conv 1×1", "conv 5×5", "conv 3×3"],
    );
    assert.ok(Math.abs(mix.reduce((a, m) => a + m.macsShare, 0) - 1) < 1e-12);
    assert.ok(Math.abs(mix.reduce((a, m) => a + m.paramsShare, 0) - 1) < 1e-12);
  });

  test("AlexNet: dense layers hold most parameters, convolutions most MACs", () => {
    const dense = operationMix(alexnetSpec()).find((m) => m.operation === "dense")!;
    assert.ok(dense.paramsShare > 0.9 && dense.macsShare < 0.05);
  });
});

describe("design mismatch", () => {
  test("1 on the diagonal, ≥ 1 elsewhere; timeAtShare reproduces the optimum", () => {
    const rows = chipStudy(
      [alexnetSpec()],
      [
        { mode: "inference", batch: 1 },
        { mode: "training", batch: 128 },
      ],
      { reference: DEVICES.v100 },
    );
    const m = designMismatch(rows);
    assert.ok(Math.abs(m[0][0] - 1) < 1e-9 && Math.abs(m[1][1] - 1) < 1e-9);
    assert.ok(m[0][1] > 1 && m[1][0] > 1);
    assert.ok(Math.abs(timeAtShare(rows[0], 0.5) - rows[0].tradeoff.reference.seconds) < 1e-15);
  });
});

describe("tables", () => {
  test("chip study: the ridge sits on an item (kink) or between two", () => {
    const rows = chipStudy(
      [alexnetSpec()],
      [
        { mode: "inference", batch: 1 },
        { mode: "inference", batch: 128 },
      ],
      { reference: DEVICES.v100 },
    );
    const text = chipStudyTable(rows);
    assert.match(text, /inference, batch 1 .*between Linear-\d+ forward \(0\.50\) and Conv2d-1 forward/);
    assert.match(text, /inference, batch 128 .*on Linear-18 forward \(60\.2\)/);
    assert.equal(designMismatchTable(rows).split("\n").length, 4);
  });

  test("runtime: AlexNet at batch 1 on an A100 spends most of its time in the dense layers", () => {
    const report = rooflineReport(countCosts(alexnetSpec({ channels: 3, classes: 1000 })), DEVICES.a100);
    assert.ok(denseTimeShare(report) > 0.5);
    assert.match(
      runtimeTable([{ label: "A100", report, device: DEVICES.a100 }]),
      /^\| A100 \| fp32 \| inference, batch 1 \|/m,
    );
  });
});
