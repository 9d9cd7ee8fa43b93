import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countCosts } from "../lib/cost";
import { alexnetSpec, lenetSpec, specByName } from "../lib/models/zoo";

const shapesOf = (spec: Parameters<typeof countCosts>[0]): string[] =>
  countCosts(spec).layers.map((l) => l.outputShape.join("x"));

describe("AlexNet counts", () => {
  test("1×224²: 46,764,746 params, 2 × MACs = 1,876,292,352 FLOPs (conv + dense, no bias)", () => {
    const r = countCosts(alexnetSpec({ channels: 1 }));
    assert.equal(r.params, 46_764_746);
    assert.equal(r.layers[0].params, 11_712);
    assert.equal(r.macs, 938_146_176);
    assert.equal(r.flops, 1_876_292_352);
  });

  test("1,876,300,544, the PyTorch profiler's count in train mode, adds dropout's 2 × 4096 mask multiplies", () => {
    for (const [channels, expected] of [
      [1, 1_876_300_544],
      [3, 2_011_789_568],
    ]) {
      const r = countCosts(alexnetSpec({ channels }));
      const dropout = r.layers.filter((l) => l.type === "dropout").reduce((a, l) => a + l.otherFlops, 0);
      assert.equal(dropout, 8192);
      assert.equal(r.flops + dropout, expected);
    }
  });

  test("3×224² (the 3-channel AlexNet the original solution counted): 46,787,978 params, 2,011,781,376 FLOPs; conv vs dense split", () => {
    const r = countCosts(alexnetSpec({ channels: 3 }));
    assert.equal(r.params, 46_787_978);
    assert.equal(r.flops, 2_011_781_376);
    assert.equal(r.byGroup.conv.params, 3_747_200);
    assert.equal(r.byGroup.dense.params, 43_040_778);
    assert.equal(r.byGroup.conv.macs, 962_858_112);
    // d2l's "81 MFLOPs" for the dense layers is 2 × MACs ≈ 86.1 M.
    assert.equal(r.byGroup.dense.flops, 86_065_152);
    assert.deepEqual(
      r.layers.map((l) => l.params),
      [
        34_944, 0, 0, 614_656, 0, 0, 885_120, 0, 1_327_488, 0, 884_992, 0, 0, 0, 26_218_496, 0, 0, 16_781_312, 0, 0,
        40_970,
      ],
    );
  });

  test("per-layer output shapes as PyTorch prints them (C,H,W)", () => {
    assert.deepEqual(shapesOf(alexnetSpec({ channels: 3 })), [
      "96x54x54",
      "96x54x54",
      "96x26x26",
      "256x26x26",
      "256x26x26",
      "256x12x12",
      "384x12x12",
      "384x12x12",
      "384x12x12",
      "384x12x12",
      "256x12x12",
      "256x12x12",
      "256x5x5",
      "6400",
      "4096",
      "4096",
      "4096",
      "4096",
      "4096",
      "4096",
      "10",
    ]);
    assert.deepEqual(
      countCosts(alexnetSpec())
        .layers.map((l) => l.name)
        .slice(0, 3),
      ["Conv2d-1", "ReLU-2", "MaxPool2d-3"],
    );
  });

  test("every count scales with the batch; bytes with the dtype", () => {
    const one = countCosts(alexnetSpec());
    const many = countCosts(alexnetSpec(), { batch: 128, dtype: "fp16" });
    assert.equal(many.params, one.params);
    assert.equal(many.flops, 128 * one.flops);
    assert.equal(many.otherFlops, 128 * one.otherFlops);
    assert.equal(many.layers[0].outputBytes, (128 * one.layers[0].outputBytes) / 2);
    assert.equal(countCosts(alexnetSpec(), { dtype: "int8" }).layers[14].bytesRead, 26_218_496 + 6400);
  });
});

