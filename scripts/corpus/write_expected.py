"""Write test/corpus/expected.json from the generators' own input (survey_data.py and the layout each
generator script chose), then cross-check it against the files:

* every user part listed for a file exists in its zip under exactly that path, and the zip holds no
  chart/drawing/media/comments/vml/pivot part and no worksheet/workbook <ext> that is not listed;
* openpyxl (an independent reader, not our code) reads every listed cell with the expected value.

* with VALIDATE_XLSX (the team's validate-xlsx), each file's problems are exactly its declared
  validatorProblems (producers' quirks are recorded, not fixed).

Usage: /usr/bin/python3 write_expected.py CORPUS_DIR [VALIDATE_XLSX]   (exit 1 when a check fails)
"""
import datetime
import json
import os
import re
import sys
import warnings
import zipfile
import xml.etree.ElementTree as ET

import survey_data as sd

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
ROWS = sd.responses()
LAST = len(ROWS) + 1
COUNTS0 = sd.answer_counts(ROWS, 0)


def ref(col0, row):
    return "%s%d" % (sd.col_letter(col0), row)


def response_cell(col0, row, kind=None):
    v = sd.HEADERS[col0] if row == 1 else ROWS[row - 2][col0]
    if kind is None:
        kind = "blank" if v is None else "date" if isinstance(v, datetime.date) else "string"
    return {"sheet": sd.SHEET, "ref": ref(col0, row), "kind": kind, "value": sd.iso(v)}


U = sd.COMMENT_COL
RESPONSE_SAMPLES = [(0, 1), (5, 1), (6, 1), (U, 1), (0, 2), (1, 2), (2, 2), (3, 2), (4, 2), (5, 2),
                    (5, 3), (6, 2), (19, 2), (6, 5), (7, 5), (U, 4), (U, 8), (U, 11), (U, 16), (U, 23),
                    (U, 2), (2, LAST), (0, LAST), (19, LAST), (18, 13)]


def samples(rich=False):
    out = []
    for c, r in RESPONSE_SAMPLES:
        kind = "richText" if rich and c == U and r == sd.RICH_ROW + 2 else None
        out.append(response_cell(c, r, kind))
    return out


def chart_table(sheet):
    cells = [{"sheet": sheet, "ref": "A1", "kind": "string", "value": "评价"},
             {"sheet": sheet, "ref": "B1", "kind": "string", "value": "专业技术人数"}]
    for k, (a, n) in enumerate(COUNTS0):
        cells.append({"sheet": sheet, "ref": "A%d" % (k + 2), "kind": "string", "value": a})
        cells.append({"sheet": sheet, "ref": "B%d" % (k + 2), "kind": "number", "value": n})
    cells.append({"sheet": sheet, "ref": "A9", "kind": "string", "value": "请选择评价"})
    cells.append({"sheet": sheet, "ref": "B9", "kind": "blank", "value": None})
    return cells


def stats_table():
    cells = [{"sheet": "统计", "ref": "A1", "kind": "string", "value": "项目"},
             {"sheet": "统计", "ref": "G1", "kind": "string", "value": "分布"}]
    for k, a in enumerate(sd.ANSWERS):
        cells.append({"sheet": "统计", "ref": ref(1 + k, 1), "kind": "string", "value": a})
    for j in (0, len(sd.ITEMS) - 1):
        cells.append({"sheet": "统计", "ref": "A%d" % (j + 2), "kind": "string", "value": sd.ITEMS[j]})
        for k, (_, n) in enumerate(sd.answer_counts(ROWS, j)):
            cells.append({"sheet": "统计", "ref": ref(1 + k, j + 2), "kind": "number", "value": n})
    return cells


def shared_formula_cells():
    col = len(sd.HEADERS)
    cells = [{"sheet": sd.SHEET, "ref": ref(col, 1), "kind": "string", "value": "满意项数"}]
    for r in range(2, LAST + 1):
        c = {"sheet": sd.SHEET, "ref": ref(col, r), "kind": "sharedFormula", "value": sd.satisfied_count(ROWS[r - 2]),
             "formula": 'COUNTIF(G%d:T%d,"满意")' % (r, r)}
        if r == 2:
            c["sharedRef"] = "%s2:%s%d" % (sd.col_letter(col), sd.col_letter(col), LAST)
        cells.append(c)
    return cells


