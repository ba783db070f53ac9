"""Every public endpoint of the app, called over HTTP with gradio_client against the real app (offline, temp
DATA_DIR, knowledge base on the fast fake embedder). One server for the whole module."""

import json
import re
import zipfile
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from conftest import FIXTURES
from report.model import labels as L
from ui.testing import start_app

TRUTH = FIXTURES / "truth" / "002_huaian_shi_2024.json"
T3_NEW = 0  # row index of 一、本年新收 in the 表三 grid
T3_CARRIED_IN = 1


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    demo, svc, url = start_app(data)
    yield Client(url, verbose=False), svc, data
    demo.close()


@pytest.fixture
def client(app):
    return app[0]


def new_project(client):
    out = client.predict(api_name="/new_project")
    return out[0], out


def grid(out, i):
    """A Dataframe output as a list of rows (gradio_client returns headers/data)."""
    return out[i]["data"], out[i]["headers"]


def frame(rows, headers):
    return {"headers": headers, "data": rows, "metadata": None}


def test_new_project_is_saved_under_data_dir_and_reopens(app):
    client, svc, data = app
    pid, out = new_project(client)
    assert (data / "projects.sqlite3").is_file() and svc.projects.load(pid).id == pid
    again = client.predict(pid, api_name="/open_project")
    assert again[0] == pid
    other, _ = new_project(client)
    assert other != pid


def test_previous_report_prefills_carry_over_and_baseline(client):
    pid, _ = new_project(client)
    out = client.predict(pid, handle_file(str(TRUTH)), api_name="/parse_upload")
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    assert out[1] == "淮安市人民政府" and out[2] == 2025
    rows, headers = grid(out, 5)
    carried = [int(x) for x in rows[T3_CARRIED_IN][1:]]
    assert carried == truth["table3"][L.R_CARRIED_OUT]
    assert "现行有效件数 66" in out[3]  # last year's 行政规范性文件 baseline is shown


def test_wrong_total_is_flagged_and_cell_highlighted(client):
    pid, out = new_project(client)
    t2, t3, t4 = (frame(*grid(out, i)) for i in (4, 5, 6))
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    for i, path in enumerate(L.T3_ROWS_2021):
        t3["data"][i][1:] = [str(x) for x in truth["table3"][path]]
    for i, g in enumerate(L.T4_GROUPS):
        t4["data"][i][1:] = [str(x) for x in truth["table4"][g]]
    findings, mirror = client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    assert "nb-bad" not in mirror  # the true tables balance: no cell of the sheets is marked
    t3["data"][T3_NEW][7] = str(truth["table3"][L.R_NEW][6] + 5)
    findings, mirror = client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    assert "错误" in findings
    bad_title = f"表三/{L.R_NEW}/总计"
    marked = re.findall(r"<input class='([^']*)' data-cell='([^']*)'", mirror)
    bad = {cid for cls, cid in marked if "nb-bad" in cls.split()}
    assert bad_title in bad
    # marked: the cells of the two broken identities (the row's T3-C, the 总计 column's T3-A) and nothing else
    assert all(cid.startswith(f"表三/{L.R_NEW}/") or cid.endswith("/总计") for cid in bad)
    assert f"表三/{L.R_CARRIED_OUT}/总计" in bad and f"表三/{L.R_CARRIED_OUT}/自然人" not in bad


def test_non_numeric_cell_is_reported_and_old_value_kept(app):
    client, svc, _ = app
    pid, out = new_project(client)
    t2, t3, t4 = (frame(*grid(out, i)) for i in (4, 5, 6))
    t3["data"][T3_NEW][1] = "12"
    client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    t3["data"][T3_NEW][1] = "十二件"
    findings, _ = client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    assert "不是数字" in findings
    assert svc.projects.load(pid).report.t3(L.R_NEW, "自然人") == 12


