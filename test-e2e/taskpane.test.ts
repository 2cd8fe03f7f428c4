/**
 * The standalone task pane in real headless Chromium: the built dist/ served by a plain static
 * server, office.js unreachable (every request off 127.0.0.1 fails), a 320 px wide pane. Upload a
 * responses workbook, generate the report, download the result and check it; the same in en-US;
 * bad files get a message and leave the page usable. The jobs sit in five tabs: walked with the
 * keyboard (arrow keys), every job's button reachable, the last tab remembered across a reload.
 * Screenshots (320 px) go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { analyze, locateData, readResponses, TABLE_4_1 } from '../src/domain';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { generateSurveyWorkbook } from '../src/jobs/survey';
import { readCustomProperties } from '../src/host/xlsx/custom-properties';
import { sampleResponses } from '../src/sample/sample-data';
import { expectValidXlsx } from '../test/helpers/validate-xlsx';
import { addUserSheet } from '../test/helpers/xlsx';
import { launch, paneContext } from './browser';
import { serve } from './static-server';

const root = path.join(__dirname, '..');
const artifacts = path.join(root, 'test-artifacts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-pane-'));
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let responses: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serve(path.join(root, 'dist'));
  browser = await launch();
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows });
  responses = path.join(tmp, 'responses.xlsx');
  writeFileSync(responses, await gw.save());
  expectValidXlsx(responses);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The engine's overall for the latest quarter of a workbook file. */
async function engineOverall(file: string): Promise<{ period: string; overall: number }> {
  const gw = await XlsxGateway.open(readFileSync(file));
  const grid = await gw.readSheet('调查数据');
  const origin = { sheet: '调查数据', row: 1, col: 1 };
  const a = analyze(readResponses(grid, TABLE_4_1, locateData(grid, TABLE_4_1, origin), origin));
  return { period: a.period, overall: a.overall! };
}

