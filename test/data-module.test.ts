import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import {
  FASHION_MNIST_CLASSES,
  composeAugmentations,
  fashionMnist,
  fashionMnistFrom,
  loadFashionMnist,
  oneHot,
  randomCrop,
  randomHorizontalFlip,
  textLabels,
  type Batch,
  type FashionMnistOptions,
  type RawFashionMnist,
  type TrainingData,
} from "../lib/data";
import { tf } from "../lib/tf";
import { FIRST_TRAIN_LABELS, FIRST_VAL_LABELS, FIXTURE_DIR, FIXTURE_TRAIN, FIXTURE_VAL } from "./data-helpers";

let raw: RawFashionMnist;
before(async () => {
  await initBackend({ log: () => {} });
  raw = await loadFashionMnist({ dir: FIXTURE_DIR, log: () => {} });
});

const data = (options: FashionMnistOptions = {}) => fashionMnistFrom(raw, options);

/** Takes every batch of an iterator, keeping only what `keep` extracts, disposing the tensors. */
function collect<T>(batches: Iterable<Batch>, keep: (batch: Batch) => T): T[] {
  const kept: T[] = [];
  for (const batch of batches) {
    kept.push(keep(batch));
    tf.dispose([batch.x, batch.y]);
  }
  return kept;
}
const labelsOf = (batches: Iterable<Batch>) => collect(batches, (b) => Array.from(b.y.dataSync())).flat();

/** The raw image `index` of a split scaled to [0, 1]. */
const rawImage = (split: "train" | "val", index: number) =>
  Array.from(raw[split].images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);

test("class names and labels like d2l's text_labels; one-hot for softmaxCrossEntropy", () => {
  assert.deepEqual(FASHION_MNIST_CLASSES, [
    "t-shirt",
    "trouser",
    "pullover",
    "dress",
    "coat",
    "sandal",
    "shirt",
    "sneaker",
    "bag",
    "ankle boot",
  ]);
  assert.deepEqual(textLabels([9, 0, 3]), ["ankle boot", "t-shirt", "dress"]);
  assert.throws(() => textLabels([10]), /10 is not a Fashion-MNIST class index/);
  const y = tf.tensor1d([2, 0], "int32");
  const hot = oneHot(y);
  assert.equal(hot.dtype, "float32");
  assert.deepEqual(hot.arraySync(), [
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  ]);
  tf.dispose([y, hot]);
});

test("validation batches: NHWC float32 in [0, 1], int32 labels, file order, last batch partial", async () => {
  const module: TrainingData = await fashionMnist({ dir: FIXTURE_DIR, log: () => {} });
  assert.equal(module.batchSize, 64);
  assert.equal(module.trainSize, FIXTURE_TRAIN);
  assert.equal(module.valSize, FIXTURE_VAL);
  assert.equal(module.numClasses, 10);
  const shapes: number[][] = [];
  let first: { x: number[]; y: number[] } | undefined;
  for (const { x, y } of module.valBatches()) {
    assert.equal(x.dtype, "float32");
    assert.equal(y.dtype, "int32");
    shapes.push(x.shape);
    first ??= { x: Array.from(x.dataSync().subarray(0, 784)), y: Array.from(y.dataSync()) };
    tf.dispose([x, y]);
  }
  assert.equal(shapes.length, Math.ceil(FIXTURE_VAL / 64));
  assert.deepEqual(shapes[0], [64, 28, 28, 1]);
  assert.deepEqual(shapes.at(-1), [FIXTURE_VAL % 64, 28, 28, 1]);
  assert.deepEqual(first!.y.slice(0, 20), FIRST_VAL_LABELS);
  for (const [i, v] of first!.x.entries()) assert.ok(Math.abs(v - rawImage("val", 0)[i]) < 1e-7);
});

