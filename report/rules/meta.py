"""Rules about the report as a published document: its publication date (N-5 deadline), the content only
government reports must carry (N-6 考核、评议、责任追究), and the order of the six sections.

Sources: ``shared/spec/statutory_tables.md`` §4 (N-5, N-6) and §6 (条例 第四十九条、第五十条 quoted).

Heuristics (not official, documented here):

- The publication date is the last date line of the closing (signature: ``2022年2月8日`` or
  ``二〇二二年二月八日``), else a date line under the title in the preamble (``(2026年1月23日)``), else a crawler's
  ``发布时间: 2022-02-08`` line in the preamble.
- Agency kind (:func:`agency_kind`) from the agency name: ``government`` (a 人民政府 or a 管委会 of a zone; a
  人民政府办公室/办公厅 counts as the government when the title does not name the office), ``township`` (乡/镇/
  街道: the 条例 sets them no deadline), ``department`` (names ending 局/委/委员会/办/办公室/厅/中心/署…),
  else ``unknown`` (held to the later 3月31日 deadline, so it never gets a false "late" warning).
- Section order: a section the parser did not find whose heading stands at the start of a line inside another
  section's text was written out of order (the parser looks for the headings in the official order).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from report.claims.numbers import parse_chinese_number
from report.model import labels as L
from report.model.findings import Finding
from report.model.tables import Report
from report.rules.absence import UNLOCATED, parser_doubt

_PAREN = re.compile(r"[（(][^）)]*[）)]")
_OCR_ZERO = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇"})
_CN = "〇○零ＯO一二三四五六七八九十"
_DATE_LINE = re.compile(
    r"^[^\d\n年]{0,40}?[(（]?\s*(\d{4}|[" + _CN + r"]{4})\s*年\s*(\d{1,2}|[" + _CN + r"]{1,3})\s*月\s*"
    r"(\d{1,2}|[" + _CN + r"]{1,3})\s*日\s*[)）]?\s*$")
_PUBLISHED = re.compile(r"(?:发布|公开|成文)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ZONE = re.compile(r"新区|开发区|高新区|实验区|示范区|保税区|园区|经济区|合作区")
_TOWNSHIP = re.compile(r"[乡镇](?:人民政府|政府)?$|街道(?:办事处)?(?:党工委)?$")
_OFFICE = re.compile(r"人民政府(?:办公室|办公厅)$")
_DEPARTMENT = re.compile(r"(?:局|委|委员会|办|办公室|厅|中心|署|院|所|站|队|处)$")

DEPARTMENT_DEADLINE = (1, 31)  # 第四十九条: 县级以上人民政府部门 — 每年1月31日前
GOVERNMENT_DEADLINE = (3, 31)  # 第四十九条: 本级政府年度报告 — 每年3月31日前
NEW_RULES_FROM = 2019  # first reporting year under the revised 条例 (2007 条例 第三十一条: 3月31日 for all)

# N-6: what 各级人民政府 must report (条例 第五十条（四）), each with the words that count as covering it.
GOVERNMENT_ITEMS: tuple[tuple[str, "re.Pattern[str]"], ...] = (
    ("工作考核", re.compile(r"考核|考评")),
    ("社会评议", re.compile(r"评议|满意度|测评|社会评价|第三方评估")),
    ("责任追究", re.compile(r"责任追究|追责|问责|追究[^。；，]{0,6}责任")),
)

_HEADING_WORDS = {
    "一": r"总体情况",
    "二": r"主动公开",
    "三": r"(?:依申请|公开申请|收到和处理)",
    "四": r"(?:行政复议|行政诉讼)",
    "五": r"(?:存在|问题)",
    "六": r"其他需要报告",
}
_HEADING = {k: re.compile(r"(?m)^[ \t#]*" + k + r"[ \t]*[、.．][^\n]{0,12}?" + w + r"[^\n]{0,30}$")
            for k, w in _HEADING_WORDS.items()}
SECTION_TABLE = {"二": "table2", "三": "table3", "四": "table4"}
ORDER_CODES = ("section_order", "sections_order", "section_out_of_order", "sections_out_of_order")


def _cn_number(s: str) -> Optional[int]:
    """A date part in Arabic or Chinese digits (二〇二二, 十一, 三十一); OCR writes 〇 as ○/Ｏ/O."""
    if s.isdigit():
        return int(s)
    return parse_chinese_number(s.translate(_OCR_ZERO))


def _make_date(y: str, m: str, d: str) -> Optional[date]:
    parts = [_cn_number(x) for x in (y, m, d)]
    if None in parts:
        return None
    try:
        return date(*parts)  # type: ignore[arg-type]
    except ValueError:
        return None


def publication_date(report: Report) -> tuple[Optional[date], str]:
    """(date, where it was found: 'closing' | 'preamble') — see the module docstring; (None, '') when absent."""
    for line in reversed(report.closing.splitlines()):
        m = _DATE_LINE.match(line.strip())
        if m and (d := _make_date(*m.groups())):
            return d, "closing"
    head = report.preamble.splitlines()[:12]
    for line in head:
        m = _DATE_LINE.match(line.strip())
        if m and len(line.strip()) <= 20 and (d := _make_date(*m.groups())):
            return d, "preamble"
    for line in head:
        m = _PUBLISHED.search(line)
        if m and (d := _make_date(*m.groups())):
            return d, "preamble"
    return None, ""


def agency_kind(agency: Optional[str], title: Optional[str] = None) -> str:
    """'government', 'township', 'department' or 'unknown' (see the module docstring)."""
    if not agency:
        return "unknown"
    name = _PAREN.sub("", agency).strip()
    if _OFFICE.search(name):
        return "department" if title and re.search(r"办公室|办公厅", title) else "government"
    if _TOWNSHIP.search(name):
        return "township"
    if name.endswith(("人民政府", "政府")) or (name.endswith(("管委会", "管理委员会")) and _ZONE.search(name)):
        return "government"
    if _DEPARTMENT.search(name):
        return "department"
    return "unknown"


def _has_text(report: Report) -> bool:
    return any(t.strip() for t in report.sections.values())


def publication_deadline(report: Report) -> list[Finding]:
    """N-5 (official: 条例 第四十九条): the report is dated in year Y+1, no later than 1月31日 (departments of 县级以上
    人民政府) or 3月31日 (government reports). Error when dated in or before the reporting year (a date copied from
    an old report), warning when late, info when no date is found."""
    y = report.year
    if y is None or not _has_text(report):
        return []
    d, found_in = publication_date(report)
    if d is None:
        return [Finding(rule="publication_date_missing", severity="info", where="closing", expected="发布（落款）日期",
                        actual=None, message="未找到报告的落款日期。请在文末机关署名下写明发布日期（如"
                                             f"“{y + 1}年1月20日”），以便核对是否在条例第四十九条规定的期限内公布。")]
    where, shown = found_in, f"{d.year}年{d.month}月{d.day}日"
    if d.year <= y:
        return [Finding(rule="publication_date_year", severity="error", where=where, expected=f"{y + 1}年",
                        actual=shown, message=f"报告落款日期为{shown}，但{y}年度报告只能在{y}年结束后（{y + 1}年）发布。"
                                              f"这很可能是照抄旧报告未改的日期，请改为实际发布日期。")]
    kind = agency_kind(report.agency, report.title)
    # The 1月31日 deadline for departments came with the 2019 revision (国务院令第711号); before, 3月31日 for all.
    month, day = DEPARTMENT_DEADLINE if kind == "department" and y >= NEW_RULES_FROM else GOVERNMENT_DEADLINE
    if kind == "township":
        if d.year == y + 1:
            return []
        rule_text = "乡镇人民政府、街道办事处的年度报告应在次年公布"
        deadline_text = f"{y + 1}年内"
    else:
        if d <= date(y + 1, month, day):
            return []
        who = {"department": "县级以上人民政府部门", "government": "县级以上人民政府"}.get(kind, "各级行政机关")
        if y < NEW_RULES_FROM:
            rule_text = "当时施行的条例（2007年）第三十一条规定，年度报告应在每年3月31日前公布"
        elif kind == "unknown":
            rule_text = "条例第四十九条规定，政府部门的年度报告应在每年1月31日前、本级政府的年度报告应在每年3月31日前公布"
        else:
            rule_text = f"条例第四十九条规定，{who}的年度报告应在每年{month}月{day}日前公布"
        deadline_text = f"{y + 1}年{month}月{day}日"
    return [Finding(rule="publication_late", severity="warning", where=where, expected=f"不晚于{deadline_text}",
                    actual=shown, message=f"报告落款日期为{shown}，晚于{deadline_text}。{rule_text}。"
                                          f"请核对落款日期；如确属逾期公布，请在第五部分说明原因和改进措施。")]


def is_government_report(report: Report) -> bool:
    """各级人民政府's own report (not a department's, not a 管委会's): the agency name contains 人民政府."""
    return bool(report.agency and "人民政府" in report.agency
                and agency_kind(report.agency, report.title) in ("government", "township"))


