/**
 * Hand-built .xlsx packages for reader tests: each test states the XML a producer writes (prefixes,
 * absolute targets, inline strings, shared formulas, 1904 dates…) and gets the zip bytes, so what is
 * being read is visible in the test itself.
 */
import JSZip from 'jszip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface BuildOptions {
  /** Sheet name → the XML inside <sheetData> (or a whole worksheet document when it starts with `<?xml` or `<worksheet`). */
  sheets: Record<string, string>;
  sharedStrings?: string[] | string;
  /** Whole styles.xml; the default has cellXfs 0 = General, 1 = yyyy-mm-dd (custom 164), 2 = builtin 14. */
  styles?: string;
  date1904?: boolean;
  /** Relationship targets written absolute (`/xl/worksheets/sheet1.xml`), as openpyxl does. */
  absoluteTargets?: boolean;
  definedNames?: string;
  /** Extra parts, path → text. */
  extra?: Record<string, string>;
}

export const DEFAULT_STYLES =
  `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

export async function buildXlsx(o: BuildOptions): Promise<Uint8Array> {
  const zip = new JSZip();
  const names = Object.keys(o.sheets);
  const t = (p: string) => (o.absoluteTargets ? `/xl/${p}` : p);
  const overrides = names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  zip.file(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `${o.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}${overrides.join('')}</Types>`,
  );
  zip.file('_rels/.rels', `${XML}<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="${o.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr${o.date1904 ? ' date1904="1"' : ''}/><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${o.definedNames ? `<definedNames>${o.definedNames}</definedNames>` : ''}</workbook>`,
  );
  const rels = names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="${t(`worksheets/sheet${i + 1}.xml`)}"/>`);
  rels.push(`<Relationship Id="rIdS" Type="${R}/styles" Target="${t('styles.xml')}"/>`);
  if (o.sharedStrings) rels.push(`<Relationship Id="rIdSS" Type="${R}/sharedStrings" Target="${t('sharedStrings.xml')}"/>`);
  zip.file('xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${PR}">${rels.join('')}</Relationships>`);
  zip.file('xl/styles.xml', o.styles ?? DEFAULT_STYLES);
  if (o.sharedStrings) {
    const sst = typeof o.sharedStrings === 'string' ? o.sharedStrings : `${XML}<sst xmlns="${MAIN}" count="${o.sharedStrings.length}" uniqueCount="${o.sharedStrings.length}">${o.sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`;
    zip.file('xl/sharedStrings.xml', sst);
  }
  names.forEach((n, i) => {
    const body = o.sheets[n];
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, /^\s*<(\?xml|worksheet|\w+:worksheet)/.test(body) ? body : `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData>${body}</sheetData></worksheet>`);
  });
  for (const [p, text] of Object.entries(o.extra ?? {})) zip.file(p, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
