/**
 * `npm start`, the main job: set up, execute the notebooks on the run preset
 * (D2L_PRESET, default cpu), and regenerate the markdown solutions.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./setup/kernel";
import { setup } from "./setup";

async function main(): Promise<void> {
  await setup();
  const notebooks = readdirSync(path.join(REPO_ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"));
  if (notebooks.length === 0) {
    console.log("start: set-up is complete; there are no notebooks yet to execute");
    return;
  }
  throw new Error("start: notebook execution is not wired yet");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
