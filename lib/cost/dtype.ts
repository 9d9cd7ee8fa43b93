/** Element types the cost model sizes tensors in; every tensor (weights, activations, gradients, optimizer state) uses the one chosen. */
export const DTYPES = ["fp32", "fp16", "bf16", "int8"] as const;
export type DType = (typeof DTYPES)[number];

const BYTES: Record<DType, number> = { fp32: 4, fp16: 2, bf16: 2, int8: 1 };

export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype];
}

export function isDType(value: string): value is DType {
  return (DTYPES as readonly string[]).includes(value);
}
