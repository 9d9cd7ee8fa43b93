/**
 * CI's notebook run: every notebook executes on the smoke preset (into a
 * temporary copy; the committed ones stay as they are) with no error output,
 * and failures are reported by notebook and cell.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { executeNotebook } from "../scripts/notebook/execute";
import { errorOutputs, joinText, type Notebook } from "../scripts/notebook/notebook-json";
import { selectNotebooks } from "../scripts/notebook/paths";
import { runNotebooks } from "../scripts/notebooks";
import { planOutputs } from "../scripts/notebook/output-plan";
import { laneThreads } from "../scripts/notebook/lanes";
import { usableCores } from "../lib/backend/cores";

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), "d2l-notebooks-test-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function notebookOf(sources: string[]): string {
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: sources.map((source) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source })),
  };
  return JSON.stringify(notebook);
}

test("every notebook runs on the smoke preset without an error, two lanes at a time", {
  timeout: 900_000,
}, async (t) => {
  const out = tempDir(t);
  const lanes = Math.min(2, usableCores());
  const threads = laneThreads(usableCores(), lanes);
  const committed = selectNotebooks([]);
  assert.ok(committed.length > 0, "no notebooks to run");
  const before = committed.map(digest);
  const saved = process.env.D2L_PRESET;
  process.env.D2L_PRESET = "smoke";
  const lines: string[] = [];
  try {
    const { failures } = await runNotebooks({
      plan: planOutputs({ preset: "smoke", out }),
      log: (line) => lines.push(line),
      lanes,
    });
    assert.deepEqual(failures, [], lines.join("\n"));
    assert.match(lines[0], new RegExp(`, ${lanes} at a time on ${threads} threads? each`));
    for (const file of committed) {
      const tag = `[${path.basename(file, ".ipynb")}] `;
      assert.ok(
        lines.some((line) => line.startsWith(`${tag}  done in`)),
        `no tagged "done" line for ${tag}`,
      );
    }
  } finally {
    if (saved === undefined) delete process.env.D2L_PRESET;
    else process.env.D2L_PRESET = saved;
  }
  assert.deepEqual(committed.map(digest), before, "the committed notebooks are untouched");
  for (const file of committed) {
    const executed = JSON.parse(readFileSync(path.join(out, path.basename(file)), "utf8")) as Notebook;
    assert.deepEqual(errorOutputs(executed), [], path.basename(file));
    const stderr = executed.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.name === "stderr")
      .map((o) => joinText(o.text));
    assert.ok(
      !stderr.some((s) => s.includes("figures have no static image")),
      `${path.basename(file)}: figures without PNG`,
    );
    const first = executed.cells
      .find((c) => c.cell_type === "code")!
      .outputs!.map((o) => joinText(o.text))
      .join("");
    assert.match(first, /preset: smoke/, `${path.basename(file)}: the first output names the preset`);
    assert.match(first, /backend: /, `${path.basename(file)}: the first output names the backend`);
    const perLane = new RegExp(`backend: .*, ${threads} threads?\\)`);
    assert.match(first, perLane, `${path.basename(file)}: its kernel computed on its lane's share of the cores`);
  }
});

test("a failing cell is reported by notebook, cell and error, and the notebook is left as it was", {
  timeout: 60_000,
}, async (t) => {
  const file = path.join(tempDir(t), "broken.ipynb");
  writeFileSync(
    file,
    notebookOf([
      'console.log("fine");',
      'const n: number = 1;\nthrow new Error("boom " + n);',
      'console.log("never");',
    ]),
  );
  const before = digest(file);
  const result = await executeNotebook(file, { timeoutSeconds: 30, output: file, log: () => {} });
  assert.equal(result.ok, false);
  assert.match(result.failure!, /^broken\.ipynb: In \[2\] \(cell index 1\) failed after/);
  assert.match(result.failure!, /> throw new Error\("boom " \+ n\);/);
  assert.match(result.failure!, /Error: boom 1/);
  assert.ok(!/tslab[\\/]dist/.test(result.failure!), "no kernel-internal stack frames");
  assert.equal(digest(file), before);
});

test("a cell that outlives the timeout is reported as such", { timeout: 60_000 }, async (t) => {
  const file = path.join(tempDir(t), "slow.ipynb");
  writeFileSync(file, notebookOf(["await new Promise((resolve) => setTimeout(resolve, 30_000));"]));
  const result = await executeNotebook(file, { timeoutSeconds: 2, output: file, log: () => {} });
  assert.equal(result.ok, false);
  assert.match(
    result.failure!,
    /^slow\.ipynb: In \[1\] \(cell index 0\) did not finish within 2 s \(raise it with --timeout SECONDS\)/,
  );
});
