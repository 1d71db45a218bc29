"""The index folder: plain files a person can open, written atomically.

Layout of ``index/``::

    manifest.json      how it was built: embedder, dimension, chunker, documents, version, time
    articles.json      every article with its attribution and numbered paragraphs
    chunks.jsonl       one chunk per line (article, paragraph, offsets, text)
    sentences.jsonl    sentences of every paragraph, for extractive answers
    chunks.npy         chunk embeddings (kept so unchanged documents are never re-embedded)
    sentences.npy      sentence embeddings
    sentences_crosslingual.npy
                       the sentences again, by the cross-lingual encoder (for English questions)
    dense.faiss        FAISS inner-product index over chunks.npy
    bm25/              bm25s index over jieba tokens of the chunks
    bm25_sentences/    the same over sentences, for choosing answer sentences

A build is written to a sibling temporary folder and swapped into place, so a
crash mid-ingest leaves the previous index untouched.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import tempfile
from dataclasses import asdict, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from .clean import to_simplified
from .errors import IndexMismatchError, IndexMissingError
from .models import Article, Chunk

FORMAT_VERSION = 1
KEEP_FILES = ("README.md", "calibration.json")  # files a rebuild keeps (README, local calibration)


def _dump_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_manifest(index_dir: Path) -> dict | None:
    path = Path(index_dir) / "manifest.json"
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexMismatchError(f"'{path}' is damaged: rebuild with `rag ingest corpus/ --index-dir {index_dir} "
                                 "--rebuild`") from None
    if not isinstance(manifest, dict) or "embedder" not in manifest:
        raise IndexMismatchError(f"'{path}' is not a manifest this program wrote: rebuild with --rebuild")
    return manifest


def write_index(
    index_dir: Path,
    manifest: dict,
    articles: list[Article],
    chunks: list[Chunk],
    chunk_vectors: np.ndarray,
    sentences: list[dict],
    sentence_vectors: np.ndarray,
    bm25_writer,
    sentence_bm25_writer,
    crosslingual_vectors: np.ndarray | None = None,
) -> None:
    """Write a complete index beside ``index_dir`` and swap it into place."""
    import faiss

    index_dir = Path(index_dir).resolve()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.build-", dir=index_dir.parent))
    try:
        (tmp / "articles.json").write_text(
            json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        _dump_jsonl(tmp / "chunks.jsonl", [asdict(c) for c in chunks])
        _dump_jsonl(tmp / "sentences.jsonl", sentences)
        np.save(tmp / "chunks.npy", chunk_vectors.astype("float32"))
        np.save(tmp / "sentences.npy", sentence_vectors.astype("float32"))
        if crosslingual_vectors is not None:
            np.save(tmp / "sentences_crosslingual.npy", crosslingual_vectors.astype("float32"))
        dense = faiss.IndexFlatIP(int(manifest["dim"]))
        if len(chunk_vectors):
            dense.add(np.ascontiguousarray(chunk_vectors, dtype="float32"))
        faiss.write_index(dense, str(tmp / "dense.faiss"))
        bm25_writer(tmp / "bm25")
        sentence_bm25_writer(tmp / "bm25_sentences")
        for name in KEEP_FILES:
            if (index_dir / name).is_file():
                shutil.copy2(index_dir / name, tmp / name)
        # The manifest goes last: a folder without one is never taken for an index.
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_into_place(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` atomically where the OS allows it."""
    if not target.exists():
        os.rename(new, target)
        return
    if _rename_exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old index
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _rename_exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two folders in one step."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class StoredIndex:
    """An index folder loaded into memory (FAISS, BM25, records)."""

    def __init__(self, index_dir: Path, expected_embedder: str | None = None) -> None:
        import faiss

        self.dir = Path(index_dir)
        manifest = read_manifest(self.dir)
        if manifest is None:
            raise IndexMissingError(
                f"no index in '{self.dir}': build one with `rag ingest corpus/ --index-dir {self.dir}`"
            )
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"index in '{self.dir}' has format {manifest.get('format')}, this version reads "
                f"{FORMAT_VERSION}: rebuild it with `rag ingest corpus/ --index-dir {self.dir} --rebuild`"
            )
        if expected_embedder and manifest["embedder"] != expected_embedder:
            raise IndexMismatchError(
                f"index in '{self.dir}' was built with embedder '{manifest['embedder']}', not "
                f"'{expected_embedder}': rebuild it with `rag ingest corpus/ --index-dir {self.dir} "
                f"--embedder {expected_embedder} --rebuild`, or drop --embedder"
            )
        self.manifest = manifest
        self.articles = [Article(**a) for a in json.loads((self.dir / "articles.json").read_text("utf-8"))]
        self.article_by_id = {a.article_id: a for a in self.articles}
        self.chunks = [Chunk(**row) for row in _load_jsonl(self.dir / "chunks.jsonl")]
        self.sentences = _load_jsonl(self.dir / "sentences.jsonl")
        self.chunk_vectors = np.load(self.dir / "chunks.npy")
        self.sentence_vectors = np.load(self.dir / "sentences.npy")
        crosslingual = self.dir / "sentences_crosslingual.npy"
        self.crosslingual_vectors = np.load(crosslingual) if manifest.get("crosslingual") and crosslingual.is_file() else None
        self.dense = faiss.read_index(str(self.dir / "dense.faiss"))
        if self.dense.d != int(manifest["dim"]):
            raise IndexMismatchError(f"index in '{self.dir}' is damaged (dimension): rebuild it with --rebuild")
        self.bm25_dir = self.dir / "bm25"
        self.sentence_bm25_dir = self.dir / "bm25_sentences"

    @cached_property
    def _traditional(self) -> set[str]:
        """Articles printed in traditional characters, judged from an opening stretch."""
        return {a.article_id for a in self.articles
                if a.paragraphs and to_simplified(a.paragraphs[0][:200]) != a.paragraphs[0][:200]}

    @cached_property
    def articles_as_asked(self) -> list[Article]:
        """The articles in simplified characters, as questions are: a page printed in
        traditional characters (劉海軍) is asked about as 刘海军. What is shown stays as printed."""
        return [replace(a, title=a.title and to_simplified(a.title), authors=[to_simplified(n) for n in a.authors],
                        affiliation=a.affiliation and to_simplified(a.affiliation),
                        paragraphs=[to_simplified(p) for p in a.paragraphs] if a.article_id in self._traditional
                        else a.paragraphs)
                for a in self.articles]

    @cached_property
    def article_as_asked_by_id(self) -> dict[str, Article]:
        return {a.article_id: a for a in self.articles_as_asked}

    @cached_property
    def sentences_as_asked(self) -> list[str]:
        return [to_simplified(s["text"]) if s["article_id"] in self._traditional else s["text"] for s in self.sentences]
