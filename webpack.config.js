// @ts-check
// Builds dist/: taskpane.html (+ its script), functions.js + functions.json (metadata generated from
// the JSDoc; a metadata error fails the build), commands.js, the icons and a manifest copy whose dev
// URLs are all rewritten to the production URL in production builds (scripts/manifest-url.js).
// Source maps never need eval: the pane's Content-Security-Policy forbids 'unsafe-eval', and an
// eval-based development build is a blank pane. `webpack serve` (npm run dev-server, started by office-addin-debugging on Windows and
// macOS) serves the development build on https://localhost:3000, the manifest's address.
const { existsSync, readFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { DefinePlugin } = require('webpack');
const pkg = require('./package.json');
const { addinUrl, productionManifest } = require('./scripts/manifest-url.js');

// Where the production add-in is served from: CSAT_ADDIN_URL (`npm run package -- --url …` sets it),
// else a placeholder. A URL Office cannot load from (http, localhost, a query…) fails the build in one line.
const PROD_URL = process.env.CSAT_ADDIN_URL || 'https://csat.xdyj.example/';

/**
 * The certificate Excel trusts for https://localhost: office-addin-debugging installs it (through
 * office-addin-dev-certs, in ~/.office-addin-dev-certs) before it starts the dev server. Without it
 * the dev server makes its own, which a browser can be told to accept but Excel will not.
 */
function devCertificate() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  if (!Object.values(files).every((f) => existsSync(path.join(dir, f)))) {
    process.stderr.write('没有 Office 开发证书（npx office-addin-dev-certs install），使用自签名证书，Excel 不会信任 / no Office dev certificate (npx office-addin-dev-certs install): self-signed, which Excel does not trust\n');
    return 'https';
  }
  return { type: 'https', options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(path.join(dir, f))])) };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const prodUrl = dev ? '' : addinUrl(PROD_URL);
  return {
    mode: dev ? 'development' : 'production',
    // Never an eval-* devtool (see above): separate .map files in both modes.
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    entry: {
      shim: './src/taskpane/standalone-shim.ts',
      functions: './src/functions/functions.ts',
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      // `--env outDir=…`: another folder than dist/ (npm run package -- --out …).
      path: path.resolve(__dirname, (env && env.outDir) || 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      // csv-parse's browser build carries its own Buffer; the Node build expects Node's global.
      alias: { 'csv-parse/sync$': 'csv-parse/browser/esm/sync' },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    // functions.js must load on its own in the custom-functions runtime: no shared or runtime chunk.
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [
      new DefinePlugin({ CSAT_VERSION: JSON.stringify(pkg.version) }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['shim', 'functions', 'commands', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : productionManifest(content.toString(), prodUrl)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The manifest loads https://localhost:3000; PORT only for a second server beside it.
      port: Number(process.env.PORT || 3000),
      server: env && env.WEBPACK_SERVE ? devCertificate() : 'https',
    },
  };
};
