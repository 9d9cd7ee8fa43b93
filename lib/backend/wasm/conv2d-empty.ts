/**
 * Conv2D and FusedConv2D for wasm: the built-ins, except over an empty operand
 * (0 input channels), where they return uninitialised heap memory; there the
 * output is activation(bias), as on the cpu backend (empty-sum.ts).
 */
import type { tf } from "../../tf";
import { anyEmpty, emptySum } from "./empty-sum";
import { callBuiltin, type WasmBackend } from "./kernel-scope";

interface Args {
  inputs: { x: tf.TensorInfo; filter: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
  attrs: { activation?: string; leakyreluAlpha?: number };
  backend: WasmBackend;
}

function convOrEmpty(kernelName: string, args: Args): tf.TensorInfo {
  const { x, filter, bias, preluActivationWeights } = args.inputs;
  const perChannel = !bias || bias.shape.reduce((a, b) => a * b, 1) === filter.shape[3];
  if (anyEmpty(x, filter, bias) && perChannel && !preluActivationWeights) {
    // The built-in computes the output shape; its values are what is wrong.
    const shaped = callBuiltin(kernelName, { ...args, inputs: { x, filter } });
    const out = emptySum(args.backend, [...shaped.shape], {
      bias,
      activation: args.attrs.activation,
      alpha: args.attrs.leakyreluAlpha,
    });
    args.backend.disposeData(shaped.dataId);
    if (out) return out;
  }
  return callBuiltin(kernelName, args);
}

export const conv2DConfig = {
  kernelName: "Conv2D",
  backendName: "wasm",
  kernelFunc: ((args: Args) => convOrEmpty("Conv2D", args)) as unknown as tf.KernelFunc,
};

export const fusedConv2DConfig = {
  kernelName: "FusedConv2D",
  backendName: "wasm",
  kernelFunc: ((args: Args) => convOrEmpty("FusedConv2D", args)) as unknown as tf.KernelFunc,
};
