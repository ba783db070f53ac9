"""report.claims.facts: user facts load/save/render, with clear Chinese errors on bad input."""

import json

import pytest

from report.claims.facts import Fact, FactError, FactSheet


def test_from_dict_reads_units_and_numbers_ids_in_order():
    sheet = FactSheet.from_data({"政府网站发布信息": "6352条", "信息处理费": "380 元", "政务新媒体": 95})
    assert [(f.id, f.label, f.value, f.unit) for f in sheet] == [
        ("F1", "政府网站发布信息", 6352, "条"), ("F2", "信息处理费", 380, "元"), ("F3", "政务新媒体", 95, None)]
    assert sheet.render().splitlines() == ["[F1] 政府网站发布信息：6352 条", "[F2] 信息处理费：380 元", "[F3] 政务新媒体：95"]


def test_list_with_ids_notes_and_decimal():
    sheet = FactSheet.from_data([{"id": "W1", "label": "网站访问量", "value": 29465589, "unit": "次", "note": "全年"},
                                 {"label": "满意度", "value": 99.19, "unit": "%"}])
    assert sheet.by_id("W1").note == "全年" and sheet[1].id == "F2"
    assert sheet.render() == "[W1] 网站访问量：29465589 次（全年）\n[F2] 满意度：99.19 %"


def test_save_load_round_trip(tmp_path):
    sheet = FactSheet.from_data({"政府网站发布信息": 6352})
    path = tmp_path / "facts.json"
    sheet.save(path)
    again = FactSheet.load(path)
    assert again == sheet and isinstance(again[0], Fact)
    assert json.loads(path.read_text("utf-8"))[0]["label"] == "政府网站发布信息"


@pytest.mark.parametrize("data, words", [
    ("not json", "JSON"),
    ('"a string"', "列表"),
    ('[{"label": "x"}]', "value"),
    ('{"访问量": "很多"}', "无法识别"),
    ('[{"label": "   ", "value": 1}]', "名称"),
    ('[{"id": "A", "label": "a", "value": 1}, {"id": "A", "label": "b", "value": 2}]', "重复"),
    ('{"是否": true}', "不是数字"),
])
def test_bad_input_is_a_chinese_error(data, words):
    with pytest.raises(FactError) as exc:
        FactSheet.loads(data)
    assert words in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(FactError, match="找不到"):
        FactSheet.load(tmp_path / "none.json")
