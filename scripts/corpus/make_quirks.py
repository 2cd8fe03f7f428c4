"""The quirk corpus, test/corpus/quirks/: legal OOXML written another way. Every file starts as an
XlsxWriter 3.0.2 workbook (shared strings, a table, a note, defined names) holding the same 30 responses
in 调查数据 (survey_data.py), and gets one quirk by zip/XML post-processing here. expected.json is
written from this script's own data (survey_data.py and the edits below), never read back with our
TypeScript code; each file is then read back with quirk_facts.py (openpyxl + lxml) and must agree.

Every file's 调查数据 carries the add-in's owner mark (the defined name CSAT_OWNED_responses), as a
survey workbook the add-in made and another program re-saved: `import --into` appends to that sheet
(so the quirky sheet XML is edited, not a new sheet of ours) and every job reads it.

Deterministic: XlsxWriter's fixed `created` date, zip entries stamped 2026-01-01 00:00:00, fixed
salts and bytes.

Usage: /usr/bin/python3 make_quirks.py OUT_DIR [VALIDATE_XLSX]
"""
import base64
import csv
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import xlsxwriter
from lxml import etree

import quirk_facts as qf
import survey_data as sd
from xlsxwriter_survey import write_responses

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
ROWS = sd.responses()
LAST = len(ROWS) + 1                     # last row of the responses
LAST_COL = sd.col_letter(len(sd.HEADERS) - 1)  # U
TABLE = "调查数据表"
OWNER = "CSAT_OWNED_responses"
USER_NAME = "评价区域"
T_MAIN, S_MAIN = qf.T_MAIN, qf.S_MAIN
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
CT_WORKBOOK = SML + "sheet.main+xml"
CT_TEMPLATE = SML + "template.main+xml"
CT_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
T_CRIT = 2.045229642132703               # Student's t, 0.975 quantile, 29 degrees of freedom
assert list(qf.WEIGHTS) == sd.ITEMS

# The 问卷星 export the test imports with `import --into` (answers to the 14 items by name).
IMPORT_HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、贵单位名称"] + \
    ["%d、%s" % (k + 2, it) for k, it in enumerate(sd.ITEMS)] + ["16、意见与建议"]
IMPORT_ANSWERS = [
    ["满意"] * 13 + ["一般"],
    ["较满意", "不满意", "(跳过)", "很不满意", "满意", "一般", "较满意", "满意", "(跳过)", "满意", "较满意", "一般", "满意", "满意"],
]
IMPORT_ROWS = [
    ["1", "2026/11/3 10:00:00", "120秒", "手机提交", "直接访问", "10.0.0.1", "新客户甲"] + IMPORT_ANSWERS[0] + ["无"],
    ["2", "2026/11/4 15:30:00", "95秒", "链接", "微信", "10.0.0.2", "新客户乙"] + IMPORT_ANSWERS[1] + ["(跳过)"],
]


def answers_of(rows):
    return [[r[sd.ITEM_COL0 + j] for j in range(len(sd.ITEMS))] for r in rows]


SCORES = qf.oracle(answers_of(ROWS))
AFTER_IMPORT = qf.oracle(answers_of(ROWS) + [[None if a == "(跳过)" else a for a in ans] for ans in IMPORT_ANSWERS])


def confidence_interval(rows):
    """A 95% t interval of the respondents' weighted scores (what CSAT.CI returns; cached in E2:E3)."""
    scores = []
    for ans in answers_of(rows):
        got = [(qf.WEIGHTS[n], qf.LEVELS[a]) for n, a in zip(sd.ITEMS, ans) if a in qf.LEVELS]
        if got:
            scores.append(sum(w * s for w, s in got) / sum(w for w, _ in got) / 100)
    n = len(scores)
    mean = sum(scores) / n
    sd_ = (sum((x - mean) ** 2 for x in scores) / (n - 1)) ** 0.5
    half = T_CRIT * sd_ / n ** 0.5
    return [mean - half, mean + half]


# ---------------------------------------------------------------------------------------------- package

