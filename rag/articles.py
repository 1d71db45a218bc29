"""Split a cleaned page into articles and attribute each to its authors.

An author note such as （作者系…）, 【作者系…】 or （作者分别系…、…） closes each
article. Titles and bylines may stand in a header block at the top of the
page, in an order that does not follow the articles; they are matched to
articles by content (title words found in the body) and by the number of
authors each note implies. Nothing here knows any particular name or title,
and a name is never assigned from position alone: where the text cannot
settle who wrote an article, it stays without a name and is cited by the
affiliation in its note.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import clean_line, is_han, normalize_text, remove_cjk_spaces, undouble
from .models import Article
from .paragraphs import Line, split_paragraphs

_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_NOTE_START = re.compile(r"^[（(【\[［]\s*(?:本文)?作者")
# A note printed at the end of the last line of text rather than on its own line.
_NOTE_INLINE = re.compile(r"(?<=[。！？”])\s*(?=[（(【\[［]\s*(?:本文)?作者(?:分别)?(?:系|为|是|单位|：|:))")
_OPEN, _CLOSE = "（(【[［", "）)】]］"
_TITLE_FORBIDDEN = set("。；“”！？!?;\"「」")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass
class HeaderSlot:
    """A title and/or a group of names as they stand together in a header."""

    title: str | None
    names: list[str] = field(default_factory=list)


@dataclass
class _Segment:
    lines: list[Line]
    note: str | None
    inline: HeaderSlot | None = None


def parse_names(raw: str) -> list[str] | None:
    """Names on a byline (``赵险峰``, ``高高 帆帆``, ``张三 李四``), or None."""
    raw = raw.strip()
    if not raw:
        return None
    compact = re.sub(r"\s+", "", raw)
    single = undouble(compact)
    if single != compact and _NAME.match(single):
        return [single]
    tokens = [t for t in re.split(r"[\s、，,；;]+", raw) if t]
    if len(tokens) >= 2 and all(_NAME.match(t) for t in tokens):
        return tokens
    joined = remove_cjk_spaces(raw)
    if _NAME.match(joined):
        return [joined]
    return None


def is_title_line(text: str) -> bool:
    """A line that can be a headline: short, Han, no sentence punctuation."""
    if not 4 <= len(text) <= 40 or not any(is_han(c) for c in text):
        return False
    if any(c in _TITLE_FORBIDDEN for c in text):
        return False
    return text.count("，") + text.count("、") <= 1


def _note_span(lines: list[str], start: int) -> int | None:
    """Index of the line where the note opening at ``lines[start]`` closes."""
    depth = 0
    for j in range(start, min(start + 6, len(lines))):
        for ch in lines[j]:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth -= 1
                if depth == 0:
                    return j
    return None


def parse_note(note: str) -> tuple[str, int, list[str]]:
    """Affiliation text, implied author count, and any names a note prints.

    ``（作者系复旦大学…教授）`` → one author; ``（作者分别系A、B）`` → two;
    ``（张三系A，李四系B）`` → the names it prints.
    """
    inner = note.strip()[1:-1].strip()
    names = re.findall(r"(?:^|[，,；;、])\s*([\u4e00-\u9fff]{2,4})(?:分别)?(?:系|为|是)", inner)
    names = [n for n in names if "作者" not in n and "分别" not in n]
    body = re.sub(r"^(?:本文)?作者(?:分别)?(?:单位)?\s*(?:系|为|是|：|:)?\s*", "", inner)
    if "分别" in inner[:8]:
        parts = [p for p in re.split(r"[、；;]", body) if p.strip()]
        count = max(2, len(parts))
    elif names:
        count = len(names)
    else:
        count = 1
    return body.strip(), count, names


def _header(lines: list[str]) -> tuple[list[HeaderSlot], int]:
    """Leading title/byline lines and the index of the first body line.

    A headline counts only when a byline or another headline follows it, so
    the first line of an article that happens to carry no punctuation is not
    taken for a title.
    """
    entries: list[tuple[int, str, object]] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        names = parse_names(raw)
        text = _MD_HEADING.sub("", clean_line(raw))
        if names:
            entries.append((i, "names", names))
        elif is_title_line(text):
            entries.append((i, "title", text))
        else:
            break
        i += 1
    # Drop trailing headlines with no byline after them: they are body text.
    while entries and entries[-1][1] == "title":
        entries.pop()
    if not entries:
        return [], 0
    slots: list[HeaderSlot] = []
    for _, kind, value in entries:
        if kind == "title":
            slots.append(HeaderSlot(value))  # type: ignore[arg-type]
        elif slots:
            # Names belong with the headline above them until the next one.
            slots[-1].names.extend(value)  # type: ignore[arg-type]
        else:
            slots.append(HeaderSlot(None, list(value)))  # type: ignore[arg-type]
    return slots, entries[-1][0] + 1


def _segments(body: list[str]) -> list[_Segment]:
    """Cut body lines at author notes; each note closes the article before it."""
    split: list[str] = []
    for line in body:
        parts = _NOTE_INLINE.split(line, maxsplit=1)
        split.extend(parts if len(parts) == 2 and parts[0].strip() else [line])
    body = split
    segments: list[_Segment] = []
    current: list[Line] = []
    blank = False
    i = 0
    while i < len(body):
        text = clean_line(body[i])
        if not text:
            blank = True
            i += 1
            continue
        if _NOTE_START.match(text):
            end = _note_span(body, i)
            if end is not None:
                note = "".join(clean_line(x) for x in body[i : end + 1])
                segments.append(_Segment(current, note))
                current, blank, i = [], False, end + 1
                continue
        current.append(Line(text, blank and bool(current)))
        blank = False
        i += 1
    if sum(len(line.text) for line in current) >= 20 or not segments:
        segments.append(_Segment(current, None))
    elif current and segments:
        segments[-1].lines.extend(current)
    return [s for s in segments if s.lines]


def _inline_byline(segment: _Segment) -> None:
    """Take a title and byline printed directly above an article's text."""
    lines = segment.lines
    title = None
    k = 0
    if lines and _MD_HEADING.match(lines[0].text):
        title = _MD_HEADING.sub("", lines[0].text).strip()
        k = 1
    elif len(lines) > 2 and is_title_line(lines[0].text) and parse_names(lines[1].text):
        title, k = lines[0].text, 1
    names: list[str] = []
    while k < len(lines) and (found := parse_names(lines[k].text)):
        names.extend(found)
        k += 1
    if title or names:
        segment.inline = HeaderSlot(title, names)
        segment.lines = lines[k:]


