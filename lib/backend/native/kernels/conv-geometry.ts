/**
 * A 2-D convolution's geometry in the addon's terms, from the attributes
 * tfjs passes its kernels; what the addon cannot run is rejected here with a
 * one-line reason, before any native code sees it.
 */
import { tf } from "../../../tf";
import type { ConvGeometry } from "../addon";

export interface ConvAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat?: "NHWC" | "NCHW" | "channelsLast" | "channelsFirst";
  dilations?: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
}

export function convGeometry(
  kernelName: string,
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttrs,
): ConvGeometry {
  const { strides, pad, dataFormat = "NHWC", dilations = 1, dimRoundingMode } = attrs;
  if (dataFormat !== "NHWC" && dataFormat !== "channelsLast") {
    throw new Error(`${kernelName} on the native backend: only NHWC (channels last) is supported, got ${dataFormat}`);
  }
  if (xShape.length !== 4 || filterShape.length !== 4) {
    throw new Error(
      `${kernelName} on the native backend: expects a rank-4 input and filter, got [${xShape}] and [${filterShape}]`,
    );
  }
  if (xShape[3] !== filterShape[2]) {
    throw new Error(`${kernelName}: the input has ${xShape[3]} channels but the filter expects ${filterShape[2]}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
  );
  if (info.outHeight < 1 || info.outWidth < 1) {
    throw new Error(
      `${kernelName}: a ${info.filterHeight}×${info.filterWidth} filter over a ${info.inHeight}×${info.inWidth} input ` +
        `(stride ${info.strideHeight}, padding ${JSON.stringify(pad)}) leaves no output; use a larger input or less downsampling`,
    );
  }
  return {
    n: info.batchSize,
    ih: info.inHeight,
    iw: info.inWidth,
    ic: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    oc: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    pt: info.padInfo.top,
    pl: info.padInfo.left,
    pb: info.padInfo.bottom,
    pr: info.padInfo.right,
  };
}
