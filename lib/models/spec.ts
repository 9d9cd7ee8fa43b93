/**
 * A network described as a plain list of layers (docs/architecture.md, "One description
 * of a network"). The model builder and the cost counter both walk this list, so a
 * network is written once. Geometry follows PyTorch: `padding` is the number of
 * zeros added on each side, pool `stride` defaults to the pool size, and shapes
 * are reported channels-first ([C, H, W]) like PyTorch prints them.
 */

export interface Conv2dLayer {
  type: "conv2d";
  filters: number;
  kernel: number;
  stride?: number;
  padding?: number;
}

export interface Pool2dLayer {
  type: "maxpool2d" | "avgpool2d";
  kernel: number;
  stride?: number;
  padding?: number;
}

export interface ActivationLayer {
  type: "relu" | "sigmoid";
}

export interface DropoutLayer {
  type: "dropout";
  rate: number;
}

export interface FlattenLayer {
  type: "flatten";
}

export interface DenseLayer {
  type: "dense";
  units: number;
}

export type LayerSpec = Conv2dLayer | Pool2dLayer | ActivationLayer | DropoutLayer | FlattenLayer | DenseLayer;
export type LayerType = LayerSpec["type"];

export const LAYER_TYPES: readonly LayerType[] = [
  "conv2d",
  "maxpool2d",
  "avgpool2d",
  "relu",
  "sigmoid",
  "dropout",
  "flatten",
  "dense",
];

export interface NetworkSpec {
  /** Shown in tables and results. */
  name?: string;
  /** Input shape channels-first: [channels, height, width]. */
  input: [number, number, number];
  layers: LayerSpec[];
  /**
   * The weight initialisation d2l's own code gives this network in effect; runs use
   * it unless told otherwise (default "xavier"). AlexNet's is "torch": d2l applies
   * init_cnn before its lazy layers exist, so PyTorch's default init is what trains.
   */
  init?: "xavier" | "torch";
}

/** [C, H, W] for image-shaped tensors, [N] after flatten/dense. */
export type Shape = number[];

export class SpecError extends Error {
  override name = "SpecError";
}

/** Output side length of a PyTorch conv/pool (floor mode) along one axis. */
export function outputSize(input: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((input + 2 * padding - kernel) / stride) + 1;
}

function where(index: number, layer: { type?: unknown }): string {
  return `layer ${index} (${String(layer.type)})`;
}

/** Integers past 2^53 − 1 lose exactness in JavaScript numbers; say so when that is why a value fails. */
function beyondExact(value: unknown): string {
  return typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)
    ? ` up to ${Number.MAX_SAFE_INTEGER}`
    : "";
}