def _bigrams(s: str) -> list[str]:
    han = "".join(c for c in s if is_han(c))
    return [han[i : i + 2] for i in range(len(han) - 1)]


def title_scores(titles: list[str], bodies: list[str]) -> list[list[float]]:
    """How well each title's words occur in each article body, IDF-weighted.

    A headline paraphrases its article, so character bigrams of the title
    that the body shares (``统筹兼顾``, ``产业布局``) mark the match; bigrams
    common to every article (``生产``) weigh little, and bigrams found in no
    article (word junctions of the headline) say nothing either way. A title
    needs at least two distinctive bigrams in a body to score at all.
    """
    body_grams = [set(_bigrams(b)) for b in bodies]
    n = len(bodies)
    df = Counter(g for grams in body_grams for g in grams)
    scores = []
    for title in titles:
        grams = {g for g in _bigrams(title) if df.get(g)}
        weights = {g: math.log((n + 1) / (df[g] + 0.5)) for g in grams}
        total = sum(weights.values()) or 1.0
        row = []
        for bg in body_grams:
            distinctive = sum(1 for g in grams if g in bg and df[g] < n)
            row.append(sum(w for g, w in weights.items() if g in bg) / total if distinctive >= 2 else 0.0)
        scores.append(row)
    return scores


def _assign(scores: list[list[float]], minimum: float) -> dict[int, int]:
    """Title index → article index maximising total score (small n: exhaustive)."""
    n_titles = len(scores)
    n_articles = len(scores[0]) if scores else 0
    best: tuple[float, dict[int, int]] = (0.0, {})
    if n_titles == 0 or n_articles == 0:
        return {}
    if math.perm(n_articles, min(n_titles, n_articles)) > 50_000:
        return _assign_greedy(scores, minimum)
    for perm in itertools.permutations(range(n_articles), min(n_titles, n_articles)):
        pairs = {t: a for t, a in enumerate(perm) if scores[t][a] >= minimum}
        total = sum(scores[t][a] for t, a in pairs.items())
        if total > best[0]:
            best = (total, pairs)
    return best[1]