def lo_pivot_output():
    # LibreOffice lays the pivot out from 透视!A3: header row, one row per customer (sorted by code
    # point), then its grand-total row. Blank 专业技术 answers are not counted.
    cells = [{"sheet": "透视", "ref": "A3", "kind": "string", "value": "客户名称"},
             {"sheet": "透视", "ref": "B3", "kind": "string", "value": "专业技术计数"}]
    custs = sorted(set(r[0] for r in ROWS))
    for k, c in enumerate(custs):
        n = sum(1 for r in ROWS if r[0] == c and r[sd.ITEM_COL0] is not None)
        cells.append({"sheet": "透视", "ref": "A%d" % (k + 4), "kind": "string", "value": c})
        cells.append({"sheet": "透视", "ref": "B%d" % (k + 4), "kind": "number", "value": n})
    total = sum(1 for r in ROWS if r[sd.ITEM_COL0] is not None)
    cells.append({"sheet": "透视", "ref": "B%d" % (len(custs) + 4), "kind": "number", "value": total})
    return cells


DEFINED = [{"name": "评价区域", "refersTo": "%s!$G$2:$T$%d" % (sd.SHEET, LAST)}]
NOTE = {"ref": "B9", "author": "CSAT", "text": "从下拉列表中选择一项评价"}
LO_NOTE = dict(NOTE, author=" ")  # LibreOffice 7.4 writes the note's author as a single space
LIST_DV = {"sqref": "B9:B12", "type": "list", "formula1": '"%s"' % ",".join(sd.ANSWERS)}
SPARK = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"
X14CF = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}"
X14ID = "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"


def P(kind, part, **kw):
    d = {"kind": kind, "part": part}
    d.update(kw)
    return d


EXCELIZE_CHART_PROBLEM = ("xl/charts/chart1.xml: element invertIfNegative: Schemas validity error : Element "
                          "'invertIfNegative': This element is not expected. Expected is one of "
                          "( trendline, errBars, cat, val, shape, extLst ).")