test("resize: batches come at the requested size, values still in [0, 1] (torchvision parity is in data-resize)", () => {
  const module = data({ resize: 224, batchSize: 8, trainSubset: 8, shuffle: false });
  assert.deepEqual(module.imageSize, [224, 224]);
  const [batch] = module.trainBatches(1);
  assert.deepEqual(batch.x.shape, [8, 224, 224, 1]);
  const values = batch.x.dataSync();
  assert.ok(values.every((v) => v >= 0 && v <= 1));
  // Σ 255·x of image 0: torchvision's value (see data-resize.test.ts).
  assert.equal(Math.round(Array.from(values.subarray(0, 224 * 224)).reduce((a, b) => a + b * 255, 0)), 4881392);
  assert.deepEqual(Array.from(batch.y.dataSync()), FIRST_TRAIN_LABELS.slice(0, 8));
  tf.dispose([batch.x, batch.y]);
  assert.deepEqual(data({ resize: [40, 30] }).imageSize, [40, 30]);
  assert.throws(() => data({ resize: 20 }), /resize 20 is not supported: use whole numbers ≥ 28/);
});

test("seeded shuffling: same seed and epoch, same order; another epoch or seed, another order; always a permutation", () => {
  const module = data({ batchSize: 100 });
  const epoch1 = module.order("train", 1);
  assert.deepEqual(data({ batchSize: 100 }).order("train", 1), epoch1);
  assert.deepEqual(data({ batchSize: 100, seed: 0 }).order("train", 1), epoch1, "seed 0 is the default");
  assert.notDeepEqual(module.order("train", 2), epoch1);
  assert.notDeepEqual(data({ seed: 1 }).order("train", 1), epoch1);
  assert.deepEqual(
    Array.from(epoch1).sort((a, b) => a - b),
    Array.from({ length: FIXTURE_TRAIN }, (_, i) => i),
  );
  // Batches follow that order.
  const labels = labelsOf(module.trainBatches(1));
  assert.deepEqual(
    labels,
    Array.from(epoch1, (i) => raw.train.labels[i]),
  );
  const [batch] = module.trainBatches(1);
  for (const [i, v] of batch.x.dataSync().subarray(0, 784).entries())
    assert.ok(Math.abs(v - rawImage("train", epoch1[0])[i]) < 1e-7);
  tf.dispose([batch.x, batch.y]);
  // Without shuffling, and for validation, file order.
  assert.deepEqual(data({ shuffle: false }).order("train", 3), data().indices("train"));
  assert.deepEqual(module.order("val", 2), module.indices("val"));
});

