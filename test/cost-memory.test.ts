import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  activationCrossoverBatch,
  countCosts,
  formatCostTable,
  formatMemory,
  inferenceMemory,
  memoryByBatch,
  torchsummaryFigures,
  trainingMemory,
} from "../lib/cost";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";

const MiB = 2 ** 20;

describe("torchsummary's figures for the 3-channel 3×224² AlexNet", () => {
  const report = countCosts(alexnetSpec({ channels: 3 }));

  test("Input 0.57, Forward/backward 10.22, Params 178.48, Estimated total 189.28 (MB = 2^20 bytes)", () => {
    const ts = torchsummaryFigures(report);
    assert.equal(ts.totalParams, 46_787_978);
    assert.equal(ts.inputMB.toFixed(2), "0.57");
    assert.equal(ts.forwardBackwardMB.toFixed(2), "10.22");
    assert.equal(ts.paramsMB.toFixed(2), "178.48");
    assert.equal(ts.totalMB.toFixed(2), "189.28");
    // "Forward/backward" is 2 × the sum of every layer's output (flatten and dropout included), at batch 1.
    assert.equal(ts.forwardBackwardMB * MiB, 2 * 4 * 1_340_042);
  });

  test("the table has torchsummary's rows and footer, plus MAC and memory columns", () => {
    const text = formatCostTable(report);
    const lines = text.split("\n");
    assert.match(
      lines[2],
      /^Layer \(type\)\s+Output Shape\s+Param #\s+MACs\s+Bias FLOPs\s+Act\/pool FLOPs\s+Out MiB\s+R\+W MiB\s+FLOP\/B$/,
    );
    assert.match(text, /\nConv2d-1 +\[1, 96, 54, 54\] +34,944 +101,616,768 /);
    assert.match(text, /\nMaxPool2d-13 +\[1, 256, 5, 5\] +0 /);
    assert.match(text, /\nLinear-15 +\[1, 4096\] +26,218,496 +26,214,400 /);
    assert.match(text, /\nLinear-21 +\[1, 10\] +40,970 /);
    for (const line of [
      "Total params: 46,787,978 (conv 3,747,200 = 8.0%; dense 43,040,778 = 92.0%)",
      "Input size (MB): 0.57",
      "Forward/backward pass size (MB): 10.22",
      "Params size (MB): 178.48",
      "Estimated Total Size (MB): 189.28",
      "FLOPs (2 × MACs, conv + dense, no bias): 2,011,781,376 = 2.01 G (conv 95.7%, dense 4.3%)",
    ]) {
      assert.ok(lines.includes(line), `missing line: ${line}`);
    }
    assert.equal(lines.filter((l) => /^[A-Za-z0-9]+-\d+ /.test(l)).length, 21);
  });
});

describe("memory model", () => {
  test("training at batch 1 (SGD): weights + gradients + input + kept outputs + gradient workspace", () => {
    const report = countCosts(alexnetSpec({ channels: 3 }));
    const t = trainingMemory(report, "sgd");
    const weights = 4 * 46_787_978;
    assert.equal(t.weights, weights);
    assert.equal(t.gradients, weights);
    assert.equal(t.optimizerState, 0);
    assert.equal(t.input, 4 * 3 * 224 * 224);
    // Σ outputs except flatten's (a view).
    assert.equal(t.activations, 4 * (1_340_042 - 6400));
    // ReLU-2's backward: gradients of a 96×54×54 output and input.
    assert.equal(t.gradientWorkspace, 2 * 4 * 96 * 54 * 54);
    assert.equal(t.total, 2 * weights + t.input + t.activations + t.gradientWorkspace);
    assert.equal(t.dominant, "weights");
    // The honest figure is about twice torchsummary's estimate.
    assert.ok(t.total / MiB > 364 && t.total / MiB < 365, `${t.total / MiB}`);
  });

  test("optimizer state: momentum one copy of the weights, Adam two", () => {
    const report = countCosts(lenetSpec());
    assert.equal(trainingMemory(report, "momentum").optimizerState, 4 * 61_706);
    assert.equal(trainingMemory(report, "adam").optimizerState, 2 * 4 * 61_706);
  });

  test("inference: weights + the largest live input/output pair", () => {
    const i = inferenceMemory(countCosts(alexnetSpec({ channels: 3 }), { batch: 8 }));
    assert.equal(i.largestPairLayer, 1);
    assert.equal(i.activations, 8 * 2 * 4 * 96 * 54 * 54);
    assert.equal(i.total, 4 * 46_787_978 + i.activations);
  });

  test("what dominates shifts with the batch: weights at 1, activations at 128", () => {
    const [one, big] = memoryByBatch(alexnetSpec(), [1, 128]);
    assert.equal(one.training.dominant, "weights");
    assert.equal(big.training.dominant, "activations");
    assert.equal(big.training.weights, one.training.weights);
    assert.equal(big.training.activations, 128 * one.training.activations);
    const crossover = activationCrossoverBatch(alexnetSpec());
    const at = (b: number) => memoryByBatch(alexnetSpec(), [b])[0].training;
    const perSample = (m: ReturnType<typeof at>) => m.activations + m.input + m.gradientWorkspace;
    const fixed = (m: ReturnType<typeof at>) => m.weights + m.gradients + m.optimizerState;
    assert.ok(perSample(at(crossover)) > fixed(at(crossover)));
    assert.ok(perSample(at(crossover - 1)) <= fixed(at(crossover - 1)));
    assert.ok(activationCrossoverBatch(alexnetSpec(), { optimizer: "adam" }) > crossover);
  });

  test("fp16 halves every component", () => {
    const fp32 = trainingMemory(countCosts(lenetSpec(), { batch: 4 }));
    const fp16 = trainingMemory(countCosts(lenetSpec(), { batch: 4, dtype: "fp16" }));
    assert.equal(fp16.total * 2, fp32.total);
  });

  test("the memory text names every component and what dominates", () => {
    const report = countCosts(alexnetSpec({ channels: 3 }));
    const text = formatMemory(trainingMemory(report), inferenceMemory(report), report);
    assert.match(
      text,
      /training \(sgd\): weights 178\.48 \+ gradients 178\.48 \+ optimizer state 0\.00 \+ input 0\.57 .* = 364\.\d\d MiB; largest: weights/,
    );
    assert.match(text, /inference: weights 178\.48 \+ largest live activation pair 2\.14 \(in\/out of ReLU-2\)/);
  });
});
