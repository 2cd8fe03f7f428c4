/**
 * What the command line says besides the jobs' notes, zh-CN and en-US: the CLI's chapter of the
 * message catalogue (built with the domain's `catalogue`, so every entry has both languages).
 */
import { catalogue, phrase, type Message } from '../domain';

type Words = Pick<Message, 'zh' | 'en'>;

/**
 * The sample-size line: the verdict about the quarter's own 结论 (`side`: above 达标, below 未达标; `overall`
 * formatted, null without one) and the needs estimated from the `basis` quarter.
 */
interface SampleLine {
  verdict: Words;
  n: number;
  overall: string | null;
  side: 'above' | 'below' | null;
  halfWidth: string;
  forHalfWidth: number | null;
  forTarget: number | null;
  basis?: string;
  /** The quarter's own 95% interval spans the target. */
  spans?: boolean;
}

/** Why a write failed, from the system's error code, naming the user's folder (never the temp file). */
function writeReason(code: string, dir: string): Words {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { zh: `没有在 ${dir} 中写入的权限`, en: `no permission to write in ${dir}` };
    case 'ENOSPC':
    case 'EDQUOT':
      return { zh: '磁盘空间不足', en: 'the disk is full' };
    case 'EROFS':
      return { zh: `${dir} 是只读的`, en: `${dir} is read-only` };
    case 'ENOENT':
      return { zh: `文件夹 ${dir} 不存在`, en: `the folder ${dir} does not exist` };
    case 'EISDIR':
      return { zh: '这是一个文件夹', en: 'it is a folder' };
    default:
      return { zh: code, en: code };
  }
}

