/** `--template FILE`: a JSON template, or a workbook whose 评分模板 sheet holds one. */
import path from 'node:path';
import { CsatError, problem, templateFromGrid, validateTemplate, type Template, type TemplateSpec } from '../domain';
import { SURVEY_SHEETS } from '../plan';
import { CliError } from './errors';
import { inFile, openXlsx, readBytes } from './io';
import { say } from './messages';

export async function loadTemplateFile(file: string): Promise<Template> {
  if (path.extname(file).toLowerCase() === '.json') {
    const text = (await readBytes(file)).toString('utf8');
    let spec: TemplateSpec;
    try {
      spec = JSON.parse(text) as TemplateSpec;
    } catch (e) {
      throw new CliError(say('template-json-invalid', { file, detail: (e as Error).message }));
    }
    if (!spec || !Array.isArray(spec.items) || !Array.isArray(spec.levels)) {
      throw new CsatError(problem('template-json-shape', { file }));
    }
    return validateTemplate({ ...spec, name: spec.name ?? path.basename(file, '.json') });
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
