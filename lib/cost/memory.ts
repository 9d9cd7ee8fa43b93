/**
 * How many bytes a network needs, for training and for inference, from its cost report.
 *
 * Training at batch B = weights + gradients (one per weight) + optimizer state
 * + the input batch + every layer's output kept for backward (conv/dense need their
 * input for dW, relu/sigmoid their output, max-pool its input, dropout its mask;
 * flatten is a view and keeps nothing) + the gradient workspace: the largest
 * pair of gradient tensors (w.r.t. one layer's input and output) alive at once
 * during backward.
 *
 * Inference at batch B = weights + the largest live pair of activations (one
 * layer's input and output; earlier ones can be freed).
 *
 * Every tensor is counted in the report's dtype; framework overhead, allocator
 * slack, im2col buffers and cuDNN workspaces are not counted.
 */
import { requireExactCounts } from "./exact-totals";
import { countCosts, type CostReport, type CountOptions } from "./count";
import type { NetworkSpec } from "../models/spec";
import type { OptimizerName } from "../optimizer-names";

/** Tensors of the weights' size each optimizer keeps: SGD none, momentum the velocity, Adam m and v. */
export const OPTIMIZER_STATE_SLOTS: Record<OptimizerName, number> = { sgd: 0, momentum: 1, adam: 2 };

export interface TrainingMemory {
  batch: number;
  optimizer: OptimizerName;
  weights: number;
  gradients: number;
  optimizerState: number;
  input: number;
  activations: number;
  gradientWorkspace: number;
  total: number;
  /** The largest of the components above. */
  dominant: "weights" | "gradients" | "optimizerState" | "input" | "activations" | "gradientWorkspace";
}

export interface InferenceMemory {
  batch: number;
  weights: number;
  /** Input + output of the layer where that sum is largest. */
  activations: number;
  /** Index (in spec.layers) of that layer. */
  largestPairLayer: number;
  total: number;
  dominant: "weights" | "activations";
}

function largest<K extends string>(parts: Record<K, number>): K {
  return (Object.keys(parts) as K[]).reduce((a, b) => (parts[b] > parts[a] ? b : a));
}

function inputBytesOf(report: CostReport, index: number): number {
  return index === 0 ? report.inputBytes : report.layers[index - 1].outputBytes;
}

export function trainingMemory(report: CostReport, optimizer: OptimizerName = "sgd"): TrainingMemory {
  const weights = report.params * report.bytesPerElement;
  const activations = report.layers.reduce((sum, l) => sum + (l.isView ? 0 : l.outputBytes), 0);
  // During one layer's backward: the gradient of its output, and of its input when that is computed.
  const gradientWorkspace = report.layers.reduce((max, l) => {
    if (l.backward.bytesRead === 0) return max;
    const inputGradient = l.backward.bytesWritten - l.params * report.bytesPerElement;
    return Math.max(max, l.outputBytes + inputGradient);
  }, 0);
  const parts = {
    weights,
    gradients: weights,
    optimizerState: OPTIMIZER_STATE_SLOTS[optimizer] * weights,
    input: report.inputBytes,
    activations,
    gradientWorkspace,
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  requireExactCounts({ "training memory (bytes)": total }, `${report.name} at batch ${report.batch}`);
  return { batch: report.batch, optimizer, ...parts, total, dominant: largest(parts) };
}

export function inferenceMemory(report: CostReport): InferenceMemory {
  let activations = 0;
  let largestPairLayer = 0;
  report.layers.forEach((l, i) => {
    const pair = l.isView ? 0 : inputBytesOf(report, i) + l.outputBytes;
    if (pair > activations) [activations, largestPairLayer] = [pair, i];
  });
  const weights = report.params * report.bytesPerElement;
  return {
    batch: report.batch,
    weights,
    activations,
    largestPairLayer,
    total: weights + activations,
    dominant: largest({ weights, activations }),
  };
}

/** Training and inference memory at each batch size: how the dominant term shifts with B. */
export function memoryByBatch(
  spec: NetworkSpec,
  batches: number[],
  { dtype, optimizer = "sgd" }: Pick<CountOptions, "dtype"> & { optimizer?: OptimizerName } = {},
): { batch: number; training: TrainingMemory; inference: InferenceMemory }[] {
  return batches.map((batch) => {
    const report = countCosts(spec, { batch, dtype });
    return { batch, training: trainingMemory(report, optimizer), inference: inferenceMemory(report) };
  });
}

/**
 * The smallest batch at which activations kept for training outweigh weights +
 * gradients + optimizer state (activation memory is linear in B; the rest is not).
 */
export function activationCrossoverBatch(
  spec: NetworkSpec,
  { dtype, optimizer = "sgd" }: { dtype?: CountOptions["dtype"]; optimizer?: OptimizerName } = {},
): number {
  const perImage = trainingMemory(countCosts(spec, { batch: 1, dtype }), optimizer);
  const fixed = perImage.weights + perImage.gradients + perImage.optimizerState;
  const perSample = perImage.activations + perImage.input + perImage.gradientWorkspace;
  return Math.floor(fixed / perSample) + 1;
}
