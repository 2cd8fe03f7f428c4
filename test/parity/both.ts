/**
 * Runs the same jobs, in order, on both hosts from the same inputs — through the stateful Office.js
 * fake (OfficeGateway, each job one session, as one click is one Excel.run) and through the package
 * editor (XlsxGateway, saved and reopened so the file is validated) — and normalises both workbooks.
 */
import { OfficeGateway } from '../../src/host/office/gateway';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import type { ExcelGateway } from '../../src/plan';
import { ExcelFake } from '../helpers/office-excel';
import { normalFromFake, normalFromXlsx, type NormalWorkbook } from '../helpers/office-normal';
import { reopen } from '../helpers/xlsx';

export const NOW = new Date(2026, 11, 20, 9, 30);

export type Job = (gw: ExcelGateway) => Promise<unknown>;

export interface Both {
  fake: ExcelFake;
  /** What each job returned in Excel, in order. */
  results: unknown[];
  gateway: XlsxGateway;
  excel: NormalWorkbook;
  file: NormalWorkbook;
}

export async function both(...jobs: Job[]): Promise<Both> {
  const fake = new ExcelFake();
  const office = new OfficeGateway(fake.run);
  const results: unknown[] = [];
  for (const job of jobs) results.push(await office.session(job));
  const file = XlsxGateway.empty(NOW);
  for (const job of jobs) await job(file);
  const saved = await reopen(file, 'parity');
  return { fake, results, gateway: saved, excel: normalFromFake(fake.state), file: await normalFromXlsx(saved) };
}