async function openPane(locale: string): Promise<{ page: Page; errors: string[]; readyMs: number }> {
  const context = await paneContext(browser, locale);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  // Security: the page asks for nothing but its own files and Office's script host.
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'appsforoffice.microsoft.com' && u.protocol !== 'blob:' && u.protocol !== 'data:') errors.push(`request to ${r.url()}`);
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/taskpane.html`);
  await page.locator('input[type=file][aria-label]').first().waitFor({ state: 'attached' });
  return { page, errors, readyMs: Date.now() - t0 };
}

/** Opens a tab of the pane by its name (a click). */
async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

/** The buttons of each tab, zh-CN. */
const JOBS: [tab: string, buttons: string[]][] = [
  ['调查', ['生成调查表', '校验数据']],
  ['分析', ['生成分析报告', '更新趋势']],
  ['改进', ['生成纠正预防措施']],
  ['沟通', ['生成沟通计划表', '生成沟通分析报告']],
  ['导入归档', ['选择导出文件', '导入到调查数据', '归档准备']],
];

async function flow(locale: 'zh-CN' | 'en-US', names: Record<'open' | 'download' | 'report' | 'survey' | 'validate' | 'opened' | 'wrote', string | RegExp> & Record<'analysisTab' | 'actFirst', string>) {
  const { page, errors, readyMs } = await openPane(locale);
  for (const name of [names.open, names.download, names.survey, names.validate]) {
    await expect(page.getByRole('button', { name }).count()).resolves.toBe(1);
  }
  await page.locator('input[type=file][aria-label="打开工作簿"], input[type=file][aria-label="Open workbook"]').setInputFiles(responses);
  await page.getByText(names.opened).waitFor();
  await openTab(page, names.analysisTab);
  await page.getByRole('button', { name: names.report }).click();
  await page.getByText(names.wrote).first().waitFor({ timeout: 120_000 });
  // 先改进什么 beside the key figures.
  await page.getByRole('group', { name: names.actFirst }).waitFor();
  await page.screenshot({ path: path.join(artifacts, `taskpane-${locale}.png`), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: names.download }).click();
  const file = path.join(tmp, `result-${locale}.xlsx`);
  await (await download).saveAs(file);
  expect(errors).toEqual([]);
  expectValidXlsx(file);
  return { file, readyMs, page };
}

describe('standalone task pane in Chromium', () => {
  it('serves a Content-Security-Policy allowing only its own origin and Office\'s script host', async () => {
    const { page } = await openPane('zh-CN');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).toContain("connect-src 'self'");
  });

  it('walks the five tabs with the keyboard: every job\'s button reachable, nothing wider than 320 px, the last tab remembered', async () => {
    const { page, errors } = await openPane('zh-CN');
    await page.locator('input[type=file][aria-label="打开工作簿"]').setInputFiles(responses);
    await page.getByText(/已打开 responses\.xlsx/).waitFor();
    // Tab from the page into the tab list (the selected tab takes the focus), then arrow keys.
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'tab'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('调查');
    for (const [k, [tab, buttons]] of JOBS.entries()) {
      if (k > 0) await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
      const panel = page.getByRole('tabpanel');
      await expect(panel.count()).resolves.toBe(1);
      expect(await panel.getAttribute('aria-labelledby')).toBe(await page.getByRole('tab', { name: tab }).getAttribute('id'));
      for (const name of buttons) {
        const button = panel.getByRole('button', { name });
        await expect(button.isVisible()).resolves.toBe(true);
        const box = (await button.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(320);
      }
      // The status line and the file buttons stay in view above the tabs.
      await expect(page.getByText(/已打开 responses\.xlsx/).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: '下载工作簿' }).isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.screenshot({ path: path.join(artifacts, `taskpane-tab-${k + 1}.png`), fullPage: true });
    }
    // Arrow keys wrap around; Enter on a job runs it from the keyboard.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: '调查', selected: true }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('tab', { name: '沟通', selected: true }).waitFor();
    await page.getByRole('button', { name: '生成沟通计划表' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('已创建"年度客户沟通计划"').waitFor();
    // The pane opens again on the last tab.
    await page.reload();
    await page.getByRole('tab', { name: '沟通', selected: true }).waitFor();
    await expect(page.getByRole('button', { name: '生成沟通分析报告' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('zh-CN: open → 生成分析报告 → 下载工作簿; the downloaded report equals the engine', async () => {
    const { file, readyMs } = await flow('zh-CN', { open: '打开工作簿', download: '下载工作簿', report: '生成分析报告', survey: '生成调查表', validate: '校验数据', opened: /已打开 responses\.xlsx/, wrote: /已生成"分析报告-2026Q4"/, analysisTab: '分析', actFirst: '先改进什么' });
    const expected = await engineOverall(responses);
    const gw = await XlsxGateway.open(readFileSync(file));
    const sheets = await gw.listSheets();
    expect(sheets.map((s) => s.name)).toContain(`分析报告-${expected.period}`);
    const report = await gw.readSheet(`分析报告-${expected.period}`);
    expect(report.find((r) => r[0] === '总体满意度')![1]).toBe(expected.overall);
    // The original file is untouched: it has no report tab.
    expect((await (await XlsxGateway.open(readFileSync(responses))).listSheets()).map((s) => s.name)).not.toContain(`分析报告-${expected.period}`);
    writeFileSync(path.join(artifacts, 'pane-ready-ms.txt'), `${readyMs}\n`);
  });

  it('en-US: the same flow in English', async () => {
    const { file } = await flow('en-US', { open: 'Open workbook', download: 'Download workbook', report: 'Generate report', survey: 'Generate survey sheets', validate: 'Check data', opened: /Opened responses\.xlsx/, wrote: /Wrote "分析报告-2026Q4"/, analysisTab: 'Analysis', actFirst: 'Where to act first' });
    expect((await (await XlsxGateway.open(readFileSync(file))).listSheets()).some((s) => s.owner === 'report_2026Q4')).toBe(true);
  });

  it('imports a 问卷星 CSV after showing the mapping, then prepares the archive copy', async () => {
    const { page, errors } = await openPane('zh-CN');
    await page.locator('input[type=file][aria-label="打开工作簿"]').setInputFiles(responses);
    await page.getByText(/已打开 responses\.xlsx/).waitFor();
    const items = TABLE_4_1.items.map((i) => i.name);
    const csv = [['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...items.map((n, i) => `${i + 2}、${n}`)], ['1', '2026/11/3 10:00:00', '60', '网上客户', ...items.map(() => '满意')]]
      .map((r) => r.join(','))
      .join('\r\n');
    const file = path.join(tmp, 'wjx-utf8.csv');
    writeFileSync(file, csv);
    await openTab(page, '导入归档');
    await page.getByTestId('export-input').setInputFiles(file);
    await page.getByText('wjx-utf8.csv（问卷星，1 行）的对应关系：').waitFor();
    await page.getByText('贵单位名称 → 客户名称').waitFor();
    await page.getByRole('button', { name: '导入到调查数据' }).click();
    await page.getByText(/已从问卷星导入 1 份答卷/).waitFor();
    await page.getByRole('button', { name: '归档准备' }).click();
    await page.getByText(/已写入归档属性/).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载工作簿' }).click();
    const out = path.join(tmp, 'archived.xlsx');
    await (await download).saveAs(out);
    expectValidXlsx(out);
    expect((await readCustomProperties((await XlsxGateway.open(readFileSync(out))).pkg))['文件编号']).toBe('XDYJ-04-03');
    expect(errors).toEqual([]);
  });

  it('下载工作簿 from a workbook another tool wrote carries its charts, pictures, notes and pivot table byte for byte', async () => {
    const input = path.join(root, 'test', 'corpus', 'excel-like-mc.xlsx');
    const { page, errors } = await openPane('zh-CN');
    await page.locator('input[type=file][aria-label="打开工作簿"]').setInputFiles(input);
    await page.getByText(/已打开 excel-like-mc\.xlsx/).waitFor();
    await openTab(page, '分析');
    await page.getByRole('button', { name: '生成分析报告' }).click();
    await page.getByText(/已生成"分析报告-2026Q4"/).first().waitFor({ timeout: 120_000 });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载工作簿' }).click();
    const out = path.join(tmp, 'excel-like-mc-CSAT.xlsx');
    await (await download).saveAs(out);
    expectValidXlsx(out);
    const parts = async (f: string) => {
      const zip = await JSZip.loadAsync(readFileSync(f));
      const m = new Map<string, string>();
      for (const [name, e] of Object.entries(zip.files)) if (!e.dir) m.set(name, Buffer.from(await e.async('uint8array')).toString('base64'));
      return m;
    };
    const before = await parts(input);
    const after = await parts(out);
    const bookkeeping = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml|docProps\/.*)$/;
    const changed = [...before].filter(([name, b64]) => !bookkeeping.test(name) && after.get(name) !== b64).map(([name]) => name);
    expect(changed).toEqual([]);
    expect([...after.keys()].filter((n) => /pivot|media|charts|comments/.test(n)).length).toBeGreaterThanOrEqual([...before.keys()].filter((n) => /pivot|media|charts|comments/.test(n)).length);
    expect(errors).toEqual([]);
  });

  it('refuses a non-xlsx file, a 50 MB file and a workbook without responses, and stays usable', async () => {
    const { page, errors } = await openPane('zh-CN');
    const text = path.join(tmp, 'notes.txt');
    writeFileSync(text, 'not a workbook');
    await page.locator('input[type=file][aria-label="打开工作簿"], input[type=file][aria-label="Open workbook"]').setInputFiles(text);
    await page.getByText('notes.txt 不是 .xlsx 工作簿，无法打开').waitFor();
    const fake = path.join(tmp, 'renamed.xlsx');
    writeFileSync(fake, 'plain text with an xlsx name');
    await page.locator('input[type=file][aria-label="打开工作簿"], input[type=file][aria-label="Open workbook"]').setInputFiles(fake);
    await page.getByText('renamed.xlsx 不是 .xlsx 工作簿').waitFor();
    // An encrypted workbook is a compound file with an EncryptionInfo stream: said so, in words.
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024);
    const locked = path.join(tmp, 'locked.xlsx');
    writeFileSync(locked, cfb);
    await page.locator('input[type=file][aria-label="打开工作簿"]').setInputFiles(locked);
    await page.getByText(/locked\.xlsx 文件已加密/).waitFor();
    const big = path.join(tmp, 'big.xlsx');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x50));
    await page.locator('input[type=file][aria-label="打开工作簿"], input[type=file][aria-label="Open workbook"]').setInputFiles(big);
    await page.getByText(/big\.xlsx 有 50\.0 MB，超过独立模式的上限 30 MB/).waitFor();
    const empty = path.join(tmp, 'empty.xlsx');
    const gw = XlsxGateway.empty();
    await addUserSheet(gw, '说明', [['这里没有调查数据']]);
    writeFileSync(empty, await gw.save());
    expectValidXlsx(empty);
    await page.locator('input[type=file][aria-label="打开工作簿"], input[type=file][aria-label="Open workbook"]').setInputFiles(empty);
    await page.getByText(/已打开 empty\.xlsx/).waitFor();
    await page.getByText('工作簿中还没有调查数据').waitFor();
    await openTab(page, '分析');
    expect(await page.getByRole('button', { name: '生成分析报告' }).isDisabled()).toBe(true);
    // Still usable: generate the survey sheets into this workbook.
    await openTab(page, '调查');
    await page.getByRole('button', { name: '生成调查表' }).click();
    await page.getByText('已创建"调查数据"').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'taskpane-zh-CN-after-errors.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
