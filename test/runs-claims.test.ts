/** lib/runs/claims.ts: a notebook's prose restated as checks, strict on the committed preset only. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkClaims, expectClaims, type Claims } from "../lib/runs/claims";
import { COMMITTED_PRESET, PRESET_NAMES, type PresetName } from "../lib/presets";

const WRITTEN_ON = "AMD EPYC";
const SAME_MACHINE = `linux x64, ${WRITTEN_ON} 7B13 64-Core Processor`;
const OTHER_MACHINE = "darwin arm64, Apple M2";

const OTHER_PRESETS = PRESET_NAMES.filter((p) => p !== COMMITTED_PRESET);

const info = (preset: PresetName, platform = SAME_MACHINE) => ({ preset, platform });

/** A log that keeps what expectClaims prints. */
function collector(): { log: (text: string) => void; text: () => string } {
  const printed: string[] = [];
  return { log: (text) => printed.push(text), text: () => printed.join("\n") };
}

const allTrue: Claims = {
  results: { "AlexNet ends above LeNet": true, "dropout closes the gap": true },
  speed: { "AlexNet trains at under 100 img/s": true },
  writtenOn: WRITTEN_ON,
};

test("on another preset nothing is checked and nothing throws, even a false claim", () => {
  const claims: Claims = {
    results: { "AlexNet ends above LeNet": false, "LeNet left chance": true },
    speed: { "batch 256 is fastest": false },
    writtenOn: WRITTEN_ON,
  };
  assert.ok(OTHER_PRESETS.length > 0);
  for (const preset of OTHER_PRESETS) {
    const report = checkClaims(info(preset), claims);
    assert.equal(report.checked, false);
    assert.deepEqual([report.failed, report.warned], [[], []]);
    assert.equal(report.lines.length, 1);
    assert.match(report.lines[0], /not checked/);
    assert.match(report.lines[0], new RegExp(`preset ${preset}`));
    assert.match(report.lines[0], /\b3\b/, "counts the claims it skipped");

    const out = collector();
    const printed = expectClaims(info(preset), claims, out.log);
    assert.equal(printed.checked, false);
    assert.match(out.text(), /not checked/);
    assert.doesNotMatch(out.text(), /✗/);
  }
});

test("on the committed preset, claims that all hold pass and each is printed with ✓", () => {
  const out = collector();
  const report = expectClaims(info(COMMITTED_PRESET), allTrue, out.log);
  assert.equal(report.checked, true);
  assert.deepEqual([report.failed, report.warned], [[], []]);
  assert.equal(report.lines.length, 3);
  assert.ok(report.lines.every((line) => line.startsWith("✓ ")));
  for (const claim of ["AlexNet ends above LeNet", "dropout closes the gap", "AlexNet trains at under 100 img/s"]) {
    assert.ok(out.text().includes(claim), `${claim} missing from: ${out.text()}`);
  }
  assert.deepEqual(checkClaims(info(COMMITTED_PRESET), {}), { checked: true, lines: [], failed: [], warned: [] });
});

test("a results claim that no longer holds throws, naming it, on any machine", () => {
  const claims: Claims = {
    ...allTrue,
    results: { "AlexNet ends above LeNet": false, "dropout closes the gap": true },
  };
  for (const platform of [SAME_MACHINE, OTHER_MACHINE]) {
    const out = collector();
    assert.throws(
      () => expectClaims(info(COMMITTED_PRESET, platform), claims, out.log),
      (error: Error) =>
        error.message.includes("AlexNet ends above LeNet") &&
        !error.message.includes("dropout closes the gap") &&
        /1 claim .*no longer holds/.test(error.message),
    );
    assert.match(out.text(), /✗ AlexNet ends above LeNet/, "printed before throwing");
    assert.match(out.text(), /✓ dropout closes the gap/);
  }
  const report = checkClaims(info(COMMITTED_PRESET), claims);
  assert.deepEqual(report.failed, ["AlexNet ends above LeNet"]);
});

test("a speed claim that fails on the machine the prose was written on throws", () => {
  const claims: Claims = { ...allTrue, speed: { "batch 256 is fastest": false } };
  const out = collector();
  assert.throws(() => expectClaims(info(COMMITTED_PRESET, SAME_MACHINE), claims, out.log), /batch 256 is fastest/);
  assert.match(out.text(), /✗ batch 256 is fastest/);
  const report = checkClaims(info(COMMITTED_PRESET, SAME_MACHINE), claims);
  assert.deepEqual([report.failed, report.warned], [["batch 256 is fastest"], []]);
});

test("a speed claim that fails on another machine warns with ! and does not throw", () => {
  const claims: Claims = { ...allTrue, speed: { "batch 256 is fastest": false, "LeNet is 20× faster": true } };
  const out = collector();
  const report = expectClaims(info(COMMITTED_PRESET, OTHER_MACHINE), claims, out.log);
  assert.equal(report.checked, true);
  assert.deepEqual([report.failed, report.warned], [[], ["batch 256 is fastest"]]);
  const warning = report.lines.find((line) => line.startsWith("! "));
  assert.ok(warning, `no "!" line in ${report.lines.join("\n")}`);
  assert.ok(warning.includes("batch 256 is fastest"));
  assert.ok(warning.includes(OTHER_MACHINE) && warning.includes(WRITTEN_ON), warning);
  assert.ok(report.lines.includes("✓ LeNet is 20× faster (speed)"));
  assert.ok(out.text().includes(warning));

  const withFalseResult = { ...claims, results: { "AlexNet ends above LeNet": false } };
  assert.throws(
    () => expectClaims(info(COMMITTED_PRESET, OTHER_MACHINE), withFalseResult, () => {}),
    (error: Error) => error.message.includes("AlexNet ends above LeNet") && !error.message.includes("batch 256"),
    "a warned speed claim is not among the failures",
  );
});

test("speed claims without writtenOn throw a clear error, on every preset", () => {
  const claims: Claims = { results: { "AlexNet ends above LeNet": true }, speed: { "batch 256 is fastest": true } };
  for (const preset of PRESET_NAMES) {
    assert.throws(() => checkClaims(info(preset), claims), /speed claims need writtenOn/);
    assert.throws(() => expectClaims(info(preset), claims, () => {}), /speed claims need writtenOn/);
  }
  assert.doesNotThrow(() => checkClaims(info(COMMITTED_PRESET), { results: { "no speed": true } }));
});