describe("LeNet counts", () => {
  test("61,706 params, shapes, 833,040 FLOPs", () => {
    const r = countCosts(lenetSpec());
    assert.equal(r.params, 61_706);
    assert.equal(r.flops, 833_040);
    assert.deepEqual(shapesOf(lenetSpec()), [
      "6x28x28",
      "6x28x28",
      "6x14x14",
      "16x10x10",
      "16x10x10",
      "16x5x5",
      "400",
      "120",
      "120",
      "84",
      "84",
      "10",
    ]);
    assert.equal(countCosts(specByName("lenet-relu")).params, 61_706);
  });
});

describe("what each column counts", () => {
  const r = countCosts(alexnetSpec({ channels: 3 }));
  const [conv1, relu, pool] = r.layers;

  test("bias adds and element-wise work are apart from 2 × MACs", () => {
    assert.equal(conv1.biasFlops, 96 * 54 * 54);
    assert.equal(conv1.otherFlops, 0);
    assert.equal(relu.otherFlops, 96 * 54 * 54);
    assert.equal(pool.otherFlops, 96 * 26 * 26 * 8); // 3×3 window: 8 comparisons
    assert.equal(countCosts(lenetSpec()).layers[2].otherFlops, 6 * 14 * 14 * 4); // 2×2 average: 3 adds + 1 scale
    assert.equal(countCosts(lenetSpec()).layers[1].otherFlops, 6 * 28 * 28 * 3); // sigmoid: exp, add, divide
    assert.equal(r.softmaxFlops, 50);
    assert.equal(r.forwardTotalFlops, r.flops + r.biasFlops + r.otherFlops + r.softmaxFlops);
  });

  test("bytes: weights + input read, output written; flatten is a view", () => {
    assert.equal(conv1.bytesRead, 4 * (34_944 + 3 * 224 * 224));
    assert.equal(conv1.bytesWritten, 4 * 96 * 54 * 54);
    assert.equal(conv1.intensity, (conv1.flops + conv1.biasFlops) / (conv1.bytesRead + conv1.bytesWritten));
    const flatten = r.layers[13];
    assert.equal(flatten.isView, true);
    assert.equal(flatten.bytesRead + flatten.bytesWritten, 0);
    // The big dense layer reads 100 MiB of weights for one image: intensity ≈ 0.5 FLOP/B.
    assert.ok(Math.abs(r.layers[14].intensity - 0.5) < 0.01);
  });

  test("backward: 2 × forward for conv/dense, 1 × for the first conv (no input gradient)", () => {
    assert.equal(conv1.backward.flops, conv1.flops);
    assert.equal(r.layers[3].backward.flops, 2 * r.layers[3].flops);
    assert.equal(r.layers[14].backward.flops, 2 * r.layers[14].flops);
    assert.equal(r.backwardFlops, 2 * r.flops - conv1.flops);
    assert.equal(conv1.backward.bytesWritten, 4 * 34_944); // dW and db only
    assert.equal(relu.backward.otherFlops, relu.otherFlops);
    assert.equal(r.trainingFlops, r.forwardTotalFlops + r.backwardFlops + r.backwardOtherFlops);
    assert.ok(r.trainingFlops / r.forwardTotalFlops > 2.8 && r.trainingFlops / r.forwardTotalFlops < 3);
  });

  test("layers before the first conv run no backward", () => {
    const spec = {
      input: [1, 8, 8] as [number, number, number],
      layers: [
        { type: "maxpool2d" as const, kernel: 2 },
        { type: "conv2d" as const, filters: 2, kernel: 3 },
      ],
    };
    const [first, second] = countCosts(spec).layers;
    assert.equal(first.backward.bytesRead + first.backward.otherFlops, 0);
    assert.equal(second.backward.flops, second.flops);
  });

  test("a bad batch is a RangeError", () => {
    assert.throws(() => countCosts(lenetSpec(), { batch: 0 }), RangeError);
    assert.throws(() => countCosts(lenetSpec(), { batch: 1.5 }), /batch must be a positive integer/);
  });
});
