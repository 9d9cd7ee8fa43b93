// Builds the assembled JupyterLab into build/ (after JupyterLab 3.6's examples/app).
// Development mode without source maps: minifying on a 2-core machine costs minutes
// and the bundle is only ever served from localhost.
const path = require('path');
const crypto = require('crypto');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const data = require('./package.json');

// Some loaders hash with md4, which OpenSSL 3 refuses.
const createHash = crypto.createHash;
crypto.createHash = algorithm => createHash(algorithm === 'md4' ? 'sha256' : algorithm);

const output = path.resolve(process.env.D2L_LAB_BUILD_DIR || path.join(__dirname, 'build'));

// Copies each extension's settings schemas and themes, and writes build/style.js.
const assets = Build.ensureAssets({
  packageNames: data.jupyterlab.extensions.concat(data.jupyterlab.mimeExtensions),
  output,
  hashFunction: 'sha256'
});

// One progress line: rewritten in place on a terminal, every 10% otherwise.
let lastTenth = -1;
const progress = new webpack.ProgressPlugin((fraction, message) => {
  const percent = Math.floor(fraction * 100);
  if (process.stderr.isTTY) {
    process.stderr.write(`\rlab: building JupyterLab ${String(percent).padStart(3)}% ${message}`.slice(0, 79).padEnd(79));
    if (fraction === 1) process.stderr.write('\n');
  } else if (Math.floor(percent / 10) > lastTenth) {
    lastTenth = Math.floor(percent / 10);
    process.stderr.write(`lab: building JupyterLab ${percent}%\n`);
  }
});

module.exports = [
  {
    entry: ['whatwg-fetch', './index.js'],
    output: { path: output, filename: 'bundle.js' },
    resolve: { alias: { 'd2l-lab-style$': path.join(output, 'style.js') } },
    bail: true,
    devtool: false,
    mode: 'development',
    infrastructureLogging: { level: 'error' },
    stats: 'errors-warnings',
    module: {
      // A prebuilt UMD bundle: nothing in it for webpack to resolve, and 4 MB not to parse.
      noParse: /plotly\.js-dist/,
      rules: [
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.html$/, use: 'file-loader' },
        { test: /\.md$/, use: 'raw-loader' },
        { test: /\.(jpg|png|gif)$/, use: 'file-loader' },
        { test: /\.js.map$/, use: 'file-loader' },
        { test: /\.woff2?(\?v=\d+\.\d+\.\d+)?$/, use: 'url-loader?limit=10000&mimetype=application/font-woff' },
        { test: /\.ttf(\?v=\d+\.\d+\.\d+)?$/, use: 'url-loader?limit=10000&mimetype=application/octet-stream' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, use: 'file-loader' },
        // In CSS, SVG becomes a data URI; imported from JavaScript, a raw string.
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.css$/, use: { loader: 'svg-url-loader', options: { encoding: 'none', limit: 10000 } } },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, use: { loader: 'raw-loader' } }
      ]
    },
    plugins: [
      progress,
      new webpack.DefinePlugin({
        // Blueprint reads process.env; the path polyfill calls process.cwd().
        'process.env': '{}',
        process: { cwd: () => '/' }
      })
    ]
  }
].concat(assets.map(config => ({ ...config, stats: 'errors-warnings' })));
