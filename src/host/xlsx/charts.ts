/**
 * Native charts for .xlsx files as OOXML: a DrawingML chart part per chart and one drawing part per
 * sheet anchoring them to cells (the sheet writer adds the sheet's <drawing> element). Series
 * point at cell ranges (so the charts follow edits) and carry cached values (so a viewer shows them
 * before recalculating). Excel, WPS and LibreOffice read this standard form.
 */
import { parseCell, quoteSheet, type ChartSpec } from '../../plan';
import { CT, REL, type OoxmlPackage } from './package';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};

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

/** A value axis (`c:valAx`): the scatter's x (bottom) or y (left) axis, crossing the other at its minimum. */
function valAx(id: number, cross: number, pos: 'b' | 'l', a: ChartSpec['valueAxis'], gridlines: boolean): string {
  const scaling = `<c:scaling><c:orientation val="minMax"/>${a?.max !== undefined ? `<c:max val="${a.max}"/>` : ''}${a?.min !== undefined ? `<c:min val="${a.min}"/>` : ''}</c:scaling>`;
  return (
    `<c:valAx><c:axId val="${id}"/>${scaling}<c:delete val="0"/><c:axPos val="${pos}"/>${gridlines ? '<c:majorGridlines/>' : ''}` +
    `${a?.title ? `<c:title>${rich(a.title, 1000, false)}<c:overlay val="0"/></c:title>` : ''}` +
    `<c:numFmt formatCode="${esc(a?.format ?? 'General')}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="min"/><c:crossBetween val="midCat"/></c:valAx>`
  );
}

/**
 * An XY scatter (`c:scatterChart`): each series its own x and y ranges; a labelled series shows its
 * name (read from `nameCell`) beside its points, a `line` series is a straight line without markers.
 */
function scatterPlot(spec: ChartSpec, sheet: string): string {
  const yFormat = spec.valueAxis?.format ?? 'General';
  const xFormat = spec.xAxis?.format ?? 'General';
  const series = spec.series
    .map((s, i) => {
      const color = hex(s.color, '2B88D8');
      const name = s.nameCell ? `<c:tx><c:strRef><c:f>${ref(sheet, s.nameCell)}</c:f>${strCache([s.name])}</c:strRef></c:tx>` : `<c:tx><c:v>${esc(s.name)}</c:v></c:tx>`;
      const look = s.line
        ? `<c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`
        : `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="8"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr></c:marker>`;
      const labels = s.label
        ? `<c:dLbls><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr><c:dLblPos val="r"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="1"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
        : '';
      const x = s.x ?? { values: s.values, cache: s.cache };
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name}${look}${labels}` +
        `<c:xVal><c:numRef><c:f>${ref(sheet, x.values)}</c:f>${numCache(x.cache, xFormat)}</c:numRef></c:xVal>` +
        `<c:yVal><c:numRef><c:f>${ref(sheet, s.values)}</c:f>${numCache(s.cache, yFormat)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`
      );
    })
    .join('');
  const plot = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}<c:axId val="500000001"/><c:axId val="500000002"/></c:scatterChart>`;
  return `${plot}${valAx(500000001, 500000002, 'b', spec.xAxis, false)}${valAx(500000002, 500000001, 'l', spec.valueAxis, true)}`;
}

export function chartXml(spec: ChartSpec, sheet: string): string {
  if (spec.kind === 'scatter') {
    // The legend names the split lines only: the points carry their own labels.
    const hidden = spec.series.map((s, i) => (s.line ? '' : `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`)).join('');
    return chartSpace(spec, scatterPlot(spec, sheet), `<c:legend><c:legendPos val="b"/>${hidden}<c:overlay val="0"/></c:legend>`);
  }
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
  const valAxis =
    `<c:valAx><c:axId val="500000002"/>${scaling}<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/>` +
    `${va?.title ? `<c:title>${rich(va.title, 1000, false)}<c:overlay val="0"/></c:title>` : ''}` +
    `<c:numFmt formatCode="${esc(format)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="${spec.reverseCategories ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return chartSpace(spec, `${plot}${catAx}${valAxis}`, '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>');
}

/** The chart part around a plot area's content and its legend. */
function chartSpace(spec: ChartSpec, plotArea: string, legend: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${rich(spec.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plotArea}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

function anchor(spec: ChartSpec, i: number, rid: string): string {
  const from = parseCell(spec.from);
  const to = parseCell(spec.to);
  const pos = (tag: string, c: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${c.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${pos('from', from)}${pos('to', to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** Writes the charts of a sheet as parts — one chart part each and a drawing anchoring them — and returns the drawing's path. */
export async function chartParts(pkg: OoxmlPackage, sheet: string, specs: readonly ChartSpec[]): Promise<string> {
  const drawing = pkg.freeName((n) => `xl/drawings/drawing${n}.xml`);
  const ids: string[] = [];
  for (const spec of specs) {
    const chart = pkg.freeName((n) => `xl/charts/chart${n}.xml`);
    pkg.set(chart, chartXml(spec, sheet));
    await pkg.setContentType(chart, CT.chart);
    ids.push(await pkg.addRel(drawing, REL.chart, chart));
  }
  const anchors = specs.map((spec, i) => anchor(spec, i, ids[i])).join('');
  pkg.set(drawing, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors}</xdr:wsDr>`);
  await pkg.setContentType(drawing, CT.drawing);
  return drawing;
}
