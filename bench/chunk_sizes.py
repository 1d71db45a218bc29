"""Sweep chunk sizes: build an index per size and score the question set.

    .venv/bin/python bench/chunk_sizes.py [eval/questions.jsonl]

Prints one row per size: retrieval and citation figures, index build time.
The default in rag/chunking.py was chosen from this table (see README).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from rag.api import Pipeline
from rag.chunking import ChunkSettings
from rag.evaluate import evaluate, load_questions
from rag.ingest import ingest

SIZES = [(80, 16), (120, 24), (160, 32), (200, 40), (300, 60), (400, 80), (600, 120)]


def main() -> None:
    questions = load_questions(sys.argv[1] if len(sys.argv) > 1 else "eval/questions.jsonl")
    print("| chunk_size/overlap | chunks | build s | hit@k | hit@1 | MRR | first citation | precision | answer coverage |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, overlap in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            ingest(["corpus"], Path(tmp) / "index", settings=ChunkSettings(size, overlap), rebuild=True)
            build = time.perf_counter() - t0
            p = Pipeline(Path(tmp) / "index")
            m = evaluate(questions, lambda q, p=p: p.ask(q["question"]).to_dict(), 8)["metrics"]
            print(f"| {size}/{overlap} | {len(p.stored.chunks)} | {build:.1f} | {m['retrieval']['hit_at_k']:.3f} | "
                  f"{m['retrieval']['hit_at_1']:.3f} | {m['retrieval']['mrr']:.3f} | "
                  f"{m['citations']['first_citation']:.3f} | {m['citations']['precision']:.3f} | "
                  f"{m['answer']['coverage']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
