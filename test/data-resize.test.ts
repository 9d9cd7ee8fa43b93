/**
 * Resizing parity with d2l's pipeline: torchvision `Resize((h, w))` then
 * `ToTensor()` on the Fashion-MNIST PIL image (mode "L").
 *
 * Reference numbers were computed once with Debian's python3-torchvision
 * 0.14.1 / python3-pil 9.4.0 / python3-torch 1.13.1 on the first 8 training
 * images of the real data set:
 *   t = transforms.Compose([transforms.Resize((h, w)), transforms.ToTensor()])
 *   k = round(255 * t(Image.fromarray(img, mode="L")))   # ToTensor gives k/255 exactly
 * and are copied below: per image Σk and Σk·(flat index mod 1000), plus
 * single pixels of image 0. Over the first 200 images, the whole outputs were
 * also compared element by element: identical at 224², 112², 68², 64², 32²,
 * 28×224; at sizes whose scale factor makes Pillow's 22-bit fixed-point
 * weights decide exact .5 ties (96², 227², 65², 29², 100×50) 0.1–1.1 % of the
 * values differ by 1/255 (at most 2/255).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { initBackend } from "../lib/backend";
import { readIdxImages, resizeLikeTorchvision } from "../lib/data";
import { tf } from "../lib/tf";
import { join } from "node:path";
import { FIXTURE_DIR } from "./data-helpers";

const REFERENCE: Record<string, { sums: number[]; weighted: number[] }> = {
  "224x224": {
    sums: [4881392, 5415560, 1835420, 2987532, 3916848, 5388452, 2082640, 7373092],
    weighted: [2444003944, 2702861152, 912924284, 1488834288, 1956914448, 2688734304, 1045887424, 3680074832],
  },
  "68x68": {
    sums: [450277, 499044, 169166, 275319, 360919, 496716, 192427, 679651],
    weighted: [229368275, 244946655, 80730742, 130852724, 178437700, 246442973, 104435417, 337204780],
  },
  "96x96": {
    sums: [895957, 994571, 336988, 548441, 719479, 989202, 382026, 1353922],
    weighted: [449713605, 495627813, 168073433, 274653828, 362612082, 489352910, 197095360, 676106141],
  },
};
/** Image 0 at 224×224, row 150, columns 100..123, and row 117, columns 16..39 (values × 255). */
const ROW_150 = [
  227, 214, 201, 188, 175, 163, 150, 137, 130, 129, 128, 128, 126, 126, 125, 124, 129, 138, 147, 156, 166, 175, 184,
  193,
];
const ROW_117 = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5];

function firstImages(count: number): tf.Tensor4D {
  const { pixels } = readIdxImages(join(FIXTURE_DIR, "train-images-idx3-ubyte.gz"));
  return tf.tensor4d(Float32Array.from(pixels.subarray(0, count * 784)), [count, 28, 28, 1]);
}

/** Resized like d2l, as integers k = 255·value, per image. */
function resizedLevels(height: number, width: number): number[][] {
  const images = firstImages(8);
  const resized = resizeLikeTorchvision(images, [height, width]);
  const values = resized.dataSync();
  tf.dispose([images, resized]);
  const perImage = height * width;
  return Array.from({ length: 8 }, (_, i) => Array.from(values.subarray(i * perImage, (i + 1) * perImage)));
}

function sums(levels: number[][]): { sums: number[]; weighted: number[] } {
  return {
    sums: levels.map((image) => image.reduce((a, b) => a + b, 0)),
    weighted: levels.map((image) => image.reduce((a, k, i) => a + k * (i % 1000), 0)),
  };
}

test("resizes to the requested shape with whole levels 0..255", async () => {
  await initBackend({ log: () => {} });
  const images = firstImages(3);
  const resized = resizeLikeTorchvision(images, [100, 50]);
  assert.deepEqual(resized.shape, [3, 100, 50, 1]);
  const values = resized.dataSync();
  assert.ok(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  assert.throws(
    () => resizeLikeTorchvision(images, [14, 14]),
    /cannot shrink 28×28 images to 14×14: torchvision antialiases/,
  );
  tf.dispose([images, resized]);
});

for (const backend of ["default", "cpu"] as const) {
  test(`matches torchvision exactly at d2l's 224×224 and at 68×68 (${backend} backend)`, async () => {
    await initBackend({ log: () => {} });
    const previous = tf.getBackend();
    if (backend === "cpu") {
      require("@tensorflow/tfjs-backend-cpu");
      await tf.setBackend("cpu");
    }
    try {
      const at224 = resizedLevels(224, 224);
      assert.deepEqual(sums(at224), REFERENCE["224x224"]);
      assert.deepEqual(at224[0].slice(150 * 224 + 100, 150 * 224 + 124), ROW_150);
      assert.deepEqual(at224[0].slice(117 * 224 + 16, 117 * 224 + 40), ROW_117);
      assert.equal(at224[0][112 * 224 + 112], 226);
      assert.deepEqual(sums(resizedLevels(68, 68)), REFERENCE["68x68"]);
    } finally {
      await tf.setBackend(previous);
    }
  });
}

test("at 96×96 (Pillow's fixed-point ties) it stays within a few levels of torchvision in total", async () => {
  await initBackend({ log: () => {} });
  const ours = sums(resizedLevels(96, 96));
  REFERENCE["96x96"].sums.forEach((reference, i) => {
    // 9,216 values per image, about 1 % off by one level: a sum differs by far less than 1 level per 100 values.
    assert.ok(Math.abs(ours.sums[i] - reference) < 92, `image ${i}: Σk ${ours.sums[i]} vs torchvision ${reference}`);
  });
});
