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
  return { batchSize, inHeight, inWidth, channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, top, left };
}
