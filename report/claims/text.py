"""Text segmentation for :mod:`report.claims`: sentences, clauses, the keyword nearest to a number, scope
narrowing, and table text that ran into a section (rows of bare numbers, header words, table bars)."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from report.claims import keywords as R
from report.claims.keywords import Rules
from report.claims.numbers import NumberMention

SENT_END = "。！？；;"
HEADING = re.compile(r"\s*(?:#|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d))")
_TABLE_ROW_END = re.compile(r"(?:\d+(?:\.\d+)?[ \t|｜]+){2,}\d+(?:\.\d+)?[ \t|｜]*$|[|｜]$")  # a table row line
_FOOTER = re.compile(r"\s*[-—]\s*\d+\s*[-—]\s*$")
_CLAUSE_DELIMS = set("，,、（）()")
_WS_RE = re.compile(r"\s+")


def compact(s: str) -> str:
    return _WS_RE.sub("", s)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans. Line breaks and blank lines inside a sentence (PDF wraps) are not boundaries."""
    cuts = [0]
    prev = ""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or _FOOTER.match(line):
            continue
        p = prev.rstrip()
        if p and (p[-1] in SENT_END + "：:" or HEADING.match(line) or (HEADING.match(prev) and len(p) < 40)
                  or _TABLE_ROW_END.search(p)):
            cuts.append(start)
        prev = line
    for m in re.finditer(f"[{SENT_END}]", text):
        cuts.append(m.end())
    cuts = sorted(set(cuts + [len(text)]))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def clause_span(text: str, s0: int, s1: int, m: NumberMention) -> tuple[int, int]:
    a = m.start
    while a > s0 and text[a - 1] not in _CLAUSE_DELIMS:
        a -= 1
    b = m.end
    while b < s1 and text[b] not in _CLAUSE_DELIMS:
        b += 1
    return a, b


def nearest(rules: Rules, left: str, right: str, reach: int = 10_000) -> Optional[tuple[str, str]]:
    """(metric, matched keyword) nearest to the number: left side first, then right side (within ``reach`` chars)."""
    left, right = left[-reach:], right[:reach]
    best: Optional[tuple[tuple[int | bool, ...], str, str]] = None
    for metric, rx in rules:
        for m in rx.finditer(left):
            key = (len(left) - m.end(), -len(m.group(0)))
            if best is None or key < best[0]:
                best = (key, metric, m.group(0))
    if best is None:  # right side: a carry-over phrase wins over a verb (3件因…答复期内结转至2022年)
        for metric, rx in rules:
            found = rx.search(right)
            if found:
                rkey = (metric not in R.STRONG, found.start(), -len(found.group(0)))
                if best is None or rkey < best[0]:
                    best = (rkey, metric, found.group(0))
    return (best[1], best[2]) if best else None


CHANNEL = re.compile(r"网上|网络|在线|线上|线下|当面|现场|信函|邮寄|传真|电子邮件|邮件|窗口|平台")
WHOLE = re.compile(r"共|合计|总计|累计|全年|全部|等")


_GOV = re.compile(r"人民政府")


def own_names(agency: Optional[str]) -> list[str]:
    """The ways a report names its own agency as the subject: the name and its tails of three characters or more
    (平潭综合实验区公安局 → 实验区公安局, 区公安局, 公安局…; 人民政府 also as 政府), longest first."""
    if not agency:
        return []
    name = agency_name(agency)
    forms = {name, _GOV.sub("政府", name)}
    tails = {f[i:] for f in forms for i in range(len(f)) if len(f) - i >= 3}
    tails -= {"办公室", "管委会", "委员会", "人民政府", "政府"}  # too general alone to be this agency
    return sorted(tails, key=len, reverse=True)


def agency_name(agency: str) -> str:
    """The agency's name without brackets (平潭综合实验区管理委员会（…；全区汇总） → 平潭综合实验区管理委员会)."""
    return re.sub(r"[（(][^）)]*[）)]", "", compact(agency))


def is_department(agency: Optional[str]) -> bool:
    """A department's report (…局, …委, …办), not a government's (人民政府, 管委会 and their offices)."""
    return bool(agency) and not GOVERNMENT.search(agency_name(agency or ""))


