import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, beforeEach, test } from "node:test";
import { PLOTLY_MIME } from "../lib/plot/figure-bundle";
import { displayBundle, inTslabKernel, updatableDisplay } from "../lib/plot/kernel-display";
import { showFigure } from "../lib/plot/show";
import { lineFigure } from "../lib/plot/charts";
import { trainingBoard } from "../lib/train/board";
import type { EpochRecord } from "../lib/train/history";

interface Sent {
  content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id?: string } };
  update: boolean;
}

// Stands in for the running kernel's tslab/dist/jupyter.js, as it sits in require.cache during a cell.
function fakeTslab(version: string): string {
  const dir = path.join(KERNELS, version, "node_modules", "tslab");
  mkdirSync(path.join(dir, "dist"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tslab", version }));
  return path.join(dir, "dist", "jupyter.js");
}
const KERNELS = mkdtempSync(path.join(tmpdir(), "d2l-fake-tslab-"));
after(() => rmSync(KERNELS, { recursive: true, force: true }));
const FAKE_TSLAB = fakeTslab("1.0.22");
let sent: Sent[];

beforeEach(() => {
  sent = [];
  const fake = new Module(FAKE_TSLAB);
  fake.exports = {
    lastWriteDisplayData: (content: Sent["content"], update: boolean) => sent.push({ content, update }),
  };
  fake.loaded = true;
  require.cache[FAKE_TSLAB] = fake;
});

afterEach(() => {
  delete require.cache[FAKE_TSLAB];
});

test("the kernel is detected by its display writer in the module cache, and only there", () => {
  assert.equal(inTslabKernel(), true);
  delete require.cache[FAKE_TSLAB];
  assert.equal(inTslabKernel(), false);
  assert.throws(() => displayBundle({ "text/plain": "x" }), /not inside a tslab kernel/);
});

test("a tslab other than the one the display hook was written for stops with its version named", () => {
  delete require.cache[FAKE_TSLAB];
  const other = fakeTslab("1.0.23");
  const fake = new Module(other);
  fake.exports = { lastWriteDisplayData: () => {} };
  require.cache[other] = fake;
  try {
    assert.throws(() => inTslabKernel(), /tslab 1\.0\.23 is loaded .*written for tslab 1\.0\.22: run `npm ci`/);
  } finally {
    delete require.cache[other];
  }
});

test("a bundle goes out as ONE display_data message with every mime type", () => {
  showFigure(lineFigure({ title: "t", series: [{ name: "s", x: [0, 1], y: [1, 0] }] }));
  assert.equal(sent.length, 1);
  assert.equal(sent[0].update, false);
  assert.deepEqual(
    Object.keys(sent[0].content.data).sort(),
    [PLOTLY_MIME, "image/png", "text/html", "text/plain"].sort(),
  );
});

test("an updatable display sends display_data once, then update_display_data with the same id", () => {
  const display = updatableDisplay();
  display.show({ "text/plain": "1" });
  display.show({ "text/plain": "2" });
  assert.deepEqual(
    sent.map((s) => s.update),
    [false, true],
  );
  const [first, second] = sent.map((s) => s.content.transient.display_id);
  assert.match(first!, /^[0-9a-f]{16}$/);
  assert.equal(second, first);
});

function record(epoch: number): EpochRecord {
  return {
    epoch,
    trainLoss: 1 / epoch,
    trainAccuracy: 0.5,
    valLoss: 1.2 / epoch,
    valAccuracy: 0.4 + epoch / 10,
    trainImages: 100,
    trainSeconds: epoch,
    seconds: 1,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  };
}

test("the training board redraws one entry in place; its final state has a PNG and every curve", () => {
  const board = trainingBoard({ minSecondsBetweenRedraws: 0 });
  board.start({ label: "net", epochs: 2, batchesPerEpoch: 5 });
  for (const epoch of [1, 2]) {
    for (let batch = 1; batch <= 5; batch++) board.batch({ epoch, batch, loss: 2 - epoch / 2 - batch / 10 });
    board.epoch(record(epoch));
  }
  board.end({ history: [record(1), record(2)] });
  const ids = new Set(sent.map((s) => s.content.transient.display_id));
  assert.equal(ids.size, 1, "one display entry");
  assert.deepEqual(
    sent.map((s) => s.update),
    [false, ...Array(sent.length - 1).fill(true)],
  );
  const last = sent.at(-1)!.content;
  assert.ok(typeof last.data["image/png"] === "string" && (last.data["image/png"] as string).length > 1000);
  const figure = last.data[PLOTLY_MIME] as {
    data: { name: string; x: number[] }[];
    layout: { title: { text: string } };
  };
  assert.deepEqual(
    figure.data.map((t) => t.name),
    ["train loss", "val loss", "val acc"],
  );
  assert.deepEqual(figure.data[0].x, [0.6, 1, 1.6, 2], "two train-loss points per epoch: when each half completes");
  assert.deepEqual(figure.data[1].x, [1, 2]);
  // The whole run's figures, as the tables give them: 200 images in 1 + 2 training seconds.
  assert.equal(figure.layout.title.text, "net: done, 2 epochs, val acc 60.0%, 67 img/s");
});

test("a run stopped by a NaN loss before its first point still shows the losses it reached", () => {
  const board = trainingBoard({ minSecondsBetweenRedraws: 0 });
  board.start({ label: "net", epochs: 3, batchesPerEpoch: 10 });
  for (const [batch, loss] of [
    [1, 2.3],
    [2, 40],
    [3, 1e9],
    [4, NaN],
  ] as const)
    board.batch({ epoch: 1, batch, loss });
  board.end({ history: [], stopped: "loss became NaN at epoch 1, batch 4 (lr 10); training stopped" });
  const figure = sent.at(-1)!.content.data[PLOTLY_MIME] as {
    data: { x: number[]; y: number[] }[];
    layout: { title: { text: string } };
  };
  assert.deepEqual(figure.data[0].x, [0.3]);
  assert.ok(Math.abs(figure.data[0].y[0] - (2.3 + 40 + 1e9) / 3) < 1e-3);
  assert.match(figure.layout.title.text, /loss became NaN at epoch 1, batch 4/);
});

test("outside a notebook the training board is a line-per-epoch reporter", (t) => {
  delete require.cache[FAKE_TSLAB];
  const lines: string[] = [];
  t.mock.method(process.stderr, "write", (line: string) => lines.push(line) > 0);
  const board = trainingBoard();
  board.start({ label: "net", epochs: 1, batchesPerEpoch: 1 });
  board.epoch(record(1));
  t.mock.restoreAll();
  assert.equal(sent.length, 0);
  assert.match(lines.join(""), /net epoch 1\/1: train loss 1\.0000/);
});
