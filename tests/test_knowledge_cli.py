"""`python -m knowledge` as staff and scripts run it: one process, JSON lines out, Chinese messages."""

import json
import os
import subprocess
import sys

from conftest import ROOT


def run(args, data_dir, **kw):
    env = {**os.environ, "DATA_DIR": str(data_dir), "OMP_NUM_THREADS": "2"}
    env.pop("CHROMA_HOST", None)
    env.pop("EMBEDDING_BASE_URL", None)
    return subprocess.run([sys.executable, "-m", "knowledge", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def test_batch_queries_print_one_json_line_each_and_ingest_dedups(tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('依申请公开答复期限是多少？\n\n{"q": "芙蓉区2021年部分公开了多少件"}\n', encoding="utf-8")
    res = run(["search", "--queries", str(qfile), "--k", "3", "--json"], tmp_path / "d")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["q"] for x in lines] == ["依申请公开答复期限是多少？", "芙蓉区2021年部分公开了多少件"]
    first = lines[0]["hits"][0]
    assert set(first) == {"text", "citation", "source", "score", "metadata"}
    assert first["citation"] == "《政府信息公开条例》第三十三条第二款"
    assert len(lines[1]["hits"]) == 3 and lines[1]["hits"][0]["source"] == "report"

    note = tmp_path / "说明.txt"
    note.write_text("本单位政府信息公开工作由办公室负责，联系电话在门户网站公布，受理时间为工作日上午。", encoding="utf-8")
    bad = tmp_path / "坏.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    first_ingest = run(["ingest", str(note), str(bad)], tmp_path / "d")
    assert first_ingest.returncode == 1  # one file refused
    assert "新增文件 1 个" in first_ingest.stdout and "二进制" in first_ingest.stderr
    second = run(["ingest", str(note)], tmp_path / "d")
    assert second.returncode == 0 and "新增文件 0 个" in second.stdout and "跳过 1 个" in second.stdout
    found = run(["search", "联系电话", "--source", "upload", "--json"], tmp_path / "d")
    assert json.loads(found.stdout)["hits"][0]["citation"].startswith("上传文件《说明.txt》")


def test_search_without_query_is_a_usage_error(tmp_path):
    res = run(["search"], tmp_path / "d")
    assert res.returncode == 2 and "请给出要检索的问题" in res.stderr
