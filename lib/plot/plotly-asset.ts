/**
 * plotly.js for the classic Notebook, offline: set-up copies plotly.js-dist's
 * bundle into Jupyter's nbextensions folder, which the Notebook server serves
 * at {base_url}nbextensions/ (no CDN, works without a network). The file name
 * carries the version, so a browser never keeps a stale copy.
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
