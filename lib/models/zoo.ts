import type { LayerSpec, NetworkSpec } from "./spec";

export interface ImageInput {
  /** Input channels (Fashion-MNIST: 1). */
  channels?: number;
  /** Input height and width in pixels. */
  size?: number;
  /** Number of output classes. */
  classes?: number;
}

/**
 * d2l's AlexNet (section 8.1): five convolutions, three max-pools, two 4096-unit
 * dense layers with dropout 0.5, ReLU after every convolution and hidden dense layer.
 */
export function alexnetSpec({ channels = 1, size = 224, classes = 10 }: ImageInput = {}): NetworkSpec {
  return {
    name: "AlexNet",
    input: [channels, size, size],
    init: "torch",
    layers: [
      { type: "conv2d", filters: 96, kernel: 11, stride: 4, padding: 1 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "conv2d", filters: 256, kernel: 5, padding: 2 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "conv2d", filters: 384, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "conv2d", filters: 384, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "conv2d", filters: 256, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "flatten" },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: classes },
    ],
  };
}

/** d2l's LeNet-5 (section 7.6): sigmoid activations and average pooling, as in the book. */
export function lenetSpec({ channels = 1, size = 28, classes = 10 }: ImageInput = {}): NetworkSpec {
  return {
    name: "LeNet",
    input: [channels, size, size],
    init: "xavier",
    layers: [
      { type: "conv2d", filters: 6, kernel: 5, padding: 2 },
      { type: "sigmoid" },
      { type: "avgpool2d", kernel: 2, stride: 2 },
      { type: "conv2d", filters: 16, kernel: 5 },
      { type: "sigmoid" },
      { type: "avgpool2d", kernel: 2, stride: 2 },
      { type: "flatten" },
      { type: "dense", units: 120 },
      { type: "sigmoid" },
      { type: "dense", units: 84 },
      { type: "sigmoid" },
      { type: "dense", units: classes },
    ],
  };
}

export const MODEL_NAMES = ["alexnet", "lenet", "lenet-relu"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** A zoo model by its CLI name; "lenet-relu" is LeNet with ReLU and max-pooling. */
export function specByName(name: string, input: ImageInput = {}): NetworkSpec {
  switch (name) {
    case "alexnet":
      return alexnetSpec(input);
    case "lenet":
      return lenetSpec(input);
    case "lenet-relu":
      return { ...withPooling(withActivation(lenetSpec(input), "relu"), "maxpool2d"), name: "LeNet (ReLU, max-pool)" };
    default:
      throw new Error(`unknown model "${name}"; expected one of ${MODEL_NAMES.join(", ")}`);
  }
}

/** The spec with each layer replaced by what `f` returns for it (none, itself, or several). */
export function mapLayers(spec: NetworkSpec, f: (layer: LayerSpec) => LayerSpec[]): NetworkSpec {
  return { ...spec, input: [...spec.input], layers: spec.layers.flatMap((layer) => f({ ...layer })) };
}

/** Every activation replaced by `activation`. */
export function withActivation(spec: NetworkSpec, activation: "relu" | "sigmoid"): NetworkSpec {
  return mapLayers(spec, (l) => (l.type === "relu" || l.type === "sigmoid" ? [{ type: activation }] : [l]));
}

/** Every pooling layer turned into max- or average-pooling with the same window. */
export function withPooling(spec: NetworkSpec, pooling: "maxpool2d" | "avgpool2d"): NetworkSpec {
  return mapLayers(spec, (l) => (l.type === "maxpool2d" || l.type === "avgpool2d" ? [{ ...l, type: pooling }] : [l]));
}

/** All nonlinearities removed. */
export function withoutActivations(spec: NetworkSpec): NetworkSpec {
  return mapLayers(spec, (l) => (l.type === "relu" || l.type === "sigmoid" ? [] : [l]));
}

/** All dropout layers removed. */
export function withoutDropout(spec: NetworkSpec): NetworkSpec {
  return mapLayers(spec, (l) => (l.type === "dropout" ? [] : [l]));
}

/** Dropout of `rate` after every activation that follows a hidden dense layer (existing dropout rates set to `rate`). */
export function withDropout(spec: NetworkSpec, rate: number): NetworkSpec {
  const plain = withoutDropout(spec);
  const layers: LayerSpec[] = [];
  plain.layers.forEach((layer, i) => {
    layers.push(layer);
    const previous = plain.layers[i - 1];
    const isActivation = layer.type === "relu" || layer.type === "sigmoid";
    if (isActivation && previous?.type === "dense") layers.push({ type: "dropout", rate });
  });
  return { ...plain, layers };
}

/**
 * Convolution filters and hidden dense units multiplied by `factor` (rounded, at least 1).
 * The last dense layer keeps its units: it is the class count.
 */
export function scaleWidth(
  spec: NetworkSpec,
  factor: number,
  { dense = factor }: { dense?: number } = {},
): NetworkSpec {
  if (!(factor > 0) || !(dense > 0)) throw new Error(`scaleWidth: factors must be positive, got ${factor}, ${dense}`);
  const lastDense = spec.layers.map((l) => l.type).lastIndexOf("dense");
  return {
    ...spec,
    input: [...spec.input],
    layers: spec.layers.map((l, i) => {
      if (l.type === "conv2d") return { ...l, filters: Math.max(1, Math.round(l.filters * factor)) };
      if (l.type === "dense" && i !== lastDense) return { ...l, units: Math.max(1, Math.round(l.units * dense)) };
      return { ...l };
    }),
  };
}
