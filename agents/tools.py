"""The chat's tools: thin wrappers over report/ and knowledge/ that also record every hit they returned.

The same :class:`Toolbox` serves the online agent (as langchain tools) and the offline intent router, so the
"来源" list under an answer is always built by code from the hits really retrieved in that turn.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from report.claims import Fact
from report.model import Report

from . import figures
from .retrieval import quote
from .types import ChatSession

log = logging.getLogger("nianbao.agents")

SECTION_WORDS = (
    ("五", ("问题", "改进", "第五部分", "五、")),
    ("六", ("其他需要报告", "信息处理费", "第六部分", "六、")),
    ("一", ("总体情况", "第一部分", "一、", "主动公开", "依申请", "监督保障", "平台建设")),
)
def section_of(text: str) -> str:
    for key, words in SECTION_WORDS:
        if any(w in text for w in words):
            return key
    return "一"


class Toolbox:
    def __init__(self, session: ChatSession):
        self.session = session
        self.hits: list[Any] = []
        self.figure_cells: list[str] = []  # cells the figure tools answered from in this turn

    # ---------------------------------------------------------------- state
    @property
    def report(self) -> Optional[Report]:
        return self.session.report

    @property
    def previous(self) -> Optional[Report]:
        return self.session.previous

    @property
    def facts(self) -> list[Fact]:
        return list(self.session.facts)

    def citations(self) -> list[str]:
        seen: list[str] = []
        for h in self.hits:
            c = str(getattr(h, "citation", "") or "")
            if c and c not in seen:
                seen.append(c)
        return seen

    # ---------------------------------------------------------------- retrieval
    def _search(self, query: str, source: Optional[str], k: int = 3, agency: Optional[str] = None,
                year: Optional[int] = None) -> list[Any]:
        kb = self.session.kb
        if kb is None:
            return []
        try:
            hits = list(kb.search(query, k=k, source=source, agency=agency, year=year) or [])
        except Exception:
            log.warning("knowledge base search failed", exc_info=True)
            return []
        self.hits.extend(hits)
        return hits

    def search_regulation(self, query: str) -> str:
        hits = self._search(query, "regulation")
        if self.session.kb is None:
            return "未加载资料库，无法检索法规条文。"
        return quote(hits, "没有检索到相关的法规条文。")

    def search_reports(self, query: str, agency: Optional[str] = None, year: Optional[int] = None) -> str:
        hits = self._search(query, "report", agency=agency, year=year)
        if self.session.kb is None:
            return "未加载资料库，无法检索往年报告。"
        return quote(hits, "没有检索到相关的报告段落。")

    # ---------------------------------------------------------------- figures
    def search_knowledge(self, query: str, k: int = 4) -> list[Any]:
        """All sources at once: the ranking (document prior, article cues) decides what answers."""
        return self._search(query, None, k=k)

    def find_cell(self, query: str) -> Optional[tuple[str, str, Any]]:
        """Best (id, label, value) for a question about a figure in the loaded report, or None."""
        if self.report is None:
            return None
        c = figures.find(query, self.report)
        return (c.id, c.label, c.value) if c is not None else None

    def get_table_value(self, item: str) -> str:
        if self.report is None:
            return "当前没有载入本年度报告，请先上传或导入报告。"
        found = figures.answer(item if figures.FIGURE_RE.search(item) else item + "是多少", self.report,
                               self.previous)
        if found is None:
            return f"在已载入的报告中没有找到与“{item}”对应的数据项，请换一种说法（例如“本年新收申请总计”）。"
        self.figure_cells.extend(found.cells)
        return found.text.replace("**", "")

    def compare_years(self, item: str) -> str:
        if self.report is None or self.previous is None:
            return "需要同时载入本年度和上年度报告才能比较。"
        found = figures.answer(item + "比上年增长多少", self.report, self.previous)
        if found is None:
            return f"没有找到与“{item}”对应的数据项。"
        self.figure_cells.extend(found.cells)
        return found.text.replace("**", "")

    def check_numbers(self, text: str) -> str:
        if self.report is None:
            return "当前没有载入报告，无法核对数字。"
        from .checking import bind

        claims = bind(text, self.report, self.facts, self.previous)
        if not claims:
            return "这段文字中没有需要核对的数字。"
        lines = []
        for c in claims:
            mark = {"verified": "✓ 一致", "contradicts": "✗ 不一致", "unverifiable": "？ 无法核实"}[c.status]
            src = c.cell or c.fact or "无对应数据"
            extra = f"，报表中为 {c.expected}" if c.status == "contradicts" and c.expected is not None else ""
            lines.append(f"{mark}：“{c.text}”中的 {c.value}{extra}（{src}）{('：' + c.message) if c.message and c.status != 'verified' else ''}")
        bad = sum(1 for c in claims if c.status != "verified")
        head = "数字全部与报表一致。" if not bad else f"发现 {bad} 处数字需要核对："
        return head + "\n" + "\n".join(lines)

    def draft_section(self, section: str) -> str:
        if self.report is None:
            return "当前没有载入报告，无法起草。"
        from .drafting import draft_section

        key = section if section in ("一", "五", "六") else section_of(section)
        d = draft_section(self.report, key, facts=self.facts, previous=self.previous,
                          model=self.session.model, kb=self.session.kb)
        self.hits.extend(_SourceHit(s.citation) for s in d.sources)
        notes = "\n".join(f"【请核对】{f.message}" for f in d.findings if f.severity != "info")
        return f"{d.title}\n{d.text}" + (f"\n\n{notes}" if notes else "")

    # ---------------------------------------------------------------- for create_agent
    def as_tools(self) -> list:
        from langchain_core.tools import tool

        @tool
        def search_regulation(query: str) -> str:
            """检索《政府信息公开条例》、年度报告格式通知、信息处理费管理办法等法规条文。query：检索用的关键词或问题。"""
            return self.search_regulation(query)

        @tool
        def search_reports(query: str, agency: Optional[str] = None, year: Optional[int] = None) -> str:
            """检索已入库的政府信息公开工作年度报告段落；可按机关名称 agency 和报告年度 year 过滤。"""
            return self.search_reports(query, agency, year)

        @tool
        def get_table_value(item: str) -> str:
            """查询当前载入报告的报表数字，item 为数据项名称，例如“本年新收申请总计”“行政复议总计”。"""
            return self.get_table_value(item)

        @tool
        def compare_years(item: str) -> str:
            """比较某个数据项本年与上年的数字及增减幅度，item 为数据项名称。"""
            return self.compare_years(item)

        @tool
        def check_numbers(text: str) -> str:
            """核对一段文字中的每个数字是否与报表和已提供的事实一致。"""
            return self.check_numbers(text)

        @tool
        def draft_section(section: str) -> str:
            """起草年度报告的某一部分：'一'（总体情况）、'五'（存在的主要问题及改进情况）或'六'（其他需要报告的事项）。"""
            return self.draft_section(section)

        return [search_regulation, search_reports, get_table_value, compare_years, check_numbers, draft_section]


class _SourceHit:
    def __init__(self, citation: str):
        self.citation = citation
