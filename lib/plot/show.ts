import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { figureTitle, type Figure } from "./figure";
import { figureBundle, type FigureBundle } from "./figure-bundle";
import { displayBundle, inTslabKernel } from "./kernel-display";
import { renderPng } from "./png";

/** Outside a notebook, showFigure writes PNGs here when set (else it only says what it skipped). */
export const FIGURE_DIR_ENV = "D2L_FIGURE_DIR";

let warnedNoPng = false;

/** The PNG, or undefined with one warning per process when Chromium cannot make it. */
export function pngOrWarn(figure: Figure): Buffer | undefined {
  try {
    return renderPng(figure);
  } catch (error) {
    if (!warnedNoPng) {
      warnedNoPng = true;
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`plot: figures have no static image (exports will miss them): ${reason}\n`);
    }
    return undefined;
  }
}

/** The full display bundle of a figure (interactive + PNG); what showFigure sends. */
export function figureOutput(figure: Figure): FigureBundle {
  return figureBundle(figure, pngOrWarn(figure));
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "figure"
  );
}

/**
 * Shows a plotly figure in the notebook: interactive in JupyterLab and the
 * classic Notebook, a PNG wherever scripts can't run and in markdown exports.
 * Synchronous (no await needed). In plain Node it draws nothing: with
 * D2L_FIGURE_DIR set it writes DIR/<title>.png, otherwise it prints one line.
 */
export function showFigure(figure: Figure): void {
  if (inTslabKernel()) {
    const { data, metadata } = figureOutput(figure);
    displayBundle(data, metadata);
    return;
  }
  const title = figureTitle(figure);
  const dir = process.env[FIGURE_DIR_ENV]?.trim();
  if (!dir) {
    console.log(
      `[figure "${title}" not shown: not in a Jupyter kernel; set ${FIGURE_DIR_ENV}=DIR to save figures as PNG]`,
    );
    return;
  }
  const png = pngOrWarn(figure);
  if (!png) return;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${slug(title)}.png`);
  writeFileSync(file, png);
  console.log(`[figure "${title}" written to ${file}]`);
}
