// excelize-user-extras.xlsx: 调查数据 (30 responses) written by excelize-wasm, plus user sheets
// 透视 (a pivot table over 调查数据 with its pivot cache) and 图片与图表 (a PNG picture, a column
// chart, a note and a list validation), and a workbook defined name.
//
// Usage: node excelize_survey.mjs SURVEY.json PICTURE.png OUT.xlsx EXCELIZE_DIR
//   SURVEY.json  from `python3 survey_data.py SURVEY.json` (the fixed data every generator uses)
//   EXCELIZE_DIR a folder outside the repo where `npm i excelize-wasm` was run
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [surveyPath, pngPath, outPath, excelizeDir] = process.argv.slice(2);
const load = createRequire(join(excelizeDir, 'package.json'));
const { init } = load('excelize-wasm');
const wasm = join(dirname(load.resolve('excelize-wasm')), 'excelize.wasm.gz');
const survey = JSON.parse(readFileSync(surveyPath, 'utf8'));
const FIXED = '2026-01-01T00:00:00Z';

function must(ret, what) {
  if (ret && ret.error) throw new Error(`${what}: ${ret.error}`);
  return ret;
}

// excelize is Go compiled to WebAssembly: Go seeds its map-iteration order from
// crypto.getRandomValues, which makes the order of [Content_Types].xml's Default entries vary
// from run to run. A fixed-seed generator (xorshift32) in its place makes the output repeatable.
let seed = 0x2026c5a7;
Object.defineProperty(globalThis, 'crypto', {
  configurable: true,
  value: {
    getRandomValues(buf) {
      for (let i = 0; i < buf.length; i++) {
        seed ^= seed << 13; seed >>>= 0;
        seed ^= seed >>> 17;
        seed ^= seed << 5; seed >>>= 0;
        buf[i] = seed & 0xff;
      }
      return buf;
    },
  },
});

const excelize = await init(wasm);
const f = excelize.NewFile();
if (f.error) throw new Error(f.error);
const S = survey.sheet;
must(f.SetSheetName('Sheet1', S), 'SetSheetName');
const cell = (c, r) => must(excelize.CoordinatesToCellName(c, r), 'cell').cell;

// 调查数据: header, then one row per response; dates are serials with a yyyy-mm-dd format.
const dateStyle = must(f.NewStyle({ CustomNumFmt: survey.dateFormat }), 'NewStyle').style;
must(f.SetSheetRow(S, 'A1', survey.headers), 'header');
const dateCol = survey.headers.indexOf('调查日期');
survey.rows.forEach((row, i) => {
  row.forEach((v, c) => {
    if (v === null) return;
    const ref = cell(c + 1, i + 2);
    if (c === dateCol) {
      must(f.SetCellValue(S, ref, survey.serials1900[i]), 'date');
      must(f.SetCellStyle(S, ref, ref, dateStyle), 'date style');
    } else {
      must(f.SetCellStr(S, ref, v), `SetCellStr ${ref}`);
    }
  });
});
must(f.SetColWidth(S, 'A', 'A', 18), 'SetColWidth');
must(f.SetColWidth(S, 'C', 'C', 11), 'SetColWidth');
const last = survey.rows.length + 1;
const lastCol = cell(survey.headers.length, last).replace(/\d+$/, '');
must(f.SetDefinedName({ Name: '评价区域', RefersTo: `${S}!$G$2:$T$${last}` }), 'SetDefinedName');

// 透视: pivot table (rows 客户名称, count of 专业技术) over 调查数据.
must(f.NewSheet('透视'), 'NewSheet 透视');
must(f.SetCellStr('透视', 'A1', '各客户专业技术评价数'), 'pivot title');
must(f.AddPivotTable({
  DataRange: `${S}!A1:${lastCol}${last}`,
  PivotTableRange: '透视!A3:B10',
  Name: '客户评价透视',
  Rows: [{ Data: '客户名称' }],
  Data: [{ Data: '专业技术', Name: '专业技术计数', Subtotal: 'Count' }],
  RowGrandTotals: true,
  ColGrandTotals: true,
  ShowDrill: true,
  ShowRowHeaders: true,
  ShowColHeaders: true,
  ShowLastColumn: true,
}), 'AddPivotTable');

// 图片与图表: a small table, a column chart over it, a picture, a note, a list validation.
const P = '图片与图表';
must(f.NewSheet(P), 'NewSheet 图片与图表');
must(f.SetSheetRow(P, 'A1', ['评价', '专业技术人数']), 'chart header');
survey.counts[survey.items[0]].forEach(([answer, n], k) => {
  must(f.SetCellStr(P, `A${k + 2}`, answer), 'answer');
  must(f.SetCellValue(P, `B${k + 2}`, n), 'count');
});
must(f.AddChart(P, 'D2', {
  Type: excelize.Col,
  Series: [{ Name: `${P}!$B$1`, Categories: `${P}!$A$2:$A$6`, Values: `${P}!$B$2:$B$6` }],
  Title: { Paragraph: [{ Text: '专业技术评价分布' }] },
}), 'AddChart');
must(f.AddPictureFromBytes(P, 'D20', {
  Extension: '.png',
  File: new Uint8Array(readFileSync(pngPath)),
  Format: { AltText: '评价图标' },
  InsertType: excelize.PictureInsertTypePlaceOverCells,
}), 'AddPictureFromBytes');
must(f.SetCellStr(P, 'A9', '请选择评价'), 'A9');
must(f.AddComment(P, { Cell: 'B9', Author: 'CSAT', Paragraph: [{ Text: '从下拉列表中选择一项评价' }] }), 'AddComment');
must(f.AddDataValidation(P, {
  Sqref: 'B9:B12',
  Type: 'list',
  Formula1: `"${survey.answers.join(',')}"`,
  AllowBlank: true,
  ShowErrorMessage: true,
}), 'AddDataValidation');

must(f.SetDocProps({ Creator: 'corpus', LastModifiedBy: 'corpus', Created: FIXED, Modified: FIXED }), 'SetDocProps');
must(f.SetActiveSheet(0), 'SetActiveSheet');
const { buffer, error } = f.WriteToBuffer();
if (error) throw new Error(error);
writeFileSync(outPath, buffer);
