/**
 * MaxPool, AvgPool and their gradients on the addon (src/pool.cc), with the
 * cpu backend's tie and padding rules.
 */
import { tf } from "../../../tf";
import type { PoolGeometry } from "../addon";
import { allFloat32, callReplaced, heapView, native, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;
interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

function poolGeometry(kernelName: string, xShape: readonly number[], attrs: PoolAttrs): PoolGeometry {
  if (xShape.length !== 4)
    throw new Error(`${kernelName} on the native backend: expects a rank-4 NHWC input, got [${xShape}]`);
  const info = tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (info.outHeight < 1 || info.outWidth < 1) {
    throw new Error(
      `${kernelName}: a ${info.filterHeight}×${info.filterWidth} window over a ${info.inHeight}×${info.inWidth} input leaves no output; use a larger input`,
    );
  }
  return {
    n: info.batchSize,
    ih: info.inHeight,
    iw: info.inWidth,
    c: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    pt: info.padInfo.top,
    pl: info.padInfo.left,
  };
}

function maxPool(args: KernelArgs<{ x: Info }, PoolAttrs>) {
  const { inputs, attrs, backend } = args;
  if (!allFloat32(inputs.x)) return callReplaced("MaxPool", args);
  const g = poolGeometry("MaxPool", inputs.x.shape, attrs);
  const out = backend.makeOutput([g.n, g.oh, g.ow, g.c], "float32");
  native().maxPool(heapView(backend, inputs.x), heapView(backend, out), g);
  return out;
}

function avgPool(args: KernelArgs<{ x: Info }, PoolAttrs>) {
  const { inputs, attrs, backend } = args;
  if (!allFloat32(inputs.x)) return callReplaced("AvgPool", args);
  const g = poolGeometry("AvgPool", inputs.x.shape, attrs);
  const out = backend.makeOutput([g.n, g.oh, g.ow, g.c], "float32");
  native().avgPool(heapView(backend, inputs.x), heapView(backend, out), g);
  return out;
}

function maxPoolGrad(args: KernelArgs<{ dy: Info; input: Info; output: Info }, PoolAttrs>) {
  const { inputs, attrs, backend } = args;
  if (!allFloat32(inputs.dy, inputs.input)) return callReplaced("MaxPoolGrad", args);
  const g = poolGeometry("MaxPoolGrad", inputs.input.shape, attrs);
  const out = backend.makeOutput(inputs.input.shape, "float32");
  native().maxPoolGrad(heapView(backend, inputs.dy), heapView(backend, inputs.input), heapView(backend, out), g);
  return out;
}

function avgPoolGrad(args: KernelArgs<{ dy: Info; input: Info }, PoolAttrs>) {
  const { inputs, attrs, backend } = args;
  if (!allFloat32(inputs.dy, inputs.input)) return callReplaced("AvgPoolGrad", args);
  const g = poolGeometry("AvgPoolGrad", inputs.input.shape, attrs);
  const out = backend.makeOutput(inputs.input.shape, "float32");
  native().avgPoolGrad(heapView(backend, inputs.dy), heapView(backend, out), g);
  return out;
}

export const POOL_KERNELS: readonly tf.KernelConfig[] = [
  wasmKernel("MaxPool", maxPool),
  wasmKernel("AvgPool", avgPool),
  wasmKernel("MaxPoolGrad", maxPoolGrad),
  wasmKernel("AvgPoolGrad", avgPoolGrad),
];
