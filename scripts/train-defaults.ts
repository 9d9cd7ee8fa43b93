/**
 * `npm run train`'s defaults per run preset. The notebooks do not read these:
 * each sizes its own runs with `preset.choose({ smoke, cpu, full })` and prints them.
 */
import type { PresetName } from "../lib/presets";

export interface TrainDefaults {
  /** Training images used (the first N of the 60,000; 0 = all). */
  trainLimit: number;
  /** Validation images used (the first N of the 10,000 test images; 0 = all). */
  valLimit: number;
  /** Epochs for a d2l-style "10 epochs" run. */
  epochs: number;
  /** Side length AlexNet sees; d2l resizes Fashion-MNIST to 224, 68 has 65's layer shapes (the smallest AlexNet takes). */
  alexnetSize: number;
}

export const TRAIN_DEFAULTS: Record<PresetName, TrainDefaults> = {
  smoke: { trainLimit: 512, valLimit: 256, epochs: 1, alexnetSize: 68 },
  cpu: { trainLimit: 10000, valLimit: 10000, epochs: 10, alexnetSize: 96 },
  full: { trainLimit: 0, valLimit: 0, epochs: 10, alexnetSize: 224 },
};
