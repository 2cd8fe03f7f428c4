// @ts-check
// Builds dist/: taskpane.html (+ its script), functions.js + functions.json (metadata generated from
// the JSDoc; a metadata error fails the build), commands.js, the icons and a manifest copy whose dev
// URLs are all rewritten to the production URL in production builds.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { DefinePlugin } = require('webpack');
const pkg = require('./package.json');

const DEV_BASE = 'https://localhost:3000';
// Where the production add-in is served from (no trailing slash); set CSAT_ADDIN_URL when deploying.
const PROD_BASE = (process.env.CSAT_ADDIN_URL || 'https://csat.xdyj.example').replace(/\/+$/, '');

module.exports = (_env, argv) => {
  const dev = argv.mode !== 'production';
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      shim: './src/taskpane/standalone-shim.ts',
      functions: './src/functions/functions.ts',
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
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
            transform: (content) => (dev ? content : content.toString().replaceAll(DEV_BASE, PROD_BASE)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: 3000,
      server: 'https',
    },
  };
};
