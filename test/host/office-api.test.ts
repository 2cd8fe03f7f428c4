/**
 * The stateful fake's table of requirement sets (test/helpers/office-api.ts) against the generated
 * one (scripts/api-sets.ts, read from @types/office-js for every member src/host/office touches):
 * every member the renderer uses above ExcelApi 1.1 must be enforced by the fake at the same version,
 * so the fake refuses exactly what an older Excel would.
 */
import path from 'node:path';
import { collectApiUses } from '../../scripts/api-sets';
import { MEMBER_API } from '../helpers/office-api';

/** Excel class → the fake's key for its members (`<kind>.<member>`), or one key for a whole object. */
const KEY: Record<string, (member: string) => string> = {
  Application: (m) => `application.${m}`,
  Workbook: (m) => (m === 'properties' ? 'properties' : m === 'protection' ? 'workbookProtection.protected' : `workbook.${m}`),
  Worksheet: (m) => (m === 'pageLayout' ? 'pageLayout' : m === 'protection' ? 'protection' : m === 'freezePanes' ? 'freezePanes.freezeRows' : `sheet.${m}`),
  WorksheetFreezePanes: (m) => `freezePanes.${m}`,
  Range: (m) => (m === 'merge' || m === 'unmerge' ? `Range.${m}` : m === 'conditionalFormats' ? 'conditionalFormats' : m === 'dataValidation' ? 'dataValidation' : `range.${m}`),
  RangeFormat: (m) => `format.${m}`,
  Table: (m) => `table.${m}`,
  ChartSeries: (m) => `series.${m}`,
  ChartSeriesCollection: (m) => `series.${m}`,
  ChartAxis: (m) => `axis.${m}`,
  NamedItemCollection: (m) => `names.${m}`,
  NamedItem: (m) => `name.${m}`,
  PageLayout: (m) => (m === 'setPrintTitleRows' ? 'pageLayout.setPrintTitleRows' : 'pageLayout'),
  PageLayoutZoomOptions: () => 'pageLayout',
  ConditionalFormatCollection: () => 'conditionalFormats',
  ConditionalFormat: () => 'conditionalFormats',
  CustomConditionalFormat: () => 'conditionalFormats',
  ConditionalFormatRule: () => 'conditionalFormats',
  ConditionalRangeFormat: () => 'conditionalFormats',
  ConditionalRangeFont: () => 'conditionalFormats',
  ConditionalRangeFill: () => 'conditionalFormats',
  DataValidation: () => 'dataValidation',
  DataValidationRule: () => 'dataValidation',
  DataValidationErrorAlert: () => 'dataValidation',
  DataValidationPrompt: () => 'dataValidation',
  // Workbook.protection is enforced where it is used: its load (`protected`), protect and unprotect.
  WorkbookProtection: (m) => (m === 'protect' || m === 'unprotect' ? `workbookProtection.${m}` : 'workbookProtection.protected'),
  WorksheetProtection: (m) => (m === 'protect' || m === 'unprotect' ? `protection.${m}` : 'protection'),
  DocumentProperties: () => 'properties',
  CustomPropertyCollection: () => 'properties',
  CustomProperty: () => 'properties',
  ChartDataLabels: () => 'series.dataLabels',
};

const num = (v: string) => v.split('.').map(Number).reduce((a, b) => a * 1000 + b, 0);

describe('the fake\'s API-set table matches the generated one', () => {
  it('enforces every member src/host/office uses above ExcelApi 1.1, at its version or stricter', () => {
    const uses = collectApiUses(path.join(__dirname, '../..'), ['src/host/office']).filter((u) => u.set === 'ExcelApi' && u.version && num(u.version) > num('1.1'));
    expect(uses.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const u of uses) {
      const [, cls, member] = /^Excel\.(\w+)\.(\w+)$/.exec(u.member) ?? [];
      const key = cls ? KEY[cls]?.(member) : undefined;
      const fake = key ? MEMBER_API[key] : undefined;
      if (!fake) problems.push(`${u.member} (ExcelApi ${u.version}, ${u.at[0]}): no entry in office-api.ts${key ? ` (${key})` : ''}`);
      else if (num(fake) < num(u.version!)) problems.push(`${u.member}: the fake says ${fake}, @types/office-js ${u.version}`);
    }
    expect(problems).toEqual([]);
  });
});
