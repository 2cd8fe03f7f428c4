#!/usr/bin/env node
'use strict';
// The csat command: runs the compiled CLI (npm run build compiles it into dist-node/).
let cli;
try {
  cli = require('../dist-node/src/cli/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('csat: the CLI is not built yet; run `npm run build` first.\n');
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => process.exit(code));
