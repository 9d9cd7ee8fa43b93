/**
 * Identity without a copy. tfjs clones every tensor a custom gradient saves
 * (tf.fused.conv2d and tf.fused.matMul save their inputs), and wasm's
 * Identity copies the data: AlexNet@224's dense weights alone are 105 MB per
 * clone. tfjs never writes into an existing tensor, so the clone can share
 * the buffer, counted by reference, as wasm's Reshape and the cpu backend's
 * Identity already do.
 */
import { tf } from "../../../tf";
import { type KernelArgs, wasmKernel } from "./heap";

function identity({ inputs, backend }: KernelArgs<{ x: tf.TensorInfo }, unknown>): tf.TensorInfo {
  const { x } = inputs;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const IDENTITY_KERNELS: readonly tf.KernelConfig[] = [wasmKernel("Identity", identity)];
