/**
 * `npm run lab [-- JUPYTER-ARGS...]`: set up (kernel, lib build, plotly.js for the
 * Notebook), then open notebooks/ in JupyterLab if it is installed, else in the
 * classic Notebook.
 */
import { spawn, spawnSync } from "node:child_process";
import { activePreset, PRESET_ENV } from "../lib/presets";
import { runCli } from "./cli/args";
import { NOTEBOOKS_DIR } from "./notebook/paths";
import { checkJupyter } from "./notebook/preflight";
import { setup } from "./setup";
import { jupyterEnv } from "./setup/kernel";

function hasJupyterLab(): boolean {
  return spawnSync("jupyter", ["lab", "--version"], { stdio: "ignore", env: jupyterEnv() }).status === 0;
}

runCli(async () => {
  await setup();
  checkJupyter({ execute: true });
  const app = hasJupyterLab() ? "lab" : "notebook";
  console.log(`lab: starting jupyter ${app} in notebooks/ (kernel "TypeScript"; preset ${activePreset().name}, set ${PRESET_ENV} to change)`);
  if (app === "notebook") console.log("lab: JupyterLab is not installed (pip install jupyterlab); using the classic Notebook");
  // Jupyter refuses to run as root (containers, CI) unless told.
  const root = process.getuid?.() === 0 ? ["--allow-root"] : [];
  const args = [app, `--notebook-dir=${NOTEBOOKS_DIR}`, ...root, ...process.argv.slice(2)];
  const child = spawn("jupyter", args, { cwd: NOTEBOOKS_DIR, stdio: "inherit", env: jupyterEnv() });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  const code: number = await new Promise((resolve) => child.on("close", (status) => resolve(status ?? 0)));
  if (code !== 0) throw new Error(`lab: jupyter ${app} exited with status ${code}`);
});
