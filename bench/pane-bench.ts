/**
 * The standalone pane on large data, in headless Chromium, side by side in one run: from upload to a
 * finished report on the 100,000-response workbook, against the browser floor (the responses sheet
 * unzipped and streamed through saxes in the page) — targets ≤ 2.5× its time and a peak JS heap
 * ≤ 3× its peak. The heap is sampled through the DevTools protocol (Runtime.getHeapUsage, every
 * 50 ms). Then a 30 MB workbook (the same data plus 23 MB of a picture the add-in never reads) is
 * opened and reported on, and must not exhaust the tab.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import webpack from 'webpack';
import { serve } from '../test-e2e/static-server';
import { bigWorkbook } from './package-bench';

const root = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function bundleFloor(dir: string): Promise<void> {
  const compiler = webpack({
    mode: 'production',
    entry: path.join(root, 'bench', 'browser', 'floor.ts'),
    output: { path: dir, filename: 'floor.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } } }] },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) => compiler.run((err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats!.toString())) : resolve())));
  writeFileSync(
    path.join(dir, 'floor.html'),
    '<!doctype html><meta charset="utf-8"><input type="file" id="f"><script src="floor.js"></script><script>' +
      "document.getElementById('f').addEventListener('change', async (e) => { const f = e.target.files[0]; const n = await globalThis.csatFloor(await f.arrayBuffer(), new URL(location.href).searchParams.get('part')); document.title = 'done ' + n; });" +
      '</script>',
  );
}

/** Runs `work` while sampling the page's JS heap; returns wall time and the peak used heap in MB. */
async function measured(page: Page, work: () => Promise<void>): Promise<{ ms: number; heapMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      peak = Math.max(peak, h.usedSize);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = Date.now();
  await work();
  const ms = Date.now() - t0;
  sampling = false;
  await sampler;
  return { ms, heapMb: peak / 1024 / 1024 };
}

async function paneRun(browser: Browser, url: string, file: string): Promise<{ ms: number; heapMb: number }> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'zh-CN' });
  await context.route('**/*', (r) => (new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort()));
  const page = await context.newPage();
  await page.goto(`${url}/taskpane.html`);
  const input = page.locator('input[type=file][aria-label="打开工作簿"]');
  await input.waitFor({ state: 'attached' });
  const r = await measured(page, async () => {
    await input.setInputFiles(file);
    await page.getByText(/已打开/).first().waitFor({ timeout: 600_000 });
    await page.getByRole('tab', { name: '分析' }).click();
    await page.getByRole('button', { name: '生成分析报告' }).click();
    await page.getByText(/已生成"分析报告-/).first().waitFor({ timeout: 600_000 });
  });
  await context.close();
  return r;
}

async function floorRun(browser: Browser, url: string, file: string, part: string): Promise<{ ms: number; heapMb: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/floor.html?part=${encodeURIComponent(part)}`);
  const r = await measured(page, async () => {
    await page.locator('#f').setInputFiles(file);
    await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title.startsWith('done'), undefined, { timeout: 600_000, polling: 100 });
  });
  await context.close();
  return r;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function paneBench(line: (s: string) => void): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    line('bench pane: skipped (no chromium)');
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-pane-bench-'));
  const floorDir = path.join(tmp, 'floor');
  mkdirSync(floorDir);
  await bundleFloor(floorDir);
  const file = path.join(tmp, 'big.xlsx');
  const part = await bigWorkbook(file);
  // The 30 MB workbook: the same, plus an incompressible picture a user pasted (never inflated by the add-in).
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(readFileSync(file));
  const noise = new Uint8Array(23 * 1024 * 1024);
  for (let i = 0; i < noise.length; i += 65536) crypto.getRandomValues(noise.subarray(i, i + 65536));
  zip.file('xl/media/image1.png', noise);
  const big30 = path.join(tmp, 'big30.xlsx');
  writeFileSync(big30, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  // Just under the standalone limit (30 MB): the pane refuses larger files before reading them.
  if (readFileSync(big30).length > 30 * 1024 * 1024) throw new Error('the 30 MB bench workbook came out over the limit');

  const dist = await serve(path.join(root, 'dist'));
  const floorServer = await serve(floorDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const pane: { ms: number; heapMb: number }[] = [];
    const floor: { ms: number; heapMb: number }[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(await floorRun(browser, floorServer.url, file, part));
      pane.push(await paneRun(browser, dist.url, file));
    }
    const fm = median(floor.map((x) => x.ms));
    const fh = median(floor.map((x) => x.heapMb));
    const pm = median(pane.map((x) => x.ms));
    const ph = median(pane.map((x) => x.heapMb));
    line(`bench pane floor: unzip + saxes in Chromium, 100000 rows, median ${(fm / 1000).toFixed(2)} s, peak JS heap ${fh.toFixed(0)} MB`);
    line(`bench pane report: upload → finished report, 100000 responses, median ${(pm / 1000).toFixed(2)} s, peak JS heap ${ph.toFixed(0)} MB`);
    line(`bench ratio pane/floor: time ${(pm / fm).toFixed(2)} (target <= 2.5), heap ${(ph / fh).toFixed(2)} (target <= 3) ${pm / fm <= 2.5 && ph / fh <= 3 ? 'OK' : 'MISSED'}`);
    const b30 = await paneRun(browser, dist.url, big30);
    const mb = (readFileSync(big30).length / 1024 / 1024).toFixed(1);
    line(`bench pane 30 MB: a ${mb} MB workbook opened and reported in ${(b30.ms / 1000).toFixed(2)} s, peak JS heap ${b30.heapMb.toFixed(0)} MB`);
  } finally {
    await browser.close();
    await dist.close();
    await floorServer.close();
  }
}

if (require.main === module) {
  paneBench((s) => console.log(s)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
