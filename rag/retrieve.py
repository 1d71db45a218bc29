"""Hybrid retrieval: FAISS (dense) and BM25 (jieba keywords) fused by rank.

Each side contributes its own top candidates (a few hundred at most, so a
question costs the same whether the corpus holds one page or thousands);
reciprocal rank fusion merges them without comparing raw scores.
"""

from __future__ import annotations

import functools

import numpy as np

from .keywords import KeywordIndex, tokenize
from .models import Hit
from .store import StoredIndex

RRF_K = 60  # the usual reciprocal-rank-fusion constant; ranks matter, not raw scores
CANDIDATES = 200  # per side


def _top(scores: np.ndarray, ids: np.ndarray, k: int, positive_only: bool) -> list[tuple[int, float]]:
    """(chunk id, score) of the k best among ``ids``, best first."""
    if positive_only:
        keep = scores > 0
        scores, ids = scores[keep], ids[keep]
    if len(ids) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        scores, ids = scores[part], ids[part]
    order = np.argsort(-scores, kind="stable")
    return [(int(ids[i]), float(scores[i])) for i in order]


class Retriever:
    def __init__(self, stored: StoredIndex) -> None:
        self.stored = stored
        self.keywords = KeywordIndex(stored.bm25_dir, len(stored.chunks))
        self._article_of = np.array([c.article_id for c in stored.chunks], dtype=object)

    @functools.cached_property
    def glossary(self):
        """English → Chinese search words for this index's vocabulary (built on first use, ~0.5 s)."""
        from .crosslingual import Glossary

        return Glossary(self.keywords.vocabulary())

    @functools.cached_property
    def _chunks_of_sentence(self) -> list[list[int]]:
        """For each stored sentence, the chunks holding (part of) it."""
        by_paragraph: dict[tuple[str, int], list] = {}
        for i, c in enumerate(self.stored.chunks):
            by_paragraph.setdefault((c.article_id, c.paragraph), []).append((c.start, c.end, i))
        return [[i for start, end, i in by_paragraph.get((s["article_id"], s["paragraph"]), [])
                 if start < s["end"] and end > s["start"]] for s in self.stored.sentences]

    def _crosslingual(self, qvec: np.ndarray, allowed: np.ndarray | None, k: int) -> list[tuple[int, float]]:
        """Chunks ranked by their best sentence under the cross-lingual encoder."""
        sims = self.stored.crosslingual_vectors @ qvec
        sentence_chunks = self._chunks_of_sentence
        top = _top(sims, np.arange(len(sims)), min(len(sims), 3 * k), positive_only=False)
        ranked: dict[int, float] = {}
        for s, sim in top:
            for i in sentence_chunks[s]:
                if i not in ranked and (allowed is None or allowed[i]):
                    ranked[i] = sim
        return list(ranked.items())[:k]

    def _dense(self, qvec: np.ndarray, allowed: np.ndarray | None, k: int) -> list[tuple[int, float]]:
        if allowed is None:
            # The whole corpus: FAISS finds the nearest chunks (exact inner product).
            n = self.stored.dense.ntotal
            sims, ids = self.stored.dense.search(np.ascontiguousarray(qvec[None, :], dtype="float32"), min(k, n))
            return [(int(i), float(s)) for i, s in zip(ids[0], sims[0]) if i >= 0]
        # A few named articles: score just their chunks.
        ids = np.flatnonzero(allowed)
        return _top(self.stored.chunk_vectors[ids] @ qvec, ids, k, positive_only=False)

    def search(
        self, text: str, qvec: np.ndarray, top_k: int = 8, articles: set[str] | None = None,
        mode: str = "hybrid", crosslingual: np.ndarray | None = None,
    ) -> list[Hit]:
        """Top chunks for a question; ``articles`` limits the search to those ids.

        ``crosslingual`` is the question under the cross-lingual encoder (English
        questions): it adds a third ranking, by the chunks' best sentences.
        """
        n = len(self.stored.chunks)
        if n == 0:
            return []
        allowed = None if not articles else np.isin(self._article_of, list(articles))
        if allowed is not None and not allowed.any():
            return []
        dense = self._dense(qvec, allowed, CANDIDATES)
        bm25_all = self.keywords.scores(tokenize(text))
        ids = np.arange(n) if allowed is None else np.flatnonzero(allowed)
        keyword = _top(bm25_all[ids], ids, CANDIDATES, positive_only=True)
        fused: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            for rank, (i, _) in enumerate(dense, 1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        if mode in ("hybrid", "bm25"):
            for rank, (i, _) in enumerate(keyword, 1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        if crosslingual is not None and self.stored.crosslingual_vectors is not None and mode == "hybrid":
            for rank, (i, _) in enumerate(self._crosslingual(crosslingual, allowed, CANDIDATES), 1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        dense_of = dict(dense)
        best = sorted(fused, key=lambda i: (-fused[i], i))[:top_k]
        hits = []
        for rank, i in enumerate(best, 1):
            cosine = dense_of.get(i)
            if cosine is None:  # outside the dense candidates: compute it, it feeds the answer scores
                cosine = float(self.stored.chunk_vectors[i] @ qvec)
            hits.append(Hit(self.stored.chunks[i], fused[i], cosine, rank, float(bm25_all[i])))
        return hits
