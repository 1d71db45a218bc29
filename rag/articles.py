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

from .clean import (
    clean_line,
    ends_sentence,
    han_bigrams,
    is_han,
    normalize_text,
    undouble,
    visual_width,
)
from .models import Article
from .names import COMPOUND_SURNAMES, NOT_NAMES, SURNAMES, is_name
from .paragraphs import Line, split_paragraphs

# An author note opens with 作者 (not 作者注, an inline remark) or with a name and 系/为.
# Note patterns accept the traditional forms of their function words too (係, 為, 分別, 單位).
_NOTE_START = re.compile(r"^[（(【\[［]\s*(?:(?:本文)?作者(?!注)|[\u4e00-\u9fff·]{2,4}(?:分[别別]|均)?[系係为為][^，。]{2,})")
# Funding or series notes (（本文系…成果）) and page furniture (本版责编：…) are not text.
_SIDE_NOTE = re.compile(r"^[（(【\[［]\s*本文[系係为為是]")
_FURNITURE = re.compile(r"^(?:本版)?(?:责任编辑|责编|编辑|校对|美编|版式设计|版式|图片|摄影|制图|插图)\s*[:：]|^本版\S{0,4}\s*[:：]")
_BYLINE_PREFIX = re.compile(r"^(?:(?:作者|撰文|文)\s*[:：]|(?:本报记者|本报通讯员|记者|通讯员)\s*[:：]?)\s*")
# A note printed at the end of the last line of text rather than on its own line.
_NOTE_INLINE = re.compile(r"(?<=[。！？”])\s*(?=[（(【\[［]\s*(?:本文)?作者(?:分[别別]|均)?(?:[系係为為是：:]|[单單]位))")
_OPEN, _CLOSE = "（(【[［", "）)】]］"
_TITLE_FORBIDDEN = set("。；“”！？!?;\"「」")
_TITLE_AND_NAMES = re.compile(r"^(\S.{3,40}?\S)(?:[ \t\u3000]{2,}|\u3000)([\u4e00-\u9fff·][\u4e00-\u9fff·\s]{1,20})$|"
                              r"^([^\s]{4,40})[ \t\u3000]+([\u4e00-\u9fff·]{2,4})$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EDITOR_NOTE = re.compile(r"^[【\[]?(?:编者按|编者的话|编者)[】\]]?\s*[:：]?")


@dataclass
class HeaderSlot:
    """A title and/or a group of names as they stand together in a header."""

    title: str | None
    names: list[str] = field(default_factory=list)
    # The names as printed in separate lines or boxes (钟毅 apart from 宋立明、高晓燕).
    groups: list[list[str]] = field(default_factory=list)
    # The title line ran straight on (no blank line) into the next slot's title:
    # one headline printed on two lines, or two headlines; the bodies decide.
    runs_on: bool = False
    stacked: bool = False  # under another headline printed straight above it (boxes side by side)
    bold: bool = False  # printed twice over (bold rendering), like the page's headlines


@dataclass
class _Segment:
    lines: list[Line]
    note: str | None
    inline: HeaderSlot | None = None


def _one_name(token: str) -> str | None:
    compact = re.sub(r"\s+", "", token)
    if len(compact) == 2 and compact[0] == compact[1]:
        return None  # one character of a bold name (李李 强强), not a name
    name = undouble(compact)
    return name if is_name(name) else None


def parse_names(raw: str) -> list[str] | None:
    """Names on a byline (``赵险峰``, ``高高 帆帆``, ``孙 立 平  周 晓 梅``, ``作者：张三``), or None."""
    raw = _BYLINE_PREFIX.sub("", raw.strip().strip("*_").strip())
    compact = re.sub(r"\s+", "", raw)
    if not compact:
        return None
    whole = _one_name(compact)
    wide = [g for g in re.split(r"\s{2,}|[、，,；;]", raw) if g.strip()]
    if len(wide) >= 2:
        names = [_one_name(g) for g in wide]
        if all(names) and all(len(re.sub(r"\s+", "", g)) >= 2 for g in wide):
            return names  # type: ignore[return-value]  # 李李 强强  王王 芳芳: two names, each in bold
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
    if whole:
        return [whole]
    return _split_run(raw)


def _split_run(raw: str) -> list[str] | None:
    """Names printed as one evenly spaced run (``李　强　王　芳``, ``郑郑 凯凯 刘刘 畅畅``):
    cut it where each piece opens with a surname, when only one cut works."""
    groups = [g[0] if len(g) == 2 and g[0] == g[1] else g for g in raw.split()]  # 李李 → 李
    if len(groups) < 4 or any(len(g) != 1 for g in groups):
        return None
    run = "".join(groups)
    cuts = [p for p in _partitions(run) if all(n[0] in SURNAMES or n[:2] in COMPOUND_SURNAMES for n in p)]
    return cuts[0] if len(cuts) == 1 else None


def _partitions(run: str) -> list[list[str]]:
    """Ways to cut ``run`` into names of two or three characters."""
    if not run:
        return [[]]
    out = []
    for size in (2, 3):
        if len(run) >= size:
            out += [[run[:size], *rest] for rest in _partitions(run[size:])]
    return out


def is_title_line(text: str) -> bool:
    """A line that can be a headline: short, Han, no sentence punctuation."""
    if not 4 <= len(text) <= 40 or not any(is_han(c) for c in text):
        return False
    # Quoted words are common in headlines (深刻把握“两个结合”); an unbalanced quote is a wrapped sentence.
    balanced = text.count("“") == text.count("”") and text.count("“") <= 2
    checked = text.replace("“", "").replace("”", "") if balanced else text
    checked = checked[:-1] if checked.endswith(("？", "！")) else checked  # 城市更新难在哪里？
    if any(c in _TITLE_FORBIDDEN for c in checked):
        return False
    return text.count("，") + text.count("、") <= 1


def _note_span(lines: list[str], start: int) -> int | None:
    """Index of the line where the note opening at ``lines[start]`` closes."""
    depth = printed = 0
    for j in range(start, len(lines)):
        if lines[j].strip():
            printed += 1
        if printed > 8:
            break
        for ch in lines[j]:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth -= 1
                if depth == 0:
                    return j
    return None


# What a note by name (（李强系…）) states: where the person works or what post they hold.
_AFFILIATION = re.compile(r"大学|学院|学校|研究|中心|党校|科学院|社科院|委员会|部|委|局|厅|办|院|所|馆|会|公司|集团|银行|"
                          r"教授|研究员|讲师|博士|硕士|学者|主任|院长|所长|书记|记者|编辑|专家|干部")


def _is_note(raw_lines: list[str]) -> bool:
    """An author note stands alone: its bracket closes its line, and a note
    opening with a name (not 作者) says where that person works.
    ``（增速为7.8%），明显高于…`` is a sentence that happens to open with a bracket."""
    if raw_lines[-1].rstrip()[-1:] not in _CLOSE:
        return False
    note = "".join(clean_line(x) for x in raw_lines)
    return bool(re.match(r"^.\s*(?:本文)?作者", note)) or bool(_AFFILIATION.search(note))


def parse_note(note: str) -> tuple[str, int | None, list[str]]:
    """Affiliation text, implied author count, and any names a note prints.

    ``（作者系复旦大学…教授）`` → one author; ``（作者分别系A、B）`` → two;
    ``（张三系A，李四系B）`` → the names it prints.
    """
    inner = note.strip()[1:-1].strip()
    # A funding or series clause riding in the note (；本文系国家社科基金…成果) is not about the authors.
    inner = re.sub(r"[；;。，,]\s*本文[系係为為是].*$", "", inner).strip()
    named = re.match(r"^(?:本文)?作者\s*[：:]\s*([\u4e00-\u9fff·、\s]{2,40}?)\s*[，,]\s*((?:分[别別]|均)?[系係为為是].*)$", inner)
    if named:  # （作者：李强，系…）, （作者：李强、王芳，分别系…）
        printed = [n for n in re.split(r"[、\s]+", named.group(1)) if n]
        if printed and all(is_name(n) for n in printed):
            body = re.sub(r"^(?:分[别別]|均)?[系係为為是]\s*", "", named.group(2))
            return body.strip(), len(printed), printed
    names = re.findall(r"(?:^|[，,；;])\s*([\u4e00-\u9fff·]{2,4})(?:分[别別])?[系係为為是]", inner)
    names = [n for n in names if not re.search(r"作者|分[别別]|本文|均", n) and n not in NOT_NAMES]
    body = re.sub(r"^(?:本文)?作者(?:分[别別]|均)?(?:[单單]位)?\s*[系係为為是：:]?\s*", "", inner)
    if names:
        count: int | None = len(names)
    elif re.match(r"^(?:本文)?作者(?:均|[单單]位)", inner):
        count = None  # 均系 (several, one affiliation) or 作者单位 (a place, not a count)
    elif re.search(r"分[别別]", inner[:8]):
        # Authors are listed with 、 — unless commas separate them, when 、 joins one
        # author's posts (教授、博士生导师，副教授、硕士生导师).
        separator = r"[，,；;]" if re.search(r"[，,；;]", body) else \
            r"、|和(?=(?:副|助理)?(?:教授|研究员|讲师|博士研究生|硕士研究生|研究生|博士生|硕士生|博士后)$)"
        parts = [p for p in re.split(separator, body) if p.strip()]
        count = max(2, len(parts))
    else:
        count = 1
    return body.strip(), count, names


def _typical_width(lines: list[str], start: int, count: int = 5) -> float:
    """Median printed width of the next ``count`` non-blank lines (columns change width within a page)."""
    widths = [visual_width(clean_line(x)) for x in lines[start:] if x.strip()][:count]
    return sorted(widths)[len(widths) // 2] if widths else 0.0


def is_headline_alone(text: str, lines: list[str], after: int) -> bool:
    """A headline with no byline under it (an unsigned article's): a title line
    clearly shorter than the column of the text that follows, with no comma."""
    if not is_title_line(text) or re.search(r"[，,：:]", text):
        return False
    width = _typical_width(lines, after)
    return width >= 8 and visual_width(text) <= 0.7 * width  # an indented opening line holds ~0.85


def _title_text(raw: str) -> str:
    """A headline cleaned; one gap between two phrases stays (守正创新 赓续文脉),
    while the gaps of spread characters (统 筹 兼 顾) go."""
    phrases = re.fullmatch(r"\s*([\u4e00-\u9fff]{2,})[ \t\u3000]+([\u4e00-\u9fff]{2,})\s*", raw)
    if phrases:
        return " ".join(undouble(p) for p in phrases.groups())
    return clean_line(raw)


def _header(lines: list[str]) -> tuple[list[HeaderSlot], int]:
    """Leading title/byline lines and the index of the first body line.

    A headline counts only when a byline or another headline follows it, or
    when it stands clearly shorter than the column below it, so the first
    line of an article that happens to carry no punctuation is not taken
    for a title.
    """
    entries: list[tuple[int, str, object]] = []
    blank_before: dict[int, bool] = {}
    i = 0
    blank = False
    while i < len(lines):
        raw = lines[i]
        if not raw.strip():
            blank = True
            i += 1
            continue
        blank_before[i], blank = blank, False
        names = parse_names(raw)
        text = _title_text(_MD_HEADING.sub("", raw))
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
        elif entries and entries[-1][1] == "title" and not blank_before[i] and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", text):
            # The short last line of a headline on two lines: 推进以县城为重要载体的 / 城镇化
            entries[-1] = (entries[-1][0], "title", f"{entries[-1][2]}{text}")
        else:
            break
        i += 1
    groups: list[list[tuple[int, str, object]]] = []
    for entry in entries:
        if not groups or blank_before.get(entry[0]):
            groups.append([])
        groups[-1].append(entry)
    if _names_first(groups):
        return _names_first_slots(groups, lines)
    # Trailing headlines with no byline after them are body text, except those
    # that stand alone after a complete header (unsigned articles').
    trailing = []
    while entries and entries[-1][1] == "title":
        trailing.insert(0, entries.pop())
    if not entries or entries[-1][1] == "names":
        for entry in trailing:
            if not is_headline_alone(str(entry[2]), lines, entry[0] + 1):
                break
            entries.append(entry)
    if not entries:
        return [], 0
    slots: list[HeaderSlot] = []
    previous_kind = None
    for idx, kind, value in entries:
        if kind == "title":
            text = str(value)
            if text.startswith("—") and slots and slots[-1].title:
                slots[-1].title += text  # a subtitle: ——学习贯彻…的思考
                continue
            if previous_kind == "title" and not blank_before.get(idx) and slots:
                slots[-1].runs_on = True
            compact = re.sub(r"\s+", "", lines[idx])
            slots.append(HeaderSlot(text, bold=undouble(compact) != compact))
        elif slots:
            # Names belong with the headline above them until the next one.
            slots[-1].names.extend(value)  # type: ignore[arg-type]
            slots[-1].groups.append(list(value))  # type: ignore[arg-type]
        else:
            slots.append(HeaderSlot(None, list(value), [list(value)]))  # type: ignore[arg-type]
        previous_kind = kind
    return slots, entries[-1][0] + 1


def _names_first(groups: list[list[tuple[int, str, object]]]) -> bool:
    """A header printing each byline above its headline (李强 / 推进城市更新), in blank-separated groups."""
    kinds = [[kind for _, kind, _ in g] for g in groups]
    above = sum(1 for k in kinds if len(k) >= 2 and k[0] == "names" and k[-1] == "title" and "title" not in k[:-1])
    below = sum(1 for k in kinds if len(k) >= 2 and k[0] == "title" and "names" in k[1:])
    return above >= 1 and below == 0


def _names_first_slots(groups: list[list[tuple[int, str, object]]], lines: list[str]) -> tuple[list[HeaderSlot], int]:
    slots: list[HeaderSlot] = []
    end = 0
    for g in groups:
        names = [n for _, kind, value in g if kind == "names" for n in value]  # type: ignore[union-attr]
        titles = [str(value) for _, kind, value in g if kind == "title"]
        if not names and (g is not groups[-1] or not is_headline_alone(titles[0], lines, g[-1][0] + 1)):
            break  # a headline with no byline at the end: body text, unless it stands alone
        slots.append(HeaderSlot("".join(titles) or None, names, [names] if names else []))
        end = g[-1][0] + 1
    return slots, end


def _editor_note_end(lines: list[str]) -> int:
    """Lines taken by an editor's note (编者按：…) opening the page, up to the first headline or byline."""
    first = next((i for i, x in enumerate(lines) if x.strip()), None)
    if first is None or not _EDITOR_NOTE.match(clean_line(lines[first])):
        return 0
    previous = ""
    for i in range(first, len(lines)):
        text = clean_line(lines[i])
        if not text:
            continue
        if i > first and ends_sentence(previous) and (is_title_line(text) or parse_names(lines[i])):
            return i
        previous = text
    return 0


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
            if end is not None and not _is_note(body[i : end + 1]):
                end = None
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
    elif len(lines) > 2 and is_title_line(lines[0].text):
        # One or two headline lines (or a headline and its ——subtitle), then the byline.
        k = 1
        if len(lines) > 3 and is_title_line(lines[1].text) and not parse_names(lines[1].raw or lines[1].text):
            k = 2
        if parse_names(lines[k].raw or lines[k].text):
            title = "".join(line.text for line in lines[:k])
        elif k == 1 and is_headline_alone(lines[0].text, [x.text for x in lines], 1):
            title = lines[0].text  # an unsigned article's headline above its text
        else:
            k = 0
    names: list[str] = []
    while k < len(lines) and (found := parse_names(lines[k].raw or lines[k].text)):
        names.extend(found)
        k += 1
    if title or names:
        segment.inline = HeaderSlot(title, names)
        segment.lines = lines[k:]


def title_scores(titles: list[str], bodies: list[str], bylines: list[bool] | None = None) -> list[list[float]]:
    """How well each title's words occur in each article body, from 0 to 1.

    A headline paraphrases its article, so character bigrams of the title
    that the body shares (``统筹兼顾``, ``产业布局``) mark the match. Two views
    are averaged:

    - presence, IDF-weighted: bigrams common to every article (``生产``) weigh
      little, and bigrams found in no article (word junctions) say nothing;
    - where the title's bigrams recur: a bigram used 26 times in one article
      and twice in another points at the first, while presence alone lets a
      rare bigram used once elsewhere (激活 in 激活乡村振兴的人才引擎) outweigh it.

    A title needs at least two distinctive bigrams in a body to score at all: ones not every
    article uses, or, for a headline with a byline under it (``bylines``), ones one article
    uses far more than the others (see _concentrated).
    """
    counts = [Counter(han_bigrams(b)) for b in bodies]
    sizes = [max(1, sum(c.values())) for c in counts]
    n = len(bodies)
    df = Counter(g for c in counts for g in c)
    scores = []
    for t, title in enumerate(titles):
        bylined = bool(bylines and bylines[t])
        grams = {g for g in han_bigrams(title) if df.get(g)}
        weights = {g: math.log((n + 1) / (df[g] + 0.5)) for g in grams}
        total = sum(weights.values()) or 1.0
        # Each bigram's occurrences (per character of body) shared out over the articles,
        # weighted by how often it occurs at all.
        share = [0.0] * n
        evidence = 0.0
        for g in grams:
            rates = [c[g] / size for c, size in zip(counts, sizes)]
            weight = math.log(1 + sum(c[g] for c in counts))
            evidence += weight
            total_rate = sum(rates)
            for i, rate in enumerate(rates):
                share[i] += weight * rate / total_rate
        row = []
        for i, c in enumerate(counts):
            rare = sum(1 for g in grams if g in c and df[g] < n)
            # A bigram every article uses counts under a headline with a byline: a page banner
            # (高质量发展) is common words too, and one article may repeat them as often.
            concentrated = sum(1 for g in grams if df[g] == n and _concentrated(g, i, counts, sizes)) if bylined else 0
            presence = sum(w for g, w in weights.items() if g in c) / total
            row.append((presence + share[i] / evidence) / 2 if rare + concentrated >= 2 else 0.0)
        scores.append(row)
    return scores


def _concentrated(gram: str, i: int, counts: list[Counter], sizes: list[int]) -> bool:
    """A bigram every article uses that one uses far more often than any other (经济 18
    times against 4, 3 and 1 under 以法治之力护航民营经济发展, whose only rarer bigram is 济发):
    it points at that article as surely as one only it uses."""
    rate = counts[i][gram] / sizes[i]
    others = [c[gram] / size for j, (c, size) in enumerate(zip(counts, sizes)) if j != i]
    return counts[i][gram] >= 5 and rate >= 2 * max(others, default=0.0)


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
    bodies = ["".join(a.paragraphs) for a in articles]
    slots = _join_run_on_titles(slots, bodies)
    titled = [i for i, s in enumerate(slots) if s.title]
    scores = title_scores([slots[i].title or "" for i in titled], bodies, [bool(slots[i].names) for i in titled])
    # A headline with a byline under it outranks a bare one (a page banner) on a tie.
    scores = [[v + 0.01 if v and slots[i].names else v for v in row] for i, row in zip(titled, scores)]
    slot_article: dict[int, int] = {}
    for t, a in _assign(scores, minimum=0.35).items():
        slot_article[titled[t]] = a
        if articles[a].title is None:
            articles[a].title = slots[titled[t]].title
    pending: list[list[str]] = []
    # A name an article's own note prints is that article's; under another
    # headline it is the untitled article's byline standing apart (李强 / 张伟).
    noted = {n for art in articles if art.note and art.authors for n in art.authors}
    for s, slot in enumerate(slots):
        if noted & set(slot.names):
            slot = HeaderSlot(slot.title, [n for n in slot.names if n not in noted],
                              [[n for n in g if n not in noted] for g in slot.groups if set(g) - noted])
        if not slot.names:
            continue
        a = slot_article.get(s)
        if a is not None and articles[a].author_count is None and _untitled_fits(articles, slot.names):
            # A byline under a headline whose note implies no count (作者单位：…) yields to the
            # untitled article whose note implies exactly that many authors: an untitled
            # article's byline can only stand displaced, under another article's headline.
            a = None
        if a is not None and _count_fits(articles[a], slot.names) and not articles[a].authors:
            articles[a].authors = list(slot.names)
        elif len(slot.groups) > 1 and (slot.stacked or not _awaiting(articles, len(slot.names))):
            # Boxes side by side under stacked headlines, or bylines printed apart under one
            # headline that no note fits as a whole (葛新民 / blank / 庞书瑶 鲍一鸣 施雨): one
            # group may fit this article's note, the rest are placed by count.
            for group in slot.groups:
                if a is not None and not articles[a].authors and articles[a].author_count == len(group):
                    articles[a].authors = list(group)
                else:
                    pending.append(group)
        else:
            pending.append(slot.names)
    for names in pending:
        # A byline whose headline does not fit: the only article whose note
        # implies that many authors and that has no name yet takes it.
        fits = _awaiting(articles, len(names))
        if len(fits) == 1:
            fits[0].authors = list(names)
            fits[0].warnings.append(f"byline {'、'.join(names)} matched by author count")
        else:
            for a in fits:
                a.warnings.append(f"byline {'、'.join(names)} could not be placed: {len(fits)} articles fit")


def _join_run_on_titles(slots: list[HeaderSlot], bodies: list[str]) -> list[HeaderSlot]:
    """Join a headline printed on two lines; keep two stacked headlines apart.

    Two title lines with no blank between are one headline unless each
    line, on its own, points at a different article, or the first is a short
    column label that matches no article at all.
    """
    out: list[HeaderSlot] = []
    i = 0
    while i < len(slots):
        slot = slots[i]
        if slot.runs_on and i + 1 < len(slots) and slots[i + 1].title and not slot.names:
            nxt = slots[i + 1]
            first, second = title_scores([slot.title or "", nxt.title or ""], bodies)
            best = [max(range(len(bodies)), key=row.__getitem__) for row in (first, second)]
            # Each line must point at one article: 建设新时代 fits several equally and points at none.
            apart = best[0] != best[1] and _points_at_one(first) and _points_at_one(second)
            # A short label over a headline (思想纵横) shares nothing with any article. A line
            # printed bold like the headline under it, or whose words all recur in the articles
            # (建设新时代 / 公共文化服务体系), is the headline's first half.
            apart = apart or (first[best[0]] == 0 and len(slot.title or "") <= 6 and second[best[1]] >= 0.35
                              and not (slot.bold and nxt.bold) and _known_share(slot.title or "", bodies) < 0.75)
            if not apart:
                out.append(HeaderSlot(f"{slot.title}{nxt.title}", list(nxt.names), list(nxt.groups), nxt.runs_on))
                i += 2
                continue
        if out and out[-1].runs_on and out[-1] is slots[i - 1]:
            slot.stacked = True
        out.append(slot)
        i += 1
    return out


def _points_at_one(scores: list[float]) -> bool:
    top = sorted(scores, reverse=True)
    return top[0] >= 0.35 and (len(top) < 2 or top[1] < 0.8 * top[0])


def _known_share(text: str, bodies: list[str]) -> float:
    """Share of a line's character bigrams that some article uses (思想纵横 ⅓, 建设新时代 ¾)."""
    grams = han_bigrams(text)
    return sum(any(g in b for b in bodies) for g in grams) / len(grams) if grams else 0.0


def _awaiting(articles: list[Article], count: int) -> list[Article]:
    """Articles with no name yet whose note implies exactly ``count`` authors."""
    return [a for a in articles if not a.authors and a.author_count == count]


def _count_fits(article: Article, names: list[str]) -> bool:
    return article.author_count is None or article.author_count == len(names)


def _untitled_fits(articles: list[Article], names: list[str]) -> bool:
    """Exactly one untitled, unnamed article has a note implying this many authors, and
    says so (分别系…、…: two or more). A single name stays under its headline: every note
    of one author (作者系…) would fit it."""
    return len(names) >= 2 and sum(1 for x in _awaiting(articles, len(names)) if x.title is None) == 1


def split_articles(text: str, doc_id: str) -> list[Article]:
    """Articles of one document, numbered from 1, with paragraphs and attribution."""
    raw_lines = normalize_text(text).split("\n")
    # An editor's note above the articles belongs to none of them.
    raw_lines = raw_lines[_editor_note_end(raw_lines):]
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
        if number == 1 and article.paragraphs and _EDITOR_NOTE.match(article.paragraphs[0]):
            article.paragraphs = article.paragraphs[1:]  # 编者按 between the header and the first article
        articles.append(article)
    articles = [a for a in articles if a.paragraphs]
    if slots:
        attribute(slots, articles)
    return articles
