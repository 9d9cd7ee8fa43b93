/**
 * VGG-11, NiN and torchvision's AlexNet as layer specs, against networks we did not write.
 * "torch" numbers were printed by `/usr/bin/python3 scripts/crosscheck_modern_torch.py`
 * (PyTorch 1.13 from Debian's python3-torch), which builds each network the way d2l's
 * vgg.md / nin.md and torchvision's alexnet.py write it, then counts model.parameters()
 * and conv/linear multiply-accumulates with forward hooks. "torchvision" numbers are the
 * num_params / _ops metadata of torchvision's ImageNet weights (lib/cost/published.ts).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { initBackend } from "../lib/backend";
import { countCosts } from "../lib/cost";
import { findPublished } from "../lib/exercises/ex3-why-not-alexnet";
import { buildModel } from "../lib/models/build";
import { ninSpec, torchvisionAlexnetSpec, vggSpec, VGG11_ARCHITECTURE } from "../lib/models/modern";
import { inferShapes } from "../lib/models/spec";

const IMAGENET = { channels: 3, classes: 1000 } as const;

describe("modern networks as layer specs", () => {
  test("VGG-11 at 3×224×224, 1000 classes: torch and torchvision's published figures", () => {
    const r = countCosts(vggSpec(IMAGENET));
    assert.equal(r.params, 132_863_336); // torch; torchvision vgg11 num_params is the same
    assert.equal(r.macs, 7_609_090_048); // torch; torchvision's "_ops": 7.609 (G multiply-adds)
    assert.equal(r.params, findPublished("VGG-11").params);
    assert.equal(Math.round(r.macs / 1e6), Math.round(findPublished("VGG-11").macs / 1e6));
  });

  test("VGG-11 as d2l trains it (1×224×224, 10 classes): torch", () => {
    const spec = vggSpec();
    const r = countCosts(spec);
    assert.equal(r.params, 128_806_154);
    assert.equal(r.macs, 7_547_232_256);
    assert.deepEqual(inferShapes(spec).at(-9), [512, 7, 7], "five halvings: 224 → 7 before flatten");
    assert.equal(
      spec.layers.filter((l) => l.type === "conv2d").length + spec.layers.filter((l) => l.type === "dense").length,
      11,
    );
    assert.equal(
      VGG11_ARCHITECTURE.reduce((a, [convs]) => a + convs, 0),
      8,
    );
  });

  test("NiN: torch, both inputs; the global average pool covers the last 5×5 map", () => {
    const imagenet = ninSpec(IMAGENET);
    assert.deepEqual([countCosts(imagenet).params, countCosts(imagenet).macs], [7_439_608, 965_572_864]);
    const d2l = ninSpec();
    assert.deepEqual([countCosts(d2l).params, countCosts(d2l).macs], [1_992_166, 762_297_352]);
    assert.deepEqual(d2l.layers.at(-2), { type: "avgpool2d", kernel: 5 });
    assert.deepEqual(inferShapes(d2l).at(-1), [10]);
    assert.equal(d2l.layers.filter((l) => l.type === "dense").length, 0);
  });

  test("NiN's pool follows the input size (128×128 → 2×2 map)", () => {
    const spec = ninSpec({ size: 128 });
    assert.deepEqual(spec.layers.at(-2), { type: "avgpool2d", kernel: 2 });
    assert.deepEqual(inferShapes(spec).at(-1), [10]);
  });

  test("torchvision's AlexNet: torch and its published num_params / _ops", () => {
    const r = countCosts(torchvisionAlexnetSpec());
    assert.equal(r.params, 61_100_840);
    assert.equal(r.macs, 714_188_480); // torchvision "_ops": 0.714
    assert.equal(r.params, findPublished("AlexNet (torchvision)").params);
    assert.deepEqual(inferShapes(torchvisionAlexnetSpec()).at(12), [256, 6, 6]);
  });
});

describe("the builder makes the same NiN", () => {
  before(async () => {
    await initBackend({ log: () => {} });
  });

  test("tfjs parameter count and output shape match the counter", () => {
    const spec = ninSpec({ size: 96 });
    const model = buildModel(spec);
    try {
      assert.equal(model.countParams(), countCosts(spec).params);
      assert.deepEqual(model.outputs[0].shape, [null, 10]);
    } finally {
      model.dispose();
    }
  });
});
