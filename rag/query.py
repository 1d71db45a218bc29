"""Prepare a question: validate, simplify traditional characters, find its focus."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .clean import chinese_number, han_bigrams, longest_common, to_simplified
from .crosslingual import is_latin
from .errors import InputError
from .models import Article

# Embedding time grows faster than length: 1000 Chinese characters took 1.2 s, 300 take 0.2-0.5 s
# (`rag bench`: huge_question_ms_median_of_3), and no question a reader asks runs that long. An
# English word is one token for five or so letters, so English keeps 1000 (the longest English
# held-out question has 205).
MAX_QUESTION_CHARS, MAX_LATIN_QUESTION_CHARS = 300, 1000
# A question that leans on the previous turn: a pronoun for the author or the
# article, or "还/另外" asking for more of the same.
_FOLLOW_UP = re.compile(
    r"^(?:那么?|还有|另外|此外|除此之外)|他|她|该文|这篇|此文|文中|该作者|这位作者|其文|上文|\b(?:he|she|they|his|her|their|the author|this article)\b",
    re.I,
)
# Questions about the author rather than the argument: answered from the note.
_ABOUT_AUTHOR = re.compile(
    r"职务|职称|工作单位|哪个单位|什么单位|单位是|哪个机构|什么机构|哪所|哪个大学|哪家(?!企业|公司|银行|工厂)|任职|身份|头衔|"
    # "keep their leading position" is about industries, not the author's post.
    r"\baffiliat|\bwhat (?:is|was) (?:his|her|their|the authors?'?s?|\w+ \w+'s) (?:position|post|job|title)\b|"
    r"\b(?:position|post|job|title) (?:does|did|do) .{0,40}\bhold\b|which (?:universit(?:y|ies)|institutions?|schools?)\b|"
    r"where does .* work", re.I)
_WHO = re.compile(r"谁|哪位|哪一位|哪个作者|哪些作者|哪几位|作者是|(?<![未没不无有])署名|\bwho\b|\bwhose\b|\b(?:which|what) authors?\b", re.I)
_INSTITUTION = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:大学|学院|研究院|科学院)")
_CITY_BODY = re.compile(r"(?:^|[、，,；;])([\u4e00-\u9fff]{2,3}?)[市省][\u4e00-\u9fff（）()]*?(?:研究中心|研究院|研究所|研究会|社会科学院)")
# Institutions English writing names by translation, not pinyin (the Central Party School).
_INSTITUTIONS_EN = (("党校", "party school"), ("行政学院", "academy of governance"),
                    ("社会科学院", "academy of social sciences"), ("社科院", "academy of social sciences"))
_RESEARCH_BODY_EN = r"(?:research|researcher|researchers|fellow|center|centre|institute|based)"


@dataclass
class Query:
    original: str
    text: str  # simplified Chinese, trimmed
    is_who: bool
    about_author: bool
    focus: set[str] | None = None  # article ids the question names (author, affiliation, title)
    terms: list[str] = field(default_factory=list)  # Chinese search words for an English question
    warnings: list[str] = field(default_factory=list)
    formal: str | None = None  # the question in the written register, where it was colloquial
    absent: list[str] = field(default_factory=list)  # names in an English question the documents lack

    @property
    def keyword_text(self) -> str:
        """What the keyword (BM25) side searches for: the question plus its Chinese terms."""
        return " ".join([self.text, *self.terms])


def prepare(question: object) -> Query:
    """Validate and normalise a question; long input is trimmed with a warning."""
    if question is not None and not isinstance(question, str):
        raise InputError(f"the question must be text, not {type(question).__name__}")
    if not question or not question.strip():
        raise InputError("the question is empty: type a question, e.g. 新质生产力的核心标志是什么？")
    # Lone surrogates (broken UTF-16 from some clients) cannot be encoded; drop them.
    question = re.sub("[\ud800-\udfff]", "", question)
    text = " ".join(question.split())
    if not text:
        raise InputError("the question has no readable characters")
    warnings = []
    limit = MAX_LATIN_QUESTION_CHARS if is_latin(text[:MAX_LATIN_QUESTION_CHARS]) else MAX_QUESTION_CHARS
    if len(text) > limit:
        warnings.append(f"question trimmed to its first {limit} of {len(text)} characters")
        text = text[:limit]
    simplified = to_simplified(text)
    return Query(question, simplified, bool(_WHO.search(simplified)), bool(_ABOUT_AUTHOR.search(simplified)),
                 None, [], warnings)


def is_follow_up(text: str) -> bool:
    return bool(_FOLLOW_UP.search(text))


@lru_cache(maxsize=512)
def pinyin_forms(name: str) -> tuple[str, ...]:
    """How an English text may write a Chinese name: ``gao fan``, ``fan gao``, ``gaofan``."""
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(name) if s.isalpha()]
    if len(syllables) < 2:
        return ()
    surname, given = syllables[0], "".join(syllables[1:])
    return (f"{surname} {given}", f"{given} {surname}", f"{surname}{given}", f"{surname} {' '.join(syllables[1:])}")


def _names_in_latin(text: str, name: str) -> bool:
    lowered = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    return any(f" {form} " in lowered for form in pinyin_forms(name))


def _coauthor_surnames_in_latin(text: str, authors: list[str]) -> bool:
    """``in Zhao and Zhang's view``: every surname of an article's two or more authors,
    capitalised as a name is (not "he" or "yu" in running English)."""
    if len(authors) < 2:
        return False
    from .names import romanised

    words = re.findall(r"[A-Z][a-z]+", text)
    wanted = [romanised(name)[0] for name in authors]
    return all(words.count(w) >= wanted.count(w) for w in wanted)


def _institutions_in_latin(text: str, affiliation: str | None) -> bool:
    """``Fudan``/``Yanshan University`` in an English question for 复旦大学/燕山大学."""
    if not affiliation:
        return False
    from pypinyin import lazy_pinyin

    lowered = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    for match in _INSTITUTION.finditer(affiliation):
        name = "".join(lazy_pinyin(match.group(1)))
        if len(name) >= 4 and f" {name} " in lowered:
            return True
    if any(zh in affiliation and f" {en} " in lowered for zh, en in _INSTITUTIONS_EN):
        return True
    # 北京市…研究中心特约研究员: "the Beijing research centre", "the Beijing-based fellow".
    for match in _CITY_BODY.finditer(affiliation):
        city = "".join(lazy_pinyin(match.group(1)))
        if re.search(rf" {city}(?: [a-z]+)? {_RESEARCH_BODY_EN} ", lowered):
            return True
    return False


# An English question naming an article by its title: quoted after "article" (not any quoted
# sentence: Who said "High-quality development needs…"?), or after "the article on".
_QUOTED_TITLE = re.compile(r"\b(?:article|piece|essay|titled|entitled|called)\s+(['\"“‘])(?P<span>[A-Z][^'\"”’]{8,}?)['\"”’]", re.I)
_ARTICLE_ON = re.compile(
    r"\b(?:article|piece|essay)\s+(?:on|about|titled|entitled|called)\s+(?:the\s+)?(?P<span>[^,?;:]+?)"
    r"(?=\s*(?:[,?;:]|$)|\s+(?:says?|said|argues?|suggests?|proposes?|calls?|describes?|mentions?|notes?|holds?|"
    r"states?|claims?|writes?|stresses?|believes?|recommends?|sees?|views?|lists?|identifies|warns?|points?|"
    r"emphasi[sz]es|wants?|cites?|gives?|puts?|offers?|explains?|defines?|expects?|treats?|regards?|"
    r"is|are|was|were|has|have|does|do|did|what|how|which|why|who|when|where)\b)", re.I)


def title_in_latin(text: str, articles: list[Article], terms) -> tuple[str, str] | None:
    """The article an English question names by its title, and the words that name it:
    ``In the article on guiding high-quality development with a new theory of productive
    forces, …`` → 《以新的生产力理论指导高质量发展》. ``terms`` gives the Chinese words of
    an English phrase (``Glossary.terms``). The phrase must translate most of a title's
    characters, and more of it than of any other title, so a phrase naming only the subject
    (new quality productive forces) names none."""
    for match in [*_QUOTED_TITLE.finditer(text), *_ARTICLE_ON.finditer(text)]:
        found = [t for t in terms(match.group("span")) if len(t) >= 2]
        shares = {}
        for a in articles:
            if not a.title:
                continue
            covered = {i for t in found for m in re.finditer(re.escape(t), a.title) for i in range(m.start(), m.end())}
            shares[a.article_id] = len(covered) / len(a.title)
        ranked = sorted(shares.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= TITLE_SHARE and (len(ranked) < 2 or ranked[1][1] < ranked[0][1]):
            best = ranked[0][0]
            span = match.group("span")
            if match.re is _QUOTED_TITLE:
                span = text[match.start(1) : match.end()]  # with its quotation marks
            return best, span
    return None


# How much of a title an English phrase must translate to name it: "guiding high-quality
# development with a new theory of productive forces" gives 生产力, 理论, 指导, 高质量 and 发展,
# 12 of the 15 characters of 以新的生产力理论指导高质量发展.
TITLE_SHARE = 0.6


def _rest_or_whole(rest: str, text: str) -> str:
    """What is left of a question once the words naming articles are taken out, or the whole
    question where too little is left to search with."""
    rest = " ".join(rest.split())
    return rest if len(re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", rest)) >= 4 else text


def without_titles(text: str, articles: list[Article]) -> str:
    """The question with the article titles it names removed.

    ``《以新的生产力理论指导高质量发展》如何定位改革…`` is about 改革; left in,
    the title's words would pull the answer towards sentences echoing it.
    """
    out = text
    for a in articles:
        if not a.title:
            continue
        if a.title in out:
            out = out.replace(f"《{a.title}》", " ").replace(a.title, " ")
            continue
        # A title quoted loosely (``系统谋划新质生产力产业布局``, its 的 dropped):
        # take out its long shared stretches once most of the title is there.
        common = longest_common(out, a.title)
        if len(common) < max(6, 0.6 * len(a.title)):
            continue
        while len(common) >= 4:
            out = out.replace(common, " ", 1)
            common = longest_common(out, a.title)
    return _rest_or_whole(out, text)


_ORDINAL = re.compile(r"第([一二三四五六七八九十]|\d{1,2})篇|最后一篇")
_EN_NUMBERS = {w: i for i, w in enumerate(("two", "three", "four", "five", "six"), 2)}


def _number(word: str) -> int | None:
    """``三``, ``两``, ``12``, ``four`` → the number."""
    return int(word) if word.isdigit() else _EN_NUMBERS.get(word.lower()) or chinese_number(word)


def _one_page(articles: list[Article]) -> bool:
    # "The third article" or "the unsigned one" of which document? Only one page says.
    return len({a.doc_id for a in articles}) == 1


def _by_ordinal(text: str, articles: list[Article]) -> set[str]:
    """``第三篇文章``, ``最后一篇``: articles by their place on the page (when one page is indexed)."""
    if not _one_page(articles):
        return set()
    out = set()
    for m in _ORDINAL.finditer(text):
        number = max(a.number for a in articles) if m.group(0) == "最后一篇" else _number(m.group(1))
        out |= {a.article_id for a in articles if a.number == number}
    return out


# "四篇文章都提到了…" asserts that every article speaks to it; "各篇文章…" only asks, and is
# answered from the articles that come close (answer.py), so only a count counts here.
_EVERY = re.compile(r"(?<![第一二三四五六七八九十\d])([两二三四五六七八九十]|\d{1,2})篇(?:文章)?(?:都|均)|"
                    r"\b(?:all|each of the) (two|three|four|five|six) articles\b", re.I)


def _every_article(text: str, articles: list[Article]) -> set[str]:
    """``四篇文章都提到了…``: every article of the page (when one page is indexed and the
    number matches it), so each is quoted however far behind the best it ranks."""
    m = _EVERY.search(text)
    if not m or not _one_page(articles):
        return set()
    return {a.article_id for a in articles} if _number(m.group(1) or m.group(2)) == len(articles) else set()


_UNSIGNED = re.compile(r"未署名|(?<!有)没有?署名|不署名|无署名|匿名的?(?:那篇|这篇|文章|作者|一篇)|\bunsigned\b|"
                       r"\banonymous (?:article|piece|essay|author)|\bwithout (?:a |an )?(?:byline|author)", re.I)
_UNTITLED = re.compile(r"无标题|(?<!有)没有?标题|未加标题|\buntitled\b|\bwithout (?:a )?(?:title|headline)", re.I)


def _by_missing_parts(text: str, articles: list[Article]) -> set[str]:
    """``未署名的那篇``, ``the untitled article``: the articles of the page printed without a
    name or a title (when one page is indexed)."""
    if not _one_page(articles):
        return set()
    out: set[str] = set()
    if _UNSIGNED.search(text):
        out |= {a.article_id for a in articles if not a.authors}
    if _UNTITLED.search(text):
        out |= {a.article_id for a in articles if not a.title}
    return out if len(out) < len(articles) else set()


# 讲数实融合的那篇, 关于数实深度融合的文章, 谈高等教育和谈职业教育的两篇文章.
_BY_SUBJECT = re.compile(r"(?:谈|讲|写|论述|探讨|讨论|关于|聚焦)(?:的是)?([\u4e00-\u9fff、和与]{2,24}?)(?:问题)?的"
                         r"(?:那|这)?(?:[两二三]篇|一篇|篇)?(?:文章|那篇|这篇|一文)")
# 文化遗产保护一文, 文旅融合和公共文化服务两篇文章: the subject stands right before the piece; the
# run before it is cut at 和/与/、 and at prepositions (西安在文化遗产一文 → 文化遗产).
_SUBJECT_BEFORE = re.compile(r"([\u4e00-\u9fff、]{2,24}?)(?:的)?(?:(?<!第)([两二三四])篇文章|一文|那篇|这篇|的文章)")
_SUBJECT_CUT = re.compile(r"[、和与及在对从把给向于中]")
_COWRITTEN = re.compile(r"(?:两|二|几)(?:人|位作者|位)合写|合写的|合著的|\bco-?(?:written|authored)\b", re.I)


def _by_subject(text: str, articles: list[Article]) -> set[str]:
    """Articles named by what they discuss (讲数实融合的那篇) or by being written together
    (两人合写的文章)."""
    out = {article_id for _, article_id in _subjects_named(text, articles)}
    if _COWRITTEN.search(text):
        together = [a.article_id for a in articles if len(a.authors) >= 2]
        if len(together) == 1:
            out |= set(together)
    return out if len(out) < len(articles) else set()


def _subjects_named(text: str, articles: list[Article]) -> list[tuple[str, str]]:
    """The phrases naming an article by its subject (谈产业布局的文章, 文化遗产一文), each with
    the article it names: the one that holds most of the subject's mentions, at least half of
    them, and half again as many as the next article."""
    found: list[tuple[str, str]] = []
    subjects = [(s, m.group(0)) for m in _BY_SUBJECT.finditer(text) for s in re.split(r"[、和与](?:谈|讲|写)?", m.group(1))]
    for m in _SUBJECT_BEFORE.finditer(text):
        parts = [p for p in _SUBJECT_CUT.split(m.group(1)) if len(p) >= 2]
        chosen = parts[-(_number(m.group(2)) if m.group(2) else 1):] if parts else []
        # The naming phrase runs from the first subject taken to the end of the match.
        start = m.group(0).find(chosen[0]) if chosen else 0
        subjects += [(p, m.group(0)[start:]) for p in chosen]
    bodies = [(a.title or "") + "".join(a.paragraphs) for a in articles] if subjects else []
    for subject, phrase in subjects:
        grams = han_bigrams(subject)
        shares = [0.0] * len(articles)
        used = 0
        for g in grams:
            counts = [b.count(g) for b in bodies]
            if sum(counts):
                used += 1
                shares = [x + c / sum(counts) for x, c in zip(shares, counts)]
        if not grams or used < len(grams) / 2:
            continue
        order = sorted(range(len(articles)), key=lambda i: -shares[i])
        best = shares[order[0]] / used
        second = shares[order[1]] / used if len(order) > 1 else 0.0
        if best >= 0.5 and best >= 1.5 * second:
            found.append((phrase, articles[order[0]].article_id))
    return found


def without_subjects(text: str, articles: list[Article]) -> str:
    """The question with the phrases naming articles by their subject removed, like their
    titles (see without_titles): 谈产业布局的文章和谈数实深度融合的文章，对数据要素分别提出了
    什么要求 asks about 数据要素, and 产业布局 would lead to the paragraphs repeating it.
    A phrase about an article the question also names by its author stays: there it is
    what is asked (高帆和刘海军关于绿色发展的两篇文章有何不同)."""
    out = text
    by_id = {a.article_id: a for a in articles}
    for phrase, article_id in _subjects_named(text, articles):
        if not any(n and n in text for n in by_id[article_id].authors):
            out = out.replace(phrase, " ")
    return _rest_or_whole(out, text)


def _said_elsewhere(phrase: str, article: Article, articles: list[Article]) -> bool:
    """Part of a title that another article's text also uses (``加快发展新质生产力``
    from 《统筹兼顾加快发展新质生产力》) is the question's topic, not a title it names."""
    return phrase != article.title and _used_in(phrase, [other for other in articles if other is not article])


