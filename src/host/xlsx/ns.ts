/**
 * The namespaces and relationship types of the parts we read and edit, in both conformance classes:
 * Transitional (what Excel, LibreOffice and every library write) and ISO/IEC 29500 Strict (Excel's
 * "Strict Open XML" save option). Reading accepts both; what we write goes only into Transitional
 * packages (a Strict package is refused before anything is written, see gateway.ts).
 */

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  custom: 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  extended: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

/** The Strict namespaces of the same vocabularies. */
export const STRICT_NS = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  custom: 'http://purl.oclc.org/ooxml/officeDocument/customProperties',
  extended: 'http://purl.oclc.org/ooxml/officeDocument/extendedProperties',
  vt: 'http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes',
} as const;

const TRANSITIONAL_REL_ROOT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT_REL_ROOT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

/** Whether `uri` is the SpreadsheetML main namespace, in either class. */
export function isMain(uri: string): boolean {
  return uri === NS.main || uri === STRICT_NS.main;
}

/** Whether `uri` is the officeDocument relationships namespace (of `r:id`), in either class. */
export function isRelNs(uri: string): boolean {
  return uri === NS.r || uri === STRICT_NS.r;
}

/** Whether a relationship type is `wanted` (given in Transitional form), in either class. */
export function relTypeIs(type: string, wanted: string): boolean {
  return type === wanted || (wanted.startsWith(TRANSITIONAL_REL_ROOT) && type === STRICT_REL_ROOT + wanted.slice(TRANSITIONAL_REL_ROOT.length));
}

/** Whether a relationship type or namespace belongs to Strict. */
export function isStrictUri(uri: string): boolean {
  return uri.startsWith('http://purl.oclc.org/ooxml/');
}
