/**
 * The static server of `npm start` (Linux) and `npm run serve`, and the development build's source
 * maps: a malformed URL is a 400 (not a dead server), nothing beside dist/ is served, a port in use is
 * one line naming PORT, and no development build needs eval (the pane's CSP forbids it).
 * test-e2e/start.test.ts runs `npm start` itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '../..');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-serve-'));
const dist = path.join(tmp, 'dist');
mkdirSync(dist);
writeFileSync(path.join(dist, 'taskpane.html'), '<!doctype html><title>pane</title>');
writeFileSync(path.join(dist, 'a b.js'), 'ok');
// A sibling sharing dist's prefix, as dist-node/ is beside dist/.
mkdirSync(path.join(tmp, 'dist-secret'));
writeFileSync(path.join(tmp, 'dist-secret', 'key.txt'), 'secret');

// The server in a process of its own (a server that dies on a request must fail the test, not jest).
let server: ChildProcess;
let port: number;
beforeAll(async () => {
  const script = `require(${JSON.stringify(path.join(root, 'scripts/serve-dist.js'))}).serveDist(${JSON.stringify(dist)}, 0).then((s) => console.log(s.address().port))`;
  server = spawn(process.execPath, ['-e', script]);
  port = await new Promise((resolve, reject) => {
    server.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
    server.once('exit', (code) => reject(new Error(`the server ended (${code})`)));
  });
});
afterAll(() => {
  if (server.exitCode === null) server.kill();
});

function fetchPath(p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: p }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
}

describe('serve-dist', () => {
  it('answers a malformed URL with 400 and keeps serving', async () => {
    expect((await fetchPath('/%E0%A4%A')).status).toBe(400);
    expect((await fetchPath('/%00')).status).toBe(400);
    const page = await fetchPath('/');
    expect(page).toEqual({ status: 200, body: '<!doctype html><title>pane</title>' });
    expect((await fetchPath('/a%20b.js')).body).toBe('ok');
  });

  it('serves nothing outside dist/, not even a sibling folder that shares its prefix', async () => {
    expect((await fetchPath('/..%2fdist-secret%2fkey.txt')).status).toBe(404);
    expect((await fetchPath('/../dist-secret/key.txt')).status).toBe(404);
    expect((await fetchPath('/nothing.js')).status).toBe(404);
  });

  it('says in one line that the port is in use and how to change it (npm run serve)', async () => {
    // The script as it is in the checkout, beside a dist/ of its own.
    mkdirSync(path.join(tmp, 'scripts'));
    copyFileSync(path.join(root, 'scripts/serve-dist.js'), path.join(tmp, 'scripts/serve-dist.js'));
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const held = (holder.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, [path.join(tmp, 'scripts/serve-dist.js')], { env: { ...process.env, PORT: String(held) } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toBe(`端口 ${held} 已被占用（换一个端口：PORT=3000 npm run serve）/ port ${held} is in use (PORT=3000 npm run serve to change)\n`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('webpack source maps', () => {
  it.each(['development', 'production'])('%s builds need no eval (the pane\'s CSP forbids unsafe-eval)', (mode) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(root, 'webpack.config.js'))({}, { mode }) as { devtool: string | false };
    expect(String(config.devtool)).not.toMatch(/eval/);
  });

  it('package.json has the dev-server script office-addin-debugging start runs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scripts = require(path.join(root, 'package.json')).scripts as Record<string, string>;
    expect(scripts['dev-server']).toMatch(/^webpack serve --mode development$/);
    expect(scripts['build:dev']).toMatch(/--mode development/);
  });
});