def _assign_greedy(scores: list[list[float]], minimum: float) -> dict[int, int]:
    cells = sorted(((s, t, a) for t, row in enumerate(scores) for a, s in enumerate(row)), reverse=True)
    used_t, used_a, out = set(), set(), {}
    for s, t, a in cells:
        if s >= minimum and t not in used_t and a not in used_a:
            out[t] = a
            used_t.add(t)
            used_a.add(a)
    return out


def attribute(slots: list[HeaderSlot], articles: list[Article]) -> None:
    """Give header titles and bylines to the articles they belong to."""
    if len(articles) == 1 and len(slots) == 1:
        # One headline over one article: nothing to match.
        article, slot = articles[0], slots[0]
        article.title = article.title or slot.title
        if slot.names and not article.authors and _count_fits(article, slot.names):
            article.authors = list(slot.names)
        return
    titled = [i for i, s in enumerate(slots) if s.title]
    scores = title_scores([slots[i].title or "" for i in titled], ["".join(a.paragraphs) for a in articles])
    slot_article: dict[int, int] = {}
    for t, a in _assign(scores, minimum=0.35).items():
        slot_article[titled[t]] = a
        if articles[a].title is None:
            articles[a].title = slots[titled[t]].title
    pending: list[list[str]] = []
    for s, slot in enumerate(slots):
        if not slot.names:
            continue
        a = slot_article.get(s)
        if a is not None and _count_fits(articles[a], slot.names) and not articles[a].authors:
            articles[a].authors = list(slot.names)
        else:
            pending.append(slot.names)
    for names in pending:
        # A byline whose headline does not fit: the only article whose note
        # implies that many authors and that has no name yet takes it.
        fits = [a for a in articles if not a.authors and a.author_count == len(names)]
        if len(fits) == 1:
            fits[0].authors = list(names)
            fits[0].warnings.append(f"byline {'、'.join(names)} matched by author count")
        else:
            for a in fits:
                a.warnings.append(f"byline {'、'.join(names)} could not be placed: {len(fits)} articles fit")


def _count_fits(article: Article, names: list[str]) -> bool:
    return article.author_count is None or article.author_count == len(names)


def split_articles(text: str, doc_id: str) -> list[Article]:
    """Articles of one document, numbered from 1, with paragraphs and attribution."""
    raw_lines = normalize_text(text).split("\n")
    slots, body_start = _header(raw_lines)
    segments = _segments(raw_lines[body_start:])
    articles: list[Article] = []
    for number, segment in enumerate(segments, 1):
        _inline_byline(segment)
        affiliation, count, note_names = parse_note(segment.note) if segment.note else (None, None, [])
        article = Article(
            article_id=f"{doc_id}/{number}",
            doc_id=doc_id,
            number=number,
            title=segment.inline.title if segment.inline else None,
            authors=note_names or (segment.inline.names if segment.inline else []),
            affiliation=affiliation or None,
            note=segment.note,
            author_count=count,
            paragraphs=[p for p in split_paragraphs(segment.lines) if p],
        )
        articles.append(article)
    articles = [a for a in articles if a.paragraphs]
    if slots:
        attribute(slots, articles)
    return articles