class Parts:
    """The parts of a package in zip order, with the few edits the quirks need."""

    def __init__(self, items):
        self.order = [n for n, _ in items]
        self.data = dict(items)

    def text(self, name):
        return self.data[name].decode("utf-8")

    def set(self, name, value):
        if name not in self.data:
            self.order.append(name)
        self.data[name] = value.encode("utf-8") if isinstance(value, str) else value

    def edit(self, name, fn):
        self.set(name, fn(self.text(name)))

    def override(self, part, ctype):
        self.edit("[Content_Types].xml", lambda s: sub1(r"</Types>", '<Override PartName="/%s" ContentType="%s"/></Types>' % (part, ctype), s))

    def add_rel(self, rels, rtype, target):
        s = self.text(rels)
        rid = "rId%d" % (max(int(i) for i in re.findall(r'Id="rId(\d+)"', s)) + 1)
        self.set(rels, sub1(r"</Relationships>", '<Relationship Id="%s" Type="%s" Target="%s"/></Relationships>' % (rid, rtype, target), s))
        return rid

    def zip(self):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for n in self.order:
                zi = zipfile.ZipInfo(n, ZIP_TIME)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o600 << 16
                z.writestr(zi, self.data[n])
        return buf.getvalue()


def sub1(pattern, repl, text, flags=0):
    new, n = re.subn(pattern, repl, text, count=1, flags=flags)
    if n != 1:
        raise SystemExit("make_quirks: pattern not found: %s" % pattern)
    return new


def base(extra=None, note=True, props=None, custom=(), vba=None):
    """The XlsxWriter workbook every quirk starts from: 调查数据 (30 responses, table 调查数据表 over
    A1:U31, a note on U1), the owner mark, the user's name 评价区域, and whatever `extra` adds."""
    bio = io.BytesIO()
    wb = xlsxwriter.Workbook(bio, {"in_memory": True})
    wb.set_properties({"author": "corpus", "created": FIXED_TIME, **(props or {})})
    for name, value in custom:
        wb.set_custom_property(name, value)
    ws = wb.add_worksheet(sd.SHEET)
    write_responses(wb, ws, ROWS)
    ws.add_table(0, 0, LAST - 1, len(sd.HEADERS) - 1, {"name": TABLE, "columns": [{"header": h} for h in sd.HEADERS]})
    if note:
        ws.write_comment("%s1" % LAST_COL, "请写下客户的原话", {"author": "CSAT"})
    wb.define_name(OWNER, "=%s!$A$1" % sd.SHEET)
    wb.define_name(USER_NAME, "=%s!$G$2:$T$%d" % (sd.SHEET, LAST))
    if vba is not None:
        wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    if extra:
        extra(wb)
    wb.close()
    z = zipfile.ZipFile(io.BytesIO(bio.getvalue()))
    return Parts([(n, z.read(n)) for n in z.namelist()])


BASE_NAMES = [
    {"name": OWNER, "localSheetId": None, "value": "%s!$A$1" % sd.SHEET},
    {"name": USER_NAME, "localSheetId": None, "value": "%s!$G$2:$T$%d" % (sd.SHEET, LAST)},
]
BASE_CORE = {"creator": "corpus", "lastModifiedBy": "corpus", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}
SHEET_PART = "xl/worksheets/sheet1.xml"    # 调查数据 in every base
TABLE_PART = "xl/tables/table1.xml"


def single_quoted(tag_text):
    """Every attribute of the start tags in a piece of XML written with single quotes."""
    def tag(m):
        return re.sub(r'(\s[\w:.-]+)="([^"]*)"', lambda a: "%s='%s'" % (a.group(1), a.group(2).replace("'", "&apos;")), m.group(0))
    return re.sub(r"<[A-Za-z_][^<>]*>", tag, tag_text)


# ---------------------------------------------------------------------------------------------- quirks

SML_PART_TYPES = ("sheet.main+xml", "worksheet+xml", "styles+xml", "sharedStrings+xml", "table+xml", "comments+xml", "calcChain+xml")


