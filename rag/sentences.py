"""Sentence boundaries inside a paragraph, as character offsets."""

from __future__ import annotations

import re

# A sentence ends at 。！？ (with any closing quote or bracket after it); long
# sentences are further cut at ； so an extractive answer stays short.
_END = re.compile(r"[。！？!?]+[”’」』）)]*|…{1,2}[”’」』）)]*")
_SEMI = re.compile(r"[；;]")
LONG_SENTENCE = 110


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``; whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        spans.extend(_cut_long(text, start, match.end()))
        start = match.end()
    if start < len(text):
        spans.extend(_cut_long(text, start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 2:
            out.append((s, e))
    return out


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= LONG_SENTENCE:
        return [(start, end)]
    spans, s = [], start
    for m in _SEMI.finditer(text, start, end):
        if m.end() - s >= 20 and end - m.end() >= 10:
            spans.append((s, m.end()))
            s = m.end()
    spans.append((s, end))
    return spans
