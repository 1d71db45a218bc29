"""How retrieval cost grows with the corpus: synthetic chunks, real FAISS and bm25s.

    .venv/bin/python bench/scale.py

Chunk vectors are random unit vectors and chunk texts are drawn from the
bundled corpus's own words, so FAISS and BM25 do real work at each size;
the timings are for one question's retrieval (embedding excluded: it does
not depend on the corpus).
"""

from __future__ import annotations

import statistics
import time

import bm25s
import faiss
import numpy as np

from rag.keywords import tokenize
from rag.retrieve import CANDIDATES, _top

SIZES = [1_000, 10_000, 100_000]
QUESTIONS = ["新质生产力的核心标志是什么？", "数字经济和实体经济如何深度融合？", "科技创新与制度创新的关系"]


def main() -> None:
    rng = np.random.default_rng(0)
    words = tokenize(open("corpus/guangming_theory_page.txt", encoding="utf-8").read())
    print("| chunks | dense top-200 ms | BM25 scores ms | fuse ms | total ms |")
    print("|---|---|---|---|---|")
    for n in SIZES:
        vectors = rng.standard_normal((n, 384)).astype("float32")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        index = faiss.IndexFlatIP(384)
        index.add(vectors)
        corpus = [list(rng.choice(words, size=40)) for _ in range(n)]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        timings = {"dense": [], "bm25": [], "fuse": []}
        for _ in range(5):
            for q in QUESTIONS:
                qv = rng.standard_normal(384).astype("float32")
                qv /= np.linalg.norm(qv)
                t0 = time.perf_counter()
                sims, ids = index.search(qv[None, :], CANDIDATES)
                t1 = time.perf_counter()
                scores = np.asarray(retriever.get_scores(tokenize(q)), dtype="float32")
                t2 = time.perf_counter()
                top = _top(scores, np.arange(n), CANDIDATES, positive_only=True)
                fused: dict[int, float] = {}
                for rank, i in enumerate(ids[0], 1):
                    fused[int(i)] = fused.get(int(i), 0.0) + 1 / (60 + rank)
                for rank, (i, _) in enumerate(top, 1):
                    fused[i] = fused.get(i, 0.0) + 1 / (60 + rank)
                sorted(fused, key=lambda i: -fused[i])[:12]
                t3 = time.perf_counter()
                timings["dense"].append((t1 - t0) * 1000)
                timings["bm25"].append((t2 - t1) * 1000)
                timings["fuse"].append((t3 - t2) * 1000)
        med = {k: statistics.median(v) for k, v in timings.items()}
        print(f"| {n:,} | {med['dense']:.1f} | {med['bm25']:.1f} | {med['fuse']:.1f} | {sum(med.values()):.1f} |", flush=True)


if __name__ == "__main__":
    main()
