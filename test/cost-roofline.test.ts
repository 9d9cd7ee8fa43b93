import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  chipTradeoff,
  countCosts,
  DEVICE_NAMES,
  DEVICES,
  OPTIMIZER_UPDATE,
  peakFor,
  ridgePoint,
  rooflineReport,
  rooflineTime,
  workItems,
  type Device,
} from "../lib/cost";
import { alexnetSpec } from "../lib/models/zoo";
import { measureCopyBandwidth } from "../lib/profile/probe";

const TOY: Device = { name: "toy", peakFlops: 100, bandwidth: 10, source: "test" };

describe("roofline", () => {
  test("time is the larger of FLOPs / peak and bytes / bandwidth", () => {
    assert.deepEqual(rooflineTime({ flops: 1000, bytes: 50 }, TOY), {
      seconds: 10,
      computeSeconds: 10,
      memorySeconds: 5,
      bound: "compute",
      intensity: 20,
    });
    assert.equal(rooflineTime({ flops: 100, bytes: 50 }, TOY).bound, "memory");
    assert.equal(ridgePoint(TOY), 10);
  });

  test("every preset names its source; tensor-core dtypes use their own peak", () => {
    for (const name of DEVICE_NAMES) {
      const d: Device = DEVICES[name];
      assert.ok(d.source.length > 10, name);
      assert.ok(d.peakFlops > 0 && d.bandwidth > 0, name);
    }
    assert.equal(peakFor(DEVICES.a100, "bf16"), 312e12);
    assert.equal(peakFor(DEVICES.v100, "int8"), DEVICES.v100.peakFlops);
  });

  test("AlexNet on a V100: dense layers at batch 1 are memory-bound, convs compute-bound", () => {
    const r = rooflineReport(countCosts(alexnetSpec({ channels: 3 })), DEVICES.v100);
    const bound = (name: string) => r.items.find((i) => i.name === name)!.bound;
    assert.equal(bound("Conv2d-4 forward"), "compute");
    assert.equal(bound("Linear-15 forward"), "memory");
    assert.equal(
      r.seconds,
      r.items.reduce((a, i) => a + i.seconds, 0),
    );
    assert.ok(r.memoryBoundSeconds / r.seconds > 0.5, "batch 1 inference is mostly spent reading weights");
    const b128 = rooflineReport(countCosts(alexnetSpec({ channels: 3 }), { batch: 128 }), DEVICES.v100);
    assert.equal(b128.items.find((i) => i.name === "Linear-15 forward")!.bound, "compute");
    assert.ok(b128.imagesPerSecond > r.imagesPerSecond);
  });

  test("training adds every backward pass and one optimizer update", () => {
    const report = countCosts(alexnetSpec(), { batch: 4 });
    const items = workItems(report, "training", "adam");
    assert.equal(items.filter((i) => i.pass === "forward").length, 20); // flatten moves nothing
    assert.equal(items[20].name, "Linear-21 backward");
    const update = items.at(-1)!;
    assert.equal(update.name, "optimizer update (adam)");
    assert.equal(update.bytes, OPTIMIZER_UPDATE.adam.tensorsMoved * report.params * 4);
    const flops = items.reduce((a, i) => a + i.flops, 0);
    assert.equal(flops, report.trainingFlops - report.softmaxFlops + 12 * report.params);
  });
});

describe("chip trade-off (exercise 2)", () => {
  test("one work item: the best split puts the chip's ridge at the work's intensity", () => {
    // peak = 100 s/0.5, bandwidth = 10 (1-s)/0.5; F/peak = B/bw  ⇔  s = F / (F + 10 B) = 0.8 for F = 400, B = 10.
    const t = chipTradeoff([{ flops: 400, bytes: 10 }], { reference: TOY });
    assert.ok(Math.abs(t.best.computeShare - 0.8) < 1e-6, `${t.best.computeShare}`);
    assert.ok(Math.abs(t.best.seconds - 400 / 160) < 1e-6);
    assert.ok(Math.abs(t.reference.seconds - 4) < 1e-12);
    assert.equal(t.curve.length, 99);
    assert.ok(t.curve.every((p) => p.seconds >= t.best.seconds));
  });

  test("AlexNet: batch-1 inference wants more bandwidth than batch-128 training", () => {
    const infer = chipTradeoff(workItems(countCosts(alexnetSpec()), "inference"), { reference: DEVICES.v100 });
    const train = chipTradeoff(workItems(countCosts(alexnetSpec(), { batch: 128 }), "training"), {
      reference: DEVICES.v100,
    });
    assert.ok(infer.best.computeShare < train.best.computeShare);
    assert.ok(train.speedup >= 1 && infer.speedup >= 1);
  });
});

describe("probe", () => {
  test("copy bandwidth is measured, positive and finite", () => {
    const bandwidth = measureCopyBandwidth(4 * 2 ** 20, 2);
    assert.ok(Number.isFinite(bandwidth) && bandwidth > 1e8, `${bandwidth}`);
  });
});
