// Budgets of the pane and the functions: bundle sizes from dist/ (run after `npm run build`) and,
// when Debian's chromium is present, the time from page load to an interactive standalone pane.
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { readFileSync } = require('node:fs');

const dist = path.join(__dirname, '..', 'dist');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const size = (f) => statSync(path.join(dist, f)).size;
const gz = (f) => zlib.gzipSync(readFileSync(path.join(dist, f))).length;

async function main() {
  if (!existsSync(path.join(dist, 'functions.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const inExcel = ['shim.js', 'functions.js', 'commands.js', 'taskpane.js', 'office-host.js'];
  const total = inExcel.reduce((n, f) => n + size(f), 0);
  const totalGz = inExcel.reduce((n, f) => n + gz(f), 0);
  console.log(`budget functions.js: ${kb(size('functions.js'))} (gzip ${kb(gz('functions.js'))})`);
  console.log(`budget pane initial JS in Excel (without the xlsx editor): ${kb(total)} (gzip ${kb(totalGz)}) = ${inExcel.join(' + ')}`);
  console.log(`budget standalone xlsx editor chunk (lazy, standalone only): ${kb(size('xlsx.js'))} (gzip ${kb(gz('xlsx.js'))})`);
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log('budget time to interactive: skipped (no chromium)');
    return;
  }
  const { chromium: pw } = require('playwright-core');
  const { serveDist } = require('./serve-dist.js');
  const server = await serveDist(dist, 0);
  const url = `http://127.0.0.1:${server.address().port}/taskpane.html`;
  const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'zh-CN' });
    await context.route('**/*', (r) => (new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort()));
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await page.getByRole('button', { name: '打开工作簿' }).waitFor();
    await page.locator('button:has-text("打开工作簿"):not([disabled])').waitFor();
    times.push(Date.now() - t0);
    await context.close();
  }
  await browser.close();
  server.close();
  times.sort((a, b) => a - b);
  console.log(`budget time to interactive (headless Chromium, standalone, median of 5): ${times[2]} ms`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
