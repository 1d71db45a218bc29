"""Chinese keyword search: jieba tokens, a bm25s index built once at ingest."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .clean import to_simplified

_WORD = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9]")
# Function words and question words carry no topic; dropping them keeps a
# question's BM25 score on what it is about.
STOPWORDS = set(
    "的 了 是 在 和 与 及 对 等 其 之 而 也 都 就 要 把 被 为 以 从 将 这 那 这些 那些 一个 什么 哪些 哪个 哪位 如何 "
    "怎么 怎样 为什么 吗 呢 吧 啊 谁 请问 哪 么 有 有关 关于 中 上 下 里 文章 作者 认为 提出 指出 说 谈 讲 "
    "所 可以 能 会 应 应该 通过 一 二 三 个 位 建议 主张 看待 说法 篇文章 文中 哪篇 看法 观点 强调 表述 出自 "
    "这一 分别 各自 是否 哪家 哪里 哪儿 怎么样 有何 何种 什么样 样 呢".split()
)


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def words(text: str) -> list[str]:
    """jieba's segmentation of ``text``, every character kept."""
    return _jieba().lcut(text)


def in_dictionary(word: str) -> bool:
    """jieba's dictionary lists the word (养老, 推进), not one it only guessed (说卡)."""
    jieba = _jieba()
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(word))


def tagged(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech tags (土豆 n, 太贵 nr)."""
    return list(_tagged(text))


@lru_cache(maxsize=512)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    # Cached: the signals read one question (and its top sentences) several times over.
    _jieba()
    import jieba.posseg

    return tuple((w, f) for w, f in jieba.posseg.lcut(text))


def tokenize(text: str) -> list[str]:
    """Search tokens of a text: jieba words and sub-words, stopwords removed."""
    tokens = []
    for tok in _jieba().lcut_for_search(text.lower()):
        tok = tok.strip()
        if tok and _WORD.search(tok) and tok not in STOPWORDS:
            tokens.append(tok)
    return tokens


def build_bm25(texts: list[str]):
    """A writer that saves a bm25s index of ``texts`` into a folder."""
    import bm25s

    retriever = bm25s.BM25()
    # Indexed in simplified characters, as questions are asked: a page printed in
    # traditional characters is found by 新质生产力 too.
    corpus = [tokenize(to_simplified(t)) or ["<empty>"] for t in texts]
    if corpus:
        retriever.index(corpus, show_progress=False)

    def write(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if corpus:
            retriever.save(str(folder), show_progress=False)

    return write


class KeywordIndex:
    def __init__(self, folder: Path, size: int) -> None:
        import bm25s

        self.size = size
        self._bm25 = bm25s.BM25.load(str(folder), show_progress=False) if size else None

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the query tokens."""
        if self._bm25 is None or not query_tokens:
            return np.zeros(self.size, dtype="float32")
        return np.asarray(self._bm25.get_scores(query_tokens), dtype="float32")

    def vocabulary(self) -> set[str]:
        """Every token the index knows."""
        return set(self._bm25.vocab_dict) if self._bm25 is not None else set()
