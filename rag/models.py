"""Typed values that cross module boundaries."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One article of a document, with the attribution its text supports."""

    article_id: str  # "<doc_id>/<n>", n counted from 1 in page order
    doc_id: str
    number: int
    title: str | None
    authors: list[str]
    affiliation: str | None
    note: str | None  # the author note as printed, e.g. （作者系…）
    author_count: int | None  # how many authors the note implies
    paragraphs: list[str]
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How a reader names the article: its title, or its opening words."""
        if self.title:
            return self.title
        opening = self.paragraphs[0][:14] if self.paragraphs else ""
        return f"无标题：{opening}…"

    @property
    def byline(self) -> str:
        """Authors if printed, otherwise the affiliation (never a guessed name)."""
        if self.authors:
            return "、".join(self.authors)
        return self.affiliation or "作者未署名"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    doc_id: str
    path: str
    sha256: str
    articles: list[Article]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Chunk:
    """A piece of one paragraph: the unit that is embedded and retrieved."""

    chunk_id: int
    article_id: str
    doc_id: str
    paragraph: int  # 1-based, as a reader counts
    start: int  # character offsets inside the paragraph
    end: int
    text: str


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused score used for ranking
    dense: float  # cosine similarity of the chunk to the question
    rank: int
    keyword: float = 0.0  # BM25 score of the chunk


@dataclass
class Citation:
    marker: int
    doc_id: str
    title: str | None
    authors: list[str]
    affiliation: str | None
    paragraph: int | None  # None only for an author note, which is not a paragraph
    text: str  # the cited passage: the whole paragraph it came from (or the author note)
    score: float
    sentence: str = ""  # the sentence that supports the claim
    label: str = ""  # 作者《标题》第N段, ready to print
    kind: str = "paragraph"  # or "note": the author note that closes the article

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    see_also: list[Citation]
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    id: str | None = None
    confidence: float = 0.0
    signals: dict[str, float] = field(default_factory=dict)  # inputs of the abstention model
    focus: list[str] = field(default_factory=list)  # article ids the search was limited to

    def cited_articles(self) -> set[str]:
        return {c.doc_id for c in self.citations}

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "citations": [c.to_dict() for c in self.citations],
            "see_also": [c.to_dict() for c in self.see_also],
            "warnings": list(self.warnings),
            "focus": list(self.focus),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
