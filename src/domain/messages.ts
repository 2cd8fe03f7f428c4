/**
 * The one path from meaning to words, zh-CN first and en-US second. The engine's problems are a
 * catalogue here (data: a code plus parameters) so every face — cell error, task pane, CLI — words
 * them the same way and can name the cell to fix. Everything else a user reads — job notes, CLI
 * refusals, import refusals, communication findings — is a `Message` made by `catalogue()` from
 * entries that must give both languages, and every face turns any error into text with `describeError`.
 */
export type Locale = 'zh-CN' | 'en-US';

type Params = Record<string, string | number>;
type Phrase = (p: Params) => string;

const PROBLEMS = {
  'invalid-answer': {
    'zh-CN': (p) => `第${p.row}行 ${p.item}（${p.cell}）：'${p.value}' 不是有效的满意度等级（应为 ${p.levels}，或留空 / 不适用）`,
    'en-US': (p) => `Row ${p.row}, ${p.item} (${p.cell}): '${p.value}' is not a valid satisfaction level (expected ${p.levels}, or blank / N/A)`,
  },
  'no-header': {
    'zh-CN': (p) => `未找到调查数据：前 ${p.rows} 行中没有列出至少 ${p.min} 个评分项目的表头行，且区域不是恰好 ${p.items} 列（按表4-1 顺序）`,
    'en-US': (p) => `No survey data found: no header row naming at least ${p.min} items in the first ${p.rows} rows, and the range is not exactly ${p.items} item columns in template order`,
  },
  'duplicate-column': {
    'zh-CN': (p) => `表头中评分项目"${p.item}"出现了两次（${p.cell} 和 ${p.other}）`,
    'en-US': (p) => `Item "${p.item}" appears twice in the header (${p.cell} and ${p.other})`,
  },
  'no-answers': {
    'zh-CN': () => '区域中没有有效的满意度答案，无法计算',
    'en-US': () => 'The range holds no valid satisfaction answer; nothing to score',
  },
  'item-no-answers': {
    'zh-CN': (p) => `评分项目"${p.item}"没有有效答案`,
    'en-US': (p) => `Item "${p.item}" has no valid answer`,
  },
  'category-no-answers': {
    'zh-CN': (p) => `类别"${p.category}"没有有效答案`,
    'en-US': (p) => `Category "${p.category}" has no valid answer`,
  },
  'unknown-item': {
    'zh-CN': (p) => `未知的评分项目"${p.item}"（模板中有：${p.known}）`,
    'en-US': (p) => `Unknown item "${p.item}" (the template has: ${p.known})`,
  },
  'item-not-in-data': {
    'zh-CN': (p) => `数据表头中没有评分项目"${p.item}"的列`,
    'en-US': (p) => `The data header has no column for item "${p.item}"`,
  },
  'unknown-category': {
    'zh-CN': (p) => `未知的类别"${p.category}"（模板中有：${p.known}）`,
    'en-US': (p) => `Unknown category "${p.category}" (the template has: ${p.known})`,
  },
  'unknown-level': {
    'zh-CN': (p) => `'${p.label}' 不是有效的满意度等级（应为 ${p.levels}）`,
    'en-US': (p) => `'${p.label}' is not a satisfaction level (expected ${p.levels})`,
  },
  'unknown-policy': {
    'zh-CN': (p) => `未知的计算口径"${p.value}"（应为 item 或 strict）`,
    'en-US': (p) => `Unknown policy "${p.value}" (expected item or strict)`,
  },
  'bad-target': {
    'zh-CN': (p) => `目标值"${p.value}"无效（应为 0 到 1 之间的小数或百分比，如 0.9 或 90%）`,
    'en-US': (p) => `Target "${p.value}" is invalid (expected a fraction or percentage such as 0.9 or 90%)`,
  },
  'scores-differ': {
    'zh-CN': (p) => `等级"${p.label}"在各评分项目中的分值不同，请指明评分项目`,
    'en-US': (p) => `Level "${p.label}" scores differently per item; name the item`,
  },
  'period-empty': {
    'zh-CN': (p) => `${p.period} 没有调查答卷（数据中有：${p.available}）`,
    'en-US': (p) => `No responses in ${p.period} (the data has: ${p.available})`,
  },
  'bad-period': {
    'zh-CN': (p) => `统计期间"${p.value}"无效（应为 YYYYQn，如 2026Q3）`,
    'en-US': (p) => `Period "${p.value}" is invalid (expected YYYYQn, e.g. 2026Q3)`,
  },
  'unknown-column': {
    'zh-CN': (p) => `调查数据中没有"${p.column}"列（可用于分组的列：${p.available}）`,
    'en-US': (p) => `The responses have no column "${p.column}" (columns to group by: ${p.available})`,
  },
  'uncalculated': {
    'zh-CN': (p) => `公式未计算：${p.cells}${Number(p.count) > 5 ? ` 等 ${p.count} 个单元格` : ''}——文件保存时没有计算结果（openpyxl、pandas 等工具写的公式）；请在 Excel 或 WPS 中打开、重新计算并保存后再试`,
    'en-US': (p) => `Formulas not calculated: ${p.cells}${Number(p.count) > 5 ? ` and more (${p.count} cells)` : ''} — the file was saved without their results (as openpyxl or pandas write formulas); open it in Excel or WPS, recalculate, save, and try again`,
  },
  'import-no-items': {
    'zh-CN': (p) => `${p.file} 的问题没有一个对应到评分项目，未导入（请检查导出文件，或用对应关系文件指定）`,
    'en-US': (p) => `No question of ${p.file} maps to a satisfaction item; nothing imported (check the export, or give a mapping)`,
  },
  'import-no-answers': {
    'zh-CN': (p) => `${p.file} 中没有任何有效的满意度答案，未导入`,
    'en-US': (p) => `${p.file} holds no valid satisfaction answer; nothing imported`,
  },
  'no-dates': {
    'zh-CN': () => '调查数据中没有可识别的"调查日期"，无法按季度分析',
    'en-US': () => 'The responses have no readable 调查日期 (survey date); cannot analyse by quarter',
  },
  'sheet-missing': {
    'zh-CN': (p) => `工作簿中没有"${p.sheet}"工作表${p.hint ? `：${p.hint}` : ''}`,
    'en-US': (p) => `The workbook has no "${p.sheet}" sheet${p.hint ? `: ${p.hint}` : ''}`,
  },
  'template-no-items': {
    'zh-CN': () => '模板中没有评分项目',
    'en-US': () => 'The template has no items',
  },
  'template-no-levels': {
    'zh-CN': () => '模板中没有满意度等级',
    'en-US': () => 'The template has no satisfaction levels',
  },
  'template-item-name-empty': {
    'zh-CN': (p) => `${p.cell}：评分项目名称为空`,
    'en-US': (p) => `${p.cell}: item name is empty`,
  },
  'template-duplicate-item': {
    'zh-CN': (p) => `${p.cell}：评分项目"${p.item}"重复`,
    'en-US': (p) => `${p.cell}: item "${p.item}" appears twice`,
  },
  'template-weight-invalid': {
    'zh-CN': (p) => `${p.cell}：评分项目"${p.item}"的权重 '${p.value}' 无效（应为正数）`,
    'en-US': (p) => `${p.cell}: weight '${p.value}' of item "${p.item}" is invalid (expected a positive number)`,
  },
  'template-weight-sum': {
    'zh-CN': (p) => `${p.cell}：权重合计为 ${p.sum}，应为 100`,
    'en-US': (p) => `${p.cell}: weights add up to ${p.sum}, not 100`,
  },
  'template-level-label-empty': {
    'zh-CN': (p) => `${p.cell}：满意度等级名称为空`,
    'en-US': (p) => `${p.cell}: level label is empty`,
  },
  'template-duplicate-level': {
    'zh-CN': (p) => `${p.cell}：满意度等级"${p.label}"重复`,
    'en-US': (p) => `${p.cell}: level "${p.label}" appears twice`,
  },
  'template-level-reserved': {
    'zh-CN': (p) => `${p.cell}：满意度等级"${p.label}"与缺失标记（空、不适用、N/A、-）冲突`,
    'en-US': (p) => `${p.cell}: level "${p.label}" clashes with a missing-answer marker (blank, 不适用, N/A, -)`,
  },
  'template-score-invalid': {
    'zh-CN': (p) => `${p.cell}：评分项目"${p.item}"在等级"${p.label}"下的分值 '${p.value}' 不是数字`,
    'en-US': (p) => `${p.cell}: score '${p.value}' of item "${p.item}" at level "${p.label}" is not a number`,
  },
  'template-no-category-row': {
    'zh-CN': (p) => `模板区域不符合表4-1 版式：第一列（${p.at} 起）找不到"项目"行`,
    'en-US': (p) => `The template range is not in the layout of Table 4-1: no "项目" (category) row in the first column from ${p.at}`,
  },
  'template-no-item-row': {
    'zh-CN': (p) => `模板区域不符合表4-1 版式：${p.at} 下方缺少评分项目行`,
    'en-US': (p) => `The template range is not in the layout of Table 4-1: the row of items below ${p.at} is missing`,
  },
  'template-no-weight-row': {
    'zh-CN': (p) => `模板区域不符合表4-1 版式：第一列（${p.at} 以下）找不到"权重"行`,
    'en-US': (p) => `The template range is not in the layout of Table 4-1: no "权重" (weight) row in the first column below ${p.at}`,
  },
  'template-differs': {
    'zh-CN': (p) => `工作簿已有评分模板"${p.sheet}"且与所选模板不同；为免覆盖您的修改，请选择"使用工作簿中的评分模板"，或先将该工作表改名或删除`,
    'en-US': (p) => `The workbook already has a template "${p.sheet}" that differs from the one chosen; to keep your edits, choose "the workbook's 评分模板", or rename or delete that sheet first`,
  },
  'template-not-in-workbook': {
    'zh-CN': () => '工作簿中没有评分模板工作表；请先用内置表4-1 生成调查表',
    'en-US': () => 'The workbook has no 评分模板 sheet; generate the survey sheets with the built-in Table 4-1 first',
  },
  'template-json-shape': {
    'zh-CN': (p) => `${p.file} 不是评分模板：应包含 items 与 levels 数组`,
    'en-US': (p) => `${p.file} is not a template: it should hold items and levels arrays`,
  },
  // A JSON file (template, mapping) checked field by field (schema.ts); `cell` is the field's path, e.g. levels[0].label.
  'schema-root-type': {
    'zh-CN': (p) => `文件内容应为${p.expected}，而不是${p.actual}`,
    'en-US': (p) => `The content should be ${p.expectedEn}, not ${p.actualEn}`,
  },
  'schema-type': {
    'zh-CN': (p) => `${p.cell}：应为${p.expected}，而不是${p.actual}`,
    'en-US': (p) => `${p.cell}: expected ${p.expectedEn}, not ${p.actualEn}`,
  },
  'schema-missing': {
    'zh-CN': (p) => `${p.cell}：缺少此字段（应为${p.expected}）`,
    'en-US': (p) => `${p.cell}: missing (expected ${p.expectedEn})`,
  },
  'schema-unknown-field': {
    'zh-CN': (p) => `${p.cell}：未知的字段（此处可用：${p.known}）`,
    'en-US': (p) => `${p.cell}: unknown field (allowed here: ${p.known})`,
  },
  'schema-scores-too-many': {
    'zh-CN': (p) => `${p.cell}：有 ${p.n} 个分值，但模板只有 ${p.levels} 个满意度等级`,
    'en-US': (p) => `${p.cell}: ${p.n} scores, but the template has ${p.levels} levels`,
  },
  'mapping-too-many': {
    'zh-CN': (p) => `对应关系有 ${p.n} 项，超过上限 ${p.max} 项（导出文件每个问题一列，Excel 工作表最多 16,384 列）`,
    'en-US': (p) => `The mapping has ${p.n} entries, over the limit of ${p.max} (one per question column of an export; a sheet has at most 16,384 columns)`,
  },
  'template-too-many-items': {
    'zh-CN': (p) => `${p.cell}：评分项目有 ${p.n} 个，超过上限 ${p.max} 个（调查数据每个项目占一列，另有 ${p.fixed} 列客户信息、意见与建议、来源编号和实时汇总，Excel 工作表最多 16,384 列）`,
    'en-US': (p) => `${p.cell}: ${p.n} items, over the limit of ${p.max} (调查数据 gives each item a column beside ${p.fixed} columns of customer fields, comments, source and live summary; a sheet has at most 16,384 columns)`,
  },
  'template-too-many-levels': {
    'zh-CN': (p) => `${p.cell}：满意度等级有 ${p.n} 个，超过上限 ${p.max} 个（调查数据的下拉列表是各等级和"不适用"以逗号连接，Excel 限 255 个字符）`,
    'en-US': (p) => `${p.cell}: ${p.n} levels, over the limit of ${p.max} (调查数据's drop-down list is the levels and 不适用 joined by commas, which Excel limits to 255 characters)`,
  },
  'template-levels-too-long': {
    'zh-CN': (p) => `${p.cell}：满意度等级和"不适用"以逗号连接共 ${p.length} 个字符，超过 Excel 下拉列表来源的上限 ${p.max} 个字符；请缩短等级名称`,
    'en-US': (p) => `${p.cell}: the levels and 不适用 joined by commas make ${p.length} characters, over Excel's limit of ${p.max} for a drop-down list source; shorten the level labels`,
  },
  'template-level-label-char': {
    'zh-CN': (p) => `${p.cell}：满意度等级"${p.label}"${p.reason}`,
    'en-US': (p) => `${p.cell}: level "${p.label}" ${p.reasonEn}`,
  },
  'template-item-name-too-long': {
    'zh-CN': (p) => `${p.cell}：评分项目名称有 ${p.length} 个字符，超过上限 ${p.max} 个（它是调查数据表的列名，Excel 表格列名最多 255 个字符）`,
    'en-US': (p) => `${p.cell}: the item name has ${p.length} characters, over the limit of ${p.max} (it names a column of the 调查数据 table, and Excel limits table column names to 255 characters)`,
  },
  'template-item-reserved': {
    'zh-CN': (p) => `${p.cell}：评分项目"${p.item}"与调查数据的固定列同名（${p.columns}），表格不能有两列同名`,
    'en-US': (p) => `${p.cell}: item "${p.item}" has the name of a fixed column of 调查数据 (${p.columns}); a table cannot have two columns of one name`,
  },
  'template-text-too-long': {
    'zh-CN': (p) => `${p.cell}：文字有 ${p.length} 个字符，超过 Excel 单元格上限 32,767 个字符`,
    'en-US': (p) => `${p.cell}: the text has ${p.length} characters, over Excel's cell limit of 32,767`,
  },
  'rollup-template-differs': {
    'zh-CN': (p) => `"${p.project}"的评分模板与"${p.first}"不同，不能合并计算全公司满意度`,
    'en-US': (p) => `The template of "${p.project}" differs from that of "${p.first}"; the company score cannot pool them`,
  },
  'bad-argument': {
    'zh-CN': (p) => `参数"${p.name}"的值 '${p.value}' 无效（应为如 ${p.example}）`,
    'en-US': (p) => `Argument "${p.nameEn}" has the invalid value '${p.value}' (expected e.g. ${p.exampleEn})`,
  },
  'correlation-undefined': {
    'zh-CN': (p) => `评分项目"${p.item}"的相关系数无法计算（${p.n} 对答案${Number(p.n) < 2 ? '，至少需要 2 对' : '，答案或总分没有变化'}）`,
    'en-US': (p) => `The correlation of item "${p.item}" cannot be computed (${p.n} pairs${Number(p.n) < 2 ? '; at least 2 are needed' : '; the answers or composites do not vary'})`,
  },
  'too-few-for-interval': {
    'zh-CN': () => '有效样本少于 2 份，无法计算置信区间',
    'en-US': () => 'Fewer than 2 respondents: no confidence interval',
  },
  'too-few-for-sample-size': {
    'zh-CN': () => '有效样本少于 2 份，无法估计所需样本量',
    'en-US': () => 'Fewer than 2 respondents: cannot estimate the sample size',
  },
  'comm-sheet-missing': {
    'zh-CN': (p) => `工作簿中没有"${p.sheet}"工作表：请先"生成沟通计划表"`,
    'en-US': (p) => `The workbook has no "${p.sheet}" sheet: create the communication sheets first`,
  },
  'workbook-structure-locked': {
    'zh-CN': () => '工作簿的结构已被保护（不能添加、删除或重命名工作表），加载项无法添加它的工作表：请先在 Excel 中取消保护（审阅 → 保护工作簿；设有密码时需输入密码），再运行此操作；工作簿未被改动',
    'en-US': () => "The workbook's structure is protected (sheets cannot be added, deleted or renamed), so the add-in cannot add its sheets: unprotect it in Excel first (Review → Protect Workbook, with its password if it has one), then run this again; the workbook was not changed",
  },
  'sheet-password-protected': {
    'zh-CN': (p) => `工作表"${p.sheet}"已用密码保护（例如归档时设置了密码），加载项无法修改它：请先在 Excel 中取消保护（审阅 → 撤消工作表保护），再运行此操作；工作簿未被改动`,
    'en-US': (p) => `Sheet "${p.sheet}" is protected with a password (e.g. set when it was archived), so the add-in cannot change it: unprotect it in Excel first (Review → Unprotect Sheet), then run this again; the workbook was not changed`,
  },
} satisfies Record<string, Record<Locale, Phrase>>;

