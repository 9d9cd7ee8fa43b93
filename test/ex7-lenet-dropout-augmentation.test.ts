/** Exercise 7's computations: dropout added to LeNet, and the SGD steps of a budget against d2l's run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { countCosts } from "../lib/cost";
import { D2L_LENET, sgdSteps } from "../lib/exercises/ex7-lenet-dropout-augmentation";
import type { NetworkSpec } from "../lib/models/spec";
// withDropout now lives with the other spec variants in lib/models/zoo; exercise 7 is what uses it.
import { alexnetSpec, lenetSpec, specByName, withDropout } from "../lib/models/zoo";

const types = (spec: NetworkSpec) => spec.layers.map((l) => (l.type === "dropout" ? `dropout ${l.rate}` : l.type));

test("withDropout puts dropout after each hidden dense layer's activation, and nowhere else", () => {
  const lenet = lenetSpec();
  const before = JSON.stringify(lenet);
  const dropped = withDropout(lenet, 0.5);
  assert.deepEqual(types(dropped), [
    "conv2d",
    "sigmoid",
    "avgpool2d",
    "conv2d",
    "sigmoid",
    "avgpool2d",
    "flatten",
    "dense",
    "sigmoid",
    "dropout 0.5",
    "dense",
    "sigmoid",
    "dropout 0.5",
    "dense",
  ]);
  assert.equal(JSON.stringify(lenet), before, "the spec passed in is left as it was");
  assert.equal(countCosts(dropped).params, countCosts(lenet).params, "dropout adds no weights");

  const relu = withDropout(specByName("lenet-relu"), 0.25);
  assert.deepEqual(
    types(relu).filter((t) => t.startsWith("dropout")),
    ["dropout 0.25", "dropout 0.25"],
  );
  assert.deepEqual(types(relu).slice(7, 10), ["dense", "relu", "dropout 0.25"]);
});

test("withDropout sets the rate of a network that already has dropout instead of stacking more", () => {
  const alexnet = alexnetSpec({ size: 68 });
  const dropped = withDropout(alexnet, 0.3);
  assert.equal(dropped.layers.length, alexnet.layers.length);
  assert.deepEqual(
    types(dropped),
    types(alexnet).map((t) => (t === "dropout 0.5" ? "dropout 0.3" : t)),
  );
  assert.deepEqual(withDropout(alexnet, 0.5), alexnet, "the same rate gives back the same network");
});

test("sgdSteps counts one step per batch, a last partial batch included", () => {
  assert.deepEqual(D2L_LENET, { trainImages: 60_000, epochs: 10, batchSize: 128, lr: 0.1 });
  // 60,000 / 128 = 468.75: 469 batches an epoch.
  assert.equal(sgdSteps(D2L_LENET), 4_690);
  // 10,000 / 64 = 156.25: 157 batches an epoch.
  assert.equal(sgdSteps({ trainImages: 10_000, epochs: 20, batchSize: 64 }), 3_140);
  assert.equal(sgdSteps({ trainImages: 128, epochs: 3, batchSize: 128 }), 3);
  assert.equal(sgdSteps({ trainImages: 129, epochs: 3, batchSize: 128 }), 6);
  assert.equal(sgdSteps({ trainImages: 640, epochs: 0, batchSize: 64 }), 0);
});
