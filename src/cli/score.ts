/** `csat score`: the Table 4-1 score of a workbook's responses, as a table or one JSON object. */
import {
  CsatError,
  formatPercent,
  locateData,
  requireOverall,
  scoreResponses,
  TABLE_4_1,
  templateFromGrid,
  messageText,
  type Locale,
  type Message,
  type Policy,
  type ScoreResult,
  type Grid,
  type Template,
} from '../domain';
import { CliError } from './errors';
import { mergedOverAnswers, requireCalculated, responsesGrid } from '../jobs/survey-data';
import { inFile, openXlsx, type Output } from './io';
import { say } from './messages';

export interface ScoreArgs {
  file: string;
  sheet?: string;
  policy: Policy;
  json: boolean;
}

export async function scoreCommand(args: ScoreArgs, io: Output): Promise<void> {
  const text = (m: Message) => messageText(m, io.locale);
  const gateway = await openXlsx(args.file);
  await inFile(args.file, async () => {
    const sheets = await gateway.listSheets();
    // A workbook that carries its own 评分模板 is scored by it (it explains its numbers itself).
    const templateSheet = sheets.find((s) => s.owner === 'template');
    const template = templateSheet ? templateFromGrid(await gateway.readSheet(templateSheet.name), { sheet: templateSheet.name, row: 1, col: 1 }, templateSheet.name) : TABLE_4_1;
    let name: string | undefined;
    if (args.sheet !== undefined) {
      if (!sheets.some((s) => s.name === args.sheet)) {
        throw new CliError(say('no-such-sheet', { sheet: args.sheet, sheets: sheets.map((s) => s.name) }));
      }
      const owner = sheets.find((s) => s.name === args.sheet)?.owner;
      if (owner !== undefined && owner !== 'responses') {
        throw new CliError(say('sheet-not-responses', { sheet: args.sheet, owner }));
      }
      name = args.sheet;
    } else {
      // The responses sheet the add-in wrote (found by its mark, even renamed), else the first with a
      // header — found from each sheet's first rows only.
      name = sheets.find((s) => s.owner === 'responses')?.name;
      for (const s of name === undefined ? sheets : []) {
        if (await hasHeader(gateway, s.name, template)) {
          name = s.name;
          break;
        }
      }
      if (name === undefined) {
        throw new CliError(say('no-responses-sheet', { file: args.file }));
      }
    }
    const grid = await responsesGrid(gateway, name, await gateway.readSheet(name), template);
    const origin = { sheet: name, row: 1, col: 1 };
    const layout = locateData(grid, template, origin);
    requireCalculated(gateway, name, layout);
    const result = scoreResponses(grid, template, { policy: args.policy, origin, layout, zeroMeansBlank: false });
    requireOverall(result);
    if (args.json) io.out(JSON.stringify(toJson(result, template)));
    else printTable(result, template, name, io.locale, io.out);
    const merged = mergedOverAnswers(gateway, name, layout);
    if (merged.length > 0) io.warn(text(say('score-merged', { ranges: merged.slice(0, 5) })));
    if (result.invalidCount > 0 && !args.json) io.warn(text(say('score-invalid', { n: result.invalidCount })));
  });
}

async function hasHeader(gateway: { readRange(sheet: string, a: string): Promise<Grid> }, sheet: string, template: Template): Promise<boolean> {
  try {
    return locateData(await gateway.readRange(sheet, 'A1:ZZ20'), template, { sheet, row: 1, col: 1 }).headerRow >= 0;
  } catch (e) {
    // A sheet with two columns for one item still names the template: let its problem surface.
    if (!(e instanceof CsatError) || e.problems[0]?.code === 'duplicate-column') throw e;
    return false;
  }
}

/** The documented JSON shape of `csat score --json`. */
export function toJson(result: ScoreResult, template: Template) {
  const byName = <T>(pairs: [string, T][]) => Object.fromEntries(pairs);
  return {
    respondents: result.respondents,
    policy: result.policy,
    overall: result.overall,
    categories: byName(result.categories.map((c) => [c.name, c.satisfaction])),
    items: byName(result.items.map((it) => [it.name, it.satisfaction])),
    counts: byName(result.items.map((it) => [it.name, byName(template.levels.map((lv, li) => [lv.label, it.counts[li]]))])),
    invalid: result.invalid.map((x) => ({ row: x.row, item: x.item, value: x.value })),
  };
}

const pct = formatPercent;

function printTable(result: ScoreResult, template: Template, sheet: string, locale: Locale, out: (line: string) => void): void {
  const en = locale === 'en-US';
  const overall = result.overall ?? 0;
  const met = overall >= template.target - 1e-12;
  out(en ? `Sheet: ${sheet}    policy: ${result.policy}    respondents: ${result.respondents}` : `工作表：${sheet}    口径：${result.policy}    样本数：${result.respondents}`);
  out(
    en
      ? `Overall satisfaction: ${pct(overall)}  (target ${pct(template.target)}: ${met ? 'met' : 'NOT met'})`
      : `总体满意度：${pct(overall)}（目标 ≥ ${pct(template.target)}：${met ? '达标' : '未达标'}）`,
  );
  if (result.droppedItems.length > 0) {
    out(en ? `No answers for: ${result.droppedItems.join(', ')} (weights renormalised)` : `无人作答的项目：${result.droppedItems.join('、')}（其余权重已按比例折算）`);
  }
  out('');
  for (const c of result.categories) out(`  ${c.name.padEnd(10, '　')} ${pct(c.satisfaction).padStart(8)}`);
  out('');
  const head = [en ? 'Item' : '项目', en ? 'Weight' : '权重', en ? 'Sat.' : '满意度', ...template.levels.map((l) => l.label), en ? 'Blank' : '空', 'N/A'];
  out(`  ${head.join('\t')}`);
  for (const it of result.items) {
    out(`  ${[it.name, `${it.weight}%`, pct(it.satisfaction), ...it.counts.map(String), String(it.blank), String(it.notApplicable)].join('\t')}`);
  }
  if (result.invalid.length > 0) {
    out('');
    out(en ? 'Invalid answers (not scored):' : '无效答案（未计入）：');
    for (const x of result.invalid.slice(0, 50)) out(`  ${x.cell}  ${x.item}  '${x.value}'`);
    if (result.invalidCount > 50) out(en ? `  … and ${result.invalidCount - 50} more` : `  …… 另有 ${result.invalidCount - 50} 个`);
  }
}
