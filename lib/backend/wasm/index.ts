/**
 * Loads tfjs-backend-wasm and registers the training kernels lib adds to it
 * (training-kernels.ts).
 */
import { tf } from "../../tf";
import { registerTrainingKernels } from "./training-kernels";

export { registerTrainingKernels, TRAINING_KERNELS } from "./training-kernels";

export interface WasmPrepareOptions {
  /** Register only these of lib's kernels (for measuring the built-ins); default: all. */
  only?: readonly string[];
}

export async function prepareWasmBackend({ only }: WasmPrepareOptions = {}): Promise<{ tfjsBackend: "wasm"; threads: number }> {
  require("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not initialise");
  registerTrainingKernels(only);
  return { tfjsBackend: "wasm", threads: 1 };
}
