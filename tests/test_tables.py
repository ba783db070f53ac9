import json

import pytest

from conftest import FIXTURES
from report import Report, cell_id, split_cell_id
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
    ids = [cid for cid, _ in r.cells()]
    assert len(ids) == len(set(ids)) == 10 + 175 + 15
    assert "表三/一、本年新收政府信息公开申请数量/总计" in ids
    for cid, val in r.cells():
        assert r.get_cell(cid) == val
        table, row, col = split_cell_id(cid)
        assert cell_id(table, row, col) == cid
    r.set_cell("表四/行政复议/总计", 9)
    assert r.t4(L.T4_REVIEW) == 9


def test_bad_cell_id_is_refused():
    with pytest.raises(KeyError):
        split_cell_id("表九/x")


def test_cell_id_with_slash_in_2019_column_label():
    r = Report.blank(template="2019")
    cid = cell_id("table2", "行政许可", "本年增/减")
    assert split_cell_id(cid) == ("table2", "行政许可", "本年增/减")
    r.set_cell(cid, -3)
    assert r.table2["行政许可"]["本年增/减"] == -3 and r.get_cell(cid) == -3


def test_mixed_template_keeps_2021_table2_shape():
    data = {"template": "2019", "table2": {"规章": {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 5},
                                           "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 9},
                                           "行政许可": 3, "行政处罚": 4, "行政强制": 5, "行政事业性收费": 1.5}}
    r = Report.from_interchange(data)
    assert r.template == "2019" and len(r.table3) == 23
    assert r.to_interchange()["table2"] == data["table2"]
