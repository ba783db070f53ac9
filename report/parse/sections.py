"""Split a normalised report text into preamble, the six sections and the closing (signature, date).

Section titles vary in the wild (``四、因政府信息公开工作被申请行政复议、提起行政诉讼情况``,
``五、存在问题及改进情况``, Markdown ``## 一、总体情况``) and crawler text glues them to the text before and after
(``…文字。一、总体情况2021年…``), so headings are searched anywhere, in order, each after the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report.model import labels as L
from report.parse.normalize import strip_spam

# Between a heading's numeral and its title: 「一、」「一．」「一.」, a space, or nothing (「一总体情况」): the strict
# titles are specific enough to be recognised without the 、.
_SEP = r"[ \t　]*[、.．，,]?[ \t　]*"
# Looser titles need a separator (「一、工作总体情况」, 「一 工作概况总体…」): 「一年来，总体…」 is prose.
_LSEP = r"(?:[ \t　]*[、.．，,][ \t　]*|[ \t　]+)"
_STRICT = {
    "一": r"一" + _SEP + r"总体情况",
    "二": r"二" + _SEP + r"主动公开政府信息(?:的)?情况",
    "三": r"三" + _SEP + r"收到和处理政府信息公开申请(?:的)?情况",
    "四": r"四" + _SEP + r"(?:因)?政府信息公开(?:工作)?(?:申请)?(?:被申请)?行政[^\n。，]{0,2}?复议[、和及与]?(?:提起)?行政诉讼(?:的)?情况",
    "五": r"五" + _SEP + r"(?:政府信息公开工作)?存在(?:的)?(?:主要)?问题(?:及|和|与)?改进(?:情况|措施)?",
    # 「其他需要报告的事项」 and the variants 「需要说明的其他事项与附表」「需要报告的其他事项」「其他需要说明的事项」
    "六": r"六" + _SEP + r"(?:其他需要(?:报告|说明)的事项|需要(?:报告|说明)的其他事项(?:与附表|及附表|和附表)?)",
}
# Looser forms, accepted only at the start of a line.
_LOOSE = {
    "一": r"一" + _LSEP + r"[^\n]{0,12}总体",
    "二": r"二" + _LSEP + r"[^\n]{0,12}主动公开",
    "三": r"三" + _LSEP + r"[^\n]{0,16}(?:依申请|公开申请)",
    "四": r"四" + _LSEP + r"[^\n]{0,20}(?:复议|诉讼)",
    "五": r"五" + _LSEP + r"[^\n]{0,20}问题",
    "六": r"六" + _LSEP + r"[^\n]{0,12}其他",
}
_STRICT_RE = {k: re.compile(v) for k, v in _STRICT.items()}
_LOOSE_RE = {k: re.compile(r"(?m)^[ \t]*(?:#+[ \t]*)?" + v + r"[^\n]*") for k, v in _LOOSE.items()}
_HASHES_RE = re.compile(r"(?:^|\n)[ \t]*#+[ \t]*$")
_DATE_LINE_RE = re.compile(r"^\s*[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?\s*$")
_AGENCY_SUFFIXES = ("人民政府", "委员会", "管委会", "办公室", "办公厅", "局", "厅", "委", "院", "中心", "政府", "街道办事处")
_CHROME = (
    "扫一扫", "打印", "关闭", "附件下载", "分享", "【", "相关链接", "责任编辑", "来源：", "浏览次数", "主办单位", "承办单位",
    "网站标识码", "版权所有", "技术支持", "网站地图", "联系我们", "ICP", "京ICP", "公网安备",
)


_TRAILING_CHROME_RE = re.compile(r"[ \t]*(?:附件下载|扫一扫在手机打开当前页|【打印】|【关闭】|打印本页|关闭窗口)(?:[ \t]*(?:附件下载|扫一扫在手机打开当前页|【打印】|【关闭】|打印本页|关闭窗口))*\s*$")


@dataclass
class SectionSpan:
    key: str
    start: int  # heading start
    content_start: int
    end: int
    by_content: bool = False  # no heading: found by what the section says (its sub-headings)


def find_sections(text: str) -> dict[str, SectionSpan]:
    """Locate the six section headings in order; keys missing from the text are absent from the result."""
    found: list[tuple[str, int, int]] = []
    pos = 0
    for key in L.SECTION_KEYS:
        m = _STRICT_RE[key].search(text, pos) or _LOOSE_RE[key].search(text, pos)
        if m is None:
            continue
        start = m.start()
        if key == "一" or m.re is _STRICT_RE[key]:
            line_start = text.rfind("\n", 0, start) + 1
            prefix = text[line_start:start]
            if prefix.strip("# \t") == "":
                start = line_start
        found.append((key, start, m.end()))
        pos = m.end()
    found = _renumbered(text, found)
    found, recovered = _by_content(text, found)
    spans: dict[str, SectionSpan] = {}
    for i, (key, start, content_start) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(text)
        spans[key] = SectionSpan(key, start, content_start, end, by_content=key in recovered)
    return spans


# Sub-headings that open a section whose own heading was lost in conversion: on a line of their own, or glued to
# what precedes them in crawler text (after a table's last cell or a sentence end).
_GLUED = r"(?:(?<=[\d。；;/])|(?<=[。；;/][ \t]))"
_CONTENT_RE = {
    # 一: its first topic as the format names it, 「（一）主动公开政府信息情况」 (「（一）政府信息主动公开」「（一）加强主动公开」).
    "一": re.compile(r"(?m)(?:^[ \t]*(?:#+[ \t]*)?|(?<=[。：:；]))[（(]一[)）][^\n。，；]{0,8}?主动公开"),
    # 二–四: the printed header of their table (the section's text before it, if any, stays with the section before).
    "二": re.compile(r"第二十条第[（(]一[)）]项[\s|]*信息内容"),
    "三": re.compile(r"[（(]?本列数据的勾稽关系|申请人情况[\s|]*(?:自然人|法人或其他组织)"),
    "四": re.compile(r"行政复议[\s|]*行政诉讼[\s|]*结果[\s|]*维持|结果维持[\s|]*结果纠正[\s|]*其他结果"),
    "五": re.compile(r"(?m)^[ \t]*(?:#+[ \t]*)?[（(]一[)）][^\n]{0,24}?(?:问题|改进)[^\n]*$|"
                    + _GLUED + r"[（(]一[)）][^\n。，；]{0,8}?(?:问题|不足)"),
}


def _by_content(text: str, found: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int]], set[str]]:
    """A missing section found by its content, between the sections before and after it: 五 by its first
    sub-heading 「（一）主要问题」/「（一）…改进情况」 after the tables of 二–四; 一 by its first topic
    「（一）主动公开…」 before 二; 二, 三 and 四 by the printed header of their table."""
    have = {k for k, _, _ in found}
    out, recovered = list(found), set()
    for key, rx in _CONTENT_RE.items():
        if key in have:
            continue
        order = L.SECTION_KEYS.index(key)
        before = [c for k, _, c in out if L.SECTION_KEYS.index(k) < order]
        after = [st for k, st, _ in out if L.SECTION_KEYS.index(k) > order]
        if not before and key != "一" or key == "一" and not after:
            continue
        m = rx.search(text, max(before, default=0), min(after, default=len(text)))
        if m:
            out.append((key, m.start(), m.start()))
            recovered.add(key)
    return sorted(out, key=lambda f: f[1]), recovered


_NUMERAL = r"(?:(?<=[\s。；#])|^)[一二三四五六七八九十]{1,2}[ \t]*[、.．][ \t]*"  # another numeral: 、 required
_BODY_RE = {k: re.compile(_NUMERAL + v[len(k) + len(_SEP) :], re.M) for k, v in _STRICT.items()}


def _renumbered(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Missing sections whose statutory title appears under another numeral (a report that numbers its own
    narrative headings 一…六 and the statutory parts 一、主动公开政府信息情况 / 二、收到和处理…): found by the
    title words, between the sections already found before and after them."""
    have = {k for k, _, _ in found}
    out = list(found)
    for key in L.SECTION_KEYS:
        if key in have:
            continue
        order = L.SECTION_KEYS.index(key)
        before = [c for k, _, c in out if L.SECTION_KEYS.index(k) < order]
        after = [st for k, st, _ in out if L.SECTION_KEYS.index(k) > order]
        lo, hi = max(before, default=0), min(after, default=len(text))
        m = _BODY_RE[key].search(text, lo, hi)
        if m:
            out.append((key, m.start(), m.end()))
    return sorted(out, key=lambda f: f[1])


