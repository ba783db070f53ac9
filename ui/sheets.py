"""The statutory tables 表二/表三/表四 as fixed-shape HTML sheets with one ``<input>`` per value cell.

Why not ``gr.Dataframe``: its cell editor lost the first keystroke and appended to the old value (typing 15 over 5
gave 55), and its cell menu added and deleted rows and columns, shifting figures into other cells. The statutory
grids have a fixed shape, so they are drawn here from :mod:`report.export.grid` (the layout the Word file and the
Excel template use, merged headers included) and edited by the browser script :data:`SHEET_JS`:

- focusing a cell (click, Tab, Enter) selects its content, so typing replaces the value;
- only digits are accepted (a decimal point for 万元 amounts); anything else is refused in place: the cell keeps
  its previous value and a note next to it says what was refused;
- a 总计 cell that is blank (or was computed) shows the sum of its parts when they are all filled (``data-sum``);
  typing into it overrides the sum, and a mismatch is then a validator finding;
- every committed edit sends the whole sheet state (``{"cells": {id: text}, "auto": [ids]}``) to the server through
  a hidden textbox; the server answers with the findings and the cells to mark, which the script applies without
  redrawing the sheet (the cell being typed in keeps its focus and content).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from report.export.grid import Grid, GridCell, report_grids
from report.model import fmt_number
from report.model import labels as L
from report.model.identities import identities
from report.model.tables import Report, clean_number
from ui.html import esc, flagged_cells, where_label

TABLE_TITLES = {"table2": "表二 主动公开政府信息情况", "table3": "表三 收到和处理政府信息公开申请情况",
                "table4": "表四 政府信息公开行政复议、行政诉讼情况"}
TOTAL_CODES = ("T3-C", "T3-B", "T4-A", "T4-B", "T4-C")


def total_parts(template: str) -> dict[str, list[str]]:
    """Each 总计 cell id -> the ids of the cells it sums (from the declared identities; first definition wins)."""
    out: dict[str, list[str]] = {}
    for ident in identities(template):
        if ident.code in TOTAL_CODES and len(ident.lhs) == 1:
            out.setdefault(ident.lhs[0].id, [r.id for r in ident.rhs])
    return out


def _cell_html(gc: GridCell, report: Report, sums: dict[str, list[str]], auto: set[str], bad: dict[str, str]) -> str:
    span = (f" rowspan={gc.rowspan}" if gc.rowspan > 1 else "") + (f" colspan={gc.colspan}" if gc.colspan > 1 else "")
    if gc.kind != "value" or gc.ref is None:
        cls = "nb-h" if gc.kind == "header" else "nb-l"
        return f"<td class='{cls}'{span}>{esc(gc.text)}</td>"
    cid = gc.ref.id
    value = fmt_number(report.get(gc.ref), blank="")
    attrs = [f"data-cell='{esc(cid)}'", f"data-gr='{gc.row}'", f"data-gc='{gc.col}'", f"value='{esc(value)}'",
             f"data-last='{esc(value)}'", "inputmode='decimal'" if gc.fee else "inputmode='numeric'",
             "data-fee='1'" if gc.fee else "data-int='1'", "autocomplete='off'", "spellcheck='false'",
             f"aria-label='{esc(cid)}'"]
    classes = ["nb-cell"]
    if cid in sums:
        attrs.append(f"data-sum='{esc('|'.join(sums[cid]))}'")
        classes.append("nb-total")
        if cid in auto:
            attrs.append("data-auto='1'")
            classes.append("nb-auto")
    tip = cid
    if cid in bad:
        classes.append("nb-bad")
        tip = f"{bad[cid]}（{cid}）"
    attrs.append(f"title='{esc(tip)}'")
    return f"<td class='nb-v'{span}><input class='{' '.join(classes)}' {' '.join(attrs)}></td>"


def _table_html(key: str, grid: Grid, report: Report, sums: dict[str, list[str]], auto: set[str],
                bad: dict[str, str]) -> str:
    by_row: dict[int, list[GridCell]] = {}
    for gc in grid.cells:
        by_row.setdefault(gc.row, []).append(gc)
    rows = []
    for r in range(grid.n_rows):
        tds = "".join(_cell_html(gc, report, sums, auto, bad) for gc in sorted(by_row.get(r, []), key=lambda c: c.col))
        rows.append(f"<tr>{tds}</tr>")
    total = sum(grid.widths)
    cols = "".join(f"<col style='width:{w / total * 100:.2f}%'>" for w in grid.widths)
    return (f"<div class='nb-sheet-wrap' id='sheet-{key}'><p class='nb-sheet-title'><b>{esc(TABLE_TITLES[key])}</b></p>"
            f"<table class='nb-sheet' data-table='{key}'><colgroup>{cols}</colgroup>{''.join(rows)}</table></div>")


def cell_messages(findings: Iterable[Any]) -> dict[str, str]:
    """Cell id -> the messages of the error/warning findings that name it (what the cell's tooltip says)."""
    out: dict[str, list[str]] = {}
    findings = list(findings)
    flagged = flagged_cells(findings)
    for f in findings:
        for cid in list(getattr(f, "cells", None) or []) or [f.where]:
            if cid in flagged:
                out.setdefault(cid, []).append(f.message)
    return {cid: "；".join(dict.fromkeys(ms)) for cid, ms in out.items()}


def sheets_html(report: Report, findings: Iterable[Any] = (), auto: Iterable[str] = (),
                tables: Optional[Iterable[str]] = None) -> str:
    """The editable sheets (all three by default), with the cells named by error/warning findings marked."""
    sums = total_parts(report.template)
    bad = cell_messages(findings)
    grids = report_grids(report)
    keys = list(tables) if tables is not None else ["table2", "table3", "table4"]
    body = "".join(_table_html(k, grids[k], report, sums, set(auto), bad) for k in keys)
    note = ("<p class='nb-sheet-help'>点击格子直接输入数字（输入即替换原值），按 Tab 到右边一格、回车到下一行。"
            "只能填阿拉伯数字，没有发生的填 0。灰色斜体的“总计”是自动合计，可直接改写。</p>")
    return f"<div class='nb-sheets'>{note}{body}</div>"


def marks_json(findings: Iterable[Any]) -> str:
    """What the browser script needs to mark cells without redrawing: {"bad": {cell id: message}}."""
    return json.dumps({"bad": cell_messages(findings)}, ensure_ascii=False)


def apply_sheet_state(report: Report, payload: Any) -> tuple[Report, list[str], list[str]]:
    """The browser's sheet state applied to a copy of ``report`` -> (report, auto-total ids, Chinese messages).

    Only cells of the statutory tables are accepted (an unknown id is refused with a message, never stored
    elsewhere); an entry that is not a number keeps the cell's previous value and is reported.
    """
    try:
        data = json.loads(payload) if isinstance(payload, str) else dict(payload or {})
    except (TypeError, ValueError):
        return report, [], ["表格数据未能读取（格式不正确），本次修改未保存，请刷新页面后重试。"]
    out = report.model_copy(deep=True)
    known = {ref.id: ref for ref, _ in report.cells()}
    messages: list[str] = []
    for cid, raw in (data.get("cells") or {}).items():
        ref = known.get(cid)
        if ref is None:
            messages.append(f"未知的单元格“{cid}”，未保存。")
            continue
        text = "" if raw is None else str(raw).strip()
        value = clean_number(text)
        if text and value is None or (value is not None and value < 0):
            old = report.get(ref)
            kept = "原来是空白，仍保持空白" if old is None else f"已保留原值 {fmt_number(old)}"
            messages.append(f"{where_label(cid)} 填写的“{text}”不是数字，{kept}。请改为阿拉伯数字。")
            continue
        out.set(ref, value)
    auto = [cid for cid in data.get("auto") or [] if cid in known]
    return out, auto, messages


def blank_rows(report: Report) -> dict[str, int]:
    """Per table, how many rows (表二: items; 表四: groups) still have a blank cell — the live check's one line each."""
    out: dict[str, int] = {}
    t2 = sum(1 for v in report.table2.values() if (any(x is None for x in v.values()) if isinstance(v, dict) else v is None))
    t3 = sum(1 for vals in report.table3.values() if any(x is None for x in vals))
    t4 = sum(1 for g in L.T4_GROUPS if any(x is None for x in report.table4.get(g, [None])))
    for key, n in (("表二", t2), ("表三", t3), ("表四", t4)):
        if n:
            out[key] = n
    return out


SHEET_CSS = """
.nb-sheets{font-size:13px}
.nb-sheet{border-collapse:collapse;width:100%;table-layout:fixed;margin-bottom:10px}
.nb-sheet td{border:1px solid #b9b9b9;padding:1px 3px;vertical-align:middle}
.nb-sheet td.nb-h{background:#f3f4f6;text-align:center;font-weight:bold;font-size:12px}
.nb-sheet td.nb-l{background:#fafafa;font-size:12px}
.nb-sheet td.nb-v{padding:0;position:relative}
.nb-sheet input.nb-cell{width:100%;box-sizing:border-box;border:0;padding:4px 3px;text-align:right;font-size:13px;
  background:#fff;font-variant-numeric:tabular-nums}
.nb-sheet input.nb-cell:focus{outline:2px solid #2563eb;background:#eef4ff}
.nb-sheet input.nb-auto{color:#6b7280;font-style:italic;background:#f7f7f7}
.nb-sheet input.nb-bad{background:#ffc9c9 !important;font-weight:bold}
.nb-sheet input.nb-refused{background:#ffe08a !important}
.nb-refusal{position:absolute;z-index:50;left:0;top:100%;min-width:220px;background:#7f1d1d;color:#fff;padding:4px 8px;
  border-radius:4px;font-size:12px;white-space:normal;box-shadow:0 2px 6px rgba(0,0,0,.3)}
.nb-sheet-help{color:#555;font-size:12px;margin:2px 0 6px}
.nb-hidden{display:none !important}
.nb-jump{cursor:pointer;text-decoration:underline dotted}
"""

# The sheet editor (see the module docstring). Works by event delegation on ``document``, so sheets redrawn by the
# server (after loading last year's report, importing Excel) need no re-binding.
SHEET_JS = r"""
<script>
(() => {
  if (window.nbSheets) return;
  const FULL = '０１２３４５６７８９．，';
  const HALF = '0123456789.,';
  const norm = (s) => s.replace(/[０-９．，]/g, (ch) => HALF[FULL.indexOf(ch)]).replace(/[,\s]/g, '');
  const ok = (inp, s) => (inp.dataset.fee ? /^\d*(\.\d*)?$/ : /^\d*$/).test(s);
  const cells = (root) => Array.from((root || document).querySelectorAll('input.nb-cell'));
  const byId = (id) => document.querySelector('input.nb-cell[data-cell="' + CSS.escape(id) + '"]');
  let bubbleTimer = null;
  function refuse(inp, typed) {
    inp.value = inp.dataset.last || '';
    inp.classList.add('nb-refused');
    let b = inp.parentElement.querySelector('.nb-refusal');
    if (!b) { b = document.createElement('div'); b.className = 'nb-refusal'; b.setAttribute('role', 'alert');
              inp.parentElement.appendChild(b); b.dataset.typed = ''; }
    b.dataset.typed = (b.dataset.typed || '') + typed;
    const kept = inp.value === '' ? '格子仍为空白' : '已恢复原值 ' + inp.value;
    b.textContent = '“' + b.dataset.typed + '”不是阿拉伯数字，未被接受，' + kept + '。请输入如 12 这样的数字。';
    clearTimeout(bubbleTimer);
    bubbleTimer = setTimeout(clearRefusals, 6000);
  }
  function clearRefusals() {
    document.querySelectorAll('.nb-refusal').forEach((b) => b.remove());
    document.querySelectorAll('input.nb-refused').forEach((i) => i.classList.remove('nb-refused'));
  }
  function recompute() {
    const totals = cells().filter((i) => i.dataset.sum);
    for (let pass = 0; pass < 4; pass++) {
      let changed = false;
      for (const t of totals) {
        if (!(t.value.trim() === '' || t.dataset.auto === '1')) continue;
        const parts = t.dataset.sum.split('|').map(byId);
        const vals = parts.map((p) => (p ? p.value.trim() : ''));
        let v = '';
        if (vals.every((x) => x !== '')) {
          const s = vals.reduce((a, x) => a + Number(x), 0);
          v = String(Math.round(s * 1e6) / 1e6);
        }
        if (t.value !== v) { t.value = v; t.dataset.last = v; changed = true; }
        t.dataset.auto = '1'; t.classList.add('nb-auto');
      }
      if (!changed) break;
    }
  }
  function state() {
    const out = {cells: {}, auto: []};
    for (const i of cells()) {
      out.cells[i.dataset.cell] = i.value.trim();
      if (i.dataset.auto === '1' && i.value.trim() !== '') out.auto.push(i.dataset.cell);
    }
    return out;
  }
  function commit() {
    const box = document.querySelector('#sheet_state textarea');
    const btn = document.querySelector('#sheet_commit');
    if (!box || !btn) return;
    box.value = JSON.stringify(state());
    box.dispatchEvent(new Event('input', {bubbles: true}));
    btn.click();
  }
  function applyMarks(json) {
    let m = {};
    try { m = JSON.parse(json || '{}'); } catch (e) { return; }
    const bad = m.bad || {};
    for (const i of cells()) {
      const msg = bad[i.dataset.cell];
      i.classList.toggle('nb-bad', !!msg);
      i.title = msg ? msg + '（' + i.dataset.cell + '）' : i.dataset.cell;
    }
  }
  function move(inp, down) {
    const table = inp.closest('table');
    const gc = inp.dataset.gc, gr = Number(inp.dataset.gr);
    const same = cells(table).filter((i) => i.dataset.gc === gc)
      .filter((i) => (down ? Number(i.dataset.gr) > gr : Number(i.dataset.gr) < gr))
      .sort((a, b) => (down ? 1 : -1) * (Number(a.dataset.gr) - Number(b.dataset.gr)));
    let next = same[0];
    if (!next) { const all = cells(); next = all[all.indexOf(inp) + (down ? 1 : -1)]; }
    if (next) { next.focus(); next.select(); }
  }
  document.addEventListener('mousedown', (e) => {
    const inp = e.target.closest && e.target.closest('input.nb-cell');
    if (inp && document.activeElement !== inp) { e.preventDefault(); inp.focus(); inp.select(); }
  }, true);
  document.addEventListener('focusin', (e) => {
    const inp = e.target;
    if (inp.classList && inp.classList.contains('nb-cell')) { inp.dataset.last = inp.value; inp.select(); }
  });
  document.addEventListener('input', (e) => {
    const inp = e.target;
    if (!(inp.classList && inp.classList.contains('nb-cell'))) return;
    const v = norm(inp.value);
    if (!ok(inp, v)) { refuse(inp, e.data || inp.value); return; }
    if (v !== inp.value) inp.value = v;
    inp.dataset.last = v;
    if (inp.dataset.auto) { delete inp.dataset.auto; inp.classList.remove('nb-auto'); }
    const b = inp.parentElement.querySelector('.nb-refusal');
    if (b) { b.remove(); inp.classList.remove('nb-refused'); }
  });
  document.addEventListener('change', (e) => {
    const inp = e.target;
    if (!(inp.classList && inp.classList.contains('nb-cell'))) return;
    recompute();
    commit();
  });
  document.addEventListener('keydown', (e) => {
    const inp = e.target;
    if (!(inp.classList && inp.classList.contains('nb-cell'))) return;
    if (e.key === 'Enter') { e.preventDefault(); move(inp, !e.shiftKey); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); move(inp, true); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(inp, false); }
    else if (e.key === 'Escape') { inp.value = inp.dataset.last || ''; }
  });
  // a finding names its cells: clicking it shows and focuses the first one
  document.addEventListener('click', (e) => {
    const li = e.target.closest && e.target.closest('[data-jump-cell]');
    if (!li) return;
    const show = (inp) => { inp.scrollIntoView({block: 'center'}); inp.focus(); inp.select(); };
    const inp = byId(li.dataset.jumpCell);
    if (inp && inp.offsetParent !== null) { show(inp); return; }
    const tabBtn = Array.from(document.querySelectorAll('[role="tab"]')).find((b) => b.innerText.trim() === '本年数据');
    if (tabBtn) tabBtn.click();
    let tries = 0;
    const go = () => {  // the 本年数据 tab is drawn when first shown
      const target = byId(li.dataset.jumpCell);
      if (target && target.offsetParent !== null) show(target); else if (++tries < 100) setTimeout(go, 50);
    };
    go();
  });
  // a finding about a sentence: open its part in 起草 and select the sentence
  document.addEventListener('click', (e) => {
    const li = e.target.closest && e.target.closest('[data-jump-section]');
    if (!li) return;
    window.nbPendingSelect = {start: Number(li.dataset.jumpStart), end: Number(li.dataset.jumpEnd)};
    const tabBtn = Array.from(document.querySelectorAll('[role="tab"]')).find((b) => b.innerText.trim() === '起草');
    if (tabBtn) tabBtn.click();
    let tries = 0;
    const go = () => {  // the 起草 tab is drawn when first shown
      const box = document.querySelector('#jump_part textarea');
      const btn = document.querySelector('#jump_btn');
      if (!box || !btn) { if (++tries < 100) setTimeout(go, 50); return; }
      box.value = li.dataset.jumpSection;
      box.dispatchEvent(new Event('input', {bubbles: true}));
      btn.click();
    };
    go();
  });
  function selectPending() {
    const sel = window.nbPendingSelect;
    const ta = document.querySelector('#draft_editor textarea');
    if (!sel || !ta) return;
    window.nbPendingSelect = null;
    ta.focus();
    ta.setSelectionRange(sel.start, sel.end);
    ta.scrollTop = Math.max(0, ta.scrollHeight * (sel.start / Math.max(1, ta.value.length)) - ta.clientHeight / 2);
  }
  window.nbSheets = {applyMarks, recompute, state, commit, selectPending};
})();
</script>
"""
