/**
 * Per-layer cost of a network spec at a batch size: parameters, multiply-accumulates,
 * FLOPs and bytes moved, forward and backward.
 *
 * Conventions (every count is for the whole batch):
 * - `macs`: multiply-accumulates of conv and dense layers; `flops` = 2 × macs, conv and
 *   dense only, no bias (the PyTorch profiler's with_flops convention).
 * - `biasFlops`: one add per output element of a conv/dense layer.
 * - `otherFlops`: activations, pooling and dropout, per output element:
 *   relu 1 (max), sigmoid 3 (exp, add, divide), max-pool k²−1 comparisons,
 *   avg-pool k² (k²−1 adds, 1 scale), dropout 1 (the mask multiply, training mode), flatten 0.
 * - `softmaxFlops` (network total only; it belongs to the loss, not a layer): 5 per logit
 *   (running max, subtract, exp, sum, divide).
 * - Bytes: a layer reads its weights and input and writes its output. Flatten is a view
 *   (PyTorch and tfjs both reshape without copying): it moves nothing.
 * - Backward, per layer that needs it: conv/dense compute dW (macs MACs) and, unless no
 *   earlier layer has parameters, dX (another macs MACs) — so ≈ 2× forward flops, and
 *   exactly 1× for the first conv, whose input gradient nobody needs. Bias gradients are
 *   one add per output element (`otherFlops`). relu 1, sigmoid 3 (g·y·(1−y)), max-pool 1 per
 *   output (route to the argmax), avg-pool k² per output, dropout 1 per element.
 *   Layers before the first parametrised layer run no backward at all. The loss's own
 *   backward (softmax − one-hot, 1 per logit) is not counted.
 */
import { requireExactCounts } from "./exact-totals";
import { inferShapes, windowOf, type LayerSpec, type LayerType, type NetworkSpec, type Shape } from "../models/spec";
import { bytesPerElement, type DType } from "./dtype";

export type LayerGroup = "conv" | "dense" | "other";

export interface PassCost {
  macs: number;
  /** 2 × macs (conv/dense only). */
  flops: number;
  /** Everything else: bias adds/gradients, activations, pooling, dropout. */
  otherFlops: number;
  bytesRead: number;
  bytesWritten: number;
  /** (flops + otherFlops) / (bytesRead + bytesWritten); 0 when nothing moves. */
  intensity: number;
}

export interface LayerCost {
  /** Position in spec.layers. */
  index: number;
  type: LayerType;
  /** torchsummary's name: "Conv2d-1", "ReLU-2", ... */
  name: string;
  group: LayerGroup;
  /** Per sample, channels-first like PyTorch: [C, H, W] or [N]. */
  inputShape: Shape;
  outputShape: Shape;
  params: number;
  weights: number;
  biases: number;
  macs: number;
  flops: number;
  biasFlops: number;
  otherFlops: number;
  outputElements: number;
  /** Size of the output tensor (torchsummary sums these). */
  outputBytes: number;
  /** Output shares its input's storage (flatten). */
  isView: boolean;
  bytesRead: number;
  bytesWritten: number;
  /** (flops + biasFlops + otherFlops) / (bytesRead + bytesWritten). */
  intensity: number;
  backward: PassCost;
}

export interface GroupTotals {
  params: number;
  macs: number;
  flops: number;
  biasFlops: number;
  otherFlops: number;
  /** Σ output bytes of the group's layers (views excluded). */
  activationBytes: number;
}

export interface CostReport {
  name: string;
  input: Shape;
  batch: number;
  dtype: DType;
  bytesPerElement: number;
  layers: LayerCost[];
  params: number;
  macs: number;
  /** 2 × MACs of conv and dense layers only. */
  flops: number;
  biasFlops: number;
  otherFlops: number;
  softmaxFlops: number;
  /** flops + biasFlops + otherFlops + softmaxFlops. */
  forwardTotalFlops: number;
  backwardFlops: number;
  backwardOtherFlops: number;
  /** Forward (all) + backward (all): one training step without the optimizer update. */
  trainingFlops: number;
  inputBytes: number;
  byGroup: Record<LayerGroup, GroupTotals>;
}

