"""Index expansion written by hand: what each bundled passage answers, in the words staff use.

``knowledge/corpus/passage_topics.json`` lists, for each article, 款 or 项 of the 条例 and the 办法, each passage
of the format notice and each section of an annual report, a few short statements of the topic, the situation and
the decision it answers (「查了以后根本没有申请人要的信息」 for 第三十六条第（四）项). They were written from the
regulation text itself, never from benchmark questions. The statements are indexed beside their passage:

- lexically: appended to the passage's BM25 text (so a colloquial word in the question meets the passage);
- densely: each statement is embedded as an e5 *query* (``query: `` prefix), so a question is compared with
  questions-like statements (query–query similarity is what e5 does best for paraphrases); a passage scores the
  best cosine of its statements.

A rule names its passage by document and citation (``{"doc": "政府信息公开条例", "where": "第三十六条第（四）项"}``),
by a substring of the passage (``"contains"``) or, for reports, by section (``{"report_section": "六"}``, optionally ``"heading_any"``: words of the sub-heading,
since reports number their sub-parts differently) — a report rule applies to every report's chunks of that section, bundled or uploaded, since what a section is for does not
depend on who wrote it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

TOPICS_FILE = Path(__file__).resolve().parent / "corpus" / "passage_topics.json"


@dataclass(frozen=True)
class Rule:
    topics: tuple[str, ...]
    doc: str = ""
    where: str = ""
    contains: str = ""
    report_section: str = ""
    heading_any: tuple[str, ...] = ()
    report_kind: str = ""

    def matches(self, md: dict[str, Any], text: str) -> bool:
        if self.report_section:
            if md.get("source") != "report" or str(md.get("section") or "") != self.report_section:
                return False
            heading = str(md.get("heading") or "")
            if self.heading_any and not any(h in heading for h in self.heading_any):
                return False
            return not self.report_kind or md.get("kind") == self.report_kind
        if md.get("source") != "regulation" or (self.doc and md.get("doc_title") != self.doc):
            return False
        if self.where and str(md.get("citation", "")) != f"《{self.doc}》{self.where}":
            return False
        return not self.contains or self.contains in text


@dataclass(frozen=True)
class TopicTable:
    rules: tuple[Rule, ...]
    texts: tuple[str, ...]  # distinct statements, in file order
    digest: str  # changes when the file changes: saved BM25 indexes are rebuilt
    pos: dict[str, int] = field(default_factory=dict, compare=False)
    by_citation: dict[str, tuple[Rule, ...]] = field(default_factory=dict, compare=False)
    by_section: dict[str, tuple[Rule, ...]] = field(default_factory=dict, compare=False)
    other: tuple[Rule, ...] = ()

    def for_chunk(self, md: dict[str, Any], text: str) -> list[int]:
        """Indexes into ``texts`` of the statements that describe this chunk."""
        if md.get("source") == "report":
            rules: tuple[Rule, ...] = self.by_section.get(str(md.get("section") or ""), ())
        else:
            rules = self.by_citation.get(str(md.get("citation", "")), ()) + self.other
        out: list[int] = []
        for r in rules:
            if r.matches(md, text):
                out.extend(self.pos[t] for t in r.topics if self.pos[t] not in out)
        return out


def parse(data: dict[str, Any]) -> TopicTable:
    rules: list[Rule] = []
    texts: list[str] = []
    for row in data.get("passages", []):
        topics = tuple(str(t).strip() for t in row.get("topics", []) if str(t).strip())
        if not topics:
            continue
        rules.append(Rule(topics=topics, doc=str(row.get("doc", "")), where=str(row.get("where", "")),
                          contains=str(row.get("contains", "")), report_section=str(row.get("report_section", "")),
                          heading_any=tuple(str(h) for h in row.get("heading_any", [])),
                          report_kind=str(row.get("report_kind", ""))))
        texts.extend(t for t in topics if t not in texts)
    digest = hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:12]
    by_citation: dict[str, list[Rule]] = {}
    by_section: dict[str, list[Rule]] = {}
    other: list[Rule] = []
    for r in rules:
        if r.report_section:
            by_section.setdefault(r.report_section, []).append(r)
        elif r.where:
            by_citation.setdefault(f"《{r.doc}》{r.where}", []).append(r)
        else:
            other.append(r)
    return TopicTable(tuple(rules), tuple(texts), digest, {t: i for i, t in enumerate(texts)},
                      {k: tuple(v) for k, v in by_citation.items()}, {k: tuple(v) for k, v in by_section.items()},
                      tuple(other))


@lru_cache(maxsize=4)
def load(path: Path = TOPICS_FILE) -> TopicTable:
    if not path.exists():
        return TopicTable((), (), "none")
    return parse(json.loads(path.read_text(encoding="utf-8")))


def own_text(md: dict[str, Any], text: str) -> str:
    """A regulation passage's own text as a query-like statement: its title line (citation, chapter) and text,
    as the passage is embedded (``Chunk.embed_text``), here embedded as a query."""
    title = " ".join(str(md[k]) for k in ("citation", "chapter", "heading") if md.get(k))
    return f"{title}\n{text}"
