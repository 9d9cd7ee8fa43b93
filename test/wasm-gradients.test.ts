/**
 * The training kernels lib registers for tfjs-backend-wasm compute the same
 * gradients as the pure-JS cpu backend (to float32 rounding) and leak
 * neither tensors nor wasm heap across training steps.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareWasmBackend } from "../lib/backend/wasm";
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

before(async () => {
  const info = await prepareWasmBackend();
  console.log(`wasm gradients: random inputs from seed ${seed} (D2L_TEST_SEED=N for others)`);
  assert.equal(info.tfjsBackend, "wasm");
  assert.ok(Number.isInteger(info.threads) && info.threads >= 1);
});

describe("wasm convolution gradients equal the cpu backend's", () => {
  for (const c of CONV_CASES) {
    it(`${c.name}: x ${c.x.join("×")}, filter ${c.filter.join("×")}, stride ${c.stride}, pad ${JSON.stringify(c.pad)}`, async () => {
      await compareGradients(c.name, [c.x, c.filter], (x, w) =>
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad as tf.backend_util.ExplicitPadding),
      );
    });
  }

  it("fused conv + bias + relu (what tfjs-layers' Conv2D runs)", async () => {
    await compareGradients("fused conv", [[2, 9, 9, 4], [3, 3, 4, 8], [8]], (x, w, b) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: w as tf.Tensor4D,
        bias: b,
        strides: 1,
        pad: "same",
        activation: "relu",
      }),
    );
  });
});

describe("wasm dense and pooling gradients equal the cpu backend's", () => {
  for (const transposes of MATMUL_TRANSPOSES) {
    it(`matMul transposeA=${transposes[0]} transposeB=${transposes[1]}`, async () => {
      const { shapes, f } = matMulCase(transposes);
      await compareGradients("matMul", shapes, f);
    });
  }

  it("dense layer: fused matMul + bias + relu", async () => {
    await compareGradients("fused matMul", [[8, 50], [50, 30], [30]], (x, w, b) =>
      tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation: "relu" }),
    );
  });

  it("max-pool 3×3/2 (AlexNet)", async () => {
    await compareGradients("maxPool", [[2, 13, 13, 16]], (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, "valid"));
  });

  it("max-pool 2×2/2 same padding", async () => {
    await compareGradients("maxPool same", [[3, 9, 9, 5]], (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, "same"));
  });

  it("average-pool 2×2/2 (LeNet)", async () => {
    await compareGradients("avgPool", [[4, 10, 10, 6]], (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, "valid"));
  });

  it("average-pool 3×3/2 same padding", async () => {
    await compareGradients("avgPool same", [[2, 9, 8, 3]], (x) => tf.avgPool(x as tf.Tensor4D, 3, 2, "same"));
  });
});

describe("wasm forward kernels lib replaces equal the cpu backend's", () => {
  const cases: { name: string; shape: number[]; paddings: [number, number][]; value: number }[] = [
    {
      name: "ZeroPadding2D on 1 channel",
      shape: [3, 7, 6, 1],
      paddings: [
        [0, 0],
        [2, 2],
        [1, 3],
        [0, 0],
      ],
      value: 0,
    },
    {
      name: "every dim padded, constant 1.5",
      shape: [2, 3, 4, 5],
      paddings: [
        [1, 0],
        [0, 2],
        [3, 1],
        [1, 1],
      ],
      value: 1.5,
    },
    {
      name: "rank 2, long rows",
      shape: [4, 100],
      paddings: [
        [1, 1],
        [0, 0],
      ],
      value: 0,
    },
  ];
  for (const c of cases) {
    it(`PadV2: ${c.name}`, async () => {
      const values = random(size(c.shape));
      const outputs: Float32Array[] = [];
      for (const backend of ["cpu", "wasm"]) {
        await tf.setBackend(backend);
        const y = tf.tidy(() => tf.pad(tf.tensor(values, c.shape), c.paddings, c.value));
        outputs.push(y.dataSync() as Float32Array);
        y.dispose();
      }
      assert.deepEqual(outputs[1], outputs[0]);
    });
  }
});

describe("wasm kernels reject what they were not written for", () => {
  it("Conv2DBackpropFilter with dilation 2 throws naming the limit", async () => {
    await tf.setBackend("wasm");
    const x = tf.zeros([1, 8, 8, 2]);
    const dy = tf.zeros([1, 4, 4, 3]);
    assert.throws(
      () =>
        tf
          .engine()
          .runKernel(
            "Conv2DBackpropFilter",
            { x, dy },
            { strides: 1, pad: "valid", dataFormat: "NHWC", dilations: 2, filterShape: [3, 3, 2, 3] },
          ),
      /only dilation 1/,
    );
    tf.dispose([x, dy]);
  });
});

describe("SGD training on wasm", () => {
  it("gives the cpu backend's weights after 4 steps of a small conv net", async () => {
    const batch = 6;
    const xs = random(batch * 20 * 20);
    const labels = Array.from({ length: batch }, (_, i) => i % 10);
    const expected = await trainSmallNet("cpu", xs, labels, 4);
    const actual = await trainSmallNet("wasm", xs, labels, 4);
    assertClose(actual, expected, "weights after 4 SGD steps");
  });

  it("keeps tensors, backend buffers and the wasm heap constant across steps", async () => {
    const batch = 16;
    const xs = random(batch * 20 * 20);
    const labels = Array.from({ length: batch }, (_, i) => i % 10);
    const counts: { tensors: number; buffers: number; heap: number }[] = [];
    await trainSmallNet("wasm", xs, labels, 6, () => {
      const backend = tf.backend() as WasmBackend;
      counts.push({ tensors: tf.memory().numTensors, buffers: backend.numDataIds(), heap: wasmHeapBytes(backend) });
    });
    const settled = counts.slice(2);
    for (const c of settled) assert.deepEqual(c, settled[0], `step counts ${JSON.stringify(counts)}`);
  });
});
