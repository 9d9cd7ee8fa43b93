/**
 * AvgPoolGrad for wasm: each dy spread over its window, as the cpu backend
 * computes it (every window divided by the full window size, also where it
 * overlaps padding). The built-in kernel loops over every input pixel and
 * window position and was 2.5× slower on LeNet's first pooling.
 */
import { tf } from "../../tf";
import { poolGradGeometry, type PoolGradArgs } from "./pool-grad-args";

export function avgPoolGrad(args: PoolGradArgs): tf.TensorInfo {
  const { inputs, backend } = args;
  const { batchSize, inHeight, inWidth, channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, top, left } =
    poolGradGeometry(args);
  const scale = 1 / (filterHeight * filterWidth);

  const out = backend.makeOutput(inputs.input.shape, "float32");
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const w0 = ow * strideWidth - left;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(inWidth, w0 + filterWidth);
        for (let h = hStart; h < hEnd; h++) {
          for (let w = wStart; w < wEnd; w++) {
            const pixel = image + (h * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) dx[pixel + c] += dy[o + c] * scale;
          }
        }
      }
    }
  }
  return out;
}

export const avgPoolGradConfig = {
  kernelName: "AvgPoolGrad",
  backendName: "wasm",
  kernelFunc: avgPoolGrad as unknown as tf.KernelFunc,
};
