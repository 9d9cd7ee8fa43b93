/**
 * Reproducible runs (issue 11, "Also required"): the same preset, seed and
 * backend give the same losses and accuracies, run after run, in fresh
 * processes: the train CLI twice, compared number for number.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { npmRun } from "./fault-helpers";

interface Epoch {
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
}

function trainOnce(env: NodeJS.ProcessEnv): Epoch[] {
  const args = ["--model", "lenet-relu", "--epochs", "2", "--train-limit", "1024", "--val-limit", "512", "--seed", "3", "--json"];
  const run = npmRun("train", args, { D2L_BACKEND: "wasm", ...env }, 180_000);
  assert.equal(run.status, 0, run.stderr);
  const { history } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { history: Epoch[] };
  return history.map(({ trainLoss, trainAccuracy, valLoss, valAccuracy }) => ({ trainLoss, trainAccuracy, valLoss, valAccuracy }));
}

describe("the same seed trains to the same numbers", () => {
  for (const threads of ["1", "2"]) {
    test(`wasm, ${threads} thread(s): two runs agree exactly`, { timeout: 400_000 }, () => {
      const first = trainOnce({ D2L_WASM_THREADS: threads });
      const second = trainOnce({ D2L_WASM_THREADS: threads });
      assert.equal(first.length, 2);
      assert.ok(first[1].trainLoss < first[0].trainLoss || first[1].valAccuracy > 0.1, "it trained");
      assert.deepEqual(second, first);
    });
  }

  test("a different seed gives different numbers (the comparison can fail)", { timeout: 400_000 }, () => {
    const a = trainOnce({ D2L_WASM_THREADS: "1" });
    const args = ["--model", "lenet-relu", "--epochs", "2", "--train-limit", "1024", "--val-limit", "512", "--seed", "4", "--json"];
    const run = npmRun("train", args, { D2L_BACKEND: "wasm", D2L_WASM_THREADS: "1" }, 180_000);
    const { history } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { history: Epoch[] };
    assert.notEqual(history[1].trainLoss, a[1].trainLoss);
  });
});
