import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { plotlyBundlePath, plotlyLabextensionFile, plotlyNbextensionFile } from "../../lib/plot/plotly-asset";
import { JUPYTER_DATA_DIR } from "./kernel";

function copyIfChanged(source: string, target: string): boolean {
  if (existsSync(target) && statSync(target).size === statSync(source).size) return false;
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  return true;
}

/**
 * Copies plotly.js into this checkout's Jupyter data folder (on JUPYTER_PATH,
 * see kernel.ts), where the classic Notebook (nbextensions/) and JupyterLab
 * (labextensions/) serve it, so trusted figures draw offline in both
 * (lib/plot/figure-html.ts loads it).
 */
export function installPlotlyForNotebook(log: (line: string) => void): void {
  const source = plotlyBundlePath();
  const shown = (file: string) => path.relative(path.dirname(JUPYTER_DATA_DIR), file);
  const notebook = plotlyNbextensionFile(JUPYTER_DATA_DIR);
  if (copyIfChanged(source, notebook)) log(`setup: plotly.js for the classic Notebook -> ${shown(notebook)}`);
  const lab = plotlyLabextensionFile(JUPYTER_DATA_DIR);
  if (copyIfChanged(source, lab)) log(`setup: plotly.js for JupyterLab -> ${shown(lab)}`);
}
