import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { fashionMnist, fashionMnistFrom } from "../lib/data";
import { buildModel } from "../lib/models/build";
import { lenetSpec, alexnetSpec } from "../lib/models/zoo";
import { sharedFashionMnist } from "../lib/runs/load-data";
import { runRecord, trainRun } from "../lib/runs/run";
import { summarizeRun } from "../lib/runs/summary";
import { tf } from "../lib/tf";
import { imagesPerSecond } from "../lib/train/history";
import { silentProgress } from "../lib/train/progress";
import { fit } from "../lib/train/trainer";
import { copyFixture, FIXTURE_DIR, FIXTURE_TRAIN, FIXTURE_VAL } from "./data-helpers";

before(async () => {
  await initBackend({ log: () => {} });
});

test("trainRun trains a spec on real data and returns one record: setup, counted costs, history", async () => {
  const before = tf.memory().numTensors;
  const setup = {
    spec: lenetSpec(),
    data: { trainSubset: 256, valSubset: 128, batchSize: 64 },
    epochs: 2,
    lr: 0.1,
    progress: silentProgress,
  };
  const run = await trainRun(setup);
  // The record keeps what was asked and says which init ran: the spec's own (LeNet: d2l's Xavier).
  assert.deepEqual(run.setup, { ...setup, init: "xavier" });
  assert.equal(run.history.length, 2);
  assert.equal(run.params, 61_706);
  assert.equal(run.flopsPerImage, 833_040);
  assert.deepEqual([run.trainSize, run.valSize], [256, 128]);
  assert.ok(run.history.every((r) => r.trainImages === 256 && r.trainSeconds > 0 && r.trainSeconds < r.seconds));
  const s = summarizeRun(run);
  assert.equal(s.trainImages, 512);
  assert.equal(s.imagesPerSecond, imagesPerSecond({ trainImages: 512, trainSeconds: s.trainSeconds }));
  assert.equal(tf.memory().numTensors, before, "the model is disposed after the run");
});

test("trainRun refuses a spec Fashion-MNIST cannot feed", async () => {
  await assert.rejects(
    trainRun({ spec: alexnetSpec({ channels: 3, size: 68 }), epochs: 1, lr: 0.01 }),
    /AlexNet: Fashion-MNIST has 1 channel but the spec's input has 3/,
  );
});

test("trainRun rejects a data.resize the spec's input contradicts", async () => {
  await assert.rejects(
    trainRun({ spec: lenetSpec(), data: { resize: 32 }, epochs: 1, lr: 0.1, progress: silentProgress }),
    /LeNet: data\.resize 32×32 does not match the spec's input 28×28/,
  );
});

test("trainRun reads data.dir, and a failed load is not remembered", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "d2l-run-data-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const setup = {
    spec: lenetSpec(),
    data: { dir, download: false, batchSize: 500 },
    epochs: 1,
    lr: 0.1,
    progress: silentProgress,
  };
  await assert.rejects(trainRun(setup), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  copyFixture(dir);
  const run = await trainRun(setup);
  assert.deepEqual(
    [run.trainSize, run.valSize],
    [FIXTURE_TRAIN, FIXTURE_VAL],
    "the files put there after the failure are read",
  );
});

test("fashionMnistFrom rejects a loading option it could not honour", async () => {
  const raw = await sharedFashionMnist({ dir: FIXTURE_DIR });
  assert.throws(
    () => fashionMnistFrom(raw, { dir: "/elsewhere" }),
    /fashionMnistFrom: "dir" says where to read the files, but they are already loaded/,
  );
});

test("a run trained by hand, d2l style, is recorded like one from trainRun", async () => {
  const spec = lenetSpec();
  const setup = { spec, epochs: 1, lr: 0.1, label: "by hand" };
  const model = buildModel(spec);
  const data = await fashionMnist({ dir: FIXTURE_DIR, trainSubset: 128, valSubset: 64, batchSize: 64 });
  const result = await fit(model, data, { epochs: 1, lr: 0.1, progress: silentProgress });
  const run = runRecord(setup, model, data, result);
  model.dispose();
  assert.equal(run.label, "by hand");
  assert.deepEqual([run.params, run.flopsPerImage, run.trainSize, run.valSize], [61_706, 833_040, 128, 64]);
  assert.ok(run.seconds > 0 && run.seconds === result.seconds, "the seconds fit measured");
  assert.equal(summarizeRun(run).trainImages, 128);
  assert.equal(run.setup.init, "xavier");
  assert.equal(runRecord({ ...setup, spec: alexnetSpec({ size: 68 }) }, model, data, result).setup.init, "torch");
});