def sml_parts(p):
    ct = p.text("[Content_Types].xml")
    return [m.group(1).lstrip("/") for m in re.finditer(r'<Override PartName="([^"]+)" ContentType="%s(?:%s)"' % (re.escape(SML), "|".join(map(re.escape, SML_PART_TYPES))), ct)]


def prefixed_ns():
    """The SpreadsheetML main namespace bound to `x:` in every SpreadsheetML part, no default namespace."""
    p = base()
    edited = []
    for part in sml_parts(p):
        def prefix(s):
            s = sub1(r'\sxmlns="%s"' % re.escape(T_MAIN), ' xmlns:x="%s"' % T_MAIN, s)
            return re.sub(r"<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])", r"<\1x:\2", s)
        p.edit(part, prefix)
        root = etree.fromstring(p.data[part])
        assert None not in root.nsmap and all(el.prefix == "x" for el in root.iter() if qf.ns_of(el.tag) == T_MAIN), part
        edited.append(part)
    assert {SHEET_PART, TABLE_PART, "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/comments1.xml"} <= set(edited)
    return p, {"quirks": ["SpreadsheetML main namespace bound to prefix x: in " + ", ".join(edited) + "; no default namespace"]}


def char_refs(text):
    return "".join(("&#x%X;" if k % 2 == 0 else "&#%d;") % ord(ch) if ord(ch) > 127 else ch for k, ch in enumerate(text))


CDATA_TEXT = "a </c> & b"


def markup_tricks():
    p = base()
    s = p.text(SHEET_PART)
    # A6 (客户名称 of response 5) as an inline string written with character references.
    a6 = ROWS[4][0]
    s = sub1(r'<c r="A6" t="s"><v>\d+</v></c>', '<c r="A6" t="inlineStr"><is><t>%s</t></is></c>' % char_refs(a6), s)
    # U2 (意见与建议 of response 0, blank in survey_data) as an inline string holding a CDATA section.
    assert ROWS[0][sd.COMMENT_COL] is None
    s = sub1(r'(<row r="2"[^>]*>.*?)(</row>)', lambda m: m.group(1) + "<c r=\"U2\" t=\"inlineStr\"><is><t><![CDATA[%s]]></t></is></c>" % CDATA_TEXT + m.group(2), s, re.S)
    # Row 5 and its cells with single-quoted attributes.
    s = sub1(r'<row r="5".*?</row>', lambda m: single_quoted(m.group(0)), s, re.S)
    # Whitespace between rows and cells.
    s = re.sub(r"(<row\b|</sheetData>)", r"\n  \1", s)
    s = re.sub(r"(<c\b)", r"\n    \1", s)
    # A comment that looks like markup, and a processing instruction, between rows.
    s = sub1(r"(</row>)(\s*<row r=\"4\")", r'\1<!-- </row><row r="99"><c r="A99" t="inlineStr"><is><t>not a cell</t></is></c> -->\2', s)
    s = sub1(r"(</row>)(\s*<row r=\"8\")", r"\1<?csat-test keep?>\2", s)
    # A comment after the root element.
    s = sub1(r"</worksheet>\s*$", "</worksheet><!-- </worksheet> -->\n", s)
    p.set(SHEET_PART, s)
    # The table and workbook.xml with single-quoted attributes and a comment.
    p.edit(TABLE_PART, lambda t: sub1(r"(<autoFilter)", r"<!-- 调查数据表: <tableColumn name='假列'/> -->\1", single_quoted(t)))
    p.edit("xl/workbook.xml", lambda t: sub1(r"(<definedNames>)", "<!-- <sheet name='假表' sheetId='9' r:id='rId9'/> -->\\1", single_quoted(t)))
    etree.fromstring(p.data[SHEET_PART])
    etree.fromstring(p.data[TABLE_PART])
    etree.fromstring(p.data["xl/workbook.xml"])
    cells = [{"sheet": sd.SHEET, "ref": "A6", "value": a6}, {"sheet": sd.SHEET, "ref": "U2", "value": CDATA_TEXT},
             {"sheet": sd.SHEET, "ref": "A5", "value": ROWS[3][0]}, {"sheet": sd.SHEET, "ref": "G5", "value": ROWS[3][sd.ITEM_COL0]}]
    return p, {
        "quirks": [
            "调查数据: a comment holding </row><row r=\"99\"> between rows 3 and 4; <?csat-test keep?> between rows 7 and 8;"
            " row 5 and its cells with single-quoted attributes; A6 as inlineStr written with character references;"
            " U2 as inlineStr <t><![CDATA[a </c> & b]]></t> (the only cell whose value differs from survey_data.py);"
            " newlines and indentation between rows and cells; a comment after </worksheet>",
            "xl/tables/table1.xml and xl/workbook.xml: single-quoted attributes and a comment",
        ],
        "cells": cells,
    }


