/**
 * MaxPoolGrad for wasm. The built-in kernel is a scalar loop and, in 4.22,
 * wrong: it starts each window's maximum at FLT_MIN (the smallest positive
 * float) rather than −∞, so windows of negative values send their gradient to
 * the wrong place, and it breaks ties towards the last maximum where the cpu
 * backend takes the first. This one routes each dy to the first maximum of
 * its window in row-major order, as the cpu backend does, one whole channel
 * vector at a time.
 */
import { tf } from "../../tf";
import { forEachPoolWindow, poolGradGeometry, type PoolGradArgs } from "./pool-grad-args";

export function maxPoolGrad(args: PoolGradArgs): tf.TensorInfo {
  const { inputs, backend } = args;
  const geometry = poolGradGeometry(args);
  const { inWidth, channels } = geometry;

  const out = backend.makeOutput(inputs.input.shape, "float32");
  const x = backend.typedArrayFromHeap(inputs.input) as Float32Array;
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);

  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  forEachPoolWindow(geometry, (o, image, hStart, hEnd, wStart, wEnd) => {
    best.fill(-Infinity);
    where.fill(-1);
    for (let h = hStart; h < hEnd; h++) {
      for (let w = wStart; w < wEnd; w++) {
        const pixel = image + (h * inWidth + w) * channels;
        for (let c = 0; c < channels; c++) {
          const value = x[pixel + c];
          if (value > best[c]) {
            best[c] = value;
            where[c] = pixel + c;
          }
        }
      }
    }
    for (let c = 0; c < channels; c++) if (where[c] >= 0) dx[where[c]] += dy[o + c];
  });
  return out;
}

export const maxPoolGradConfig = {
  kernelName: "MaxPoolGrad",
  backendName: "wasm",
  kernelFunc: maxPoolGrad as unknown as tf.KernelFunc,
};
