"""HTML fragments for the UI: findings lists (locations in words, jumps to cells and sentences), claim-marked drafts, citations."""

from __future__ import annotations

import html
import re
from typing import Any, Iterable, Optional

from report.model import labels as L
from report.model.cells import try_parse
from report.model.findings import BLANK_RULES
from report.model.tables import Report

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_COLOR = {"error": "#fde2e1", "warning": "#fff4ce", "info": "#e8f0fe"}
STATUS_COLOR = {"verified": "#c8f7c5", "contradicts": "#ffc9c9", "unverifiable": "#ffe8a3"}
STATUS_LABEL = {"verified": "已核实", "contradicts": "与表格不符", "unverifiable": "无法核实"}

STYLE = """<style>
.nb-grid{border-collapse:collapse;font-size:12px}.nb-grid td,.nb-grid th{border:1px solid #ccc;padding:2px 6px}
.nb-bad{background:#ffc9c9;font-weight:bold}.nb-findings li{margin:2px 0}
mark.nb-verified{background:#c8f7c5}mark.nb-contradicts{background:#ffc9c9}mark.nb-unverifiable{background:#ffe8a3}
</style>"""


def esc(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


_SPAN_RE = re.compile(r"^(sections\.([一二三四五六])|preamble|closing)(?:\[(\d+):(\d+)\])?$")
PLACE_WORDS = {"preamble": "开头段落", "closing": "落款", "标题": "标题", "结构": "全文结构", "跨年度": "与上年对比",
               "解析": "读取原文时"}


def paragraph_number(text: str, offset: int) -> int:
    """1-based number of the non-empty paragraph (line) of ``text`` that holds character ``offset``."""
    before = text[:max(0, offset)].split("\n")
    return sum(1 for line in before[:-1] if line.strip()) + 1


def where_label(where: str, report: Optional[Report] = None) -> str:
    """A finding's location in staff words: 「一、总体情况 第3段」, 「落款」, 「表三 （三）不予公开 1.属于国家秘密 · 自然人」.

    Text spans (``sections.一[543:546]``) become the section title and paragraph number (the paragraph needs the
    report's text; without it only the section is named); cell ids become table, row and column."""
    where = where or ""
    m = _SPAN_RE.match(where)
    if m:
        key = m.group(2)
        name = L.SECTION_TITLES[key] if key else PLACE_WORDS[m.group(1)]
        if m.group(3) is not None and report is not None:
            text = report.sections.get(key, "") if key else getattr(report, m.group(1), "") or ""
            if isinstance(text, str) and text:
                return f"{name} 第{paragraph_number(text, int(m.group(3)))}段"
        return name
    if where in PLACE_WORDS:
        return PLACE_WORDS[where]
    if where.startswith("结构/"):
        return f"全文结构：{where[3:]}"
    ref = try_parse(where)
    known_rows = set(L.T3_ROWS_2021) | set(L.T3_ROWS_2019) | set(L.T4_GROUPS) | set(L.T2_DOC_ROWS) \
        | set(L.T2_SINGLE_ROWS) | set(L.T2_2019)
    if ref is not None and ref.row in known_rows:
        table = L.TABLE_NAMES[ref.table]
        if ref.table == "table3":
            row = L.t3_short_label(ref.row)
        elif ref.table == "table4":
            row = L.T4_GROUP_TITLES.get(ref.row, ref.row)
        else:
            row = ref.row
        if ref.column:
            return f"{table} {row} · {ref.column}"
        return f"{table} {row}" if ref.table == "table2" else f"{table} {row}（整行）"
    return where.replace("/", " ")


def finding_jump(f: Any) -> str:
    """The data attributes that let a finding jump to its cell (data-jump-cell) or its sentence (data-jump-span)."""
    refs = [try_parse(c) for c in (list(getattr(f, "cells", None) or []) or [f.where])]
    cells = [r.id for r in refs if r is not None and (r.column or r.table == "table2")]
    if cells:
        return f" data-jump-cell='{esc(cells[0])}' class='nb-jump' title='点击定位到该单元格'"
    m = _SPAN_RE.match(f.where or "")
    if m and m.group(2) and m.group(3) is not None:
        return (f" data-jump-section='{esc(m.group(2))}' data-jump-start='{m.group(3)}' data-jump-end='{m.group(4)}'"
                " class='nb-jump' title='点击在起草页打开并选中这句话'")
    return ""


def findings_html(findings: Iterable[Any], extra: Iterable[str] = (), title: str = "校验结果",
                  report: Optional[Report] = None, todo: Iterable[str] = ()) -> str:
    """Findings as a list, errors first, each located in words and (when it names a cell or a sentence) clickable
    to jump there; ``extra`` are input refusals, ``todo`` the live check's one line per unfinished table."""
    findings = list(findings)
    extra = list(extra)
    todo = list(todo)
    if not findings and not extra and not todo:
        return f"<div id='nb-findings'><b>{esc(title)}</b>：未发现问题 ✅</div>"
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_LABEL}
    head = "，".join(f"{SEVERITY_LABEL[s]} {n} 条" for s, n in counts.items() if n)
    if todo and not head:
        head = "尚未填完"
    items = [f"<li style='background:#fde2e1'>[输入] {esc(m)}</li>" for m in extra]
    items += [f"<li style='background:#eef2f7' data-rule='unfilled'>[待填] {esc(t)}</li>" for t in todo]
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(findings, key=lambda f: order.get(f.severity, 3)):
        items.append(
            f"<li style='background:{SEVERITY_COLOR.get(f.severity, '#fff')}' data-rule='{esc(f.rule)}'"
            f"{finding_jump(f)}>"
            f"[{SEVERITY_LABEL.get(f.severity, f.severity)}] <b>{esc(where_label(f.where, report))}</b>："
            f"{esc(f.message)}</li>"
        )
    return (f"<div id='nb-findings'><b>{esc(title)}</b>：{head or '输入有误'}"
            f"<ul class='nb-findings'>{''.join(items)}</ul></div>")


