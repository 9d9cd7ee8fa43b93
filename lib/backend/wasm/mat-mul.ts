/**
 * Matrix products through XNNPACK's fully-connected operator, the only fast
 * matmul in tfjs-backend-wasm: the built-in BatchMatMul uses it only when
 * neither operand is transposed and the batch is 1, and falls back to a scalar
 * loop otherwise (all of a dense layer's gradients). XNNPACK re-packs its
 * right operand on every call (lib's weights change every step), at about 4×
 * the cost of a transpose per element, so the product is computed in whichever
 * orientation packs the smaller matrix:
 *   direct:  C = op(A)·op(B), packing op(B) [K×N];
 *   swapped: Cᵀ = op(B)ᵀ·op(A)ᵀ, packing op(A)ᵀ [K×M], then transposing Cᵀ.
 * Transposes the chosen orientation needs are materialised.
 */
import { tf } from "../../tf";
import type { KernelScope } from "./kernel-scope";

/** Relative costs per element, measured here (2-vCPU Zen 4): packing a right operand vs transposing. */
const PACK_COST = 4;
const TRANSPOSE_COST = 1;

export interface MatMulShape {
  m: number;
  k: number;
  n: number;
}

/** [rows, cols] of a rank-2 view of x (a rank-3 x must have batch 1). */
export function matrixShape(x: tf.TensorInfo): [number, number] | undefined {
  const shape = x.shape;
  if (shape.length < 2 || shape.slice(0, -2).some((d) => d !== 1)) return undefined;
  return [shape[shape.length - 2], shape[shape.length - 1]];
}

export function prefersSwapped({ m, k, n }: MatMulShape, transposeA: boolean, transposeB: boolean): boolean {
  const direct =
    (transposeA ? TRANSPOSE_COST * m * k : 0) + (transposeB ? TRANSPOSE_COST * k * n : 0) + PACK_COST * k * n;
  const swapped =
    (transposeB ? 0 : TRANSPOSE_COST * k * n) +
    (transposeA ? 0 : TRANSPOSE_COST * m * k) +
    PACK_COST * k * m +
    TRANSPOSE_COST * m * n;
  return swapped < direct;
}

/** [M, N] = op(A)·op(B) for batch-1 operands; undefined when they are not batch-1 matrices. */
export function matMul2d(
  s: KernelScope,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): tf.TensorInfo | undefined {
  const aShape = matrixShape(a);
  const bShape = matrixShape(b);
  if (!aShape || !bShape) return undefined;
  const [m, k] = transposeA ? [aShape[1], aShape[0]] : aShape;
  const n = transposeB ? bShape[0] : bShape[1];
  const a2 = s.reshape(a, aShape);
  const b2 = s.reshape(b, bShape);
  const product = (left: tf.TensorInfo, right: tf.TensorInfo) =>
    s.reshape(s.run("BatchMatMul", { a: left, b: right }, { transposeA: false, transposeB: false }), [
      left.shape[0],
      right.shape[1],
    ]);
  if (prefersSwapped({ m, k, n }, transposeA, transposeB)) {
    const left = transposeB ? b2 : s.transpose(b2, [1, 0]);
    const right = transposeA ? a2 : s.transpose(a2, [1, 0]);
    return s.transpose(product(left, right), [1, 0]);
  }
  return product(transposeA ? s.transpose(a2, [1, 0]) : a2, transposeB ? s.transpose(b2, [1, 0]) : b2);
}
