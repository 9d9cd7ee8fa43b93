/**
 * The kernels lib registers for 'wasm': the ones the package lacks for
 * training, and faster versions of built-in ones that a training step of
 * AlexNet or LeNet spends its time in. Register after the backend has
 * initialised: the built-ins these build on need their setup to have run.
 */
import { tf } from "../../tf";
import { avgPoolGradConfig } from "./avg-pool-grad";
import { batchMatMulConfig, fusedMatMulConfig } from "./batch-mat-mul";
import { conv2DConfig, fusedConv2DConfig } from "./conv2d-empty";
import { conv2DBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2DBackpropInputConfig } from "./conv2d-backprop-input";
import { rememberBuiltin } from "./kernel-scope";
import { maxPoolGradConfig } from "./max-pool-grad";
import { padV2Config } from "./pad";

export const TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
  fusedMatMulConfig,
  avgPoolGradConfig,
  padV2Config,
  conv2DConfig,
  fusedConv2DConfig,
];

/**
 * Registers the kernels in TRAINING_KERNELS for 'wasm' (replacing built-in ones); safe to call twice.
 * `only` limits it to some names (to measure the built-ins against them). Returns the names registered.
 */
export function registerTrainingKernels(only?: readonly string[]): string[] {
  const chosen = TRAINING_KERNELS.filter((k) => !only || only.includes(k.kernelName));
  for (const config of chosen) {
    const current = tf.getKernel(config.kernelName, "wasm");
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) {
      rememberBuiltin(config.kernelName);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    tf.registerKernel(config);
  }
  return chosen.map((k) => k.kernelName);
}
