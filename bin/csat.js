#!/usr/bin/env node
'use strict';
// The csat command: runs the compiled CLI (npm run build or npm run build:cli compiles it into
// dist-node/). Also the global `csat` after `npm link` (or `npm install -g .`) in the project folder:
// npm links this file, and Node resolves the link, so the paths below are the project's.
const path = require('node:path');

const project = path.join(__dirname, '..');
const entry = path.join(project, 'dist-node', 'src', 'cli', 'cli.js');
let cli;
try {
  cli = require(entry);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    const built = require('node:fs').existsSync(entry);
    const [zh, en] = built
      ? ['依赖尚未安装', 'its dependencies are not installed']
      : ['命令行尚未构建', 'the CLI is not built yet'];
    const fix = built ? 'npm ci' : 'npm ci && npm run build:cli';
    process.stderr.write(`csat：${zh}；请在 ${project} 中运行 ${fix} / csat: ${en}; run ${fix} in ${project}\n`);
    process.exit(1);
  }
  throw e;
}
// exitCode, not exit(): stdout piped to another program is written out in full first.
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
