import type { ConvGeometry } from "./conv-geometry";

/**
 * Adds the patch matrix cols [N·Ho·Wo, KH·KW·Cin] back into the image dx
 * (NHWC, zeroed first): the inverse of im2col, summing where patches overlap.
 */
export function col2im(cols: Float32Array, dx: Float32Array, g: ConvGeometry): void {
  const { batch, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = g;
  const { strideHeight, strideWidth, padTop, padLeft } = g;
  const rowStride = inWidth * inChannels;
  const imageStride = inHeight * rowStride;
  dx.fill(0);
  let p = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - padTop + kh;
          if (ih < 0 || ih >= inHeight) {
            p += filterWidth * inChannels;
            continue;
          }
          for (let kw = 0; kw < filterWidth; kw++, p += inChannels) {
            const iw = ow * strideWidth - padLeft + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const base = n * imageStride + ih * rowStride + iw * inChannels;
            for (let c = 0; c < inChannels; c++) dx[base + c] += cols[p + c];
          }
        }
      }
    }
  }
}