/** What a file that is not a regular one is (io.ts's SpecialKind). */
const SPECIAL = {
  fifo: { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
  char: { zh: '字符设备', en: 'a character device' },
  block: { zh: '块设备', en: 'a block device' },
  socket: { zh: '套接字', en: 'a socket' },
  folder: { zh: '文件夹', en: 'a folder' },
  other: { zh: '特殊文件', en: 'a special file' },
} satisfies Record<string, Words>;

export const say = catalogue({
  // Files
  'file-too-large': phrase(
    (p: { file: string; mb: string; max: number }) => `${p.file} 有 ${p.mb} MB，超过上限 ${p.max} MB；请拆分工作簿`,
    (p) => `${p.file} is ${p.mb} MB, over the limit of ${p.max} MB; split the workbook`,
  ),
  'file-unreadable': phrase(
    (p: { file: string; missing: boolean; detail: string }) => `无法读取 ${p.file}：${p.missing ? '文件不存在' : p.detail}`,
    (p) => `Cannot read ${p.file}: ${p.missing ? 'no such file' : p.detail}`,
  ),
  'not-a-regular-file': phrase(
    (p: { file: string; kind: keyof typeof SPECIAL }) => `无法读取 ${p.file}：这是${SPECIAL[p.kind].zh}，不是普通文件`,
    (p) => `Cannot read ${p.file}: it is ${SPECIAL[p.kind].en}, not a regular file`,
  ),
  'file-grew-too-large': phrase(
    (p: { file: string; max: number }) => `${p.file} 读取时超过上限 ${p.max} MB（文件在读取中变大）；请拆分工作簿`,
    (p) => `${p.file} went over the limit of ${p.max} MB while being read (it grew); split the workbook`,
  ),
  'target-not-regular': phrase(
    (p: { file: string; kind: keyof typeof SPECIAL; link: boolean; option: string }) =>
      `不会替换 ${p.file}：它${p.link ? '链接到' : '是'}${SPECIAL[p.kind].zh}，不是普通文件（--force 只替换普通文件）；请用 ${p.option} 指定新文件`,
    (p) => `Will not replace ${p.file}: it ${p.link ? 'links to' : 'is'} ${SPECIAL[p.kind].en}, not a regular file (--force replaces regular files only); give a new file with ${p.option}`,
  ),
  'in-file': phrase(
    (p: { file: string; why: Words; sep?: boolean }) => `${p.file}${p.sep ? '：' : ' '}${p.why.zh}`,
    (p) => `${p.file}${p.sep ? ': ' : ' '}${p.why.en}`,
  ),
  'input-overwrite': phrase(
    (p: { file: string; option: string }) => `不会覆盖输入文件 ${p.file}；请用 ${p.option} 指定新文件`,
    (p) => `Will not overwrite the input ${p.file}; give a new file with ${p.option}`,
  ),
  'folder-missing': phrase(
    (p: { file: string; dir: string }) => `无法写入 ${p.file}：文件夹 ${p.dir} 不存在`,
    (p) => `Cannot write ${p.file}: the folder ${p.dir} does not exist`,
  ),
  'not-a-folder': phrase(
    (p: { file: string; dir: string }) => `无法写入 ${p.file}：${p.dir} 不是文件夹`,
    (p) => `Cannot write ${p.file}: ${p.dir} is not a folder`,
  ),
  'target-is-folder': phrase(
    (p: { file: string }) => `无法写入 ${p.file}：这是一个文件夹`,
    (p) => `Cannot write ${p.file}: it is a folder`,
  ),
  'file-exists': phrase(
    (p: { file: string }) => `${p.file} 已存在；如需覆盖请加 --force`,
    (p) => `${p.file} already exists; add --force to replace it`,
  ),
  'write-failed': phrase(
    (p: { file: string; code: string; dir: string }) => `无法写入 ${p.file}：${writeReason(p.code, p.dir).zh}`,
    (p) => `Cannot write ${p.file}: ${writeReason(p.code, p.dir).en}`,
  ),
  wrote: phrase(
    (p: { file: string }) => `已写入 ${p.file}`,
    (p) => `Wrote ${p.file}`,
  ),
  // Commander's own usage errors (cli.ts usageMessage); `usage` is the command whose --help to read.
  'usage-missing-option': phrase(
    (p: { flags: string; usage: string }) => `缺少必需的选项 ${p.flags}；用法见 ${p.usage} --help`,
    (p) => `The required option ${p.flags} is missing; see ${p.usage} --help`,
  ),
  'usage-option-needs-value': phrase(
    (p: { flags: string; usage: string }) => `选项 ${p.flags} 缺少值；用法见 ${p.usage} --help`,
    (p) => `The option ${p.flags} needs a value; see ${p.usage} --help`,
  ),
  'usage-unknown-option': phrase(
    (p: { flag: string; suggestions: string[]; usage: string }) =>
      `${p.usage} 没有选项 ${p.flag}${p.suggestions.length > 0 ? `（是不是 ${p.suggestions.join(' 或 ')}？）` : ''}；用法见 ${p.usage} --help`,
    (p) => `${p.usage} has no option ${p.flag}${p.suggestions.length > 0 ? ` (did you mean ${p.suggestions.join(' or ')}?)` : ''}; see ${p.usage} --help`,
  ),
  'usage-unknown-command': phrase(
    (p: { name: string; suggestions: string[] }) =>
      `没有命令 ${p.name}${p.suggestions.length > 0 ? `（是不是 ${p.suggestions.join(' 或 ')}？）` : ''}；可用的命令见 csat --help`,
    (p) => `There is no command ${p.name}${p.suggestions.length > 0 ? ` (did you mean ${p.suggestions.join(' or ')}?)` : ''}; see csat --help for the commands`,
  ),
  'usage-missing-argument': phrase(
    (p: { name: string; usage: string }) => `缺少参数 <${p.name}>；用法见 ${p.usage} --help`,
    (p) => `The argument <${p.name}> is missing; see ${p.usage} --help`,
  ),
  'usage-excess-arguments': phrase(
    (p: { expected: number; got: number; usage: string }) =>
      `参数过多：${p.usage} ${p.expected === 0 ? '不接受参数' : `只接受 ${p.expected} 个参数`}，实际给了 ${p.got} 个（选项以 -- 开头）；用法见 ${p.usage} --help`,
    (p) => `Too many arguments: ${p.usage} takes ${p.expected === 0 ? 'none' : p.expected} but got ${p.got} (options start with --); see ${p.usage} --help`,
  ),
  'usage-invalid-option': phrase(
    (p: { flags: string; value: string; choices?: string[]; expected?: string; usage: string }) =>
      `选项 ${p.flags} 的值"${p.value}"无效：${p.choices ? `可选值为 ${p.choices.join('、')}` : `应为 ${p.expected}`}`,
    (p) => `The option ${p.flags} does not take "${p.value}": ${p.choices ? `choose one of ${p.choices.join(', ')}` : `expected ${p.expected}`}`,
  ),
  'usage-invalid-argument': phrase(
    (p: { name: string; value: string; choices?: string[]; expected?: string; usage: string }) =>
      `参数 <${p.name}> 的值"${p.value}"无效：${p.choices ? `可选值为 ${p.choices.join('、')}` : `应为 ${p.expected}`}`,
    (p) => `The argument <${p.name}> does not take "${p.value}": ${p.choices ? `choose one of ${p.choices.join(', ')}` : `expected ${p.expected}`}`,
  ),
  'usage-other': phrase(
    (p: { text: string; usage: string }) => `命令行有误：${p.text}；用法见 ${p.usage} --help`,
    (p) => `Usage error: ${p.text}; see ${p.usage} --help`,
  ),
  // csat score
  'no-such-sheet': phrase(
    (p: { sheet: string; sheets: string[] }) => `工作簿中没有名为"${p.sheet}"的工作表（有：${p.sheets.join('、')}）`,
    (p) => `No sheet named "${p.sheet}" (sheets: ${p.sheets.join('、')})`,
  ),
  'sheet-not-responses': phrase(
    (p: { sheet: string; owner: string }) => `"${p.sheet}"是加载项生成的其他工作表（${p.owner}），不是调查数据；请指定答卷所在的工作表`,
    (p) => `"${p.sheet}" is one of the add-in's other sheets (${p.owner}), not responses; name the sheet holding the answers`,
  ),
  'no-responses-sheet': phrase(
    (p: { file: string }) => `${p.file} 中没有含表4-1 表头（至少 10 个评分项目名称）的工作表；请用 --sheet 指定`,
    (p) => `No sheet of ${p.file} has a Table 4-1 header (at least 10 item names); name one with --sheet`,
  ),
  'score-merged': phrase(
    (p: { ranges: string[] }) => `答案区域中有合并单元格：${p.ranges.join('、')}——合并区域只计左上角单元格的答案`,
    (p) => `Merged cells over answers: ${p.ranges.join(', ')} — only the top-left cell of a merge counts`,
  ),
  'score-invalid': phrase(
    (p: { n: number }) => `有 ${p.n} 个无效答案未计入。`,
    (p) => `${p.n} invalid answer(s) were not scored.`,
  ),
  // --template
  'template-json-invalid': phrase(
    (p: { file: string; detail: string }) => `${p.file} 不是有效的 JSON：${p.detail}`,
    (p) => `${p.file} is not valid JSON: ${p.detail}`,
  ),
  'template-json-syntax': phrase(
    (p: { file: string; place?: { line: number; column: number } }) => `${p.file} 不是有效的 JSON：${p.place ? `第 ${p.place.line} 行第 ${p.place.column} 列附近有语法错误` : '语法错误'}`,
    (p) => `${p.file} is not valid JSON: ${p.place ? `a syntax error near line ${p.place.line}, column ${p.place.column}` : 'a syntax error'}`,
  ),
  'template-sheet-missing': phrase(
    (p: { file: string }) => `${p.file} 中没有"评分模板"工作表`,
    (p) => `${p.file} has no "评分模板" sheet`,
  ),
  // csat survey, csat demo
  'survey-written': phrase(
    (p: { file: string; template: string }) => `已写入 ${p.file}（模板：${p.template}）`,
    (p) => `Wrote ${p.file} (template: ${p.template})`,
  ),
  'demo-archive-written': phrase(
    (p: { file: string }) => `已写入归档副本 ${p.file}`,
    (p) => `Wrote the archive-ready copy ${p.file}`,
  ),
  'demo-written': phrase(
    (p: { file: string; n: number; overall: string; target: string }) => `已写入 ${p.file}：全部 ${p.n} 份答卷（全年）的总体满意度 ${p.overall}（目标 ≥ ${p.target}）`,
    (p) => `Wrote ${p.file}: all ${p.n} responses (the year), overall satisfaction ${p.overall} (target ${p.target})`,
  ),
  // csat report: 先改进什么 (the pane's summary, as lines)
  'act-first-head': phrase(
    () => '先改进什么：',
    () => 'Where to act first:',
  ),
  'act-first-top': phrase(
    (p: { items: { item: string; points: string; satisfaction: string }[] }) =>
      `  提升潜力最大（单项达到目标时总体提高）：${p.items.map((i) => `${i.item} +${i.points} 个百分点（现为 ${i.satisfaction}）`).join('、')}`,
    (p) => `  Largest improvement potential (overall gain if the item alone reached the target): ${p.items.map((i) => `${i.item} +${i.points} points (now ${i.satisfaction})`).join(', ')}`,
  ),
  'act-first-no-gap': phrase(
    () => '  所有项目都已达到目标。',
    () => '  Every item meets the target.',
  ),
  'act-first-reach': phrase(
    (p: { items: string[]; overall: string }) => `  只需 ${p.items.join('、')} 达到目标，总体即可达标（${p.overall}）。`,
    (p) => `  Bringing just ${p.items.join(', ')} to the target lifts the overall to the target (${p.overall}).`,
  ),
  'act-first-unreachable': phrase(
    () => '  即使所有项目都达到目标，总体仍低于目标（部分受访者未答全部项目）。',
    () => '  Even with every item at the target the overall stays below it (some respondents skipped items).',
  ),
  'act-first-fix': phrase(
    (p: { items: string[] }) => `  修补区（重要且低于目标，先改进）：${p.items.length > 0 ? p.items.join('、') : '无'}`,
    (p) => `  Fix first (important, below target): ${p.items.length > 0 ? p.items.join(', ') : 'none'}`,
  ),
  'act-first-sample': phrase(
    (p: SampleLine) => {
      const called = p.side === 'below' ? '未达标' : '达标';
      const head = `本季度 ${p.n} 份${p.overall !== null && p.side !== null ? `，总体 ${p.overall}（${called}）` : ''}`;
      const needs = [
        p.forHalfWidth !== null ? `置信区间达到 ±${p.halfWidth} 个百分点需 ${p.forHalfWidth} 份` : '',
        p.forTarget !== null && p.side !== null ? `判定${called}需 ${p.forTarget} 份` : '',
      ].filter(Boolean);
      const from = p.basis ? `按 ${p.basis} 的答卷` : '';
      const spans = p.spans ? '；本季度 95% 置信区间跨过目标' : '';
      return `  ${p.verdict.zh}——${head}；${needs.length > 0 ? `${from ? `${from}估算，` : ''}${needs.join('，')}` : `${from}无法估计所需样本`}${spans}。`;
    },
    (p) => {
      const called = p.side === 'below' ? 'missed' : 'met';
      const head = `${p.n} responses this quarter${p.overall !== null && p.side !== null ? `, overall ${p.overall} (target ${called})` : ''}`;
      const needs = [
        p.forHalfWidth !== null ? `±${p.halfWidth} points needs ${p.forHalfWidth}` : '',
        p.forTarget !== null && p.side !== null ? `calling the target ${called} needs ${p.forTarget}` : '',
      ].filter(Boolean);
      const from = p.basis ? ` from ${p.basis}'s responses` : '';
      const spans = p.spans ? "; this quarter's 95% interval spans the target" : '';
      return `  ${p.verdict.en} — ${head}; ${needs.length > 0 ? `${from ? `estimated${from}, ` : ''}${needs.join(', ')}` : `the needed responses cannot be estimated${from}`}${spans}.`;
    },
  ),
  // csat import
  'mapping-unreadable': phrase(
    (p: { file: string; detail: string }) => `无法读取对应关系文件 ${p.file}：${p.detail}`,
    (p) => `Cannot read the mapping ${p.file}: ${p.detail}`,
  ),
  'import-out-required': phrase(
    () => '请用 --out 指定新工作簿（或用 --dry-run 只查看对应关系）',
    () => 'Give the new workbook with --out (or --dry-run to see the mapping only)',
  ),
  'mapping-same-as-out': phrase(
    (p: { file: string }) => `--save-mapping 与 --out 是同一个文件 ${p.file}；请另选对应关系文件`,
    (p) => `--save-mapping and --out are the same file ${p.file}; choose another file for the mapping`,
  ),
  'import-mapping-head': phrase(
    (p: { format: string; rows: number }) => `格式：${p.format}；${p.rows} 行；对应关系：`,
    (p) => `Format: ${p.format}; ${p.rows} rows; mapping:`,
  ),
  'import-not-mapped': phrase(
    () => '（不导入）',
    () => '(not imported)',
  ),
  'mapping-saved': phrase(
    (p: { file: string }) => `对应关系已保存到 ${p.file}`,
    (p) => `Mapping saved to ${p.file}`,
  ),
  // csat rollup
  'rollup-same-file': phrase(
    (p: { file: string; same: string }) => `${p.file} 与 ${p.same} 是同一个文件；每个工作簿只能汇总一次`,
    (p) => `${p.file} and ${p.same} are the same file; roll each workbook up once`,
  ),
  'rollup-copy': phrase(
    (p: { file: string; copy: string }) => `${p.file} 与 ${p.copy} 内容完全相同（同一工作簿的副本）；每个工作簿只能汇总一次`,
    (p) => `${p.file} and ${p.copy} have the same content (copies of one workbook); roll each workbook up once`,
  ),
  // csat report --history (`input`: `other` is the workbook the report is for)
  'history-same-file': phrase(
    (p: { file: string; other: string; input: boolean }) =>
      `--history ${p.file} 与${p.input ? '要生成报告的工作簿' : ''} ${p.other} 是同一个文件；--history 只给其他各期的工作簿，每个只给一次`,
    (p) => `--history ${p.file} and ${p.input ? 'the workbook being reported, ' : ''}${p.other}, are the same file; give --history other periods' workbooks, each once`,
  ),
  'history-copy': phrase(
    (p: { file: string; other: string; input: boolean }) =>
      `--history ${p.file} 与${p.input ? '要生成报告的工作簿' : ''} ${p.other} 内容完全相同（同一工作簿的副本）；--history 只给其他各期的工作簿，每个只给一次`,
    (p) => `--history ${p.file} and ${p.input ? 'the workbook being reported, ' : ''}${p.other}, have the same content (copies of one workbook); give --history other periods' workbooks, each once`,
  ),
});
