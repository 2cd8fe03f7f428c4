"""Fixed survey data shared by every corpus generator (scripts/corpus/make-corpus.sh).

Everything here is literal or derived by plain arithmetic, so every run yields the same rows.
`python3 survey_data.py OUT.json` dumps the rows for the Node (excelize-wasm) generator.
"""
import datetime
import json
import sys

SHEET = "调查数据"
# The 14 items of Table 4-1 (XDYJ-04-03), in the table's order.
ITEMS = ["专业技术", "日常", "软件", "硬件", "安全", "运维管理", "服务报告",
         "热线畅通", "态度", "响应及时性", "服务台回访", "行为规范", "备件供应", "培训"]
HEADERS = ["客户名称", "项目名称", "调查日期", "调查方式", "受访人", "联系方式"] + ITEMS + ["意见与建议"]
ANSWERS = ["满意", "较满意", "一般", "不满意", "很不满意"]
DATE_COL = HEADERS.index("调查日期")          # 0-based column C
ITEM_COL0 = HEADERS.index(ITEMS[0])            # 0-based column G
COMMENT_COL = HEADERS.index("意见与建议")       # 0-based column U
DATE_FORMAT = "yyyy-mm-dd"

CUSTOMERS = ["华东电力设计院", "北方机床集团", "南方航空维修中心", "西部矿业股份", "东海造船厂", "中原化工有限公司"]
PROJECTS = ["DCS 系统升级", "MES 实施", "网络改造", "数据中心运维", "ERP 二期"]
METHODS = ["电话回访", "现场走访", "邮件问卷", "在线问卷"]
PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏"]

N = 30
# Special 意见与建议 texts, by 0-based response index.
SPECIAL_COMMENTS = {
    2: "  希望加快备件到货速度\n并提供培训资料  ",   # leading/trailing spaces and a newline
    6: "=请尽快回复",                               # looks like a formula, stored as a string
    9: "响应速度 <2 小时> & \"服务\" 很好",          # XML special characters
    14: "文档资料需要更新",                          # written as a rich string by XlsxWriter
    21: "整体满意，继续保持",
}
# The response whose 意见与建议 XlsxWriter writes with write_rich_string: runs concatenate to the text.
RICH_ROW = 14
RICH_RUNS = [("文档资料", {"bold": True, "color": "#C00000"}), ("需要更新", {"italic": True})]
assert "".join(t for t, _ in RICH_RUNS) == SPECIAL_COMMENTS[RICH_ROW]
# (response index, item index) answers left blank on purpose.
BLANKS = {(3, 0), (3, 1), (11, 12), (17, 13), (25, 5), (25, 6), (29, 13)}


def _answer(i, j):
    """Deterministic, mostly-satisfied answer for response i, item j."""
    if (i, j) in BLANKS:
        return None
    h = (i * 31 + j * 17 + (i * j) % 7) % 20
    return ANSWERS[0 if h < 9 else 1 if h < 14 else 2 if h < 17 else 3 if h < 19 else 4]


def responses():
    """30 rows, each a list matching HEADERS; dates are datetime.date, blanks are None."""
    rows = []
    start = datetime.date(2026, 1, 5)
    for i in range(N):
        row = [
            CUSTOMERS[i % len(CUSTOMERS)],
            PROJECTS[(i * 2 + i // 6) % len(PROJECTS)],
            start + datetime.timedelta(days=i * 11 % 330 + i // 3),
            METHODS[(i * 3) % len(METHODS)],
            PEOPLE[(i * 7) % len(PEOPLE)],
            ("021-6%03d-%04d" % (100 + i, 2000 + i * 37)) if i % 4 else ("user%02d@example.com" % i),
        ]
        row += [_answer(i, j) for j in range(len(ITEMS))]
        row.append(SPECIAL_COMMENTS.get(i))
        rows.append(row)
    return rows


def excel_serial(d, date1904=False):
    """The serial number Excel stores for date d."""
    base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return (d - base).days


def iso(v):
    return v.isoformat() if isinstance(v, datetime.date) else v


def answer_counts(rows, item_index):
    """[(answer, count)] over the five answers for one item (blanks not counted)."""
    col = ITEM_COL0 + item_index
    return [(a, sum(1 for r in rows if r[col] == a)) for a in ANSWERS]


def satisfied_count(row):
    """Number of 满意 answers in a response (the Excel-like file's shared-formula column)."""
    return sum(1 for v in row[ITEM_COL0:ITEM_COL0 + len(ITEMS)] if v == "满意")


def col_letter(n0):
    s, n = "", n0 + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


if __name__ == "__main__":
    rows = responses()
    out = {
        "sheet": SHEET, "headers": HEADERS, "items": ITEMS, "answers": ANSWERS,
        "dateFormat": DATE_FORMAT,
        "rows": [[iso(v) for v in r] for r in rows],
        "serials1900": [excel_serial(r[DATE_COL]) for r in rows],
        "counts": {it: answer_counts(rows, k) for k, it in enumerate(ITEMS)},
    }
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
