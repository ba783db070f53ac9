"""Reading last year's report for the interview: its 一 split into the five sub-parts (by its own headings, else by
the words of each sentence), its 五 split into the problems it states, and each problem's short name."""

from __future__ import annotations

import re
from typing import Optional

SUBPARTS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")
_SUBPART_WORDS = {
    "主动公开": ("主动公开", "解读", "发布会", "回应", "发布"),
    "依申请公开": ("依申请", "申请"),
    "政府信息管理": ("信息管理", "审查", "清理", "目录", "指南", "规范性文件"),
    "平台建设": ("平台", "网站", "新媒体", "公众号", "微博", "专栏", "查阅"),
    "监督保障": ("监督", "保障", "考核", "评议", "追究", "培训", "督查", "组织领导"),
}
_HEADING = re.compile(r"^[\s　]*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_ENUM = re.compile(r"(?:[一二三四五六七八九]是|(?<![\d.])\d{1,2}[、.．](?!\d)|[（(][\d一二三四五六七八九]{1,2}[）)]|[①②③④⑤⑥])")
_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
# Where last year's 五 turns from its problems to its measures: a heading, or a sentence announcing next year's work
# (「2020年我办将继续……抓好以下两个方面的工作」).
_MEASURE_HEAD = re.compile(r"(?:改进(?:情况|措施|举措)|整改措施|下一步|下一年度|今后|"
                           r"(?:(?<![\d])\d{4}年|明年|新的一年)[^。；，\d]{0,12}将)")
_PROBLEM_WORDS = ("不够", "不足", "有待", "欠缺", "需进一步", "还需", "较少", "不高", "不强", "不深", "滞后", "短板", "问题")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.findall(text or "") if s.strip()]


def _route(text: str) -> Optional[str]:
    best, score = None, 0
    for sp, words in _SUBPART_WORDS.items():
        s = sum(text.count(w) for w in words)
        if s > score:
            best, score = sp, s
    return best


def split_overview(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Last year's 一 as {sub-part: text} and {sub-part: its own heading}: a heading line routes the paragraphs
    under it; without headings each sentence goes to the sub-part its words name. What precedes the first
    sub-part (the overview's opening) is kept under "综述"."""
    parts: dict[str, list[str]] = {sp: [] for sp in SUBPARTS}
    lead: list[str] = []
    heads: dict[str, str] = {}
    current: Optional[str] = None
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    has_heads = sum(1 for ln in lines if _HEADING.match(ln)) >= 2
    for ln in lines:
        if has_heads and _HEADING.match(ln):
            head = re.split(r"[。：:]", ln, maxsplit=1)[0][:30]
            sp = _route(head) or _route(ln)
            if sp is not None:
                current = sp
                heads.setdefault(sp, head)
            body = ln[len(head):].lstrip("。：:") if len(ln) > len(head) + 1 else ""
            if body and current:
                parts[current].append(body)
            continue
        if has_heads and current:
            parts[current].append(ln)
            continue
        if has_heads:  # before the first heading: the overview's opening
            lead.append(ln)
            continue
        for s in sentences(ln):
            sp = _route(s)
            if sp:
                parts[sp].append(s)
            elif not any(parts.values()):
                lead.append(s)
    out = {sp: "\n".join(v) for sp, v in parts.items() if v}
    if lead:
        out["综述"] = "\n".join(lead)
    return out, heads


_LEAD_IN = re.compile(r"^(?:但是?|然而|同时|不过|主要(?:表现在|是|有)?|存在(?:着)?)+")
_NAME_LEAD_IN = re.compile(r"^(?:但是?|然而|同时|不过|也|还|仍|主要(?:表现在|是|有)?|存在(?:着)?)+")  # a name's only
_TAIL = re.compile(r"(?:等|的)?(?:方面的?)?问题$")


def problem_key(problem: str) -> str:
    """The name of a problem: its first clause, without the enumerator or a lead-in (但、主要存在…), at most 30
    characters."""
    p = _ENUM.sub("", problem, count=1).strip("：:，。； ")
    first = re.split(r"[，。；：:]", p, maxsplit=1)[0]
    name = _NAME_LEAD_IN.sub("", first) or first
    return (_TAIL.sub("", name) or name)[:30]  # 「…有待进一步提升等问题」 -> its name, without 「等问题」


def _shortcoming_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence that state a shortcoming (「…规范有序，但在政策解读方式上还不够多样化」 → the
    second clause; 「主要存在A有待提升，B不够强，C等问题」 → three), each without its lead-in."""
    out = []
    for clause in re.split(r"[，,；;]", sentence):
        c = clause.strip("。 ")
        if any(w in c for w in _PROBLEM_WORDS):
            c = _LEAD_IN.sub("", c).strip()
            if len(c) >= 6 and not re.fullmatch(r"(?:存在的?)?(?:以下|如下|主要)?(?:几个方面的?)?(?:问题|不足)[。：:]?", c):
                out.append(c)
    return out


def split_problems(text: str) -> list[str]:
    """Last year's 五 split into its problems (the part before the measures; enumerated items, else the sentences
    that state a shortcoming)."""
    text = text or ""
    m = _MEASURE_HEAD.search(text)
    head = text[:m.start()] if m and m.start() > 20 else text
    marks = [mm.start() for mm in _ENUM.finditer(head)]
    items: list[str] = []
    if len(marks) >= 2:
        bounds = marks + [len(head)]
        items = [head[a:b] for a, b in zip(bounds, bounds[1:])]
    else:
        items = [c for s in sentences(head) for c in _shortcoming_clauses(s)]
    out = []
    for it in items:
        if re.fullmatch(r"[\s（(一二三四五六）).、]*(?:存在的?)?(?:主要)?(?:问题|不足)(?:及改进情况)?[。：:\s]*", it):
            continue
        it = re.sub(r"\s+", "", it).strip("；;。，")
        it = re.sub(r"^" + _ENUM.pattern, "", it).strip("：:，；。 ")
        if len(it) >= 6 and not _HEADING.fullmatch(it):
            out.append(it)
    return out[:6]


def opening(text: str, limit: int = 40) -> str:
    """The first sentence of substance of a part of last year's text (its heading and numbering dropped), cut to
    ``limit`` characters with 「…」; '' when it has none."""
    for s in sentences(text):
        t = re.sub(r"^[一二三四五六七八九十]是", "", _HEADING.sub("", s).strip()).rstrip("。；！？")
        if len(t) >= 12:
            return t if len(t) <= limit else t[:limit] + "…"
    return ""
