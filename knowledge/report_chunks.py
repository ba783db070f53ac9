"""Past annual reports -> chunks by section and sub-section, plus the statutory tables written out as sentences.

The parse itself is :func:`report.parse.parse_text` (bundled sample reports and uploads alike: what the knowledge
base says about a report's tables is what the parser read). A text the parser refuses raises its
``ReportParseError`` (Chinese message); only a text it reads but in which it finds fewer than two sections is split
by a small fallback that finds the six section titles and the （一）… sub-headings. The tables are kept
as structured data (the interchange JSON) beside the index; here they are rendered as readable sentences
(``2021年长沙市芙蓉区人民政府收到政府信息公开申请139件，…``) so that a question about a figure finds them.
"""

from __future__ import annotations

import re
from typing import Any

from report.model import labels as L
from report.model import sum_cells
from report.model.tables import Report
from report.parse import parse_text
from report.parse.normalize import strip_spam

from .chunking import Chunk, _split_long

SUB_RE = re.compile(r"(?:^|\n|(?<=[。；\s]))[#\s]*[（(]([一二三四五六七八九十])[)）]\s*")
TITLE_RE = re.compile(r"([\u4e00-\u9fa5（）()]{2,40}?)\s*(\d{4})\s*年度?\s*政府信息公开(?:工作)?年度?报告")
TABLE_LINE_RE = re.compile(r"^[\s|\d./%—\-－]*$")


def short_agency(agency: str) -> str:
    """The name staff use for an agency: 长沙市芙蓉区人民政府 -> 芙蓉区 (used for matching queries)."""
    name = re.sub(r"（.*?）|\(.*?\)", "", agency)
    name = re.sub(r"(人民政府|管理委员会|管委会|办公室|办公厅)$", "", name)
    m = re.search(r"(?:省|市|自治州|州|盟)([^省市]{1,8}?[区县旗])$", name)
    if m:
        return m.group(1)
    return name


def report_from_text(text: str, source_file: str = "") -> Report:
    """Parse with :func:`report.parse.parse_text` (its ``ReportParseError`` propagates: the caller refuses the
    file with the parser's Chinese reason). A report in which the parser finds fewer than two sections keeps its
    parsed tables and names; its narrative is split by :func:`fallback_report` so that it is indexed by section."""
    rep = parse_text(text)
    if sum(1 for v in rep.sections.values() if v.strip()) >= 2:
        return rep
    split = fallback_report(text)
    if sum(1 for v in split.sections.values() if v.strip()) > sum(1 for v in rep.sections.values() if v.strip()):
        rep.sections = split.sections
        rep.preamble = rep.preamble or split.preamble
    rep.agency = rep.agency or split.agency
    rep.year = rep.year or split.year
    return rep


def fallback_report(text: str) -> Report:
    """Find the six section titles in order; agency and year from the title line (spam repaired by the
    parser's own :func:`report.parse.normalize.strip_spam`)."""
    rep = Report()
    m = TITLE_RE.search(text)
    if m:
        rep.agency = strip_spam(re.sub(r"^(标题[:：]\s*)", "", m.group(1)).strip())
        rep.year = int(m.group(2))
    starts: list[tuple[int, int, str]] = []
    pos = 0
    for key in L.SECTION_KEYS:
        core = L.SECTION_TITLES[key].split("、", 1)[1]
        found = None
        for pat in (f"{key}、\\s*{re.escape(core)}", f"{key}、\\s*{re.escape(core[:4])}"):
            mm = re.compile(pat).search(text, pos)
            if mm:
                found = mm
                break
        if found:
            starts.append((found.start(), found.end(), key))
            pos = found.end()
    sections = dict.fromkeys(L.SECTION_KEYS, "")
    for i, (_start, end, key) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body = text[end:stop]
        # drop the rest of the title line
        body = body.split("\n", 1)[1] if "\n" in body[:40] else body
        sections[key] = _narrative_only(body) if key in ("二", "三", "四") else body.strip()
    rep.sections = sections
    if starts:
        rep.preamble = text[: starts[0][0]].strip()
    return rep


def _narrative_only(body: str) -> str:
    """Keep sentences, drop flattened table cells (numbers, pipes, bare labels)."""
    keep = []
    for line in body.splitlines():
        s = line.strip()
        if not s or TABLE_LINE_RE.match(s) or "|" in s:
            continue
        if len(s) < 25 or not re.search(r"[，。,；]", s):
            continue
        keep.append(s)
    return "\n".join(keep)


def split_subsections(body: str) -> list[tuple[str, str, str]]:
    """Split a section into (sub-key like '（四）', its title, its text); text before the first is key ''."""
    marks = list(SUB_RE.finditer(body))
    expected = "一二三四五六七八九十"
    picked = []
    idx = 0
    for m in marks:  # only an increasing sequence （一）（二）… counts as headings
        if idx < len(expected) and m.group(1) == expected[idx]:
            picked.append(m)
            idx += 1
    out: list[tuple[str, str, str]] = []
    if not picked:
        return [("", "", body.strip())] if body.strip() else []
    if body[: picked[0].start()].strip():
        out.append(("", "", body[: picked[0].start()].strip()))
    for i, m in enumerate(picked):
        stop = picked[i + 1].start() if i + 1 < len(picked) else len(body)
        seg = body[m.start():stop].strip()
        rest = body[m.end():stop].strip()
        title = re.split(r"[。\n.]", rest, maxsplit=1)[0][:30].strip()
        out.append((f"（{m.group(1)}）", title, seg))
    return out


def report_label(rep: Report) -> str:
    return f"{rep.agency or '未知机关'}{rep.year or ''}年报"


