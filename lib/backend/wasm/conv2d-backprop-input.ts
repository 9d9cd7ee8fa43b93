/**
 * Conv2DBackpropInput for wasm. The built-in kernel is a scalar,
 * single-threaded loop. For stride 1 the input gradient is a convolution of dy
 * by the flipped filter, which XNNPACK runs. For stride > 1 that convolution
 * would run over dy with zeros inserted (s² times the work: AlexNet's conv1
 * took 11.6 s), so it is one matmul dy·Wᵀ giving every patch's gradient, summed
 * back into the image by col2im.
 */
import { tf } from "../../tf";
import { col2im } from "./col2im";
import { convGeometry, type ConvAttrs, type ConvGeometry } from "./conv-geometry";
import { anyEmpty, emptySum } from "./empty-sum";
import { inScope, type KernelScope, type WasmBackend } from "./kernel-scope";
import { matMul2d } from "./mat-mul";

interface Attrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/** Padding of the stride-1 convolution that yields dx, or undefined when a side would need cropping. */
export function flippedConvPadding(g: ConvGeometry): number[][] | undefined {
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  // Output height H = Ho + top + bottom − KH + 1.
  const bottom = g.inHeight - g.outHeight + g.padTop;
  const right = g.inWidth - g.outWidth + g.padLeft;
  if (Math.min(top, left, bottom, right) < 0) return undefined;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

export function viaFlippedConv(
  s: KernelScope,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  pad: number[][],
): tf.TensorInfo {
  const flipped = s.transpose(s.run("Reverse", { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
  return s.run("Conv2D", { x: dy, filter: flipped }, { strides: 1, pad, dilations: 1, dataFormat: "NHWC" });
}

export function viaCol2im(s: KernelScope, dy: tf.TensorInfo, filter: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const positions = g.batch * g.outHeight * g.outWidth;
  const patchSize = g.filterHeight * g.filterWidth * g.inChannels;
  const dy2d = s.reshape(dy, [positions, g.outChannels]);
  const filter2d = s.reshape(filter, [patchSize, g.outChannels]);
  const cols = matMul2d(s, dy2d, filter2d, false, true)!;
  const dx = s.alloc([g.batch, g.inHeight, g.inWidth, g.inChannels]);
  col2im(s.view(cols), s.view(dx), g);
  return dx;
}

export function conv2DBackpropInput(args: {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  attrs: Attrs;
  backend: WasmBackend;
}): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  if (anyEmpty(inputs.dy, inputs.filter)) return emptySum(backend, attrs.inputShape)!;
  const g = convGeometry("Conv2DBackpropInput", attrs.inputShape, inputs.filter.shape, attrs);
  const pad = g.strideHeight === 1 && g.strideWidth === 1 ? flippedConvPadding(g) : undefined;
  return inScope(backend, (s) =>
    pad ? viaFlippedConv(s, inputs.dy, inputs.filter, pad) : viaCol2im(s, inputs.dy, inputs.filter, g),
  );
}

export const conv2DBackpropInputConfig = {
  kernelName: "Conv2DBackpropInput",
  backendName: "wasm",
  kernelFunc: conv2DBackpropInput as unknown as tf.KernelFunc,
};
