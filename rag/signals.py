"""Signals that tell an answerable question from one the documents cannot answer.

Near-miss questions share many words with the corpus, so similarity alone
does not separate them. Two facts help: such questions name things the
corpus never mentions (``欧盟``, ``房地产``, ``A股``), and they often ask for a
number or a date the candidate sentences do not hold. ``calibration.py``
weighs these signals on labelled questions.
"""

from __future__ import annotations

import re

from .keywords import tokenize

QUANTITY = re.compile(
    r"多少|几[年月日天个位项家次名]|哪一?年|哪一?天|何时|什么时候|几月|比例|百分|比重|数量|增长率|具体数|金额|规模是|\bhow (many|much)\b|\bwhen\b|\bwhat year\b|\bpercent",
    re.I,
)
NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万亿两]+\s*(?:年|月|日|%|个|项|次|倍|家|名|万|亿)|百分之")
_NOUN_FLAGS = ("j", "eng", "nr", "ns", "nt", "nz")  # names, places, organisations, abbreviations


def _posseg(text: str):
    import jieba.posseg

    return jieba.posseg.lcut(text)


def unknown_terms(text: str, vocabulary: set[str]) -> tuple[list[str], list[str]]:
    """Question tokens the corpus never uses, and those of them that are nouns or names."""
    tokens = [t for t in tokenize(text) if re.search(r"[\u4e00-\u9fff]", t) or len(t) > 1]
    unknown = [t for t in tokens if t not in vocabulary]
    nouns = []
    for word, flag in _posseg(text):
        w = word.lower()
        if w in vocabulary or len(w) < 2 or w not in unknown and not re.search(r"[a-z]", w):
            continue
        if flag.startswith(_NOUN_FLAGS) or re.search(r"[a-z]", w):
            nouns.append(w)
    return unknown, nouns


def question_signals(text: str, vocabulary: set[str], top_sentences: list[str], top_paragraphs: str) -> dict[str, float]:
    """Signals of one question against its best candidate passages."""
    tokens = [t for t in tokenize(text) if re.search(r"[\u4e00-\u9fff]", t)]
    unknown, nouns = unknown_terms(text, vocabulary)
    covered = sum(1 for t in tokens if t in top_paragraphs) / len(tokens) if tokens else 0.0
    asks_number = bool(QUANTITY.search(text))
    has_number = any(NUMBER.search(s) for s in top_sentences)
    return {
        "coverage": covered,
        "unknown_share": len(unknown) / len(tokens) if tokens else 0.0,
        "unknown_nouns": float(min(3, len(nouns))),
        "number_missing": float(asks_number and not has_number),
    }