export type ProblemCode = keyof typeof PROBLEMS;

/** One thing wrong, with where it is when that is known. */
export interface Problem {
  code: ProblemCode;
  params: Params;
  /** The worksheet cell to fix, e.g. `调查数据!H12`, when known. */
  cell?: string;
}

export function problem(code: ProblemCode, params: Params = {}, cell?: string): Problem {
  return cell === undefined ? { code, params } : { code, params: { ...params, cell }, cell };
}

export function formatProblem(p: Problem, locale: Locale = 'zh-CN'): string {
  return PROBLEMS[p.code][locale](p.params);
}

/**
 * Thrown when the engine cannot produce a value. `kind` tells a face which spreadsheet error fits:
 * `value` (#VALUE!: the input is wrong) or `not-available` (#N/A: nothing to compute from).
 */
export class CsatError extends Error {
  readonly problems: readonly Problem[];
  readonly kind: 'value' | 'not-available';

  constructor(problems: Problem | readonly Problem[], kind: 'value' | 'not-available' = 'value') {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map((p) => formatProblem(p)).join('\n'));
    this.name = 'CsatError';
    this.problems = list;
    this.kind = kind;
  }

  format(locale: Locale = 'zh-CN'): string {
    return this.problems.map((p) => formatProblem(p, locale)).join('\n');
  }
}

