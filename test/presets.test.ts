import assert from "node:assert/strict";
import { test } from "node:test";
import { activePreset } from "../lib/presets";

test("the preset defaults to cpu and D2L_PRESET selects another", () => {
  assert.equal(activePreset({}).name, "cpu");
  const smoke = activePreset({ D2L_PRESET: "smoke" });
  assert.equal(smoke.name, "smoke");
  assert.equal(smoke.choose({ smoke: 1, cpu: 2, full: 3 }), 1);
  assert.equal(activePreset({ D2L_PRESET: "full" }).alexnetSize, 224);
});

test("an unknown preset is a one-line error naming the variable and the choices", () => {
  assert.throws(
    () => activePreset({ D2L_PRESET: "gpu" }),
    /^EnvError: D2L_PRESET="gpu" is not one of smoke, cpu, full; use one of them or unset it$/,
  );
});
