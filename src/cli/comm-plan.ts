/** `csat comm-plan`: the communication plan and record sheets, new or added to a copy of a workbook. */
import { XlsxGateway } from '../host/xlsx/gateway';
import { generateCommSheets } from '../jobs/communication';
import { inFile, openXlsx, printNotes, saveAs, writeNewFile, type Output } from './io';

export interface CommPlanArgs {
  out: string;
  into?: string;
  force: boolean;
}

export async function commPlanCommand(args: CommPlanArgs, io: Output): Promise<void> {
  const gateway = args.into ? await openXlsx(args.into) : XlsxGateway.empty();
  const r = await inFile(args.into ?? args.out, () => generateCommSheets(gateway));
  await writeNewFile(args.out, await saveAs(gateway, args.out, args.into), { force: args.force, inputs: args.into ? [args.into] : [] });
  printNotes(io, r.notes, args.out);
}