/** Words in both languages from a catalogue entry: what a job note, a refusal or a finding says. */
export interface Message {
  /** The catalogue entry (stable: tests and logs may match it). */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** A catalogue entry: one phrase per language over the same typed parameters. */
export interface PhrasePair<P> {
  readonly 'zh-CN': (p: P) => string;
  readonly 'en-US': (p: P) => string;
}

/** A catalogue entry, zh-CN first: `phrase((p: { n: number }) => `…${p.n}…`, (p) => `…${p.n}…`)`. */
export function phrase<P = undefined>(zh: (p: P) => string, en: (p: P) => string): PhrasePair<P> {
  return { 'zh-CN': zh, 'en-US': en };
}

type ParamsOf<E> = E extends PhrasePair<infer P> ? P : never;

/**
 * Makes a catalogue of messages for one part of the product (job notes, CLI refusals, …) from
 * `phrase` entries, so every entry gives both languages; `say(code, params)` words a message in both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry names its own parameter type
export function catalogue<C extends Record<string, PhrasePair<any>>>(entries: C) {
  return <K extends keyof C & string>(code: K, ...params: undefined extends ParamsOf<C[K]> ? [ParamsOf<C[K]>?] : [ParamsOf<C[K]>]): Message => ({
    code,
    zh: entries[code]['zh-CN'](params[0]),
    en: entries[code]['en-US'](params[0]),
  });
}

/** A message in one language. */
export function messageText(m: Pick<Message, 'zh' | 'en'>, locale: Locale): string {
  return locale === 'en-US' ? m.en : m.zh;
}

/** A refusal worded by a catalogue message (CLI refusals, import refusals): any face words it in its language. */
export class LocalizedError extends Error implements Message {
  readonly code: string;
  readonly zh: string;
  readonly en: string;

  constructor(message: Message) {
    super(message.zh);
    this.name = 'LocalizedError';
    this.code = message.code;
    this.zh = message.zh;
    this.en = message.en;
  }
}

/**
 * Any error as one line in `locale`: the engine's problems from their catalogue, every error that
 * carries both languages (catalogue refusals, the package reader's errors) in that language, and
 * anything else — a bug — by its own message.
 */
export function describeError(e: unknown, locale: Locale): string {
  if (e instanceof CsatError) return e.format(locale);
  if (e && typeof e === 'object' && typeof (e as Message).zh === 'string' && typeof (e as Message).en === 'string') return messageText(e as Message, locale);
  return e instanceof Error ? e.message : String(e);
}