GOVERNMENT = re.compile(r"(?:人民政府|政府|管委会|管理委员会)(?:办公室|办公厅)?$")
WIDER = re.compile(r"全(?:国|省|市|区|县)|各(?:地|部门|单位|县|区|市|乡镇|街道)")


_REGION_END = re.compile(r"(?:实验区|新区|自治州|自治县|(?<!片)区|省|市(?![场政民])|县|旗|州)")


def region_names(agency: Optional[str]) -> list[str]:
    """A department's region, as the prefix of its name (平潭综合实验区行政审批局 → 平潭综合实验区, 综合实验区,
    实验区): named as a subject in the department's own report it is the wider scope (实验区共制发规范性文件30件)."""
    if not agency or not is_department(agency):
        return []
    name = agency_name(agency)
    out: set[str] = set()
    for m in _REGION_END.finditer(name):
        if len(name) - m.end() < 2:
            break
        region = name[:m.end()]
        out |= {region[i:] for i in range(len(region)) if len(region) - i >= 3} | {region}
    return sorted(out, key=len, reverse=True)


def wider(text: str, own: list[str], regions: list[str]) -> bool:
    """In a department's report, the clause speaks of a wider scope: 全区/各部门…, or its region by name (the
    agency's own name removed first: 平潭综合实验区行政审批局 is the agency itself)."""
    if WIDER.search(text):
        return True
    rest = strip_own(text, own)
    return any(r in rest for r in regions)


def strip_own(text: str, names: list[str]) -> str:
    """``text`` without the agency's own name (平潭综合实验区公安局共收到申请…: the whole agency, not a department)."""
    for n in names:
        if n in text:
            text = text.replace(n, "本机关")
    return text


def narrowed(left: str, span_left: str) -> bool:
    """The clause limits the scope (区政府办…受理17件, 其中民政局1件, 第一季度, 通过网络申请120件, 征地拆迁类申请30件,
    延期答复3件)."""
    if R.NARROW.search(left) or R.NARROW_AFTER_QIZHONG.search(span_left) or R.SUBSET.search(left):
        return True
    return bool(CHANNEL.search(left)) and not WHOLE.search(left)


_ENUMERATION = re.compile(r"[.．、](?![\d])\s*[\u4e00-\u9fff]")
_TABLE_GAP = re.compile(r"[\s|｜/／]*")
# Header words of the statutory tables: a "sentence" holding them is table text that ran into a section.
TABLE_HEADER = re.compile(r"本年制发件数|本年废止件数|现行有效件数|信息内容|处理决定数量|收费金额（单位|申请人情况"
                           r"|商业企业|科研机构|社会公益组织|法律服务机构|勾稽关系|未经复议直接起诉复议后起诉|\|\s*-{3}")


def is_table_text(sentence: str, mentions: list[NumberMention]) -> bool:
    """Table text that ran into a section: a Markdown table bar, two different header words, or one header word
    with bare numbers (``商业企业…0 0 0``). One header word in prose (``涉及自然人80件、商业企业1件``) is not."""
    found = {m.group(0) for m in TABLE_HEADER.finditer(sentence)}
    if not found:
        return False
    if len(found) >= 2 or any("|" in f for f in found):
        return True
    return sum(1 for m in mentions if m.unit is None) >= 2


def between_numbers(text: str, m: NumberMention, ctx: Context) -> bool:
    """A bare number with only spaces or table bars to the previous or next number (``34 2 0 0 0 0 36``)."""
    if m.unit is not None:
        return False
    gaps = []
    if ctx.prev_end >= 0:
        gaps.append(text[ctx.prev_end:m.start])
    if ctx.next_start < len(text):
        gaps.append(text[m.end:ctx.next_start])
    if any(_TABLE_GAP.fullmatch(g) for g in gaps):
        return True
    return bool(_ENUMERATION.match(text, m.end))  # （四）无2.没有现成信息…: a row number of table text


class Context(NamedTuple):
    sentence: str  # whitespace-free
    about: str  # the sentence and the previous one
    para_app: bool  # the paragraph (or its heading) is about 申请
    prev_end: int  # end of the previous number in the sentence (or -1)
    next_start: int  # start of the next number in the sentence (or a large value)
    tabular: bool = False  # the sentence is table text (header words, table bars)
