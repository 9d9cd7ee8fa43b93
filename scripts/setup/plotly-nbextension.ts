import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { plotlyBundlePath, plotlyNbextensionFile } from "../../lib/plot/plotly-asset";
import { JUPYTER_DATA_DIR } from "./kernel";

/**
 * Copies plotly.js into this checkout's Jupyter nbextensions folder (on
 * JUPYTER_PATH, see kernel.ts) so the classic Notebook serves it locally and
 * figures draw offline (lib/plot/figure-html.ts loads it).
 */
export function installPlotlyForNotebook(log: (line: string) => void): void {
  const source = plotlyBundlePath();
  const target = plotlyNbextensionFile(JUPYTER_DATA_DIR);
  if (existsSync(target) && statSync(target).size === statSync(source).size) return;
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  log(`setup: plotly.js for the classic Notebook -> ${path.relative(path.dirname(JUPYTER_DATA_DIR), target)}`);
}
