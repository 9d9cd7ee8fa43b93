/**
 * The native backend's oneDNN kernels compute what the pure-JS cpu backend
 * computes (relative error < 1e-4) over the same configurations as the wasm
 * kernels' test, train a small net to the same weights, hold memory flat
 * across steps, keep their primitive cache bounded, and turn bad input into
 * errors rather than crashes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { prepareNativeBackend } from "../lib/backend/native";
import {
  ACTIVATION_CODES,
  CONV_AS_PRODUCT_MAX_PIXELS,
  loadAddon,
  readStatus,
  requestedNativeThreads,
} from "../lib/backend/native/addon";
import { fmaPeakFlops } from "../lib/profile/machine-probes";
import { measureMatmulFlops } from "../lib/profile/probe";
import { callReplaced } from "../lib/backend/native/kernels/heap";
import { wasmHeapBytes, type WasmBackend } from "../lib/backend/wasm/kernel-scope";
import { tf } from "../lib/tf";
import {
  assertClose,
  compareGradients,
  CONV_CASES,
  MATMUL_TRANSPOSES,
  matMulCase,
  random,
  seed,
  size,
  trainSmallNet,
} from "./gradient-check";

// Native kernels replace wasm's under the tfjs backend name "wasm".
const NATIVE = "wasm";

before(async () => {
  const status = readStatus();
  assert.ok(status?.built, `set-up did not build the native addon: ${status?.reason ?? "no build status"}`);
  const info = await prepareNativeBackend();
  assert.match(info.detail, /^oneDNN \d+\.\d+\.\d+, \w+$/);
  console.log(`native kernels: ${info.detail}, ${info.threads} thread(s); random inputs from seed ${seed}`);
});

const isNaN32 = (bits: number) => (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;

/** Forward outputs of `f` on native and cpu. */
async function compareForward(what: string, shapes: number[][], f: (...xs: tf.Tensor[]) => tf.Tensor): Promise<void> {
  const values = shapes.map((shape) => random(size(shape)));
  const outputs: Float32Array[] = [];
  for (const backend of ["cpu", NATIVE]) {
    await tf.setBackend(backend);
    const y = tf.tidy(() => f(...shapes.map((s, i) => tf.tensor(values[i], s))));
    outputs.push(y.dataSync() as Float32Array);
    y.dispose();
  }
  assertClose([outputs[1]], [outputs[0]], what);
}

describe("native convolutions equal the cpu backend's", () => {
  // With the measured bound set, the 2×2 and 3×3 output images below run as one matrix product.
  let bound = 0;
  before(() => {
    bound = loadAddon().setConvAsProduct({ maxPixels: CONV_AS_PRODUCT_MAX_PIXELS });
  });
  after(() => loadAddon().setConvAsProduct({ maxPixels: bound }));
  for (const c of CONV_CASES) {
    it(`${c.name}: forward and both gradients`, async () => {
      const conv = (x: tf.Tensor, w: tf.Tensor) =>
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad as tf.backend_util.ExplicitPadding);
      await compareForward(c.name, [c.x, c.filter], conv);
      await compareGradients(c.name, [c.x, c.filter], conv, NATIVE);
    });
  }

  for (const [height, width] of [
    [11, 12],
    [3, 3],
  ]) {
    it(`dilation 2 on a ${height}×${width} image (forward; tfjs has no dilated conv gradient)`, async () => {
      await compareForward(
        "dilated conv",
        [
          [2, height, width, 3],
          [3, 3, 3, 5],
        ],
        (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "same", "NHWC", 2),
      );
    });
  }

  for (const [activation, size] of [
    ["linear", 9],
    ["relu", 9],
    ["sigmoid", 9],
    ["elu", 9],
    ["relu6", 9],
    ["leakyrelu", 9],
    ["relu", 5],
    ["leakyrelu", 5],
  ] as const) {
    it(`fused conv + bias + ${activation} to a ${Math.ceil(size / 2)}×${Math.ceil(size / 2)} image: forward and gradients`, async () => {
      const fused = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: w as tf.Tensor4D,
          bias: b,
          strides: 2,
          pad: "same",
          activation,
          leakyreluAlpha: 0.1,
        });
      const shapes = [[2, size, size, 4], [3, 3, 4, 8], [8]];
      await compareForward(`fused conv ${activation}`, shapes, fused);
      await compareGradients(`fused conv ${activation}`, shapes, fused, NATIVE);
    });
  }
});

