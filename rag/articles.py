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

from .clean import clean_line, han_bigrams, is_han, normalize_text, undouble
from .models import Article
from .paragraphs import Line, split_paragraphs

_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# An author note opens with 作者 (not 作者注, an inline remark) or with a name and 系/为.
_NOTE_START = re.compile(r"^[（(【\[［]\s*(?:(?:本文)?作者(?!注)|[\u4e00-\u9fff·]{2,4}(?:分别|均)?(?:系|为)[^，。]{2,})")
# Funding or series notes (（本文系…成果）) and page furniture (本版责编：…) are not text.
_SIDE_NOTE = re.compile(r"^[（(【\[［]\s*本文(?:系|为|是)")
_FURNITURE = re.compile(r"^(?:本版|责任编辑|责编|编辑|校对|美编|版式设计|版式|图片|摄影|制图|插图)\s*[:：]")
# Short lines that head a section or an editor's note, never a byline.
_NOT_NAMES = {"编者按", "编者", "引言", "前言", "导语", "结语", "摘要", "按语", "序言", "后记", "附录", "注释", "小结",
              "总结", "概述", "背景", "目录", "正文", "评论", "社论", "专栏", "综述", "导读", "题记", "本报", "记者",
              "通讯员", "作者", "本文", "结束语", "思考", "启示", "对策", "建议", "问题", "一", "二", "三"}
