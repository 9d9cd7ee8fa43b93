/** The counts against the real tfjs model the builder makes from the same spec. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { initBackend } from "../lib/backend";
import { countCosts } from "../lib/cost";
import { probeDevice } from "../lib/profile/probe";
import { buildModel } from "../lib/models/build";
import type { NetworkSpec } from "../lib/models/spec";
import { alexnetSpec, lenetSpec, specByName } from "../lib/models/zoo";
import { tf, tfl } from "../lib/tf";
import { AVGPOOL } from "./cost-specs";

before(async () => {
  await initBackend({ log: () => {} });
});

/** The builder names each spec layer "<index>_<type>" (padding layers get a "_pad" suffix). */
function builtLayer(model: tfl.LayersModel, index: number, type: string): tfl.layers.Layer {
  return model.getLayer(`${index}_${type}`);
}

const nchw = (nhwc: number[]): number[] => (nhwc.length === 3 ? [nhwc[2], nhwc[0], nhwc[1]] : nhwc);

function assertModelMatches(spec: NetworkSpec): void {
  const report = countCosts(spec);
  const model = buildModel(spec);
  assert.equal(model.countParams(), report.params);
  for (const l of report.layers) {
    const built = builtLayer(model, l.index, l.type);
    assert.equal(built.countParams(), l.params, `${l.name} params`);
    assert.deepEqual(nchw((built.outputShape as number[]).slice(1)), l.outputShape, `${l.name} shape`);
  }
  model.dispose();
}

describe("counts equal the built tfjs model's", () => {
  test("AlexNet 3×224² (3 input channels, as ImageNet's): countParams and every layer's shape", () =>
    assertModelMatches(alexnetSpec({ channels: 3 })));
  for (const spec of [alexnetSpec({ size: 96 }), lenetSpec(), specByName("lenet-relu"), AVGPOOL]) {
    test(`${spec.name} [${spec.input.join(", ")}]`, () => assertModelMatches(spec));
  }

  test("activation sizes equal the tensors tfjs computes (batch 3)", () => {
    for (const spec of [lenetSpec(), AVGPOOL]) {
      const report = countCosts(spec, { batch: 3 });
      const model = buildModel(spec);
      const outputs = report.layers.map((l) => builtLayer(model, l.index, l.type).output as tfl.SymbolicTensor);
      const probe = tfl.model({ inputs: model.inputs, outputs });
      const [c, h, w] = spec.input;
      const tensors = tf.tidy(() => probe.predict(tf.randomUniform([3, h, w, c])) as tf.Tensor[]);
      assert.deepEqual(
        tensors.map((t) => t.size * 4),
        report.layers.map((l) => l.outputBytes),
      );
      tf.dispose(tensors);
      model.dispose();
    }
  });
});

test("probeDevice measures this machine on the backend lib picked", async () => {
  const device = await probeDevice({ matmulSize: 128, copyBytes: 2 ** 20, repeats: 2 });
  assert.ok(Number.isFinite(device.peakFlops) && device.peakFlops > 1e7, `${device.peakFlops}`);
  assert.ok(Number.isFinite(device.bandwidth) && device.bandwidth > 1e8, `${device.bandwidth}`);
  assert.equal(device.backend, device.name.replace("this machine, tfjs ", ""));
  assert.deepEqual([device.matmulSize, device.copyBytes], [128, 2 ** 20]);
  assert.ok(Math.abs(Date.now() - Date.parse(device.measuredAt)) < 60_000, device.measuredAt);
  assert.ok(device.source.includes(device.measuredAt), "the source names when it was measured");
  if (device.fmaPeakFlops !== undefined) {
    // The FMA loop is the hardware's ceiling: no matmul beats it.
    assert.ok(device.fmaPeakFlops > device.peakFlops, `${device.fmaPeakFlops} vs ${device.peakFlops}`);
  }
});
