"""Generative answers with checked citations.

The model sees the retrieved paragraphs numbered [1]…[k] with author, title
and paragraph, and is told (in Chinese) to use only them and cite by number.
Its markers are then mapped to the same citation objects as extractive
answers: a marker that points at no passage is removed and reported, and
every cited sentence is checked against its passage by character-bigram
overlap (no second model call); unsupported sentences are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .answer import abstain_text
from .models import Answer, Citation

SYSTEM_PROMPT = (
    "你是严谨的文献问答助手。只能依据下面编号的资料段落回答问题，不得使用资料以外的知识，不得编造。"
    "每一句话后面用方括号标注所依据的段落编号，例如[1]或[2][3]；只能使用给出的编号。"
    "用提问所用的语言回答，简洁准确。"
    "如果资料不能回答这个问题，只回答：资料中没有相关内容。"
)
REFUSAL = re.compile(r"资料中没有相关内容|资料中没有|无法(?:根据|从)资料|文档中没有|not (?:contain|answer|mention)|"
                     r"cannot be answered|no relevant information", re.I)
_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?(?:\s*\[\d+\])*")
SUPPORT_THRESHOLD = 0.35  # share of a sentence's character bigrams found in its passage


def build_messages(question: str, passages: list[Citation]) -> list[dict]:
    lines = []
    for i, p in enumerate(passages, 1):
        lines.append(f"[{i}] {p.label}（{p.doc_id}）\n{p.text}")
    user = "资料：\n\n" + "\n\n".join(lines) + f"\n\n问题：{question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def _grams(text: str) -> set[str]:
    text = re.sub(r"\[\d+\]|[\s\W_]+", "", text)
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def support(sentence: str, passage: str) -> float:
    """Share of the sentence's character bigrams that occur in the passage."""
    grams = _grams(sentence)
    if not grams:
        return 1.0
    return len(grams & _grams(passage)) / len(grams)


def finish(question: str, raw: str, passages: list[Citation], see_also: list[Citation],
           warnings: list[str]) -> Answer:
    """Map the model's markers to citations, drop invented ones, check each cited sentence."""
    text = raw.strip()
    warnings = list(warnings)
    if not text or REFUSAL.search(text) and not _MARKER.search(text):
        return Answer(question, abstain_text(question), True, [], passages or see_also, warnings)
    renumber: dict[int, int] = {}
    citations: list[Citation] = []

    def replace(match: re.Match) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(passages):
            warnings.append(f"removed citation [{n}]: the model cited a passage it was not given")
            return ""
        if n not in renumber:
            renumber[n] = len(renumber) + 1
            src = passages[n - 1]
            citations.append(Citation(renumber[n], src.doc_id, src.title, list(src.authors), src.affiliation,
                                      src.paragraph, src.text, src.score, "", src.label))
        return f"[{renumber[n]}]"

    text = _MARKER.sub(replace, text)
    by_marker = {c.marker: c for c in citations}
    for sentence in _SENTENCE.findall(text):
        markers = [int(m) for m in _MARKER.findall(sentence)]
        body = _MARKER.sub("", sentence).strip()
        if not body or not markers:
            continue
        passage = "".join(by_marker[m].text for m in markers if m in by_marker)
        if support(body, passage) < SUPPORT_THRESHOLD:
            warnings.append(f"unsupported: “{body[:60]}” is not found in the cited passage(s) "
                            f"{''.join(f'[{m}]' for m in markers)}")
        else:
            for m in markers:
                if m in by_marker and support(body, by_marker[m].text) >= SUPPORT_THRESHOLD:
                    by_marker[m].sentence += body
    if not citations:
        warnings.append("the model's answer cites no passage: treat it as unverified")
    cited = {(c.doc_id, c.paragraph) for c in citations}
    rest = [p for p in passages if (p.doc_id, p.paragraph) not in cited]
    return Answer(question, text, False, citations, rest[:3], warnings)


def generate_answer(question: str, passages: list[Citation], see_also: list[Citation], llm,
                    on_text: Callable[[str], None] | None = None, warnings: list[str] | None = None) -> Answer:
    """Run the model over the passages, streaming pieces to ``on_text``."""
    pieces: list[str] = []
    stream: Iterator[str] = llm.stream(build_messages(question, passages))
    for piece in stream:
        pieces.append(piece)
        if on_text:
            on_text(piece)
    return finish(question, "".join(pieces), passages, see_also, warnings or [])