def test_facts_saved_and_half_rows_reported(app):
    client, svc, _ = app
    pid, out = new_project(client)
    facts = frame([["F1", "门户网站发布信息", "1234", "条", ""], ["", "政务微博", "", "", ""]], list(out[7]["headers"]))
    out = client.predict(pid, facts, api_name="/save_facts")
    assert "第 2 行" in out[8]
    saved = svc.projects.load(pid).facts
    assert [(f.id, f.label, f.value, f.unit) for f in saved] == [("F1", "门户网站发布信息", 1234, "条")]


def test_implausible_year_gives_chinese_error(client):
    pid, _ = new_project(client)
    with pytest.raises(AppError, match="不在合理范围"):
        client.predict(pid, "某县人民政府", 1990, api_name="/set_meta")
    out = client.predict(pid, "某县人民政府", 2025, api_name="/set_meta")
    assert out[1] == "某县人民政府" and out[2] == 2025


def test_excel_template_round_trip(app):
    client, svc, _ = app
    pid, _ = new_project(client)
    client.predict(pid, handle_file(str(TRUTH)), api_name="/parse_upload")
    path = client.predict(pid, api_name="/template_xlsx")
    assert Path(path).suffix == ".xlsx" and Path(path).stat().st_size > 0
    other, _ = new_project(client)
    out = client.predict(other, handle_file(path), api_name="/upload_xlsx")
    rows, _ = grid(out, 5)
    assert [int(x) for x in rows[T3_CARRIED_IN][1:]] == svc.projects.load(pid).report.table3[L.R_CARRIED_IN]


def test_excel_text_in_number_cell_is_shown_naming_the_cell(app, tmp_path):
    """read_filled leaves an unreadable cell blank and says so; the tab must show that, not drop it silently."""
    from openpyxl import load_workbook

    client, svc, _ = app
    pid, _ = new_project(client)
    client.predict(pid, handle_file(str(TRUTH)), api_name="/parse_upload")
    wb = load_workbook(client.predict(pid, api_name="/template_xlsx"))
    ws = wb["表三"]
    target = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, int) and not isinstance(c.value, bool))
    target.value = "十二件"
    filled = tmp_path / "填好的模板.xlsx"
    wb.save(filled)
    out = client.predict(pid, handle_file(str(filled)), api_name="/upload_xlsx")
    findings = out[8]
    assert "十二件" in findings and "不是数字" in findings
    assert f"表三 {target.coordinate}" in findings  # names the sheet and the Excel cell
    blanks = [ref.id for ref, v in svc.projects.load(pid).report.cells() if ref.table == "table3" and v is None]
    assert any(cid in findings for cid in blanks)  # and the statutory cell it left blank


def test_grid_entry_that_is_not_a_number_names_cell_and_kept_value(app):
    client, svc, _ = app
    pid, out = new_project(client)
    t2, t3, t4 = (frame(*grid(out, i)) for i in (4, 5, 6))
    t4["data"][0][1] = "3"
    t3["data"][T3_NEW][2] = "7"
    client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    t4["data"][0][1] = "三件"
    t3["data"][T3_NEW][2] = ""  # a cleared cell becomes blank, not 0 and not an error
    findings, _ = client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    assert f"表四/{L.T4_GROUPS[0]}/{L.T4_COLUMNS[0]}" in findings and "三件" in findings and "已保留原值 3" in findings
    report = svc.projects.load(pid).report
    assert report.t4(L.T4_GROUPS[0], L.T4_COLUMNS[0]) == 3
    assert report.t3(L.R_NEW, L.T3_COLUMNS[1]) is None
    assert not any(d.code == "grid_not_a_number" for d in report.diagnostics)


