"""The quirk corpus's independent side (test/corpus/quirks/, scripts/corpus/make_quirks.py): the Table 4-1
scoring oracle in plain Python, and a reader that states the facts of any workbook file without our
TypeScript code — openpyxl for cell values and formulas, lxml for the package (content types,
relationships, workbook.xml, document properties), every element matched by namespace URI and local
name, never by prefix, so a prefixed or Strict file reads the same as any other.

    /usr/bin/python3 quirk_facts.py FILE...   -> one JSON object {FILE: facts} on stdout

test/host/quirks.test.ts runs this once per batch of job outputs; make_quirks.py runs it on every file
it writes to check the file against expected.json.
"""
import io
import json
import re
import sys
import warnings
import zipfile
from posixpath import dirname, join, normpath

from lxml import etree

# Table 4-1 (XDYJ-04-03): the 14 items and their weights (percent), and the level scores.
WEIGHTS = {
    "专业技术": 10, "日常": 7, "软件": 7, "硬件": 7, "安全": 7, "运维管理": 7, "服务报告": 7, "热线畅通": 8,
    "态度": 5, "响应及时性": 6, "服务台回访": 6, "行为规范": 3, "备件供应": 10, "培训": 10,
}
LEVELS = {"满意": 100, "较满意": 90, "一般": 70, "不满意": 0, "很不满意": -10}
NOT_ANSWERED = {"", "不适用", "N/A", "-"}
SHEET = "调查数据"
USER_SHEET = "我的统计"

T_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
S_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
T_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
S_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
# Strict namespace -> Transitional namespace (ECMA-376 Part 1 Strict vs Part 4 Transitional).
STRICT_TO_TRANSITIONAL = {
    S_MAIN: T_MAIN,
    S_REL: T_REL,
    "http://purl.oclc.org/ooxml/drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/drawingml/chart": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/customProperties": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
# Relationship types whose last segment differs between the two (the rest keep their last segment).
STRICT_REL_TYPE_RENAMES = {"extendedProperties": "extended-properties", "customProperties": "custom-properties"}
# A Transitional namespace or relationship type: what a Strict package must not contain.
TRANSITIONAL = re.compile(r"^http://schemas\.openxmlformats\.org/(spreadsheetml|officeDocument|drawingml)/2006/")


def oracle(answer_rows):
    """Table 4-1, policy "按项平均" (item): each item's mean level score over its answers (blanks and
    不适用 skipped) / 100; overall = sum(w_j * s_j) / sum of the answered items' weights.
    answer_rows: lists of 14 answers in WEIGHTS order (None = blank)."""
    items = {}
    for j, name in enumerate(WEIGHTS):
        scores = [LEVELS[r[j]] for r in answer_rows if r[j] in LEVELS]
        items[name] = sum(scores) / len(scores) / 100 if scores else None
    answered = [n for n, s in items.items() if s is not None]
    total = sum(WEIGHTS[n] for n in answered)
    overall = sum(WEIGHTS[n] * items[n] for n in answered) / total if total else None
    return {"items": items, "overall": overall}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def ns_of(tag):
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def parse(data):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, remove_comments=False))


def rels_path(part):
    return join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels") if part else "_rels/.rels"


class Package:
    def __init__(self, data):
        self.z = zipfile.ZipFile(io.BytesIO(data))
        self.parts = [n for n in self.z.namelist() if not n.endswith("/")]

    def read(self, name):
        return self.z.read(name)

    def rels(self, part):
        """[(id, type, absolute target or None for external, mode)] of a part ('' = the package)."""
        rp = rels_path(part)
        if rp not in self.parts:
            return []
        out = []
        for r in parse(self.read(rp)):
            if local(r.tag) != "Relationship":
                continue
            t = r.get("Target", "")
            if r.get("TargetMode") == "External":
                target = None
            elif t.startswith("/"):
                target = normpath(t[1:])
            else:
                target = normpath(join(dirname(part), t))
            out.append((r.get("Id"), r.get("Type", ""), target))
        return out


def rel_kind(t):
    return t.rsplit("/", 1)[-1]


def text_of(el):
    return "".join(el.itertext()) if el is not None else None


def content_types(pkg):
    root = parse(pkg.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in root if local(d.tag) == "Default"}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in root if local(o.tag) == "Override"}
    types = {}
    for n in pkg.parts:
        if n == "[Content_Types].xml":
            continue
        types[n] = overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1].lower()) if "." in n.rsplit("/", 1)[-1] else overrides.get(n)
    return {"defaults": defaults, "overrides": overrides, "types": types}


