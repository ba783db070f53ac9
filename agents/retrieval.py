"""Retrieval for drafting, done in code before the model is called.

Three kinds of passages, each quoted as data: this agency's own past reports (year-aware: last year's text first —
the best style guide and the main source of stale numbers to avoid), peers' reports for the same section, and the
regulation. Any object with ``search(query, k, source, agency, year) -> list[Hit]`` works (tests pass a fake).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from report.model.agency import same_agency
from report.model.tables import Report

from .types import DraftFinding, Source

QUERIES = {
    "一": ("总体情况 主动公开 依申请公开 政府信息管理 平台建设 监督保障",
           "政府信息公开工作年度报告 主动公开 依申请公开 监督保障 考核"),
    "五": ("存在的主要问题及改进情况 问题 不足 改进措施 下一步",
           "年度报告 存在的主要问题及改进情况 工作考核 社会评议 责任追究"),
    "六": ("其他需要报告的事项 信息处理费 收取",
           "信息处理费 收费 管理办法 收费通知"),
}
PASSAGE_CHARS = 700
OPEN, CLOSE = "<<<资料", "资料>>>"


@dataclass
class Passages:
    own: list[Any] = field(default_factory=list)
    peers: list[Any] = field(default_factory=list)
    regulation: list[Any] = field(default_factory=list)
    findings: list[DraftFinding] = field(default_factory=list)

    def sources(self) -> list[Source]:
        out = []
        for role, hits in (("own_past", self.own), ("peer", self.peers), ("regulation", self.regulation)):
            for h in hits:
                out.append(Source(citation=str(getattr(h, "citation", "") or "（未注明出处）"),
                                  source=str(getattr(h, "source", "")), role=role,
                                  excerpt=str(getattr(h, "text", ""))[:120]))
        return out


def _md(hit: Any) -> dict:
    md = getattr(hit, "metadata", None)
    return md if isinstance(md, dict) else {}


def _year(hit: Any) -> Optional[int]:
    try:
        y = int(_md(hit).get("year") or 0)
    except (TypeError, ValueError):
        return None
    return y or None


def _is_narrative(hit: Any, section: str) -> bool:
    md = _md(hit)
    if md.get("kind") == "table":
        return False
    return md.get("section") in (None, "", section)


def _same_agency(hit: Any, agency: Optional[str]) -> bool:
    """The hit is from this agency's own report, under any of its names (report.model.agency.same_agency)."""
    return same_agency(str(_md(hit).get("agency") or ""), agency)


def _search(kb: Any, findings: list[DraftFinding], query: str, k: int, **filters: Any) -> list[Any]:
    try:
        return list(kb.search(query, k=k, **filters) or [])
    except Exception as exc:
        findings.append(DraftFinding(kind="retrieval", severity="warning",
                                     message=f"检索资料库失败（{type(exc).__name__}），本次起草未参考往年报告和法规。"))
        return []


def gather_passages(kb: Any, report: Report, section: str, *, own_k: int = 2, peer_k: int = 2,
                    reg_k: int = 2) -> Passages:
    out = Passages()
    if kb is None:
        out.findings.append(DraftFinding(kind="retrieval", severity="info",
                                         message="未加载资料库，本次起草未参考往年报告和法规条文。"))
        return out
    report_query, reg_query = QUERIES.get(section, QUERIES["一"])
    year = report.year
    if report.agency:
        own: list[Any] = []
        if year:
            own = _search(kb, out.findings, report_query, own_k * 3, source="report", agency=report.agency,
                          year=year - 1)
        if not own:
            own = _search(kb, out.findings, report_query, own_k * 4, source="report", agency=report.agency)
        own = [h for h in own if _is_narrative(h, section) and (not year or (_year(h) or 0) < year)]
        own.sort(key=lambda h: -(_year(h) or 0))  # the most recent year first
        out.own = own[:own_k]
    peers = _search(kb, out.findings, report_query, peer_k * 5, source="report")
    out.peers = [h for h in peers if _is_narrative(h, section) and not _same_agency(h, report.agency)][:peer_k]
    out.regulation = _search(kb, out.findings, reg_query, reg_k, source="regulation")[:reg_k]
    return out


def quote(hits: list[Any], empty: str = "（无）") -> str:
    """Passages as quoted data: citation line + text; delimiter look-alikes inside the text are defused."""
    if not hits:
        return empty
    blocks = []
    for h in hits:
        text = str(getattr(h, "text", "")).replace(OPEN, "《资料").replace(CLOSE, "资料》")
        text = text.replace("<<<", "《").replace(">>>", "》")
        if len(text) > PASSAGE_CHARS:
            text = text[:PASSAGE_CHARS] + "……"
        year = _year(h)
        tag = f"（{year}年）" if year else ""
        blocks.append(f"【来源：{getattr(h, 'citation', '') or '未注明出处'}{tag}】\n{text}")
    return "\n\n".join(blocks)
