/**
 * The native backend: tfjs-backend-wasm (with lib's wasm training kernels)
 * whose heavy kernels are replaced by oneDNN ones from a Node addon, working
 * in place on the wasm heap. Everything else (elementwise ops, the
 * optimizers, tensor bookkeeping) stays wasm's. docs/bench.md says why this
 * integration rather than a backend of its own, and what it measured.
 */
import { tf } from "../../tf";
import { prepareWasmBackend } from "../wasm";
import { EnvError } from "../../env";
import {
  BF16_ISAS,
  loadAddon,
  PRECISION_ENV,
  type Precision,
  requestedNativeThreads,
  requestedPrecision,
  type NativeAddon,
} from "./addon";
import { ACTIVATION_GRAD_KERNELS, ACTIVATION_GRADIENTS } from "./kernels/activation-grads";
import { BINARY_KERNELS } from "./kernels/binary";
import { CONV_KERNELS } from "./kernels/conv";
import { rememberReplaced, useAddon, type WasmBackend } from "./kernels/heap";
import { IDENTITY_KERNELS } from "./kernels/identity";
import { MATMUL_KERNELS } from "./kernels/matmul";
import { optimizerUpdates, type NativeOptimizerUpdates } from "./optimizer-updates";
import { POOL_KERNELS } from "./kernels/pool";
import { SIGMOID_KERNELS } from "./kernels/sigmoid";
import { SUM_KERNELS } from "./kernels/sum";

export {
  addonBuildDir,
  ADDON_FILE,
  NATIVE_THREADS_ENV,
  loadAddon,
  PRECISION_ENV,
  PRECISIONS,
  type Precision,
  requestedPrecision,
} from "./addon";
export type { NativeOptimizerUpdates } from "./optimizer-updates";

export const NATIVE_KERNELS: readonly tf.KernelConfig[] = [
  ...CONV_KERNELS,
  ...MATMUL_KERNELS,
  ...POOL_KERNELS,
  ...SUM_KERNELS,
  ...SIGMOID_KERNELS,
  ...IDENTITY_KERNELS,
  ...ACTIVATION_GRAD_KERNELS,
  ...BINARY_KERNELS,
];

export interface NativePrepared {
  tfjsBackend: "wasm";
  threads: number;
  precision: Precision;
  detail: string;
}

function registerNativeKernels(addon: NativeAddon): void {
  useAddon(addon);
  for (const config of NATIVE_KERNELS) {
    const current = tf.getKernel(config.kernelName, "wasm");
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) {
      rememberReplaced(config.kernelName);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    tf.registerKernel(config);
  }
  for (const gradient of ACTIVATION_GRADIENTS) tf.registerGradient(gradient);
}

/** `dir`: where the addon was built (default lib/backend/native/build; tests build elsewhere). */
export async function prepareNativeBackend({
  threads = requestedNativeThreads(),
  precision = requestedPrecision(),
  dir,
}: {
  threads?: number;
  precision?: Precision;
  dir?: string;
} = {}): Promise<NativePrepared> {
  const addon = loadAddon(dir);
  const { onednn, isa } = addon.info();
  if (precision === "bf16" && !BF16_ISAS.includes(isa)) {
    throw new EnvError(
      `${PRECISION_ENV}=bf16 needs a CPU with avx512_bf16 (oneDNN sees ${isa} here, where bf16 is slower than fp32); unset it`,
    );
  }
  addon.setThreads({ threads });
  addon.setPrecision(precision);
  await prepareWasmBackend();
  registerNativeKernels(addon);
  const bf16 = precision === "bf16" ? ", bf16 convolutions" : "";
  return { tfjsBackend: "wasm", threads, precision, detail: `oneDNN ${onednn}, ${isa}${bf16}` };
}

/** Whether the native kernels are registered (tf.getBackend() says "wasm" either way). */
export function nativeKernelsActive(): boolean {
  const first = NATIVE_KERNELS[0];
  return tf.getKernel(first.kernelName, "wasm")?.kernelFunc === first.kernelFunc;
}

/** The fused optimizer updates when the native kernels serve the active backend, else undefined. */
export function nativeOptimizerUpdates(): NativeOptimizerUpdates | undefined {
  if (tf.getBackend() !== "wasm" || !nativeKernelsActive()) return undefined;
  return optimizerUpdates(tf.backend() as WasmBackend);
}

/** The addon's primitive cache: entries stay within its capacity however many shapes a session trains. */
export function nativeCacheStats(): ReturnType<NativeAddon["cacheStats"]> {
  return loadAddon().cacheStats();
}