def government_items(report: Report) -> list[Finding]:
    """N-6 (official: 条例 第五十条（四）; 格式 (一) 监督保障): a 人民政府's report covers 工作考核、社会评议和责任追究
    结果情况 in section 一 (监督保障) or 五. Warning naming what is missing."""
    if not is_government_report(report):
        return []
    text = report.sections.get("一", "") + "\n" + report.sections.get("五", "")
    if not text.strip():
        return []
    missing = [name for name, pattern in GOVERNMENT_ITEMS if not pattern.search(text)]
    if not missing:
        return []
    items = "、".join(missing)
    elsewhere = [k for k in ("二", "三", "四", "六")
                 if any(p.search(report.sections.get(k, "")) for n, p in GOVERNMENT_ITEMS if n in missing)]
    msg = (f"本报告是人民政府的年度报告，条例第五十条（四）要求还应报告工作考核、社会评议和责任追究结果情况，"
           f"但「一、总体情况」（监督保障）和「五、存在的主要问题及改进情况」中没有写{items}的情况。"
           f"请补写（没有发生责任追究的，也应写明“未发生责任追究情况”）。")
    if elsewhere:
        msg += f"（第{'、'.join(elsewhere)}部分有相关字样，建议移到第一部分“监督保障”或第五部分。）"
    doubt = next((d for k in ("一", "五") if (d := parser_doubt(report, k)) is not None), None)
    if doubt is not None:  # a part the parser could not locate may hold them
        return [Finding(rule="government_items_unlocated", severity="warning", where="sections.一",
                        expected=[n for n, _ in GOVERNMENT_ITEMS], actual=missing,
                        message=f"未能在已识别的正文中找到{items}的情况，{UNLOCATED}。（解析说明：{doubt}）")]
    return [Finding(rule="government_items_missing", severity="warning", where="sections.一",
                    expected=[n for n, _ in GOVERNMENT_ITEMS], actual=missing, message=msg)]


