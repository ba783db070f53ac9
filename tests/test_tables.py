import json

import pytest

from conftest import FIXTURES
from report import Report
from report.model import CellRef
from report.model import labels as L

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def test_labels_have_official_shape():
    assert len(L.T3_ROWS_2021) == 25 and len(L.T3_ROWS_2019) == 23
    assert len(L.T3_RESULT_ROWS_2021) == 21
    assert len(L.T3_COLUMNS) == 7 and len(L.T4_GROUPS) * len(L.T4_COLUMNS) == 15


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_truth_round_trips_losslessly(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    r = Report.from_interchange(data)
    out = r.to_interchange()
    for key in ("table2", "table3", "table4", "table3_columns"):
        assert out[key] == data[key]
    assert Report.from_interchange(json.loads(json.dumps(out, ensure_ascii=False))) == r
    assert out["schema"] == "annual-report/1"


def test_blank_cells_are_none_not_zero():
    r = Report.from_interchange({"table3": {L.R_NEW: ["/", "—", "", None, " 3 ", "1,234", 0]}})
    assert r.table3[L.R_NEW] == [None, None, None, None, 3, 1234, 0]
    assert r.t3(L.R_CARRIED_IN) is None  # missing row is blank, not 0


def test_cell_ids_are_stable_and_invertible():
    r = Report.from_interchange(json.loads(TRUTHS[0].read_text(encoding="utf-8")))
    refs = [ref for ref, _ in r.cells()]
    ids = [ref.id for ref in refs]
    assert len(ids) == len(set(ids)) == len(set(refs)) == 10 + 175 + 15
    assert "表三/一、本年新收政府信息公开申请数量/总计" in ids
    for ref, val in r.cells():
        assert r.get(ref) == val
        assert CellRef.parse(ref.id) == ref and str(ref) == ref.id
    r.set(CellRef.parse("表四/行政复议/总计"), 9)
    assert r.t4(L.T4_REVIEW) == 9


@pytest.mark.parametrize("text", ["表九/x", "表三", "表二/", "表二//x"])
def test_bad_cell_id_is_refused(text):
    with pytest.raises(KeyError):
        CellRef.parse(text)


def test_cell_refs_are_typed_and_checked():
    with pytest.raises(KeyError):
        CellRef("table5", "x")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        CellRef("table3", L.R_NEW, "法人")
    assert CellRef.t3(L.R_NEW) == CellRef("table3", L.R_NEW, "总计")
    assert CellRef.parse(f"表三/{L.R_TOTAL}").column is None  # a whole row (used as a diagnostic's where)
    assert len({CellRef.t4(L.T4_REVIEW), CellRef("table4", L.T4_REVIEW, "总计")}) == 1


def test_cell_id_with_slash_in_2019_column_label():
    r = Report.blank(template="2019")
    ref = CellRef("table2", "行政许可", "本年增/减")
    assert ref.id == "表二/行政许可/本年增/减"
    assert CellRef.parse(ref.id) == ref
    assert CellRef.parse("表二/行政许可") == CellRef("table2", "行政许可", None)
    r.set(ref, -3)
    assert r.table2["行政许可"]["本年增/减"] == -3 and r.get(ref) == -3


def test_a_missing_or_short_row_reads_blank_and_set_pads_it():
    r = Report.blank()
    del r.table3[L.R_NEW]
    r.table4[L.T4_REVIEW] = [1, 2]
    assert r.get(CellRef.t3(L.R_NEW)) is None and r.get(CellRef.t4(L.T4_REVIEW)) is None
    r.set(CellRef.t4(L.T4_REVIEW), 3)
    assert r.table4[L.T4_REVIEW] == [1, 2, None, None, 3]
    with pytest.raises(KeyError):
        r.set(CellRef("table3", L.R_NEW), 1)  # a row is not a cell


def test_mixed_template_keeps_2021_table2_shape():
    data = {"template": "2019", "table2": {"规章": {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 5},
                                           "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 9},
                                           "行政许可": 3, "行政处罚": 4, "行政强制": 5, "行政事业性收费": 1.5}}
    r = Report.from_interchange(data)
    assert r.template == "2019" and len(r.table3) == 23
    assert r.to_interchange()["table2"] == data["table2"]


def test_unread_and_uncertain_cells_come_from_diagnostics() -> None:
    from report.model.cells import CellRef
    from report.model.tables import Diagnostic, Report

    r = Report.blank()
    new_total = CellRef.t3("一、本年新收政府信息公开申请数量")
    fee = CellRef("table2", "行政事业性收费", None)
    r.set(fee, 12.5)
    r.diagnostics = [
        Diagnostic(code="cell_unread", severity="warning", message="未能读取", cells=[new_total.id, fee.id]),
        Diagnostic(code="note", severity="info", message="仅供参考", cells=[CellRef.t3("二、上年结转政府信息公开申请数量").id]),
    ]
    assert r.unread_cells() == {new_total}
    assert r.uncertain_cells() == {fee}
    back = Report.from_interchange(r.to_interchange())
    assert back.unread_cells() == {new_total}
