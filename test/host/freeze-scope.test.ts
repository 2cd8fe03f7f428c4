/**
 * Archive freezes calls of our functions only. A user's formula that merely holds the text "CSAT."
 * — a sheet named `CSAT.2024`, a name `MyCSAT.Rate`, a string — stays a live formula (a real file
 * from the wild study lost two such formulas to their cached values).
 */
import { XlsxGateway, callsCsatFunction } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { buildXlsx } from '../helpers/xlsx-build';

test('only function calls of CSAT.* count, not the text CSAT. elsewhere in a formula', () => {
  for (const f of ['_xldudf_CSAT_ITEM(调查数据表[#All],A2)', 'CSAT.OVERALL(A1:B2)', 'SUM(1,_xldudf_CSAT_CI(T[#All]))', 'IFERROR(CSAT.ITEM(A:Z,"软件"),0)']) {
    expect({ f, ours: callsCsatFunction(f) }).toEqual({ f, ours: true });
  }
  for (const f of ["'CSAT.2024'!A1*2", 'MyCSAT.Rate*10', '"CSAT.X("&A1', "'it''s CSAT.X('!A1", 'LEN("_xldudf_CSAT_ITEM(")', 'XCSAT.ITEM(1)']) {
    expect({ f, ours: callsCsatFunction(f) }).toEqual({ f, ours: false });
  }
});

test('freezing leaves user formulas that mention CSAT. alone, and freezes our calls', async () => {
  const bytes = await buildXlsx({
    sheets: {
      'CSAT.2024': '<row r="1"><c r="A1"><v>5</v></c></row>',
      Calc:
        `<row r="1"><c r="A1"><f>'CSAT.2024'!A1*2</f><v>10</v></c></row>` +
        '<row r="2"><c r="A2"><f>MyCSAT.Rate*10</f><v>70</v></c></row>' +
        '<row r="3"><c r="A3"><f>_xldudf_CSAT_OVERALL(A1:A2)</f><v>0.5</v></c></row>',
    },
    definedNames: '<definedName name="MyCSAT.Rate">7</definedName>',
  });
  const gw = await XlsxGateway.open(bytes);
  const r = await gw.freezeCustomFunctions(() => undefined);
  expect(r.frozen).toEqual(['Calc!A3']);
  const saved = await gw.save();
  expectValidXlsx(saved, 'frozen copy');
  const again = await XlsxGateway.open(saved);
  const xml = await again.pkg.text('xl/worksheets/sheet2.xml');
  expect(xml).toContain("<f>'CSAT.2024'!A1*2</f>");
  expect(xml).toContain('<f>MyCSAT.Rate*10</f>');
  expect(xml).not.toContain('_xldudf_CSAT_OVERALL');
});
