"""This agency's own past reports, found by identity: the "last year" model when no previous report is given.

Names change from year to year (平潭综合实验区党工委管委会 / 平潭综合实验区管理委员会; 洪泽区人民政府 /
淮安市洪泽区人民政府), so past reports are matched with :func:`report.model.agency.same_agency` (the organ in one
form, the places of one name ending those of the other), never by comparing names as strings. A match under the
very same name is used directly; a match under another name is only *proposed*: staff confirm it (the UI shows a
button, the command line prints the notice and names ``--previous``), because two bodies may share an identity key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from report.model.agency import same_agency
from report.model.tables import Report


@dataclass(frozen=True)
class PastReport:
    report: Report
    exact: bool  # the same name as written (spaces and bracketed remarks aside)
    doc_id: str = ""

    @property
    def label(self) -> str:
        return f"{self.report.agency or '机关未识别'}{self.report.year or ''}年度报告"

    def notice(self, agency: Optional[str]) -> str:
        """What staff are told: the report used, or the report proposed and why it needs their confirmation."""
        if self.exact:
            return f"已使用知识库中本机关的上年报告《{self.label}》作为上年范本（机关名称相同）。"
        return (f"知识库中有《{self.label}》：机关名称（{self.report.agency}）与本年（{agency}）写法不同，"
                "按机关身份（地区和机关类别）判断是同一机关。请确认后再作为上年报告使用。")


def _plain(name: Optional[str]) -> str:
    return re.sub(r"\s+|（[^）]*）|\([^)]*\)", "", name or "")


def _as_report(item: Any) -> tuple[Report, str]:
    if isinstance(item, Report):
        return item, ""
    if isinstance(item, dict):
        return Report.from_interchange(item), str(item.get("doc_id") or "")
    raise TypeError(f"not a report: {type(item).__name__}")


def own_reports(reports: Iterable[Any], agency: Optional[str]) -> list[PastReport]:
    """Every report (``Report`` or interchange dict, e.g. ``KnowledgeBase.reports()``) of this agency, newest first."""
    if not agency:
        return []
    out = []
    for item in reports:
        rep, doc_id = _as_report(item)
        if same_agency(rep.agency, agency):
            out.append(PastReport(rep, exact=_plain(rep.agency) == _plain(agency), doc_id=doc_id))
    out.sort(key=lambda p: (-(p.report.year or 0), not p.exact))
    return out


def last_year_report(reports: Iterable[Any], report: Report) -> Optional[PastReport]:
    """The agency's report of the year before ``report.year`` (an exact-name one first), or None. Without a
    reporting year there is no "last year" to look for."""
    if not report.year:
        return None
    mine = [p for p in own_reports(reports, report.agency) if p.report.year == report.year - 1]
    return mine[0] if mine else None

