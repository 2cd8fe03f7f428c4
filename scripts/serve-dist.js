// A static server for dist/ on http://localhost:PORT (127.0.0.1; PORT defaults to 3000) — the
// standalone pane needs nothing more. `npm run serve` serves the build as it is; `npm start` on Linux
// takes the port first, then builds (scripts/start.js).
const { createReadStream, statSync } = require('node:fs');
const { createServer } = require('node:http');
const path = require('node:path');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

function answer(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

/** The file under `root` a request names, or a status to answer instead (400 for a malformed URL). */
function resolveRequest(root, url) {
  let rel;
  try {
    rel = decodeURIComponent(new URL(url || '/', 'http://x').pathname);
  } catch {
    return { status: 400 }; // `/%E0%A4%A`: not a URL of any file
  }
  if (rel.includes('\0')) return { status: 400 };
  const file = path.resolve(root, rel.replace(/^[/\\]+/, '') || 'taskpane.html');
  // Inside root, not beside it: `/..%2fdist-node/x` resolves to a sibling that shares root's prefix.
  if (!file.startsWith(root + path.sep)) return { status: 404 };
  try {
    if (!statSync(file).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { file };
}

/** Serves `root` on 127.0.0.1:`port` (0: any free port); rejects with the listen error (EADDRINUSE…). */
function serveDist(root, port) {
  const dir = path.resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'method not allowed');
      return;
    }
    const { file, status } = resolveRequest(dir, req.url);
    if (!file) {
      answer(res, status, status === 400 ? 'bad request' : 'not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** PORT from the environment (default 3000), or one line saying what is wrong with it. */
function portFromEnv() {
  const text = process.env.PORT;
  if (text === undefined || text === '') return 3000;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    process.stderr.write(`PORT=${text} 不是有效的端口号（0–65535）/ PORT=${text} is not a port number (0–65535)\n`);
    process.exit(1);
  }
  return port;
}

/**
 * Takes the port for `command` (`npm start`, `npm run serve`) or ends the process with one line:
 * another program — or an `npm start` already running — holds it.
 */
async function listenOrExit(root, port, command) {
  try {
    return await serveDist(root, port);
  } catch (e) {
    if (e && e.code === 'EADDRINUSE') {
      const other = port === 3000 ? 3001 : 3000;
      process.stderr.write(`端口 ${port} 已被占用（换一个端口：PORT=${other} ${command}）/ port ${port} is in use (PORT=${other} ${command} to change)\n`);
    } else {
      process.stderr.write(`无法在端口 ${port} 上提供服务 / cannot serve on port ${port}: ${e && e.code ? e.code : e}\n`);
    }
    process.exit(1);
  }
}

function announce(server) {
  const { port } = server.address();
  process.stdout.write(`独立模式 / standalone pane: http://localhost:${port}/taskpane.html  (Ctrl+C 停止 / to stop)\n`);
}

module.exports = { serveDist, listenOrExit, portFromEnv, announce };

if (require.main === module) {
  const dist = path.join(__dirname, '..', 'dist');
  if (!require('node:fs').existsSync(path.join(dist, 'taskpane.html'))) {
    process.stderr.write('dist/ 中还没有任务窗格：请先运行 npm run build / dist/ has no pane yet: run npm run build first\n');
    process.exit(1);
  }
  listenOrExit(dist, portFromEnv(), 'npm run serve').then(announce);
}
