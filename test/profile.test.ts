import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "../lib/backend";
import { lenetSpec } from "../lib/models/zoo";
import { bestSeconds } from "../lib/profile/best-seconds";
import { timeForwardPasses } from "../lib/profile/forward-time";
import { tf } from "../lib/tf";

before(async () => {
  await initBackend({ log: () => {} });
});

test("timeForwardPasses times every spec layer and the whole model, leaking no tensors", () => {
  const before = tf.memory().numTensors;
  const times = timeForwardPasses(lenetSpec(), { batch: 4, repeats: 2 });
  assert.equal(times.batch, 4);
  assert.deepEqual(
    times.layers.map((l) => l.index),
    lenetSpec().layers.map((_, i) => i),
  );
  assert.ok(times.layers.every((l) => Number.isFinite(l.seconds) && l.seconds >= 0));
  assert.ok(times.modelSeconds > 0);
  assert.equal(tf.memory().numTensors, before);
});

test("bestSeconds keeps the fastest run", () => {
  const delays = [30, 5, 20];
  const spin = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
  const best = bestSeconds(3, () => spin(delays.shift()!));
  assert.ok(best >= 0.005 && best < 0.02, `best ${best}`);
});
