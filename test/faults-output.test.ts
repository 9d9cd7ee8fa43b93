/**
 * Fault injection, issue 18 (failures 4 and 5, and the weak items about
 * notebooks): a solution never shows an error as if it were a result, a full
 * or read-only output disk is found before anything runs and named when it
 * fills mid-write with no temporary left, and a broken or foreign notebook is
 * named with the fix that applies to it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test, type TestContext } from "node:test";
import { exportSolutions } from "../scripts/markdown";
import { failedCells } from "../scripts/notebook/cell-errors";
import { checkNotebooks } from "../scripts/notebook/read-notebook";
import { planOutputs } from "../scripts/notebook/output-plan";
import { runNotebooks } from "../scripts/notebooks";
import type { Notebook } from "../scripts/notebook/notebook-json";
import { npmRun, tempDir } from "./fault-helpers";
import { repoRoot } from "../lib/repo-root";

const isRoot = process.getuid?.() === 0;

/**
 * A folder on a small tmpfs (root only: chmod does not stop root, a mount does), unmounted after the test.
 * Without root, `readOnly` falls back to mode 0555 and a full disk cannot be made: undefined.
 */
function outputDisk(t: TestContext, options: { readOnly: boolean; size?: string }): string | undefined {
  // Not tempDir: the folder is removed only after it is unmounted (after-hooks run in the order registered).
  const dir = mkdtempSync(path.join(tmpdir(), "d2l-disk-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (!isRoot) {
    if (options.readOnly) chmodSync(dir, 0o555);
    t.after(() => {
      chmodSync(dir, 0o755);
      remove();
    });
    return options.readOnly ? dir : undefined;
  }
  const flags = `${options.readOnly ? "ro," : ""}size=${options.size ?? "100k"}`;
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", flags, "tmpfs", dir], { encoding: "utf8" });
  t.after(() => {
    if (mount.status === 0) spawnSync("umount", [dir]);
    remove();
  });
  return mount.status === 0 ? dir : undefined;
}

/** Our temporaries: .NAME.ipynb.<pid>.tmp, NAME_files.<pid>.tmp/, .NAME.md.<pid>.tmp. */
const temporaries = (dir: string) => readdirSync(dir).filter((f) => /\.\d+\.tmp$/.test(f));

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

describe("5. a full or read-only output disk", () => {
  test("a read-only --out is refused in one line before anything is built or run", { timeout: 120_000 }, (t) => {
    const readOnly = outputDisk(t, { readOnly: true });
    if (!readOnly) return t.skip("cannot make a read-only folder here");
    for (const [script, args] of [
      ["notebooks", ["3", "--out", readOnly]],
      ["markdown", ["3", "--out", readOnly]],
    ] as const) {
      const started = Date.now();
      const run = npmRun(script, [...args], { D2L_PRESET: "smoke" });
      assert.equal(run.status, 1, `${script}: ${run.stdout}${run.stderr}`);
      assert.match(oneLine(run.stderr), new RegExp(`^${readOnly}: cannot write there \\((EROFS|EACCES)`), script);
      assert.doesNotMatch(run.stdout, /lib built|In \[1\//, `${script}: nothing was built or run`);
      assert.ok(Date.now() - started < 60_000, `${script}: refused at once`);
    }
  });

  test("npm run notebooks on a full disk names the file and leaves no temp file", { timeout: 180_000 }, async (t) => {
    const full = outputDisk(t, { readOnly: false, size: "100k" });
    if (!full) return t.skip("needs root to mount a 100 KB tmpfs");
    const dir = tempDir(t);
    // 200 KB of text: the executed notebook cannot fit on the 100 KB disk.
    const big = JSON.parse(notebookJson([{ source: "1" }])) as Notebook;
    big.cells.unshift({ cell_type: "markdown", metadata: {}, source: "x".repeat(200_000) });
    writeFileSync(path.join(dir, "big.ipynb"), JSON.stringify(big));
    await assert.rejects(
      runNotebooks({ dir, plan: planOutputs({ preset: "smoke", out: full }), log: () => {} }),
      (error: Error) => {
        assert.match(error.message, /^cannot write .*big\.ipynb \(ENOSPC: no space left on device\)/);
        return true;
      },
    );
    assert.deepEqual(temporaries(full), [], "temp files left on the full disk");
    assert.ok(!existsSync(path.join(full, "big.ipynb")));
  });

  test("npm run markdown on a full disk names the file, leaves no temp folder and keeps the previous export", {
    timeout: 120_000,
  }, (t) => {
    const full = outputDisk(t, { readOnly: false, size: "100k" });
    if (!full) return t.skip("needs root to mount a 100 KB tmpfs");
    const from = tempDir(t);
    // A 150 KB figure file: the export's NAME_files/ cannot fit.
    const png = randomBytes(150_000).toString("base64");
    writeFileSync(
      path.join(from, "fig.ipynb"),
      notebookJson([
        { source: "show()", outputs: [{ output_type: "display_data", data: { "image/png": png }, metadata: {} }] },
      ]),
    );
    writeFileSync(path.join(full, "fig.md"), "previous export\n");
    assert.throws(
      () => exportSolutions({ names: ["fig"], from, out: full, log: () => {} }),
      /^Error: cannot write .*fig_files \(ENOSPC: no space left on device\)/,
    );
    assert.deepEqual(temporaries(full), [], "temp folders left on the full disk");
    assert.equal(readFileSync(path.join(full, "fig.md"), "utf8"), "previous export\n");
  });
});

describe("weak items: a notebook the runner cannot use is named with the fix that applies", () => {
  test("a kernelspec other than tslab is refused before any kernel starts, naming each file", async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, "executed");
    const spec = (name: string) => ({ kernelspec: { name, display_name: name, language: "x" } });
    writeFileSync(path.join(dir, "1-python.ipynb"), notebookJson([{ source: "print(1)" }], spec("python3")));
    writeFileSync(path.join(dir, "2-made-up.ipynb"), notebookJson([{ source: "1" }], spec("no-such-kernel")));
    writeFileSync(path.join(dir, "3-tslab.ipynb"), notebookJson([{ source: "1" }], spec("tslab")));
    await assert.rejects(
      runNotebooks({ dir, plan: planOutputs({ preset: "smoke", out }), log: () => {} }),
      (error: Error) => {
        assert.match(error.message, /1-python\.ipynb: its kernel is "python3"/);
        assert.match(error.message, /2-made-up\.ipynb: its kernel is "no-such-kernel"/);
        assert.doesNotMatch(error.message, /3-tslab/);
        assert.equal(error.message.split("\n").length, 1);
        return true;
      },
    );
    assert.ok(!existsSync(out), "nothing ran or was written");
  });

  test("git checkout is suggested only for a file git tracks; every broken notebook is named", (t) => {
    // README.md is tracked and not JSON; a file under out/ (git-ignored) is not tracked.
    assert.throws(
      () => checkNotebooks([path.join(repoRoot(), "README.md")]),
      /README\.md: not valid JSON: .*restore it with `git checkout -- README\.md`/,
    );
    mkdirSync(path.join(repoRoot(), "out"), { recursive: true });
    const untracked = mkdtempSync(path.join(repoRoot(), "out", "broken-"));
    t.after(() => rmSync(untracked, { recursive: true, force: true }));
    const files = ["a", "b", "c"].map((name) => path.join(untracked, `${name}.ipynb`));
    for (const file of files) writeFileSync(file, "{");
    assert.throws(
      () => checkNotebooks(files),
      (error: Error) => {
        for (const name of ["a", "b", "c"]) assert.match(error.message, new RegExp(`${name}\\.ipynb: not valid JSON`));
        assert.doesNotMatch(error.message, /git checkout/);
        assert.doesNotMatch(error.message, /more broken/);
        return true;
      },
    );
  });
});
