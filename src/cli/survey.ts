/** `csat survey`: a new survey workbook (评分模板, 调查数据, 调查表, 调查方案) from a template. */
import { XlsxGateway } from '../host/xlsx/gateway';
import { generateSurveyWorkbook } from '../jobs/survey';
import { noteText } from '../jobs/notes';
import type { Locale } from '../domain';
import { writeNewFile } from './io';
import { loadTemplateFile } from './template-file';

export interface SurveyArgs {
  template?: string;
  out: string;
  year: number;
  force: boolean;
  locale: Locale;
}

export async function surveyCommand(args: SurveyArgs, out: (line: string) => void): Promise<void> {
  const template = args.template ? await loadTemplateFile(args.template) : 'builtin';
  const gateway = XlsxGateway.empty();
  const result = await generateSurveyWorkbook(gateway, { template, year: args.year });
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: args.template ? [args.template] : [] });
  for (const n of result.notes) out(noteText(n, args.locale));
  out(args.locale === 'en-US' ? `Wrote ${args.out} (template: ${result.template.name})` : `已写入 ${args.out}（模板：${result.template.name}）`);
}
