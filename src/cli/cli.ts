/**
 * `csat` command line: argument parsing only; each command is a handler in its own file. Commander's
 * own usage errors are said in the user's language (usageMessage); a reader that closes the pipe early
 * (`csat score … | head -5`) ends the output quietly (guardPipes).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMATS, messageText, parsePolicy, type ExportFormat, type Locale, type Message } from '../domain';
import { version } from '../../package.json';
import { actionsCommand } from './actions';
import { archiveCommand } from './archive';
import { commPlanCommand } from './comm-plan';
import { commReportCommand } from './comm-report';
import { describeError } from './errors';
import { demoCommand } from './demo';
import { importCommand } from './import';
import type { Output } from './io';
import { reportCommand } from './report';
import { rollupCommand } from './rollup';
import { say } from './messages';
import { scoreCommand } from './score';
import { surveyCommand } from './survey';

function defaultLocale(): Locale {
  const lang = process.env.CSAT_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '';
  return /^en/i.test(lang) ? 'en-US' : 'zh-CN';
}

/** `--lang` as given on the command line, read before parsing so that commander's own errors speak it too. */
function langArgument(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : undefined;
    if (value === 'zh-CN' || value === 'en-US') return value;
  }
  return undefined;
}

/** stdout and stderr whose reader has gone away (EPIPE): nothing more is written to them. */
const closedStreams = new Set<NodeJS.WriteStream>();
let pipesGuarded = false;

/**
 * A closed pipe ends the output quietly, as Unix tools do: `csat score … | head -5` must not crash with
 * "Unhandled 'error' event … write EPIPE". The command finishes its work (a report is still written) and
 * exits as it would have; anything else going wrong with stdout/stderr stays fatal.
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closedStreams.add(stream);
    });
  }
}

function write(stream: NodeJS.WriteStream, text: string): void {
  if (closedStreams.has(stream) || stream.destroyed) return;
  stream.write(text);
}

/** The text of a commander error: `error: ` dropped, a suggestion line split off. */
function commanderText(e: CommanderError): { text: string; suggestions: string[] } {
  const [text, hint = ''] = e.message.replace(/^error: /, '').split('\n');
  const suggestions = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(hint)?.[1].split(', ') ?? [];
  return { text, suggestions };
}

/** Why commander refused a value: one of its choices, or what our parsers expect (`item | strict`, `YYYY-MM-DD`…). */
function refusal(reason: string): { choices?: string[]; expected?: string } {
  const choices = /^Allowed choices are (.*)\.$/.exec(reason);
  return choices ? { choices: choices[1].split(', ') } : { expected: reason };
}

/**
 * Commander's usage errors (by code) as catalogue messages in the user's language. Commander is pinned
 * (package.json), and test/cli/commander-zh.test.ts meets each of these texts; one it does not know is
 * still said, in its own words, with where to find the usage.
 */
export function usageMessage(e: CommanderError, command?: string): Message {
  const usage = command ? `csat ${command}` : 'csat';
  const { text, suggestions } = commanderText(e);
  let m: RegExpExecArray | null = null;
  switch (e.code) {
    case 'commander.missingMandatoryOptionValue':
      if ((m = /^required option '(.+)' not specified$/.exec(text))) return say('usage-missing-option', { flags: m[1], usage });
      break;
    case 'commander.optionMissingArgument':
      if ((m = /^option '(.+)' argument missing$/.exec(text))) return say('usage-option-needs-value', { flags: m[1], usage });
      break;
    case 'commander.unknownOption':
      if ((m = /^unknown option '(.+)'$/.exec(text))) return say('usage-unknown-option', { flag: m[1], suggestions, usage });
      break;
    case 'commander.unknownCommand':
      if ((m = /^unknown command '(.*)'$/.exec(text))) return say('usage-unknown-command', { name: m[1], suggestions });
      break;
    case 'commander.missingArgument':
      if ((m = /^missing required argument '(.+)'$/.exec(text))) return say('usage-missing-argument', { name: m[1], usage });
      break;
    case 'commander.excessArguments':
      if ((m = /^too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text))) {
        return say('usage-excess-arguments', { expected: Number(m[1]), got: Number(m[2]), usage });
      }
      break;
    case 'commander.invalidArgument':
      if ((m = /^option '(.+?)' argument '(.*)' is invalid\. (.*)$/s.exec(text))) return say('usage-invalid-option', { flags: m[1], value: m[2], ...refusal(m[3]), usage });
      if ((m = /^command-argument value '(.*)' is invalid for argument '(.+?)'\. (.*)$/s.exec(text))) return say('usage-invalid-argument', { name: m[2], value: m[1], ...refusal(m[3]), usage });
      break;
  }
  return say('usage-other', { text, usage });
}

