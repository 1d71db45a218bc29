"""The `rag` command through real processes: contract, batch, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def rag(*args, input=None, env=None):
    return subprocess.run([sys.executable, "-m", "rag.cli", *map(str, args)], capture_output=True, text=True,
                          input=input, cwd=ROOT, timeout=120)


def assert_one_line_error(result, *words):
    assert result.returncode != 0
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    for w in words:
        assert w in err, err


def test_help_lists_commands():
    r = rag("--help")
    assert r.returncode == 0 and "ingest" in r.stdout and "ask" in r.stdout


def test_errors_are_one_line(tmp_path, real_index):
    assert_one_line_error(rag("ask", "   ", "--index-dir", real_index), "empty")
    assert_one_line_error(rag("ask", "新质生产力", "--index-dir", tmp_path / "none"), "rag ingest")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\xff\x00")
    assert_one_line_error(rag("ingest", binary, "--index-dir", tmp_path / "i"), "binary")
    empty = tmp_path / "e.txt"
    empty.write_text("")
    assert_one_line_error(rag("ingest", empty, "--index-dir", tmp_path / "i"), "empty")
    assert_one_line_error(rag("ingest", tmp_path / "missing.md", "--index-dir", tmp_path / "i"), "no such")
    assert_one_line_error(rag("show", "nope", "--index-dir", real_index), "known ids")
    assert_one_line_error(rag("show", "guangming_theory_page/1", "--paragraph", "99", "--index-dir", real_index), "1–8")
    assert not (tmp_path / "i").exists()


def test_huge_question_is_trimmed_not_fatal(real_index):
    # 100,000 characters do not fit in one argv string; a batch line carries them.
    line = json.dumps({"id": "big", "question": "新质生产力" * 20000}, ensure_ascii=False)
    r = rag("ask", "--json", "--batch", "-", "--index-dir", real_index, input=line)
    assert r.returncode == 0, r.stderr
    assert any("trimmed" in w for w in json.loads(r.stdout)["warnings"])
    r = rag("ask", "--json", "--index-dir", real_index, "新质生产力" * 8000)
    assert r.returncode == 0 and "trimmed" in r.stdout


def test_ask_json_and_show(real_index):
    r = rag("ask", "--json", "--index-dir", real_index, "新质生产力的核心标志是什么？")
    d = json.loads(r.stdout)
    c = d["citations"][0]
    assert c["authors"] == ["高帆"] and c["paragraph"] == 3
    s = rag("show", c["doc_id"], "--paragraph", c["paragraph"], "--index-dir", real_index)
    assert s.returncode == 0 and c["text"] in s.stdout and "第3段" in s.stdout


def test_batch_keeps_ids_in_one_process(real_index):
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "a", "question": "新质生产力的核心标志是什么？"},
        {"id": "b", "question": "美国的芯片出口管制政策是什么？"},
        {"id": "c", "question": ""},
    ])
    r = rag("ask", "--json", "--batch", "-", "--index-dir", real_index, input=lines)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in rows] == ["a", "b", "c"]
    assert rows[0]["citations"] and rows[1]["abstained"] and "error" in rows[2]
    assert r.returncode == 2  # one bad line is reported, the others answered


def test_ingest_then_docs(tmp_path, small_page):
    index_dir = tmp_path / "idx"
    r = rag("ingest", small_page.parent, "--index-dir", index_dir)
    assert r.returncode == 0, r.stderr
    assert "small_page/1" in r.stdout
    again = rag("ingest", small_page.parent, "--index-dir", index_dir)
    assert "up to date" in again.stdout
    d = rag("docs", "--index-dir", index_dir)
    assert "王小明" in d.stdout and "数字乡村建设的新路径" in d.stdout


def test_batch_survives_odd_lines(real_index):
    lines = "\n".join([json.dumps({"id": 1, "question": None}), json.dumps({"id": 2, "question": ["x"]}),
                       '{"id": 3, "question": "\\ud800新质生产力的核心标志是什么？"}', "[1, 2]",
                       json.dumps({"id": 5, "question": "新质生产力的核心标志是什么？"}, ensure_ascii=False)])
    r = rag("ask", "--json", "--batch", "-", "--index-dir", real_index, input=lines)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x.get("id") for x in rows] == [1, 2, 3, None, 5]
    assert "error" in rows[0] and "error" in rows[1] and rows[2]["citations"] and "error" in rows[3]
    assert rows[4]["citations"] and "Traceback" not in r.stderr


def test_bad_chunk_size_is_one_line(tmp_path, small_page):
    assert_one_line_error(rag("ingest", small_page, "--index-dir", tmp_path / "i", "--chunk-size", "0"), "chunk size")
