// A static server for dist/ on http://localhost:PORT — the standalone pane needs nothing more.
const { createReadStream, existsSync, statSync } = require('node:fs');
const { createServer } = require('node:http');
const path = require('node:path');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

function serveDist(root, port) {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname).replace(/^\/+/, '') || 'taskpane.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

module.exports = { serveDist };

if (require.main === module) {
  const port = Number(process.env.PORT || 3000);
  serveDist(path.join(__dirname, '..', 'dist'), port).then(() => {
    process.stdout.write(`独立模式 / standalone pane: http://localhost:${port}/taskpane.html  (Ctrl+C 停止 / to stop)\n`);
  });
}
