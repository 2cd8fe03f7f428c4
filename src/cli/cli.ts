/** `csat` command line: argument parsing only; each command is a handler in its own file. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parsePolicy, type Locale } from '../domain';
import { version } from '../../package.json';
import { describeError } from './errors';
import { scoreCommand } from './score';

function defaultLocale(): Locale {
  const lang = process.env.CSAT_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '';
  return /^en/i.test(lang) ? 'en-US' : 'zh-CN';
}

function policyOption(value: string) {
  try {
    return parsePolicy(value);
  } catch {
    throw new InvalidArgumentError('item | strict');
  }
}

export async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  let locale = defaultLocale();
  const program = new Command('csat')
    .description('CSAT for Excel — 客户满意度调查（XDYJ-04-03）命令行 / customer-satisfaction command line')
    .version(version)
    .addOption(new Option('--lang <locale>', 'zh-CN | en-US').choices(['zh-CN', 'en-US']))
    .exitOverride()
    .hook('preAction', (cmd) => {
      const lang = cmd.opts().lang as Locale | undefined;
      if (lang) locale = lang;
    });

  program
    .command('score')
    .description('按表4-1 计算调查数据的满意度 / score a workbook\'s responses by Table 4-1')
    .argument('<file>', '.xlsx 工作簿 / workbook')
    .option('--sheet <name>', '工作表名称（默认：第一个含表4-1 表头的工作表）/ sheet name')
    .option('--policy <policy>', 'item | strict', policyOption, 'item')
    .option('--json', '输出一个 JSON 对象 / print one JSON object', false)
    .action(async (file: string, opts: { sheet?: string; policy: 'item' | 'strict'; json: boolean }) => {
      await scoreCommand({ file, sheet: opts.sheet, policy: opts.policy, json: opts.json, locale }, out, warn);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 1; // commander already printed why
    warn(describeError(e, locale));
    return 1;
  }
}
