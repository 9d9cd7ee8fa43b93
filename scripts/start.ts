/**
 * `npm start`, the main job: set up, execute the notebooks on the run preset
 * (D2L_PRESET, default cpu), and regenerate the markdown solutions from them.
 */
import { runCli } from "./cli/args";
import { exportSolutions } from "./markdown";
import { runNotebooks } from "./notebooks";
import { setup } from "./setup";

runCli(async () => {
  await setup();
  const failures = await runNotebooks();
  // Notebooks that failed were left as they were, so exporting all of them is still consistent.
  exportSolutions();
  if (failures.length > 0) throw new Error(`start: ${failures.length} notebook(s) failed (reports above); solutions/ holds their previous outputs`);
});
