/**
 * `--template FILE`: a JSON template, or a workbook whose 评分模板 sheet holds one; and `--mapping FILE`'s
 * content (`checkedMapping`, for import.ts). A JSON file is read by the domain's typed parser
 * (schema.ts): a field of the wrong type, a misspelt field, or more items than a sheet can hold is
 * refused in one line naming the file and the field's path
 * (`t.json：levels[0]：应为对象 {"label": 名称, "score": 分值}，而不是 null`); what a template's values mean
 * is then validated as for any template, every fault listed with its path.
 */
import path from 'node:path';
import { CsatError, parseSavedMapping, parseTemplateJson, templateFromGrid, validateTemplate, type Target, type Template, type TemplateSpec } from '../domain';
import { SURVEY_SHEETS } from '../plan';
import { CliError } from './errors';
import { inFile, openXlsx, readBytes } from './io';
import { say } from './messages';

/** A JSON file's typed-parse refusal (a CsatError) as one line naming the file; anything else as it is. */
export function inJsonFile(file: string, e: unknown): unknown {
  return e instanceof CsatError ? new CliError(say('in-file', { file, sep: true, why: { zh: e.format('zh-CN'), en: e.format('en-US') } })) : e;
}

/**
 * Where JSON.parse stopped, as line and column (1-based) of `text`, from the position its message
 * gives ("… at position 12"; the end of the text for "Unexpected end of JSON input").
 */
export function jsonErrorPlace(e: unknown, text: string): { line: number; column: number } | undefined {
  const message = e instanceof Error ? e.message : '';
  const m = /position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : /end of JSON input/i.test(message) ? text.length : undefined;
  if (at === undefined || at > text.length) return undefined;
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** `--mapping FILE`'s parsed content, checked by the domain's typed parser (one line naming the file and the field). */
export function checkedMapping(value: unknown, file: string): Record<string, Target> {
  try {
    return parseSavedMapping(value);
  } catch (e) {
    throw inJsonFile(file, e);
  }
}

export async function loadTemplateFile(file: string): Promise<Template> {
  if (path.extname(file).toLowerCase() === '.json') {
    // A BOM (Notepad writes one) is not JSON, but is no reason to refuse the file.
    const text = (await readBytes(file)).toString('utf8').replace(/^\uFEFF/, '');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new CliError(say('template-json-syntax', { file, place: jsonErrorPlace(e, text) }));
    }
    let spec: TemplateSpec;
    try {
      spec = parseTemplateJson(value);
    } catch (e) {
      throw inJsonFile(file, e);
    }
    return validateTemplate({ ...spec, name: spec.name ?? path.basename(file, path.extname(file)) });
  }
  const gateway = await openXlsx(file);
  const sheets = await gateway.listSheets();
  const sheet = sheets.find((s) => s.owner === 'template') ?? sheets.find((s) => s.name === SURVEY_SHEETS.template.name);
  if (!sheet) {
    throw new CliError(say('template-sheet-missing', { file }));
  }
  const grid = await inFile(file, () => gateway.readSheet(sheet.name));
  return templateFromGrid(grid, { sheet: sheet.name, row: 1, col: 1 }, sheet.name);
}
