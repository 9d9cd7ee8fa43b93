/**
 * What every native kernel shares: Float32Array views of wasm-heap tensors
 * (rebuilt on each call, since heap growth replaces the buffer), the kernel
 * each one replaces (called for configurations the addon does not handle),
 * and the addon itself.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { tf } from "../../../tf";
import type { NativeAddon } from "../addon";

export type WasmBackend = BackendWasm;
export type KernelArgs<I, A> = { inputs: I; attrs: A; backend: WasmBackend };

/** A view of a float32 tensor's heap memory. Take it after the last makeOutput: heap growth detaches it. */
export function heapView(backend: WasmBackend, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function allFloat32(...infos: (tf.TensorInfo | undefined)[]): boolean {
  return infos.every((info) => info === undefined || (info.dtype === "float32" && size(info.shape) > 0));
}

let addon: NativeAddon | undefined;
export function useAddon(loaded: NativeAddon): void {
  addon = loaded;
}
export function native(): NativeAddon {
  if (!addon) throw new Error("native kernels called before the oneDNN addon was loaded");
  return addon;
}

/** What was registered for 'wasm' under each name before the native kernel replaced it. */
const replaced = new Map<string, tf.KernelFunc>();

export function rememberReplaced(kernelName: string): void {
  if (replaced.has(kernelName)) return;
  const current = tf.getKernel(kernelName, "wasm");
  if (current) replaced.set(kernelName, current.kernelFunc);
}

/** Runs the kernel the native one replaced (for dtypes, layouts or options the addon does not handle). */
export function callReplaced(kernelName: string, args: object): tf.TensorInfo | tf.TensorInfo[] {
  const kernel = replaced.get(kernelName);
  if (!kernel) throw new Error(`the native backend has no fallback for ${kernelName}`);
  return kernel(args as Parameters<tf.KernelFunc>[0]);
}

/** A kernel registered for 'wasm', the tfjs backend the native kernels work inside. */
export function wasmKernel(kernelName: string, kernelFunc: unknown): tf.KernelConfig {
  return { kernelName, backendName: "wasm", kernelFunc: kernelFunc as tf.KernelFunc };
}