/** The addon's geometry of a stride-1 convolution on square images with a k×k filter and `pad` on every side. */
function squareConv(n: number, size: number, ic: number, oc: number, k: number, pad: number) {
  const out = size + 2 * pad - k + 1;
  return {
    n,
    ih: size,
    iw: size,
    ic,
    oh: out,
    ow: out,
    oc,
    kh: k,
    kw: k,
    sh: 1,
    sw: 1,
    dh: 1,
    dw: 1,
    pt: pad,
    pl: pad,
    pb: pad,
    pr: pad,
  };
}

describe("convolutions on small output images", () => {
  // AlexNet@68's conv4 at batch 8: 3×3 images, 384 channels in and out.
  const geometry = squareConv(8, 3, 384, 384, 3, 1);
  const x = random(8 * 9 * 384);
  const w = random(9 * 384 * 384);
  const bias = random(384);
  const dy = random(8 * 9 * 384);

  /** Forward with bias and ReLU, backward data, backward weights with the bias gradient, and the kernels they ran. */
  function allDirections(maxPixels: number) {
    const addon = loadAddon();
    const previous = addon.setConvAsProduct({ maxPixels });
    try {
      const [y, dx, dw, db] = [dy.length, x.length, w.length, bias.length].map((n) => new Float32Array(n));
      const kernels = [
        addon.conv2dForward(x, w, bias, y, geometry, ACTIVATION_CODES.relu, 0),
        addon.conv2dBackwardData(dy, w, dx, geometry),
        addon.conv2dBackwardWeights(x, dy, dw, db, geometry),
      ];
      return { kernels, outputs: [y, dx, dw, db] };
    } finally {
      addon.setConvAsProduct({ maxPixels: previous });
    }
  }

  it("run as im2col and one matrix product at the measured bound, and give the direct kernels' results", () => {
    const product = allDirections(CONV_AS_PRODUCT_MAX_PIXELS);
    const direct = allDirections(0);
    for (const kernel of product.kernels) assert.match(kernel, /^im2col\+/);
    for (const kernel of direct.kernels) assert.doesNotMatch(kernel, /im2col/);
    assertClose(product.outputs, direct.outputs, "3×3 images as a product against the direct kernels");
  });

  it("are off by default, and stop at the bound: a 4×4 or 1×1 output image runs on the direct kernel", () => {
    const addon = loadAddon();
    const f = (n: number) => new Float32Array(n);
    const kernel = (size: number) =>
      addon.conv2dForward(f(size * size * 2), f(36), null, f(size * size * 2), squareConv(1, size, 2, 2, 3, 1), 0, 0);
    assert.doesNotMatch(kernel(3), /im2col/, "off by default");
    const previous = addon.setConvAsProduct({ maxPixels: CONV_AS_PRODUCT_MAX_PIXELS });
    try {
      assert.match(kernel(3), /^im2col\+/);
      assert.match(kernel(2), /^im2col\+/);
      assert.doesNotMatch(kernel(4), /im2col/);
      assert.doesNotMatch(kernel(1), /im2col/);
    } finally {
      addon.setConvAsProduct({ maxPixels: previous });
    }
  });

  it("setConvAsProduct takes a non-negative pixel count", () => {
    const addon = loadAddon();
    assert.throws(() => addon.setConvAsProduct({ maxPixels: -1 }), /maxPixels must be a non-negative integer/);
    assert.throws(() => addon.setConvAsProduct({ maxPixels: 2.5 }), /maxPixels must be a non-negative integer/);
    assert.throws(() => (addon.setConvAsProduct as (o?: unknown) => number)(), /options must be an object/);
    assert.equal(addon.setConvAsProduct({ maxPixels: 0 }), 0, "off by default");
  });
});