function policyOption(value: string) {
  try {
    return parsePolicy(value);
  } catch {
    throw new InvalidArgumentError('item | strict');
  }
}

function yearOption(value: string): number {
  const y = Number(value);
  if (!Number.isInteger(y) || y < 2000 || y > 2099) throw new InvalidArgumentError('2000–2099');
  return y;
}

/** A repeatable option: `--history a.xlsx --history b.xlsx` (one file each, so it never takes the positional file). */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('YYYY-MM-DD');
  return value;
}

export async function main(argv: string[]): Promise<number> {
  guardPipes();
  const out = (line: string) => write(process.stdout, `${line}\n`);
  const warn = (line: string) => write(process.stderr, `${line}\n`);
  let locale = langArgument(argv) ?? defaultLocale();
  /** The subcommand being parsed, to point a usage error at its help. */
  let command: string | undefined;
  const io: Output = { get locale() { return locale; }, out, warn };
  const program = new Command('csat')
    .description('CSAT for Excel — 客户满意度调查（XDYJ-04-03）命令行 / customer-satisfaction command line')
    .version(version)
    .addOption(new Option('--lang <locale>', 'zh-CN | en-US').choices(['zh-CN', 'en-US']))
    .exitOverride()
    // Help and version as commander writes them (through the pipe guard); its errors are said by us, below.
    .configureOutput({ writeOut: (s) => write(process.stdout, s), writeErr: (s) => write(process.stderr, s), outputError: () => undefined })
    .hook('preSubcommand', (_program, sub) => {
      command = sub.name();
    })
    .hook('preAction', (cmd) => {
      const lang = cmd.opts().lang as Locale | undefined;
      if (lang) locale = lang;
    });

  program
    .command('score')
    .description('按表4-1 计算调查数据的满意度 / score a workbook\'s responses by Table 4-1')
    .argument('<file>', '.xlsx 工作簿 / workbook')
    .option('--sheet <name>', '工作表名称（默认：加载项创建的"调查数据"，否则第一个含表4-1 表头的工作表）/ sheet name (default: the add-in\'s 调查数据, else the first sheet with a Table 4-1 header)')
    .option('--policy <policy>', 'item | strict', policyOption, 'item')
    .option('--json', '输出一个 JSON 对象 / print one JSON object', false)
    .action(async (file: string, opts: { sheet?: string; policy: 'item' | 'strict'; json: boolean }) => {
      await scoreCommand({ file, sheet: opts.sheet, policy: opts.policy, json: opts.json }, io);
    });

  program
    .command('survey')
    .description('生成调查工作簿：评分模板、调查数据、调查表、调查方案 / write a new survey workbook')
    .requiredOption('--out <file>', '新工作簿 / the new workbook (.xlsx)')
    .option('--template <file>', '模板：JSON 文件或含"评分模板"工作表的工作簿（默认表4-1）/ template: JSON or a workbook with 评分模板')
    .option('--year <year>', '调查年度 / survey year', yearOption, new Date().getFullYear())
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (opts: { out: string; template?: string; year: number; force: boolean }) => {
      await surveyCommand(opts, io);
    });

  program
    .command('report')
    .description('生成分析报告（新工作簿：原有工作表 + 分析报告 + 趋势）/ write the quarter\'s analysis report into a new workbook')
    .argument('<file>', '含调查数据的 .xlsx / workbook with responses')
    .requiredOption('--out <file>', '新工作簿（不会覆盖输入）/ the new workbook (never the input)')
    .option('--period <YYYYQn>', '统计期间，默认最近一个季度 / quarter, default the latest')
    .option('--by <column>', '交叉分组的列，默认"客户分组" / column to group by', undefined)
    .option('--history <file>', '历史工作簿（用于趋势），每个文件一个 --history，可重复 / an earlier workbook for the trend; repeat for each file', collect, [])
    .option('--today <YYYY-MM-DD>', '晚于此日期的调查日期视为将来（默认今天）/ survey dates after this day count as future (default today)', dateOption)
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (file: string, opts: { out: string; period?: string; by?: string; history: string[]; today?: string; force: boolean }) => {
      await reportCommand({ file, ...opts }, io);
    });

  program
    .command('actions')
    .description('由分析报告的改进机会与回访清单生成纠正预防措施跟踪表（只追加新发现）/ track a report\'s findings as corrective actions')
    .argument('<file>', '含调查数据的 .xlsx / workbook with responses')
    .requiredOption('--out <file>', '新工作簿 / the new workbook')
    .option('--period <YYYYQn>', '统计期间，默认最近一个季度 / quarter, default the latest')
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (file: string, opts: { out: string; period?: string; force: boolean }) => {
      await actionsCommand({ file, ...opts }, io);
    });

  program
    .command('comm-plan')
    .description('生成年度客户沟通计划与客户沟通记录表 / write the communication plan and record sheets')
    .requiredOption('--out <file>', '新工作簿 / the new workbook')
    .option('--into <file>', '加入已有工作簿（生成新文件，不改原文件）/ add to a copy of this workbook')
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (opts: { out: string; into?: string; force: boolean }) => {
      await commPlanCommand(opts, io);
    });

  program
    .command('comm-report')
    .description('生成客户沟通分析报告 / write the customer communication analysis')
    .argument('<file>', '含沟通计划与记录的 .xlsx / workbook with the plan and records')
    .requiredOption('--out <file>', '新工作簿 / the new workbook')
    .option('--year <year>', '年度，默认记录中最近的年度 / year, default the latest in the records', yearOption)
    .option('--today <date>', '以此日期区分已到期与未到期（YYYY-MM-DD）/ what counts as the future', dateOption)
    .option('--json', '输出一个 JSON 对象 / print one JSON object', false)
    .option('--to-tracker', '把需改进事项加入纠正预防措施跟踪表 / send 需改进事项 to the tracker', false)
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (file: string, opts: { out: string; year?: number; today?: string; json: boolean; toTracker: boolean; force: boolean }) => {
      await commReportCommand({ file, ...opts }, io);
    });

  program
    .command('import')
    .description('导入在线问卷（问卷星、Microsoft Forms、腾讯问卷、CSV）到调查数据 / import an online questionnaire export')
    .argument('<export>', '导出文件（.xlsx 或 .csv；UTF-8、GBK、GB18030 自动识别）/ the export (.xlsx or .csv)')
    .addOption(new Option('--format <format>', '格式 / format').choices(['auto', ...FORMATS]).default('auto'))
    .option('--into <workbook>', '导入到此工作簿的副本（默认新建调查工作簿）/ import into a copy of this workbook')
    .option('--mapping <file>', '使用保存的对应关系（JSON）/ use a saved mapping')
    .option('--save-mapping <file>', '保存对应关系以便再用（新文件；已存在时需 --force，从不覆盖输入）/ save the mapping for reuse (a new file; --force to replace, never an input)')
    .option('--dry-run', '只显示对应关系，不写文件 / show the mapping only', false)
    .option('--out <file>', '新工作簿 / the new workbook')
    .option('--force', '覆盖已存在的输出文件（--out、--save-mapping）/ replace an existing output file (--out, --save-mapping)', false)
    .action(async (file: string, opts: { format: ExportFormat | 'auto'; into?: string; mapping?: string; saveMapping?: string; dryRun: boolean; out?: string; force: boolean }) => {
      await importCommand({ file, ...opts }, io);
    });

  program
    .command('archive')
    .description('归档准备：归档属性、归档清单、保护报告、冻结 CSAT 公式 / make an archive-ready copy')
    .argument('<file>', '工作簿 / workbook')
    .requiredOption('--out <file>', '归档副本 / the archive copy')
    .option('--password <password>', '保护报告与跟踪表的密码（可选）/ password for the protected tabs')
    .option('--department <name>', '编制部门（默认 服务台）/ the compiling department', undefined)
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (file: string, opts: { out: string; password?: string; department?: string; force: boolean }) => {
      await archiveCommand({ file, ...opts }, io);
    });

  program
    .command('rollup')
    .description('把多个项目工作簿汇总为公司季度汇总 / roll project workbooks up into a company quarterly summary')
    .argument('<workbooks...>', '项目工作簿 / project workbooks')
    .requiredOption('--out <file>', '汇总工作簿 / the summary workbook')
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (files: string[], opts: { out: string; force: boolean }) => {
      await rollupCommand({ files, ...opts }, io);
    });

  program
    .command('demo')
    .description('用内置样例生成演示工作簿并计算满意度 / build the demo workbook from the built-in sample')
    .option('--out <file>', '输出工作簿 / output workbook', 'csat-demo.xlsx')
    .option('--force', '覆盖已存在的输出文件 / replace an existing output file', false)
    .action(async (opts: { out: string; force: boolean }) => {
      await demoCommand(opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    // Commander's convention: help asked for (--help, `help`) on stdout, exit 0; help because something
    // is missing (no command at all) on stderr, exit 1 — both already printed; a usage error, said here
    // in the user's language, exit 1.
    if (e instanceof CommanderError) {
      if (!['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(e.code)) warn(messageText(usageMessage(e, command), locale));
      return e.exitCode;
    }
    warn(describeError(e, locale));
    return 1;
  }
}
