/**
 * Add, Sub and Multiply on the addon for the shapes a training step makes:
 * equal shapes (optimizer updates), a scalar (the learning rate), and a row
 * repeated along the last axis (a bias). wasm's broadcasting loop took
 * 6 ms of LeNet's 34 ms step for the first layer's bias; other shapes and
 * dtypes go to the kernel it replaced.
 */
import { tf } from "../../../tf";
import { allFloat32, callReplaced, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;
const OPS = { Add: 0, Sub: 1, Multiply: 2 } as const;
type OpName = keyof typeof OPS;
const COMMUTATIVE: readonly OpName[] = ["Add", "Multiply"];

/** b's values repeat over a as the addon can: same size, one value, or the last axis's values. */
function broadcastsAsRow(a: readonly number[], b: readonly number[]): boolean {
  const aSize = size(a);
  const bSize = size(b);
  if (b.length > a.length) return false;
  if (bSize === aSize) return a.length === b.length && a.every((d, i) => d === b[i]);
  if (bSize === 1) return true;
  return bSize === a[a.length - 1] && b[b.length - 1] === bSize;
}

function binary(kernelName: OpName) {
  return (args: KernelArgs<{ a: Info; b: Info }, unknown>): Info | Info[] => {
    const { backend } = args;
    let { a, b } = args.inputs;
    if (!allFloat32(a, b)) return callReplaced(kernelName, args);
    if (!broadcastsAsRow(a.shape, b.shape)) {
      if (!COMMUTATIVE.includes(kernelName) || !broadcastsAsRow(b.shape, a.shape))
        return callReplaced(kernelName, args);
      [a, b] = [b, a];
    }
    const out = backend.makeOutput(a.shape, "float32");
    native().binary(heapView(backend, a), heapView(backend, b), heapView(backend, out), {
      op: OPS[kernelName],
      size: size(a.shape),
      bSize: size(b.shape),
    });
    return out;
  };
}

export const BINARY_KERNELS: readonly tf.KernelConfig[] = (Object.keys(OPS) as OpName[]).map((kernelName) =>
  wasmKernel(kernelName, binary(kernelName)),
);
