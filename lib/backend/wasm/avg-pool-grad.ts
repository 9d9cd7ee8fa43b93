/**
 * AvgPoolGrad for wasm: each dy spread over its window, as the cpu backend
 * computes it (every window divided by the full window size, also where it
 * overlaps padding). The built-in kernel loops over every input pixel and
 * window position and was 2.5× slower on LeNet's first pooling.
 */
import { tf } from "../../tf";
import { forEachPoolWindow, poolGradGeometry, type PoolGradArgs } from "./pool-grad-args";

export function avgPoolGrad(args: PoolGradArgs): tf.TensorInfo {
  const { inputs, backend } = args;
  const geometry = poolGradGeometry(args);
  const { inWidth, channels } = geometry;
  const scale = 1 / (geometry.filterHeight * geometry.filterWidth);

  const out = backend.makeOutput(inputs.input.shape, "float32");
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  forEachPoolWindow(geometry, (o, image, hStart, hEnd, wStart, wEnd) => {
    for (let h = hStart; h < hEnd; h++) {
      for (let w = wStart; w < wEnd; w++) {
        const pixel = image + (h * inWidth + w) * channels;
        for (let c = 0; c < channels; c++) dx[pixel + c] += dy[o + c] * scale;
      }
    }
  });
  return out;
}

export const avgPoolGradConfig = {
  kernelName: "AvgPoolGrad",
  backendName: "wasm",
  kernelFunc: avgPoolGrad as unknown as tf.KernelFunc,
};
