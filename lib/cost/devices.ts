/**
 * Devices for the roofline: a peak arithmetic rate and a memory bandwidth.
 * GPU figures are the vendors' published peaks (dense, no sparsity; boost clocks);
 * "this-cpu" is what probeDevice measured on the project's build machine.
 */
import type { DType } from "./dtype";

export interface Device {
  name: string;
  /** Peak FLOP/s in fp32 on the general-purpose units. */
  peakFlops: number;
  /** Faster peaks for narrower dtypes (tensor cores); a dtype not listed uses peakFlops. */
  peakFlopsByDtype?: Partial<Record<DType, number>>;
  /** Memory bandwidth, bytes per second. */
  bandwidth: number;
  /** Where the figures come from. */
  source: string;
}

const T = 1e12;
const GB = 1e9;

export const DEVICES = {
  v100: {
    name: "NVIDIA Tesla V100 SXM2",
    peakFlops: 15.7 * T,
    peakFlopsByDtype: { fp16: 125 * T },
    bandwidth: 900 * GB,
    source:
      "NVIDIA Tesla V100 GPU Accelerator datasheet, SXM2 column: 15.7 TFLOPS single precision, 125 TFLOPS tensor, 900 GB/s HBM2",
  },
  a100: {
    name: "NVIDIA A100 SXM4 40GB",
    peakFlops: 19.5 * T,
    peakFlopsByDtype: { fp16: 312 * T, bf16: 312 * T, int8: 624 * T },
    bandwidth: 1555 * GB,
    source:
      "NVIDIA A100 Tensor Core GPU datasheet, A100 40GB SXM: 19.5 TFLOPS FP32, 312 TFLOPS FP16/BF16 tensor, 624 TOPS INT8 (dense), 1,555 GB/s",
  },
  rtx3090: {
    name: "NVIDIA GeForce RTX 3090",
    peakFlops: 35.6 * T,
    peakFlopsByDtype: { fp16: 71 * T, bf16: 71 * T, int8: 284 * T },
    bandwidth: 936 * GB,
    source:
      "NVIDIA Ampere GA102 GPU Architecture whitepaper, RTX 3090 column: 35.6 TFLOPS FP32, 71 TFLOPS FP16/BF16 tensor with FP32 accumulate, 284 TOPS INT8 (dense), 936 GB/s",
  },
  rtx4090: {
    name: "NVIDIA GeForce RTX 4090",
    peakFlops: 82.6 * T,
    peakFlopsByDtype: { fp16: 165.2 * T, bf16: 165.2 * T, int8: 660.6 * T },
    bandwidth: 1008 * GB,
    source:
      "NVIDIA Ada Lovelace GPU Architecture whitepaper, RTX 4090 column: 82.6 TFLOPS FP32, 165.2 TFLOPS FP16/BF16 tensor with FP32 accumulate, 660.6 TOPS INT8 (dense), 1,008 GB/s",
  },
  t4: {
    name: "NVIDIA T4",
    peakFlops: 8.1 * T,
    peakFlopsByDtype: { fp16: 65 * T, int8: 130 * T },
    bandwidth: 320 * GB,
    source:
      "NVIDIA T4 Tensor Core GPU datasheet: 8.1 TFLOPS FP32, 65 TFLOPS FP16 mixed precision, 130 TOPS INT8, 320 GB/s GDDR6",
  },
  "this-cpu": {
    name: "build machine: 2 vCPU AMD Zen 4, tfjs wasm 1 thread",
    peakFlops: 29.2e9,
    bandwidth: 25.7 * GB,
    source:
      "measured 2026-11-24 with `npm run cost -- --probe` (probeDevice: best of 5 1024² fp32 matmuls on tfjs-backend-wasm 4.22.0, " +
      "1 thread; best of 5 256 MiB copies, read + write counted); best of 3 runs, other jobs sharing the 2 cores",
  },
} satisfies Record<string, Device>;

export type DeviceName = keyof typeof DEVICES;
export const DEVICE_NAMES = Object.keys(DEVICES) as DeviceName[];

export function isDeviceName(name: string): name is DeviceName {
  return Object.hasOwn(DEVICES, name);
}

/** The peak a device reaches for work in `dtype`. */
export function peakFor(device: Device, dtype: DType = "fp32"): number {
  return device.peakFlopsByDtype?.[dtype] ?? device.peakFlops;
}

/** FLOP per byte above which work on this device is compute-bound. */
export function ridgePoint(device: Device, dtype: DType = "fp32"): number {
  return peakFor(device, dtype) / device.bandwidth;
}
