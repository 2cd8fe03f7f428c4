/**
 * `csat import`: an online questionnaire export appended to a workbook's 调查数据, written as a new
 * file. The question → item mapping is printed before anything is written; a mapping can be saved
 * and reused.
 */
import path from 'node:path';
import { formatName, messageText, type ExportFormat, type Message, type Target } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { readExport } from '../host/xlsx/import-read';
import { importExport } from '../jobs/import';
import { CliError } from './errors';
import { checkNewFile, inFile, openXlsx, printNotes, readBytes, saveAs, writeNewFile, type Output } from './io';
import { say } from './messages';
import { checkedMapping } from './template-file';

export interface ImportArgs {
  file: string;
  format: ExportFormat | 'auto';
  into?: string;
  mapping?: string;
  saveMapping?: string;
  dryRun: boolean;
  out?: string;
  force: boolean;
}

export async function importCommand(args: ImportArgs, io: Output): Promise<void> {
  const text = (m: Message) => messageText(m, io.locale);
  const bytes = await readBytes(args.file);
  // An export refused (too large, .xls, mixed encodings…) says so in the CLI's language, as any error does.
  const { grid } = await readExport(new Uint8Array(bytes), path.basename(args.file));
  let mapping: Record<string, Target> | undefined;
  if (args.mapping) {
    try {
      mapping = JSON.parse((await readBytes(args.mapping)).toString('utf8')) as Record<string, Target>;
    } catch (e) {
      if (e instanceof CliError) throw e; // not a regular file, too large, missing: already one line naming it
      throw new CliError(say('mapping-unreadable', { file: args.mapping, detail: (e as Error).message }));
    }
    // Checked field by field before it is used: `null`, `[]` or `{"q": 5}` is one line naming the file and the field.
    mapping = checkedMapping(mapping, args.mapping);
  }
  if (!args.dryRun && !args.out) throw new CliError(say('import-out-required'));
  // Every file this command reads is an input: never written, even with --force.
  const inputs = [args.file, ...(args.into ? [args.into] : []), ...(args.mapping ? [args.mapping] : [])];
  if (args.saveMapping) {
    if (!args.dryRun && path.resolve(args.saveMapping) === path.resolve(args.out!)) {
      throw new CliError(say('mapping-same-as-out', { file: args.out! }));
    }
    await checkNewFile(args.saveMapping, { force: args.force, inputs, option: '--save-mapping' });
  }
  if (!args.dryRun) await checkNewFile(args.out!, { force: args.force, inputs });
  const gateway = args.into ? await openXlsx(args.into) : XlsxGateway.empty();
  // First the mapping, before anything is written.
  const preview = await inFile(args.into ?? args.file, () => importExport(gateway, { grid, format: args.format, mapping, preview: true }));
  io.out(text(say('import-mapping-head', { format: formatName(preview.format), rows: grid.length - 1 })));
  for (const [q, t] of Object.entries(preview.mapping)) io.out(`  ${q} → ${t ?? text(say('import-not-mapped'))}`);
  if (args.saveMapping) {
    await writeNewFile(args.saveMapping, new TextEncoder().encode(`${JSON.stringify(preview.mapping, null, 2)}\n`), { force: args.force, inputs, option: '--save-mapping' });
    io.out(text(say('mapping-saved', { file: args.saveMapping })));
  }
  if (args.dryRun) return;
  const result = await inFile(args.into ?? args.file, () => importExport(gateway, { grid, format: args.format, mapping, fileName: path.basename(args.file) }));
  await writeNewFile(args.out!, await saveAs(gateway, args.out!, args.into), { force: args.force, inputs });
  printNotes(io, result.notes, args.out);
}