function requirePositiveInt(value: unknown, field: string, index: number, layer: { type?: unknown }): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new SpecError(
      `${where(index, layer)}: "${field}" must be a positive integer${beyondExact(value)}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function requireNonNegativeInt(value: unknown, field: string, index: number, layer: { type?: unknown }): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new SpecError(
      `${where(index, layer)}: "${field}" must be a non-negative integer${beyondExact(value)}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Stride and padding with PyTorch's defaults filled in. */
export function windowOf(layer: Conv2dLayer | Pool2dLayer): { kernel: number; stride: number; padding: number } {
  const defaultStride = layer.type === "conv2d" ? 1 : layer.kernel;
  return { kernel: layer.kernel, stride: layer.stride ?? defaultStride, padding: layer.padding ?? 0 };
}

function windowOutput(layer: Conv2dLayer | Pool2dLayer, index: number, shape: Shape): Shape {
  if (shape.length !== 3) {
    throw new SpecError(
      `${where(index, layer)}: needs an image input [C, H, W] but gets [${shape.join(", ")}] (put it before "flatten")`,
    );
  }
  requirePositiveInt(layer.kernel, "kernel", index, layer);
  if (layer.stride !== undefined) requirePositiveInt(layer.stride, "stride", index, layer);
  if (layer.padding !== undefined) requireNonNegativeInt(layer.padding, "padding", index, layer);
  const { kernel, stride, padding } = windowOf(layer);
  const [channels, height, width] = shape;
  if (kernel > height + 2 * padding || kernel > width + 2 * padding) {
    throw new SpecError(
      `${where(index, layer)}: kernel ${kernel} is larger than its padded input ${height + 2 * padding}×${width + 2 * padding} ` +
        `(input [${shape.join(", ")}], padding ${padding}); use a larger network input or a smaller kernel`,
    );
  }
  if (layer.type !== "conv2d" && padding > kernel / 2) {
    throw new SpecError(
      `${where(index, layer)}: "padding" ${padding} must be at most half the kernel (${kernel}), as in PyTorch`,
    );
  }
  const outChannels = layer.type === "conv2d" ? requirePositiveInt(layer.filters, "filters", index, layer) : channels;
  return [outChannels, outputSize(height, kernel, stride, padding), outputSize(width, kernel, stride, padding)];
}

/** The output shape of one layer given its input shape; throws SpecError naming the layer and field. */
export function layerOutputShape(layer: LayerSpec, index: number, shape: Shape): Shape {
  switch (layer.type) {
    case "conv2d":
    case "maxpool2d":
    case "avgpool2d":
      return windowOutput(layer, index, shape);
    case "relu":
    case "sigmoid":
      return shape;
    case "dropout":
      if (typeof layer.rate !== "number" || !(layer.rate >= 0 && layer.rate < 1)) {
        throw new SpecError(
          `${where(index, layer)}: "rate" must be a number in [0, 1), got ${JSON.stringify(layer.rate)}`,
        );
      }
      return shape;
    case "flatten":
      return [shape.reduce((a, b) => a * b, 1)];
    case "dense":
      requirePositiveInt(layer.units, "units", index, layer);
      if (shape.length !== 1) {
        throw new SpecError(
          `${where(index, layer)}: needs a flat input but gets [${shape.join(", ")}]; add {"type": "flatten"} before it`,
        );
      }
      return [layer.units];
    default: {
      const type = (layer as { type?: unknown }).type;
      throw new SpecError(
        `layer ${index}: unknown "type" ${JSON.stringify(type)}; expected one of ${LAYER_TYPES.join(", ")}`,
      );
    }
  }
}

/**
 * Checks a spec (possibly parsed from untrusted JSON) and returns every layer's
 * output shape. Throws SpecError naming the layer index and field at fault.
 */
export function inferShapes(spec: NetworkSpec): Shape[] {
  if (typeof spec !== "object" || spec === null)
    throw new SpecError('spec must be an object with "input" and "layers"');
  const input: unknown = spec.input;
  if (!Array.isArray(input) || input.length !== 3 || !input.every((v) => Number.isSafeInteger(v) && v > 0)) {
    throw new SpecError(
      `spec "input" must be [channels, height, width] of positive integers, got ${JSON.stringify(input)}`,
    );
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new SpecError('spec "layers" must be a non-empty array');
  }
  const shapes: Shape[] = [];
  let shape: Shape = [...spec.input];
  spec.layers.forEach((layer, index) => {
    if (typeof layer !== "object" || layer === null)
      throw new SpecError(`layer ${index}: must be an object with a "type"`);
    shape = layerOutputShape(layer, index, shape);
    if (shape.some((d) => d <= 0)) {
      throw new SpecError(
        `${where(index, layer)}: output shape [${shape.join(", ")}] is empty; the network input [${spec.input.join(", ")}] is too small for its layers`,
      );
    }
    shapes.push(shape);
  });
  return shapes;
}

/** The shape the network produces. */
export function outputShape(spec: NetworkSpec): Shape {
  const shapes = inferShapes(spec);
  return shapes[shapes.length - 1];
}

/** Fields each layer type accepts, required ones first. */
const LAYER_FIELDS: Record<LayerType, { required: string[]; optional: string[] }> = {
  conv2d: { required: ["filters", "kernel"], optional: ["stride", "padding"] },
  maxpool2d: { required: ["kernel"], optional: ["stride", "padding"] },
  avgpool2d: { required: ["kernel"], optional: ["stride", "padding"] },
  relu: { required: [], optional: [] },
  sigmoid: { required: [], optional: [] },
  dropout: { required: ["rate"], optional: [] },
  flatten: { required: [], optional: [] },
  dense: { required: ["units"], optional: [] },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A spec from untrusted JSON (e.g. the cost CLI's --spec file): rejects unknown or
 * missing fields (a misspelt "strides" would otherwise silently mean stride 1),
 * then checks geometry with inferShapes. Errors name the layer index and field.
 */
export function parseSpec(value: unknown): NetworkSpec {
  if (!isPlainObject(value)) throw new SpecError('spec must be an object with "input" and "layers"');
  for (const key of Object.keys(value)) {
    if (!["name", "input", "layers", "init"].includes(key)) {
      throw new SpecError(`spec: unknown field "${key}"; expected name, input, layers, init`);
    }
  }
  if (value.name !== undefined && typeof value.name !== "string") {
    throw new SpecError(`spec "name" must be a string, got ${JSON.stringify(value.name)}`);
  }
  if (value.init !== undefined && value.init !== "xavier" && value.init !== "torch") {
    throw new SpecError(`spec "init" must be "xavier" or "torch", got ${JSON.stringify(value.init)}`);
  }
  if (!Array.isArray(value.layers)) throw new SpecError('spec "layers" must be a non-empty array');
  value.layers.forEach((layer: unknown, index: number) => {
    if (!isPlainObject(layer)) throw new SpecError(`layer ${index}: must be an object with a "type"`);
    if (!("type" in layer))
      throw new SpecError(`layer ${index}: missing field "type"; expected one of ${LAYER_TYPES.join(", ")}`);
    if (!(LAYER_TYPES as readonly unknown[]).includes(layer.type)) {
      throw new SpecError(
        `layer ${index}: unknown "type" ${JSON.stringify(layer.type)}; expected one of ${LAYER_TYPES.join(", ")}`,
      );
    }
    const { required, optional } = LAYER_FIELDS[layer.type as LayerType];
    for (const field of required) {
      if (!(field in layer)) throw new SpecError(`${where(index, layer)}: missing field "${field}"`);
    }
    for (const key of Object.keys(layer)) {
      if (key !== "type" && !required.includes(key) && !optional.includes(key)) {
        const allowed = ["type", ...required, ...optional].join(", ");
        throw new SpecError(`${where(index, layer)}: unknown field "${key}"; expected ${allowed}`);
      }
    }
  });
  const spec = value as unknown as NetworkSpec;
  inferShapes(spec);
  return spec;
}