export interface CountOptions {
  batch?: number;
  dtype?: DType;
}

const TORCH_NAMES: Record<LayerType, string> = {
  conv2d: "Conv2d",
  maxpool2d: "MaxPool2d",
  avgpool2d: "AvgPool2d",
  relu: "ReLU",
  sigmoid: "Sigmoid",
  dropout: "Dropout",
  flatten: "Flatten",
  dense: "Linear",
};

const product = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

function groupOf(type: LayerType): LayerGroup {
  return type === "conv2d" ? "conv" : type === "dense" ? "dense" : "other";
}

function parameterCounts(layer: LayerSpec, input: Shape): { weights: number; biases: number } {
  if (layer.type === "conv2d")
    return { weights: layer.filters * input[0] * layer.kernel * layer.kernel, biases: layer.filters };
  if (layer.type === "dense") return { weights: input[0] * layer.units, biases: layer.units };
  return { weights: 0, biases: 0 };
}

/** MACs per output element of a conv/dense layer. */
function macsPerOutput(layer: LayerSpec, input: Shape): number {
  if (layer.type === "conv2d") return input[0] * layer.kernel * layer.kernel;
  if (layer.type === "dense") return input[0];
  return 0;
}

function otherOpsPerOutput(layer: LayerSpec, pass: "forward" | "backward"): number {
  switch (layer.type) {
    case "relu":
    case "dropout":
      return 1;
    case "sigmoid":
      return 3;
    case "maxpool2d":
      return pass === "forward" ? windowOf(layer).kernel ** 2 - 1 : 1;
    case "avgpool2d":
      return windowOf(layer).kernel ** 2;
    default:
      return 0;
  }
}

const intensityOf = (flops: number, bytes: number): number => (bytes > 0 ? flops / bytes : 0);

function backwardCost(
  layer: LayerSpec,
  sizes: { inputBytes: number; outputBytes: number; paramBytes: number; macs: number; outputElements: number },
  needsInputGradient: boolean,
  runsBackward: boolean,
): PassCost {
  const none: PassCost = { macs: 0, flops: 0, otherFlops: 0, bytesRead: 0, bytesWritten: 0, intensity: 0 };
  if (!runsBackward || layer.type === "flatten") return none;
  const { inputBytes, outputBytes, paramBytes, macs, outputElements } = sizes;
  if (layer.type === "conv2d" || layer.type === "dense") {
    const backwardMacs = needsInputGradient ? 2 * macs : macs;
    const bytesRead = outputBytes + inputBytes + (needsInputGradient ? paramBytes : 0);
    const bytesWritten = paramBytes + (needsInputGradient ? inputBytes : 0);
    const flops = 2 * backwardMacs;
    return {
      macs: backwardMacs,
      flops,
      otherFlops: outputElements,
      bytesRead,
      bytesWritten,
      intensity: intensityOf(flops + outputElements, bytesRead + bytesWritten),
    };
  }
  // Gradient of the output in; relu/sigmoid/dropout also read their output or mask, max-pool its input.
  const extraRead = layer.type === "avgpool2d" ? 0 : layer.type === "maxpool2d" ? inputBytes : outputBytes;
  const otherFlops = otherOpsPerOutput(layer, "backward") * outputElements;
  const bytesRead = outputBytes + extraRead;
  return {
    macs: 0,
    flops: 0,
    otherFlops,
    bytesRead,
    bytesWritten: inputBytes,
    intensity: intensityOf(otherFlops, bytesRead + inputBytes),
  };
}

function emptyGroup(): GroupTotals {
  return { params: 0, macs: 0, flops: 0, biasFlops: 0, otherFlops: 0, activationBytes: 0 };
}

