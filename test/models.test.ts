import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { initBackend } from "../lib/backend";
import { buildModel } from "../lib/models/build";
import { inferShapes, SpecError, type NetworkSpec } from "../lib/models/spec";
import {
  alexnetSpec,
  lenetSpec,
  scaleWidth,
  specByName,
  withActivation,
  withDropout,
  withoutActivations,
  withoutDropout,
  withPooling,
} from "../lib/models/zoo";
import { tf } from "../lib/tf";

before(async () => {
  await initBackend({ log: () => {} });
});

describe("AlexNet spec", () => {
  test("reproduces PyTorch's shapes for a 224×224 input", () => {
    const convAndPoolShapes = inferShapes(alexnetSpec())
      .filter((_, i) => ["conv2d", "maxpool2d", "flatten"].includes(alexnetSpec().layers[i].type))
      .map((s) => s.join("x"));
    assert.deepEqual(convAndPoolShapes, [
      "96x54x54",
      "96x26x26",
      "256x26x26",
      "256x12x12",
      "384x12x12",
      "384x12x12",
      "256x12x12",
      "256x5x5",
      "6400",
    ]);
  });

  test("the built tfjs model has d2l's parameter counts", () => {
    assert.equal(buildModel(alexnetSpec()).countParams(), 46_764_746);
    assert.equal(buildModel(alexnetSpec({ channels: 3 })).countParams(), 46_787_978);
    assert.equal(buildModel(lenetSpec()).countParams(), 61_706);
  });

  test("the built model's tensor shapes equal the spec's (NHWC vs CHW)", () => {
    const spec = alexnetSpec({ size: 96 });
    const model = buildModel(spec);
    const specShapes = inferShapes(spec).map((s) => (s.length === 3 ? [s[1], s[2], s[0]] : s));
    // Padding layers the builder inserts have no spec counterpart; compare the named ones.
    const built = model.layers
      .filter((l) => l.getClassName() !== "InputLayer" && !l.name.endsWith("_pad"))
      .map((l) => (l.outputShape as number[]).slice(1));
    assert.deepEqual(built, specShapes);
    const y = tf.tidy(() => (model.predict(tf.zeros([2, 96, 96, 1])) as tf.Tensor).shape);
    assert.deepEqual(y, [2, 10]);
  });

  test("an input too small for AlexNet is rejected naming the layer, not crashed in wasm", () => {
    assert.throws(
      () => buildModel(alexnetSpec({ size: 64 })),
      (e: Error) => e instanceof SpecError && /layer 12 \(maxpool2d\)/.test(e.message),
    );
    assert.equal(inferShapes(alexnetSpec({ size: 68 })).at(13)?.[0], 256);
  });
});

describe("spec validation", () => {
  const bad: [string, unknown, RegExp][] = [
    ["unknown type", { input: [1, 28, 28], layers: [{ type: "conv3d" }] }, /layer 0: unknown "type" "conv3d"/],
    [
      "missing filters",
      { input: [1, 28, 28], layers: [{ type: "conv2d", kernel: 3 }] },
      /layer 0 \(conv2d\): "filters"/,
    ],
    [
      "negative stride",
      { input: [1, 28, 28], layers: [{ type: "maxpool2d", kernel: 2, stride: -1 }] },
      /"stride" must be a positive integer/,
    ],
    [
      "dense before flatten",
      { input: [1, 28, 28], layers: [{ type: "dense", units: 10 }] },
      /add \{"type": "flatten"\}/,
    ],
    [
      "kernel larger than input",
      { input: [1, 4, 4], layers: [{ type: "conv2d", filters: 2, kernel: 5 }] },
      /kernel 5 is larger than its padded input 4×4/,
    ],
    ["bad input", { input: [1, 28], layers: [{ type: "flatten" }] }, /"input" must be \[channels, height, width\]/],
    ["dropout rate", { input: [1, 2, 2], layers: [{ type: "dropout", rate: 1.5 }] }, /layer 0 \(dropout\): "rate"/],
    [
      "conv after flatten",
      { input: [1, 8, 8], layers: [{ type: "flatten" }, { type: "conv2d", filters: 1, kernel: 1 }] },
      /layer 1 \(conv2d\): needs an image input/,
    ],
  ];
  for (const [name, spec, message] of bad) {
    test(`rejects ${name}`, () => assert.throws(() => inferShapes(spec as NetworkSpec), message));
  }
});

describe("variants", () => {
  test("LeNet with ReLU and max-pooling keeps LeNet's parameters", () => {
    const relu = specByName("lenet-relu");
    assert.ok(relu.layers.every((l) => l.type !== "sigmoid" && l.type !== "avgpool2d"));
    assert.equal(buildModel(relu).countParams(), 61_706);
  });

  test("dropout can be removed and added back", () => {
    const plain = withoutDropout(alexnetSpec());
    assert.equal(plain.layers.filter((l) => l.type === "dropout").length, 0);
    const lenetDropout = withDropout(lenetSpec(), 0.3);
    assert.deepEqual(
      lenetDropout.layers.filter((l) => l.type === "dropout").map((l) => (l as { rate: number }).rate),
      [0.3, 0.3],
    );
  });

  test("removing the activations keeps every other layer and the parameters", () => {
    const lenet = lenetSpec();
    const linear = withoutActivations(lenet);
    assert.ok(linear.layers.every((l) => l.type !== "relu" && l.type !== "sigmoid"));
    assert.equal(linear.layers.length, lenet.layers.filter((l) => l.type !== "sigmoid").length);
    assert.ok(
      lenet.layers.some((l) => l.type === "sigmoid"),
      "the input spec is left as it was",
    );
    assert.equal(buildModel(linear).countParams(), buildModel(lenet).countParams());
  });

  test("scaling channels by 1/2 shrinks conv and hidden dense layers but keeps the classes", () => {
    const half = scaleWidth(alexnetSpec(), 0.5);
    assert.equal(half.layers[0].type === "conv2d" && half.layers[0].filters, 48);
    assert.deepEqual(inferShapes(half).at(-1), [10]);
    assert.ok(buildModel(half).countParams() < 46_764_746 / 3);
  });

  test("variant helpers do not modify their input", () => {
    const spec = lenetSpec();
    const before = JSON.stringify(spec);
    withActivation(spec, "relu");
    withPooling(spec, "maxpool2d");
    scaleWidth(spec, 2);
    assert.equal(JSON.stringify(spec), before);
  });

  test("seeded initialisation is reproducible and the schemes differ", () => {
    const weights = (init: "xavier" | "torch", seed: number) =>
      tf.tidy(() => Array.from(buildModel(lenetSpec(), { init, seed }).getWeights()[0].dataSync().slice(0, 5)));
    assert.deepEqual(weights("xavier", 3), weights("xavier", 3));
    assert.notDeepEqual(weights("xavier", 3), weights("xavier", 4));
    assert.notDeepEqual(weights("xavier", 3), weights("torch", 3));
  });
});
