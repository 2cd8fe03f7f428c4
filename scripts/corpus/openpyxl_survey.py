"""openpyxl-survey.xlsx: 调查数据 (30 responses) + 用户图表 (bar chart, note, list validation) and a
workbook defined name, written by openpyxl (Debian's /usr/bin/python3, openpyxl 3.0.9).

Usage: /usr/bin/python3 openpyxl_survey.py OUT.xlsx
openpyxl's own quirks are kept: absolute part paths in relationships, `<c r=".."/>` for None cells,
inline chart data caches absent, etc. Only the zip entry timestamps and docProps dates are fixed.
"""
import datetime
import sys

import openpyxl
import openpyxl.writer.excel
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

import survey_data as sd
from fixed_zip import FixedTimeZipFile

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)


def main(out):
    rows = sd.responses()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sd.SHEET
    ws.append(sd.HEADERS)
    for row in rows:
        ws.append(row)
    for r in range(2, len(rows) + 2):
        c = ws.cell(row=r, column=sd.DATE_COL + 1)
        c.number_format = sd.DATE_FORMAT
        u = ws.cell(row=r, column=sd.COMMENT_COL + 1)
        if isinstance(u.value, str) and u.value.startswith("="):
            u.data_type = "s"  # text that merely starts with "=", not a formula
    ws.column_dimensions["A"].width = 18
    ws.freeze_panes = "A2"

    ch = wb.create_sheet("用户图表")
    ch.append(["评价", "专业技术人数"])
    for answer, n in sd.answer_counts(rows, 0):
        ch.append([answer, n])
    ch["A9"] = "请选择评价"
    dv = DataValidation(type="list", formula1='"' + ",".join(sd.ANSWERS) + '"', allow_blank=True)
    dv.add("B9:B12")
    ch.add_data_validation(dv)
    ch["B9"].comment = Comment("从下拉列表中选择一项评价", "CSAT")
    chart = BarChart()
    chart.title = "专业技术评价分布"
    chart.add_data(Reference(ch, min_col=2, min_row=1, max_row=6), titles_from_data=True)
    chart.set_categories(Reference(ch, min_col=1, min_row=2, max_row=6))
    ch.add_chart(chart, "D2")

    last = len(rows) + 1
    wb.defined_names.append(DefinedName("评价区域", attr_text="%s!$G$2:$T$%d" % (sd.SHEET, last)))

    wb.properties.creator = "corpus"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    openpyxl.writer.excel.ZipFile = FixedTimeZipFile
    wb.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
