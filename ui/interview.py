"""The interview form of the 起草 tab: questions from last year's report (:mod:`agents.interview`), grouped by
section and sub-part, each showing last year's answer; answers are text or numbers as staff type them (a number
question never refuses text: 「约130篇，其中图解30篇」 is a text answer whose numbers the checker still binds).

Which "last year" the questions come from: the project's loaded previous report; else this agency's report of the
year before in the knowledge base, matched by identity (:mod:`agents.past_reports`) — used directly under the same
name, only proposed (with a confirmation button) under another name.

The form is plain HTML (one field per question, ``data-qid``); 「保存回答」 collects the fields in the browser
(:data:`COLLECT_JS`) and :func:`save_answers` keeps them in the project, so they survive a reload and 起草 uses them.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from agents.interview import FINGERPRINT, Interview, Question, build_interview
from agents.past_reports import PastReport, last_year_report
from report.model import labels as L
from report.model.tables import Report
from ui.html import esc
from ui.projects import Project
from ui.services import Services, UserError

MAX_ANSWER_CHARS = 2000
SECTION_NAMES = {"一": L.SECTION_TITLES["一"], "五": L.SECTION_TITLES["五"], "六": L.SECTION_TITLES["六"]}

COLLECT_JS = """(pid, _state) => {
  const out = {};
  document.querySelectorAll('#interview_form [data-qid]').forEach(e => { out[e.dataset.qid] = e.value; });
  return [pid, JSON.stringify(out)];
}"""

FORM_CSS = """#interview_form fieldset{border:1px solid #dbe4ff;border-radius:6px;margin:6px 0;padding:4px 10px}
#interview_form legend{font-weight:600}
#interview_form .nb-q{margin:6px 0}
#interview_form .nb-ly{color:#555;font-size:90%;margin:2px 0}
#interview_form input,#interview_form textarea{width:100%;box-sizing:border-box;padding:4px;border:1px solid #ccc;
  border-radius:4px;font:inherit}
"""


def kb_last_year(svc: Services, report: Report) -> Optional[PastReport]:
    """This agency's report of the year before in the knowledge base, matched by identity (None when none)."""
    if not report.year or not report.agency:
        return None
    return last_year_report(svc.kb().reports(), report)


def model_previous(svc: Services, project: Project) -> tuple[Optional[Report], str, Optional[PastReport]]:
    """(last year's report the interview and the drafter use, a notice for staff, a match awaiting confirmation)."""
    if project.previous is not None:
        prev = project.previous
        return prev, f"问题依据已载入的上年报告（{prev.agency or '机关未识别'} {prev.year or ''} 年）。", None
    try:
        match = kb_last_year(svc, project.report)
    except UserError as exc:  # the knowledge base could not open: say so, ask generic questions
        return None, f"未载入上年年报；知识库不可用（{exc.message_zh}），问题按通用提纲提出。", None
    if match is None:
        return None, ("未载入上年年报，知识库中也没有本机关上一年度的报告：问题按通用提纲提出。"
                      "可在“本年数据”页上传上年年报，问题会按去年的内容逐项提出。"), None
    if match.exact:
        return match.report, match.notice(project.report.agency), None
    return None, match.notice(project.report.agency), match


def confirm_kb_previous(svc: Services, pid: str) -> Project:
    """Staff confirmed the knowledge-base report found under another name: load it as last year's report."""
    from ui.actions_data import set_previous

    project = svc.projects.load(pid)
    match = kb_last_year(svc, project.report)
    if match is None:
        raise UserError("知识库中没有找到本机关上一年度的报告，请在“本年数据”页上传上年年报。")
    return set_previous(svc, pid, match.report)


def interview_of(svc: Services, project: Project) -> tuple[Interview, str, Optional[PastReport]]:
    previous, notice, pending = model_previous(svc, project)
    iv = build_interview(project.report, previous)
    iv.answers = iv.matching(dict(project.answers))
    return iv, notice, pending


def _group_title(q: Question) -> str:
    return f"{SECTION_NAMES[q.section]} · {q.subpart}"


def _field(q: Question, value: Any) -> str:
    shown = "" if value is None else str(value)
    attrs = f"data-qid='{esc(q.id)}' data-kind='{q.kind}' aria-label='{esc(q.question)}' autocomplete='off'"
    if q.kind == "number":  # a text field: a number is expected, words are accepted
        unit = f"（单位：{esc(q.unit)}；可写数字，也可写一句话）" if q.unit else "（可写数字，也可写一句话）"
        return f"<input type='text' inputmode='decimal' {attrs} value='{esc(shown)}' placeholder='{unit}'>"
    return f"<textarea rows='2' {attrs} placeholder='可写一句或几句话'>{esc(shown)}</textarea>"


def form_html(iv: Interview) -> str:
    """The questions grouped by section and sub-part, last year's answer under each, the saved answer filled in."""
    if not iv.questions:
        return "<div id='nb-interview'>没有需要回答的问题。</div>"
    groups: dict[str, list[str]] = {}
    for q in iv.questions:
        ly = f"<div class='nb-ly'>去年：{esc(q.last_year)}</div>" if q.last_year else ""
        label = esc(q.question)
        groups.setdefault(_group_title(q), []).append(
            f"<div class='nb-q' data-q='{esc(q.id)}'><label><b>[{esc(q.id)}]</b> {label}</label>{ly}"
            f"{_field(q, iv.answers.get(q.id))}</div>")
    body = "".join(f"<fieldset><legend>{esc(title)}</legend>{''.join(items)}</fieldset>"
                   for title, items in groups.items())
    return f"<style>{FORM_CSS}</style><div id='nb-interview'>{body}</div>"


def read_answers(state: Any, iv: Interview) -> dict[str, Any]:
    """The form's JSON -> {question id: answer} for the questions of this interview; blank answers dropped."""
    try:
        data = json.loads(state or "{}")
    except json.JSONDecodeError as exc:
        raise UserError("访谈回答未能读取，请刷新页面后重试。") from exc
    if not isinstance(data, dict):
        raise UserError("访谈回答未能读取，请刷新页面后重试。")
    known = {q.id for q in iv.questions}
    out: dict[str, Any] = {}
    for qid, raw in data.items():
        if qid not in known or raw is None:
            continue
        text = str(raw).strip()
        if not text:
            continue
        if len(text) > MAX_ANSWER_CHARS:
            raise UserError(f"问题 {qid} 的回答超过 {MAX_ANSWER_CHARS} 字，请精简后再保存（其他回答未保存）。")
        out[str(qid)] = text
    return out


def save_answers(svc: Services, pid: str, state: Any) -> tuple[Project, Interview, int]:
    """Keep the form's answers in the project (answers to questions no longer asked are kept as they were)."""
    project = svc.projects.load(pid)
    iv, _notice, _pending = interview_of(svc, project)
    answers = read_answers(state, iv)
    asked = {q.id for q in iv.questions}

    def change(p: Project) -> None:  # each answer with the fingerprint of the question it answers
        kept = {k: v for k, v in p.answers.items() if k not in asked and k.lstrip(FINGERPRINT) not in asked}
        p.answers = {**kept, **answers, **iv.fingerprints(answers)}

    project = svc.projects.update(pid, change)
    iv.answers = iv.matching(dict(project.answers))
    return project, iv, len(answers)
