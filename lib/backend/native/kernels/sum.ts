/**
 * Sum over every axis but the last (a bias gradient: tfjs sums dy that way
 * after each convolution and dense layer) on the addon; other reductions go
 * to the kernel it replaced.
 */
import { tf } from "../../../tf";
import { allFloat32, callReplaced, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;

function leadingAxes(axis: number | number[], rank: number): boolean {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort(
    (a, b) => a - b,
  );
  return rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}

function sum(args: KernelArgs<{ x: Info }, { axis: number | number[]; keepDims: boolean }>) {
  const { inputs, attrs, backend } = args;
  const { x } = inputs;
  if (!allFloat32(x) || !leadingAxes(attrs.axis, x.shape.length)) return callReplaced("Sum", args);
  const cols = x.shape[x.shape.length - 1];
  const out = backend.makeOutput(attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols], "float32");
  native().sumRows(heapView(backend, x), heapView(backend, out), { rows: size(x.shape) / cols, cols });
  return out;
}

export const SUM_KERNELS: readonly tf.KernelConfig[] = [wasmKernel("Sum", sum)];
