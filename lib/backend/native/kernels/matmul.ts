/**
 * BatchMatMul and _FusedMatMul (dense layers and their gradients) on the
 * oneDNN addon, transposes read through strides rather than copied.
 */
import { tf } from "../../../tf";
import { ACTIVATION_CODES, type MatMulShape, type NativeActivation } from "../addon";
import { anyEmpty, emptySum } from "../../wasm/empty-sum";
import { allFloat32, callReplaced, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;
interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}
interface FusedAttrs extends MatMulAttrs {
  activation?: string;
  leakyreluAlpha?: number;
}

/** The product's shape in the addon's terms, or undefined when the batch dimensions need general broadcasting. */
function matMulShape(
  a: Info,
  b: Info,
  { transposeA, transposeB }: MatMulAttrs,
): { shape: MatMulShape; out: number[] } | undefined {
  if (a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k) {
    throw new Error(
      `BatchMatMul: inner dimensions differ (${k} vs ${transposeB ? bCols : bRows}) for [${a.shape}] × [${b.shape}]`,
    );
  }
  const aBatchDims = a.shape.slice(0, -2);
  const bBatchDims = b.shape.slice(0, -2);
  const batchA = size(aBatchDims);
  const batchB = size(bBatchDims);
  const sameBatch = aBatchDims.length === bBatchDims.length && aBatchDims.every((d, i) => d === bBatchDims[i]);
  if (!sameBatch && batchA !== 1 && batchB !== 1) return undefined;
  const batchDims = aBatchDims.length >= bBatchDims.length && batchA >= batchB ? aBatchDims : bBatchDims;
  return { shape: { batchA, batchB, m, k, n, transposeA, transposeB }, out: [...batchDims, m, n] };
}

function run(
  a: Info,
  b: Info,
  bias: Info | undefined,
  attrs: FusedAttrs,
  backend: KernelArgs<unknown, unknown>["backend"],
  kernelName: string,
  args: object,
) {
  const product = matMulShape(a, b, attrs);
  const activation = attrs.activation === undefined ? 0 : ACTIVATION_CODES[attrs.activation as NativeActivation];
  const biasPerColumn = !bias || (product !== undefined && size(bias.shape) === product.shape.n);
  if (product && biasPerColumn && anyEmpty(a, b, bias)) {
    const out = emptySum(backend, product.out, { bias, activation: attrs.activation, alpha: attrs.leakyreluAlpha });
    if (out) return out;
  }
  if (!product || !allFloat32(a, b, bias) || !biasPerColumn || activation === undefined)
    return callReplaced(kernelName, args);
  const out = backend.makeOutput(product.out, "float32");
  native().matMul(
    heapView(backend, a),
    heapView(backend, b),
    bias ? heapView(backend, bias) : null,
    heapView(backend, out),
    product.shape,
    activation,
    attrs.leakyreluAlpha ?? 0.2,
  );
  return out;
}

function batchMatMul(args: KernelArgs<{ a: Info; b: Info }, MatMulAttrs>) {
  return run(args.inputs.a, args.inputs.b, undefined, args.attrs, args.backend, "BatchMatMul", args);
}

function fusedMatMul(args: KernelArgs<{ a: Info; b: Info; bias?: Info; preluActivationWeights?: Info }, FusedAttrs>) {
  return run(args.inputs.a, args.inputs.b, args.inputs.bias, args.attrs, args.backend, "_FusedMatMul", args);
}

export const MATMUL_KERNELS: readonly tf.KernelConfig[] = [
  wasmKernel("BatchMatMul", batchMatMul),
  wasmKernel("_FusedMatMul", fusedMatMul),
];
