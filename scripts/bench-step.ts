/**
 * The training steps the benchmarks time: d2l's models, SGD on random data,
 * lib's Trainer step (trainStep) with its optimizer (makeOptimizer).
 */
import { buildModel } from "../lib/models/build";
import type { NetworkSpec } from "../lib/models/spec";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import { tf } from "../lib/tf";
import { makeOptimizer } from "../lib/train/optimizer";
import { trainStep } from "../lib/train/trainer";

/**
 * Seconds of steps before timing starts, in both benches (bench-torch.ts passes it to
 * bench_torch.py). V8 compiles a step's JavaScript over its first few dozen runs: LeNet@28
 * b256's first 50 steps took 16.0 ms each (median), the next 50 13.5 ms; PyTorch's took 17.2
 * and 17.1 ms.
 */
export const WARM_UP_SECONDS = 1;

export interface BenchCase {
  /** The key in bench --json output. */
  key: string;
  spec: NetworkSpec;
  batch: number;
  lr: number;
}

export const BENCH_CASES: readonly BenchCase[] = [
  { key: "lenet28_b256", spec: lenetSpec(), batch: 256, lr: 0.1 },
  { key: "alexnet224_b32", spec: alexnetSpec(), batch: 32, lr: 0.01 },
  // What notebooks 4-8 train: AlexNet at 68×68 (the layer shapes of the smallest input, 65), batch 128.
  { key: "alexnet68_b128", spec: alexnetSpec({ size: 68 }), batch: 128, lr: 0.01 },
  // The cpu preset's reduced AlexNet: 96×96 (AlexNet needs ≥ 65), 1/7 of the 224 FLOPs; its last pooling is 1×1 (flatten 256).
  { key: "alexnet96_b64", spec: alexnetSpec({ size: 96 }), batch: 64, lr: 0.01 },
];

export function benchCase(key: string): BenchCase {
  const found = BENCH_CASES.find((c) => c.key === key);
  if (!found)
    throw new Error(`unknown benchmark "${key}"; expected one of ${BENCH_CASES.map((c) => c.key).join(", ")}`);
  return found;
}

export interface TrainingStep {
  /** One SGD step; returns the loss (reading it waits for the step to finish). */
  run(): number;
  dispose(): void;
}

export function trainingStep({ spec, batch, lr }: BenchCase): TrainingStep {
  const model = buildModel(spec, { init: "torch", seed: 1 });
  const optimizer = makeOptimizer("sgd", lr);
  const [channels, height, width] = spec.input;
  const x = tf.randomUniform([batch, height, width, channels], 0, 1, "float32", 2) as tf.Tensor4D;
  const labels = tf.randomUniform([batch], 0, 10, "int32", 3) as tf.Tensor1D;
  return {
    run() {
      return trainStep(model, optimizer, { x, y: labels }).loss;
    },
    dispose() {
      tf.dispose([x, labels]);
      optimizer.dispose();
      model.dispose();
    },
  };
}
