/**
 * Run presets (README.md, "Run presets"). Every training notebook and the train
 * CLI read one name from D2L_PRESET: "smoke" proves code runs end to end in
 * seconds (CI), "cpu" (the default) finishes on a 2-core CPU in minutes with
 * real data, "full" is d2l's own settings for a GPU. What a preset means in
 * numbers each user decides: a notebook with `choose`, `npm run train` in
 * scripts/train-defaults.ts.
 */
import { envChoice } from "./env";

export const PRESET_NAMES = ["smoke", "cpu", "full"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export const PRESET_ENV = "D2L_PRESET";
export const DEFAULT_PRESET: PresetName = "cpu";
/** The preset the committed notebook outputs come from; their prose and claims describe its runs. */
export const COMMITTED_PRESET: PresetName = "cpu";

export interface Preset {
  name: PresetName;
  description: string;
  /** A value per preset, for settings a notebook chooses itself. */
  choose<T>(values: Record<PresetName, T>): T;
}

const DESCRIPTIONS: Record<PresetName, string> = {
  smoke: "seconds: tiny subsets, 1 epoch — proves the code runs, numbers mean nothing",
  cpu: "minutes on a 2-core CPU: real data subsets, reduced AlexNet resolution",
  full: "d2l's settings (60k images, 224×224 AlexNet, 10 epochs): needs a GPU",
};

export function presetByName(name: string, source = "preset"): Preset {
  if (!(PRESET_NAMES as readonly string[]).includes(name)) {
    throw new Error(`${source} "${name}" is not a run preset; use one of ${PRESET_NAMES.join(", ")}`);
  }
  const presetName = name as PresetName;
  return { name: presetName, description: DESCRIPTIONS[presetName], choose: (values) => values[presetName] };
}

/** The preset named by D2L_PRESET, or "cpu" when it is unset; another value is an EnvError. */
export function activePreset(env: NodeJS.ProcessEnv = process.env): Preset {
  return presetByName(envChoice(PRESET_ENV, PRESET_NAMES, env) ?? DEFAULT_PRESET, PRESET_ENV);
}