USER_SHEET = qf.USER_SHEET


def shared_formula_user():
    items = SCORES["items"]
    ci = confidence_interval(ROWS)
    lengths = [len(it) for it in sd.ITEMS]

    def extra(wb):
        ws = wb.add_worksheet(USER_SHEET)
        pct = wb.add_format({"num_format": "0.0%"})
        for c, h in enumerate(["项目", "满意度", "名称长度", "", "置信区间", "名称长度合计"]):
            if h:
                ws.write_string(0, c, h)
        for j, it in enumerate(sd.ITEMS):
            ws.write_string(j + 1, 0, it)
            ws.write_number(j + 1, 1, 0, pct)
            ws.write_number(j + 1, 2, 0)
        ws.write_number(1, 4, 0, pct)
        ws.write_number(2, 4, 0, pct)
        ws.write_number(1, 5, 0)

    p = base(extra)
    part = "xl/worksheets/sheet2.xml"
    s = p.text(part)

    def put(ref, inner):
        nonlocal s
        s = sub1(r'<c r="%s"( s="\d+")?><v>0</v></c>' % ref, lambda m: '<c r="%s"%s>%s</c>' % (ref, m.group(1) or "", inner), s)

    last = len(sd.ITEMS) + 1
    for j, it in enumerate(sd.ITEMS):
        r = j + 2
        f = '<f t="shared" ref="B2:B%d" si="0">_xldudf_CSAT_ITEM(%s[#All],A2)</f>' % (last, TABLE) if r == 2 else '<f t="shared" si="0"/>'
        put("B%d" % r, "%s<v>%r</v>" % (f, items[it]))
        f = '<f t="shared" ref="C2:C%d" si="1">LEN(A2)</f>' % last if r == 2 else '<f t="shared" si="1"/>'
        put("C%d" % r, "%s<v>%d</v>" % (f, lengths[j]))
    put("E2", '<f t="array" ref="E2:E3">_xldudf_CSAT_CI(%s[#All])</f><v>%r</v>' % (TABLE, ci[0]))
    put("E3", "<v>%r</v>" % ci[1])
    put("F2", "<f>SUM(C2:C%d)</f><v>%d</v>" % (last, sum(lengths)))
    p.set(part, s)
    # Cached values are current: no recalculation on load; Excel's calcChain for the formula cells.
    p.edit("xl/workbook.xml", lambda t: sub1(r' fullCalcOnLoad="1"', "", t))
    chain = ['<c r="B2" i="2"/>'] + ['<c r="B%d"/>' % r for r in range(3, last + 1)] + \
        ['<c r="C%d"/>' % r for r in range(2, last + 1)] + ['<c r="E2" a="1"/>', '<c r="F2"/>']
    p.set("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="%s">%s</calcChain>' % (T_MAIN, "".join(chain)))
    p.override("xl/calcChain.xml", SML + "calcChain+xml")
    p.add_rel("xl/_rels/workbook.xml.rels", REL_T + "calcChain", "calcChain.xml")
    return p, {
        "quirks": [
            "我的统计!B2:B15: one shared formula _xldudf_CSAT_ITEM(调查数据表[#All],A2) (master B2, dependents <f t=\"shared\" si=\"0\"/>), cached values = the oracle's per-item satisfaction",
            "我的统计!C2:C15: shared formula LEN(A2) filled down (si=1); F2: SUM(C2:C15)",
            "我的统计!E2:E3: array formula _xldudf_CSAT_CI(调查数据表[#All]), cached values mean -/+ t(0.975,29)*s/sqrt(n) of the respondents' weighted scores",
            "xl/calcChain.xml over the formula cells; no fullCalcOnLoad",
        ],
        "userSheet": {
            "sheet": USER_SHEET, "items": {"A%d" % (j + 2): it for j, it in enumerate(sd.ITEMS)},
            "B": {"B%d" % (j + 2): items[it] for j, it in enumerate(sd.ITEMS)},
            "C": {"C%d" % (j + 2): {"formula": "=LEN(A%d)" % (j + 2), "value": lengths[j]} for j in range(len(sd.ITEMS))},
            "E": {"E2": ci[0], "E3": ci[1], "formula": "_xldudf_CSAT_CI(%s[#All])" % TABLE},
            "F2": {"formula": "=SUM(C2:C%d)" % last, "value": sum(lengths)},
        },
    }


def lo4_content_types():
    """[Content_Types].xml as LibreOffice <= 6 wrote it: an Override for every part, relationships parts
    included, and no <Default> at all (no rels, no xml)."""
    p = base()
    facts = qf.content_types(qf.Package(p.zip()))
    overrides = "".join('<Override PartName="/%s" ContentType="%s"/>' % (n, facts["types"][n]) for n in p.order if n != "[Content_Types].xml")
    p.set("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % overrides)
    return p, {"quirks": ["[Content_Types].xml: an <Override> for every part (relationships parts and the VML drawing included), no <Default> entries"]}


PRINT_SHEET = "打印页"


def print_sheet(wb):
    ws = wb.add_worksheet(PRINT_SHEET)
    ws.write_row(0, 0, ["客户名称", "满意度", "备注", "日期"])
    for k, c in enumerate(sd.CUSTOMERS):
        ws.write_string(k + 1, 0, c)
    ws.print_area("A1:D20")
    ws.repeat_rows(0)


def empty_rid_sheets():
    p = base(print_sheet)
    p.edit("xl/workbook.xml", lambda t: sub1(
        r'(<sheets>)(<sheet name="%s"[^>]*/>)' % sd.SHEET,
        r'\1<sheet name="旧表一" sheetId="3" r:id=""/>\2<sheet name="旧表二" sheetId="4" r:id="rId99"/>', t))
    p.edit("xl/workbook.xml", lambda t: t.replace('localSheetId="1"', 'localSheetId="3"'))
    assert 'r:id="rId99"' not in p.text("xl/_rels/workbook.xml.rels") and 'Id="rId99"' not in p.text("xl/_rels/workbook.xml.rels")
    names = [{"name": "_xlnm.Print_Area", "localSheetId": 3, "value": "%s!$A$1:$D$20" % PRINT_SHEET},
             {"name": "_xlnm.Print_Titles", "localSheetId": 3, "value": "%s!$1:$1" % PRINT_SHEET}]
    return p, {
        "quirks": ["<sheets>: 旧表一 (r:id=\"\") first and 旧表二 (r:id=\"rId99\", no such relationship) third; the user's "
                   "_xlnm.Print_Area and _xlnm.Print_Titles of 打印页 have localSheetId 3, its index counting the broken entries"],
        "sheets": ["旧表一", sd.SHEET, "旧表二", PRINT_SHEET], "names": names, "worksheets": [sd.SHEET, PRINT_SHEET],
    }


def to_strict(text):
    for s, t in qf.STRICT_TO_TRANSITIONAL.items():
        text = text.replace('"%s"' % t, '"%s"' % s)
    for s, t in qf.STRICT_REL_TYPE_RENAMES.items():
        text = text.replace(REL_T + t + '"', REL_T + s + '"')
    return text.replace(REL_T, qf.S_REL + "/")


def strict():
    """ISO/IEC 29500 Strict: every Transitional namespace and relationship type mapped to its Strict
    (purl.oclc.org) equivalent, conformance="strict" on the workbook. No note (VML is Transitional only)."""
    p = base(note=False)
    for n in p.order:
        if n.endswith((".xml", ".rels")) and n != "[Content_Types].xml":
            p.edit(n, to_strict)
    p.edit("xl/workbook.xml", lambda t: sub1(r"(<workbook\b[^>]*?)>", r'\1 conformance="strict">', t))
    facts = qf.facts(p.zip())
    assert facts["transitional"] == [], facts["transitional"]
    return p, {"quirks": ["ISO/IEC 29500 Strict: namespaces and relationship types under http://purl.oclc.org/ooxml/, "
                          "conformance=\"strict\"; the package-level namespaces and core-properties relationship (OPC) are the same in both"]}


def vba_bytes():
    """Deterministic stand-in bytes for xl/vbaProject.bin: a CFB signature and a hash chain (not a real
    VBA project: readers must carry it, never parse it)."""
    out = bytes.fromhex("D0CF11E0A1B11AE1")
    h = b"csat quirk corpus vbaProject"
    while len(out) < 1536:
        h = hashlib.sha256(h).digest()
        out += h
    return out[:1536]


def macro():
    p = base(vba=vba_bytes())
    ct = p.text("[Content_Types].xml")
    assert CT_MACRO in ct and CT_VBA in ct and REL_VBA in p.text("xl/_rels/workbook.xml.rels")
    return p, {"quirks": ["macro-enabled workbook (%s); xl/vbaProject.bin (%s, relationship %s): stand-in bytes, not a real VBA project" % (CT_MACRO, CT_VBA, REL_VBA)]}


def template():
    p = base()
    p.edit("[Content_Types].xml", lambda t: sub1(re.escape('ContentType="%s"' % CT_WORKBOOK), 'ContentType="%s"' % CT_TEMPLATE, t))
    return p, {"quirks": ["template: workbook content type %s" % CT_TEMPLATE]}


PASSWORD = "quirk"


def protection_hash(password, salt, spin):
    """ECMA-376 Part 1 18.2.29 / Agile: H0 = SHA-512(salt + UTF-16LE password), Hn = SHA-512(Hn-1 + n as uint32 LE)."""
    h = hashlib.sha512(salt + password.encode("utf-16-le")).digest()
    for i in range(spin):
        h = hashlib.sha512(h + i.to_bytes(4, "little")).digest()
    return h


def locked(password):
    p = base()
    if password:
        salt = hashlib.sha256(b"csat quirk corpus salt").digest()[:16]
        spin = 100000
        el = ('<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="%s" workbookSaltValue="%s" workbookSpinCount="%d" lockStructure="1"/>'
              % (base64.b64encode(protection_hash(password, salt, spin)).decode(), base64.b64encode(salt).decode(), spin))
    else:
        el = '<workbookProtection lockStructure="1"/>'
    p.edit("xl/workbook.xml", lambda t: sub1(r"(<workbookPr\b[^>]*/>)", lambda m: m.group(1) + el, t))
    return p, {"quirks": ["workbook.xml: " + el + (" (password %r)" % password if password else "")]}


USER_CORE = {"title": "Quirky", "subject": "用户自己的主题", "creator": "王五", "keywords": "满意度;季度;用户", "category": "Quirk",
             "description": "用户写的说明：请勿改动"}
USER_CUSTOM = [("项目编号", "Q-2026-07"), ("审核人", "李四"), ("版本号", 3), ("已审核", True), ("审核日期", datetime.datetime(2026, 2, 3, 0, 0, 0))]


def user_docprops():
    props = {"title": USER_CORE["title"], "subject": USER_CORE["subject"], "author": USER_CORE["creator"],
             "keywords": USER_CORE["keywords"], "category": USER_CORE["category"], "comments": USER_CORE["description"]}
    p = base(print_sheet_plain, props=props, custom=USER_CUSTOM)
    return p, {"quirks": ["docProps/core.xml with the user's title, subject, creator, keywords, category and description; "
                          "docProps/app.xml HeadingPairs/TitlesOfParts listing the sheets and names; docProps/custom.xml with the user's properties"],
               "core": dict(USER_CORE, lastModifiedBy=USER_CORE["creator"]),
               "custom": {"项目编号": {"type": "lpwstr", "value": "Q-2026-07"}, "审核人": {"type": "lpwstr", "value": "李四"},
                          "版本号": {"type": "i4", "value": "3"}, "已审核": {"type": "bool", "value": "true"},
                          "审核日期": {"type": "filetime", "value": "2026-02-03T00:00:00Z"}},
               "sheets": [sd.SHEET, "说明"]}


def print_sheet_plain(wb):
    ws = wb.add_worksheet("说明")
    ws.write_string(0, 0, "这是用户自己的工作表")


FILES = [
    ("prefixed-ns.xlsx", prefixed_ns),
    ("markup-tricks.xlsx", markup_tricks),
    ("shared-formula-user.xlsx", shared_formula_user),
    ("lo4-content-types.xlsx", lo4_content_types),
    ("empty-rid-sheets.xlsx", empty_rid_sheets),
    ("strict.xlsx", strict),
    ("macro.xlsm", macro),
    ("template.xltx", template),
    ("locked-structure.xlsx", lambda: locked(None)),
    ("locked-structure-password.xlsx", lambda: locked(PASSWORD)),
    ("user-docprops.xlsx", user_docprops),
]


def kind_of(name, p):
    ct = p.text("[Content_Types].xml")
    wb = p.text("xl/workbook.xml")
    kind = "xlsm" if CT_MACRO in ct else "xltx" if CT_TEMPLATE in ct else "xlsx"
    return {"type": kind, "extension": name.rsplit(".", 1)[-1], "strict": 'conformance="strict"' in wb,
            "lockStructure": bool(re.search(r"<workbookProtection\b[^>]*lockStructure=\"1\"", wb)),
            "password": bool(re.search(r"<workbookProtection\b[^>]*workbookHashValue=", wb)),
            "workbookContentType": CT_MACRO if kind == "xlsm" else CT_TEMPLATE if kind == "xltx" else CT_WORKBOOK}


def validator_problems(validator, path):
    if not validator:
        return None
    r = subprocess.run([sys.executable, validator, path], capture_output=True, text=True)
    if r.returncode not in (0, 1) or r.stderr.strip():
        raise SystemExit("make_quirks: validate-xlsx failed on %s:\n%s%s" % (path, r.stdout, r.stderr))
    if r.returncode == 0:
        return []
    return [re.sub(r"^[^:]*: ", "", line) for line in r.stdout.splitlines() if line.strip()]


def libreoffice_reads(path):
    """Smoke check that LibreOffice (soffice, when installed) opens the file: converted to CSV it must
    give the header and the 30 responses' customer names. Returns what was checked, or None."""
    soffice = shutil.which("soffice")
    if not soffice or os.environ.get("QUIRKS_NO_SOFFICE"):
        return None
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run([soffice, "--headless", "--norestore", "-env:UserInstallation=file://%s/profile" % d,
                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", d, path],
                           capture_output=True, text=True, timeout=300)
        out = os.path.join(d, os.path.splitext(os.path.basename(path))[0] + ".csv")
        if not os.path.exists(out):
            raise SystemExit("make_quirks: LibreOffice could not open %s:\n%s%s" % (path, r.stdout, r.stderr))
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    if rows[0] != sd.HEADERS or [r[0] for r in rows[1:]] != [r[0] for r in ROWS]:
        raise SystemExit("make_quirks: LibreOffice reads %s differently: %r" % (path, rows[:3]))
    return "soffice --convert-to csv: the header and the 30 responses"


def check(name, data, entry):
    """The file read back with quirk_facts.py (openpyxl + lxml) agrees with its expected.json entry."""
    f = qf.facts(data)
    bad = []
    wb = f["workbook"]
    if [s["name"] for s in wb["sheets"]] != entry["sheets"]:
        bad.append("sheets %r" % [s["name"] for s in wb["sheets"]])
    key = lambda n: (n["name"], -1 if n["localSheetId"] is None else n["localSheetId"])
    if sorted(wb["definedNames"], key=key) != sorted(entry["definedNames"], key=key):
        bad.append("names %r" % wb["definedNames"])
    if f["parts"] != sorted(entry["userParts"]):
        bad.append("parts %r" % f["parts"])
    for k, v in entry["core"].items():
        if f["core"].get(k) != v:
            bad.append("core %s=%r" % (k, f["core"].get(k)))
    if (f["custom"] or {}) != entry["custom"]:
        bad.append("custom %r" % f["custom"])
    if wb["contentType"] != entry["kind"]["workbookContentType"] or (wb["conformance"] == "strict") != entry["kind"]["strict"]:
        bad.append("kind %r %r" % (wb["contentType"], wb["conformance"]))
    if entry["kind"]["strict"] and f["transitional"]:
        bad.append("transitional %r" % f["transitional"])
    r = f.get("responses")
    if not r:
        bad.append("openpyxl: %s" % f.get("openpyxlError"))
    else:
        if r["rows"] != len(ROWS) or r["invalid"]:
            bad.append("responses %d rows, invalid %r" % (r["rows"], r["invalid"]))
        if abs(r["overall"] - SCORES["overall"]) > 1e-12 or any(abs(r["items"][k] - v) > 1e-12 for k, v in SCORES["items"].items()):
            bad.append("scores %r" % r)
    us = entry.get("userSheet")
    if us:
        op = f["userSheet"]["openpyxl"]
        for ref, v in us["B"].items():
            if op[ref]["value"] != v or not str(op[ref]["formula"]).startswith("=_xldudf_CSAT_ITEM("):
                bad.append("%s %r" % (ref, op[ref]))
        for ref, v in us["C"].items():
            if op[ref] != v:
                bad.append("%s %r" % (ref, op[ref]))
        if f["userSheet"]["orphanShared"]:
            bad.append("orphans %r" % f["userSheet"]["orphanShared"])
    if bad:
        raise SystemExit("make_quirks: %s does not read back as expected.json says:\n  %s" % (name, "\n  ".join(bad)))


def main(out, validator=None):
    os.makedirs(out, exist_ok=True)
    files = {}
    for name, make in FILES:
        p, info = make()
        data = p.zip()
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        core = info.get("core", BASE_CORE)
        names = BASE_NAMES + info.get("names", [])
        sheets = info.get("sheets", [sd.SHEET, USER_SHEET] if "userSheet" in info else [sd.SHEET])
        entry = {
            "quirks": info["quirks"],
            "sheets": sheets,
            "worksheets": info.get("worksheets", sheets),
            "userParts": list(p.order),
            "definedNames": names,
            "core": core,
            "custom": info.get("custom", {}),
            "kind": kind_of(name, p),
            "validatorProblems": validator_problems(validator, path),
            "cells": info.get("cells", []),
        }
        if "userSheet" in info:
            entry["userSheet"] = info["userSheet"]
        check(name, data, entry)
        if entry["kind"]["strict"]:
            entry["libreoffice"] = libreoffice_reads(path)
        files[name] = entry
        verdict = entry["validatorProblems"]
        print("  %-32s %s" % (name, "not validated" if verdict is None else "valid" if not verdict else "; ".join(verdict)))
    expected = {
        "about": "Written by scripts/corpus/make_quirks.py from survey_data.py and its own edits; see test/corpus/README.md (Quirk corpus).",
        "oracle": {"policy": "item", "weights": qf.WEIGHTS, "levels": qf.LEVELS,
                   "formula": "s_j = mean level score of item j over its answers / 100; overall = sum(w_j s_j) / sum of answered w_j"},
        "responseRows": len(ROWS),
        "table": {"name": TABLE, "ref": "A1:%s%d" % (LAST_COL, LAST)},
        "ownerMark": OWNER,
        "scores": SCORES,
        "importExport": {"format": "wjx", "grid": [IMPORT_HEADER] + IMPORT_ROWS, "customers": [r[6] for r in IMPORT_ROWS]},
        "afterImport": AFTER_IMPORT,
        "files": files,
    }
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
