/**
 * Calling the wasm backend's own kernels from inside another kernel. Kernels
 * run below the engine, so intermediate results are raw TensorInfos that no
 * tf.tidy sees: a KernelScope frees every one it made except the result.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { tf } from "../../tf";

export type WasmBackend = BackendWasm;
type Attrs = Record<string, unknown>;
type KernelFunc = (args: {
  inputs: Record<string, tf.TensorInfo>;
  attrs: Attrs;
  backend: WasmBackend;
}) => tf.TensorInfo | tf.TensorInfo[];

/** Bytes of the wasm heap (it grows, never shrinks: a leak shows as growth across training steps). */
export function wasmHeapBytes(backend: WasmBackend): number {
  return (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.byteLength;
}

/** The wasm package's own implementations, captured before lib overrides any of them. */
const builtins = new Map<string, KernelFunc>();

export function rememberBuiltin(kernelName: string): void {
  if (builtins.has(kernelName)) return;
  const kernel = tf.getKernel(kernelName, "wasm");
  if (kernel) builtins.set(kernelName, kernel.kernelFunc as unknown as KernelFunc);
}

function builtin(kernelName: string): KernelFunc {
  rememberBuiltin(kernelName);
  const func = builtins.get(kernelName);
  if (!func) throw new Error(`the wasm backend has no ${kernelName} kernel to build on`);
  return func;
}

/** Runs the wasm package's own implementation of a kernel lib overrides (for configs lib does not handle). */
export function callBuiltin(
  kernelName: string,
  args: { inputs: object; attrs: object; backend: WasmBackend },
): tf.TensorInfo {
  const out = builtin(kernelName)(args as Parameters<KernelFunc>[0]);
  if (Array.isArray(out)) throw new Error(`${kernelName} returned several tensors`);
  return out;
}

export class KernelScope {
  private readonly made: tf.TensorInfo[] = [];
  constructor(readonly backend: WasmBackend) {}

  /** Runs a built-in wasm kernel; its output is freed when the scope ends unless returned. */
  run(kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}): tf.TensorInfo {
    const out = builtin(kernelName)({ inputs, attrs, backend: this.backend });
    if (Array.isArray(out)) throw new Error(`${kernelName} returned several tensors; KernelScope.run expects one`);
    this.made.push(out);
    return out;
  }

  /** A new float32 tensor on the wasm heap (uninitialised), freed with the scope unless returned. */
  alloc(shape: number[]): tf.TensorInfo {
    const out = this.backend.makeOutput(shape, "float32");
    this.made.push(out);
    return out;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run("Reshape", { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run("Transpose", { x }, { perm });
  }

  /** A Float32Array view of a tensor's heap memory. Take it after the last allocation: heap growth detaches it. */
  view(x: tf.TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(x) as Float32Array;
  }

  /** Frees everything made in the scope except `keep`. */
  end(keep?: tf.TensorInfo): void {
    for (const info of this.made) if (info !== keep) this.backend.disposeData(info.dataId);
    this.made.length = 0;
  }
}

/** Runs `body` with a scope, returning its result and freeing the intermediates even when it throws. */
export function inScope(backend: WasmBackend, body: (scope: KernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new KernelScope(backend);
  let result: tf.TensorInfo | undefined;
  try {
    result = body(scope);
    return result;
  } finally {
    scope.end(result);
  }
}
