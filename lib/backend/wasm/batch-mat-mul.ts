/**
 * BatchMatMul and _FusedMatMul (a dense layer's forward pass) for wasm,
 * through mat-mul.ts; batched products (batch > 1) and activations other than
 * relu/linear go to the built-in kernels.
 */
import { tf } from "../../tf";
import { anyEmpty, emptySum } from "./empty-sum";
import { callBuiltin, inScope, type WasmBackend } from "./kernel-scope";
import { matMul2d, matrixShape } from "./mat-mul";

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

interface FusedAttrs extends MatMulAttrs {
  activation?: string;
  leakyreluAlpha?: number;
}

interface Args<I, A> {
  inputs: I;
  attrs: A;
  backend: WasmBackend;
}

/** As the built-ins: the broadcast batch dims of the inputs (all 1 here), then [M, N]. */
function outputShape(a: tf.TensorInfo, b: tf.TensorInfo, product: tf.TensorInfo): number[] {
  const outer = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  return [...outer, ...product.shape];
}

/** [...broadcast batch dims, M, N] of op(A)·op(B). */
function productShape(a: tf.TensorInfo, b: tf.TensorInfo, { transposeA, transposeB }: MatMulAttrs): number[] {
  const batch = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  return [...batch, transposeA ? aCols : aRows, transposeB ? bRows : bCols];
}

function isBatchOne(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  return matrixShape(a) !== undefined && matrixShape(b) !== undefined;
}

export function batchMatMul(args: Args<{ a: tf.TensorInfo; b: tf.TensorInfo }, MatMulAttrs>): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const { a, b } = inputs;
  if (anyEmpty(a, b) && a.shape.length >= 2 && b.shape.length >= 2)
    return emptySum(backend, productShape(a, b, attrs))!;
  if (!isBatchOne(a, b) || a.dtype !== "float32" || b.dtype !== "float32") return callBuiltin("BatchMatMul", args);
  return inScope(backend, (s) => {
    const product = matMul2d(s, a, b, attrs.transposeA, attrs.transposeB)!;
    return s.reshape(product, outputShape(a, b, product));
  });
}

export function fusedMatMul(
  args: Args<
    { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo },
    FusedAttrs
  >,
): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const { a, b, bias, preluActivationWeights } = inputs;
  const activation = attrs.activation ?? "linear";
  const biasPerColumn =
    !bias ||
    bias.shape.reduce((x, y) => x * y, 1) === b.shape[attrs.transposeB ? b.shape.length - 2 : b.shape.length - 1];
  if (anyEmpty(a, b, bias) && a.shape.length >= 2 && b.shape.length >= 2 && biasPerColumn && !preluActivationWeights) {
    const out = emptySum(backend, productShape(a, b, attrs), { bias, activation, alpha: attrs.leakyreluAlpha });
    if (out) return out;
  }
  const handled =
    isBatchOne(a, b) && preluActivationWeights == null && (activation === "linear" || activation === "relu");
  if (!handled || a.dtype !== "float32" || b.dtype !== "float32") return callBuiltin("_FusedMatMul", args);
  return inScope(backend, (s) => {
    let y = matMul2d(s, a, b, attrs.transposeA, attrs.transposeB)!;
    if (bias) y = s.run("Add", { a: y, b: bias });
    if (activation === "relu") y = s.run("Relu", { x: y });
    return s.reshape(y, outputShape(a, b, y));
  });
}

export const batchMatMulConfig = {
  kernelName: "BatchMatMul",
  backendName: "wasm",
  kernelFunc: batchMatMul as unknown as tf.KernelFunc,
};

export const fusedMatMulConfig = {
  kernelName: "_FusedMatMul",
  backendName: "wasm",
  kernelFunc: fusedMatMul as unknown as tf.KernelFunc,
};