describe("native dense layers, pooling and bias sums equal the cpu backend's", () => {
  for (const transposes of MATMUL_TRANSPOSES) {
    it(`matMul transposeA=${transposes[0]} transposeB=${transposes[1]}`, async () => {
      const { shapes, f } = matMulCase(transposes);
      await compareGradients("matMul", shapes, f, NATIVE);
    });
  }

  it("batched matMul, one side broadcast over the batch", async () => {
    await compareForward(
      "batched matMul",
      [
        [3, 5, 7],
        [7, 4],
      ],
      (a, b) => tf.matMul(a, b),
    );
    await compareForward(
      "batched matMul",
      [
        [3, 5, 7],
        [3, 4, 7],
      ],
      (a, b) => tf.matMul(a, b, false, true),
    );
  });

  it("dense layer: fused matMul + bias + relu", async () => {
    const dense = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation: "relu" });
    await compareForward("fused matMul", [[8, 50], [50, 30], [30]], dense);
    await compareGradients("fused matMul", [[8, 50], [50, 30], [30]], dense, NATIVE);
  });

  it("the sigmoid gives wasm's own kernel's outputs bit for bit", async () => {
    await tf.setBackend(NATIVE);
    const grid = Array.from({ length: 1 << 18 }, (_, i) => -95 + (190 * i) / (1 << 18));
    const cutoff = 87.33654022216797; // 0x1.5D589Ep+6, where wasm's kernel flushes e^−|x| to 0
    const special = [0, -0, Infinity, -Infinity, Number.NaN, 1e-45, -1e-45, 1e-38, cutoff, -cutoff, 88.8, -88.8];
    const randomBits = new Float32Array(
      Uint32Array.from({ length: 1 << 18 }, () => (Math.random() * 2 ** 32) >>> 0).buffer,
    );
    const x = tf.tensor1d(Float32Array.from([...special, ...grid, ...randomBits]));
    const ours = tf.sigmoid(x);
    const wasms = tf
      .engine()
      .makeTensorFromTensorInfo(callReplaced("Sigmoid", { inputs: { x }, backend: tf.backend() }) as tf.TensorInfo);
    const a = new Uint32Array((ours.dataSync() as Float32Array).slice().buffer);
    const b = new Uint32Array((wasms.dataSync() as Float32Array).slice().buffer);
    const differing = a.filter((bits, i) => bits !== b[i] && !(isNaN32(bits) && isNaN32(b[i]))).length;
    tf.dispose([x, ours, wasms]);
    assert.equal(differing, 0, `${differing} of ${a.length} sigmoid outputs differ from wasm's`);
  });

  it("ReLU and sigmoid gradients (one native pass each)", async () => {
    await compareGradients("relu", [[3, 7, 7, 5]], (x) => tf.relu(x), NATIVE);
    await compareGradients("sigmoid", [[3, 7, 7, 5]], (x) => tf.sigmoid(x), NATIVE);
    await compareGradients("relu then sigmoid, rank 2", [[9, 13]], (x) => tf.sigmoid(tf.relu(x)), NATIVE);
  });

  for (const [a, b] of [
    [
      [4, 5, 6],
      [4, 5, 6],
    ],
    [[4, 5, 6], []],
    [[], [4, 5, 6]],
    [[4, 5, 6], [6]],
    [[6], [4, 5, 6]],
    [
      [4, 5, 6],
      [1, 1, 6],
    ],
    [
      [4, 5, 6],
      [5, 1],
    ],
  ]) {
    it(`add, sub, multiply of [${a}] and [${b}] (native for equal shapes, scalars and rows; else the replaced kernel)`, async () => {
      for (const op of [tf.add, tf.sub, tf.mul]) {
        await compareForward(op.name, [a, b], (x, y) => op(x, y));
        await compareGradients(op.name, [a, b], (x, y) => op(x, y), NATIVE);
      }
    });
  }

  const pools: [string, number[], (x: tf.Tensor) => tf.Tensor][] = [
    ["max-pool 3×3/2 (AlexNet)", [2, 13, 13, 16], (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, "valid")],
    ["max-pool 2×2/2 same padding", [3, 9, 9, 5], (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, "same")],
    ["average-pool 2×2/2 (LeNet)", [4, 10, 10, 6], (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, "valid")],
    ["average-pool 3×3/2 same padding", [2, 9, 8, 3], (x) => tf.avgPool(x as tf.Tensor4D, 3, 2, "same")],
    // Overlapping windows share input rows: the row-wise gradient must add, not overwrite.
    ["average-pool 3×3/1 overlapping, 6 channels", [2, 7, 7, 6], (x) => tf.avgPool(x as tf.Tensor4D, 3, 1, "valid")],
    [
      "average-pool 2×2/2, 96 channels (a run-time count)",
      [2, 6, 6, 96],
      (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, "valid"),
    ],
    ["max-pool 2×2/2, 6 channels", [3, 8, 8, 6], (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, "valid")],
  ];
  for (const [name, shape, pool] of pools) {
    it(`${name}: forward and gradient`, async () => {
      await compareForward(name, [shape], pool);
      await compareGradients(name, [shape], pool, NATIVE);
    });
  }

  it("max-pool gradient goes to the first of tied maxima, and to negative maxima", async () => {
    const values = new Float32Array([-3, -1, -1, -2, 5, 5, 5, 0, -7, -7, -7, -7, 1, 1, 1, 1]);
    const grads: Float32Array[] = [];
    for (const backend of ["cpu", NATIVE]) {
      await tf.setBackend(backend);
      const g = tf.tidy(() =>
        tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(x as tf.Tensor4D, 2, 2, "valid")))(
          tf.tensor4d(values, [1, 4, 4, 1]),
        ),
      );
      grads.push(g.dataSync() as Float32Array);
      g.dispose();
    }
    assert.deepEqual(grads[1], grads[0]);
  });

  for (const [shape, axis] of [
    [
      [6, 5, 4, 7],
      [0, 1, 2],
    ],
    [[3000, 11], [0]],
    [
      [7, 3, 5],
      [0, 1],
    ], // rows of 5 grouped 13 at a time, with 8 rows left over
    [[2, 3, 4], [1]],
    [
      [2, 3, 4],
      [0, 1, 2],
    ],
  ] as [number[], number[]][]) {
    it(`sum of [${shape}] over axes [${axis}] (native for the bias gradient's leading axes, else the replaced kernel)`, async () => {
      await compareForward("sum", [shape], (x) => tf.sum(x, axis));
    });
  }
});