_BYLINE_PREFIX = re.compile(r"^(?:(?:作者|撰文|文)\s*[:：]|(?:本报记者|本报通讯员|记者|通讯员)\s*[:：]?)\s*")
# A note printed at the end of the last line of text rather than on its own line.
_NOTE_INLINE = re.compile(r"(?<=[。！？”])\s*(?=[（(【\[［]\s*(?:本文)?作者(?:分别)?(?:系|为|是|单位|：|:))")
_OPEN, _CLOSE = "（(【[［", "）)】]］"
_TITLE_FORBIDDEN = set("。；“”！？!?;\"「」")
_TITLE_AND_NAMES = re.compile(r"^(\S.{3,40}?\S)[ \t\u3000]{2,}([\u4e00-\u9fff·][\u4e00-\u9fff·\s]{1,20})$|"
                              r"^([^\s]{4,40})[ \t\u3000]+([\u4e00-\u9fff·]{2,4})$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


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


def _one_name(token: str) -> str | None:
    compact = re.sub(r"\s+", "", token)
    name = undouble(compact)
    return name if _NAME.match(name) and name not in _NOT_NAMES else None


def parse_names(raw: str) -> list[str] | None:
    """Names on a byline (``赵险峰``, ``高高 帆帆``, ``孙 立 平  周 晓 梅``, ``作者：张三``), or None."""
    raw = _BYLINE_PREFIX.sub("", raw.strip())
    compact = re.sub(r"\s+", "", raw)
    if not compact:
        return None
    whole = _one_name(compact)
    if whole and whole != compact:
        return [whole]  # one name printed twice in bold: 高高 帆帆
    # Several names: split on explicit separators or wide gaps first, then on
    # single spaces (single spaces may also spread one name's characters).
    for pattern in (r"\s{2,}|[、，,；;]", r"\s+"):
        groups = [g for g in re.split(pattern, raw) if g.strip()]
        if len(groups) >= 2:
            names = [_one_name(g) for g in groups]
            if all(names) and all(len(re.sub(r"\s+", "", g)) >= 2 for g in groups):
                return names  # type: ignore[return-value]
    return [whole] if whole else None


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


def parse_note(note: str) -> tuple[str, int | None, list[str]]:
    """Affiliation text, implied author count, and any names a note prints.

    ``（作者系复旦大学…教授）`` → one author; ``（作者分别系A、B）`` → two;
    ``（张三系A，李四系B）`` → the names it prints.
    """
    inner = note.strip()[1:-1].strip()
    names = re.findall(r"(?:^|[，,；;])\s*([\u4e00-\u9fff·]{2,4})(?:分别)?(?:系|为|是)", inner)
    names = [n for n in names if not re.search(r"作者|分别|本文|均", n) and n not in _NOT_NAMES]
    body = re.sub(r"^(?:本文)?作者(?:分别|均)?(?:单位)?\s*(?:系|为|是|：|:)?\s*", "", inner)
    if names:
        count: int | None = len(names)
    elif re.match(r"^(?:本文)?作者(?:均|单位)", inner):
        count = None  # 均系 (several, one affiliation) or 作者单位 (a place, not a count)
    elif "分别" in inner[:8]:
        parts = [p for p in re.split(r"[、；;]", body) if p.strip()]
        count = max(2, len(parts))
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
        both = _TITLE_AND_NAMES.match(raw.strip())
        if names:
            entries.append((i, "names", names))
        elif both and is_title_line(clean_line(both.group(1) or both.group(3))) and \
                parse_names(both.group(2) or both.group(4)):
            # Headline and byline on one line: 系统谋划新质生产力的产业布局　刘海军
            entries.append((i, "title", clean_line(both.group(1) or both.group(3))))
            entries.append((i, "names", parse_names(both.group(2) or both.group(4))))
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
        if _FURNITURE.match(clean_line(line)):
            continue
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
        if _SIDE_NOTE.match(text):
            end = _note_span(body, i)
            if end is not None:
                i = end + 1
                continue
        if _NOTE_START.match(text):
            end = _note_span(body, i)
            if end is not None:
                note = "".join(clean_line(x) for x in body[i : end + 1])
                segments.append(_Segment(current, note))
                current, blank, i = [], False, end + 1
                continue
        current.append(Line(text, blank and bool(current), body[i]))
        blank = False
        i += 1
    # Text after the last note is an article of its own when it has substance;
    # a stray short line there is page furniture and never joins a paragraph.
    if sum(len(line.text) for line in current) >= 20 or not segments:
        segments.append(_Segment(current, None))
    return [s for s in segments if s.lines]


def _inline_byline(segment: _Segment) -> None:
    """Take a title and byline printed directly above an article's text."""
    lines = segment.lines
    title = None
    k = 0
    if lines and _MD_HEADING.match(lines[0].raw or lines[0].text):
        title = lines[0].text
        k = 1
    elif len(lines) > 2 and is_title_line(lines[0].text) and parse_names(lines[1].raw or lines[1].text):
        title, k = lines[0].text, 1
    names: list[str] = []
    while k < len(lines) and (found := parse_names(lines[k].raw or lines[k].text)):
        names.extend(found)
        k += 1
    if title or names:
        segment.inline = HeaderSlot(title, names)
        segment.lines = lines[k:]


def title_scores(titles: list[str], bodies: list[str]) -> list[list[float]]:
    """How well each title's words occur in each article body, IDF-weighted.

    A headline paraphrases its article, so character bigrams of the title
    that the body shares (``统筹兼顾``, ``产业布局``) mark the match; bigrams
    common to every article (``生产``) weigh little, and bigrams found in no
    article (word junctions of the headline) say nothing either way. A title
    needs at least two distinctive bigrams in a body to score at all.
    """
    body_grams = [set(han_bigrams(b)) for b in bodies]
    n = len(bodies)
    df = Counter(g for grams in body_grams for g in grams)
    scores = []
    for title in titles:
        grams = {g for g in han_bigrams(title) if df.get(g)}
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
    if n_titles == 0 or n_articles == 0:
        return {}
    k = min(n_titles, n_articles)
    if math.perm(max(n_titles, n_articles), k) > 50_000:
        return _assign_greedy(scores, minimum)
    best: tuple[float, dict[int, int]] = (0.0, {})
    if n_titles <= n_articles:
        candidates = ({t: a for t, a in enumerate(perm)} for perm in itertools.permutations(range(n_articles), k))
    else:
        # More headlines than articles (a dateline, a page heading): choose which titles.
        candidates = ({t: a for a, t in enumerate(perm)} for perm in itertools.permutations(range(n_titles), k))
    for mapping in candidates:
        pairs = {t: a for t, a in mapping.items() if scores[t][a] >= minimum}
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
