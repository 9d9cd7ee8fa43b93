/**
 * Loads tfjs-backend-wasm and registers the training kernels lib adds to it
 * (training-kernels.ts).
 */
import { tf } from "../../tf";
import { actualThreads, requestedThreads, withThreads } from "./threads";
import { registerTrainingKernels } from "./training-kernels";

export { registerTrainingKernels, TRAINING_KERNELS } from "./training-kernels";

export interface WasmPrepareOptions {
  /** Register only these of lib's kernels (for measuring the built-ins); default: all. */
  only?: readonly string[];
  /** Worker threads; default: D2L_WASM_THREADS, else 1 (threads.ts says why). */
  threads?: number;
}

export async function prepareWasmBackend({ only, threads = requestedThreads() }: WasmPrepareOptions = {}): Promise<{
  tfjsBackend: "wasm";
  threads: number;
}> {
  const ready = await withThreads(threads, () => tf.setBackend("wasm"));
  if (!ready) throw new Error("the wasm backend did not initialise");
  registerTrainingKernels(only);
  return { tfjsBackend: "wasm", threads: actualThreads() };
}
