/**
 * Fault injection, issue 18 (failures 4 and 5, and the weak items about
 * notebooks): a solution never shows an error as if it were a result, a full
 * or read-only output disk is found before anything runs and named when it
 * fills mid-write with no temporary left, and a broken or foreign notebook is
 * named with the fix that applies to it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { failedCells } from "../scripts/notebook/cell-errors";
import type { Notebook } from "../scripts/notebook/notebook-json";
import { npmRun, tempDir } from "./fault-helpers";

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  return lines[0];
}

type Output = Record<string, unknown>;

const notebookJson = (cells: { source: string; outputs?: Output[]; count?: number }[], metadata = {}) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata,
    cells: cells.map(({ source, outputs = [], count }) => ({
      cell_type: "code",
      metadata: {},
      execution_count: count ?? null,
      outputs,
      source,
    })),
  });

const stdout = (text: string): Output => ({ output_type: "stream", name: "stdout", text });

describe("4. npm run markdown and failed cells", () => {
  test("a failed cell (an error output, or tslab's error on stderr) is refused, naming notebook and cell; --allow-errors exports it", {
    timeout: 120_000,
  }, (t) => {
    const from = tempDir(t);
    const out = path.join(from, "md");
    writeFileSync(
      path.join(from, "a-error.ipynb"),
      notebookJson([
        { source: "1", outputs: [stdout("fine\n")], count: 1 },
        {
          source: "boom()",
          outputs: [{ output_type: "error", ename: "Error", evalue: "boom", traceback: [] }],
          count: 2,
        },
      ]),
    );
    writeFileSync(
      path.join(from, "b-tslab.ipynb"),
      notebookJson([
        {
          source: "throw new TypeError('bad')",
          outputs: [{ output_type: "stream", name: "stderr", text: "TypeError: bad\n    at <anonymous>:1:7\n" }],
          count: 4,
        },
      ]),
    );
    writeFileSync(path.join(from, "c-good.ipynb"), notebookJson([{ source: "2", outputs: [stdout("2\n")], count: 1 }]));
    const refused = npmRun("markdown", ["--from", from, "--out", out]);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    const line = oneLine(refused.stderr);
    assert.match(line, /a-error\.ipynb In \[2\] \(cell index 1\): Error: boom/);
    assert.match(line, /b-tslab\.ipynb In \[4\] \(cell index 0\): TypeError: bad/);
    assert.match(line, /--allow-errors/);
    assert.ok(!existsSync(out), "nothing was exported, not even the good notebook");

    const allowed = npmRun("markdown", ["--from", from, "--out", out, "--allow-errors"]);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(readFileSync(path.join(out, "a-error.md"), "utf8"), /boom/);
  });

  test("stderr that is not an error (warnings, backend lines) is no failure", () => {
    const notebook = JSON.parse(
      notebookJson([
        {
          source: "fit()",
          outputs: [
            {
              output_type: "stream",
              name: "stderr",
              text: "tfjs backend: native (oneDNN 2.6.3)\nplot: figures have no static image (exports will miss them): no Chromium\n",
            },
          ],
        },
      ]),
    ) as Notebook;
    assert.deepEqual(failedCells(notebook), []);
  });

  test("--help documents --allow-errors", () => {
    const run = npmRun("markdown", ["--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--allow-errors/);
  });
});
