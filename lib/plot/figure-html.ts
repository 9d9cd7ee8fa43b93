/**
 * The text/html representation of a figure: the static PNG inside a <div>, and
 * a script that replaces it with the interactive plotly chart when it can.
 *
 * - Classic Notebook, trusted: the script loads plotly.js through the page's
 *   requirejs from the local nbextensions copy (plotly-asset.ts) and draws.
 * - JupyterLab, trusted (no requirejs there): the script adds a <script> tag
 *   for the labextensions copy, found through the page's jupyter-config-data,
 *   once per page, and draws when it has loaded.
 * - Untrusted notebook (e.g. freshly cloned): Jupyter strips the script and
 *   keeps the <img> (data: URLs survive its sanitizer), so the PNG shows.
 * - Anywhere plotly.js cannot be found (nbviewer, a server without set-up's
 *   copies): the PNG stays.
 */
import { createHash } from "node:crypto";
import type { Figure } from "./figure";
import { plotlyLabextensionPath, plotlyNbextensionModule } from "./plotly-asset";

let shown = 0;

/** JSON safe inside <script>: no "</script>" or "<!--" can appear. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Same figure, same position in a run -> same id (stable notebook diffs). */
function elementId(json: string): string {
  return `d2l-figure-${createHash("sha256").update(json).digest("hex").slice(0, 12)}-${++shown}`;
}

export function figureHtml(
  figure: Figure & { layout: { width: number; height: number } },
  png: Buffer | undefined,
  title: string,
): string {
  const json = scriptSafeJson(figure);
  const id = elementId(json);
  const { width, height } = figure.layout;
  const image = png
    ? `<img src="data:image/png;base64,${png.toString("base64")}" width="${width}" height="${height}" alt="${escapeAttribute(title)}">`
    : `<pre>${escapeAttribute(title)} (interactive figure: needs a trusted notebook)</pre>`;
  return `<div id="${id}" class="d2l-figure">${image}</div>
<script type="text/javascript">
(function () {
  var figure = ${json};
  function draw(Plotly) {
    var element = document.getElementById("${id}");
    if (!element || !Plotly) return;
    element.innerHTML = "";
    Plotly.newPlot(element, figure.data, figure.layout, figure.config || {});
  }
  if (window.Plotly) return draw(window.Plotly);
  if (typeof window.requirejs === "function") {
    var base = (document.body && document.body.getAttribute("data-base-url")) || "/";
    window.requirejs.config({ paths: { "d2l-plotly": base + "nbextensions/${plotlyNbextensionModule()}" } });
    // plotly.js 3 sets window.Plotly rather than define()-ing an AMD module: requirejs hands over undefined.
    window.requirejs(["d2l-plotly"], function (Plotly) { draw(Plotly || window.Plotly); }, function () {});
    return;
  }
  var config = document.getElementById("jupyter-config-data");
  if (!config) return;
  if (!window.d2lPlotlyLoading) {
    window.d2lPlotlyLoading = new Promise(function (resolve, reject) {
      var options = JSON.parse(config.textContent || "{}");
      var extensions = options.fullLabextensionsUrl || (options.baseUrl || "/") + "lab/extensions";
      var script = document.createElement("script");
      script.src = extensions.replace(/\\/$/, "") + "/${plotlyLabextensionPath()}";
      script.onload = function () { resolve(window.Plotly); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  window.d2lPlotlyLoading.then(draw, function () {});
})();
</script>`;
}
