/**
 * `csat import`: an online questionnaire export appended to a workbook's 调查数据, written as a new
 * file. The question → item mapping is printed before anything is written; a mapping can be saved
 * and reused.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMAT_NAMES, type ExportFormat, type Locale, type Target } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { ImportRefused, readExport } from '../host/xlsx/import-read';
import { importExport } from '../jobs/import';
import { noteText } from '../jobs/notes';
import { CliError } from './errors';
import { checkNewFile, inFile, openGateway, readBytes, writeNewFile } from './io';

export interface ImportArgs {
  file: string;
  format: ExportFormat | 'auto';
  into?: string;
  mapping?: string;
  saveMapping?: string;
  dryRun: boolean;
  out?: string;
  force: boolean;
  locale: Locale;
}

export async function importCommand(args: ImportArgs, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  const en = args.locale === 'en-US';
  const bytes = await readBytes(args.file);
  let grid;
  try {
    grid = (await readExport(new Uint8Array(bytes), path.basename(args.file))).grid;
  } catch (e) {
    if (e instanceof ImportRefused) throw new CliError(e.zh, e.en);
    throw e;
  }
  let mapping: Record<string, Target> | undefined;
  if (args.mapping) {
    try {
      mapping = JSON.parse(await readFile(args.mapping, 'utf8')) as Record<string, Target>;
    } catch (e) {
      throw new CliError(`无法读取对应关系文件 ${args.mapping}：${(e as Error).message}`, `Cannot read the mapping ${args.mapping}: ${(e as Error).message}`);
    }
  }
  if (!args.dryRun && !args.out) throw new CliError('请用 --out 指定新工作簿（或用 --dry-run 只查看对应关系）', 'Give the new workbook with --out (or --dry-run to see the mapping only)');
  // Every file this command reads is an input: never written, even with --force.
  const inputs = [args.file, ...(args.into ? [args.into] : []), ...(args.mapping ? [args.mapping] : [])];
  if (args.saveMapping) {
    if (!args.dryRun && path.resolve(args.saveMapping) === path.resolve(args.out!)) {
      throw new CliError(`--save-mapping 与 --out 是同一个文件 ${args.out}；请另选对应关系文件`, `--save-mapping and --out are the same file ${args.out}; choose another file for the mapping`);
    }
    await checkNewFile(args.saveMapping, { force: args.force, inputs, option: '--save-mapping' });
  }
  if (!args.dryRun) await checkNewFile(args.out!, { force: args.force, inputs });
  const gateway = args.into ? await openGateway(args.into) : XlsxGateway.empty();
  // First the mapping, before anything is written.
  const preview = await inFile(args.into ?? args.file, () => importExport(gateway, { grid, format: args.format, mapping, preview: true }));
  out(en ? `Format: ${FORMAT_NAMES[preview.format]}; ${grid.length - 1} rows; mapping:` : `格式：${FORMAT_NAMES[preview.format]}；${grid.length - 1} 行；对应关系：`);
  for (const [q, t] of Object.entries(preview.mapping)) out(`  ${q} → ${t ?? (en ? '(not imported)' : '（不导入）')}`);
  if (args.saveMapping) {
    await writeNewFile(args.saveMapping, new TextEncoder().encode(`${JSON.stringify(preview.mapping, null, 2)}\n`), { force: args.force, inputs, option: '--save-mapping' });
    out(en ? `Mapping saved to ${args.saveMapping}` : `对应关系已保存到 ${args.saveMapping}`);
  }
  if (args.dryRun) return;
  const result = await inFile(args.into ?? args.file, () => importExport(gateway, { grid, format: args.format, mapping, fileName: path.basename(args.file) }));
  await writeNewFile(args.out!, await gateway.save(), { force: args.force, inputs });
  for (const n of result.notes) (n.level === 'warning' ? warn : out)(noteText(n, args.locale));
  out(en ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}
