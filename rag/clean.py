"""Repair extraction damage line by line without changing the words.

Print-to-text extraction leaves three kinds of damage this module undoes:
spaces spread between CJK characters, headings printed twice by bold
rendering (``统筹兼顾…统筹兼顾…``, ``高高 帆帆``), and stray invisible
characters. Joining hard-wrapped lines is a structural decision and lives in
``paragraphs.py``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK ideographs, CJK punctuation, full-width forms and Chinese quotes. A space
# between two of these is extraction damage; a space next to Latin text
# (``GDP 的增长``) is real and stays.
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

SENTENCE_END = "。！？!?…"
# Characters that may follow a sentence end and still close it.
CLOSERS = "”’」』）)】》"
PUNCT = "，。、；：？！“”‘’（）《》【】「」『』—…·,.;:?!()[]"


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def normalize_text(text: str) -> str:
    """Normalise newlines and drop invisible characters; keep full-width punctuation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    # NFC only: NFKC would turn Chinese full-width punctuation into ASCII.
    return unicodedata.normalize("NFC", text)


_SPREAD_DIGITS = re.compile(r"(?<![\d.,])\d(?:[ \u00a0]\d){2,}(?![\d.,])")


def letter_spaced(line: str) -> bool:
    """``超 过 5 2 0 0 万 户``: characters spaced out one by one (a justified line, as extracted).

    A mark may stick to the character after it (``，工 业``) and a number may stay whole
    (``2021 年 ，工 业 和``): such tokens still count as spread ones."""
    tokens = line.split()
    spread = sum(len(t) == 1 or len(t) == 2 and not t[0].isalnum() or bool(re.fullmatch(r"\d+(?:\.\d+)?%?", t))
                 for t in tokens)
    singles = sum(len(t) == 1 for t in tokens)  # a row of years (2019 2020 2021 …) is a table
    return len(tokens) >= 6 and spread >= 0.8 * len(tokens) and singles >= 0.5 * len(tokens)


def remove_cjk_spaces(line: str) -> str:
    """``面 建 设`` → ``面建设``; ``GDP 的增长`` keeps its spaces.

    A line spread character by character (``超 过 5 2 0 0 万 户``) loses its
    single spaces between digits and Latin letters too: there the spaces are
    all damage.
    """
    if letter_spaced(line):
        line = re.sub(r"(?<=\S)[ \u00a0](?=\S)", "", line)
    # Three or more lone digits in a row (2 0 2 3年) are a spread number even in a line
    # spread only in part; "3 500" may be a thousands gap and keeps it.
    line = _SPREAD_DIGITS.sub(lambda m: re.sub(r"\s", "", m.group()), line)
    return _CJK_SPACE.sub("", line)


def undouble(line: str) -> str:
    """Undo bold double-printing: ``XX`` → ``X`` and ``高高帆帆`` → ``高帆``.

    Only fires on exact repeats of at least two characters, which ordinary
    prose never produces at the scale of a whole line.
    """
    s = line.strip()
    compact = re.sub(r"\s+", "", s)
    n = len(compact)
    if n >= 4 and n % 2 == 0:
        half = compact[: n // 2]
        if half == compact[n // 2 :] and _has_han(half):
            return half
        if compact[0::2] == compact[1::2] and _has_han(compact):
            return compact[0::2]
    return s


def _has_han(s: str) -> bool:
    return bool(_HAN.search(s))


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def clean_line(line: str) -> str:
    """One physical line, repaired: CJK spacing removed, double printing undone, Markdown heading marks dropped."""
    return remove_cjk_spaces(undouble(_MD_HEADING.sub("", line))).strip()


def han_bigrams(text: str) -> list[str]:
    """Character bigrams of the Han characters in ``text``, in order."""
    han = "".join(c for c in text if is_han(c))
    return [han[i : i + 2] for i in range(len(han) - 1)]


def longest_common(a: str, b: str) -> str:
    """The longest stretch of ``a`` that also occurs in ``b``."""
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[m.a : m.a + m.size]


def visual_width(s: str) -> float:
    """Width of a printed line in em: Han and full-width marks 1, Latin ½."""
    width = 0.0
    for ch in s:
        if unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’…—":
            width += 1.0
        elif not ch.isspace():
            width += 0.5
        else:
            width += 0.25
    return width


def ends_sentence(s: str) -> bool:
    """True when the text ends a sentence (``。`` possibly followed by ``”`` or ``）``)."""
    s = s.rstrip()
    while s and s[-1] in CLOSERS:
        if len(s) >= 2 and s[-2] in SENTENCE_END:
            return True
        # A closing bracket alone (author notes) also ends a block.
        if s[-1] in "）)】":
            return True
        s = s[:-1]
    return bool(s) and s[-1] in SENTENCE_END


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters → simplified (OpenCC), for matching only: what is shown stays as printed."""
    if not any(is_han(c) for c in text):
        return text
    return _t2s().convert(text)


CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(numeral: str) -> int | None:
    """一 → 1, 两 → 2, 十二 → 12, 二十 → 20 (up to 99); None for anything else."""
    m = re.fullmatch(r"([一二三四五六七八九])?(十)?([一二三四五六七八九])?", numeral.replace("两", "二"))
    if not numeral or not m or (m.group(1) and m.group(3) and not m.group(2)):
        return None
    tens, ten, ones = m.groups()
    if not ten:
        return CN_DIGITS.index(tens or ones)
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


def chinese_numeral(number: int) -> str:
    """1–99 in Chinese numerals (20 → 二十, 12 → 十二)."""
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")