describe("training on native", () => {
  const batch = 6;
  const xs = random(batch * 20 * 20);
  const labels = Array.from({ length: batch }, (_, i) => i % 10);

  it("gives the cpu backend's weights after 4 SGD steps of a small conv net", async () => {
    assertClose(
      await trainSmallNet(NATIVE, xs, labels, 4),
      await trainSmallNet("cpu", xs, labels, 4),
      "weights after 4 SGD steps",
    );
  });

  it("gives the cpu backend's weights after 4 Adam steps", async () => {
    const adam = () => tf.train.adam(0.01);
    assertClose(
      await trainSmallNet(NATIVE, xs, labels, 4, undefined, adam),
      await trainSmallNet("cpu", xs, labels, 4, undefined, adam),
      "weights after 4 Adam steps",
    );
  });

  it("keeps tensors, wasm heap, native buffers and cached primitives constant across steps", async () => {
    const counts: object[] = [];
    await trainSmallNet(
      NATIVE,
      random(16 * 20 * 20),
      Array.from({ length: 16 }, (_, i) => i % 10),
      6,
      () => {
        const backend = tf.backend() as WasmBackend;
        const { entries, bufferBytes } = loadAddon().cacheStats();
        counts.push({
          tensors: tf.memory().numTensors,
          buffers: backend.numDataIds(),
          heap: wasmHeapBytes(backend),
          entries,
          bufferBytes,
        });
      },
    );
    const settled = counts.slice(2);
    for (const c of settled) assert.deepEqual(c, settled[0], `step counts ${JSON.stringify(counts)}`);
  });

  it("bounds the primitive cache however many shapes it sees", async () => {
    await tf.setBackend(NATIVE);
    const { capacity } = loadAddon().cacheStats();
    for (let width = 4; width < 4 + capacity / 2 + 20; width++) {
      tf.tidy(() =>
        tf.conv2d(tf.ones([1, 4, width, 2]) as tf.Tensor4D, tf.ones([3, 3, 2, 2]) as tf.Tensor4D, 1, "same").dataSync(),
      );
    }
    assert.ok(loadAddon().cacheStats().entries <= capacity, JSON.stringify(loadAddon().cacheStats()));
  });
});

