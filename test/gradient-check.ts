/**
 * Checks shared by the backends' kernel tests: gradients and training steps
 * compared with the pure-JS cpu backend's, over one table of convolution
 * configurations (AlexNet's and LeNet's layers, strides, paddings).
 */
import { envInteger } from "../lib/env";
import assert from "node:assert/strict";
import "@tensorflow/tfjs-backend-cpu";
import { buildModel } from "../lib/models/build";
import type { NetworkSpec } from "../lib/models/spec";
import { tf } from "../lib/tf";

const TOLERANCE = 1e-4;
/** Fixed, so a failure replays; D2L_TEST_SEED tries another. */
export const seed = envInteger("D2L_TEST_SEED", { min: 0, max: 2 ** 32 - 1, fallback: 20261201 });
let state = seed;

/** Uniform in [-1, 1), from a seed printed with any failure so it can be replayed. */
export function random(size: number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

/** max |a − b| / max |b|: relative to the gradient's scale, so tiny entries cannot blow it up. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  assert.equal(actual.length, expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

export function assertClose(actual: Float32Array[], expected: Float32Array[], what: string): void {
  actual.forEach((a, i) => {
    const error = relativeError(a, expected[i]);
    assert.ok(error < TOLERANCE, `${what}, gradient ${i}: relative error ${error.toExponential(2)} (seed ${seed})`);
  });
}

export const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Gradients of Σ f(inputs)·r for a fixed random r, on one backend. */
async function gradients(
  backend: string,
  shapes: number[][],
  values: Float32Array[],
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  upstream: Float32Array,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const inputs = shapes.map((shape, i) => tf.tensor(values[i], shape));
  const grads = tf.tidy(() => {
    const loss = (...xs: tf.Tensor[]) => {
      const y = f(...xs);
      return tf.sum(tf.mul(y, tf.tensor(upstream, y.shape)));
    };
    return tf.grads(loss)(inputs);
  });
  const result = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose([...inputs, ...grads]);
  return result;
}

/** Compares the gradients of `f` on `backend` (the one under test) with the cpu backend's. */
export async function compareGradients(
  what: string,
  shapes: number[][],
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  backend = "wasm",
): Promise<void> {
  const values = shapes.map((shape) => random(size(shape)));
  await tf.setBackend("cpu");
  const outShape = tf.tidy(() => f(...shapes.map((s, i) => tf.tensor(values[i], s))).shape);
  const upstream = random(size(outShape));
  const expected = await gradients("cpu", shapes, values, f, upstream);
  const actual = await gradients(backend, shapes, values, f, upstream);
  assertClose(actual, expected, what);
}

type Pad = "valid" | "same" | number[][];
export interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: Pad;
}

const explicit = (top: number, bottom: number, left: number, right: number): number[][] => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

// AlexNet's and LeNet's layers (channels and kernels as in d2l, spatial size reduced), plus strides and paddings around them.
/** Every combination of transposes a dense layer's forward pass and gradients use, as [transposeA, transposeB]. */
export const MATMUL_TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** a·b with the given transposes, shapes chosen so every product is 17×40 through 96. */
export function matMulCase([transposeA, transposeB]: [boolean, boolean]) {
  return {
    shapes: [transposeA ? [96, 17] : [17, 96], transposeB ? [40, 96] : [96, 40]],
    f: (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, transposeA, transposeB),
  };
}

