"""Result types of drafting: a section draft with the provenance of every number in it."""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, Field

Number = Union[int, float]


class DraftClaim(BaseModel):
    """One number in a draft and where it comes from (same fields as ``report.claims.Claim``)."""

    text: str
    value: Optional[Number] = None
    start: int = 0
    end: int = 0
    status: Literal["verified", "contradicts", "unverifiable"] = "verified"
    severity: Literal["error", "warning", "info"] = "info"
    cell: Optional[str] = None  # cell id or derived expression
    fact: Optional[str] = None  # user fact id
    expected: Optional[Number] = None
    message: str = ""

    @classmethod
    def of(cls, claim: Any) -> "DraftClaim":
        data = claim.model_dump() if hasattr(claim, "model_dump") else dict(claim)
        return cls(**{k: data.get(k) for k in cls.model_fields if data.get(k) is not None})

    @property
    def flagged(self) -> bool:
        return self.status != "verified"


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
    claims: list[DraftClaim] = Field(default_factory=list)
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
