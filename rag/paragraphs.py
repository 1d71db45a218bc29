"""Join hard-wrapped lines into the paragraphs a reader counts in print.

Extracted newspaper text uses two conventions, sometimes on one page:

* double-spaced: every printed line is followed by a blank line, so blank
  lines say nothing; a paragraph ends where a line ends a sentence *and*
  either stops short of the column width or the next line starts indented
  (its first two em are blank, so it holds fewer characters);
* single-spaced: lines follow each other and a blank line separates
  paragraphs.

Text that is not hard-wrapped at all (one paragraph per line, Markdown) is
split on blank lines, or on every line when there are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from .clean import ends_sentence, is_han, letter_spaced, undouble, visual_width


@dataclass(frozen=True)
class Line:
    """A cleaned, non-empty physical line and whether blank lines preceded it."""

    text: str
    blank_before: bool
    raw: str = ""  # as extracted, before cleaning (bylines need its spacing)


_INDENT = re.compile(r"^(?:\u3000|[ \t\u00a0]{2,})")


# How many lines either side tell the column's width around a line.
_NEAR = 12


def _local_full_width(widths: list[float], i: int, radius: int = _NEAR) -> float:
    """The column width around line ``i``: upper quartile of nearby line widths (pass
    ``_edges``, not the widths as printed).

    Columns change width within a page (a narrow column beside a wide one), so
    one global figure would misjudge short and indented lines.
    """
    return _upper_quartile(widths[max(0, i - radius) : i + radius + 1])


def _upper_quartile(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.75 * (len(ordered) - 1))]


# Closing marks a typesetter may hang past the column's right edge rather than start a line with.
_HANGING = "，。、；：！？”’）》"


def _edges(lines: list[Line], widths: list[float]) -> list[float]:
    """The widths that measure the column: a line ending on a mark counts no wider than the
    column its neighbours ending on a Han character measure (four or more of them). The mark may
    hang past the edge (…重中之重。青年是就业的主体，); where a quarter of the lines do so, the
    column measured with them comes out an em too wide and every full line looks indented."""
    on_character = [None if line.text[-1:] in _HANGING or _half_width(line.text) else w
                    for line, w in zip(lines, widths)]  # (digits and Latin set narrower or wider)
    edges = list(widths)
    for i, w in enumerate(on_character):
        if w is None:
            near = [x for x in on_character[max(0, i - _NEAR) : i + _NEAR + 1] if x is not None]
            if len(near) >= 4:
                edges[i] = min(widths[i], _upper_quartile(near))
    return edges


def _looks_hard_wrapped(lines: list[Line], widths: list[float]) -> bool:
    """Lines cut at one column width, most of them in mid-sentence."""
    if len(widths) < 4:
        return False
    full = _upper_quartile(widths)
    near = sum(1 for w in widths if abs(w - full) <= 2.0)
    mid_sentence = sum(1 for line in lines if not ends_sentence(line.text))
    return full <= 60 and near >= 0.5 * len(widths) and mid_sentence >= 0.5 * len(lines)


# A numbered subheading on a line of its own (一、守住耕地保护红线, （二）…): printed
# apart from the text, so it is a paragraph of its own and never glued to the next.
_SUBHEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.、．]\s*)"
                         r"[^。！？；]{2,40}$")


def _is_subheading(text: str) -> bool:
    return bool(_SUBHEADING.match(text)) and not ends_sentence(text) and len(undouble(text)) <= 30


# An enumerator and its comma (其一，/ 第二， / 首先，) or 一是: not 第一时间 or 最后一公里.
_LEAD_IN = re.compile(r"^(?:(?:其[一二三四五六七八九十]|第[一二三四五六七八九十]|首先|其次|再次|最后)[，,：:]|[一二三四五六七八九十]是)")


def _is_short_heading(lines: list[Line], widths: list[float], i: int, edges: list[float]) -> bool:
    """A heading with no number on a line of its own: printed bold, so twice over
    (夯实算力算法数据底座夯实算力算法数据底座), or opening with an enumerator (其一，以县域医共体
    建设为抓手), holding no sentence end and stopping well short of the column. Wrapped
    text never stops short in mid-sentence."""
    text = lines[i].text
    # Headings hold no sentence end and end on no punctuation (首先要明确以下三点： leads on).
    if i + 1 >= len(lines) or len(undouble(text)) > 30 or re.search(r"[。！？；!?…]", text) or \
            not is_han(text[-1]):
        return False
    full = _local_full_width(edges, i)
    printed = re.sub(r"\s+", "", lines[i].raw or text)
    if undouble(printed) != printed:  # bold, as extracted (cleaning has undone it in .text)
        return widths[i] <= full - 3
    # An enumerator opens paragraphs too (其一，发展新质生产力，应将…), on an opening line
    # short by its indent (two or three characters): a heading stops shorter still, and
    # the next line is a paragraph's indented opening.
    return bool(_LEAD_IN.match(text)) and widths[i] <= full - 4 and full - 4 <= widths[i + 1] <= full - 2


def paragraph_breaks(lines: list[Line]) -> list[bool]:
    """For each line, True when it starts a new paragraph (the first always does)."""
    breaks = _breaks(lines)
    widths = [visual_width(undouble(line.text)) for line in lines]
    edges = _edges(lines, widths)
    for i, line in enumerate(lines):
        # (after a finished sentence: 坚持安全第 / 一、预防为主… is a wrapped line, not a heading)
        if not (i == 0 or ends_sentence(lines[i - 1].text)):
            continue
        if _is_subheading(line.text) or _is_short_heading(lines, widths, i, edges):
            breaks[i] = True
            if i + 1 < len(lines):
                breaks[i + 1] = True
    return breaks


def _double_spaced(lines: list[Line], at: int, telling: int = 2) -> bool:
    """Blank lines fall in mid-sentence in the next lines from ``at`` on. Judged locally and
    looking ahead: one article can switch conventions (double-spaced for three paragraphs,
    single-spaced after), and the paragraph starting at ``at`` is printed in the new one;
    only the next two such gaps are read, since a paragraph's first lines may be printed
    single-spaced (其一，… in the bundled page). Only a blank after a line that stops
    mid-sentence tells: one after a finished sentence may just end a paragraph (a list of
    one-line paragraphs in single-spaced text)."""
    def gaps(start: int):
        return (lines[j + 1].blank_before for j in range(start, len(lines) - 1) if not ends_sentence(lines[j].text))

    near = list(islice(gaps(at), telling)) or list(gaps(0))  # the whole segment when none lie ahead
    return bool(near) and sum(near) / len(near) >= 0.5


def _breaks(lines: list[Line]) -> list[bool]:
    n = len(lines)
    if n == 0:
        return []
    indented = [bool(_INDENT.match(line.raw)) for line in lines]
    widths = [visual_width(line.text) for line in lines]
    edges = _edges(lines, widths)
    if sum(indented[1:]) >= 2:
        # Extraction kept the first-line indent (　　): it marks paragraphs, and where it
        # was lost a hard-wrapped paragraph still ends on a short line closing a sentence.
        breaks = [True] + indented[1:]
        if _looks_hard_wrapped(lines, widths):
            for i in range(1, len(lines)):
                breaks[i] = breaks[i] or (not indented[i - 1] and ends_sentence(lines[i - 1].text)
                                          and not letter_spaced(lines[i - 1].raw)  # spread: justified
                                          and widths[i - 1] <= _local_full_width(edges, i - 1) - 1.5)
        return breaks
    gaps = [line.blank_before for line in lines[1:]]
    any_blank = any(gaps)
    breaks = [True] + [False] * (n - 1)
    if not _looks_hard_wrapped(lines, widths):
        for i in range(1, n):
            breaks[i] = lines[i].blank_before or not any_blank
        return breaks
    indent = _least_indent(lines, widths, edges)
    for i in range(1, n):
        prev_done = ends_sentence(lines[i - 1].text)
        if not prev_done:
            continue
        if not _double_spaced(lines, i) and any_blank:
            breaks[i] = lines[i].blank_before
            continue
        full_prev = _local_full_width(edges, i - 1)
        full_cur = _local_full_width(edges, i)
        prev_short = widths[i - 1] <= full_prev - 1.5
        cur_indented = full_cur - 3 <= widths[i] <= full_cur - indent
        if letter_spaced(lines[i].raw) and not ends_sentence(lines[i].text):
            # Spread to the column's width mid-sentence: justified, so narrow only by what
            # made the typesetter spread it (half-width digits, 2 0 2 3 年 …; a character
            # pushed to the next line), not by an indent. (An indented opening line that was
            # also spread reads as a continuation; on generated pages in the bundled page's
            # style this rule cut paragraph errors 19 → 7, restricted to digits it did not.)
            cur_indented = False
        if cur_indented and widths[i] + min(1.0, 0.25 * _half_width(lines[i].text)) >= full_cur - 0.5:
            # Half-width digits and letters are set between ½ and ¾ em: a line of them narrow
            # only by that margin (2015年底，中央生态环境保护督察在河) may be a full line. At most
            # 1 em, half an indent, so a long indented 2023年全国GDP增长5.2% still opens.
            cur_indented = False
        if i + 1 < n and lines[i + 1].text[:1] in "“《（(" and widths[i] > full_cur - 1.5:
            cur_indented = False  # one short because its last mark, an opening one, was pushed to the next line
        if breaks[i - 1] and full_prev - 3 <= widths[i - 1]:
            # The line before opened a paragraph: it is short by its indent, not
            # because the paragraph ended there, unless this line is indented too.
            prev_short = False
        breaks[i] = prev_short or cur_indented
    return breaks


# A page's right edge is ragged when a fifth or more of the lines inside its paragraphs stop
# about one character short of the column; a one-character shortfall there is the
# typesetting's own, not an indent. Pages set with a one-character indent print their inner
# lines full. Half-width digits make a full line measure half an em or so short, so at least a
# tenth must stay short once they are allowed for: a justified article full of figures is not
# ragged. Measured on the held-out and red-team pages, where 0.15 cut a one-character-indent
# article and 0.3 left two ragged ones cut at every short line; the bundled page (0.17-0.40)
# indents by two characters and reads the same either way.
RAGGED = 0.2
RAGGED_BEYOND_DIGITS = 0.1


def _least_indent(lines: list[Line], widths: list[float], edges: list[float]) -> int:
    """How many characters short an opening line must be to read as indented: one, unless
    this article's right edge is ragged (see ``RAGGED``), or none at all where it sets its
    openings flush (``_flush``)."""
    if _flush(lines, widths, edges):
        return NO_INDENT
    inner = [i for i in range(1, len(lines) - 1)
             if not ends_sentence(lines[i - 1].text) and not ends_sentence(lines[i].text)]
    if not inner:
        return 1
    short = [_local_full_width(edges, i) - widths[i] for i in inner]
    digits = [min(1.0, 0.25 * _half_width(lines[i].text)) for i in inner]
    ragged = sum(1 for d in short if 0.5 <= d <= 1.5)
    beyond_digits = sum(1 for d, h in zip(short, digits) if 0.5 <= d - h <= 1.5)
    return 2 if ragged >= RAGGED * len(inner) and beyond_digits >= RAGGED_BEYOND_DIGITS * len(inner) else 1


NO_INDENT = 99


def _flush(lines: list[Line], widths: list[float], edges: list[float]) -> bool:
    """The article sets its paragraphs' first lines flush: every line that surely opens one
    (after a sentence ending three characters or more short of the column, where blank lines
    say nothing) is full, and there are two or more. A line short after a finished sentence
    is then no indented opening but a full one that could not take the long figure opening
    the next (…规模达到 / 5059.5亿元)."""
    spaced = any(line.blank_before for line in lines)
    openings = [i for i in range(1, len(lines))
                if ends_sentence(lines[i - 1].text) and widths[i - 1] <= _local_full_width(edges, i - 1) - 3
                and not (spaced and not _double_spaced(lines, i))]  # where blank lines tell, widths don't
    return len(openings) >= 2 and all(widths[i] >= _local_full_width(edges, i) - 0.5 or _pushed(lines, widths, edges, i)
                                      for i in openings)


def _pushed(lines: list[Line], widths: list[float], edges: list[float], i: int) -> bool:
    """Line ``i`` is full but for what could not end it: an opening mark (…必须坚持 / “节水优先…)
    or a figure too long for the room left (…工程于 / 2022年7月), both pushed to the next line."""
    short = _local_full_width(edges, i) - widths[i]
    if not 0 < short <= 1.5 or i + 1 >= len(lines):
        return False
    after = lines[i + 1].text
    run = re.match(r"[0-9A-Za-z.%]+", after)
    return after[:1] in "“《（(‘" or (run is not None and visual_width(run.group()) > short)


def _half_width(text: str) -> int:
    return sum(1 for ch in text if ch.isascii() and not ch.isspace())


def split_paragraphs(lines: list[Line]) -> list[str]:
    """Paragraph texts, lines joined without spaces between CJK characters."""
    paragraphs: list[list[str]] = []
    for line, starts in zip(lines, paragraph_breaks(lines)):
        if starts or not paragraphs:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
    return [undouble(_join(parts)) for parts in paragraphs]


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        # Latin words split across lines need their space back; CJK does not.
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii():
            out += " " + part
        else:
            out += part
    return out
