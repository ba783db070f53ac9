"""Result types of drafting: a section draft with the provenance of every number in it.

Every number of a draft is a :class:`report.claims.Claim` (one type for the checker and the drafter): its ``cell``
is a cell id or derived expression, its ``fact`` a user fact id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Optional, Protocol, Union

from pydantic import BaseModel, Field

from report.claims import Claim, Fact
from report.model import Report

if TYPE_CHECKING:
    from knowledge.store import Hit

    from .llm import ChatModel

Number = Union[int, float]


class Source(BaseModel):
    """A retrieved passage the draft was based on (citation built by code from the hit)."""

    citation: str
    source: str = ""  # 'regulation' | 'report' | 'upload'
    role: str = ""  # 'own_past' | 'peer' | 'regulation'
    excerpt: str = ""


class DraftFinding(BaseModel):
    """Something staff must look at before using the draft (Chinese message)."""

    kind: Literal["number", "llm", "retrieval", "input"] = "number"
    severity: Literal["error", "warning", "info"] = "warning"
    message: str
    text: str = ""
    value: Optional[Number] = None
    expected: Optional[Number] = None
    cell: Optional[str] = None


class SectionDraft(BaseModel):
    section: str
    title: str = ""
    text: str = ""
    claims: list[Claim] = Field(default_factory=list)
    findings: list[DraftFinding] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    mode: Literal["online", "offline"] = "offline"
    notice: Optional[str] = None
    repair_rounds: int = 0

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "text": self.text,
            "mode": self.mode,
            "notice": self.notice,
            "claims": [
                {"text": c.text, "value": c.value, "status": c.status, "cell": c.cell, "fact": c.fact}
                for c in self.claims
            ],
            "findings": [f.model_dump(exclude_none=True) for f in self.findings],
            "sources": [s.citation for s in self.sources],
        }


class Searcher(Protocol):
    """What drafting and chat need from the knowledge base (``knowledge.store.KnowledgeBase``; tests pass fakes)."""

    def search(self, query: str, k: int = 5, source: Optional[str] = None, agency: Optional[str] = None,
               year: Optional[int] = None) -> "list[Hit]": ...


@dataclass
class ChatSession:
    """What a chat turn may use: the model (None offline), the knowledge base, this year's and last year's
    report, and the user facts. Built by the web app (ui.actions_docs.chat_session) and ``python -m agents ask``."""

    model: "Optional[ChatModel]" = None
    kb: Optional[Searcher] = None
    report: Optional[Report] = None
    previous: Optional[Report] = None
    facts: list[Fact] = field(default_factory=list)
