"""Hybrid retrieval: FAISS (dense) and BM25 (jieba keywords) fused by rank."""

from __future__ import annotations

import numpy as np

from .keywords import KeywordIndex, tokenize
from .models import Hit
from .store import StoredIndex

RRF_K = 60  # the usual reciprocal-rank-fusion constant; ranks matter, not raw scores


def _ranks(scores: np.ndarray, allowed: np.ndarray, positive_only: bool) -> np.ndarray:
    """1-based rank of each chunk by score; chunks out of play get rank inf."""
    ranks = np.full(len(scores), np.inf)
    eligible = allowed & (scores > 0 if positive_only else True)
    order = np.argsort(-scores[eligible], kind="stable")
    ranks[np.flatnonzero(eligible)[order]] = np.arange(1, len(order) + 1)
    return ranks


class Retriever:
    def __init__(self, stored: StoredIndex) -> None:
        self.stored = stored
        self.keywords = KeywordIndex(stored.bm25_dir, len(stored.chunks))
        self._article_of = np.array([c.article_id for c in stored.chunks], dtype=object)

    def dense_scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of every chunk, through FAISS (exact inner product)."""
        n = self.stored.dense.ntotal
        if n == 0:
            return np.zeros(0, dtype="float32")
        sims, ids = self.stored.dense.search(np.ascontiguousarray(qvec[None, :], dtype="float32"), n)
        scores = np.zeros(n, dtype="float32")
        scores[ids[0]] = sims[0]
        return scores

    def search(
        self, text: str, qvec: np.ndarray, top_k: int = 8, articles: set[str] | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """Top chunks for a question; ``articles`` limits the search to those ids."""
        n = len(self.stored.chunks)
        if n == 0:
            return []
        allowed = np.ones(n, dtype=bool) if not articles else np.isin(self._article_of, list(articles))
        if not allowed.any():
            return []
        dense = self.dense_scores(qvec)
        fused = np.zeros(n)
        bm25 = self.keywords.scores(tokenize(text))
        if mode in ("hybrid", "dense"):
            fused += 1.0 / (RRF_K + _ranks(dense, allowed, positive_only=False))
        if mode in ("hybrid", "bm25"):
            fused += 1.0 / (RRF_K + _ranks(bm25, allowed, positive_only=True))
        fused[~allowed] = -1.0
        order = np.argsort(-fused, kind="stable")[: min(top_k, int(allowed.sum()))]
        return [
            Hit(self.stored.chunks[i], float(fused[i]), float(dense[i]), rank, float(bm25[i]))
            for rank, i in enumerate(order, 1)
            if fused[i] > 0
        ]
