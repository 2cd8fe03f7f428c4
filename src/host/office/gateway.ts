/**
 * The ExcelGateway inside Excel: Office.js. A user action is one `Excel.run`: `session(job)` opens
 * it, hands the job a gateway bound to that run's RequestContext (reads chunked, renders in the same
 * run), and when the job fails or is cancelled takes back every write it made (journal.ts). Called
 * outside a session, each gateway method is a session of its own (one run per call).
 */
import type { Grid } from '../../domain';
import type { ExcelGateway, ExistingSheet, RenderProgress, WorkbookPlan } from '../../plan';
import { ContextGateway, sheetOfReference } from './context-gateway';
import type { RenderStats } from './render';
import { REQUEST_BUDGET_BYTES } from './request-size';

export { sheetOfReference };

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export class OfficeGateway implements ExcelGateway {
  lastRender?: RenderStats;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly budget = REQUEST_BUDGET_BYTES,
  ) {}

  /**
   * Runs a whole user action in one Excel.run. On success its writes stay; on any failure (a sync
   * refused, a read that fails, a cancel between two renders) they are taken back before the
   * error is rethrown, so the workbook is as it was before the click (see journal.ts for the one
   * exception: a refreshed tab whose last request Excel rejected part-way).
   */
  session<T>(job: (gateway: ExcelGateway) => Promise<T>): Promise<T> {
    return this.run(async (context) => {
      const bound = new ContextGateway(context, this.budget);
      try {
        const result = await job(bound);
        bound.journal.clear();
        return result;
      } catch (e) {
        try {
          await bound.journal.undo(context);
        } catch {
          // The undo failed too (the host went away): the job's own error is the one to report.
        }
        throw e;
      } finally {
        this.lastRender = bound.lastRender ?? this.lastRender;
      }
    });
  }

  listSheets(): Promise<ExistingSheet[]> {
    return this.session((gw) => gw.listSheets());
  }

  readRange(sheet: string, address: string): Promise<Grid> {
    return this.session((gw) => gw.readRange(sheet, address));
  }

  readSheet(name: string): Promise<Grid> {
    return this.session((gw) => gw.readSheet(name));
  }

  tableRanges(sheet: string): Promise<readonly { name: string; ref: string }[]> {
    return this.session((gw) => gw.tableRanges!(sheet));
  }

  async render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
    await this.session((gw) => gw.render(plan, onProgress));
  }
}