EXCELIZE_PARTS = [
    P("pivotTable", "xl/pivotTables/pivotTable1.xml"),
    P("pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml"),
    P("drawing", "xl/drawings/drawing1.xml"),
    P("chart", "xl/charts/chart1.xml"),
    P("media", "xl/media/image1.png"),
    P("comments", "xl/comments1.xml"),
    P("vml", "xl/drawings/vmlDrawing1.vml"),
]
FILES = {
    "openpyxl-survey.xlsx": {
        "validatorProblems": [],
        "producer": "openpyxl 3.0.9 (Debian python3-openpyxl, no lxml)",
        "sheets": [sd.SHEET, "用户图表"],
        "dateSystem": "1900",
        "sharedStrings": False,
        "cells": samples() + chart_table("用户图表"),
        "definedNames": DEFINED,
        "comments": [dict(NOTE, sheet="用户图表")],
        "dataValidations": [dict(LIST_DV, sheet="用户图表")],
        "userParts": [
            P("drawing", "xl/drawings/drawing1.xml"),
            P("chart", "xl/charts/chart1.xml"),
            P("comments", "xl/comments/comment1.xml"),
            P("vml", "xl/drawings/commentsDrawing1.vml"),
        ],
        "quirks": [
            "every relationship Target to a sheet/drawing/comments/vml is absolute (/xl/...)",
            "every string cell is t=\"inlineStr\" (no sharedStrings part) and non-ASCII text is written as numeric character references (&#23458;...)",
            "a cell with a note but no value is written as <c r=\"B9\" t=\"n\"></c>",
            "relationship ids 'comments' and 'anysvml' (not rIdN) for the note parts",
        ],
    },
    "libreoffice-survey.xlsx": {
        "validatorProblems": [],
        "producer": "LibreOffice 7.4 Calc (soffice --convert-to xlsx) re-saving an XlsxWriter 3.0.2 workbook",
        "sheets": [sd.SHEET, "用户图表"],
        "dateSystem": "1900",
        "sharedStrings": True,
        "cells": samples() + chart_table("用户图表"),
        "definedNames": DEFINED,
        "comments": [dict(LO_NOTE, sheet="用户图表")],
        "dataValidations": [dict(LIST_DV, sheet="用户图表")],
        "userParts": [
            P("drawing", "xl/drawings/drawing1.xml"),
            P("chart", "xl/charts/chart1.xml"),
            P("comments", "xl/comments2.xml"),
            P("vml", "xl/drawings/vmlDrawing1.vml"),
            P("extLst", "xl/workbook.xml", uri="{7626C862-2A13-11E5-B345-FEFF819CDC9F}", ns="http://schemas.libreoffice.org/"),
        ],
        "quirks": [
            "comments part named after the sheet's position (xl/comments2.xml for the 2nd sheet)",
            "the note's author is written as a single space (<author> </author>); its run font is the machine's CJK font (Noto Sans CJK SC here)",
            "no theme part; docProps/custom.xml present (empty)",
            "workbook.xml carries a LibreOffice extLst (loext:extCalcPr)",
            "zip entry times are the run's time, so the file differs from run to run; its parts do not (chart c:axId values are random unless SAL_RAND_REPEATABLE is set, as make-corpus.sh does)",
        ],
    },
    "libreoffice-pivot.xlsx": {
        "validatorProblems": [],
        "producer": "LibreOffice 7.4 Calc re-saving excelize-user-extras.xlsx (excelize-wasm writes no pivotCacheRecords; LibreOffice does)",
        "sheets": [sd.SHEET, "透视", "图片与图表"],
        "dateSystem": "1900",
        "sharedStrings": True,
        "cells": samples() + chart_table("图片与图表") + lo_pivot_output(),
        "definedNames": DEFINED,
        "comments": [dict(LO_NOTE, sheet="图片与图表")],
        "dataValidations": [dict(LIST_DV, sheet="图片与图表")],
        "userParts": [
            P("pivotTable", "xl/pivotTables/pivotTable1.xml"),
            P("pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml"),
            P("pivotCacheRecords", "xl/pivotCache/pivotCacheRecords1.xml"),
            P("drawing", "xl/drawings/drawing1.xml"),
            P("chart", "xl/charts/chart1.xml"),
            P("media", "xl/media/image1.png"),
            P("comments", "xl/comments3.xml"),
            P("vml", "xl/drawings/vmlDrawing1.vml"),
            P("extLst", "xl/workbook.xml", uri="{7626C862-2A13-11E5-B345-FEFF819CDC9F}", ns="http://schemas.libreoffice.org/"),
        ],
        "quirks": [
            "comments part xl/comments3.xml (3rd sheet); the note's author is written as a single space",
            "the pivot table's output cells (透视!A3:B10) are computed and written by LibreOffice; its grand-total label is in LibreOffice's UI language",
            "zip entry times are the run's time, so the file differs from run to run; its parts do not (chart c:axId values are random unless SAL_RAND_REPEATABLE is set, as make-corpus.sh does)",
        ],
    },
    "xlsxwriter-features.xlsx": {
        "validatorProblems": [],
        "producer": "XlsxWriter 3.0.2 (Debian python3-xlsxwriter), constant_memory + date_1904",
        "sheets": [sd.SHEET, "统计"],
        "dateSystem": "1904",
        "sharedStrings": False,
        "cells": samples(rich=True) + stats_table(),
        "definedNames": [],
        "comments": [],
        "dataValidations": [],
        "richText": {"sheet": sd.SHEET, "ref": ref(U, sd.RICH_ROW + 2),
                     "runs": [{"text": t, "bold": bool(p.get("bold")), "italic": bool(p.get("italic"))} for t, p in sd.RICH_RUNS]},
        "userParts": [
            P("x14-extLst", "xl/worksheets/sheet2.xml", uri=X14ID, ns=X14, what="x14:id inside the data bar cfRule"),
            P("x14-extLst", "xl/worksheets/sheet2.xml", uri=X14CF, ns=X14, what="x14:conditionalFormattings (2010 data bar)"),
            P("x14-extLst", "xl/worksheets/sheet2.xml", uri=SPARK, ns=X14, what="x14:sparklineGroups"),
        ],
        "quirks": [
            "every string cell is t=\"inlineStr\" (constant_memory), the rich string as <is><r>...</r></is>",
            "dates are 1904-system serials (2026-01-05 is 44565)",
            "统计 (sheet2.xml) declares mc:Ignorable=\"x14ac\" and uses x14ac:dyDescent",
        ],
    },
    "excelize-user-extras.xlsx": {
        "validatorProblems": [EXCELIZE_CHART_PROBLEM],
        "producer": "excelize-wasm 0.1.3 (excelize 2.x compiled to WebAssembly), Node",
        "sheets": [sd.SHEET, "透视", "图片与图表"],
        "dateSystem": "1900",
        "sharedStrings": True,
        "cells": samples() + chart_table("图片与图表")
        + [{"sheet": "透视", "ref": "A1", "kind": "string", "value": "各客户专业技术评价数"}],
        "definedNames": DEFINED,
        "comments": [dict(NOTE, sheet="图片与图表")],
        "dataValidations": [dict(LIST_DV, sheet="图片与图表")],
        "userParts": EXCELIZE_PARTS,
        "quirks": [
            "no pivotCacheRecords: the cache definition says saveData=\"false\" refreshOnLoad=\"true\" and its sharedItems are empty",
            "the pivot table's output cells are not written (Excel fills them on refresh)",
            "the sharedStrings relationship Target is absolute (/xl/sharedStrings.xml), the others relative",
            "调查数据's <dimension ref=\"A1\"/> is stale (the data is A1:U31)",
            "empty elements written as <x></x>, booleans as true/false",
            "chart1.xml: a bar series' <invertIfNegative> comes after <dLbls> and it has a <smooth> (not in CT_BarSer) — schema-invalid",
        ],
    },
    "excel-like-mc.xlsx": {
        "validatorProblems": [],
        "producer": "excelize-user-extras.xlsx post-processed by scripts/corpus/make_excel_like.py to look like Excel 365 output",
        "sheets": [sd.SHEET, "透视", "图片与图表"],
        "dateSystem": "1900",
        "sharedStrings": True,
        "cells": samples() + shared_formula_cells() + chart_table("图片与图表"),
        "definedNames": DEFINED,
        "comments": [dict(NOTE, sheet="图片与图表")],
        "dataValidations": [dict(LIST_DV, sheet="图片与图表")],
        "userParts": EXCELIZE_PARTS,
        "otherParts": [{"kind": "calcChain", "part": "xl/calcChain.xml"}],
        "quirks": [
            "workbook.xml: mc:Ignorable=\"x15 xr xr6 xr10 xr2\", mc:AlternateContent with x15ac:absPath after workbookPr, xr:revisionPtr, xr2:uid",
            "调查数据: mc:Ignorable=\"x14ac xr xr2 xr3\" + xr:uid on <worksheet>; column V is one shared formula (V2 master, V3:V31 <f t=\"shared\" si=\"0\"/>) with cached values",
            "xl/calcChain.xml lists V2:V31",
            "chart1.xml is excelize's with the series elements put in schema order",
        ],
    },
}

