/**
 * tools/ooxml/validate-xlsx, through test/helpers/validate-xlsx, is what tests use to prove a workbook
 * opens in Excel without a repair prompt; this proves the check bites. A minimal hand-written package
 * validates, and each copy with one defect Excel refuses is reported for exactly that defect.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { expectValidXlsx, validateXlsx } from '../helpers/validate-xlsx';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type Parts = Record<string, string>;

const sheetXml = (extra = '') =>
  `${DECL}<worksheet xmlns="${MAIN}"><sheetData>` +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c><c r="B1"><v>90</v></c></row>' +
  `</sheetData>${extra}</worksheet>`;

function workbookParts(sheets: string[] = ['Data'], sheetTarget = 'worksheets/sheet1.xml'): Parts {
  const n = sheets.length;
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${i === 0 ? sheetTarget : `worksheets/sheet${i + 1}.xml`}"/>`);
  const parts: Parts = {
    '[Content_Types].xml':
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${SML}.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SML}.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${SML}.styles+xml"/>` +
      '</Types>',
    '_rels/.rels': `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
      sheets.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${DECL}<Relationships xmlns="${PKG_REL}">${rels.join('')}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml':
      `${DECL}<styleSheet xmlns="${MAIN}">` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>',
  };
  sheets.forEach((_, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml()));
  return parts;
}

async function xlsx(parts: Parts): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const listValidation = (errorStyle: string) =>
  `<dataValidations count="1"><dataValidation type="list" errorStyle="${errorStyle}" allowBlank="1" showErrorMessage="1" sqref="A2:A10"><formula1>"满意,一般"</formula1></dataValidation></dataValidations>`;

describe('tools/ooxml/validate-xlsx', () => {
  it('passes a minimal well-formed workbook, given as bytes or as a path', async () => {
    const bytes = await xlsx(workbookParts());
    expect(validateXlsx(bytes)).toEqual({ ok: true, problems: [] });
    expectValidXlsx(bytes, 'minimal workbook');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'ooxml-validator-'));
    try {
      const file = path.join(dir, 'minimal.xlsx');
      writeFileSync(file, bytes);
      expect(validateXlsx(file)).toEqual({ ok: true, problems: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes a list validation whose errorStyle is in the schema (warning)', async () => {
    const parts = workbookParts();
    parts['xl/worksheets/sheet1.xml'] = sheetXml(listValidation('warning'));
    expect(validateXlsx(await xlsx(parts))).toEqual({ ok: true, problems: [] });
  });

  it('reports errorStyle="error" (the schema allows stop|warning|information)', async () => {
    const parts = workbookParts();
    parts['xl/worksheets/sheet1.xml'] = sheetXml(listValidation('error'));
    const { ok, problems } = validateXlsx(await xlsx(parts));
    expect(ok).toBe(false);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^workbook\.xlsx: xl\/worksheets\/sheet1\.xml: .*errorStyle/);
    expect(problems.join('\n')).toMatch(/'error'/);
  });

  it('reports two sheets whose names differ only in case', async () => {
    const { ok, problems } = validateXlsx(await xlsx(workbookParts(['Data', 'DATA'])));
    expect(ok).toBe(false);
    expect(problems).toEqual(["workbook.xlsx: xl/workbook.xml: two sheets named 'DATA' (ignoring case)"]);
  });

  it('reports a relationship whose target part is missing', async () => {
    const { ok, problems } = validateXlsx(await xlsx(workbookParts(['Data'], 'worksheets/sheet9.xml')));
    expect(ok).toBe(false);
    expect(problems).toEqual(['workbook.xlsx: xl/_rels/workbook.xml.rels: relationship rId1 points at a missing part /xl/worksheets/sheet9.xml']);
  });

  it('makes expectValidXlsx fail with the problems listed', async () => {
    const bytes = await xlsx(workbookParts(['Data', 'data']));
    expect(() => expectValidXlsx(bytes, 'twin sheets')).toThrow(/twin sheets is not a valid \.xlsx \(1 problem\(s\)\):\n {2}workbook\.xlsx: xl\/workbook\.xml: two sheets named 'data'/);
  });

  it('throws, rather than passing, when xmllint is missing', async () => {
    const bytes = await xlsx(workbookParts());
    // A PATH holding python3 only.
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
    const bin = mkdtempSync(path.join(os.tmpdir(), 'ooxml-validator-bin-'));
    const savedPath = process.env.PATH;
    try {
      symlinkSync(python, path.join(bin, 'python3'));
      process.env.PATH = bin;
      expect(() => validateXlsx(bytes)).toThrow(/xmllint not found; install libxml2-utils/);
    } finally {
      process.env.PATH = savedPath;
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
