"""Cut paragraphs into retrievable chunks on Chinese sentence ends.

A chunk never spans two paragraphs, so every chunk cites exactly one
paragraph. Inside a paragraph, ``langchain-text-splitters`` packs whole
sentences (。！？, then ；, then ，) up to ``chunk_size`` characters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .models import Article, Chunk

SEPARATORS = ["。", "！", "？", "!", "?", "；", ";", "，", ",", ""]


@dataclass(frozen=True)
class ChunkSettings:
    # Chosen by measurement (bench/chunk_sizes.py, table in README): 160/32 gave
    # the best hit@k and MRR on eval/questions.jsonl; 80–600 all came within 0.07.
    chunk_size: int = 160
    chunk_overlap: int = 32

    def __post_init__(self) -> None:
        from .errors import InputError

        if self.chunk_size < 20 or not 0 <= self.chunk_overlap < self.chunk_size:
            raise InputError(f"chunk size {self.chunk_size} / overlap {self.chunk_overlap} won't do: "
                             "use a size of at least 20 and an overlap from 0 to below the size")

    def to_dict(self) -> dict:
        return asdict(self) | {"separators": SEPARATORS, "splitter": "RecursiveCharacterTextSplitter"}


def _splitter(settings: ChunkSettings):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        add_start_index=True,
        strip_whitespace=True,
    )


def chunk_articles(articles: list[Article], settings: ChunkSettings, first_id: int = 0) -> list[Chunk]:
    """Chunks of every paragraph, ids numbered from ``first_id``."""
    splitter = _splitter(settings)
    chunks: list[Chunk] = []
    for article in articles:
        for number, paragraph in enumerate(article.paragraphs, 1):
            for doc in splitter.create_documents([paragraph]):
                start = int(doc.metadata.get("start_index", paragraph.find(doc.page_content)))
                chunks.append(
                    Chunk(
                        chunk_id=first_id + len(chunks),
                        article_id=article.article_id,
                        doc_id=article.doc_id,
                        paragraph=number,
                        start=start,
                        end=start + len(doc.page_content),
                        text=doc.page_content,
                    )
                )
    return chunks
