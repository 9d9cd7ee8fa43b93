// Renders application/vnd.plotly.v1+json, the figure JSON every d2l-alexnet
// figure output carries (and what plotly's own JupyterLab extension renders),
// with the plotly.js bundled here: saved notebooks draw interactively without
// re-running them. Not "safe": in an untrusted notebook JupyterLab passes over
// it for the sanitized HTML, whose PNG then shows.
import { Widget } from '@lumino/widgets';

const MIME_TYPE = 'application/vnd.plotly.v1+json';

class PlotlyFigure extends Widget {
  constructor(options) {
    super();
    this._mimeType = options.mimeType;
    this._plot = document.createElement('div');
    this._plot.className = 'd2l-figure';
    this.node.appendChild(this._plot);
  }

  renderModel(model) {
    // Draws run one after another: a live board sends updates faster than the
    // first draw (which also fetches plotly.js) takes, and plotly.js does not
    // expect two draws into one element at once. Only the newest figure is drawn.
    this._latest = model.data[this._mimeType];
    this._drawing = (this._drawing || Promise.resolve()).then(() => this._draw());
    return this._drawing;
  }

  async _draw() {
    const figure = this._latest;
    if (!figure || figure === this._drawn) return;
    this._drawn = figure;
    // A chunk of its own, fetched with the first figure.
    const Plotly = await import('plotly.js-dist');
    // react() redraws in place: a live board's update_display_data keeps its element.
    await Plotly.react(this._plot, figure.data, figure.layout, figure.config || {});
  }

  dispose() {
    if (this._plot.classList.contains('js-plotly-plot')) {
      void import('plotly.js-dist').then(Plotly => Plotly.purge(this._plot));
    }
    super.dispose();
  }
}

export default {
  id: 'd2l-alexnet:plotly-renderer',
  // Below text/html (50): trusted outputs are drawn here rather than by the HTML's script.
  rank: 40,
  dataType: 'json',
  rendererFactory: {
    safe: false,
    mimeTypes: [MIME_TYPE],
    createRenderer: options => new PlotlyFigure(options)
  }
};
