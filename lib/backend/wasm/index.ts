/**
 * Loads tfjs-backend-wasm and registers the training kernels it lacks.
 * (Placeholder until the kernels land: forward passes only.)
 */
import { tf } from "../../tf";

export async function prepareWasmBackend(): Promise<{ tfjsBackend: string; threads?: number }> {
  require("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not initialise");
  return { tfjsBackend: "wasm", threads: 1 };
}
