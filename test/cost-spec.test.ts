import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countCosts } from "../lib/cost";
import { parseSpec, SpecError, type NetworkSpec } from "../lib/models/spec";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";

const image = (layers: unknown[], input: unknown = [1, 28, 28]): unknown => ({ input, layers });

describe("malformed specs are rejected naming the layer index and field", () => {
  const bad: [string, unknown, RegExp][] = [
    [
      "unknown type",
      image([{ type: "relu" }, { type: "conv3d", filters: 1 }]),
      /^layer 1: unknown "type" "conv3d"; expected one of conv2d, /,
    ],
    ["missing type", image([{ filters: 2, kernel: 3 }]), /^layer 0: missing field "type"/],
    ["missing field", image([{ type: "conv2d", kernel: 3 }]), /^layer 0 \(conv2d\): missing field "filters"$/],
    [
      "misspelt field",
      image([{ type: "conv2d", filters: 4, kernel: 3, strides: 2 }]),
      /^layer 0 \(conv2d\): unknown field "strides"; expected type, filters, kernel, stride, padding$/,
    ],
    [
      "kernel larger than its padded input",
      image([{ type: "conv2d", filters: 4, kernel: 9, padding: 2 }], [1, 4, 4]),
      /^layer 0 \(conv2d\): kernel 9 is larger than its padded input 8×8/,
    ],
    [
      "zero kernel",
      image([{ type: "maxpool2d", kernel: 0 }]),
      /^layer 0 \(maxpool2d\): "kernel" must be a positive integer, got 0/,
    ],
    [
      "negative units",
      image([{ type: "flatten" }, { type: "dense", units: -3 }]),
      /^layer 1 \(dense\): "units" must be a positive integer, got -3/,
    ],
    [
      "fractional stride",
      image([{ type: "conv2d", filters: 1, kernel: 3, stride: 1.5 }]),
      /^layer 0 \(conv2d\): "stride" must be a positive integer, got 1.5/,
    ],
    [
      "negative padding",
      image([{ type: "avgpool2d", kernel: 2, padding: -1 }]),
      /^layer 0 \(avgpool2d\): "padding" must be a non-negative integer/,
    ],
    [
      "string filters",
      image([{ type: "conv2d", filters: "8", kernel: 3 }]),
      /^layer 0 \(conv2d\): "filters" must be a positive integer, got "8"/,
    ],
    ["dense on an image", image([{ type: "dense", units: 10 }]), /^layer 0 \(dense\): needs a flat input/],
    ["layer not an object", image([{ type: "relu" }, 3]), /^layer 1: must be an object/],
    ["no layers", image([]), /"layers" must be a non-empty array/],
    ["input of two numbers", image([{ type: "relu" }], [28, 28]), /"input" must be \[channels, height, width\]/],
    ["zero input channels", image([{ type: "relu" }], [0, 28, 28]), /"input" must be \[channels, height, width\]/],
    [
      "unknown top-level field",
      { input: [1, 2, 2], layers: [{ type: "relu" }], layer: [] },
      /^spec: unknown field "layer"/,
    ],
    ["not an object", [1, 2, 3], /^spec must be an object/],
  ];
  for (const [name, spec, message] of bad) {
    test(name, () =>
      assert.throws(
        () => parseSpec(spec),
        (e: Error) => e instanceof SpecError && message.test(e.message),
      ),
    );
  }

  test("AlexNet at 64×64 is too small: its last pooling window does not fit", () => {
    assert.throws(
      () => countCosts(alexnetSpec({ size: 64 })),
      (e: Error) =>
        e instanceof SpecError &&
        /^layer 12 \(maxpool2d\): kernel 3 is larger than its padded input 2×2/.test(e.message),
    );
  });

  test("a good spec comes back unchanged, init included, and counts like the zoo's", () => {
    const json: unknown = JSON.parse(JSON.stringify(alexnetSpec()));
    const spec: NetworkSpec = parseSpec(json);
    assert.deepEqual(spec, alexnetSpec());
    assert.equal(spec.init, "torch");
    assert.equal(countCosts(spec).params, 46_764_746);
  });

  test("a bad init is named", () => {
    assert.throws(
      () => parseSpec({ ...lenetSpec(), init: "he" }),
      (e) => e instanceof SpecError && e.message === 'spec "init" must be "xavier" or "torch", got "he"',
    );
  });
});
