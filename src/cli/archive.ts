/** `csat archive`: an archive-ready copy (properties, 归档清单, protected tabs, CSAT formulas frozen). */
import { prepareArchive } from '../jobs/archive';
import { inFile, openXlsx, printNotes, saveAs, writeNewFile, type Output } from './io';

export interface ArchiveArgs {
  file: string;
  out: string;
  password?: string;
  department?: string;
  force: boolean;
}

export async function archiveCommand(args: ArchiveArgs, io: Output): Promise<void> {
  const gateway = await openXlsx(args.file);
  const r = await inFile(args.file, () => prepareArchive(gateway, { password: args.password, department: args.department }));
  await writeNewFile(args.out, await saveAs(gateway, args.out, args.file), { force: args.force, inputs: [args.file] });
  printNotes(io, r.notes, args.out);
}