def _used_in(phrase: str, articles: list[Article]) -> bool:
    return any(phrase in p for a in articles for p in a.paragraphs)


_INSTITUTION_END = re.compile(r"(?:大学|学院|党校|研究院|研究所|研究中心|科学院|社科院|部|委|局|厅|办|院|所|中心)$")


def _topic_word(phrase: str, articles: list[Article]) -> bool:
    """Part of an affiliation that the articles use as a word of their subject (生态环境 from
    生态环境部…研究中心, asked in 全国生态环境保护大会…) unless it ends as an institution's name does."""
    return not _INSTITUTION_END.search(phrase) and _used_in(phrase, articles)


# What makes a stretch of a note a reference to its author: a word for a person or a piece right
# after it (北京市研究中心那位特约研究员, 燕山大学的作者), not a place asked about (上海市应如何发展).
_POST_REFERENCE = re.compile(r"^[\u4e00-\u9fff（）()]{0,8}?(?:那位|这位|的作者|的两位|作者|研究员|教授|学者|专家|那篇|一文)")


def _also_by_affiliation(text: str, articles: list[Article], named: set[str]) -> set[str]:
    """An article named by its post beside others named by their authors (高帆和北京市研究中心
    那位特约研究员): a stretch of three characters or more of one other article's note that no
    named article's note holds (北京市, not 特约研究员), is not a word of the subject, and
    is followed by a word for its author (那位, 作者, 研究员…)."""
    rest = text
    for a in articles:
        if a.article_id in named:
            for name in a.authors:
                rest = rest.replace(name, " ")
    taken = [a.affiliation or "" for a in articles if a.article_id in named]
    others = [a for a in articles if a.article_id not in named and a.affiliation]
    found = set()
    # The question's stretches, not the notes': a question is short, a corpus's notes are many.
    for i in range(len(rest)):
        for j in range(i + 3, min(len(rest), i + 30) + 1):
            x = rest[i:j]
            holders = [a for a in others if x in a.affiliation]
            if not holders:
                break
            if (len(holders) == 1 and not any(x in t for t in taken) and _POST_REFERENCE.match(rest[j:])
                    and not _topic_word(x, articles)):
                found.add(holders[0].article_id)
    return found if len(found) == 1 else set()


