/**
 * The pane inside Excel: the Office.js gateway (each action one Excel.run through `runAction`), and
 * selecting the cell a message points at.
 */
import { OfficeGateway } from '../host/office/gateway';
import type { WorkbookHost } from './host';

export function excelHost(): WorkbookHost {
  return {
    mode: 'excel',
    gateway: new OfficeGateway(),
    async select(cell: string) {
      const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(cell);
      await Excel.run(async (context) => {
        const sheet = m ? context.workbook.worksheets.getItem((m[1] ?? m[2]).replace(/''/g, "'")) : context.workbook.worksheets.getActiveWorksheet();
        sheet.activate();
        sheet.getRange(m ? m[3] : cell).select();
        await context.sync();
      });
    },
  };
}
