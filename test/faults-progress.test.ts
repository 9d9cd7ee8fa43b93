/**
 * Issue 18, "a long cell is silent": while a cell trains, the training
 * board's title (a display redrawn in place) reaches the terminal, one line
 * per change at most, throttled, with the time the run has left.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { executeNotebook } from "../scripts/notebook/execute";
import { TrainingProgress } from "../scripts/notebook/training-progress";
import { tempDir } from "./fault-helpers";

test("a cell's board titles are forwarded as they change, with the time left from epoch i/n", {
  timeout: 90_000,
}, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, "board.ipynb");
  // tslab's own updatable display stands in for the board: the same display_data, then update_display_data.
  const source = [
    'import * as tslab from "tslab";',
    "const board = tslab.newDisplay();",
    "const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));",
    'board.text("[figure: net: training, 3 epochs of 10 batches]");',
    "for (let epoch = 1; epoch <= 3; epoch++) {",
    "  await sleep(700);",
    "  // A redraw with an unchanged title (the board redraws within an epoch) is no new line.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal in the cell's own source
    "  for (let i = 0; i < 3; i++) board.text(`[figure: net: epoch ${epoch}/3, val acc 50.0%, 100 img/s]`);",
    "}",
    'board.text("[figure: net: done, 3 epochs, val acc 50.0%, 100 img/s]");',
    'tslab.display.text("[figure: a static figure is no progress]");',
  ].join("\n");
  writeFileSync(
    file,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [{ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source }],
    }),
  );
  const lines: string[] = [];
  const result = await executeNotebook(file, {
    timeoutSeconds: 60,
    output: path.join(dir, "out.ipynb"),
    log: (line) => lines.push(line),
    progressGapMs: 0,
  });
  assert.ok(result.ok, `${result.failure}\n${lines.join("\n")}`);
  const progress = lines.filter((line) => line.startsWith("    net: "));
  assert.deepEqual(
    progress.map((line) => line.replace(/ \(about \d+ s left in this run\)$/, " (left)")),
    [
      "    net: training, 3 epochs of 10 batches",
      "    net: epoch 1/3, val acc 50.0%, 100 img/s (left)",
      "    net: epoch 2/3, val acc 50.0%, 100 img/s (left)",
      "    net: epoch 3/3, val acc 50.0%, 100 img/s",
      "    net: done, 3 epochs, val acc 50.0%, 100 img/s",
    ],
    lines.join("\n"),
  );
  assert.ok(!lines.some((line) => line.includes("static figure")), "only displays redrawn in place are progress");
});

test("progress lines are at least the gap apart; the latest held-back title follows once it has passed", () => {
  const progress = new TrainingProgress(10_000);
  assert.equal(progress.title("net: training, 4 epochs of 9 batches", 0), "net: training, 4 epochs of 9 batches");
  assert.equal(progress.title("net: epoch 1/4, val acc 10.0%, 5 img/s", 2_000), undefined);
  assert.equal(progress.title("net: epoch 2/4, val acc 20.0%, 5 img/s", 5_000), undefined);
  assert.equal(progress.flush(9_000), undefined);
  // Two epochs in 5 s: 2.5 s each, two to go.
  assert.equal(progress.flush(10_000), "net: epoch 2/4, val acc 20.0%, 5 img/s (about 5 s left in this run)");
  assert.equal(progress.flush(30_000), undefined, "nothing twice");
  assert.equal(
    progress.title("net: epoch 3/4, val acc 30.0%, 5 img/s", 600_000),
    "net: epoch 3/4, val acc 30.0%, 5 img/s (about 3 min left in this run)",
  );
  progress.reset();
  assert.equal(progress.flush(700_000), undefined);
});