def namespaces_and_rel_types(pkg):
    """Every namespace URI declared or used in any XML part, and every relationship Type."""
    uris, rel_types = set(), set()
    for n in pkg.parts:
        if not n.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            root = parse(pkg.read(n))
        except etree.XMLSyntaxError:
            continue
        for el in root.iter():
            for uri in (el.nsmap or {}).values():
                uris.add(uri)
            if isinstance(el.tag, str):
                uris.add(ns_of(el.tag))
                for a in el.attrib:
                    uris.add(ns_of(a))
            if n.endswith(".rels") and local(el.tag) == "Relationship":
                rel_types.add(el.get("Type", ""))
    uris.discard("")
    return sorted(uris), sorted(rel_types)


def workbook_facts(pkg):
    office = next((r for r in pkg.rels("") if rel_kind(r[1]) == "officeDocument"), None)
    if office is None or office[2] not in pkg.parts:
        return None
    path = office[2]
    root = parse(pkg.read(path))
    rels = {r[0]: r for r in pkg.rels(path)}
    out = {"part": path, "namespace": ns_of(root.tag), "conformance": root.get("conformance"),
           "protection": None, "sheets": [], "definedNames": [], "relTypes": sorted({rel_kind(r[1]) for r in rels.values()})}
    for el in root:
        name = local(el.tag)
        if name == "workbookProtection":
            out["protection"] = {local(a): v for a, v in el.attrib.items()}
        elif name == "sheets":
            for sh in el:
                if local(sh.tag) != "sheet":
                    continue
                rid = next((v for a, v in sh.attrib.items() if local(a) == "id" and ns_of(a) in (T_REL, S_REL)), None)
                rel = rels.get(rid)
                target = rel[2] if rel and rel[2] in pkg.parts else None
                out["sheets"].append({"name": sh.get("name"), "sheetId": sh.get("sheetId"), "rid": rid, "part": target,
                                      "kind": rel_kind(rel[1]) if rel else None})
        elif name == "definedNames":
            for dn in el:
                if local(dn.tag) != "definedName":
                    continue
                lid = dn.get("localSheetId")
                out["definedNames"].append({"name": dn.get("name"), "localSheetId": int(lid) if lid is not None else None,
                                            "value": text_of(dn)})
    for sh in out["sheets"]:
        if not sh["part"]:
            continue
        sh["related"] = {}
        for rid, typ, target in pkg.rels(sh["part"]):
            sh["related"].setdefault(rel_kind(typ), []).append(target)
        sh["relsPart"] = rels_path(sh["part"]) if rels_path(sh["part"]) in pkg.parts else None
        sh["hasCsatFormula"] = b"_xldudf_CSAT_" in pkg.read(sh["part"])
    return out


def core_properties(pkg):
    rel = next((r for r in pkg.rels("") if rel_kind(r[1]) == "core-properties"), None)
    if not rel or rel[2] not in pkg.parts:
        return None
    root = parse(pkg.read(rel[2]))
    return {local(el.tag): (el.text or "") for el in root if isinstance(el.tag, str)}


def custom_properties(pkg):
    rel = next((r for r in pkg.rels("") if rel_kind(r[1]) in ("custom-properties", "customProperties")), None)
    if not rel or rel[2] not in pkg.parts:
        return None
    out = {}
    for p in parse(pkg.read(rel[2])):
        if local(p.tag) != "property":
            continue
        v = next((c for c in p if isinstance(c.tag, str)), None)
        out[p.get("name")] = {"type": local(v.tag) if v is not None else None, "value": v.text if v is not None else None}
    return out


def app_titles(pkg):
    rel = next((r for r in pkg.rels("") if rel_kind(r[1]) in ("extended-properties", "extendedProperties")), None)
    if not rel or rel[2] not in pkg.parts:
        return None
    root = parse(pkg.read(rel[2]))
    titles = next((el for el in root if local(el.tag) == "TitlesOfParts"), None)
    return [t.text for t in titles.iter() if local(t.tag) == "lpstr"] if titles is not None else None


def raw_cells(pkg, part):
    """{ref: {"t", "f": {"t","ref","si","text"} | None, "v"}} for a worksheet part, by namespace URI."""
    out = {}
    root = parse(pkg.read(part))
    for c in root.iter():
        if local(c.tag) != "c":
            continue
        f = next((x for x in c if local(x.tag) == "f"), None)
        v = next((x for x in c if local(x.tag) == "v"), None)
        out[c.get("r")] = {
            "t": c.get("t"),
            "f": None if f is None else {"t": f.get("t"), "ref": f.get("ref"), "si": f.get("si"), "text": f.text or ""},
            "v": None if v is None else v.text,
        }
    return out


def orphan_shared(cells):
    """Cells that use a shared formula (`<f t="shared" si="n"/>`) whose group has no master in the sheet."""
    masters = {c["f"]["si"] for c in cells.values() if c["f"] and c["f"]["t"] == "shared" and c["f"]["ref"]}
    return sorted(r for r, c in cells.items() if c["f"] and c["f"]["t"] == "shared" and not c["f"]["ref"] and c["f"]["si"] not in masters)


