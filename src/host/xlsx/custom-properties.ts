/**
 * Custom document properties (docProps/custom.xml) for .xlsx files: ExcelJS writes none, so the part,
 * its relationship and its content type are added after ExcelJS has written the package.
 */
import JSZip from 'jszip';

const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
const CT = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function customPropertiesXml(props: Readonly<Record<string, string>>): string {
  const items = Object.entries(props)
    .map(([name, value], i) => `<property fmtid="${FMTID}" pid="${i + 2}" name="${esc(name)}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items}</Properties>`;
}

export async function addCustomProperties(bytes: Uint8Array, props: Readonly<Record<string, string>>): Promise<Uint8Array> {
  if (Object.keys(props).length === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  zip.file('docProps/custom.xml', customPropertiesXml(props));
  let types = await zip.file('[Content_Types].xml')!.async('string');
  if (!types.includes('/docProps/custom.xml')) types = types.replace('</Types>', `<Override PartName="/docProps/custom.xml" ContentType="${CT}"/></Types>`);
  zip.file('[Content_Types].xml', types);
  let rels = await zip.file('_rels/.rels')!.async('string');
  if (!rels.includes(REL)) {
    const ids = new Set([...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    rels = rels.replace('</Relationships>', `<Relationship Id="rId${n}" Type="${REL}" Target="docProps/custom.xml"/></Relationships>`);
  }
  zip.file('_rels/.rels', rels);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The custom properties of a package (for reading back what was written). */
export async function readCustomProperties(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('docProps/custom.xml')?.async('string');
  const out: Record<string, string> = {};
  if (!xml) return out;
  for (const m of xml.matchAll(/<property [^>]*name="([^"]+)"[^>]*><vt:lpwstr>([^<]*)<\/vt:lpwstr><\/property>/g)) {
    out[m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<')] = m[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return out;
}
