/** File access for the CLI handlers: read an .xlsx into sheet grids, with errors a user can act on. */
import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { loadWorkbook, workbookGrids, type SheetGrid } from '../host/xlsx/read';
import { CliError } from './errors';

export async function openWorkbook(path: string): Promise<{ workbook: ExcelJS.Workbook; sheets: SheetGrid[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message;
    const whyEn = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new CliError(`无法读取 ${path}：${why}`, `Cannot read ${path}: ${whyEn}`);
  }
  try {
    const workbook = await loadWorkbook(bytes);
    return { workbook, sheets: workbookGrids(workbook) };
  } catch (e) {
    throw new CliError(
      `无法打开 ${path}：不是有效的 .xlsx 工作簿（${(e as Error).message}）`,
      `Cannot open ${path}: not a valid .xlsx workbook (${(e as Error).message})`,
    );
  }
}