USER_CT = {
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": "chart",
    "application/vnd.openxmlformats-officedocument.drawing+xml": "drawing",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml": "comments",
    "application/vnd.openxmlformats-officedocument.vmlDrawing": "vml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml": "pivotTable",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml": "pivotCacheDefinition",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml": "pivotCacheRecords",
}
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def discover(path):
    """User parts actually in the zip: by content type, media by folder, <ext> by parsing the
    workbook and worksheet parts. Used only to check the declared lists."""
    z = zipfile.ZipFile(path)
    names = [n for n in z.namelist() if not n.endswith("/")]
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in ct.iter(CT + "Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in ct.iter(CT + "Override")}
    found = []
    for n in names:
        t = overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1].lower())
        if n.startswith("xl/media/"):
            found.append(P("media", n))
        elif t in USER_CT:
            found.append(P(USER_CT[t], n))
        if t and (t.endswith("worksheet+xml") or t.endswith("sheet.main+xml")):
            for ext in ET.fromstring(z.read(n)).iter(S + "ext"):
                kids = list(ext)
                ns = kids[0].tag[1:].split("}")[0] if kids and kids[0].tag.startswith("{") else ""
                found.append(P("x14-extLst" if ns == X14 else "extLst", n, uri=ext.get("uri"), ns=ns))
    return found


def key(p):
    return (p["kind"], p["part"], p.get("uri"))


def norm(v):
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def validator_problems(validator, path):
    import subprocess
    p = subprocess.run(["python3", validator, path], capture_output=True, text=True)
    prefix = os.path.basename(path) + ": "
    return [l[len(prefix):] for l in p.stdout.splitlines() if l.startswith(prefix) and l != prefix + "valid"]


