"""XlsxWriter (Debian's /usr/bin/python3, XlsxWriter 3.0.2) generators.

Usage: /usr/bin/python3 xlsxwriter_survey.py features OUT.xlsx
         -> xlsxwriter-features.xlsx: constant_memory (every string cell is t="inlineStr"), a rich
            string in 意见与建议, the 1904 date system, and a sheet 统计 with sparklines and a
            2010-style data bar (x14 extLst entries, mc:Ignorable="x14ac").
       /usr/bin/python3 xlsxwriter_survey.py lo-input OUT.xlsx
         -> the input that LibreOffice re-saves as libreoffice-survey.xlsx: shared strings, 1900
            dates, 用户图表 with a column chart, a note, a list validation, and a defined name.
XlsxWriter stamps every zip entry 1980-01-01 itself; docProps dates are fixed here.
"""
import datetime
import sys

import xlsxwriter

import survey_data as sd

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)


def write_responses(wb, ws, rows, rich=False):
    date_fmt = wb.add_format({"num_format": sd.DATE_FORMAT})
    bold_red = wb.add_format({"bold": True, "font_color": "#C00000"})
    italic = wb.add_format({"italic": True})
    ws.set_column(0, 0, 18)
    ws.set_column(sd.DATE_COL, sd.DATE_COL, 11)
    for c, h in enumerate(sd.HEADERS):
        ws.write_string(0, c, h)
    for i, row in enumerate(rows):
        r = i + 1
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, datetime.date):
                ws.write_datetime(r, c, v, date_fmt)
            elif rich and c == sd.COMMENT_COL and i == sd.RICH_ROW:
                parts = []
                for text, props in sd.RICH_RUNS:
                    parts += [bold_red if props.get("bold") else italic, text]
                ws.write_rich_string(r, c, *parts)
            else:
                ws.write_string(r, c, v)  # write_string: "=请尽快回复" stays text


def features(out):
    rows = sd.responses()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "date_1904": True})
    wb.set_properties({"author": "corpus", "created": FIXED_TIME})
    ws = wb.add_worksheet(sd.SHEET)
    write_responses(wb, ws, rows, rich=True)

    st = wb.add_worksheet("统计")
    st.write_string(0, 0, "项目")
    for k, a in enumerate(sd.ANSWERS):
        st.write_string(0, 1 + k, a)
    st.write_string(0, 6, "分布")
    for j, item in enumerate(sd.ITEMS):
        st.write_string(j + 1, 0, item)
        for k, (_, n) in enumerate(sd.answer_counts(rows, j)):
            st.write_number(j + 1, 1 + k, n)
    last = len(sd.ITEMS) + 1
    for j in range(len(sd.ITEMS)):
        st.add_sparkline(j + 1, 6, {"range": "统计!B%d:F%d" % (j + 2, j + 2), "type": "column"})
    st.conditional_format("B2:B%d" % last, {"type": "data_bar", "data_bar_2010": True, "bar_color": "#63BE7B"})
    wb.close()


def lo_input(out):
    rows = sd.responses()
    wb = xlsxwriter.Workbook(out)
    wb.set_properties({"author": "corpus", "created": FIXED_TIME})
    ws = wb.add_worksheet(sd.SHEET)
    write_responses(wb, ws, rows)

    ch = wb.add_worksheet("用户图表")
    ch.write_row(0, 0, ["评价", "专业技术人数"])
    for k, (a, n) in enumerate(sd.answer_counts(rows, 0)):
        ch.write_string(k + 1, 0, a)
        ch.write_number(k + 1, 1, n)
    ch.write_string(8, 0, "请选择评价")
    ch.data_validation("B9:B12", {"validate": "list", "source": sd.ANSWERS})
    ch.write_comment("B9", "从下拉列表中选择一项评价", {"author": "CSAT"})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "=用户图表!$B$1", "categories": "=用户图表!$A$2:$A$6", "values": "=用户图表!$B$2:$B$6"})
    chart.set_title({"name": "专业技术评价分布"})
    ch.insert_chart("D2", chart)
    wb.define_name("评价区域", "=%s!$G$2:$T$%d" % (sd.SHEET, len(rows) + 1))
    wb.close()


if __name__ == "__main__":
    {"features": features, "lo-input": lo_input}[sys.argv[1]](sys.argv[2])
