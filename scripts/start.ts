import { counted } from "../lib/format";
/**
 * `npm start [-- --in-place | --scratch]`, the main job: set up, execute the
 * notebooks on the run preset (D2L_PRESET, default cpu), and export their
 * markdown. On the committed preset (cpu) that replaces notebooks/ and
 * solutions/, all together and only when every notebook succeeded; on another
 * preset it writes out/<preset>/notebooks/ and out/<preset>/solutions/ unless
 * --in-place is given (output-plan.ts).
 */
import path from "node:path";
import { activePreset } from "../lib/presets";
import { parseFlags, runCli } from "./cli/args";
import { exportSolutions } from "./markdown";
import { checkRunInputs } from "./notebook/preflight";
import { selectNotebooks } from "./notebook/paths";
import { describePublished, publishInPlace } from "./notebook/publish";
import { stopSignal, throwIfStopped } from "./notebook/stop-signals";
import { placementFlags, runNotebooks } from "./notebooks";
import { setup } from "./setup";
import { repoRoot } from "../lib/repo-root";

const USAGE = `usage: npm start [-- --in-place | --scratch]
  Sets up, executes every notebook on D2L_PRESET (default cpu) and exports the markdown.
  cpu (the preset of the committed results): replaces notebooks/ and solutions/ once every
  notebook succeeded, saying first what and how long, and after what changed and how to undo it.
  any other preset: writes out/<preset>/notebooks/ and out/<preset>/solutions/.
  --in-place   replace notebooks/ and solutions/ whatever the preset
  --scratch    write to out/<preset>/ whatever the preset`;

const abort = stopSignal();
runCli(async () => {
  const { values } = parseFlags({
    options: { "in-place": { type: "boolean" }, scratch: { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const plan = placementFlags(values, activePreset());
  checkRunInputs(selectNotebooks([]), plan, { markdown: true });
  await setup();
  throwIfStopped(abort);
  const run = await runNotebooks({ plan, abort, publish: false });
  throwIfStopped(abort);
  if (run.failures.length > 0) {
    throw new Error(
      `start: ${counted(run.failures.length, "notebook")} failed (reports above); notebooks/ and solutions/ are unchanged`,
    );
  }
  exportSolutions({ from: plan.notebooksDir, out: plan.solutionsDir });
  throwIfStopped(abort);
  if (plan.mode === "in-place") {
    for (const line of describePublished(publishInPlace(run.executed, plan.solutionsDir)))
      console.log(`start: ${line}`);
  } else {
    console.log(
      `start: executed notebooks in ${path.relative(repoRoot(), plan.notebooksDir)}/, markdown in ${path.relative(repoRoot(), plan.solutionsDir)}/`,
    );
  }
});
