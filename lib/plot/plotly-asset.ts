/**
 * plotly.js for Jupyter's front ends, offline: set-up copies plotly.js-dist's
 * bundle into two folders under Jupyter's data directory (no CDN, works without
 * a network):
 * - nbextensions/, which the classic Notebook serves at {base_url}nbextensions/;
 * - labextensions/, which JupyterLab (3 and 4, and the one scripts/lab.ts
 *   assembles) serves at {base_url}lab/extensions/. The folder holds no
 *   package.json, so JupyterLab does not take it for an extension to load.
 * The file name carries the version, so a browser never keeps a stale copy.
 */
import path from "node:path";

export const NBEXTENSION_FOLDER = "d2l-alexnet";

export function plotlyVersion(): string {
  return (require("plotly.js-dist/package.json") as { version: string }).version;
}

/** The bundle in node_modules. */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist");
}

/** Path under nbextensions/, without ".js" (requirejs adds it). */
export function plotlyNbextensionModule(): string {
  return `${NBEXTENSION_FOLDER}/plotly-${plotlyVersion()}`;
}

/** Where set-up copies the bundle, given Jupyter's data directory (`jupyter --data-dir`). */
export function plotlyNbextensionFile(jupyterDataDir: string): string {
  return path.join(jupyterDataDir, "nbextensions", `${plotlyNbextensionModule()}.js`);
}

/** Path under JupyterLab's lab/extensions/ URL. */
export function plotlyLabextensionPath(): string {
  return `${NBEXTENSION_FOLDER}/static/plotly-${plotlyVersion()}.js`;
}

/** Where set-up copies the bundle for JupyterLab, given Jupyter's data directory. */
export function plotlyLabextensionFile(jupyterDataDir: string): string {
  return path.join(jupyterDataDir, "labextensions", plotlyLabextensionPath());
}
