/**
 * `npm start` exactly as a user runs it on Linux, and the dev server `office-addin-debugging start`
 * runs on Windows/macOS: each builds the development pane and serves it; headless Chromium opens the
 * address printed and the pane renders its buttons under its strict Content-Security-Policy (no
 * eval-based source maps). A second `npm start` while the first runs stops at the port with one
 * line, before it rebuilds dist/ under the running server.
 *
 * They run in a copy of the project (node_modules linked): a development build in the checkout's
 * own dist/ would replace the production build the other suites test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';

const root = path.join(__dirname, '..');
const project = mkdtempSync(path.join(os.tmpdir(), 'csat-start-'));
const home = mkdtempSync(path.join(os.tmpdir(), 'csat-home-')); // no Office dev certificate here
const children: ChildProcess[] = [];
let browser: Browser;

beforeAll(async () => {
  for (const f of ['package.json', 'webpack.config.js', 'tsconfig.json', 'manifest.xml']) cpSync(path.join(root, f), path.join(project, f));
  for (const d of ['src', 'assets', 'scripts']) cpSync(path.join(root, d), path.join(project, d), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  // Each child leads its own process group (npm → sh → node → webpack): end the group we started.
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          process.kill(-c.pid!, 'SIGTERM');
        }),
    ),
  );
});

/** A port no one listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `re` in stdout + stderr; rejects if the process ends first. */
  waitFor: (re: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], env: Record<string, string>, options: { shell?: boolean } = {}): Run {
  const child = spawn(command, args, { cwd: project, env: { ...process.env, ...env }, detached: true, shell: options.shell });
  children.push(child);
  let text = '';
  let ended: string | undefined;
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = text.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', (d) => ((text += d), check()));
  child.stderr!.on('data', (d) => ((text += d), check()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      ended = `${command} ${args.join(' ')} ended (${code})`;
      for (const w of waiters.splice(0)) w.reject(new Error(`${ended} before ${w.re}:\n${text}`));
      resolve(code);
    }),
  );
  return {
    child,
    output: () => text,
    exited,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const m = text.match(re);
        if (m) resolve(m);
        else if (ended) reject(new Error(`${ended} before ${re}:\n${text}`));
        else waiters.push({ re, resolve, reject });
      }),
  };
}

/** Opens `url` in a 320 px pane that may reach only this machine; collects page errors and CSP reports. */
async function openPane(url: string, ignoreHTTPSErrors = false): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'zh-CN', ignoreHTTPSErrors });
  await context.route('**/*', (r) => (['127.0.0.1', 'localhost'].includes(new URL(r.request().url()).hostname) ? r.continue() : r.abort()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** The pane rendered and works: the first tab's buttons, then the 分析 tab's after a click on it. */
async function expectButtons(page: Page, errors: string[]): Promise<void> {
  for (const name of ['打开工作簿', '生成调查表', '校验数据']) {
    await page.getByRole('button', { name }).first().waitFor({ state: 'visible' });
  }
  await page.getByRole('tab', { name: '分析' }).click();
  await page.getByRole('button', { name: '生成分析报告' }).first().waitFor({ state: 'visible' });
  expect(errors).toEqual([]);
}

describe('npm start on Linux', () => {
  let port: number;
  let first: Run;

  it('builds and serves the pane at the address it prints, and the pane renders its buttons', async () => {
    port = await freePort();
    first = run('npm', ['start'], { PORT: String(port) });
    const [, url] = await first.waitFor(/standalone pane: (http:\/\/localhost:\d+\/taskpane\.html)/);
    expect(url).toBe(`http://localhost:${port}/taskpane.html`);
    const { page, errors } = await openPane(url);
    await expectButtons(page, errors);
    await page.close();
  });

  it('a second npm start stops at the port with one line, and does not rebuild dist/ under the first', async () => {
    const marker = path.join(project, 'dist', 'still-here.txt');
    writeFileSync(marker, 'the first server’s build');
    const second = run('npm', ['start'], { PORT: String(port) });
    expect(await second.exited).toBe(1);
    const lines = second.output().split('\n').filter((l) => /port|端口/i.test(l));
    expect(lines).toEqual([`端口 ${port} 已被占用（换一个端口：PORT=3000 npm start）/ port ${port} is in use (PORT=3000 npm start to change)`]);
    expect(second.output()).not.toMatch(/EADDRINUSE|webpack|compiled|at .*\.js:\d+/);
    expect(existsSync(marker)).toBe(true);
    // The first still serves.
    const { page, errors } = await openPane(`http://localhost:${port}/taskpane.html`);
    await expectButtons(page, errors);
    await page.close();
  });
});

describe('the dev server office-addin-debugging starts (Windows/macOS)', () => {
  it('is package.json\'s dev-server script, and serves a pane that renders under the CSP over HTTPS', async () => {
    // office-addin-debugging takes the command line from the dev-server script and runs it in a shell.
    const fromDebugging = createRequire(require.resolve('office-addin-debugging'));
    const { getPackageJsonScript } = fromDebugging('office-addin-cli') as { getPackageJsonScript: (name: string) => Promise<string | undefined> };
    const saved = process.env.npm_package_json;
    process.env.npm_package_json = path.join(project, 'package.json');
    const commandLine = await getPackageJsonScript('dev-server').finally(() => {
      if (saved === undefined) delete process.env.npm_package_json;
      else process.env.npm_package_json = saved;
    });
    expect(commandLine).toBeTruthy();
    const port = await freePort();
    mkdirSync(home, { recursive: true });
    const server = run(commandLine!, [], { PORT: String(port), HOME: home, PATH: `${path.join(project, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` }, { shell: true });
    await server.waitFor(/compiled successfully/);
    const { page, errors } = await openPane(`https://localhost:${port}/taskpane.html`, true);
    await expectButtons(page, errors);
    await page.close();
  });
});
