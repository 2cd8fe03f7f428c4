/** `csat survey`: a new survey workbook (评分模板, 调查数据, 调查表, 调查方案) from a template. */
import { XlsxGateway } from '../host/xlsx/gateway';
import { generateSurveyWorkbook } from '../jobs/survey';
import { messageText } from '../domain';
import { printNotes, writeNewFile, type Output } from './io';
import { say } from './messages';
import { loadTemplateFile } from './template-file';

export interface SurveyArgs {
  template?: string;
  out: string;
  year: number;
  force: boolean;
}

export async function surveyCommand(args: SurveyArgs, io: Output): Promise<void> {
  const template = args.template ? await loadTemplateFile(args.template) : 'builtin';
  const gateway = XlsxGateway.empty();
  const result = await generateSurveyWorkbook(gateway, { template, year: args.year });
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: args.template ? [args.template] : [] });
  printNotes({ ...io, warn: io.out }, result.notes);
  io.out(messageText(say('survey-written', { file: args.out, template: result.template.name }), io.locale));
}
