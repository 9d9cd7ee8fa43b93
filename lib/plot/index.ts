// lib/plot: plotly figures and how a notebook shows them (interactive + PNG in one output).
export * from "./figure";
export * from "./charts";
export { showFigure, figureOutput, FIGURE_DIR_ENV } from "./show";
export { renderPng } from "./png";
export {
  inTslabKernel,
  displayBundle,
  updatableDisplay,
  type MimeBundle,
  type UpdatableDisplay,
} from "./kernel-display";
export { PLOTLY_MIME, figureBundle } from "./figure-bundle";
export { chromiumPath, chromiumProblem, CHROMIUM_ENV } from "./chromium";
export { plotlyNbextensionFile, plotlyBundlePath } from "./plotly-asset";
export * from "./roofline-figure";
