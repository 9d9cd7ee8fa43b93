import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { lineFigure } from "../lib/plot/charts";
import { figureBundle } from "../lib/plot/figure-bundle";
import { exportSolutions } from "../scripts/markdown";
import { stripAnsi, stripScripts } from "../scripts/notebook/clean-outputs";
import { exportMarkdown } from "../scripts/notebook/export-markdown";
import type { Notebook } from "../scripts/notebook/notebook-json";
import { NOTEBOOKS_DIR, SOLUTIONS_DIR } from "../scripts/notebook/paths";

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), "d2l-markdown-test-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir` (relative path -> bytes). */
function tree(dir: string, prefix = ""): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) for (const [k, v] of tree(full, `${prefix}${entry}/`)) files.set(k, v);
    else files.set(`${prefix}${entry}`, readFileSync(full));
  }
  return files;
}

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

function sampleNotebook(): Notebook {
  const figure = figureBundle(lineFigure({ title: "f", series: [{ name: "s", x: [0, 1], y: [1, 2] }] }), PNG);
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Sample\n" },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: "run()",
        outputs: [
          { output_type: "stream", name: "stdout", text: ["\u001b[32mgreen\u001b[0m text\n"] },
          { output_type: "display_data", data: figure.data, metadata: figure.metadata },
          {
            output_type: "display_data",
            data: { "text/html": "<table><tr><td>cell</td></tr></table><script>alert(1)</script>" },
            metadata: {},
          },
        ],
      },
    ],
  };
}

test("colour codes and scripts are stripped", () => {
  assert.equal(stripAnsi("\u001b[1;31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007"), "red link");
  assert.equal(stripScripts('<b>a</b><script type="text/javascript">\nvar x = "</b>";\n</script >b'), "<b>a</b>b");
});

test("markdown export: figures become PNG files, HTML keeps no script, text no colour codes; twice gives the same bytes", (t) => {
  const dir = tempDir(t);
  const notebook = path.join(dir, "sample.ipynb");
  writeFileSync(notebook, JSON.stringify(sampleNotebook()));
  const out = path.join(dir, "out");
  const { markdown, figures } = exportMarkdown(notebook, out);
  assert.equal(figures, 1);
  const text = readFileSync(markdown, "utf8");
  assert.match(text, /!\[png\]\(sample_files\/sample_1_1\.png\)/);
  assert.deepEqual(readFileSync(path.join(out, "sample_files", "sample_1_1.png")), PNG);
  assert.match(text, /<table><tr><td>cell<\/td><\/tr><\/table>/);
  assert.ok(!/<script/i.test(text), "no script in markdown");
  assert.ok(!text.includes("\u001b"), "no escape codes");
  assert.match(text, /green text/);
  assert.ok(!text.includes("vnd.plotly"), "plotly JSON is not pasted");

  const first = tree(out);
  exportMarkdown(notebook, out);
  assert.deepEqual(tree(out), first, "a second export is byte-identical");
});

test("solutions/ is exactly a fresh export of the committed notebooks", (t) => {
  const out = tempDir(t);
  exportSolutions({ from: NOTEBOOKS_DIR, out, log: () => {} });
  const fresh = tree(out);
  const committed = tree(SOLUTIONS_DIR);
  assert.deepEqual([...committed.keys()], [...fresh.keys()], "same files (run `npm run markdown`)");
  for (const [file, bytes] of fresh)
    assert.ok(bytes.equals(committed.get(file)!), `solutions/${file} is stale: run \`npm run markdown\``);
});
