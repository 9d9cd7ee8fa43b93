/**
 * The geometry of a 2-D convolution as the gradient kernels need it, from the
 * attributes tfjs passes them. Anything the lib kernels were not written for
 * is rejected here with the reason.
 */
import { tf } from "../../tf";

export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
}

export interface ConvAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat?: "NHWC" | "NCHW";
  dilations?: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
}

export class UnsupportedConvError extends Error {
  override name = "UnsupportedConvError";
}

export function convGeometry(
  kernelName: string,
  xShape: number[],
  filterShape: number[],
  attrs: ConvAttrs,
): ConvGeometry {
  const { strides, pad, dataFormat = "NHWC", dilations = 1, dimRoundingMode } = attrs;
  if (dataFormat !== "NHWC") {
    throw new UnsupportedConvError(
      `${kernelName} on wasm (lib/backend/wasm): only NHWC is supported, got ${dataFormat}`,
    );
  }
  const [dh, dw] = typeof dilations === "number" ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1) {
    throw new UnsupportedConvError(
      `${kernelName} on wasm (lib/backend/wasm): only dilation 1 is supported, got ${dh}×${dw}`,
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padBottom: info.padInfo.bottom,
    padLeft: info.padInfo.left,
    padRight: info.padInfo.right,
  };
}