def chunk_report(rep: Report, *, source: str = "report", doc_id: str = "", source_file: str = "",
                 limit: int = 700) -> list[Chunk]:
    """Section/sub-section narrative chunks + table sentences, each cited ``芙蓉区…2021年报 一（四）``."""
    label = report_label(rep)
    base = {"agency": rep.agency or "", "agency_short": short_agency(rep.agency or ""), "year": rep.year or 0,
            "doc_id": doc_id, "source_file": source_file, "doc_title": label}
    chunks: list[Chunk] = []
    for key in L.SECTION_KEYS:
        body = rep.sections.get(key, "")
        if not body.strip():
            continue
        for sub, sub_title, seg in split_subsections(body):
            if key in ("二", "三", "四") and _looks_like_table(seg):
                continue
            where = f"{key}{sub}" if sub else key
            heading = L.SECTION_TITLES[key] + (f" {sub}{sub_title}" if sub else "")
            for n, piece in enumerate(_split_long(seg, limit)):
                chunks.append(Chunk(
                    text=piece, citation=f"{label} {where}", source=source,
                    metadata={**base, "section": key, "subsection": sub, "heading": heading, "part": n + 1,
                              "kind": "narrative"},
                ))
    for key, sentence in table_sentences(rep):
        chunks.append(Chunk(
            text=sentence, citation=f"{label} {key}（{ {'二': '表二', '三': '表三', '四': '表四'}[key] }）",
            source=source,
            metadata={**base, "section": key, "subsection": "", "heading": L.SECTION_TITLES[key], "part": 1,
                      "kind": "table"},
        ))
    return chunks


_TABLE_WORDS = ("勾稽关系", "本年新收政府信息公开申请数量", "上年结转", "信息内容", "本年制发件数", "结果维持",
                "尚未审结", "不计其他情形")


def _looks_like_table(seg: str) -> bool:
    """Flattened table text (labels and bare numbers) is not a narrative chunk: the table sentences cover it."""
    hits = sum(1 for w in _TABLE_WORDS if w in seg)
    digits = len(re.findall(r"\d+", seg))
    cjk = len(re.findall(r"[\u4e00-\u9fa5]", seg))
    return hits >= 2 or hits >= 1 and digits * 4 > cjk or cjk < 20


def _n(v: Any, unit: str = "件") -> str:
    if v is None:
        return "未填报"
    if isinstance(v, float):
        return f"{v}{unit}"
    return f"{v}{unit}"


def table_sentences(rep: Report) -> list[tuple[str, str]]:
    """Readable sentences for tables 二/三/四 (only for tables that hold at least one figure)."""
    who = f"{rep.year or ''}年{rep.agency or ''}".strip()
    out: list[tuple[str, str]] = []
    t2 = rep.table2
    if any(v is not None for ref, v in rep.cells() if ref.table == "table2"):
        parts = []
        for row in L.T2_DOC_ROWS + ("规范性文件",):
            cols = t2.get(row)
            if isinstance(cols, dict) and any(x is not None for x in cols.values()):
                parts.append(row + "".join(f"{c}{_n(x)}，" for c, x in cols.items()).rstrip("，"))
        for row in L.T2_SINGLE_ROWS:
            val = t2.get(row)
            if isinstance(val, dict):
                parts.append(row + "".join(f"{c}{_n(x, '')}，" for c, x in val.items()).rstrip("，"))
            elif val is not None:
                unit = "万元" if row == L.T2_FEE else "件"
                parts.append(f"{row}{L.T2_SINGLE_COLUMN[row]}{_n(val, unit)}")
        out.append(("二", f"{who}主动公开政府信息情况（表二）：" + "；".join(parts) + "。"))
    if any(v is not None for v in rep.table3.get(L.R_NEW, [None])):
        t = rep.t3
        s = [f"{who}收到政府信息公开申请{_n(t(L.R_NEW))}（本年新收），上年结转{_n(t(L.R_CARRIED_IN))}。"]
        by = [f"{c}{_n(x)}" for c, x in zip(L.T3_APPLICANT_COLUMNS, rep.table3[L.R_NEW][:6]) if x]
        if by:
            s.append("按申请人分：" + "、".join(by) + "。")
        res = []
        for group, paths in L.t3_groups(rep.template).items():
            name = group.split("）", 1)[1].split("（", 1)[0]
            total = sum_cells(t(p) for p in paths)  # a blank sub-row makes the group total unknown
            detail = [f"{p.rsplit('/', 1)[1].split('.', 1)[-1]}{_n(t(p))}" for p in paths if len(paths) > 1 and t(p)]
            shown = _n(total) if total is not None or len(paths) == 1 else "合计未知（有分项未填报）"
            res.append(f"{name}{shown}" + (f"（其中{'、'.join(detail)}）" if detail else ""))
        s.append("本年度办理结果：" + "，".join(res) + f"，办理结果总计{_n(t(L.R_TOTAL))}。")
        s.append(f"结转下年度继续办理{_n(t(L.R_CARRIED_OUT))}。")
        out.append(("三", "".join(s)))
    if any(v is not None for vals in rep.table4.values() for v in vals):
        t4_parts = []
        for g in L.T4_GROUPS:
            vals = rep.table4.get(g, [None] * 5)
            details = "，".join(f"{c}{_n(x)}" for c, x in zip(L.T4_COLUMNS[:4], vals[:4]))
            t4_parts.append(f"{L.T4_GROUP_TITLES[g]}{_n(vals[4])}（{details}）")
        out.append(("四", f"{who}政府信息公开行政复议、行政诉讼情况（表四）：" + "；".join(t4_parts) + "。"))
    return out