/** The cost of every layer of `spec` and the network's totals. Throws SpecError for a malformed spec. */
export function countCosts(spec: NetworkSpec, { batch = 1, dtype = "fp32" }: CountOptions = {}): CostReport {
  if (!Number.isSafeInteger(batch) || batch <= 0)
    throw new RangeError(`batch must be a positive integer, got ${batch}`);
  const shapes = inferShapes(spec);
  const bytes = bytesPerElement(dtype);
  const firstParametrised = spec.layers.findIndex((l) => l.type === "conv2d" || l.type === "dense");

  const layers = spec.layers.map((layer, index): LayerCost => {
    const inputShape = index === 0 ? [...spec.input] : shapes[index - 1];
    const outputShape = shapes[index];
    const { weights, biases } = parameterCounts(layer, inputShape);
    const params = weights + biases;
    const outputElements = batch * product(outputShape);
    const isParametrised = params > 0;
    const macs = outputElements * macsPerOutput(layer, inputShape);
    const flops = 2 * macs;
    const biasFlops = isParametrised ? outputElements : 0;
    const otherFlops = otherOpsPerOutput(layer, "forward") * outputElements;
    const isView = layer.type === "flatten";
    const inputBytes = batch * product(inputShape) * bytes;
    const outputBytes = outputElements * bytes;
    const paramBytes = params * bytes;
    const bytesRead = isView ? 0 : paramBytes + inputBytes;
    const bytesWritten = isView ? 0 : outputBytes;
    const runsBackward = firstParametrised >= 0 && index >= firstParametrised;
    const needsInputGradient = firstParametrised >= 0 && index > firstParametrised;
    return {
      index,
      type: layer.type,
      name: `${TORCH_NAMES[layer.type]}-${index + 1}`,
      group: groupOf(layer.type),
      inputShape,
      outputShape,
      params,
      weights,
      biases,
      macs,
      flops,
      biasFlops,
      otherFlops,
      outputElements,
      outputBytes,
      isView,
      bytesRead,
      bytesWritten,
      intensity: intensityOf(flops + biasFlops + otherFlops, bytesRead + bytesWritten),
      backward: backwardCost(
        layer,
        { inputBytes, outputBytes, paramBytes, macs, outputElements },
        needsInputGradient,
        runsBackward,
      ),
    };
  });

  const byGroup: Record<LayerGroup, GroupTotals> = { conv: emptyGroup(), dense: emptyGroup(), other: emptyGroup() };
  for (const l of layers) {
    const g = byGroup[l.group];
    g.params += l.params;
    g.macs += l.macs;
    g.flops += l.flops;
    g.biasFlops += l.biasFlops;
    g.otherFlops += l.otherFlops;
    g.activationBytes += l.isView ? 0 : l.outputBytes;
  }
  const sum = (f: (l: LayerCost) => number): number => layers.reduce((a, l) => a + f(l), 0);
  const finalShape = shapes[shapes.length - 1];
  const softmaxFlops = finalShape.length === 1 ? 5 * batch * finalShape[0] : 0;
  const flops = sum((l) => l.flops);
  const biasFlops = sum((l) => l.biasFlops);
  const otherFlops = sum((l) => l.otherFlops);
  const forwardTotalFlops = flops + biasFlops + otherFlops + softmaxFlops;
  const backwardFlops = sum((l) => l.backward.flops);
  const backwardOtherFlops = sum((l) => l.backward.otherFlops);
  const report: CostReport = {
    name: spec.name ?? "network",
    input: [...spec.input],
    batch,
    dtype,
    bytesPerElement: bytes,
    layers,
    params: sum((l) => l.params),
    macs: sum((l) => l.macs),
    flops,
    biasFlops,
    otherFlops,
    softmaxFlops,
    forwardTotalFlops,
    backwardFlops,
    backwardOtherFlops,
    trainingFlops: forwardTotalFlops + backwardFlops + backwardOtherFlops,
    inputBytes: batch * product(spec.input) * bytes,
    byGroup,
  };
  const { params, macs, trainingFlops, inputBytes } = report;
  requireExactCounts(
    {
      parameters: params,
      MACs: macs,
      "training FLOPs": trainingFlops,
      "input bytes": inputBytes,
      "activation bytes": sum((l) => l.outputBytes),
    },
    `${report.name} at batch ${batch}`,
  );
  return report;
}
