"""Read documents, split them into articles, and (re)build the index folder.

Re-ingesting an unchanged file costs a hash; a changed file replaces its old
chunks; other documents keep their stored embeddings and are never
re-embedded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from . import __version__
from .articles import split_articles
from .chunking import ChunkSettings, chunk_articles
from .embed import CROSSLINGUAL_EMBEDDER
from .errors import InputError
from .models import Article, Chunk, Document
from .sentences import split_sentences
from .store import FORMAT_VERSION, read_manifest, write_index

MAX_FILE_BYTES = 20 * 1024 * 1024


def _read_text_file(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"'{path}' is damaged UTF-16 text: save it as UTF-8 and try again") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"'{path}' looks binary, not text: give a .txt or .md file in UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any bytes, Big5 text included, into silent nonsense
    # (新質生產力 → 穝ネ玻...). Text that decodes to the common simplified characters of
    # GB2312 is GB text (Big5 bytes never do: they land on kana, Greek and rare
    # characters); anything else goes to a detector to choose between the two.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_gb2312(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        raise InputError(f"'{path}' is not UTF-8, GB18030 or Big5 text: convert it to UTF-8 and try again")
    return str(best)


def _mostly_gb2312(text: str) -> bool:
    """Nearly all of its non-ASCII characters are in GB2312 (simplified text in a GB encoding)."""
    wide = "".join(c for c in text if ord(c) > 127 and not c.isspace())
    kept = wide.encode("gb2312", errors="ignore").decode("gb2312")
    return len(wide) - len(kept) <= 0.02 * len(wide)


# Readers by file suffix; PDF and DOCX readers plug in here.
READERS: dict[str, Callable[[Path, bytes], str]] = {".txt": _read_text_file, ".md": _read_text_file}


def collect_files(paths: list[str | Path]) -> list[Path]:
    """Files to ingest from files and folders (recursively), sorted for stable ids."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS and p.is_file()))
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                raise InputError(f"cannot read '{path}': supported types are {', '.join(sorted(READERS))}")
            found.append(path)
        else:
            raise InputError(f"no such file or folder: '{path}'")
    if not found:
        raise InputError(f"no {'/'.join(sorted(READERS))} files in {', '.join(map(str, paths))}")
    return found


def doc_id_for(path: Path) -> str:
    """A short, stable id from the file name (``guangming_theory_page``)."""
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", path.stem).strip("_")
    return stem or "doc"


