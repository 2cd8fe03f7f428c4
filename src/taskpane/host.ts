/**
 * Where the pane's workbook lives: inside Excel (Office.js) or, in standalone mode, in an .xlsx the
 * user opened in the browser (the package editor, loaded lazily so the pane inside Excel stays small).
 */
import type { ExcelGateway } from '../plan';
// The one table of limits; a few constants with no imports, so the pane's first chunk stays small.
import { MAX_STANDALONE_BYTES } from '../host/xlsx/limits';

export interface WorkbookHost {
  readonly mode: 'excel' | 'standalone';
  /**
   * The workbook to act on; undefined in standalone mode until a file is opened. Run each user
   * action through `runAction(gateway, job)`: inside Excel that is one Excel.run, undone on failure.
   */
  readonly gateway?: ExcelGateway;
  /** Selects a cell such as `调查数据!H12` (Excel only). */
  select?(cell: string): Promise<void>;
}

/** A gateway that can run a whole user action as one unit of work (Excel: one Excel.run, undone on failure). */
export interface SessionGateway extends ExcelGateway {
  session<T>(job: (gateway: ExcelGateway) => Promise<T>): Promise<T>;
}

export function hasSession(gateway: ExcelGateway): gateway is SessionGateway {
  return typeof (gateway as Partial<SessionGateway>).session === 'function';
}

/**
 * One user action (a button): inside Excel one Excel.run for all its reads and writes, and when it
 * fails or is cancelled its writes are taken back; in standalone mode the job runs on the in-memory
 * workbook directly (nothing reaches the user's file until they download it).
 */
export function runAction<T>(gateway: ExcelGateway, job: (gateway: ExcelGateway) => Promise<T>): Promise<T> {
  return hasSession(gateway) ? gateway.session(job) : job(gateway);
}

/** A standalone workbook: the gateway plus what it takes to hand the result back as a download. */
export interface StandaloneWorkbook {
  readonly gateway: ExcelGateway & { save(): Promise<Uint8Array>; kind(): Promise<'xlsx' | 'xlsm' | 'xltx' | 'xltm'> };
  readonly fileName: string;
  readonly sheetCount: number;
}

/** Files larger than this are refused before they are read (a browser tab has little memory to spare). */
export const STANDALONE_MAX_MB = MAX_STANDALONE_BYTES / 1024 / 1024;

export class FileRefused extends Error {
  constructor(readonly reason: 'not-xlsx' | 'too-large', readonly fileName: string, readonly mb: number) {
    super(reason);
  }
}

/** Opens an uploaded file: checks name and size first, then loads the package editor (its own chunk) and the workbook. */
export async function openStandalone(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<StandaloneWorkbook> {
  const mb = file.size / 1024 / 1024;
  if (!/\.xlsx$/i.test(file.name)) throw new FileRefused('not-xlsx', file.name, mb);
  if (mb > STANDALONE_MAX_MB) throw new FileRefused('too-large', file.name, mb);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { XlsxGateway } = await import(/* webpackChunkName: "xlsx" */ '../host/xlsx/gateway');
  const gateway = await XlsxGateway.open(bytes);
  return { gateway, fileName: file.name, sheetCount: (await gateway.sheetNames()).length };
}

/** An error's text in the pane's language: the file problems carry both (zh-CN and en-US). */
export function localizedError(e: unknown, locale: string): string {
  if (e && typeof e === 'object' && 'zh' in e && 'en' in e) return String((e as { zh: string; en: string })[locale === 'en-US' ? 'en' : 'zh']);
  return e instanceof Error ? e.message : String(e);
}

/**
 * The name of the downloaded result: the original's name with -CSAT, never the original itself, and
 * the extension of what the package is (a macro-enabled workbook stays .xlsm, or Excel refuses it).
 */
export function resultName(fileName: string, kind: 'xlsx' | 'xlsm' | 'xltx' | 'xltm' = 'xlsx'): string {
  return `${fileName.replace(/\.xl[st][xm]$/i, '')}-CSAT.${kind}`;
}
