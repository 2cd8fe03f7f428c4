/**
 * Native charts for .xlsx files. ExcelJS writes none, so after it has written the package the chart
 * parts are added as OOXML: a DrawingML chart part per chart, one drawing part per sheet anchoring
 * them to cells, the relationships, the content types, and the sheet's <drawing> element. Series
 * point at cell ranges (so the charts follow edits) and carry cached values (so a viewer shows them
 * before recalculating). Excel, WPS and LibreOffice read this standard form.
 */
import JSZip from 'jszip';
import { parseCell, quoteSheet, type ChartSpec } from '../../plan';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rich(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function ref(sheet: string, range: string): string {
  return `${esc(quoteSheet(sheet))}!${range.includes('$') ? range : range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
}

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: readonly (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

const hex = (color: string | undefined, fallback: string) => (color ?? fallback).replace('#', '').toUpperCase();

export function chartXml(spec: ChartSpec, sheet: string): string {
  const line = spec.kind === 'line';
  const format = spec.valueAxis?.format ?? 'General';
  const series = spec.series
    .map((s, i) => {
      const color = hex(s.color, '2B88D8');
      const look = line
        ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr></c:marker>`
        : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${look}` +
        `<c:cat><c:strRef><c:f>${ref(sheet, spec.categories)}</c:f>${strCache(spec.categoryCache)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ref(sheet, s.values)}</c:f>${numCache(s.cache, format)}</c:numRef></c:val>` +
        `${line ? '<c:smooth val="0"/>' : ''}</c:ser>`
      );
    })
    .join('');
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const plot = line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
    : `<c:barChart><c:barDir val="${spec.kind === 'column' ? 'col' : 'bar'}"/><c:grouping val="${spec.kind === 'barStacked100' ? 'percentStacked' : 'clustered'}"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${spec.kind === 'barStacked100' ? '<c:overlap val="100"/>' : ''}${axes}</c:barChart>`;
  const horizontal = spec.kind === 'bar' || spec.kind === 'barStacked100';
  const va = spec.valueAxis;
  const scaling = `<c:scaling><c:orientation val="minMax"/>${va?.max !== undefined ? `<c:max val="${va.max}"/>` : ''}${va?.min !== undefined ? `<c:min val="${va.min}"/>` : ''}</c:scaling>`;
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${spec.reverseCategories ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500000002"/>${scaling}<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/>` +
    `${va?.title ? `<c:title>${rich(va.title, 1000, false)}<c:overlay val="0"/></c:title>` : ''}` +
    `<c:numFmt formatCode="${esc(format)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="${spec.reverseCategories ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${rich(spec.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

function anchor(spec: ChartSpec, i: number): string {
  const from = parseCell(spec.from);
  const to = parseCell(spec.to);
  const pos = (tag: string, c: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${c.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${pos('from', from)}${pos('to', to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function rels(items: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${items
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`)
    .join('')}</Relationships>`;
}

/** Where each sheet's XML lives in the package, by sheet name. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const id = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && id && targets.has(id)) parts.set(unescape(name), targets.get(id)!);
  }
  return parts;
}

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Elements that follow <drawing> in a worksheet (CT_Worksheet order). */
const AFTER_DRAWING = ['<legacyDrawing', '<legacyDrawingHF', '<drawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>'];

/** Adds the charts to the package written by ExcelJS and returns the new bytes. */
export async function addCharts(bytes: Uint8Array, charts: ReadonlyMap<string, readonly ChartSpec[]>): Promise<Uint8Array> {
  if ([...charts.values()].every((c) => c.length === 0)) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let chartNo = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).length;
  let drawingNo = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f)).length;
  for (const [sheet, specs] of charts) {
    if (specs.length === 0) continue;
    const part = parts.get(sheet);
    if (!part) throw new Error(`addCharts: no sheet named ${sheet} in the package`);
    let xml = await zip.file(part)!.async('string');
    if (xml.includes('<drawing ')) throw new Error(`addCharts: sheet ${sheet} already has a drawing`);
    drawingNo++;
    const drawing = `xl/drawings/drawing${drawingNo}.xml`;
    const chartRels: { id: string; type: string; target: string }[] = [];
    specs.forEach((spec, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(spec, sheet));
      types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/></Types>`);
      chartRels.push({ id: `rId${i + 1}`, type: REL_CHART, target: `../charts/chart${chartNo}.xml` });
    });
    zip.file(drawing, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${specs.map(anchor).join('')}</xdr:wsDr>`);
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, rels(chartRels));
    types = types.replace('</Types>', `<Override PartName="/${drawing}" ContentType="${CT_DRAWING}"/></Types>`);

    // The sheet → drawing relationship, and the <drawing> element in its schema position.
    const relsPath = part.replace(/^(.*\/)([^/]+)$/, '$1_rels/$2.rels');
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : rels([]);
    const used = new Set([...existing.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const rid = `rId${n}`;
    zip.file(relsPath, existing.replace('</Relationships>', `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
    if (!/xmlns:r="/.test(xml.slice(0, xml.indexOf('>', xml.indexOf('<worksheet'))))) xml = xml.replace('<worksheet', `<worksheet xmlns:r="${NS.r}"`);
    const at = Math.min(...AFTER_DRAWING.map((tag) => xml.indexOf(tag)).filter((i) => i >= 0));
    xml = `${xml.slice(0, at)}<drawing r:id="${rid}"/>${xml.slice(at)}`;
    zip.file(part, xml);
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
