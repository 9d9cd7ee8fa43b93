import { tf } from "../../tf";
import type { WasmBackend } from "./kernel-scope";

export interface PoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

export interface PoolGradArgs {
  inputs: { dy: tf.TensorInfo; input: tf.TensorInfo };
  attrs: PoolGradAttrs;
  backend: WasmBackend;
}

/** The pooling window's geometry (NHWC, dilation 1), as the forward kernel computed it. */
export function poolGradGeometry({ inputs, attrs }: PoolGradArgs) {
  const info = tf.backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  return {
    batchSize,
    inHeight,
    inWidth,
    channels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
    top,
    left,
  };
}

export type PoolGeometry = ReturnType<typeof poolGradGeometry>;

/**
 * Calls `visit` once per output position (NHWC) with the offset of its dy channel
 * vector and the input rows/columns its window covers, clipped to the image.
 */
export function forEachPoolWindow(
  g: PoolGeometry,
  visit: (dyOffset: number, image: number, hStart: number, hEnd: number, wStart: number, wEnd: number) => void,
): void {
  let o = 0;
  for (let n = 0; n < g.batchSize; n++) {
    const image = n * g.inHeight * g.inWidth * g.channels;
    for (let oh = 0; oh < g.outHeight; oh++) {
      const h0 = oh * g.strideHeight - g.top;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(g.inHeight, h0 + g.filterHeight);
      for (let ow = 0; ow < g.outWidth; ow++, o += g.channels) {
        const w0 = ow * g.strideWidth - g.left;
        visit(o, image, hStart, hEnd, Math.max(0, w0), Math.min(g.inWidth, w0 + g.filterWidth));
      }
    }
  }
}
