import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { initBackend } from "../lib/backend";
import { buildModel } from "../lib/models/build";
import { lenetSpec, specByName } from "../lib/models/zoo";
import { tf } from "../lib/tf";
import type { Batch, TrainingData } from "../lib/data/training-data";
import type { EpochRecord } from "../lib/train/history";
import { crossEntropy } from "../lib/train/metrics";
import type { ProgressReporter } from "../lib/train/progress";
import { fit } from "../lib/train/trainer";

before(async () => {
  await initBackend({ log: () => {} });
});

/** Random 28×28 images whose class is encoded in their mean brightness: learnable in a few steps. */
function syntheticData(trainSize: number, valSize: number, batchSize: number): TrainingData {
  const make = (n: number, seed: number): Batch[] => {
    const batches: Batch[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const labels = Array.from({ length: count }, (_, i) => (start + i + seed) % 10);
      batches.push({
        x: tf.tidy(
          () =>
            tf.add(
              tf.mul(tf.randomUniform([count, 28, 28, 1], 0, 0.2, "float32", seed + start), 1),
              tf.reshape(tf.div(tf.tensor1d(labels), 10), [count, 1, 1, 1]),
            ) as tf.Tensor4D,
        ),
        y: tf.tensor1d(labels, "int32"),
      });
    }
    return batches;
  };
  // Hand out copies, lazily like lib/data: the Trainer disposes what it is given.
  function* copies(batches: Batch[]): Generator<Batch> {
    for (const { x, y } of batches) yield { x: tf.clone(x), y: tf.clone(y) };
  }
  const train = make(trainSize, 0);
  const val = make(valSize, 1);
  return {
    trainBatches: () => copies(train),
    valBatches: () => copies(val),
    trainSize,
    valSize,
    batchSize,
    numClasses: 10,
    dispose: () => tf.dispose([...train, ...val].flatMap((b) => [b.x, b.y])),
  } as TrainingData & { dispose(): void };
}

function recordingProgress(): ProgressReporter & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    start: (plan) => calls.push(`start ${plan.epochs}x${plan.batchesPerEpoch}`),
    batch: ({ epoch, batch }) => calls.push(`batch ${epoch}.${batch}`),
    epoch: (r: EpochRecord) => calls.push(`epoch ${r.epoch}`),
    end: (r) => calls.push(`end ${r.stopped ? "stopped" : "done"}`),
  };
}

describe("fit", () => {
  test("learns, records every field per epoch, and reports progress", async () => {
    const data = syntheticData(256, 128, 64) as TrainingData & { dispose(): void };
    const model = buildModel(specByName("lenet-relu"), { seed: 1 });
    const progress = recordingProgress();
    const { history, stopped } = await fit(model, data, { epochs: 3, lr: 0.1, progress });
    assert.equal(stopped, undefined);
    assert.equal(history.length, 3);
    for (const r of history) {
      for (const key of [
        "trainLoss",
        "trainAccuracy",
        "valLoss",
        "valAccuracy",
        "trainImages",
        "trainSeconds",
        "seconds",
        "peakTensorBytes",
        "maxRssBytes",
      ] as const) {
        assert.ok(Number.isFinite(r[key]) && r[key] >= 0, `${key} = ${r[key]}`);
      }
      assert.ok(r.peakTensorBytes > model.countParams() * 4, "peak memory includes at least the weights");
    }
    assert.ok(history[2].trainLoss < history[0].trainLoss, "training loss falls");
    assert.deepEqual(progress.calls.slice(0, 2), ["start 3x4", "batch 1.1"]);
    assert.equal(progress.calls.filter((c) => c.startsWith("epoch")).length, 3);
    assert.equal(progress.calls.at(-1), "end done");
    model.dispose();
    data.dispose();
  });

  test("leaks no tensors across epochs", async () => {
    const data = syntheticData(128, 64, 64) as TrainingData & { dispose(): void };
    const model = buildModel(lenetSpec(), { seed: 2 });
    const quiet = recordingProgress();
    await fit(model, data, { epochs: 1, lr: 0.1, progress: quiet });
    const after1 = tf.memory().numTensors;
    await fit(model, data, { epochs: 3, lr: 0.1, progress: quiet });
    assert.equal(tf.memory().numTensors, after1);
    model.dispose();
    data.dispose();
  });

  test("a diverging loss stops training with the history so far instead of throwing", async () => {
    const data = syntheticData(256, 64, 64) as TrainingData & { dispose(): void };
    const model = buildModel(specByName("lenet-relu"), { seed: 3 });
    const progress = recordingProgress();
    const before = tf.memory().numTensors;
    const { history, stopped } = await fit(model, data, { epochs: 20, lr: 1e6, progress });
    assert.match(
      stopped ?? "",
      /^loss became (NaN|Infinity) at epoch \d+, batch \d+ \(lr 1000000\); training stopped$/,
    );
    assert.ok(history.length < 20);
    assert.equal(progress.calls.at(-1), "end stopped");
    assert.equal(tf.memory().numTensors, before, "no tensors left behind by the interrupted epoch");
    model.dispose();
    data.dispose();
  });

  test("bad options are rejected before training", async () => {
    const data = syntheticData(64, 64, 64) as TrainingData & { dispose(): void };
    const model = buildModel(lenetSpec());
    await assert.rejects(fit(model, data, { epochs: 0, lr: 0.1 }), /epochs must be a positive integer, got 0/);
    await assert.rejects(fit(model, data, { epochs: 1, lr: -1 }), /learning rate must be a positive number, got -1/);
    model.dispose();
    data.dispose();
  });
});

test("crossEntropy equals -log softmax at the label (PyTorch's F.cross_entropy)", () => {
  const logits = tf.tensor2d([
    [1, 2, 3],
    [0, 0, 0],
  ]);
  const labels = tf.tensor1d([2, 0], "int32");
  const value = crossEntropy(logits, labels).dataSync()[0];
  const expected = (-Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))) + Math.log(3)) / 2;
  assert.ok(Math.abs(value - expected) < 1e-6, `${value} vs ${expected}`);
  tf.dispose([logits, labels]);
});