def clean_section_text(text: str, wrap_width: int | None = None) -> str:
    """Trim blank lines and Markdown heading marks; re-join paragraphs hard-wrapped by PDF extraction."""
    text = _HASHES_RE.sub("\n", text)
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    return unwrap_lines(lines, wrap_width).strip() if wrap_width else "\n".join(lines).strip()


_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "」", ")", "）", ":", ";", "!", "?")


def wrap_width(text: str) -> int | None:
    """The page width at which PDF extraction cut the lines, or None for text with one paragraph per line.

    Text counts as hard-wrapped when at least 40% of its non-empty lines have (nearly) the same length.
    """
    lengths = sorted(n for n in (len(ln.strip()) for ln in text.split("\n")) if n >= 12)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    near = sum(1 for n in lengths if width - 3 <= n <= width + 1)
    if width < 15 or width > 60 or near < 0.4 * len(lengths):
        return None
    return width


def unwrap_lines(lines: list[str], width: int) -> str:
    """Join a line of the page width that does not end a sentence to the next line."""
    if not lines:
        return ""
    out = [lines[0]]
    for ln in lines[1:]:
        prev = out[-1]
        if len(prev.rsplit("\n", 1)[-1]) >= width - 5 and not prev.endswith(_SENTENCE_END):
            out[-1] = prev + ln
        else:
            out.append(ln)
    return "\n".join(out)


