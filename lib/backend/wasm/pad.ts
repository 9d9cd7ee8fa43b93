/**
 * PadV2 (constant padding; ZeroPadding2D's forward pass) for float32 on wasm
 * as contiguous row copies. The built-in kernel moves one element at a time:
 * 7–10 ms of LeNet's ~100 ms step went into padding 256×28×28×1 images.
 */
import { tf } from "../../tf";
import { callBuiltin, type WasmBackend } from "./kernel-scope";

interface Attrs {
  paddings: [number, number][];
  constantValue: number;
}

/** Shape and paddings with each unpadded dim merged into the one before it (their elements stay contiguous). */
function mergeUnpadded(
  shape: number[],
  paddings: [number, number][],
): { shape: number[]; paddings: [number, number][] } {
  const merged = { shape: [shape[0]], paddings: [paddings[0]] };
  for (let i = 1; i < shape.length; i++) {
    const last = merged.shape.length - 1;
    if (paddings[i][0] === 0 && paddings[i][1] === 0) {
      merged.shape[last] *= shape[i];
      merged.paddings[last] = [merged.paddings[last][0] * shape[i], merged.paddings[last][1] * shape[i]];
    } else {
      merged.shape.push(shape[i]);
      merged.paddings.push(paddings[i]);
    }
  }
  return merged;
}

export function padV2(args: { inputs: { x: tf.TensorInfo }; attrs: Attrs; backend: WasmBackend }): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const { x } = inputs;
  if (x.dtype !== "float32" || x.shape.length === 0 || x.shape.some((d) => d === 0)) return callBuiltin("PadV2", args);
  const outShape = x.shape.map((d, i) => d + attrs.paddings[i][0] + attrs.paddings[i][1]);
  const out = backend.makeOutput(outShape, "float32");
  const src = backend.typedArrayFromHeap(x) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.fill(attrs.constantValue);

  const { shape, paddings } = mergeUnpadded(x.shape, attrs.paddings);
  const rank = shape.length;
  const rowLength = shape[rank - 1];
  const outDims = shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const outStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) outStrides[i] = outStrides[i + 1] * outDims[i + 1];
  const index = new Array<number>(rank - 1).fill(0);
  const rows = src.length / rowLength;
  for (let row = 0, from = 0; row < rows; row++, from += rowLength) {
    let to = paddings[rank - 1][0];
    for (let i = 0; i < rank - 1; i++) to += (index[i] + paddings[i][0]) * outStrides[i];
    if (rowLength >= 64) dst.set(src.subarray(from, from + rowLength), to);
    else for (let j = 0; j < rowLength; j++) dst[to + j] = src[from + j];
    for (let i = rank - 2; i >= 0 && ++index[i] === shape[i]; i--) index[i] = 0;
  }
  return out;
}

export const padV2Config = {
  kernelName: "PadV2",
  backendName: "wasm",
  kernelFunc: padV2 as unknown as tf.KernelFunc,
};
