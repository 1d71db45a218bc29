"""Colloquial questions → the written register of policy and news writing.

Readers ask ``东西造出来没人买也是白搭？``; the articles say ``需求不足`` and
``消费``. Neither BM25 nor the small bundled embedder bridges that gap
reliably, so a hand-written table (``data/register.tsv``: general register
knowledge, no names or titles of any document) gives each colloquial phrase
its formal equivalents. They are added to the keyword side of a question, and
the abstention signals read a formal rewording of it, so colloquial words are
not mistaken for topics the documents never mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_KEY = 8  # longest colloquial phrase in the table, in characters


@dataclass
class Reading:
    terms: list[str]  # formal words for the colloquial phrases found
    formal: str  # the question with each colloquial phrase replaced by its first formal equivalent


@lru_cache(maxsize=1)
def table() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = resources.files("rag").joinpath("data/register.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, formal = line.partition("\t")
        out[key] = [w for w in formal.split("|") if w]
    return out


def _words(text: str) -> list[tuple[int, int]]:
    """jieba's words as (start, end) offsets."""
    from .keywords import words

    spans, at = [], 0
    for word in words(text):
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _inside_a_word(text: str, start: int, end: int, words: list[tuple[int, int]]) -> bool:
    """A phrase strictly inside one longer word is not that phrase: 东西 in 东西部, 工厂 in
    工厂化, 不够 in 够不够, 管 in 管理. Nor is one starting inside a dictionary word (老产业 in
    养老|产业, 进城 in 推进|城乡). One that starts a word and crosses into the next is kept,
    because jieba splits colloquial phrases it does not know (打|工人 holds 打工), as is one
    cut from a word jieba only guessed (卡在哪 in 说卡|在|哪儿)."""
    from .keywords import in_dictionary

    return any(a <= start and end <= b and b - a > end - start for a, b in words) or any(
        a < start < b < end and in_dictionary(text[a:b]) for a, b in words)


def read(text: str, known: set[str] = frozenset()) -> Reading:
    """Longest colloquial phrases first, never overlapping, none inside a longer word,
    none the documents themselves use (``known``: where the text says 芯片, 芯片 stays)."""
    entries = table()
    words: list[tuple[int, int]] | None = None
    terms: list[str] = []
    parts: list[str] = []
    i = 0
    while i < len(text):
        for n in range(min(MAX_KEY, len(text) - i), 0, -1):
            formal = entries.get(text[i : i + n])
            if not formal or text[i : i + n] in known:
                continue
            words = _words(text) if words is None else words
            if _inside_a_word(text, i, i + n, words):
                continue
            terms.extend(w for w in formal if w not in terms)
            parts.append(formal[0])
            i += n
            break
        else:
            parts.append(text[i])
            i += 1
    return Reading(terms, "".join(parts))
