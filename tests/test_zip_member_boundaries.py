"""Members of an audit zip (``ui.uploads.unpack_zip``, what the 审核 tab uses for a .zip upload): every limit at,
just under and just over it, each layer on its own —

- the staff upload limit per member (``limit_mb``: a member over it is refused by name, the others unpacked),
- an empty member,
- the archive's directory against its :class:`report.parse.limits.PackageLimits`: member count, one member's
  uncompressed size, the total, and the compression ratio (checked only above 1 MB).

Each test sets only the limit it is about low (the others stay far away), so a layer is never tested through
another. Members are stored uncompressed unless the ratio is the point, so sizes are exact.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from report.parse import limits
from report.parse.limits import InputTooLarge, PackageLimits
from ui.services import UserError
from ui.uploads import unpack_zip

MB = 1024 * 1024
WIDE = {"max_members": 1000, "max_total": 500 * MB, "max_member": 100 * MB, "max_ratio": 10_000}
EXTS = (".txt", ".pdf")


def make_zip(path: Path, members: list[tuple[str, int]], method=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, size in members:
            zf.writestr(name, b"a" * size)
    return path


def unpack(tmp_path: Path, members, *, limit_mb: float = 50, package=None, method=zipfile.ZIP_STORED):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    src = make_zip(tmp_path / "批量.zip", members, method)
    files, refused = unpack_zip(src, work, EXTS, limit_mb, package)
    return [(f.name, f.stat().st_size) for f in files], refused, sorted(p.name for p in work.iterdir())


# ---------------------------------------------------------------- the staff limit, per member
@pytest.mark.parametrize("size", [MB - 1, MB])
def test_member_up_to_the_upload_limit_is_unpacked(tmp_path, size):
    files, refused, written = unpack(tmp_path, [("年报.txt", size)], limit_mb=1)
    assert files == [("0000_年报.txt", size)] and refused == [] and written == ["0000_年报.txt"]


def test_member_one_byte_over_the_upload_limit_is_refused_by_name_and_not_written(tmp_path):
    files, refused, written = unpack(tmp_path, [("年报.txt", MB + 1), ("另一份.txt", 10)], limit_mb=1)
    assert refused == [("批量.zip/年报.txt", "解压后 1.0 MB，超过 1 MB 上限。")]
    assert files == [("0001_另一份.txt", 10)] and written == ["0001_另一份.txt"]


def test_the_upload_limit_is_the_configured_one(tmp_path):
    files, refused, _ = unpack(tmp_path, [("年报.txt", 2 * MB + 1)], limit_mb=2)
    assert files == [] and refused == [("批量.zip/年报.txt", "解压后 2.0 MB，超过 2 MB 上限。")]


@pytest.mark.parametrize("size,ok", [(0, False), (1, True)])
def test_empty_member(tmp_path, size, ok):
    files, refused, _ = unpack(tmp_path, [("空.txt", size)])
    assert (files, refused) == (([("0000_空.txt", 1)], []) if ok else ([], [("批量.zip/空.txt", "是空文件。")]))


def test_other_file_types_and_folders_are_skipped_silently(tmp_path):
    files, refused, _ = unpack(tmp_path, [("图片.png", 5), ("子目录/年报.PDF", 7), ("说明.docx", 3)])
    assert files == [("0001_年报.PDF", 7)] and refused == []


# ---------------------------------------------------------------- the archive's directory, each limit alone
@pytest.mark.parametrize("n", [2, 3])
def test_member_count_up_to_the_limit(tmp_path, n):
    package = PackageLimits("压缩包", **{**WIDE, "max_members": 3})
    files, refused, _ = unpack(tmp_path, [(f"{i}.txt", 10) for i in range(n)], package=package)
    assert [f for f, _ in files] == [f"{i:04d}_{i}.txt" for i in range(n)] and refused == []


def test_member_count_one_over_is_refused_before_anything_is_written(tmp_path):
    package = PackageLimits("压缩包", **{**WIDE, "max_members": 3})
    with pytest.raises(InputTooLarge) as exc:
        unpack(tmp_path, [(f"{i}.txt", 10) for i in range(4)], package=package)
    assert exc.value.message_zh == ("压缩包“批量.zip”包含 4 个部件，超过上限 3 个，可能是恶意构造的文件，已拒绝。"
                                    "请检查文件来源，或另存为新文件后再上传。")
    assert list((tmp_path / "work").iterdir()) == []


@pytest.mark.parametrize("size", [2047, 2048])
def test_one_member_up_to_the_package_member_limit(tmp_path, size):
    package = PackageLimits("压缩包", **{**WIDE, "max_member": 2048})
    files, refused, _ = unpack(tmp_path, [("年报.txt", size)], package=package)
    assert files == [("0000_年报.txt", size)] and refused == []


def test_one_member_one_byte_over_the_package_member_limit(tmp_path):
    package = PackageLimits("压缩包", **{**WIDE, "max_member": 2048})
    with pytest.raises(InputTooLarge) as exc:
        unpack(tmp_path, [("年报.txt", 2049)], package=package)
    assert exc.value.message_zh == ("压缩包“批量.zip”解压后超过 2 KB（其中“年报.txt”有 2 KB），远大于正常的年度报告，可能是恶意构造的文件，"
                                    "已拒绝。如确为正常文件，请删去其中的大图片或拆分后再上传。")


@pytest.mark.parametrize("last", [1023, 1024])
def test_total_up_to_the_package_total(tmp_path, last):
    package = PackageLimits("压缩包", **{**WIDE, "max_total": 3072})
    files, refused, _ = unpack(tmp_path, [("a.txt", 1024), ("b.png", 1024), ("c.txt", last)], package=package)
    assert files == [("0000_a.txt", 1024), ("0002_c.txt", last)] and refused == []


def test_total_one_byte_over_the_package_total_counts_every_member(tmp_path):
    """The total counts all members (the picture too), not only the report files."""
    package = PackageLimits("压缩包", **{**WIDE, "max_total": 3072})
    with pytest.raises(InputTooLarge) as exc:
        unpack(tmp_path, [("a.txt", 1024), ("b.png", 1024), ("c.txt", 1025)], package=package)
    assert exc.value.message_zh.startswith("压缩包“批量.zip”解压后超过 3 KB（其中“c.txt”有 1 KB），远大于正常的年度报告")


def _ratio(tmp_path: Path, size: int) -> float:
    probe = make_zip(tmp_path / "probe.zip", [("年报.txt", size)], zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(probe) as zf:
        info = zf.infolist()[0]
    probe.unlink()
    return info.file_size / info.compress_size


def test_compression_ratio_on_either_side_of_the_limit(tmp_path):
    size = 2 * MB
    ratio = _ratio(tmp_path, size)  # "a" × 2 MB deflates about 1000:1
    assert ratio > 400
    below = PackageLimits("压缩包", **{**WIDE, "max_ratio": int(ratio) + 1})  # the member's ratio is under it
    files, refused, _ = unpack(tmp_path, [("年报.txt", size)], package=below, method=zipfile.ZIP_DEFLATED)
    assert files == [("0000_年报.txt", size)] and refused == []
    above = PackageLimits("压缩包", **{**WIDE, "max_ratio": int(ratio)})  # the member's ratio is just over it
    with pytest.raises(InputTooLarge) as exc:
        unpack(tmp_path, [("年报.txt", size)], package=above, method=zipfile.ZIP_DEFLATED)
    assert exc.value.message_zh.startswith("压缩包“批量.zip”中的“年报.txt”压缩比异常（") and "解压为 2 MB）" in exc.value.message_zh


@pytest.mark.parametrize("size,refused", [(MB, False), (MB + 1, True)])
def test_the_ratio_is_checked_only_above_one_megabyte(tmp_path, size, refused):
    package = PackageLimits("压缩包", **{**WIDE, "max_ratio": 2})
    if refused:
        with pytest.raises(InputTooLarge, match="压缩比异常"):
            unpack(tmp_path, [("年报.txt", size)], package=package, method=zipfile.ZIP_DEFLATED)
    else:
        files, _, _ = unpack(tmp_path, [("年报.txt", size)], package=package, method=zipfile.ZIP_DEFLATED)
        assert files == [("0000_年报.txt", size)]


def test_the_default_package_is_the_zip_limits():
    assert limits.ZIP == PackageLimits("压缩包", max_members=500, max_total=300 * MB, max_member=50 * MB, max_ratio=400)


def test_a_broken_zip_is_a_chinese_user_error(tmp_path):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    work = tmp_path / "w"
    work.mkdir()
    with pytest.raises(UserError) as exc:
        unpack_zip(bad, work, EXTS, 50)
    assert str(exc.value) == "坏.zip 不是有效的 zip 压缩包（或已损坏），请重新打包后上传。"