def check(corpus, name, spec, validator=None):
    import openpyxl
    problems = []
    path = os.path.join(corpus, name)
    if validator:
        got = validator_problems(validator, path)
        if got != spec["validatorProblems"]:
            problems.append("validate-xlsx says %r, expected %r" % (got, spec["validatorProblems"]))
    declared = {key(p) for p in spec["userParts"]}
    found = {key(p) for p in discover(path)}
    for k in sorted(declared - found, key=str):
        problems.append("declared user part not in the zip: %s" % (k,))
    for k in sorted(found - declared, key=str):
        problems.append("user part in the zip but not declared: %s" % (k,))
    names = set(zipfile.ZipFile(path).namelist())
    for p in spec.get("otherParts", []):
        if p["part"] not in names:
            problems.append("declared part not in the zip: %s" % p["part"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
            wbf = openpyxl.load_workbook(path) if any(c["kind"] == "sharedFormula" for c in spec["cells"]) else None
    except Exception as e:  # noqa: BLE001 - any failure to read is a finding
        return ["%s: %s" % (name, p) for p in problems + ["openpyxl cannot read it: %r" % e]]
    if wb.sheetnames != spec["sheets"]:
        problems.append("sheets %s != %s" % (wb.sheetnames, spec["sheets"]))
    if (wb.epoch.year == 1904) != (spec["dateSystem"] == "1904"):
        problems.append("date system: openpyxl epoch %s" % wb.epoch)
    ws = wb[sd.SHEET]
    for r in range(1, LAST + 1):
        for c in range(len(sd.HEADERS)):
            want = sd.HEADERS[c] if r == 1 else sd.iso(ROWS[r - 2][c])
            got = norm(ws.cell(row=r, column=c + 1).value)
            if got != want:
                problems.append("%s!%s: openpyxl reads %r, expected %r" % (sd.SHEET, ref(c, r), got, want))
    for cell in spec["cells"]:
        got = norm(wb[cell["sheet"]][cell["ref"]].value)
        if got != cell["value"]:
            problems.append("%s!%s: openpyxl reads %r, expected %r" % (cell["sheet"], cell["ref"], got, cell["value"]))
        if cell["kind"] == "sharedFormula":
            f = wbf[cell["sheet"]][cell["ref"]].value
            if f != "=" + cell["formula"]:
                problems.append("%s!%s: formula %r, expected %r" % (cell["sheet"], cell["ref"], f, cell["formula"]))
    for dn in spec["definedNames"]:
        got = wb.defined_names.get(dn["name"])
        if got is None or got.attr_text != dn["refersTo"]:
            problems.append("defined name %s: %r" % (dn["name"], got and got.attr_text))
    for note in spec["comments"]:
        cm = wb[note["sheet"]][note["ref"]].comment
        if cm is None or cm.text.strip() != note["text"] or cm.author != note["author"]:
            problems.append("note %s!%s: %r" % (note["sheet"], note["ref"], cm and (cm.author, cm.text)))
    for dv in spec["dataValidations"]:
        dvs = [(str(d.sqref), d.type, d.formula1) for d in wb[dv["sheet"]].data_validations.dataValidation]
        if (dv["sqref"], dv["type"], dv["formula1"]) not in dvs:
            problems.append("data validation on %s: %r" % (dv["sheet"], dvs))
    return ["%s: %s" % (name, p) for p in problems]


def dumps(v, depth=0):
    """JSON with one line per leaf object or list (a cell, a part, a response row)."""
    flat = lambda x: not isinstance(x, (dict, list)) or not any(isinstance(y, (dict, list)) for y in (x.values() if isinstance(x, dict) else x))
    if flat(v):
        return json.dumps(v, ensure_ascii=False)
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(v, dict):
        body = ",\n".join("%s%s: %s" % (inner, json.dumps(k, ensure_ascii=False), dumps(x, depth + 1)) for k, x in v.items())
        return "{\n%s\n%s}" % (body, pad)
    return "[\n%s\n%s]" % (",\n".join(inner + dumps(x, depth + 1) for x in v), pad)


def main(corpus, validator=None):
    out = {
        "about": "Facts about each workbook in test/corpus, written by scripts/corpus/write_expected.py from "
                 "the generators' input data (scripts/corpus/survey_data.py), not by reading the files. "
                 "Cell values: strings exactly, dates as ISO YYYY-MM-DD, numbers as numbers, blanks as null; "
                 "kind is string|date|number|blank|richText (value = its runs' text)|sharedFormula (value = cached). "
                 "userParts: parts (and worksheet/workbook <ext> entries, by uri) a package editor does not own "
                 "and must carry byte for byte; part paths exactly as in the zip. validatorProblems: what the team's "
                 "validate-xlsx reports for the file as produced (FILE: prefix dropped).",
        "responses": {
            "sheet": sd.SHEET, "headerRow": 1, "firstRow": 2, "rowCount": len(ROWS),
            "range": "A1:%s" % ref(len(sd.HEADERS) - 1, LAST),
            "headers": sd.HEADERS, "items": sd.ITEMS, "answers": sd.ANSWERS, "dateFormat": sd.DATE_FORMAT,
            "rows": [[sd.iso(v) for v in r] for r in ROWS],
        },
        "files": {},
    }
    problems = []
    for name, spec in FILES.items():
        if not os.path.exists(os.path.join(corpus, name)):
            problems.append("%s: missing" % name)
            continue
        entry = {"responseRows": len(ROWS)}
        entry.update(spec)
        out["files"][name] = entry
        problems += check(corpus, name, spec, validator)
    with open(os.path.join(corpus, "expected.json"), "w", encoding="utf-8") as f:
        f.write(dumps(out) + "\n")
    for p in problems:
        print(p)
    print("write_expected: %d files, %d problems" % (len(out["files"]), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
