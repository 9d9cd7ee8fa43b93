import assert from "node:assert/strict";
import { test } from "node:test";
import { libSourceHash } from "../lib/source-hash";
import { exerciseFolderOf, staleOutputs } from "../scripts/notebook/freshness";
import type { Notebook } from "../scripts/notebook/notebook-json";
import { selectNotebooks } from "../scripts/notebook/paths";
import { readNotebook } from "../scripts/notebook/read-notebook";

function withFirstOutput(text: string): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "code", source: "", metadata: {}, outputs: [{ output_type: "stream", name: "stdout", text }] },
    ],
  };
}

const FILE = "notebooks/4-more-epochs.ipynb";

test("every committed notebook's outputs come from the library source it imports now", () => {
  const stale = selectNotebooks([])
    .map((file) => staleOutputs(file, readNotebook(file)))
    .filter((line) => line !== undefined);
  assert.deepEqual(stale, []);
});

test("a notebook run on an older library is named, with the command that refreshes it", () => {
  const old = withFirstOutput("preset: cpu\nlibrary source: 0123456789ab (lib/ with exercises/ex4-more-epochs)\n");
  const message = staleOutputs(FILE, old, () => "ba9876543210");
  assert.match(
    message ?? "",
    /4-more-epochs\.ipynb: outputs come from library source 0123456789ab, lib is now ba9876543210/,
  );
  assert.match(message ?? "", /npm run notebooks -- 4/);
});

test("the same hash is fresh; a missing line or another notebook's folder is stale", () => {
  const line = (folder: string) => `library source: ${libSourceHash(folder)} (lib/ with exercises/${folder})\n`;
  assert.equal(staleOutputs(FILE, withFirstOutput(line("ex4-more-epochs"))), undefined);
  assert.match(staleOutputs(FILE, withFirstOutput("preset: cpu\n")) ?? "", /no "library source:" line/);
  assert.match(
    staleOutputs(FILE, withFirstOutput(line("ex5-simplify-alexnet"))) ?? "",
    /passes exercise "ex5-simplify-alexnet", not "ex4-more-epochs"/,
  );
});

test("the hash covers the core library and the notebook's own exercise folder only", () => {
  assert.equal(exerciseFolderOf("/x/notebooks/8-overfit-and-break.ipynb"), "ex8-overfit-and-break");
  assert.notEqual(libSourceHash("ex4-more-epochs"), libSourceHash("ex5-simplify-alexnet"));
  assert.match(libSourceHash("ex4-more-epochs"), /^[0-9a-f]{12}$/);
  assert.throws(() => libSourceHash("ex9-nothing"), /lib\/exercises\/ex9-nothing does not exist/);
});
