"""`rag bench`: index build, cold question, batch questions — ours vs a plain LangChain pipeline.

Everything is measured in one run on this machine; the figures and ratios
are printed, not asserted (speed belongs in benchmarks, not timed tests).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .evaluate import load_questions, supports


def _hit_rate(questions: list[dict], ask, k: int = 4) -> float:
    answerable = [q for q in questions if q["evidence"]]
    hits = 0
    for q in answerable:
        a = ask(q["question"])
        passages = (a["citations"] + a.get("see_also", []))[:k]
        hits += any(supports(c["text"], e["quote"]) for c in passages for e in q["evidence"])
    return hits / len(answerable) if answerable else 0.0


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def run_bench(args) -> int:
    from .api import Pipeline
    from .baseline import LangChainBaseline
    from .ingest import ingest

    questions = load_questions(args.questions)
    asked = [q["question"] for q in questions]
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        _, build_s = _timed(lambda: ingest([args.corpus], index_dir, rebuild=True))
        cold = []
        for _ in range(3):
            # A fresh process each time: what a user waits for on `rag ask`.
            _, s = _timed(lambda: subprocess.run(
                [sys.executable, "-m", "rag.cli", "ask", "--json", "--index-dir", str(index_dir), asked[0]],
                check=True, capture_output=True, env=os.environ | {"PYTHONWARNINGS": "ignore"}))
            cold.append(s)
        pipeline, load_s = _timed(lambda: Pipeline(index_dir))
        pipeline.warm_up()  # as `rag ask --batch` does before its first line
        per_q = []
        for q in asked:
            _, s = _timed(lambda q=q: pipeline.ask(q))
            per_q.append(s * 1000)
        ours_hit = _hit_rate(questions, lambda q: pipeline.ask(q).to_dict())
        # About 100,000 characters pasted as a question: trimmed, and answered within a second
        # (a "how many" question, so the count-beside-a-name signal walks its stretches too).
        pasted = "新质生产力的核心标志是什么，全国各地首批保障性住房一共筹集了多少套？" * 3000
        huge = [_timed(lambda: pipeline.ask(pasted))[1] * 1000 for _ in range(3)]

    baseline, lc_build_s = _timed(lambda: LangChainBaseline(args.corpus, pipeline.stored.manifest["embedder"]))
    lc_q = []
    for q in asked:
        _, s = _timed(lambda q=q: baseline.ask(q))
        lc_q.append(s * 1000)
    lc_hit = _hit_rate(questions, baseline.ask)

    ours = {"index_build_s": round(build_s, 2), "cold_ask_s_median_of_3": round(statistics.median(cold), 2),
            "index_load_s": round(load_s, 2), "per_question_ms_p50": round(statistics.median(per_q), 1),
            "per_question_ms_max": round(max(per_q), 1), "hit_rate_top4": round(ours_hit, 3),
            "huge_question_ms_median_of_3": round(statistics.median(huge), 1)}
    lc = {"index_build_s": round(lc_build_s, 2), "per_question_ms_p50": round(statistics.median(lc_q), 1),
          "per_question_ms_max": round(max(lc_q), 1), "hit_rate_top4": round(lc_hit, 3), "chunks": baseline.chunks}
    result = {"questions": len(asked), "ours": ours, "langchain_baseline": lc,
              "ratios": {"build_ours_over_langchain": round(build_s / lc_build_s, 2),
                         "per_question_ours_over_langchain": round(ours["per_question_ms_p50"] / lc["per_question_ms_p50"], 2),
                         "hit_rate_ours_minus_langchain": round(ours_hit - lc_hit, 3)}}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