export const CONV_CASES: ConvCase[] = [
  {
    name: "AlexNet conv1 11×11/4 pad 1",
    x: [2, 39, 39, 1],
    filter: [11, 11, 1, 96],
    stride: 4,
    pad: explicit(1, 1, 1, 1),
  },
  { name: "AlexNet conv2 5×5 pad 2", x: [2, 6, 6, 96], filter: [5, 5, 96, 256], stride: 1, pad: explicit(2, 2, 2, 2) },
  {
    name: "AlexNet conv3 3×3 pad 1",
    x: [2, 4, 4, 256],
    filter: [3, 3, 256, 384],
    stride: 1,
    pad: explicit(1, 1, 1, 1),
  },
  {
    name: "AlexNet conv4 3×3 pad 1",
    x: [1, 4, 4, 384],
    filter: [3, 3, 384, 384],
    stride: 1,
    pad: explicit(1, 1, 1, 1),
  },
  { name: "AlexNet conv5 3×3 pad 1", x: [2, 4, 4, 384], filter: [3, 3, 384, 256], stride: 1, pad: "same" },
  // Output images of 2×2 to 3×3 pixels run on native as im2col and one matrix product.
  {
    name: "AlexNet@68 conv4 on its 3×3 image",
    x: [2, 3, 3, 384],
    filter: [3, 3, 384, 384],
    stride: 1,
    pad: explicit(1, 1, 1, 1),
  },
  {
    name: "2×2 output, stride 2, asymmetric padding, rectangular filter",
    x: [3, 5, 4, 6],
    filter: [3, 2, 6, 8],
    stride: 2,
    pad: explicit(1, 0, 0, 1),
  },
  { name: "LeNet conv1 5×5 pad 2", x: [4, 28, 28, 1], filter: [5, 5, 1, 6], stride: 1, pad: explicit(2, 2, 2, 2) },
  { name: "LeNet conv2 5×5", x: [4, 14, 14, 6], filter: [5, 5, 6, 16], stride: 1, pad: "valid" },
  { name: "stride 2 valid, ignored trailing row", x: [3, 12, 11, 5], filter: [3, 3, 5, 7], stride: 2, pad: "valid" },
  { name: "stride 2 same", x: [1, 10, 9, 4], filter: [3, 3, 4, 6], stride: 2, pad: "same" },
  { name: "stride 4 valid, 3 channels", x: [2, 23, 23, 3], filter: [5, 5, 3, 8], stride: 4, pad: "valid" },
  { name: "stride 4 same, 8 channels", x: [2, 21, 22, 8], filter: [7, 7, 8, 5], stride: 4, pad: "same" },
  {
    name: "asymmetric explicit padding",
    x: [3, 10, 11, 5],
    filter: [5, 5, 5, 7],
    stride: 1,
    pad: explicit(2, 1, 0, 3),
  },
  {
    name: "stride 2, padding larger than kernel − 1",
    x: [2, 8, 8, 3],
    filter: [2, 2, 3, 4],
    stride: 2,
    pad: explicit(2, 2, 2, 2),
  },
];

/** A small net with every layer type the project's models train (dropout left out: its mask is random). */
export const SMALL_NET: NetworkSpec = {
  name: "small",
  input: [1, 20, 20],
  layers: [
    { type: "conv2d", filters: 6, kernel: 5, stride: 2, padding: 1 },
    { type: "relu" },
    { type: "maxpool2d", kernel: 3, stride: 2 },
    { type: "conv2d", filters: 8, kernel: 3, padding: 1 },
    { type: "sigmoid" },
    { type: "avgpool2d", kernel: 2, stride: 2 },
    { type: "flatten" },
    { type: "dense", units: 12 },
    { type: "relu" },
    { type: "dense", units: 10 },
  ],
};

function sgdStep(model: ReturnType<typeof buildModel>, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): void {
  const loss = optimizer.minimize(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor),
    true,
  );
  loss?.dispose();
}

export async function trainSmallNet(
  backend: string,
  xs: Float32Array,
  labels: number[],
  steps: number,
  afterStep?: (step: number) => void,
  makeOptimizer: () => tf.Optimizer = () => tf.train.sgd(0.1),
) {
  await tf.setBackend(backend);
  const model = buildModel(SMALL_NET, { seed: 7 });
  const optimizer = makeOptimizer();
  const x = tf.tensor4d(xs, [labels.length, 20, 20, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, "int32"), 10);
  for (let step = 0; step < steps; step++) {
    sgdStep(model, optimizer, x, y);
    afterStep?.(step);
  }
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return weights;
}
