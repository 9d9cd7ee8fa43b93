/**
 * Products whose inner dimension is empty (matMul's k = 0, a convolution over
 * 0 input channels, a gradient over an empty batch): each output is a sum over
 * nothing, so 0, then the fused bias and activation, as the cpu backend gives.
 * tfjs-backend-wasm's own kernels return uninitialised heap memory for these,
 * and the native kernels never call the oneDNN addon with an empty operand.
 */
import type { tf } from "../../tf";
import type { WasmBackend } from "./kernel-scope";

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const view = (backend: WasmBackend, info: tf.TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;

const ACTIVATIONS: Record<string, (x: number, alpha: number) => number> = {
  linear: (x) => x,
  relu: (x) => Math.max(0, x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  relu6: (x) => Math.min(Math.max(x, 0), 6),
  leakyrelu: (x, alpha) => (x < 0 ? alpha * x : x),
};

/** Whether some float32 operand holds no values (undefined ones do not count). */
export function anyEmpty(...infos: (tf.TensorInfo | undefined)[]): boolean {
  return infos.some((info) => info !== undefined && info.dtype === "float32" && size(info.shape) === 0);
}

/**
 * The output of an empty sum: activation(bias), bias repeated along the last axis (or undefined: 0).
 * Undefined when the activation is one this does not know (prelu): the caller falls back.
 */
export function emptySum(
  backend: WasmBackend,
  shape: number[],
  { bias, activation = "linear", alpha = 0.2 }: { bias?: tf.TensorInfo; activation?: string; alpha?: number } = {},
): tf.TensorInfo | undefined {
  const act = ACTIVATIONS[activation];
  if (!act) return undefined;
  const out = backend.makeOutput(shape, "float32");
  const y = view(backend, out);
  const b = bias ? view(backend, bias) : undefined;
  const zero = act(0, alpha);
  if (!b || b.length === 0) y.fill(zero);
  else for (let i = 0; i < y.length; i++) y[i] = act(b[i % b.length], alpha);
  return out;
}
