import assert from "node:assert/strict";
import { test } from "node:test";
import { inferShapes } from "../lib/models/spec";
import { specByName } from "../lib/models/zoo";
import { activePreset, PRESET_NAMES } from "../lib/presets";
import { TRAIN_DEFAULTS } from "../scripts/train-defaults";

test("the preset defaults to cpu and D2L_PRESET selects another", () => {
  assert.equal(activePreset({}).name, "cpu");
  const smoke = activePreset({ D2L_PRESET: "smoke" });
  assert.equal(smoke.name, "smoke");
  assert.equal(smoke.choose({ smoke: 1, cpu: 2, full: 3 }), 1);
  assert.equal(activePreset({ D2L_PRESET: "full" }).choose({ smoke: 1, cpu: 2, full: 3 }), 3);
});

test("an unknown preset is a one-line error naming the variable and the choices", () => {
  assert.throws(
    () => activePreset({ D2L_PRESET: "gpu" }),
    /^EnvError: D2L_PRESET="gpu" is not one of smoke, cpu, full; use one of them or unset it$/,
  );
});

test("npm run train's defaults give AlexNet an input it accepts on every preset, and full is d2l's", () => {
  for (const name of PRESET_NAMES) {
    assert.doesNotThrow(() => inferShapes(specByName("alexnet", { size: TRAIN_DEFAULTS[name].alexnetSize })), name);
  }
  assert.deepEqual(TRAIN_DEFAULTS.full, { trainLimit: 0, valLimit: 0, epochs: 10, alexnetSize: 224 });
});
