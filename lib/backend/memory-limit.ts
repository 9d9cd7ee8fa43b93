/**
 * How much memory the active backend can give a training run: the machine's
 * available memory (inside a cgroup limit, if any), and for the wasm backend
 * also its heap's maximum. Loads no tfjs: the caller passes the backend name.
 */
import os from "node:os";
import { formatGiB, type MemoryLimit } from "../cost/memory-guard";

/**
 * tfjs-backend-wasm 4.22 is built with a 32-bit heap: `getHeapMax(){return 4294901760}`
 * (4 GiB − 64 KiB) in all three builds under wasm-out/; a larger allocation fails.
 */
export const WASM_HEAP_MAX_BYTES = 4_294_901_760;

/** Memory the process may still take: available memory, capped by a cgroup limit when one is set. */
export function availableMachineMemory(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const free = os.freemem();
  return constrained > 0 ? Math.min(free, Math.max(0, constrained - process.memoryUsage.rss())) : free;
}

/**
 * The heap holds more than the cost counter counts: an SGD step writes the new
 * weights before the old ones are freed, and the dense gradients work on
 * transposed copies of the weights. Measured (AlexNet, batch 8, wasm): 400×400,
 * 1.29 GiB counted, trains; 500×500, 2.00 GiB counted, overflows the 4 GiB heap
 * ("memory access out of bounds"). So the counted total may use at most heap / 2.5.
 */
export const WASM_HEAP_PER_COUNTED_BYTE = 2.5;

/**
 * The limit for `backend`: "wasm", or "native", whose kernels work on wasm's heap (tf.getBackend()
 * says "wasm" for both). Any other backend is bound by machine memory only.
 */
export function backendMemoryLimit(backend: string, machine = availableMachineMemory()): MemoryLimit {
  const freeLimit = { bytes: machine, what: "the machine's available memory" };
  const wasmBytes = WASM_HEAP_MAX_BYTES / WASM_HEAP_PER_COUNTED_BYTE;
  if ((backend !== "wasm" && backend !== "native") || machine < wasmBytes) return freeLimit;
  const heap = `${formatGiB(WASM_HEAP_MAX_BYTES)} heap`;
  const needs = `it needs ${WASM_HEAP_PER_COUNTED_BYTE}× the counted bytes`;
  return {
    bytes: wasmBytes,
    what:
      backend === "native"
        ? `the native backend's ${heap} (its kernels work on the wasm heap; ${needs})`
        : `the wasm backend's ${heap} (${needs})`,
  };
}
