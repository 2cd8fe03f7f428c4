"""excel-like-mc.xlsx: a copy of excelize-user-extras.xlsx rewritten (XML text edits, python's
zipfile) so that its workbook and 调查数据 sheet look like what Excel 365 writes:

* xl/workbook.xml: Excel's XML declaration (standalone="yes" and CRLF), mc:Ignorable="x15 xr xr6
  xr10 xr2" with those namespaces declared, Excel 365's fileVersion, an mc:AlternateContent holding
  x15ac:absPath right after <workbookPr>, an xr:revisionPtr, xr2:uid on the workbookView, and
  Excel 365's calcId.
* xl/worksheets/sheet1.xml (调查数据): mc:Ignorable="x14ac xr xr2 xr3" + xr:uid on the root, the real
  dimension, and a new column V 满意项数 = COUNTIF(Gn:Tn,"满意") stored as ONE shared formula
  (<f t="shared" ref="V2:V31" si="0"> on V2, <f t="shared" si="0"/> on V3:V31), each with its
  cached <v> computed here from the survey data.
* xl/sharedStrings.xml: the header 满意项数 appended (count/uniqueCount bumped).
* xl/charts/chart1.xml: excelize 2.x writes a bar series' <invertIfNegative> after its <dLbls> and
  adds a <smooth> that CT_BarSer does not have (the validator flags both in excelize-user-extras.xlsx);
  Excel would never save that, so here <invertIfNegative> moves before <dLbls> and <smooth> goes.
* xl/calcChain.xml (new, as Excel keeps one for formula cells) + its relationship and override.
Every other part is copied byte for byte. Zip entries get Excel's 1980-01-01 timestamp.

Usage: python3 make_excel_like.py IN.xlsx OUT.xlsx
"""
import re
import sys
import zipfile

import survey_data as sd

DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WB_ROOT = (
    '<workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2"'
    ' xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"'
    ' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
    ' xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"'
    ' xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"'
    ' xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">' % MAIN)
ABS_PATH = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\x\\"'
    ' xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>'
    '</mc:AlternateContent>'
    '<xr:revisionPtr revIDLastSave="0" documentId="8_{6A0F3C55-2B1E-4C8A-9D2E-1F3A5B7C9D01}"'
    ' xr6:coauthVersionLast="47" xr6:coauthVersionMax="47"'
    ' xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>')
WS_ROOT = (
    '<worksheet xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3"'
    ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
    ' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
    ' xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"'
    ' xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"'
    ' xr:uid="{3B8F2E6A-7C41-4D0E-9A55-0C1D2E3F4A5B}">' % MAIN)
SHEET = "xl/worksheets/sheet1.xml"
FORMULA_COL = sd.col_letter(len(sd.HEADERS))        # V, right after 意见与建议
FORMULA_HEADER = "满意项数"
G, T = sd.col_letter(sd.ITEM_COL0), sd.col_letter(sd.ITEM_COL0 + len(sd.ITEMS) - 1)
FIXED = (1980, 1, 1, 0, 0, 0)


def formula(row):
    return 'COUNTIF(%s%d:%s%d,"满意")' % (G, row, T, row)


def sub1(pattern, repl, text, flags=0):
    new, n = re.subn(pattern, repl, text, count=1, flags=flags)
    if n != 1:
        raise SystemExit("make_excel_like: pattern not found: %s" % pattern)
    return new


def strip_decl(b):
    return re.sub(rb"^<\?xml[^>]*\?>\s*", b"", b)


def workbook(b):
    s = strip_decl(b).decode("utf-8")
    s = sub1(r"<workbook [^>]*>", WB_ROOT, s)
    s = sub1(r"<fileVersion [^>]*>(</fileVersion>)?", '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>', s)
    s = sub1(r"(<workbookPr [^>]*?)(/>|></workbookPr>)", lambda m: m.group(1) + "/>" + ABS_PATH, s)
    s = sub1(r"<workbookView ([^>]*?)(/>|></workbookView>)",
             lambda m: '<workbookView ' + m.group(1) + ' xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/>', s)
    s = sub1(r'<calcPr calcId="\d+"', '<calcPr calcId="191029"', s)
    return DECL + s.encode("utf-8")