describe("the FMA peak probe", () => {
  it("is the ceiling of oneDNN's own matmul on one thread (no FMA split into a multiply and an add)", async () => {
    await tf.setBackend(NATIVE);
    const addon = loadAddon();
    const n = 1024;
    addon.setThreads({ threads: 1 });
    try {
      const matmul = (await measureMatmulFlops(n, 8)) / 1e9;
      const fma = fmaPeakFlops({ threads: 1 })! / 1e9;
      console.log(`one thread: FMA probe ${fma.toFixed(1)} GFLOP/s, oneDNN ${n}³ matmul ${matmul.toFixed(1)} GFLOP/s`);
      // Fewer FLOPs than the probe's could only mean the probe does not run the FMA it counts
      // (an Intel Xeon's read half its peak that way: 118 against oneDNN's 172 GFLOP/s).
      assert.ok(fma >= matmul, `FMA probe ${fma.toFixed(1)} GFLOP/s < oneDNN matmul ${matmul.toFixed(1)} GFLOP/s`);
    } finally {
      addon.setThreads({ threads: requestedNativeThreads() });
    }
  });
});

describe("native kernels reject bad input with an error, not a crash", () => {
  const run = (kernel: string, inputs: Record<string, tf.Tensor>, attrs: object) => () =>
    tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap);

  it("NCHW layout", async () => {
    await tf.setBackend(NATIVE);
    const x = tf.zeros([1, 2, 8, 8]);
    const w = tf.zeros([3, 3, 2, 4]);
    assert.throws(
      run("Conv2D", { x, filter: w }, { strides: 1, pad: "valid", dataFormat: "NCHW", dilations: 1 }),
      /only NHWC/,
    );
    tf.dispose([x, w]);
  });

  it("a filter larger than the padded input", async () => {
    const x = tf.zeros([1, 4, 4, 2]);
    const w = tf.zeros([5, 5, 2, 4]);
    assert.throws(
      run("Conv2D", { x, filter: w }, { strides: 1, pad: "valid", dataFormat: "NHWC", dilations: 1 }),
      /leaves no output/,
    );
    tf.dispose([x, w]);
  });

  it("channels that do not match the filter", async () => {
    const x = tf.zeros([1, 8, 8, 3]);
    const w = tf.zeros([3, 3, 2, 4]);
    assert.throws(
      run("Conv2D", { x, filter: w }, { strides: 1, pad: "valid", dataFormat: "NHWC", dilations: 1 }),
      /3 channels but the filter expects 2/,
    );
    tf.dispose([x, w]);
  });

  it("matMul inner dimensions that differ", async () => {
    const a = tf.zeros([3, 4]);
    const b = tf.zeros([5, 6]);
    assert.throws(run("BatchMatMul", { a, b }, { transposeA: false, transposeB: false }), /inner dimensions differ/);
    tf.dispose([a, b]);
  });

  it("the FMA peak probe counts what it runs (a positive rate) and rejects a bad iteration or thread count", () => {
    assert.ok(loadAddon().fmaPeak({ iterations: 100_000, threads: 1 }) > 1);
    assert.throws(() => loadAddon().fmaPeak({ iterations: 0, threads: 1 }), /iterations must be a positive integer/);
    assert.throws(() => loadAddon().fmaPeak({ iterations: 100_000, threads: 0 }), /threads must be a positive integer/);
  });

  it("the addon itself checks array lengths, types and geometry", () => {
    const addon = loadAddon();
    const g = squareConv(1, 4, 1, 1, 3, 0);
    const f = (n: number) => new Float32Array(n);
    assert.throws(() => addon.conv2dForward(f(15), f(9), null, f(4), g, 0, 0), /x has 15 elements, expected 16/);
    assert.throws(
      () => addon.conv2dForward(new Float64Array(16) as unknown as Float32Array, f(9), null, f(4), g, 0, 0),
      /x must be a Float32Array/,
    );
    assert.throws(() => addon.conv2dForward(f(16), f(9), null, f(9), { ...g, oh: 3, ow: 3 }, 0, 0), /does not follow/);
    assert.throws(
      () => addon.conv2dForward(f(16), f(9), null, f(4), { ...g, sh: 0 }, 0, 0),
      /sh must be a positive integer/,
    );
    assert.throws(
      () =>
        addon.maxPool(f(16), f(3), {
          n: 1,
          ih: 4,
          iw: 4,
          c: 1,
          oh: 2,
          ow: 2,
          kh: 2,
          kw: 2,
          sh: 2,
          sw: 2,
          pt: 0,
          pl: 0,
        }),
      /y has 3 elements/,
    );
    assert.throws(() => addon.sigmoid(f(8), f(7), { size: 8 }), /y has 7 elements, expected 8/);
    addon.conv2dForward(f(16), f(9), null, f(4), g, 0, 0);
  });
});
