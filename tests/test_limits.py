"""report.parse.limits and the upload side: bombs refused before parsing, at/under/over each limit, working folders
removed, a batch that goes on past unreadable files."""

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from hostile_files import docx_bomb, many_pages_pdf, zip_bomb
from report.export.xlsx import XLSX_MAX_UNCOMPRESSED, XlsxTemplateError, read_filled, write_template
from report.model import Report
from report.parse import ReportParseError, limits, parse_file
from settings import Settings
from ui import actions_review as R
from ui.services import Services
from ui.uploads import unpack_zip

MB = 1024 * 1024
SMALL = limits.PackageLimits("压缩包", max_members=3, max_total=10_000, max_member=6_000, max_ratio=200)


def _zip(path: Path, sizes: list[int], method=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for i, n in enumerate(sizes):
            zf.writestr(f"f{i}.txt", b"x" * n)
    return path


@pytest.mark.parametrize("sizes,ok", [
    ([6_000], True), ([6_001], False),                       # one member at / over its limit
    ([5_000, 5_000], True), ([5_000, 5_001], False),         # the total at / over
    ([1, 1, 1], True), ([1, 1, 1, 1], False),                # the member count at / over
])
def test_package_limits_at_and_over(tmp_path, sizes, ok):
    path = _zip(tmp_path / "a.zip", sizes)
    if ok:
        assert len(limits.package_members(path, SMALL)) == len(sizes)
    else:
        with pytest.raises(limits.InputTooLarge) as err:
            limits.package_members(path, SMALL, "a.zip")
        assert "a.zip" in err.value.message_zh and "拒绝" in err.value.message_zh


def test_compression_ratio_is_a_limit(tmp_path):
    path = _zip(tmp_path / "r.zip", [3 * MB], zipfile.ZIP_DEFLATED)  # 3 MB of one byte: ratio ~1000
    with pytest.raises(limits.InputTooLarge) as err:
        limits.package_members(path, limits.ZIP)
    assert "压缩比" in err.value.message_zh
    loose = limits.PackageLimits("压缩包", 10, 100 * MB, 100 * MB, max_ratio=5000)
    assert limits.package_members(path, loose)


def test_not_a_zip_is_left_to_the_parser(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"plain")
    assert limits.package_members(p, limits.DOCX) == []


def test_docx_bomb_is_refused_by_the_parser(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx", document_mb=150)
    assert bomb.stat().st_size < 2 * MB
    with pytest.raises(ReportParseError) as err:
        parse_file(bomb)
    assert isinstance(err.value, limits.InputTooLarge) and "document.xml" in err.value.message_zh


def test_a_real_docx_still_parses(tmp_path):
    from report.export.docx import write_docx

    report = Report.from_interchange(__import__("json").loads(
        (FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))
    out = write_docx(report, tmp_path / "r.docx")
    back = parse_file(out)
    assert back.table3 == report.table3


def test_pdf_page_cap(tmp_path):
    pdf = many_pages_pdf(tmp_path / "many.pdf", pages=limits.MAX_PDF_PAGES + 1)
    with pytest.raises(limits.InputTooLarge) as err:
        parse_file(pdf)
    assert f"{limits.MAX_PDF_PAGES + 1} 页" in err.value.message_zh
    at = many_pages_pdf(tmp_path / "at.pdf", pages=3)
    with pytest.raises(ReportParseError) as err2:  # readable, but blank pages hold no report
        parse_file(at)
    assert not isinstance(err2.value, limits.InputTooLarge)


def test_pdf_character_cap():
    class Page:
        def extract_text(self):
            return "字" * 600

    class Reader:
        pages = [Page()] * 5

    assert len(list(limits.pdf_pages_text(Reader(), max_chars=3000))) == 5  # exactly at the cap
    with pytest.raises(limits.InputTooLarge):
        list(limits.pdf_pages_text(Reader(), max_chars=2999))


def test_knowledge_upload_refuses_the_bombs_per_file(tmp_path):
    from knowledge.uploads import UploadRefused, read_upload

    with pytest.raises(UploadRefused) as err:
        read_upload(docx_bomb(tmp_path / "b.docx", document_mb=150))
    assert "b.docx" in str(err.value) and "拒绝" in str(err.value)
    with pytest.raises(UploadRefused) as err:
        read_upload(many_pages_pdf(tmp_path / "p.pdf", pages=limits.MAX_PDF_PAGES + 1))
    assert "页" in str(err.value)


def test_xlsx_over_the_package_limit_is_refused(tmp_path):
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<a/>" * (XLSX_MAX_UNCOMPRESSED // 4 + 1))
    with pytest.raises(XlsxTemplateError) as err:
        read_filled(path)
    assert "填报模板" in str(err.value)


def test_filled_template_still_reads_back(tmp_path):
    report = Report.from_interchange(__import__("json").loads(
        (FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))
    path = write_template(tmp_path / "t.xlsx", report)
    back = read_filled(path)
    assert back.table3 == report.table3 and back.agency == report.agency


# ---------------------------------------------------------------- the upload side
def svc_for(tmp_path: Path, **kw) -> Services:
    return Services(Settings(DATA_DIR=str(tmp_path / "data"), **kw))


def test_unpack_zip_counts_and_skips(tmp_path):
    src = tmp_path / "in.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("../../evil.txt", "一、总体情况")
        zf.writestr("empty.txt", "")
        zf.writestr("pic.png", "x")
    work = tmp_path / "w"
    work.mkdir()
    files, refused = unpack_zip(src, work, (".txt",), 1)
    assert [f.parent for f in files] == [work] and files[0].name.endswith("evil.txt")
    assert refused == [("in.zip/empty.txt", "是空文件。")]


def test_zip_bomb_is_refused_and_writes_nothing(tmp_path):
    svc = svc_for(tmp_path)
    bomb = zip_bomb(tmp_path / "bomb.zip", members=8, member_mb=45)
    good = shutil.copy(FIXTURES / "001_changsha_furongqu_2021.txt", tmp_path / "good.txt")
    out = R.audit(svc, [str(bomb), str(good)])
    rows = out["summary"].to_dict("records")
    assert [r["文件"] for r in rows] == ["good.txt", "bomb.zip"]
    assert "拒绝" in rows[1]["主要问题"]
    assert list((svc.data_dir / "tmp").iterdir()) == []


def test_batch_goes_on_past_empty_and_broken_files_and_leaves_no_tmp(tmp_path):
    svc = svc_for(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    good = shutil.copy(FIXTURES / "001_changsha_furongqu_2021.txt", tmp_path / "good.txt")
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.write(good, "inner.txt")
        zf.writestr("blank.txt", "")
    out = R.audit(svc, [str(empty), str(broken), str(good), str(pack)])
    rows = {r["文件"]: r for r in out["summary"].to_dict("records")}
    assert set(rows) == {"empty.txt", "broken.zip", "good.txt", "inner.txt", "pack.zip/blank.txt"}
    assert rows["good.txt"]["机关"] and rows["inner.txt"]["机关"] == rows["good.txt"]["机关"]
    assert "空文件" in rows["empty.txt"]["主要问题"] and "zip" in rows["broken.zip"]["主要问题"]
    assert list((svc.data_dir / "tmp").iterdir()) == []


def test_working_folder_removed_after_an_error(tmp_path, monkeypatch):
    svc = svc_for(tmp_path)
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.write(FIXTURES / "001_changsha_furongqu_2021.txt", "inner.txt")

    def boom(*a, **k):
        raise RuntimeError("audit crashed")

    monkeypatch.setattr(R, "_audit_one", boom)
    with pytest.raises(RuntimeError):
        R.audit(svc, [str(pack)])
    assert list((svc.data_dir / "tmp").iterdir()) == []


def test_foreign_workbook_under_the_size_limit_is_refused_before_its_rows_are_read(tmp_path, monkeypatch):
    """100,000 rows (under the package limit): read-only opening and the template check come first, so not one row
    of the sheet is read (counted at openpyxl's streaming row reader, not timed)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    from hostile_files import huge_workbook

    path = huge_workbook(tmp_path / "rows.xlsx", rows=100_000)
    read = []
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *a, **k):
        for row in original(self, *a, **k):
            read.append(self.title)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    with pytest.raises(XlsxTemplateError, match="缺少模板信息"):
        read_filled(path)
    assert read == []
    # the counter sees rows when a sheet is read: the same reader on the template sheet it opens
    from openpyxl import load_workbook
    wb = load_workbook(str(path), read_only=True)
    assert len(list(zip(range(3), wb["数据"].iter_rows(values_only=True)))) == 3 and read == ["数据"] * 3
    wb.close()
