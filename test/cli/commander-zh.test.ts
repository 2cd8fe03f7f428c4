/**
 * Messages in the user's language (issue 20, item 8): commander's own usage errors — a required option
 * missing, an unknown command or option, a missing or excess argument, a value refused — come out in
 * zh-CN like ours (en-US with --lang en-US or an English LANG), one line on stderr, exit 1; help and
 * --version are untouched. And the re-import message has no stray space ("…、20 等行").
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { TABLE_4_1, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { importExport } from '../../src/jobs/import';
import { generateSurveyWorkbook } from '../../src/jobs/survey';

const root = path.join(__dirname, '../..');

function csat(args: string[], lang = 'zh_CN.UTF-8'): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    // LANG alone says the language (CSAT_LANG and LC_ALL would come first).
    const { CSAT_LANG: _csat, LC_ALL: _all, ...env } = process.env;
    execFile(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { env: { ...env, LANG: lang }, cwd: root, encoding: 'utf8' }, (e, out, err) => {
      resolve({ code: e ? Number(e.code ?? 1) : 0, out, err });
    });
  });
}

/** [args, zh-CN line, en-US line]: each of commander's error codes we meet. */
const CASES: [code: string, args: string[], zh: string, en: string][] = [
  ['missingMandatoryOptionValue', ['survey'], '缺少必需的选项 --out <file>；用法见 csat survey --help', 'The required option --out <file> is missing; see csat survey --help'],
  ['unknownCommand', ['scor'], '没有命令 scor（是不是 score？）；可用的命令见 csat --help', 'There is no command scor (did you mean score?); see csat --help for the commands'],
  ['unknownCommand', ['zzz'], '没有命令 zzz；可用的命令见 csat --help', 'There is no command zzz; see csat --help for the commands'],
  ['unknownOption', ['score', 'x.xlsx', '--jsn'], 'csat score 没有选项 --jsn（是不是 --json？）；用法见 csat score --help', 'csat score has no option --jsn (did you mean --json?); see csat score --help'],
  ['missingArgument', ['score'], '缺少参数 <file>；用法见 csat score --help', 'The argument <file> is missing; see csat score --help'],
  ['excessArguments', ['score', 'a.xlsx', 'b.xlsx'], '参数过多：csat score 只接受 1 个参数，实际给了 2 个（选项以 -- 开头）；用法见 csat score --help', 'Too many arguments: csat score takes 1 but got 2 (options start with --); see csat score --help'],
  ['excessArguments', ['survey', 'x.xlsx', '--out', 'y.xlsx'], '参数过多：csat survey 不接受参数，实际给了 1 个（选项以 -- 开头）；用法见 csat survey --help', 'Too many arguments: csat survey takes none but got 1 (options start with --); see csat survey --help'],
  ['optionMissingArgument', ['survey', '--out'], '选项 --out <file> 缺少值；用法见 csat survey --help', 'The option --out <file> needs a value; see csat survey --help'],
  ['invalidArgument', ['score', 'x.xlsx', '--policy', 'loose'], '选项 --policy <policy> 的值"loose"无效：应为 item | strict', 'The option --policy <policy> does not take "loose": expected item | strict'],
  ['invalidArgument', ['import', 'x.csv', '--format', 'bogus', '--dry-run'], '选项 --format <format> 的值"bogus"无效：可选值为 auto、wjx、forms、tencent、csv', 'The option --format <format> does not take "bogus": choose one of auto, wjx, forms, tencent, csv'],
  ['invalidArgument', ['report', 'x.xlsx', '--today', '2026/1/1', '--out', 'y.xlsx'], '选项 --today <YYYY-MM-DD> 的值"2026/1/1"无效：应为 YYYY-MM-DD', 'The option --today <YYYY-MM-DD> does not take "2026/1/1": expected YYYY-MM-DD'],
];

describe("commander's own errors", () => {
  it.each(CASES)('commander.%s %j: zh-CN by default, en-US with --lang en-US or LANG', async (_code, args, zh, en) => {
    const [z, byOption, byLang] = await Promise.all([csat(args), csat(['--lang', 'en-US', ...args]), csat(args, 'en_US.UTF-8')]);
    expect(z).toEqual({ code: 1, out: '', err: `${zh}\n` });
    expect(byOption).toEqual({ code: 1, out: '', err: `${en}\n` });
    expect(byLang).toEqual({ code: 1, out: '', err: `${en}\n` });
  });

  it('--lang zh-CN wins over an English LANG; --lang=en-US works too, also after the command', async () => {
    const [zh, eq, after] = await Promise.all([csat(['--lang', 'zh-CN', 'survey'], 'en_US.UTF-8'), csat(['--lang=en-US', 'survey']), csat(['survey', '--lang', 'en-US'])]);
    expect(zh.err).toBe('缺少必需的选项 --out <file>；用法见 csat survey --help\n');
    expect(eq.err).toBe('The required option --out <file> is missing; see csat survey --help\n');
    expect(after.err).toBe('The required option --out <file> is missing; see csat survey --help\n');
  });

  it('a refused --lang is said in the language of the environment', async () => {
    const r = await csat(['--lang', 'fr', 'survey']);
    expect(r).toEqual({ code: 1, out: '', err: '选项 --lang <locale> 的值"fr"无效：可选值为 zh-CN、en-US\n' });
  });

  it('leaves help and --version as they were: help on stdout (exit 0), bare csat prints it on stderr (exit 1)', async () => {
    const [bare, help, sub, version] = await Promise.all([csat([]), csat(['--help']), csat(['report', '--help']), csat(['--version'])]);
    expect(bare.code).toBe(1);
    expect(bare.err).toMatch(/^Usage: csat /);
    expect(help).toEqual({ code: 0, out: bare.err, err: '' });
    expect(sub.code).toBe(0);
    expect(sub.out).toMatch(/^Usage: csat report \[options\] <file>/);
    expect(version).toEqual({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), err: '' });
  });
});

describe('the re-import message', () => {
  it('lists the skipped rows without a stray space: "第 2、3、…、21 等行", "第 2、3 行"', async () => {
    const items = TABLE_4_1.items.map((i) => i.name);
    const header = ['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...items.map((n, i) => `${i + 2}、${n}`)];
    const rows = (n: number): CellValue[][] => [header, ...Array.from({ length: n }, (_, i) => [i + 1, `2026/11/${(i % 28) + 1} 10:00:00`, '1', `客户${i}`, ...items.map(() => '满意')])];
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await importExport(gw, { grid: rows(22) });
    const again = await importExport(gw, { grid: rows(22) });
    const zh = again.notes.map((n) => n.zh).join('\n');
    expect(zh).toContain(`已导入过的 22 份已跳过（导出文件第 ${Array.from({ length: 20 }, (_, i) => i + 2).join('、')} 等行）`);
    expect(zh).not.toMatch(/等 行/);
    const two = XlsxGateway.empty();
    await generateSurveyWorkbook(two);
    await importExport(two, { grid: rows(2) });
    expect((await importExport(two, { grid: rows(2) })).notes.map((n) => n.zh).join('\n')).toContain('已导入过的 2 份已跳过（导出文件第 2、3 行）');
  });
});
