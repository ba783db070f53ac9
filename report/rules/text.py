"""Structure and narrative rules: the six sections, the reporting year, the 统计期限 sentence, sections 五 and 六,
and numbers in the narrative (via :func:`report.claims.report_claims`).

Sources: ``shared/spec/statutory_tables.md`` §0, §4 (N-3, N-4, N-5, N-6) and §5 (errors evaluators report).

Text spans are written ``sections.六[12:30]`` (character offsets into that section's text), ``preamble[…]``,
``closing[…]`` or ``标题``; findings about the report as a whole use ``结构``.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from report.claims import report_claims
from report.model import labels as L
from report.model.cells import CellRef
from report.model.findings import Finding
from report.model.numfmt import fmt_number as _n
from report.model.tables import Report
from report.rules.absence import UNLOCATED, parser_doubt
from report.rules.meta import misplaced_sections, table_filled

_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD_WORD = r"统计(?:期限|时限|时间|区间|期间|时段|周期)"
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(_PERIOD_WORD + r"[^。]{0,30}?" + _DATE + r"[^。\d]{0,20}?" + _DATE)
_PERIOD_LOOSE = re.compile(_PERIOD_WORD + r"[^。]{0,30}?(\d{4})\s*年")
_PARAGRAPH_YEAR = re.compile(r"(?m)^[ \t　]*(\d{4})\s*年度?\s*[，,、]")
_EMPTY_SECTION5 = re.compile(r"^[\s　]*(?:暂?无|没有|无问题|无相关情况)[。.；;]?[\s　]*$")
_INFO_FEE = "信息处理费"
_FEE_DROPPED_ROW = f"{L.R_RESULTS}/{L.G_OTHER}/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
_FEE_DROPPED_ID = CellRef("table3", _FEE_DROPPED_ROW, L.T3_TOTAL_COLUMN).id


def _texts(report: Report) -> Iterator[tuple[str, str]]:
    """(span prefix, text) for every narrative part, in document order."""
    if report.preamble:
        yield "preamble", report.preamble
    for k in L.SECTION_KEYS:
        if report.sections.get(k):
            yield f"sections.{k}", report.sections[k]
    if report.closing:
        yield "closing", report.closing


def _has_text(report: Report) -> bool:
    return any(t.strip() for _, t in _texts(report))


def sections_present(report: Report) -> list[Finding]:
    """N-6 / §0 (official: 条例 第五十条; the format's 「不能遗漏，也不宜泛化」): all six sections present. Error.

    Sections 二, 三 and 四 count as present when their table has figures (the parser removes tables from the
    section text, and many reports put nothing else there). A section whose heading stands inside another section
    (written out of order) is reported by :func:`report.rules.meta.section_order`, not here. A report with no
    narrative at all (tables only: an interchange JSON or a filled Excel template) gets one warning, not six
    errors: only its tables could be checked. A section the parser could not locate (its diagnostic
    ``section_unlocated``, :func:`report.rules.absence.parser_doubt`) is a ``section_unlocated`` warning instead.
    """
    misplaced = misplaced_sections(report)  # reported by rules_meta.section_order instead
    missing = [k for k in L.SECTION_KEYS
               if not report.sections.get(k, "").strip() and not table_filled(report, k) and k not in misplaced]
    if not missing:
        return []
    if all(not report.sections.get(k, "").strip() for k in L.SECTION_KEYS):
        return [Finding(rule="sections_missing", severity="warning", where="结构",
                        expected=list(L.SECTION_TITLES.values()), actual=[], message="未提供报告正文（六个部分均为空），本次只审核了表格。发布的年度报告须按条例第五十条"
                                           "写全六个部分（一、总体情况 至 六、其他需要报告的事项）。")]
    out = []
    for k in missing:
        doubt = parser_doubt(report, k)
        if doubt is not None:  # the parser could not locate it: not the report's fault (report.rules.absence)
            out.append(Finding(rule="section_unlocated", severity="warning", where=f"结构/{L.SECTION_TITLES[k]}",
                               expected=L.SECTION_TITLES[k], actual="未能识别",
                               message=f"未能识别「{L.SECTION_TITLES[k]}」部分，{UNLOCATED}。（解析说明：{doubt}）"))
            continue
        out.append(Finding(rule="section_missing", severity="error", where=f"结构/{L.SECTION_TITLES[k]}",
                           expected=L.SECTION_TITLES[k], actual="缺失或为空",
                           message=f"缺少「{L.SECTION_TITLES[k]}」部分（或该部分为空）。条例第五十条规定的内容不能遗漏，请补写。"))
    return out


_PLACEHOLDER = re.compile(r"【待补充[:：]?([^】]*)】")


def placeholders(report: Report) -> list[Finding]:
    """N-PH: a 【待补充：…】 left by the drafter is text still to be written. Error: the document is a 草稿 until it is
    filled (``report.usecases.export_report`` marks it so)."""
    out = []
    for prefix, text in _texts(report):
        for m in _PLACEHOLDER.finditer(text):
            out.append(Finding(rule="N-PH", severity="error", where=_span(prefix, m), actual=m.group(0),
                               expected="补充后的正文",
                               message=f"仍有待补充的内容：{m.group(1).strip() or '（未注明）'}。请补充实际情况后再发布。"))
    return out


def section5_content(report: Report) -> list[Finding]:
    """N-6 (official: 条例 第五十条（四）; S4 narrative_sec5_gap): section 五 is not just 「无」. Error."""
    text = report.sections.get("五", "")
    if not text.strip() or not _EMPTY_SECTION5.match(text):
        return []
    return [Finding(rule="section5_empty", severity="error", where="sections.五", expected="存在的主要问题及改进措施",
                    actual=text.strip(), message="「五、存在的主要问题及改进情况」只写了“无”。条例第五十条（四）要求报告存在的"
                                                 "主要问题及改进情况，请如实写明问题和改进措施。")]


def section6_info_fee(report: Report) -> list[Finding]:
    """N-3 (commonly practised; statutory_tables.md §4): section 六 states whether 信息处理费 was charged. Warning.

    When 表三 （六）2（逾期未缴纳信息处理费）总计 > 0, fees were levied and the message says so. Table 2's
    行政事业性收费 is a different fee and plays no part here.
    """
    text = report.sections.get("六", "")
    if not text.strip() or _INFO_FEE in text:
        return []
    dropped = report.t3(_FEE_DROPPED_ROW) if _FEE_DROPPED_ROW in report.table3 else None
    elsewhere = [k for k in L.SECTION_KEYS if k != "六" and _INFO_FEE in report.sections.get(k, "")]
    if dropped:
        msg = (f"表三「（六）其他处理 2.逾期未按收费通知要求缴纳费用」总计为 {_n(dropped)}，说明本年度发出过收费通知，"
               f"但「六、其他需要报告的事项」没有说明信息处理费的收取情况。请写明收费通知件数、实际收取金额（元）。")
        cells = [_FEE_DROPPED_ID]
    else:
        msg = "「六、其他需要报告的事项」没有说明信息处理费的收取情况。请写明本年度是否收取信息处理费（未收取也应写明）。"
        cells = []
    if elsewhere:
        msg += f"（第{'、'.join(elsewhere)}部分提到了信息处理费，建议移到第六部分。）"
    return [Finding(rule="info_fee_note", severity="warning", where="sections.六", expected="说明信息处理费收取情况",
                    actual="未提及", cells=cells, message=msg)]


def template_current(report: Report) -> list[Finding]:
    """§1.5 / §5 item 6 (interpretation): a 2021+ report must use the 2021 format (国办公开办函〔2021〕30号). Warning."""
    if report.template == L.TEMPLATE_2019 and report.year is not None and report.year >= 2021:
        return [Finding(rule="old_template", severity="warning", where="结构", expected="2021年版格式", actual="2019年试行格式",
                        message=f"{report.year}年度报告仍使用2019年试行格式的表格。自2021年度报告起应使用国办公开办函〔2021〕30号"
                                f"规定的格式（表三「（六）其他处理」分为三项），请更换模板。")]
    return []


def _span(prefix: str, m: "re.Match[str]") -> str:
    return f"{prefix}[{m.start()}:{m.end()}]"


def year_consistency(report: Report) -> list[Finding]:
    """N-5 (commonly checked; statutory_tables.md §4, §5 item 1 「照抄上年」): the reporting year agrees between the
    title, the 统计期限 sentence and the narrative. A section or paragraph that opens with an earlier year
    (「2023年，我市…」 in a 2024 report) is a stale copy from last year's report. Error (warning for a year older
    than the previous one).
    """
    y = report.year
    if y is None:
        if not _has_text(report):
            return []
        return [Finding(rule="year_unknown", severity="warning", where="标题", expected="报告年度", actual=None,
                        message="没有识别出报告所属年度，无法核对统计期限和正文年份。请在标题中写明“××××年政府信息公开工作年度报告”。")]
    out = []
    if report.title:
        m = _YEAR.search(report.title)
        if m and int(m.group(1)) != y:
            out.append(Finding(rule="year_mismatch", severity="error", where="标题", expected=y, actual=int(m.group(1)),
                               message=f"标题中的年份为{m.group(1)}年，与报告年度{y}年不一致，请核对标题。"))
    for prefix, text in _texts(report):
        for m in _PARAGRAPH_YEAR.finditer(text):
            got = int(m.group(1))
            if got >= y or got < y - 10:
                continue
            first = m.start() == 0 or not text[: m.start()].strip()
            out.append(Finding(
                rule="stale_year", severity="error" if got == y - 1 else "warning", where=_span(prefix, m),
                expected=y, actual=got,
                message=f"{'本部分开头' if first else '段落开头'}写的是“{m.group(0).strip()}”，而本报告是{y}年度报告。"
                        f"这很可能是从上一年报告照抄未改的年份，请改为{y}年并核对其后的内容和数字。"))
    return out


def period_sentence(report: Report) -> list[Finding]:
    """N-4 (official at provincial level, DB51/T 2660—2019 §2.1; universal practice): the 统计期限 sentence is present
    and covers Y年1月1日 to Y年12月31日. Error when missing or wrong (a stale year copied from last year); when the
    parser doubts the text is whole (:func:`report.rules.absence.parser_doubt`) a missing sentence is a
    ``period_unlocated`` warning."""
    if not _has_text(report):
        return []
    y = report.year
    for prefix, text in _texts(report):
        m = _PERIOD.search(text)
        if m:
            y1, m1, d1, y2, m2, d2 = (int(g) for g in m.groups())
            if y is None or (y1, m1, d1, y2, m2, d2) == (y, 1, 1, y, 12, 31):
                return []
            return [Finding(rule="period_year", severity="error", where=_span(prefix, m),
                            expected=f"{y}年1月1日至{y}年12月31日", actual=f"{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日",
                            message=f"统计期限写为{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日，与报告年度{y}年不符"
                                    f"（可能照抄了上一年报告）。应为{y}年1月1日至{y}年12月31日。")]
    for prefix, text in _texts(report):
        m = _PERIOD_LOOSE.search(text)
        if m:
            got = int(m.group(1))
            if y is None or got == y:
                return []
            return [Finding(rule="period_year", severity="error", where=_span(prefix, m), expected=y, actual=got,
                            message=f"统计期限中的年份为{got}年，与报告年度{y}年不符（可能照抄了上一年报告），请改为{y}年。")]
    period = f"{y}年1月1日起，至{y}年12月31日止" if y else "××××年1月1日起，至××××年12月31日止"
    doubt = parser_doubt(report)
    if doubt is not None:  # the text was not read as whole: the sentence may be there, unread
        return [Finding(rule="period_unlocated", severity="warning", where="结构", expected="统计期限说明",
                        actual="未能识别", message=f"未能识别统计期限说明，{UNLOCATED}。（解析说明：{doubt}）")]
    return [Finding(rule="period_missing", severity="error", where="结构", expected="统计期限说明", actual="未找到",
                    message=f"报告中没有统计期限说明。请加上一句：“本报告中所列数据的统计期限自{period}。”")]


def narrative_numbers(report: Report, mode: str = "audit", previous: Optional[Report] = None) -> list[Finding]:
    """N-1, N-2 (commonly checked, S4 generateTextItems; accuracy is an official duty, format (四)明确责任).

    Numbers in each section are bound to table cells by :func:`report.claims.report_claims` (the function behind
    ``python -m report claims``); a ``contradicts`` claim becomes a ``narrative_number`` finding with the claim's
    severity. ``unverifiable`` claims are findings (``narrative_unverified``) only in drafting mode.
    """
    out: list[Finding] = []
    try:
        items = report_claims(report, previous)
    except Exception as exc:  # a bug there must not hide the table findings; say so instead
        return [Finding(rule="narrative_check_failed", severity="warning", where="sections",
                        message=f"正文数字核对未能完成（{type(exc).__name__}: {exc}），请人工核对正文数字。")]
    for k, c in items:
        if c.status == "contradicts":
            rule, sev = "narrative_number", c.severity or "error"
        elif c.status == "unverifiable" and mode == "draft":
            rule, sev = "narrative_unverified", c.severity or "warning"
        else:
            continue
        out.append(Finding(
            rule=rule, severity=sev, where=f"sections.{k}[{c.start}:{c.end}]", expected=c.expected, actual=c.value,
            cells=list(c.cells) or ([c.cell] if c.cell else []),
            message=c.message or f"正文“{c.text}”中的数字与表格不一致。"))
    return out
