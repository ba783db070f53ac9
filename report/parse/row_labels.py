"""Fuzzy matching of the table-3 row labels read from a report onto the canonical row paths of report.model.labels.

Published labels come with half-width brackets, ``1、`` for ``1.``, spaces, line breaks, and typos such as
``其他法律行政止公开``. Matching uses :func:`report.parse.normalize.label_key` (no punctuation or spaces) and a
difflib ratio on the tail of the text as fallback; a repaired label yields a diagnostic naming both spellings.
"""

from __future__ import annotations

import difflib
from typing import Optional

from report.model import labels as L
from report.model.tables import Diagnostic
from report.parse.normalize import label_key

FUZZY_THRESHOLD = 0.72


def leaf_label(path: str) -> str:
    """The label printed in a row's own cell: the last path component."""
    return path.split("/")[-1]


def leaf_key(path: str) -> str:
    key = label_key(leaf_label(path))
    if path == L.R_TOTAL:
        return label_key(L.G_TOTAL)
    return key


def match_score(path: str, text: str) -> tuple[float, str]:
    """How well the label text read from the report names this row: (score 0..1, the matched spelling)."""
    want = leaf_key(path)
    got = label_key(text)
    if not want or not got:
        return 0.0, ""
    if want in got:
        return 1.0, want
    # partial-disclosure row: reports often print only the bracketed head "(二)部分公开"
    head = label_key(leaf_label(path).split("（区分")[0])
    if len(head) >= 4 and got.endswith(head):
        return 0.95, head
    tail = got[-(len(want) + 2) :]
    ratio = difflib.SequenceMatcher(None, want, tail, autojunk=False).ratio()
    best_tail = tail
    for cut in (len(want) - 2, len(want) - 1, len(want) + 1):
        if cut > 0:
            t = got[-cut:]
            r = difflib.SequenceMatcher(None, want, t, autojunk=False).ratio()
            if r > ratio:
                ratio, best_tail = r, t
    return ratio, best_tail


def label_at_tail(path: str, text: str) -> bool:
    """The text read before a run of numbers ends with this row's own label (or the bracketed head of （二）)."""
    got = label_key(text)
    head = label_key(leaf_label(path).split("（区分")[0])
    return bool(got) and (got.endswith(leaf_key(path)) or (len(head) >= 4 and got.endswith(head)))


def check_row_labels(paths: list[str], texts: list[str]) -> list[Diagnostic]:
    """Compare the label read before each row with the canonical row it was assigned to.

    Rows whose text was empty (inside a multi-row block) are skipped. A fuzzy match yields a ``label_repaired``
    info diagnostic; a label that looks like another row yields a ``label_mismatch`` warning.
    """
    diags: list[Diagnostic] = []
    for path, text in zip(paths, texts):
        if not text:
            continue
        score, seen = match_score(path, text)
        if score >= 0.95:
            continue
        if score >= FUZZY_THRESHOLD:
            diags.append(
                Diagnostic(
                    code="label_repaired",
                    severity="info",
                    message=f"表三行标签“{seen}”与规范标签不完全一致，已按位置和相似度识别为“{L.t3_short_label(path)}”，请核对原文是否有错别字。",
                    where=f"表三/{path}",
                )
            )
        else:
            other = best_row(text, L.T3_ROWS_2021)
            if other and other != path and match_score(other, text)[0] >= 0.95:
                diags.append(
                    Diagnostic(
                        code="label_mismatch",
                        severity="warning",
                        message=f"表三第“{L.t3_short_label(path)}”行的数字前出现的标签像是“{L.t3_short_label(other)}”，行序可能与规范格式不同，请核对。",
                        where=f"表三/{path}",
                    )
                )
    return diags


def best_row(text: str, candidates: tuple[str, ...] | list[str]) -> Optional[str]:
    best, best_score = None, 0.0
    for path in candidates:
        score = match_score(path, text)[0]
        if score > best_score:
            best, best_score = path, score
    return best if best_score >= FUZZY_THRESHOLD else None


def is_2019_layout(region_text: str) -> bool:
    """The 2019 trial table 3: （六）其他处理 is one row (no 1./2./3. sub-rows about 逾期不补正/缴纳费用)."""
    key = label_key(region_text)
    has_other = "其他处理" in key or "六其他" in key
    has_sub = "逾期不补正" in key or "缴纳费用" in key or "逾期未按收费" in key
    return has_other and not has_sub
