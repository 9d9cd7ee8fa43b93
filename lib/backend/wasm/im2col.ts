import type { ConvGeometry } from "./conv-geometry";

/**
 * Writes the convolution patches of `x` (NHWC) as a [KH·KW·Cin, N·Ho·Wo] matrix:
 * row (kh, kw, c), column (n, oh, ow). Padding positions get 0. One row is
 * written contiguously at a time, reading x with the stride of the convolution.
 */
export function im2colTransposed(x: Float32Array, cols: Float32Array, g: ConvGeometry): void {
  const { batch, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = g;
  const { strideHeight, strideWidth, padTop, padLeft } = g;
  const positions = batch * outHeight * outWidth;
  const rowStride = inWidth * inChannels;
  const imageStride = inHeight * rowStride;
  let row = 0;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      for (let c = 0; c < inChannels; c++, row++) {
        let p = row * positions;
        for (let n = 0; n < batch; n++) {
          for (let oh = 0; oh < outHeight; oh++) {
            const ih = oh * strideHeight - padTop + kh;
            if (ih < 0 || ih >= inHeight) {
              cols.fill(0, p, p + outWidth);
              p += outWidth;
              continue;
            }
            const base = n * imageStride + ih * rowStride + c;
            for (let ow = 0; ow < outWidth; ow++, p++) {
              const iw = ow * strideWidth - padLeft + kw;
              cols[p] = iw >= 0 && iw < inWidth ? x[base + iw * inChannels] : 0;
            }
          }
        }
      }
    }
  }
}