def test_upload_type_and_size_are_checked_in_chinese(app, tmp_path):
    client, _, _ = app
    pid, _ = new_project(client)
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ" * 10)
    with pytest.raises(AppError, match="不支持的文件类型“.exe”"):
        client.predict(pid, handle_file(str(exe)), api_name="/parse_upload")
    with pytest.raises(AppError, match="不支持的文件类型“.txt”"):
        client.predict(pid, handle_file(str(FIXTURES / "002_huaian_shi_2024.txt")), api_name="/upload_xlsx")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (6 * 1024 * 1024))  # MAX_UPLOAD_MB=5 in the test app; gradio's own limit is higher
    with pytest.raises(AppError, match=r"big.txt 有 6.0 MB，超过上限 5 MB"):
        client.predict(pid, handle_file(str(big)), api_name="/parse_upload")
    with pytest.raises(AppError, match="超过上限 5 MB"):
        client.predict([handle_file(str(big))], api_name="/audit")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(AppError, match="空文件"):
        client.predict([handle_file(str(empty))], api_name="/kb_upload")


def test_draft_highlight_recheck_accept(app):
    client, svc, _ = app
    pid, _ = new_project(client)
    client.predict(pid, handle_file(str(TRUTH)), api_name="/parse_upload")
    text, marked, notes, source = client.predict(pid, "一", api_name="/draft")
    assert "刚起草的草稿（尚未采纳）" in source
    assert text.strip() and "<mark" in marked
    edited = text + "\n本年共收到政府信息公开申请 999999 件。"
    marked2 = client.predict(pid, edited, api_name="/check_draft")
    # this year's 表三 is still blank, so the number cannot be checked yet: unverifiable (not contradicts), saying why
    mark = re.search(r"<mark[^>]*data-status='(\w+)'[^>]*title='([^']*)'[^>]*>999999 件</mark>", marked2)
    assert mark is not None and mark.group(1) == "unverifiable" and "表中该项为空" in mark.group(2)
    status, _, _ = client.predict(pid, "一", edited, api_name="/accept")
    assert "已采纳" in status
    assert svc.projects.load(pid).report.sections["一"] == edited


def test_export_docx_and_markdown_marked_draft_while_errors(app):
    client, svc, _ = app
    pid, out = new_project(client)
    t2, t3, t4 = (frame(*grid(out, i)) for i in (4, 5, 6))
    t3["data"][T3_NEW][1:] = ["3", "", "", "", "", "", "9"]  # 3 ≠ 9: an identity error
    client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    path, status = client.predict(pid, api_name="/export_docx")
    assert path.endswith(".docx") and "草稿" in Path(path).name and "草稿" in status
    import docx

    doc = docx.Document(path)
    assert [(len(t.rows), len(t.columns)) for t in doc.tables] == [(14, 4), (28, 10), (4, 15)]  # 表二, 表三, 表四
    assert (doc.tables[1].cell(3, 3).text, doc.tables[1].cell(3, 9).text) == ("3", "9")  # 一、本年新收: 自然人, 总计 as typed
    md_path, _ = client.predict(pid, api_name="/export_md")
    assert Path(md_path).read_text(encoding="utf-8").startswith("> **草稿**")


def test_audit_many_files_and_zip_with_downloads(client, tmp_path):
    bad = tmp_path / "坏文件.json"
    bad.write_text("{not json", encoding="utf-8")
    z = tmp_path / "批量.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(FIXTURES / "truth" / "001_changsha_furongqu_2021.json", "芙蓉区2021.json")
        zf.writestr("说明.exe", b"x")
    summary, downloads, details = client.predict([handle_file(str(TRUTH)), handle_file(str(bad)), handle_file(str(z))],
                                                 api_name="/audit")
    rows = summary["data"]
    assert len(rows) == 3
    by_file = {r[0]: r for r in rows}
    assert by_file["坏文件.json"][3] == "" and by_file["坏文件.json"][6].startswith("无法读取")  # as the CLI writes it
    assert "JSON" in by_file["坏文件.json"][6]
    assert summary["headers"] == ["文件", "机关", "年度", "错误", "警告", "提示", "主要问题", "解析提示"]
    assert by_file["002_huaian_shi_2024.json"][1] == "淮安市人民政府"
    suffixes = sorted(Path(d).suffix for d in downloads)
    assert suffixes == [".csv", ".xlsx"]
    from openpyxl import load_workbook

    wb = load_workbook(next(d for d in downloads if d.endswith(".xlsx")))
    assert wb["汇总"].max_row == 4
    rar = tmp_path / "批量.rar"
    rar.write_bytes(b"Rar!")
    with pytest.raises(AppError, match="不支持的文件类型"):
        client.predict([handle_file(str(rar))], api_name="/audit")


