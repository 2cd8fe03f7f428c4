/** `csat actions`: a report's findings tracked as corrective actions, in a new workbook. */
import { generateActions } from '../jobs/actions';
import { inFile, openXlsx, printNotes, saveAs, writeNewFile, type Output } from './io';

export interface ActionsArgs {
  file: string;
  out: string;
  period?: string;
  force: boolean;
}

export async function actionsCommand(args: ActionsArgs, io: Output): Promise<void> {
  const gateway = await openXlsx(args.file);
  const r = await inFile(args.file, () => generateActions(gateway, { period: args.period }));
  await writeNewFile(args.out, await saveAs(gateway, args.out, args.file), { force: args.force, inputs: [args.file] });
  printNotes(io, r.notes, args.out);
}