def sheet(b, header_index, rows):
    s = strip_decl(b).decode("utf-8")
    s = sub1(r"<worksheet [^>]*>", WS_ROOT, s)
    last = len(rows) + 1
    s = sub1(r'<dimension ref="[^"]*"(></dimension>|/>)', '<dimension ref="A1:%s%d"/>' % (FORMULA_COL, last), s)

    def add_cell(m):
        r = int(m.group(1))
        if r == 1:
            cell = '<c r="%s1" t="s"><v>%d</v></c>' % (FORMULA_COL, header_index)
        else:
            v = sd.satisfied_count(rows[r - 2])
            if r == 2:
                f = '<f t="shared" ref="%s2:%s%d" si="0">%s</f>' % (FORMULA_COL, FORMULA_COL, last, formula(2))
            else:
                f = '<f t="shared" si="0"/>'
            cell = '<c r="%s%d">%s<v>%d</v></c>' % (FORMULA_COL, r, f, v)
        return m.group(0)[:-len("</row>")] + cell + "</row>"

    s, n = re.subn(r'<row r="(\d+)"[^>]*>.*?</row>', add_cell, s, flags=re.S)
    if n != last:
        raise SystemExit("make_excel_like: expected %d rows, found %d" % (last, n))
    return DECL + s.encode("utf-8")


def shared_strings(b):
    s = b.decode("utf-8")
    m = re.search(r'<sst [^>]*count="(\d+)" uniqueCount="(\d+)"', s)
    count, unique = int(m.group(1)), int(m.group(2))
    s = s.replace('count="%d" uniqueCount="%d"' % (count, unique),
                  'count="%d" uniqueCount="%d"' % (count + 1, unique + 1), 1)
    s = sub1(r"</sst>\s*$", "<si><t>%s</t></si></sst>" % FORMULA_HEADER, s)
    return s.encode("utf-8"), unique  # the new string's index


def chart(b):
    s = b.decode("utf-8")
    inv = "<invertIfNegative val=\"0\"></invertIfNegative>"
    s = sub1(r"(<ser>.*?</tx>)(<dLbls>.*?</dLbls>)" + re.escape(inv), lambda m: m.group(1) + inv + m.group(2), s, re.S)
    s = sub1(r"<smooth val=\"0\"></smooth>(</ser>)", r"\1", s)
    return s.encode("utf-8")


def calc_chain(n_rows):
    cells = ['<c r="%s2" i="1" l="1"/>' % FORMULA_COL] + ['<c r="%s%d"/>' % (FORMULA_COL, r) for r in range(3, n_rows + 2)]
    return DECL + ('<calcChain xmlns="%s">%s</calcChain>' % (MAIN, "".join(cells))).encode("utf-8")


def main(src, out):
    rows = sd.responses()
    zin = zipfile.ZipFile(src)
    parts = {n: zin.read(n) for n in zin.namelist()}
    order = zin.namelist()
    parts["xl/sharedStrings.xml"], header_index = shared_strings(parts["xl/sharedStrings.xml"])
    parts["xl/workbook.xml"] = workbook(parts["xl/workbook.xml"])
    parts[SHEET] = sheet(parts[SHEET], header_index, rows)
    parts["xl/charts/chart1.xml"] = chart(parts["xl/charts/chart1.xml"])
    parts["xl/calcChain.xml"] = calc_chain(len(rows))
    order.insert(order.index("xl/sharedStrings.xml") + 1, "xl/calcChain.xml")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    ids = [int(i) for i in re.findall(r'Id="rId(\d+)"', rels)]
    rels = sub1(r"</Relationships>", '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>' % (max(ids) + 1), rels)
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    ct = parts["[Content_Types].xml"].decode("utf-8")
    ct = sub1(r"</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>', ct)
    parts["[Content_Types].xml"] = ct.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in order:
            zi = zipfile.ZipInfo(n, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, parts[n])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
