/**
 * Conv2DBackpropInput for wasm. The built-in kernel is a scalar,
 * single-threaded loop; the input gradient of a convolution is a stride-1
 * convolution of dy (with zeros inserted between its pixels when the forward
 * stride is > 1) by the flipped filter, which XNNPACK runs.
 */
import { tf } from "../../tf";
import { convGeometry, type ConvAttrs, type ConvGeometry } from "./conv-geometry";
import { callBuiltin, inScope, type KernelScope, type WasmBackend } from "./kernel-scope";

interface Attrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/** [N,Ho,Wo,C] → [N, Ho·sh, Wo·sw, C] with dy[n,i,j] at (i·sh, j·sw) and zeros elsewhere. */
function insertZeros(s: KernelScope, dy: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  const [n, ho, wo, c] = dy.shape;
  let up = dy;
  if (sw > 1) {
    up = s.reshape(up, [n * ho, wo, 1, c]);
    up = s.run("PadV2", { x: up }, { paddings: [[0, 0], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
  }
  if (sh > 1) {
    up = s.reshape(up, [n * ho, 1, wo * sw * c]);
    up = s.run("PadV2", { x: up }, { paddings: [[0, 0], [0, sh - 1], [0, 0]], constantValue: 0 });
  }
  return s.reshape(up, [n, ho * sh, wo * sw, c]);
}

/** Padding of the stride-1 convolution that yields dx, or undefined when a side would need cropping. */
function transposedPadding(g: ConvGeometry): number[][] | undefined {
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  // Output height H = Ho·sh + top + bottom − KH + 1.
  const bottom = g.inHeight - g.outHeight * g.strideHeight + g.padTop;
  const right = g.inWidth - g.outWidth * g.strideWidth + g.padLeft;
  if (Math.min(top, left, bottom, right) < 0) return undefined;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

export function conv2DBackpropInput(args: {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  attrs: Attrs;
  backend: WasmBackend;
}): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const g = convGeometry("Conv2DBackpropInput", attrs.inputShape, inputs.filter.shape, attrs);
  const pad = transposedPadding(g);
  if (!pad) return callBuiltin("Conv2DBackpropInput", args);
  return inScope(backend, (s) => {
    const flipped = s.transpose(s.run("Reverse", { x: inputs.filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
    const up = g.strideHeight > 1 || g.strideWidth > 1 ? insertZeros(s, inputs.dy, g.strideHeight, g.strideWidth) : inputs.dy;
    return s.run("Conv2D", { x: up, filter: flipped }, { strides: 1, pad, dilations: 1, dataFormat: "NHWC" });
  });
}

export const conv2DBackpropInputConfig = {
  kernelName: "Conv2DBackpropInput",
  backendName: "wasm",
  kernelFunc: conv2DBackpropInput as unknown as tf.KernelFunc,
};