def content_hash(path: Path) -> str:
    """Hash of a file and its metadata override, so editing either re-ingests it."""
    try:
        digest = hashlib.sha256(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read '{path}': {exc.strerror}") from None
    meta = path.with_name(path.name + ".meta.json")
    if meta.exists():
        digest.update(meta.read_bytes())
    return digest.hexdigest()


def load_document(path: Path, doc_id: str | None = None) -> Document:
    """Read, clean and split one file; raises InputError for unusable files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read '{path}': {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"'{path}' is {len(data) // 1_000_000} MB; the limit is {MAX_FILE_BYTES // 1_000_000} MB")
    text = READERS[path.suffix.lower()](path, data)
    if not text.strip():
        raise InputError(f"'{path}' is empty: nothing to index")
    doc_id = doc_id or doc_id_for(path)
    articles = split_articles(text, doc_id)
    if not articles:
        raise InputError(f"'{path}' holds no readable paragraphs: nothing to index")
    apply_metadata(path, articles)
    return Document(doc_id, str(path), content_hash(path), articles)


def apply_metadata(path: Path, articles: list[Article]) -> None:
    """Apply ``<file>.meta.json`` overrides for what the text cannot settle.

    Format: ``{"articles": [{"number": 1, "title": "…", "authors": ["…"], "affiliation": "…"}]}``.
    """
    meta_path = path.with_name(path.name + ".meta.json")
    if not meta_path.exists():
        return
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read metadata '{meta_path}': {exc}") from None
    by_number = {a.number: a for a in articles}
    for entry in meta.get("articles", []):
        article = by_number.get(entry.get("number"))
        if article is None:
            raise InputError(f"'{meta_path}' names article {entry.get('number')}, which '{path}' does not have")
        for key in ("title", "authors", "affiliation"):
            if key in entry:
                setattr(article, key, entry[key])
        article.warnings.append(f"attribution overridden by {meta_path.name}")


def _sentence_records(articles: list[Article]) -> list[dict]:
    rows = []
    for article in articles:
        for number, paragraph in enumerate(article.paragraphs, 1):
            for start, end in split_sentences(paragraph):
                rows.append(
                    {"article_id": article.article_id, "paragraph": number, "start": start, "end": end,
                     "text": paragraph[start:end]}
                )
    return rows


def ingest(
    paths: list[str | Path],
    index_dir: str | Path,
    embedder_name: str | None = None,
    settings: ChunkSettings | None = None,
    rebuild: bool = False,
    progress: Callable[[str, float], None] | None = None,
    crosslingual: str | None = CROSSLINGUAL_EMBEDDER,
) -> dict:
    """Add or update documents in the index; returns a summary of what changed.

    Documents are validated before anything is embedded or written, so a bad
    file leaves the index exactly as it was. ``crosslingual`` names the
    encoder of the sentence vectors English questions are matched against
    (``None``: none, English questions use the main embedder alone).
    """
    from .embed import DEFAULT_EMBEDDER, get_embedder
    from .keywords import build_bm25

    index_dir = Path(index_dir)
    old = None if rebuild else read_manifest(index_dir)
    if old and old.get("format") != FORMAT_VERSION:
        old = None  # written by another version of this program: rebuild from the given paths
    if embedder_name is None:
        embedder_name = old["embedder"] if old else DEFAULT_EMBEDDER
    settings = settings or (ChunkSettings(**{k: old["chunking"][k] for k in ("chunk_size", "chunk_overlap")})
                            if old else ChunkSettings())
    if old and (old["embedder"] != embedder_name or old["chunking"]["chunk_size"] != settings.chunk_size
                or old["chunking"]["chunk_overlap"] != settings.chunk_overlap):
        raise InputError(
            f"index in '{index_dir}' was built with embedder '{old['embedder']}' and chunks of "
            f"{old['chunking']['chunk_size']}/{old['chunking']['chunk_overlap']}: add --rebuild to rebuild it all"
        )
    files = collect_files(paths)
    old_docs = old["documents"] if old else {}
    # A document is its file: a same-named file from another folder gets its
    # own id instead of replacing the one already indexed.
    owner = {d: Path(info["path"]).resolve() for d, info in old_docs.items()}
    ids: dict[str, Path] = {}
    for path in files:
        doc_id = doc_id_for(path)
        taken = (doc_id in ids and ids[doc_id].resolve() != path.resolve()) or \
            (doc_id in owner and owner[doc_id] != path.resolve())
        if taken:
            doc_id = f"{doc_id}_{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:6]}"
        ids[doc_id] = path
    hashes = {d: content_hash(p) for d, p in ids.items()}
    changed = [d for d in ids if old_docs.get(d, {}).get("sha256") != hashes[d]]
    summary = {"index_dir": str(index_dir), "added": [d for d in changed if d not in old_docs],
               "updated": [d for d in changed if d in old_docs],
               "unchanged": [d for d in ids if d not in changed], "documents": len(set(old_docs) | set(ids))}
    old_crosslingual = (old.get("crosslingual") or {}).get("embedder") if old else None
    # An index from before the cross-lingual vectors (or with another encoder) gets them now.
    stale_crosslingual = bool(old) and old_crosslingual != crosslingual
    if not changed and not stale_crosslingual:
        return summary
    if stale_crosslingual:
        summary["crosslingual"] = crosslingual

    new_docs = {d: load_document(ids[d], d) for d in changed}
    if progress:
        progress("parsed", 0.1)
    kept_articles: list[Article] = []
    kept_chunks: list[Chunk] = []
    kept_vectors = np.zeros((0, 0), dtype="float32")
    kept_sentences: list[dict] = []
    kept_sentence_vectors = np.zeros((0, 0), dtype="float32")
    kept_crosslingual: np.ndarray | None = None
    if old:
        from .store import StoredIndex

        stored = StoredIndex(index_dir)
        keep = lambda doc_id: doc_id not in new_docs  # noqa: E731
        kept_articles = [a for a in stored.articles if keep(a.doc_id)]
        mask = np.array([keep(c.doc_id) for c in stored.chunks], dtype=bool)
        kept_chunks = [c for c, m in zip(stored.chunks, mask) if m]
        kept_vectors = stored.chunk_vectors[mask] if len(mask) else stored.chunk_vectors
        smask = np.array([keep(s["article_id"].rsplit("/", 1)[0]) for s in stored.sentences], dtype=bool)
        kept_sentences = [s for s, m in zip(stored.sentences, smask) if m]
        kept_sentence_vectors = stored.sentence_vectors[smask] if len(smask) else stored.sentence_vectors
        if stored.crosslingual_vectors is not None and not stale_crosslingual:
            kept_crosslingual = stored.crosslingual_vectors[smask] if len(smask) else stored.crosslingual_vectors

    embedder = get_embedder(embedder_name)
    added_articles = [a for doc in new_docs.values() for a in doc.articles]
    new_chunks = chunk_articles(added_articles, settings)
    new_sentences = _sentence_records(added_articles)
    texts = [c.text for c in new_chunks] + [s["text"] for s in new_sentences]
    vectors = np.zeros((0, embedder.dim), dtype="float32")
    step = 32
    for i in range(0, len(texts), step):
        vectors = np.vstack([vectors, embedder.embed_passages(texts[i : i + step])])
        if progress:
            progress("embedding", 0.1 + 0.8 * min(1.0, (i + step) / max(1, len(texts))))
    new_chunk_vectors, new_sentence_vectors = vectors[: len(new_chunks)], vectors[len(new_chunks) :]
    sentences = kept_sentences + new_sentences
    crosslingual_vectors = None
    if crosslingual:
        encoder = get_embedder(crosslingual)
        if kept_crosslingual is None:  # first time for this index: encode the kept sentences too
            crosslingual_vectors = encoder.embed_passages([s["text"] for s in sentences])
        else:
            crosslingual_vectors = _stack(kept_crosslingual, encoder.embed_passages([s["text"] for s in new_sentences]),
                                          encoder.dim)
        if progress:
            progress("cross-lingual", 0.95)

    chunks = kept_chunks + new_chunks
    for i, chunk in enumerate(chunks):
        chunk.chunk_id = i
    chunk_vectors = _stack(kept_vectors, new_chunk_vectors, embedder.dim)
    articles = kept_articles + added_articles
    documents = {d: v for d, v in old_docs.items() if d not in new_docs}
    for doc in new_docs.values():
        documents[doc.doc_id] = {
            "path": doc.path, "sha256": doc.sha256,
            "articles": [{"article_id": a.article_id, "title": a.title, "authors": a.authors,
                          "paragraphs": len(a.paragraphs)} for a in doc.articles],
        }
    manifest = {
        "format": FORMAT_VERSION,
        "version": __version__,
        "embedder": embedder.name,
        "dim": embedder.dim,
        "chunking": settings.to_dict(),
        "keywords": {"library": "bm25s", "tokenizer": "jieba.lcut_for_search", "stopwords": True},
        "crosslingual": {"embedder": crosslingual, "dim": int(crosslingual_vectors.shape[1]), "over": "sentences"}
        if crosslingual_vectors is not None else None,
        "documents": documents,
        "counts": {"documents": len(documents), "articles": len(articles), "chunks": len(chunks),
                   "sentences": len(sentences)},
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    write_index(
        index_dir, manifest, articles, chunks, chunk_vectors,
        sentences, _stack(kept_sentence_vectors, new_sentence_vectors, embedder.dim),
        build_bm25([c.text for c in chunks]),
        build_bm25([s["text"] for s in sentences]),
        crosslingual_vectors,
    )
    if progress:
        progress("written", 1.0)
    summary["documents"] = len(documents)
    summary["articles"] = [asdict(a) | {"paragraphs": len(a.paragraphs)} for a in added_articles]
    return summary


def _stack(a: np.ndarray, b: np.ndarray, dim: int) -> np.ndarray:
    a = a.reshape(-1, dim) if a.size else np.zeros((0, dim), dtype="float32")
    b = b.reshape(-1, dim) if b.size else np.zeros((0, dim), dtype="float32")
    return np.vstack([a, b]).astype("float32")
