import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { lenetSpec, alexnetSpec } from "../lib/models/zoo";
import { tf } from "../lib/tf";
import { runExperiment } from "../lib/runs/experiment";
import { silentProgress } from "../lib/train/progress";

before(async () => {
  await initBackend({ log: () => {} });
});

test("runExperiment trains a spec on real data and returns its history with counted costs", async () => {
  const before = tf.memory().numTensors;
  const result = await runExperiment({
    spec: lenetSpec(),
    data: { trainSubset: 256, valSubset: 128, batchSize: 64 },
    epochs: 2,
    lr: 0.1,
    progress: silentProgress,
  });
  assert.equal(result.history.length, 2);
  assert.equal(result.final, result.history[1]);
  assert.equal(result.params, 61_706);
  assert.equal(result.flopsPerImage, 833_040);
  assert.deepEqual([result.trainSize, result.valSize], [256, 128]);
  assert.equal(tf.memory().numTensors, before, "the model is disposed after the run");
});

test("runExperiment refuses a spec Fashion-MNIST cannot feed", async () => {
  await assert.rejects(
    runExperiment({ spec: alexnetSpec({ channels: 3, size: 68 }), epochs: 1, lr: 0.01 }),
    /AlexNet: Fashion-MNIST has 1 channel but the spec's input has 3/,
  );
});
