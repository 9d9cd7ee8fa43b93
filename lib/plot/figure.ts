/**
 * A plotly figure as plain JSON: what plotly.js draws in a browser and what the
 * notebook stores. plotly.js itself cannot run in Node (it needs a DOM), so lib
 * only builds these objects; a browser (the user's, or headless Chromium for
 * PNGs) draws them.
 */
export interface Trace {
  type?: string;
  name?: string;
  x?: ArrayLike<number | string>;
  y?: ArrayLike<number | string>;
  [attribute: string]: unknown;
}

export interface Layout {
  title?: string | { text: string; [attribute: string]: unknown };
  width?: number;
  height?: number;
  [attribute: string]: unknown;
}

export interface Figure {
  data: Trace[];
  layout?: Layout;
  config?: Record<string, unknown>;
}

/** Pixel size figures get unless their layout says otherwise (also the PNG size). */
export const DEFAULT_FIGURE_SIZE = { width: 720, height: 420 } as const;

/** The figure with width/height filled in and typed arrays made plain arrays (JSON-safe). */
export function normalizeFigure(figure: Figure): Figure & { layout: Layout & { width: number; height: number } } {
  const data = figure.data.map((trace) => {
    const copy: Trace = { ...trace };
    for (const [key, value] of Object.entries(copy)) {
      if (ArrayBuffer.isView(value)) copy[key] = Array.from(value as unknown as ArrayLike<number>);
    }
    return copy;
  });
  const layout = { ...DEFAULT_FIGURE_SIZE, ...figure.layout };
  return { ...figure, data, layout };
}

export function figureTitle(figure: Figure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  return title?.text ?? "figure";
}
