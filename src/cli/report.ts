/**
 * `csat report`: a new workbook holding the input's sheets plus the quarter's report and trend tabs.
 * The input is never overwritten; parts of it that ExcelJS cannot carry over (charts, pivot tables,
 * macros, images) are named before the new file is written.
 */
import JSZip from 'jszip';
import type { Locale } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { noteText } from '../jobs/notes';
import { generateReport } from '../jobs/report';
import { loadSurveyData } from '../jobs/survey-data';
import { version } from '../../package.json';
import { CliError } from './errors';
import { readBytes, writeNewFile } from './io';

export interface ReportArgs {
  file: string;
  out: string;
  period?: string;
  by?: string;
  history: string[];
  force: boolean;
  locale: Locale;
}

const UNCARRIED: [RegExp, string, string][] = [
  [/^xl\/charts\/chart\d+\.xml$/, '图表', 'charts'],
  [/^xl\/pivotTables\/.+\.xml$/, '数据透视表', 'pivot tables'],
  [/^xl\/vbaProject\.bin$/, '宏', 'macros'],
  [/^xl\/media\//, '图片', 'images'],
  [/^xl\/slicers\//, '切片器', 'slicers'],
];

/** What of the input a re-save through ExcelJS would lose, counted by kind. */
export async function uncarriedParts(bytes: Uint8Array): Promise<{ zh: string; en: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  return UNCARRIED.map(([re, zh, en]) => ({ zh, en, n: names.filter((f) => re.test(f)).length }))
    .filter((x) => x.n > 0)
    .map((x) => ({ zh: `${x.zh} ×${x.n}`, en: `${x.en} ×${x.n}` }));
}

async function openGateway(file: string): Promise<{ gateway: XlsxGateway; bytes: Buffer }> {
  const bytes = await readBytes(file);
  try {
    return { gateway: await XlsxGateway.open(bytes), bytes };
  } catch (e) {
    throw new CliError(`无法打开 ${file}：不是有效的 .xlsx 工作簿（${(e as Error).message}）`, `Cannot open ${file}: not a valid .xlsx workbook (${(e as Error).message})`);
  }
}

export async function reportCommand(args: ReportArgs, out: (line: string) => void, warn: (line: string) => void): Promise<void> {
  const { gateway, bytes } = await openGateway(args.file);
  const lost = await uncarriedParts(bytes);
  const history = [];
  for (const h of args.history) history.push((await loadSurveyData((await openGateway(h)).gateway)).set);
  const result = await generateReport(gateway, { period: args.period, groupBy: args.by, history, version });
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file, ...args.history] });
  const en = args.locale === 'en-US';
  for (const n of result.notes) (n.level === 'warning' ? warn : out)(noteText(n, args.locale));
  if (lost.length > 0) {
    warn(
      en
        ? `Not carried into ${args.out} (the input is unchanged): ${lost.map((l) => l.en).join(', ')}`
        : `以下内容未能带到 ${args.out}（输入文件未改动）：${lost.map((l) => l.zh).join('、')}`,
    );
  }
  out(en ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}
