"""Published 政府信息公开工作年度报告 -> :class:`report.model.tables.Report` + diagnostics.

Inputs: plain / scraped web text, pypdf or pdfminer PDF text, PDF files (pypdf ``extract_text``), HTML, Markdown,
DOCX, and crawler text whose table cells ran together (delegated to :mod:`report.parse.crawler.tables`). The format is
detected from the content (``%PDF``, a zip with ``word/document.xml``, HTML tags, Markdown pipes), not only from
the file name. Steps: decode -> normalise -> split the six sections -> read tables 2/3/4 from their sections ->
title, agency, year -> spam check. Unreadable input raises :class:`ReportParseError` with a Chinese reason;
anything the parser had to guess or repair is in ``report.diagnostics``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Optional, Union

from report.model import labels as L
from report.model.tables import Cell, Diagnostic, Report, blank_table2, blank_table3, blank_table4
from report.parse.chrome import strip_chrome
from report.parse.crawler import looks_runtogether, parse_runtogether_tables, runtogether_table2, table2_filled
from report.parse.grid import segments
from report.parse.markup import (
    docx_to_text,
    html_to_text,
    is_docx,
    looks_html,
    looks_markdown,
    markdown_to_text,
    pdf_to_text,
)
from report.parse.meta import find_agency, find_title, find_year
from report.parse.normalize import (
    MAX_INPUT_BYTES,
    ReportParseError,
    decode_bytes,
    find_spam,
    looks_binary,
    normalize_text,
)
from report.parse.sections import SectionSpan, clean_section_text, find_sections, split_closing, wrap_width
from report.parse.structure import name_blank_cells, section_diagnostics, structure_diagnostic, table_diagnostics
from report.parse.table2_orient import orient_doc_rows
from report.parse.table2_rows import read_table2
from report.parse.table_span import narrative_cut
from report.parse.tables import extract_table2, extract_table3, extract_table4

Tables = tuple[dict[str, Any], dict[str, list[Cell]], dict[str, list[Cell]]]

__all__ = ["ReportParseError", "parse_file", "parse_bytes", "parse_text", "MAX_INPUT_BYTES"]

_T_MARKERS = {
    "二": ("第二十条", "信息内容"),
    "三": ("本列数据", "申请人情况", "自然人", "本年新收"),
    "四": ("行政复议",),
}
_REPORT_WORDS = ("政府信息公开", "依申请公开", "主动公开", "年度报告", "行政复议")
_TOO_BIG = "文件超过 50 MB，不是正常的年度报告大小，已拒绝解析。请只上传年度报告本身（Word、PDF 或文本）。"


def parse_file(path: Union[str, "os.PathLike[str]"], *, previous: Optional[Report] = None) -> Report:
    """Parse a report file of any supported format (detected from content). ``previous`` (the same agency's report
    for the year before) helps decide run-together 表二 cells (现行有效 = last year's 现行有效 + 制发 − 废止)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ReportParseError(f"“{p.name}”是一个文件夹，请选择其中的年度报告文件。")
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise ReportParseError(_TOO_BIG)
        data = p.read_bytes()
    except OSError as exc:
        raise ReportParseError(f"无法读取文件“{p.name}”：{exc.strerror or exc}。") from exc
    return parse_bytes(data, filename=p.name, previous=previous)


def parse_bytes(data: bytes, filename: Optional[str] = None, *, previous: Optional[Report] = None) -> Report:
    if len(data) > MAX_INPUT_BYTES:
        raise ReportParseError(_TOO_BIG)
    if not data.strip():
        raise ReportParseError("文件是空的，没有可解析的内容。")
    head = data[:1024]
    if b"%PDF" in head:
        return parse_text(pdf_to_text(data), _source="pdf", previous=previous)
    if is_docx(data):
        return parse_text(docx_to_text(data), _source="docx", previous=previous)
    if data.startswith(b"PK\x03\x04"):
        raise ReportParseError("这是一个压缩包或非 Word 的 Office 文件，无法作为年度报告解析。请上传 .docx、PDF 或文本。")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportParseError("这是旧版 Word（.doc）文件，暂不支持，请在 Word 中另存为 .docx 后上传。")
    return parse_text(decode_bytes(data), previous=previous)


def parse_text(text: str, _source: Optional[str] = None, *, previous: Optional[Report] = None) -> Report:
    """Parse report text (plain, web scrape, PDF text, HTML or Markdown; detected from the content)."""
    if len(text) > MAX_INPUT_BYTES:
        raise ReportParseError(_TOO_BIG)
    if not text.strip():
        reason = "PDF 中没有可提取的文字（可能是扫描件），请上传带文字层的 PDF 或 Word 版。" if _source == "pdf" else "文件是空的，没有可解析的内容。"
        raise ReportParseError(reason)
    if looks_binary(text):
        raise ReportParseError("文件内容是二进制数据或乱码，不是可读的年度报告文本。请上传 Word、PDF 或 UTF-8/GBK 文本。")
    diags: list[Diagnostic] = []
    if _source is None and looks_html(text):
        text, _source = html_to_text(text), "html"
    elif _source is None and looks_markdown(text):
        text, _source = markdown_to_text(text), "markdown"
    norm = normalize_text(text)
    six = norm.find("其他需要报告")
    norm = strip_chrome(norm, max(six, 0) if six >= 0 else len(norm))
    spans = find_sections(norm)
    if not spans and not any(w in norm for w in _REPORT_WORDS):
        raise ReportParseError("未在文件中找到政府信息公开工作年度报告的内容（没有“一、总体情况”等章节，也没有统计表），请确认上传的是年度报告。")

    report = Report()
    sections: dict[str, str] = {}
    found_tables = {"table2": False, "table3": False, "table4": False}
    regions = {k: norm[s.content_start : s.end] for k, s in spans.items()}
    runtogether = _try_runtogether(norm, regions.get("三", ""), diags, previous)
    if runtogether is not None:
        report.table2, report.table3, report.table4 = runtogether
        report.template = L.TEMPLATE_2019 if len(report.table3) == len(L.T3_ROWS_2019) else L.TEMPLATE_2021
        found_tables = dict.fromkeys(found_tables, True)
    for key, region in regions.items():
        narrative = region
        if key in _T_MARKERS and runtogether is None:
            table_key, ok, cut = _read_table(key, region, report, diags, previous)
            found_tables[table_key] = ok
            if cut is not None:
                a, b = narrative_cut(key, region, *cut)
                narrative = region[:a] + "\n" + region[b:]
        elif key in _T_MARKERS:
            narrative = _strip_runtogether_table(key, region)
        sections[key] = narrative
    for span in spans.values():
        if span.by_content:
            diags.append(Diagnostic(code="section_by_content", severity="info", where=f"sections.{span.key}",
                                    message=f"未找到“{L.SECTION_TITLES[span.key]}”的标题（格式转换时丢失），"
                                            "已按其内容（小标题）确定该部分的起点，请核对。"))
    first = min((s.start for s in spans.values()), default=len(norm))
    preamble = norm[:first]
    _check_found(spans, found_tables, regions, report.template, diags)
    diags += section_diagnostics(set(spans), sections, preamble, "", diags)
    doubt = structure_diagnostic(diags)
    if doubt is not None:
        diags.append(doubt)

    closing = ""
    if "六" in sections:
        title = find_title(norm) or ""
        sections["六"], closing = split_closing(sections["六"], title + "\n" + (find_agency(title, "\n", "") or ""))
    report.title = find_title(norm)
    report.year = find_year(report.title, norm)
    report.agency = find_agency(report.title, closing, norm)
    width = wrap_width(preamble + "\n" + "\n".join(sections.values()))
    report.sections = {k: clean_section_text(sections.get(k, ""), width) for k in L.SECTION_KEYS}
    report.preamble = clean_section_text(preamble, width)
    report.closing = clean_section_text(closing)
    diags += find_spam(norm)
    if report.year is None:
        diags.append(Diagnostic(code="year_missing", severity="warning", message="未能从标题或统计期限中识别报告年度，请补充。"))
    if report.agency is None:
        diags.append(Diagnostic(code="agency_missing", severity="warning", message="未能从标题或落款中识别发布机关，请补充。"))
    report.diagnostics = diags
    name_blank_cells(report)
    return report


def _table_start(key: str, region: str) -> int:
    """Offset where the table begins: its first marker, moved back over '（' / '###' on the same line."""
    start = min((i for i in (region.find(m) for m in _T_MARKERS[key]) if i >= 0), default=-1)
    if start < 0:
        return -1
    line_start = region.rfind("\n", 0, start) + 1
    if len(region[line_start:start].strip(" \t#（(")) == 0:
        start = line_start
    return start


def _read_table(key: str, region: str, report: Report, diags: list[Diagnostic],
                previous: Optional[Report] = None) -> tuple[str, bool, Optional[tuple[int, int]]]:
    start = max(_table_start(key, region), 0)
    body = region[start:]
    if key == "二":
        table, d, ok = extract_table2(body)
        if L.T2_2019_ITEM_OF.keys() == table.keys():  # 2019 format: read by row labels when the order is off
            by_label = read_table2(body, L.TEMPLATE_2019, previous)
            if by_label is not None and (any(x.code == "t2_layout" for x in d) or not ok
                                         or table2_filled(by_label[0]) > table2_filled(table)):
                table, d, ok = by_label[0], by_label[1], True
        elif ok and not any(x.code == "t2_layout" for x in d):
            table, d = _check_table2_by_labels(body, table, d, previous)
            orient_doc_rows(segments(body), table, previous, d)
        glued = runtogether_table2(body, previous) if any(x.code == "t2_layout" for x in d) or not ok else None
        if glued is not None and table2_filled(glued[0]) >= table2_filled(table):
            table, d, ok = glued[0], glued[1], True
            d.append(Diagnostic(code="runtogether_table2", severity="info", where="表二",
                                message="表二的单元格数字在文本中首尾相连，已按行标签拆分；请对照原文核实带提示的单元格。"))
        report.table2 = table
        name = "table2"
    elif key == "三":
        table3, template, d, ok = extract_table3(body)
        report.table3 = table3
        report.template = L.TEMPLATE_2019 if template == L.TEMPLATE_2019 else L.TEMPLATE_2021
        if template == L.TEMPLATE_2019 and report.table2.keys() == blank_table2().keys():
            if any(v is not None for ref, v in report.cells() if ref.table == "table2"):
                d.append(
                    Diagnostic(
                        code="mixed_template",
                        severity="warning",
                        message="表二是2021年新格式，表三却是2019年试行格式（“（六）其他处理”只有一行），已分别按原样读取，请核对所用格式。",
                        where="表三",
                    )
                )
            else:
                report.table2 = blank_table2(template)
        name = "table3"
    else:
        table, d, ok = extract_table4(body)
        report.table4 = table
        name = "table4"
    diags.extend(d)
    if not ok:
        return name, False, None
    end = max((s.end for s in segments(body) if s.values), default=0)
    return name, True, (start, start + end)


def _check_table2_by_labels(body: str, table: dict[str, Any], d: list[Diagnostic],
                            previous: Optional[Report]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """表二 read by position, checked against the cells found right after each row label. When they differ, the
    labels win if every row reads one way only; otherwise the positional table is kept with a warning naming 表二."""
    by_label = read_table2(body, L.TEMPLATE_2021, previous, need=1.0)
    if by_label is None or by_label[0] == table:
        return table, d
    if not any(x.severity != "info" for x in by_label[1]):
        note = Diagnostic(code="t2_row_order", severity="info", where="表二",
                          message="表二各行在文本中的顺序与规范格式不同（格式转换所致），已按各行标签后的数字读取。")
        return by_label[0], by_label[1] + [note]
    cells = [ref.id for ref, _ in Report.blank().cells() if ref.table == "table2"]
    return table, d + [Diagnostic(code="t2_order_conflict", severity="warning", where="表二", cells=cells,
                                  message="表二按位置读出的数字与各行标签后的数字不一致，无法确定各数字属于哪一行，请对照原文核对表二。")]


def _strip_runtogether_table(key: str, region: str) -> str:
    start = _table_start(key, region)
    if start < 0:
        return region
    last = max((m.end() for m in re.finditer(r"\d", region)), default=start)
    a, b = narrative_cut(key, region, start, max(start, last))
    return region[:a] + ("\n" if a > start or b < last else "") + region[b:]


def _try_runtogether(norm: str, t3_region: str, diags: list[Diagnostic],
                     previous: Optional[Report] = None) -> Optional[Tables]:
    """Crawler text whose table cells ran together ('数量640020470'): delegate to :mod:`report.parse.crawler`."""
    if not looks_runtogether(t3_region):
        return None
    result = parse_runtogether_tables(norm, previous)
    if result is None:
        return None
    diags.extend(result.diagnostics)  # report.parse.crawler.tables explains the split itself
    t2 = result.table2 or blank_table2()
    t3 = result.table3 or blank_table3()
    t4 = result.table4 or blank_table4()
    return t2, t3, t4


def _check_found(spans: dict[str, SectionSpan], found_tables: dict[str, bool], regions: dict[str, str],
                 template: str, diags: list[Diagnostic]) -> None:
    """Tables with no number read: absent from the report, or not located by the parser
    (:func:`report.parse.structure.table_diagnostics`)."""
    diags += table_diagnostics(found_tables, set(spans), regions, template)
