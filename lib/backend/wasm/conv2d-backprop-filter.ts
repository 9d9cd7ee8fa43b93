/**
 * Conv2DBackpropFilter for wasm, which tfjs-backend-wasm does not have
 * (tfjs issue #8474). The filter gradient of a convolution is itself a
 * convolution, run by XNNPACK: with the batch and input channels swapped and
 * dy as the filter, dilated by the forward stride. For a strided convolution
 * over a few input channels (AlexNet's first layer) that convolution has tiny
 * output and a huge filter, and im2col + one matmul is faster.
 */
import { tf } from "../../tf";
import { convGeometry, type ConvAttrs, type ConvGeometry } from "./conv-geometry";
import { anyEmpty, emptySum } from "./empty-sum";
import { im2colTransposed } from "./im2col";
import { inScope, type KernelScope, type WasmBackend } from "./kernel-scope";

interface Attrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/** dW[kh,kw,c,o] = Σ x[n, oh·s+kh-pt, ow·s+kw-pl, c] dy[n,oh,ow,o] as Conv2D(x as [C,H,W,N], dy as [Ho,Wo,N,O], dilation s). */
export function viaDilatedConv(s: KernelScope, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const xT = s.transpose(x, [3, 1, 2, 0]);
  const dyT = s.transpose(dy, [1, 2, 0, 3]);
  // Padding that makes the output exactly KH×KW; negative where the forward pass ignored trailing rows/columns.
  const bottom = g.filterHeight + (g.outHeight - 1) * g.strideHeight - g.inHeight - g.padTop;
  const right = g.filterWidth + (g.outWidth - 1) * g.strideWidth - g.inWidth - g.padLeft;
  const pad = [
    [0, 0],
    [g.padTop, Math.max(0, bottom)],
    [g.padLeft, Math.max(0, right)],
    [0, 0],
  ];
  let dw = s.run(
    "Conv2D",
    { x: xT, filter: dyT },
    { strides: 1, pad, dilations: [g.strideHeight, g.strideWidth], dataFormat: "NHWC" },
  );
  if (bottom < 0 || right < 0) {
    dw = s.run(
      "Slice",
      { x: dw },
      { begin: [0, 0, 0, 0], size: [g.inChannels, g.filterHeight, g.filterWidth, g.outChannels] },
    );
  }
  return s.transpose(dw, [1, 2, 0, 3]);
}

export function viaIm2col(s: KernelScope, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const positions = g.batch * g.outHeight * g.outWidth;
  const patchSize = g.filterHeight * g.filterWidth * g.inChannels;
  const cols = s.alloc([patchSize, positions]);
  im2colTransposed(s.view(x), s.view(cols), g);
  const dy2d = s.reshape(dy, [positions, g.outChannels]);
  const dw = s.run("BatchMatMul", { a: cols, b: dy2d }, { transposeA: false, transposeB: false });
  return s.reshape(dw, [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels]);
}

/** Which method is faster, measured on this project's layers (see docs/bench.md). */
export function prefersIm2col(g: ConvGeometry): boolean {
  return (g.strideHeight > 1 || g.strideWidth > 1) && g.inChannels <= 3;
}

export function conv2DBackpropFilter(args: {
  inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
  attrs: Attrs;
  backend: WasmBackend;
}): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  if (anyEmpty(inputs.x, inputs.dy)) return emptySum(backend, attrs.filterShape)!;
  const g = convGeometry("Conv2DBackpropFilter", inputs.x.shape, attrs.filterShape, attrs);
  return inScope(backend, (s) => (prefersIm2col(g) ? viaIm2col : viaDilatedConv)(s, inputs.x, inputs.dy, g));
}

export const conv2DBackpropFilterConfig = {
  kernelName: "Conv2DBackpropFilter",
  backendName: "wasm",
  kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc,
};
