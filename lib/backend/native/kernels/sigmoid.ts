/**
 * The sigmoid on the addon (src/eltwise.cc), computing wasm's own algorithm
 * operation for operation, so its outputs are wasm's to the bit; other dtypes
 * go to the kernel it replaced. wasm's took 1.4 ms for LeNet's first
 * activation, [256,28,28,6], a tenth of its step's kernels.
 */
import { tf } from "../../../tf";
import { allFloat32, callReplaced, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;

function sigmoid(args: KernelArgs<{ x: Info }, unknown>) {
  const { inputs, backend } = args;
  if (!allFloat32(inputs.x)) return callReplaced("Sigmoid", args);
  const out = backend.makeOutput(inputs.x.shape, "float32");
  native().sigmoid(heapView(backend, inputs.x), heapView(backend, out), { size: size(out.shape) });
  return out;
}

export const SIGMOID_KERNELS: readonly tf.KernelConfig[] = [wasmKernel("Sigmoid", sigmoid)];