def flagged_cells(findings: Iterable[Any]) -> set[str]:
    """Cell ids named by error/warning findings (their ``cells`` list, else a cell-id ``where``); findings that
    only say a cell is blank are listed but not painted, so the red marks point at broken identities."""
    out: set[str] = set()
    for f in findings:
        if getattr(f, "severity", "") == "info" or getattr(f, "rule", "") in BLANK_RULES:
            continue
        cells = list(getattr(f, "cells", None) or [])
        out.update(cells or [f.where])
    return out


def claims_html(text: str, claims: Iterable[Any]) -> str:
    """The draft with each number marked by its claim status; provenance and message on hover."""
    claims = sorted((c for c in claims if 0 <= c.start < c.end <= len(text)), key=lambda c: c.start)
    out, pos = [], 0
    for c in claims:
        if c.start < pos:
            continue
        out.append(esc(text[pos:c.start]))
        prov = c.cell or (f"事实 {c.fact}" if c.fact else "无出处")
        tip = f"{STATUS_LABEL.get(c.status, c.status)}｜{prov}"
        if c.expected is not None and c.status == "contradicts":
            tip += f"｜应为 {c.expected}"
        if c.message:
            tip += f"｜{c.message}"
        out.append(f"<mark class='nb-{esc(c.status)}' data-status='{esc(c.status)}' title='{esc(tip)}'>"
                   f"{esc(text[c.start:c.end])}</mark>")
        pos = c.end
    out.append(esc(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    counts = {s: sum(1 for c in claims if c.status == s) for s in STATUS_LABEL}
    legend = "　".join(f"<mark class='nb-{s}'>{STATUS_LABEL[s]} {counts[s]}</mark>" for s in STATUS_LABEL)
    return f"{STYLE}<div id='nb-draft'><p>{legend}</p><div>{body}</div></div>"


_SOURCES_RE = re.compile(r"\n+\s*(?:#+\s*|\*\*)?(来源|参考来源|引用来源)(?:\*\*)?\s*[:：]?\s*\n", re.M)


def with_citation_block(reply: str) -> str:
    """Fold the reply's 来源 list into a collapsible ``<details>`` block (kept verbatim inside)."""
    m = _SOURCES_RE.search(reply)
    if not m:
        return reply
    body, sources = reply[: m.start()], reply[m.end():].strip()
    n = sum(1 for line in sources.splitlines() if line.strip())
    return f"{body}\n\n<details><summary>{m.group(1)}（{n} 条，点击展开）</summary>\n\n{sources}\n\n</details>"