def test_knowledge_base_list_upload_delete(client, tmp_path):
    docs = client.predict(api_name="/kb_list")
    titles = [r[1] for r in docs["data"]]
    assert any("条例" in t for t in titles)
    note = tmp_path / "本机关依申请公开工作制度.md"
    note.write_text("# 本机关依申请公开工作制度\n\n第一条 申请人提交申请后，由办公室统一登记，五个工作日内转交承办科室。\n", encoding="utf-8")
    status, docs = client.predict([handle_file(str(note))], api_name="/kb_upload")
    assert "新增 1 份" in status
    row = next(r for r in docs["data"] if "本机关依申请公开工作制度" in r[3])
    status, docs = client.predict(row[0], api_name="/kb_delete")
    assert "已删除" in status and all(r[0] != row[0] for r in docs["data"])
    with pytest.raises(AppError, match="没有编号"):
        client.predict(row[0], api_name="/kb_delete")


def test_previous_from_knowledge_base_and_trend(client):
    pid, _ = new_project(client)
    labels = [c[0] for c in client.predict(api_name="/kb_reports")["choices"]]
    assert len(labels) == 4 and "淮安市人民政府 2024 年" in labels  # the four bundled sample reports
    doc_id = _huaian_doc_id(client)
    out = client.predict(pid, doc_id, api_name="/load_previous_kb")
    assert out[1] == "淮安市人民政府" and out[2] == 2025
    plot, table = client.predict(pid, api_name="/trend")
    years = sorted({r[0] for r in table["data"]})
    assert "2024" in years


def _huaian_doc_id(client):
    docs = client.predict(api_name="/kb_list")
    return next(r[0] for r in docs["data"] if r[3] == "002_huaian_shi_2024.txt")


def test_chat_answers_with_citations(client):
    pid, _ = new_project(client)
    reply = client.predict("依申请公开的答复期限是多少个工作日？", pid, api_name="/chat")
    assert "第三十三条" in reply and "<details>" in reply


def test_projects_are_isolated(app):
    client, svc, _ = app
    a, _ = new_project(client)
    b, _ = new_project(client)
    client.predict(a, "甲单位", 2025, api_name="/set_meta")
    assert svc.projects.load(b).report.agency is None
    with pytest.raises(AppError, match="项目编号格式不正确"):
        client.predict("../../etc/passwd", "x", 2025, api_name="/set_meta")


def test_trend_compares_last_year_and_this_year(app):
    client, svc, _ = app
    pid, out = new_project(client)
    out = client.predict(pid, handle_file(str(TRUTH)), api_name="/parse_upload")  # 2024 report -> this year 2025
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    t2, t3, t4 = (frame(*grid(out, i)) for i in (4, 5, 6))
    t3["data"][T3_NEW][1:] = ["30", "1", "", "", "", "", "31"]
    t4["data"][0][1:] = ["2", "", "", "", "2"]
    client.predict(pid, t2, t3, t4, api_name="/validate_tables")
    plot, table = client.predict(pid, api_name="/trend")
    values = {(r[0], r[1]): r[2] for r in table["data"]}
    assert values[("2024", "新收申请")] == truth["table3"][L.R_NEW][-1]
    assert values[("2025", "新收申请")] == 31
    assert values[("2024", "行政复议")] == truth["table4"][L.T4_REVIEW][-1]
    assert values[("2025", "行政复议")] == 2
    assert ("2025", "行政诉讼") not in values  # blank in this year's table: no point, not a 0
    assert plot["mark"] == "line" and [r for r in plot["data"] if r[1] == "新收申请"] == [
        ["2024", "新收申请", truth["table3"][L.R_NEW][-1]], ["2025", "新收申请", 31]]  # the chart gets both years
