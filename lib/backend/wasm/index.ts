/**
 * Loads tfjs-backend-wasm and registers the training kernels lib adds to it
 * (training-kernels.ts).
 */
import { tf } from "../../tf";
import { registerTrainingKernels } from "./training-kernels";

export { registerTrainingKernels, TRAINING_KERNELS } from "./training-kernels";

export async function prepareWasmBackend(): Promise<{ tfjsBackend: "wasm"; threads: number }> {
  require("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not initialise");
  registerTrainingKernels();
  return { tfjsBackend: "wasm", threads: 1 };
}