def find_focus(text: str, articles: list[Article]) -> set[str] | None:
    """Articles a question points at by author name, affiliation or title.

    ``刘海军认为…``, ``According to Liu Haijun…``, ``第三篇文章`` and
    ``复旦大学的那位教授…`` name one article; a phrase
    that several articles share (``研究中心``, ``新质生产力``) names none unless
    it still singles out fewer than all of them.
    """
    named = {a.article_id for a in articles if any(n and n in text for n in a.authors)}
    named |= _by_ordinal(text, articles) | _every_article(text, articles) | _by_missing_parts(text, articles)
    named |= _by_subject(text, articles)
    if named:
        # 高帆、刘海军和《以新的生产力理论指导高质量发展》: a title named beside authors counts too,
        # and so does enough of one that no other article says (邵景川和社区居家养老一文的作者).
        named |= {a.article_id for a in articles if a.title and len(a.title) >= 4 and a.title in text}
        for a in articles:
            part = longest_common(text, a.title) if a.title else ""
            if len(part) < max(4, 0.4 * len(a.title or "")):
                continue
            # Marked as a title (《…》, …一文, …那篇文章), not the topic asked about (刘海军对统筹
            # 兼顾加快发展有何论述 asks 刘海军 about 高帆's subject).
            marked = re.search(rf"《[^》]*{re.escape(part)}|{re.escape(part)}[^，。？！]{{0,3}}?(?:一文|文章|那篇|这篇|一篇)", text)
            if marked and not _said_elsewhere(part, a, articles):
                named.add(a.article_id)
        named |= _also_by_affiliation(text, articles, named)
    if not named and re.search(r"[A-Za-z]{2}", text):
        named = {a.article_id for a in articles if any(n and _names_in_latin(text, n) for n in a.authors)}
        named = named or {a.article_id for a in articles if _coauthor_surnames_in_latin(text, a.authors)}
        named = named or {a.article_id for a in articles if _institutions_in_latin(text, a.affiliation)}
    if named:
        return named
    best = ""
    for article in articles:
        if article.affiliation:
            common = longest_common(text, article.affiliation)
            if len(common) >= 4 and len(common) > len(best) and not _topic_word(common, articles):
                best = common
        if article.title:
            common = longest_common(text, article.title)
            if len(common) >= max(6, 0.6 * len(article.title)) and len(common) > len(best) \
                    and not _said_elsewhere(common, article, articles):
                best = common
    if not best:
        return None
    matching = [a for a in articles if best in (a.affiliation or "") or best in (a.title or "")]
    if len(matching) > 1:
        # 北京市研究中心特约研究员: two notes read …研究中心特约研究员, one of them 北京市….
        field = {a.article_id: a.affiliation if best in (a.affiliation or "") else a.title for a in matching}
        shared = {k: len(set(han_bigrams(text)) & set(han_bigrams(v or ""))) for k, v in field.items()}
        matching = [a for a in matching if shared[a.article_id] == max(shared.values())]
    chosen = {a.article_id for a in matching}
    # 复旦大学经济学院的那位教授和北京市研究中心的特约研究员: a second post beside the first.
    chosen |= _also_by_affiliation(text, articles, chosen)
    return chosen if len(chosen) < len(articles) else None
