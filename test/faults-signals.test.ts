/**
 * Fault injection, issue 11 item 2: a signal to a running `npm run notebooks`
 * (to the whole process group, as `timeout` and a CI cancel send it, or to the
 * npm process alone) stops the run, leaves no tslab kernel or Chromium behind,
 * removes the temp folders and says which notebooks were written.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { NOTEBOOKS_DIR } from "../scripts/notebook/paths";
import { cmdline, exited, marked, startNpm, tempDir, waitFor } from "./fault-helpers";

const NOTEBOOK = "3-why-not-alexnet";

const cases: { signal: NodeJS.Signals; to: "group" | "npm" }[] = [
  { signal: "SIGTERM", to: "group" },
  { signal: "SIGHUP", to: "group" },
  { signal: "SIGINT", to: "npm" },
  { signal: "SIGTERM", to: "npm" },
];

describe("a stop signal during npm run notebooks", () => {
  for (const { signal, to } of cases) {
    test(`${signal} to the ${to === "group" ? "process group" : "npm process alone"} stops the kernel and removes the temp folders`, {
      timeout: 240_000,
    }, async (t) => {
      const tmp = tempDir(t);
      const out = path.join(tmp, "executed");
      const mark = `${signal}-${to}-${process.pid}`;
      const run = startNpm("notebooks", [NOTEBOOK, "--out", out], mark, { D2L_PRESET: "smoke", TMPDIR: tmp });
      t.after(() => {
        for (const pid of marked(mark)) process.kill(pid, "SIGKILL");
      });
      const kernel = await waitFor("the tslab kernel to start", 150_000, () =>
        marked(mark).find((pid) => /tslab.* kernel/.test(cmdline(pid))),
      );
      assert.ok(
        readdirSync(tmp).some((f) => f.startsWith("d2l-nbexec-")),
        "the run's temp folder exists while it runs",
      );
      process.kill(to === "group" ? -run.child.pid! : run.child.pid!, signal);

      const { code } = await exited(run.child, 60_000);
      assert.notEqual(code, 0, run.output());
      await waitFor("every process of the run to be gone", 10_000, () =>
        marked(mark).length === 0 ? true : undefined,
      ).catch(() => {
        assert.fail(
          `still running after the signal: ${marked(mark)
            .map((pid) => `${pid} ${cmdline(pid)}`)
            .join("; ")} (kernel was ${kernel})`,
        );
      });
      const left = readdirSync(tmp).filter((f) => f.startsWith("d2l-nbexec-") || f.startsWith("d2l-plot-chromium-"));
      assert.deepEqual(left, [], "temp folders left behind");
      assert.match(run.output(), new RegExp(`stopped by ${signal}`));
      assert.match(run.output(), new RegExp(`not written: ${NOTEBOOK}\\.ipynb`));
    });
  }
});

describe("an interrupted in-place run", () => {
  test("leaves notebooks/ exactly as it was (no mix of presets)", { timeout: 240_000 }, async (t) => {
    const tmp = tempDir(t);
    const file = path.join(NOTEBOOKS_DIR, `${NOTEBOOK}.ipynb`);
    const before = readFileSync(file);
    // Should the signal ever come too late, the committed notebook is put back.
    t.after(() => writeFileSync(file, before));
    const mark = `in-place-${process.pid}`;
    const run = startNpm("notebooks", [NOTEBOOK, "--in-place"], mark, { D2L_PRESET: "smoke", TMPDIR: tmp });
    t.after(() => {
      for (const pid of marked(mark)) process.kill(pid, "SIGKILL");
    });
    await waitFor("the tslab kernel to start", 150_000, () =>
      marked(mark).find((pid) => /tslab.* kernel/.test(cmdline(pid))),
    );
    process.kill(-run.child.pid!, "SIGTERM");
    const { code } = await exited(run.child, 60_000);
    assert.notEqual(code, 0, run.output());
    assert.ok(readFileSync(file).equals(before), "the committed notebook changed");
    assert.match(run.output(), /in place: will replace notebooks\/3-why-not-alexnet\.ipynb once all of them succeed/);
    assert.match(run.output(), /nothing replaced; notebooks\/ is as it was/);
  });
});