def for_openpyxl(pkg, wb):
    """The package as openpyxl 3.0.9 can load it: Strict namespaces mapped back to Transitional, and
    <sheet> entries whose r:id leads nowhere dropped together with <definedNames> (openpyxl would index
    its sheet list by localSheetId). Cell values are not touched; names are read by workbook_facts."""
    buf = io.BytesIO()
    broken = [s["rid"] for s in wb["sheets"] if s["part"] is None]
    with zipfile.ZipFile(buf, "w") as z:
        for n in pkg.parts:
            data = pkg.read(n)
            if n.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for s, t in STRICT_TO_TRANSITIONAL.items():
                    text = text.replace(s + "/", t + "/").replace('"%s"' % s, '"%s"' % t).replace("'%s'" % s, "'%s'" % t)
                for s, t in STRICT_REL_TYPE_RENAMES.items():
                    text = text.replace("/relationships/" + s + '"', "/relationships/" + t + '"')
                if n == wb["part"] and broken:
                    text = re.sub(r"<(\w+:)?definedNames\b.*?</(\w+:)?definedNames>", "", text, flags=re.S)
                    for rid in broken:
                        text = re.sub(r"<(\w+:)?sheet\b[^>]*?\bid=([\"'])%s\2[^>]*/>" % re.escape(rid or ""), "", text, count=1)
                data = text.encode("utf-8")
            z.writestr(n, data)
    return buf


def cell_value(v):
    if v is None or isinstance(v, (int, float, str, bool)):
        return v
    if hasattr(v, "isoformat"):
        return v.isoformat()
    text = getattr(v, "text", None)  # openpyxl 3.1's ArrayFormula
    return text if text is not None else str(v)


def responses_facts(ws):
    """The responses in 调查数据 as openpyxl reads them, and their Table 4-1 score (oracle())."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    cols = [header.index(n) if n in header else None for n in WEIGHTS]
    answers, invalid, customers = [], [], []
    name_col = header.index("客户名称") if "客户名称" in header else 0
    for k, r in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and v.strip() == "") for v in r):
            continue
        customers.append(cell_value(r[name_col]) if name_col < len(r) else None)
        line = []
        for j, c in enumerate(cols):
            v = r[c] if c is not None and c < len(r) else None
            if isinstance(v, str):
                v = re.sub(r"[\s\u3000\u00a0]+", "", v)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                v = next((lv for lv, s in LEVELS.items() if s == v), v)
            if v is None or v in NOT_ANSWERED:
                line.append(None)
            elif v in LEVELS:
                line.append(v)
            else:
                invalid.append({"row": k, "item": list(WEIGHTS)[j], "value": cell_value(v)})
                line.append(None)
        answers.append(line)
    scores = oracle(answers)
    return {"header": header, "rows": len(answers), "customers": customers, "invalid": invalid, **scores}


def facts(data):
    pkg = Package(data)
    out = {"parts": sorted(pkg.parts)}
    out["contentTypes"] = content_types(pkg)
    out["namespaces"], out["relationshipTypes"] = namespaces_and_rel_types(pkg)
    out["transitional"] = sorted(u for u in out["namespaces"] + out["relationshipTypes"] if TRANSITIONAL.match(u))
    wb = workbook_facts(pkg)
    out["workbook"] = wb
    out["core"] = core_properties(pkg)
    out["custom"] = custom_properties(pkg)
    out["appTitles"] = app_titles(pkg)
    if wb is None:
        out["error"] = "no workbook part"
        return out
    out["workbook"]["contentType"] = out["contentTypes"]["types"].get(wb["part"])
    user = next((s for s in wb["sheets"] if s["name"] == USER_SHEET and s["part"]), None)
    if user:
        cells = raw_cells(pkg, user["part"])
        out["userSheet"] = {"cells": cells, "orphanShared": orphan_shared(cells)}
    try:
        import openpyxl
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            src = for_openpyxl(pkg, wb)
            values = openpyxl.load_workbook(src, data_only=True)
            src.seek(0)
            formulas = openpyxl.load_workbook(src, data_only=False)
    except Exception as e:  # noqa: BLE001 - the reason is the fact
        out["openpyxlError"] = "%s: %s" % (type(e).__name__, e)
        return out
    out["openpyxlSheets"] = values.sheetnames
    if SHEET in values.sheetnames:
        out["responses"] = responses_facts(values[SHEET])
    if user and USER_SHEET in values.sheetnames:
        vs, fs = values[USER_SHEET], formulas[USER_SHEET]
        out["userSheet"]["openpyxl"] = {
            c.coordinate: {"value": cell_value(c.value), "formula": cell_value(fs[c.coordinate].value)}
            for row in vs.iter_rows() for c in row if c.value is not None or fs[c.coordinate].value is not None
        }
    return out


def main(paths):
    result = {}
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        try:
            result[p] = facts(data)
        except Exception as e:  # noqa: BLE001 - reported, the caller decides
            result[p] = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
