/**
 * The kernels lib registers for 'wasm': the ones the package lacks for
 * training, and faster versions of built-in ones that a training step of
 * AlexNet or LeNet spends its time in. Register after the backend has
 * initialised: the built-ins these build on need their setup to have run.
 */
import { tf } from "../../tf";
import { conv2DBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2DBackpropInputConfig } from "./conv2d-backprop-input";
import { rememberBuiltin } from "./kernel-scope";
import { maxPoolGradConfig } from "./max-pool-grad";

export const TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  maxPoolGradConfig,
];

/** Registers every kernel in TRAINING_KERNELS for 'wasm' (replacing a built-in one); safe to call twice. Returns their names. */
export function registerTrainingKernels(): string[] {
  for (const config of TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, "wasm");
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) {
      rememberBuiltin(config.kernelName);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    tf.registerKernel(config);
  }
  return TRAINING_KERNELS.map((k) => k.kernelName);
}
