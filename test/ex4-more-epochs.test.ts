/** Exercise 4's computations: the logit scale of a fresh network, and the seeds' curves it plots. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { logitScaleAtInit } from "../lib/exercises/ex4-more-epochs";
import { lenetSpec } from "../lib/models/zoo";
import { seedCurvesFigure } from "../lib/runs/figures";
import type { Run } from "../lib/runs/run";
import { epochRecord } from "./run-fixtures";

before(async () => {
  await initBackend({ log: () => {} });
});

/** The fields of a Run that seedCurvesFigure reads: label and history (validation accuracy per epoch as given). */
const runOf = (label: string, val: number[]) =>
  ({
    label,
    setup: { epochs: val.length, lr: 0.1 },
    history: val.map((v, i) => epochRecord(i + 1, 1, 1, v + 0.1, v)),
  }) as unknown as Run;

interface Trace {
  name: string;
  x: number[];
  y: number[];
  fill?: string;
}

const close = (actual: number[], expected: number[], what: string) => {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, expected ${expected.length}`);
  actual.forEach((a, i) => {
    assert.ok(Math.abs(a - expected[i]) < 1e-9, `${what}[${i}]: ${a}, expected ${expected[i]}`);
  });
};

test("seedCurvesFigure draws each configuration's mean over seeds with a min–max band, epochs every seed finished", () => {
  const alexnet = {
    label: "AlexNet",
    runs: [
      runOf("AlexNet", [0.5, 0.6, 0.7]),
      runOf("AlexNet", [0.52, 0.64, 0.72]),
      runOf("AlexNet", [0.48, 0.62, 0.74]),
    ],
  };
  // The second LeNet seed stopped after 2 epochs: only those 2 are drawn.
  const lenet = { label: "LeNet", runs: [runOf("LeNet", [0.1, 0.3, 0.5]), runOf("LeNet", [0.1, 0.2])] };
  const figure = seedCurvesFigure([alexnet, lenet], "valAccuracy");
  const traces = figure.data as unknown as Trace[];
  assert.equal(traces.length, 4, "a band and a mean line per configuration");
  const [alexnetBand, lenetBand, alexnetMean, lenetMean] = traces;
  assert.deepEqual([alexnetMean.name, lenetMean.name], ["AlexNet", "LeNet"]);
  assert.deepEqual(alexnetMean.x, [1, 2, 3]);
  close(alexnetMean.y, [0.5, 0.62, 0.72], "AlexNet mean");
  assert.equal(alexnetBand.fill, "toself");
  assert.deepEqual(alexnetBand.x, [1, 2, 3, 3, 2, 1]);
  close(alexnetBand.y, [0.52, 0.64, 0.74, 0.7, 0.6, 0.48], "AlexNet band: highs forward, lows back");
  assert.deepEqual(lenetMean.x, [1, 2]);
  close(lenetMean.y, [0.1, 0.25], "LeNet mean");
  close(lenetBand.y, [0.1, 0.3, 0.2, 0.1], "LeNet band");
  const title = figure.layout?.title;
  assert.match(typeof title === "string" ? title : (title?.text ?? ""), /validation accuracy.*mean of 3 seeds/);
  const training = seedCurvesFigure([alexnet], "trainAccuracy", { title: "training" }).data as unknown as Trace[];
  close(training[1].y, [0.6, 0.72, 0.82], "the metric asked for");
});

test("logitScaleAtInit: a fresh network's logit spread follows its initialisation and its seed", async () => {
  const spec = lenetSpec();
  const xavier = await logitScaleAtInit(spec, "xavier", 64, 0);
  assert.ok(Number.isFinite(xavier) && xavier > 0, `xavier: ${xavier}`);
  assert.equal(await logitScaleAtInit(spec, "xavier", 64, 0), xavier, "the same seed builds the same network");
  assert.notEqual(await logitScaleAtInit(spec, "xavier", 64, 1), xavier, "another seed, other weights");
  const tiny = await logitScaleAtInit(spec, { normal: 1e-4 }, 64, 0);
  assert.ok(tiny >= 0 && tiny < xavier / 100, `N(0, 1e-4²) weights: logit std ${tiny} against ${xavier} with xavier`);
});
