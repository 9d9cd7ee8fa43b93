import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { barFigure, lineFigure, logTicks, tickLabel } from "../lib/plot/charts";
import { figureBundle, PLOTLY_MIME } from "../lib/plot/figure-bundle";
import { renderPng } from "../lib/plot/png";
import { FIGURE_DIR_ENV, showFigure } from "../lib/plot/show";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE, "not a PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const squares = lineFigure({
  title: "squares",
  series: [{ name: "x²", x: [1, 2, 3], y: new Float32Array([1, 4, 9]) }],
});

test("a figure bundle carries plotly JSON, HTML with the PNG inside, the PNG and text", () => {
  const png = Buffer.from("fake png bytes");
  const { data, metadata } = figureBundle(squares, png);
  assert.deepEqual(Object.keys(data).sort(), [PLOTLY_MIME, "image/png", "text/html", "text/plain"].sort());
  const plotly = data[PLOTLY_MIME] as { data: { y: unknown }[]; layout: { width: number; height: number } };
  assert.deepEqual(plotly.data[0].y, [1, 4, 9], "typed arrays become JSON arrays");
  assert.deepEqual(metadata["image/png"], { width: plotly.layout.width, height: plotly.layout.height });
  assert.equal(data["image/png"], png.toString("base64"));
  assert.ok((data["text/html"] as string).includes(`<img src="data:image/png;base64,${png.toString("base64")}"`));
  assert.equal(data["text/plain"], "[figure: squares]");
});

test("figure text cannot break out of the HTML's script or attributes", () => {
  const hostile = lineFigure({
    title: `</script><script>alert("x")</script>"`,
    series: [{ name: "</script>", x: [0], y: [0] }],
  });
  const html = figureBundle(hostile, Buffer.from("p")).data["text/html"] as string;
  assert.equal(html.match(/<\/script>/g)?.length, 1, "only the bundle's own closing tag");
  assert.ok(!html.includes('alt="</script>'));
});

test("without a PNG the bundle still shows interactively and says what is missing", () => {
  const { data, metadata } = figureBundle(squares, undefined);
  assert.equal(data["image/png"], undefined);
  assert.deepEqual(metadata, {});
  assert.match(data["text/html"] as string, /needs a trusted notebook/);
});

test("plotly in headless Chromium renders figures to PNGs of the layout size", () => {
  const line = renderPng(squares);
  assert.deepEqual(pngSize(line), { width: 720, height: 420 });
  const bars = renderPng(
    barFigure({ title: "bars", categories: ["a", "b"], series: [{ name: "n", values: [3, 5] }] }),
    { scale: 2 },
  );
  assert.deepEqual(pngSize(bars), { width: 1440, height: 840 });
  assert.notDeepEqual(line, bars);
  assert.deepEqual(renderPng(squares), line, "same figure, same bytes");
});

test("showFigure outside a notebook prints one line, or writes the PNG when D2L_FIGURE_DIR is set", (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (line: string) => lines.push(line));
  const saved = process.env[FIGURE_DIR_ENV];
  const dir = mkdtempSync(path.join(tmpdir(), "d2l-plot-test-"));
  try {
    delete process.env[FIGURE_DIR_ENV];
    showFigure(squares);
    assert.match(lines[0], /^\[figure "squares" not shown: not in a Jupyter kernel; set D2L_FIGURE_DIR=DIR/);
    process.env[FIGURE_DIR_ENV] = dir;
    showFigure(squares);
    assert.equal(lines[1], `[figure "squares" written to ${path.join(dir, "squares.png")}]`);
    assert.deepEqual(pngSize(readFileSync(path.join(dir, "squares.png"))), { width: 720, height: 420 });
  } finally {
    if (saved === undefined) delete process.env[FIGURE_DIR_ENV];
    else process.env[FIGURE_DIR_ENV] = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a log axis given ticks labels exactly those values", () => {
  const figure = lineFigure({
    title: "t",
    x: { log: true, ticks: [16, 32, 64, 128, 256] },
    series: [{ name: "s", x: [16, 256], y: [1, 2] }],
  });
  const xaxis = figure.layout?.xaxis as Record<string, unknown>;
  assert.equal(xaxis.type, "log");
  assert.deepEqual(xaxis.tickvals, [16, 32, 64, 128, 256]);
  assert.deepEqual(xaxis.ticktext, ["16", "32", "64", "128", "256"]);
});

test("a log axis without ticks labels its decades, or 1-2-5 steps over less than two decades", () => {
  const axes = (x: number[], y: number[]) => {
    const layout = lineFigure({
      title: "t",
      x: { log: true },
      y: { log: true },
      series: [{ name: "s", x, y }],
    }).layout as Record<string, Record<string, unknown>>;
    return { x: layout.xaxis, y: layout.yaxis };
  };
  const wide = axes([1, 1024], [0.02, 2000]);
  assert.deepEqual(wide.x.tickvals, [1, 10, 100, 1000]);
  assert.deepEqual(wide.x.ticktext, ["1", "10", "100", "1k"]);
  assert.deepEqual(wide.y.tickvals, [0.1, 1, 10, 100, 1000]);
  const narrow = axes([3, 40], [150, 700]);
  assert.deepEqual(narrow.x.tickvals, [5, 10, 20]);
  assert.deepEqual(narrow.y.tickvals, [200, 500]);
  assert.deepEqual(narrow.y.ticktext, ["200", "500"]);
  // No label of a log axis is a bare minor digit ("2", "3", "4" between decades): every value is one of 1, 2, 5 × 10^k.
  for (const v of [...(wide.y.tickvals as number[]), ...(narrow.x.tickvals as number[])]) {
    const mantissa = Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(3));
    assert.ok([1, 2, 5].includes(mantissa), `${v}`);
  }
  const ranged = lineFigure({ title: "t", y: { log: true, range: [1, 30] }, series: [{ name: "s", x: [1], y: [4] }] });
  assert.deepEqual((ranged.layout!.yaxis as Record<string, unknown>).tickvals, [1, 2, 5, 10, 20]);
});

test("a log axis narrower than one 1-2-5 step keeps the steps around it", () => {
  assert.deepEqual(logTicks(3, 4), [2, 5]);
  assert.deepEqual(logTicks(0.3, 17.6), [0.5, 1, 2, 5, 10]);
  assert.throws(() => logTicks(0, 1), /0 < low <= high/);
  assert.equal(tickLabel(2000), "2k");
  assert.equal(tickLabel(0.05), "0.05");
  assert.equal(tickLabel(1.5e6), "1.5M");
});

test("a linear axis gets no tick list; a bar chart's log axis ticks its values", () => {
  const bars = barFigure({
    title: "t",
    categories: ["a", "b"],
    series: [{ name: "s", values: [0.2, 300] }],
    y: { log: true },
  });
  const yaxis = bars.layout!.yaxis as Record<string, unknown>;
  assert.deepEqual(yaxis.tickvals, [1, 10, 100]);
  const linear = lineFigure({ title: "t", series: [{ name: "s", x: [1, 1000], y: [1, 2] }] });
  assert.equal((linear.layout!.xaxis as Record<string, unknown>).tickvals, undefined);
});
