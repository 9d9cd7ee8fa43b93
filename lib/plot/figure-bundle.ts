/**
 * Every representation of one figure, for a single display_data output:
 *
 * | mime type                        | who renders it                                     |
 * |----------------------------------|----------------------------------------------------|
 * | application/vnd.plotly.v1+json   | JupyterLab, trusted: lab/'s renderer or plotly's   |
 * | text/html                        | classic Notebook and JupyterLab without a plotly   |
 * |                                  | renderer (interactive if trusted, else PNG)        |
 * | image/png                        | nbconvert markdown (figure files), GitHub, exports |
 * | text/plain                       | consoles                                           |
 */
import { figureTitle, normalizeFigure, type Figure } from "./figure";
import { figureHtml } from "./figure-html";
import type { MimeBundle } from "./kernel-display";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface FigureBundle {
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** `png` is undefined when no static image could be made; the other types still work. */
export function figureBundle(figure: Figure, png: Buffer | undefined): FigureBundle {
  const normalized = normalizeFigure(figure);
  const title = figureTitle(normalized);
  const { width, height } = normalized.layout;
  const data: MimeBundle = {
    [PLOTLY_MIME]: normalized,
    "text/html": figureHtml(normalized, png, title),
    "text/plain": `[figure: ${title}]`,
  };
  const metadata: Record<string, unknown> = {};
  if (png) {
    data["image/png"] = png.toString("base64");
    metadata["image/png"] = { width, height };
  }
  return { data, metadata };
}
