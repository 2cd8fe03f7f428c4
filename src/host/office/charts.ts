/**
 * Office.js charts the plain `charts.add(type, values)` path of render.ts cannot draw: the XY
 * scatter of the 四分图 — one series per labelled point (its name read from its cell, shown as the
 * data label), and the split lines as two-point series drawn as lines without markers. Series x
 * values and chart types per series are ExcelApi 1.7; data labels per series 1.8.
 */
import type { ChartSpec } from '../../plan';

export function addScatterChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const chart = ws.charts.add('XYScatter', ws.getRange(spec.series[0].values), 'Columns');
  chart.title.text = spec.title;
  chart.setPosition(spec.from, spec.to);
  chart.legend.position = 'Bottom';
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(ws.getRange(s.values));
    if (s.x) series.setXAxisValues(ws.getRange(s.x.values));
    if (s.line) {
      series.chartType = 'XYScatterLinesNoMarkers';
      if (s.color) series.format.line.color = s.color;
    } else {
      series.markerStyle = 'Circle';
      series.markerSize = 8;
      if (s.color) {
        series.markerBackgroundColor = s.color;
        series.markerForegroundColor = s.color;
      }
    }
    if (s.label) {
      series.hasDataLabels = true;
      series.dataLabels.showSeriesName = true;
      series.dataLabels.showValue = false;
      series.dataLabels.position = 'Right';
    }
  });
  const axes = [
    [chart.axes.valueAxis, spec.valueAxis],
    [chart.axes.categoryAxis, spec.xAxis],
  ] as const;
  for (const [axis, a] of axes) {
    if (!a) continue;
    if (a.format) axis.numberFormat = a.format;
    if (a.title) axis.title.text = a.title;
    if (a.min !== undefined) axis.minimum = a.min;
    if (a.max !== undefined) axis.maximum = a.max;
  }
}