_SIG_AGENCY = r"[\u4e00-\u9fff（）()]{1,40}(?:" + "|".join(sorted(_AGENCY_SUFFIXES, key=len, reverse=True)) + ")"
_SIG_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?!印发|发布)"
_SIG_ITEM = re.compile(rf"(?:{_SIG_DATE}|{_SIG_AGENCY})[ \t　]*")
_SIG_TAIL = re.compile(rf"(?:(?:{_SIG_DATE}|{_SIG_AGENCY})[ \t　]*)+$")
_BOUNDARY = " \t　。；！？!?;”」）)"


def _items(sig: str) -> list[str] | None:
    """The signature's items in order, or None when they do not cover it whole."""
    out, pos = [], 0
    while pos < len(sig):
        m = _SIG_ITEM.match(sig, pos)
        if m is None or m.end() == pos:
            return None
        out.append(m.group(0).strip())
        pos = m.end()
    return out


def split_inline_signature(text: str, names: str = "") -> tuple[str, str]:
    """A signature run into the last paragraph (crawler text: 「…无其他需报告的事项。 平潭综合实验区君山片区管理局
    2020年1月2日」, 「无平潭综合实验区行政审批局 2021年1月19日」): (text, signature with one item per line).

    The signature is a run, at the very end, of agency names (ending in an agency word) and dates (``…日``), holding
    at least one date. A text ending in a 「抄送」 or 「…日印发」 print record is left whole: that record is part of
    the published text (its year is checked like the narrative's). It starts after a space or a sentence end; when its first name is glued
    to the prose (「无平潭…局」), it starts where the longest ending of that run found in ``names`` (the title, the
    agency the title gives) starts."""
    body = text.rstrip()
    line_start = body.rfind("\n") + 1
    last = body[line_start:]
    m = _SIG_TAIL.search(last)
    if m is None:
        return text, ""
    start = m.start()
    first = _SIG_ITEM.match(last, start)
    if first is not None and names and not re.match(_SIG_DATE, first.group(0)):
        run = first.group(0).rstrip()
        for i in range(len(run) - 3):
            if run[i:] in names:
                start += i
                break
    while start > 0 and last[start - 1] not in _BOUNDARY and not (names and last[start:].split()[0] in names):
        nxt = _SIG_ITEM.match(last, start)  # began inside a word: the signature starts at the next item
        if nxt is None or nxt.end() >= len(last):
            return text, ""
        start = nxt.end()
    sig = last[start:]
    items = _items(sig)
    if items is None or not re.search(_SIG_DATE, sig) or not last[:start].strip():
        return text, ""
    return body[:line_start] + last[:start].rstrip(), "\n".join(x for x in items if x)


def split_closing(last_section: str, names: str = "") -> tuple[str, str]:
    """Separate the trailing signature / date / page chrome lines from the last section's text, and a signature
    run into its last line (:func:`split_inline_signature`; ``names``: the title and the agency it gives)."""
    trailing = _TRAILING_CHROME_RE.search(last_section)
    tail_chrome = ""
    if trailing:
        last_section, tail_chrome = last_section[: trailing.start()], trailing.group(0).strip()
    lines = last_section.rstrip().split("\n")
    cut = len(lines)
    while cut > 0:
        ln = lines[cut - 1].strip().lstrip("#").strip()
        if not ln:
            cut -= 1
            continue
        short = len(ln) <= 60
        if short and (_DATE_LINE_RE.match(ln) or strip_spam(ln).endswith(_AGENCY_SUFFIXES) or ln.startswith(_CHROME) or ln.startswith("联系电话")):
            cut -= 1
            continue
        break
    body, inline = split_inline_signature("\n".join(lines[:cut]), names)
    closing = "\n".join([inline] + lines[cut:] + [tail_chrome]).strip()
    return body, closing