def table_filled(report: Report, section: str) -> bool:
    """Sections 二, 三 and 四 often hold nothing but their table: a filled table makes the section present."""
    table = SECTION_TABLE.get(section)
    if table is None:
        return False
    data = getattr(report, table)
    for v in data.values():
        vals = v.values() if isinstance(v, dict) else (v if isinstance(v, list) else (v,))
        if any(x is not None for x in vals):
            return True
    return False


def misplaced_sections(report: Report) -> dict[str, str]:
    """{missing section key: key of the section whose text holds its heading} — sections written out of order."""
    out: dict[str, str] = {}
    texts = [("preamble", report.preamble)] + [(k, report.sections.get(k, "")) for k in L.SECTION_KEYS]
    for k in L.SECTION_KEYS:
        if report.sections.get(k, "").strip() or table_filled(report, k):  # found in order by the parser
            continue
        for other, text in texts:
            if other != k and _HEADING[k].search(text):
                out[k] = other
                break
    return out


def section_order(report: Report) -> list[Finding]:
    """Format (国办公开办函〔2021〕30号, 「不能遗漏」; the six parts in the order of 第五十条): sections in the official
    order. From the parser's diagnostic when it emits one (codes ``section_order`` …), else from headings found
    inside another section's text (:func:`misplaced_sections`). Error."""
    out = [Finding(rule="section_order", severity="error", where="结构", expected="一至六部分按规定顺序",
                   actual=d.where or "顺序错乱", message=d.message)
           for d in report.diagnostics if d.code in ORDER_CODES]
    if out:
        return out
    for k, other in misplaced_sections(report).items():
        i = L.SECTION_KEYS.index(k)
        place = "第一部分之前" if other == "preamble" else f"第{other}部分的范围内"
        out.append(Finding(
            rule="section_order", severity="error", where=f"结构/{L.SECTION_TITLES[k]}",
            expected=f"位于第{L.SECTION_KEYS[i - 1]}部分之后" if i else "位于正文开头", actual=f"出现在{place}",
            message=f"「{L.SECTION_TITLES[k]}」没有按规定顺序出现（它的标题出现在{place}）。年度报告应按"
                    f"一、总体情况 至 六、其他需要报告的事项 的顺序编写，请调整章节顺序；该部分的统计表和文字可能因此"
                    f"未能正确读取和核对。"))
    return out