test("subsets: first N or seeded random N, separately for train and val", () => {
  const first = data({ trainSubset: 100, valSubset: { first: 30 } });
  assert.equal(first.trainSize, 100);
  assert.equal(first.valSize, 30);
  assert.deepEqual(
    Array.from(first.indices("train")),
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.deepEqual(labelsOf(first.valBatches()), Array.from(raw.val.labels.subarray(0, 30)));

  const random = data({ trainSubset: { random: 100, seed: 3 }, valSubset: { random: 50 } });
  const picked = Array.from(random.indices("train"));
  assert.equal(new Set(picked).size, 100);
  assert.ok(
    picked.every((i, k) => i >= 0 && i < FIXTURE_TRAIN && (k === 0 || i > picked[k - 1])),
    "distinct, ascending, in range",
  );
  assert.notDeepEqual(
    picked,
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.deepEqual(
    Array.from(data({ trainSubset: { random: 100, seed: 3 } }).indices("train")),
    picked,
    "same seed, same subset",
  );
  assert.notDeepEqual(Array.from(data({ trainSubset: { random: 100, seed: 4 } }).indices("train")), picked);
  // A random subset without its own seed follows the module's seed.
  assert.notDeepEqual(
    Array.from(data({ seed: 9, valSubset: { random: 50 } }).indices("val")),
    Array.from(random.indices("val")),
  );
  assert.equal(random.valSize, 50);
  assert.equal(labelsOf(random.trainBatches(2)).length, 100);

  assert.throws(
    () => data({ trainSubset: FIXTURE_TRAIN + 1 }),
    /train subset asks for 2001 images but the split has only 2000/,
  );
  assert.throws(() => data({ valSubset: 0 }), /val subset must be a positive whole number of images, got 0/);
});

test("normalisation is applied after scaling to [0, 1]", () => {
  const [batch] = data({ normalize: { mean: 0.5, std: 0.25 }, valSubset: 1 }).valBatches();
  for (const [i, v] of batch.x.dataSync().entries())
    assert.ok(Math.abs(v - (rawImage("val", 0)[i] - 0.5) / 0.25) < 1e-6);
  tf.dispose([batch.x, batch.y]);
  assert.throws(() => data({ normalize: { mean: 0, std: 0 } }), /normalize needs a finite mean and a std > 0/);
  assert.throws(() => data({ batchSize: 0 }), /batchSize must be a positive whole number, got 0/);
});

test("augmentation: seeded flips and pad-and-crop on training batches only", () => {
  const firstBatch = (options: FashionMnistOptions, epoch = 1) => {
    const [batch] = data({ trainSubset: 6, batchSize: 6, shuffle: false, ...options }).trainBatches(epoch);
    const values = Array.from(batch.x.dataSync());
    tf.dispose([batch.x, batch.y]);
    return values;
  };
  const plain = firstBatch({});
  const flipped = firstBatch({ augment: randomHorizontalFlip(1) });
  for (let i = 0; i < 6 * 28; i++) {
    const row = plain.slice(i * 28, (i + 1) * 28);
    assert.deepEqual(flipped.slice(i * 28, (i + 1) * 28), row.reverse());
  }

  const crop = { augment: randomCrop(3) };
  const cropped = firstBatch(crop);
  assert.deepEqual(firstBatch(crop), cropped, "same seed, epoch and batch: same crops");
  assert.notDeepEqual(firstBatch(crop, 2), cropped, "another epoch: other crops");
  assert.notDeepEqual(cropped, plain, "some image moved");
  // Each cropped image is the original shifted by (dy, dx) ∈ [-3, 3]², zeros shifted in.
  for (let image = 0; image < 6; image++) {
    const original = plain.slice(image * 784, (image + 1) * 784);
    const result = cropped.slice(image * 784, (image + 1) * 784);
    const shifted = (dy: number, dx: number) =>
      Array.from({ length: 784 }, (_, k) => {
        const [y, x] = [Math.floor(k / 28) + dy, (k % 28) + dx];
        return y >= 0 && y < 28 && x >= 0 && x < 28 ? original[y * 28 + x] : 0;
      });
    const offsets = [-3, -2, -1, 0, 1, 2, 3];
    assert.ok(
      offsets.some((dy) => offsets.some((dx) => shifted(dy, dx).every((v, k) => v === result[k]))),
      `image ${image} is a shifted crop`,
    );
  }

  const both = data({
    augment: composeAugmentations(randomCrop(2), randomHorizontalFlip()),
    valSubset: 6,
    batchSize: 6,
  });
  const [val] = both.valBatches();
  assert.deepEqual(
    Array.from(val.x.dataSync()),
    Array.from({ length: 6 }, (_, i) => rawImage("val", i))
      .flat()
      .map((v) => Math.fround(v)),
    "validation is not augmented",
  );
  tf.dispose([val.x, val.y]);
});

test("no tensor leak: an epoch of training and validation batches, disposed, leaves tf.memory() as it was", () => {
  const module = data({
    resize: 32,
    batchSize: 256,
    augment: composeAugmentations(randomCrop(2), randomHorizontalFlip()),
    normalize: { mean: 0.29, std: 0.35 },
  });
  const before = tf.memory().numTensors;
  const counts = collect(module.trainBatches(1), (b) => b.y.shape[0]).concat(
    collect(module.valBatches(), (b) => b.y.shape[0]),
  );
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    FIXTURE_TRAIN + FIXTURE_VAL,
  );
  // Stopping early leaks nothing either: no batch exists before it is asked for.
  for (const batch of module.trainBatches(2)) {
    tf.dispose([batch.x, batch.y]);
    break;
  }
  assert.equal(tf.memory().numTensors, before);
});

test("describe() and info say what a run used", () => {
  const module = data({ resize: 64, batchSize: 128, trainSubset: { random: 500, seed: 1 } });
  assert.equal(module.info.origin, "option");
  assert.equal(module.info.trainSize, 500);
  assert.deepEqual(module.info.trainSubset, { random: 500, seed: 1 });
  assert.equal(
    module.describe(),
    `Fashion-MNIST from ${FIXTURE_DIR} (option): 500 training / ${FIXTURE_VAL} validation images, 64×64, batch 128, seed 0`,
  );
});
