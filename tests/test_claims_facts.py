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


def test_values_keep_integers_integers_and_read_what_the_number_finder_cannot():
    from report.claims.facts import _read_value

    got = [_read_value("x", raw) for raw in (3.0, 2.5, 7, "1e3", "2.5e-1", "1,5", "6352条")]
    assert got == [(3, None), (2.5, None), (7, None), (1000, None), (0.25, None), (15, None), (6352, "条")]
    assert [type(v).__name__ for v, _ in got] == ["int", "float", "int", "int", "float", "int", "int"]


def test_the_errors_name_the_fact_and_the_expected_shape():
    with pytest.raises(FactError) as exc:
        FactSheet.from_data("x")
    assert str(exc.value) == "事实清单应为列表（[{\"label\":…, \"value\":…}]）或“名称：数值”对象。"
    with pytest.raises(FactError, match="第 1 条事实缺少“label”或“value”"):
        FactSheet.from_data([["label", "value"]])  # a list is not a fact, even one holding those words
    with pytest.raises(FactError) as exc:
        FactSheet.from_data({"访问量": "很多"})
    assert str(exc.value).startswith("“访问量”的数值无法识别：'很多'。")


def test_facts_as_objects_and_a_missing_id():
    sheet = FactSheet.from_data({"政府网站发布信息": 6352})
    assert FactSheet.from_data([sheet[0]]) == sheet
    assert sheet.by_id("F9") is None


def test_the_saved_file_is_indented_utf8_and_a_bom_is_read(tmp_path):
    sheet = FactSheet.from_data({"政府网站发布信息": 6352})
    text = ('[\n  {\n    "id": "F1",\n    "label": "政府网站发布信息",\n    "value": 6352,\n    "unit": null,\n'
            '    "note": ""\n  }\n]')
    assert sheet.dumps() == text
    sheet.save(tmp_path / "f.json")
    assert (tmp_path / "f.json").read_bytes() == (text + "\n").encode("utf-8")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert FactSheet.load(tmp_path / "bom.json") == sheet
    (tmp_path / "gbk.json").write_bytes(text.encode("gbk"))
    with pytest.raises(FactError) as exc:
        FactSheet.load(tmp_path / "gbk.json")
    assert str(exc.value) == f"事实清单文件不是 UTF-8 文本：{tmp_path / 'gbk.json'}"


def test_a_bare_number_keeps_its_sign_and_a_number_with_its_unit_keeps_the_unit():
    from report.claims.facts import read_number

    assert [read_number(r) for r in ("-5", "－5", "+3", "1,234", "2.5")] == [
        (-5, None), (-5, None), (3, None), (1234, None), (2.5, None)]
    assert read_number("130篇") == (130, "篇")
    assert read_number("全年发布政策解读") is None  # a text answer
