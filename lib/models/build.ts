import { tfl } from "../tf";
import { seedDropout } from "./seeded-dropout";
import { PaddedConv2D } from "./padded-conv2d";
import { inferShapes, windowOf, type LayerSpec, type NetworkSpec, type Shape } from "./spec";

/**
 * How weights start:
 * - "xavier": Glorot-uniform weights, as d2l's `init_cnn` (biases keep PyTorch's default);
 * - "torch": PyTorch's default, U(±1/sqrt(fan_in)) for weights and biases — what d2l's
 *   AlexNet effectively trains with, since its init_cnn runs before the lazy layers exist;
 * - { normal: std }: N(0, std²) weights, zero biases (for showing what a bad scale does).
 */
export type InitScheme = "xavier" | "torch" | { normal: number };

export interface BuildOptions {
  init?: InitScheme;
  /** Seeds every initializer (each layer gets seed + its index). */
  seed?: number;
}

type Initializer = ReturnType<typeof tfl.initializers.zeros>;

/** fan_in of a conv/dense layer as PyTorch computes it. */
function fanIn(layer: LayerSpec, input: Shape): number {
  if (layer.type === "conv2d") return input[0] * layer.kernel * layer.kernel;
  return input[0];
}

function torchUniform(fan: number, seed: number): Initializer {
  const limit = 1 / Math.sqrt(fan);
  return tfl.initializers.randomUniform({ minval: -limit, maxval: limit, seed });
}

function initializers(
  scheme: InitScheme,
  fan: number,
  seed: number,
): { kernelInitializer: Initializer; biasInitializer: Initializer } {
  if (scheme === "xavier") {
    return {
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      biasInitializer: torchUniform(fan, seed + 1),
    };
  }
  if (scheme === "torch") {
    return { kernelInitializer: torchUniform(fan, seed), biasInitializer: torchUniform(fan, seed + 1) };
  }
  if (!(scheme.normal > 0))
    throw new Error(`init { normal: ${scheme.normal} }: the standard deviation must be positive`);
  return {
    kernelInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: scheme.normal, seed }),
    biasInitializer: tfl.initializers.zeros(),
  };
}

/** tfjs pools pad only 'same'/'valid'; PyTorch's symmetric zero padding becomes an explicit ZeroPadding2D. */
function paddingLayer(padding: number, name: string): tfl.layers.Layer[] {
  return padding > 0 ? [tfl.layers.zeroPadding2d({ padding, name: `${name}_pad` })] : [];
}

function layersFor(layer: LayerSpec, index: number, input: Shape, options: Required<BuildOptions>): tfl.layers.Layer[] {
  const name = `${index}_${layer.type}`;
  const seed = options.seed + 2 * index;
  switch (layer.type) {
    case "conv2d": {
      const { kernel, stride, padding } = windowOf(layer);
      return [
        new PaddedConv2D({
          name,
          filters: layer.filters,
          kernelSize: kernel,
          strides: stride,
          padding,
          ...initializers(options.init, fanIn(layer, input), seed),
          inputGradient: index > 0,
        }),
      ];
    }
    case "maxpool2d":
    case "avgpool2d": {
      const { kernel, stride, padding } = windowOf(layer);
      if (layer.type === "maxpool2d" && padding > 0) {
        // PyTorch pads max-pooling with -inf; zero padding would change the result for negative inputs.
        throw new Error(`layer ${index} (maxpool2d): padding > 0 is not supported by the model builder; use padding 0`);
      }
      const pool = layer.type === "maxpool2d" ? tfl.layers.maxPooling2d : tfl.layers.averagePooling2d;
      // Zero padding + valid pooling = PyTorch's avg_pool2d with count_include_pad=True (its default).
      return [...paddingLayer(padding, name), pool({ name, poolSize: kernel, strides: stride, padding: "valid" })];
    }
    case "relu":
    case "sigmoid":
      return [tfl.layers.activation({ name, activation: layer.type })];
    case "dropout":
      return [seedDropout(tfl.layers.dropout({ name, rate: layer.rate }), seed)];
    case "flatten":
      return [tfl.layers.flatten({ name })];
    case "dense":
      return [tfl.layers.dense({ name, units: layer.units, ...initializers(options.init, fanIn(layer, input), seed) })];
  }
}

/** Channels-first [C, H, W] (the spec's order) to tfjs's channels-last [H, W, C]. */
export function toChannelsLast(shape: Shape): number[] {
  return shape.length === 3 ? [shape[1], shape[2], shape[0]] : [...shape];
}

/**
 * A tfjs model computing exactly what the spec describes (NHWC tensors, logits out).
 * Throws SpecError naming the layer when the spec is malformed or its input is too small.
 */
/** `init` defaults to the spec's own (d2l's effective init), else "xavier". */
export function buildModel(
  spec: NetworkSpec,
  { init = spec.init ?? "xavier", seed = 0 }: BuildOptions = {},
): tfl.Sequential {
  // Above 2^53 a seed is already rounded by the time it gets here (…993 arrives as …992).
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`buildModel: seed must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  }
  const shapes = inferShapes(spec);
  const model = tfl.sequential({ name: (spec.name ?? "network").replace(/[^A-Za-z0-9_]/g, "_") });
  model.add(tfl.layers.inputLayer({ inputShape: toChannelsLast(spec.input) }));
  spec.layers.forEach((layer, index) => {
    const input = index === 0 ? spec.input : shapes[index - 1];
    for (const built of layersFor(layer, index, input, { init, seed })) model.add(built);
  });
  return model;
}
