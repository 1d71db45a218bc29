"""Signals that tell an answerable question from one the documents cannot answer.

Near-miss questions share many words with the corpus, so similarity alone
does not separate them. Two facts help: such questions name things the
corpus never mentions (``欧盟``, ``房地产``, ``A股``), and they often ask for a
number or a date the candidate sentences do not hold. ``calibration.py``
weighs these signals on labelled questions.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .clean import CN_DIGITS, chinese_number, chinese_numeral
from .keywords import in_dictionary, tagged, tokenize
from .names import surname_of
from .synonyms import said_otherwise

# What kind of answer a question asks for, and what a sentence holding it looks like.
# "When rolling out X, which…" is not a question about a date: only "when" + auxiliary is.
ASKS_DATE = re.compile(r"哪一?天|哪一?年|哪年哪月|几月|何时|什么时候|日期|\bwhen (?:was|were|did|is|are|will|does|do|has|had)\b|"
                       r"\b(?:what|which) (?:year|date|month|day)\b", re.I)
HAS_DATE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|\d{1,2}\s*月|\d{1,2}\s*日|[一二三四五六七八九十]+月")
ASKS_AMOUNT = re.compile(
    # 多大 asks for a figure only beside a measure (规模有多大); 能起多大劲, 有多大不同 do not.
    # 比例怎么样 / 比重如何 ask how it stands, which words answer (明显高于全国平均水平).
    r"多少|几个百分点|百分之几|(?:比例|比重|增长率|数量|金额)(?![\u4e00-\u9fff]{0,3}?(?:怎么样|怎样|如何))|"
    r"规模是|(?:规模|面积|体量)有?多大|多大(?:规模|面积|比重|比例)|"
    # 这几年, 没几年, 未来几年, 过去几年 (some years) do not ask how many.
    r"(?<![这那近前没好头去来后])几年(?![来前后里间])|几倍|\bhow (?:many|much)\b|\bpercent|\bshare of\b",
    re.I)
# Measure words that also open other words after 多少 (多少家庭, 多少户籍人口, 多少座谈会).
_COUNTERS = r"户(?!籍|口)|家(?!庭|族|乡|属|长)|所(?!有|在|以)|座(?!谈)|台(?!阶)|件(?!事)"
ASKS_UNIT = re.compile(rf"多少\s*[万亿]?\s*(平方千米|平方公里|公里|千米|吨|亩|元|辆|公顷|千瓦|{_COUNTERS})")
_SAME_UNIT = {"公里": "(?:公里|千米)", "千米": "(?:公里|千米)", "平方公里": "平方(?:公里|千米)", "平方千米": "平方(?:公里|千米)"}
HAS_AMOUNT = re.compile(r"\d|百分之|[一二三四五六七八九十百]+分之[一二三四五六七八九十]|[一二三四五六七八九十百千万亿两]+\s*(?:%|个百分点|万|亿|倍|元|人|家|件|项)|[一二三四五六七八九]成(?!不变|群|为|了|立|果|本|长|效|熟)")
ASKS_ENTITY = re.compile(
    # "哪些部门或企业" / "which sectors or firms" ask for a kind, not a name: no 或/or at either
    # side ("哪些企业和大学" still asks for names).
    r"哪(?:家|些|个|所|支|次|几家|几个)(?:(?!或)[\u4e00-\u9fff]){0,4}?(?:企业|公司|城市|省|国家|部门|项目|会议|球队|大学|机构|案例|地区|人物|领导)(?!或)|"
    r"\b(?:which|what) (?:(?!or\b)\w+ ){0,2}(?:companies|company|firms?|cities|city|provinces?|countries|country|"
    r"departments?|projects?|universities|institutions?|people|persons?|examples?)\b", re.I)
# The name of a company or body, asked (那家企业叫什么名字), and a text that leaves it unnamed.
_BODY = r"(?:企业|公司|机构|银行|工厂|平台|医院|学校|高校)"
ASKS_NAME = re.compile(rf"{_BODY}[^，。？]{{0,4}}?(?:叫什么|的名字|的名称|名字是|名称是)")
# 一家 or 某家 (not 第一家, 十一家, 每一家, 统一家居), its name not given right after (名为, 叫, ——, ：, “).
UNNAMED = re.compile(rf"(?<![第十百千万每唯统单])[一某]家[^，。；“”]{{0,16}}?{_BODY}(?![^，。；]{{0,3}}(?:名为|叫|——|：|“))")
# Which one of a kind (是哪个省), that a passage may leave unnamed on purpose (某省, 某企业); not
# the start of a longer word (哪个市场, 某区块链).
_LONGER = "[场民块长委级属政直域]"
_WHICH_ONE = re.compile(rf"哪一?[个家所座位](企业|公司|银行|医院|学校|高校|城市|单位|平台|(?:省|市|县|区|村)(?!{_LONGER}))")
_ENTITY_FLAGS = ("ns", "nt", "nz", "nr")
_A_FIRM_ASKED = re.compile(r"(?:企业|公司|球队|机构|companies|company|firms?|institutions?)$", re.I)
# A ministry, bureau or firm jieba tags as a common noun (水利部, 统计局, 国资委, 海尔集团).
_A_BODY = re.compile(r"^[\u4e00-\u9fff]{2,}(?:部|委|局|署|集团|公司|银行)$(?<!干部)(?<![东西南北中内外全局总]部)")
_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|新区|地区|[省市县区州镇乡村])$")
_NOUN_FLAGS = ("j", "eng", "nr", "ns", "nt", "nz")  # names, places, organisations, abbreviations


def _a_subject(word: str, flag: str) -> bool:
    """A name, place or organisation, as jieba tags it, that is one: a word its dictionary
    knows (卡塔尔, 房地产) or a new one of three characters or more (元宇宙), not a fragment
    it guessed a tag for (肯花, 花大 from 花大价钱); a person's name opens with a surname
    (jieba's dictionary tags 太贵 as one)."""
    if not flag.startswith(_NOUN_FLAGS) or not (in_dictionary(word) or len(word) >= 3):
        return False
    # A transliterated name (诺贝尔, nrt) has no surname to open with.
    return not flag.startswith("nr") or flag == "nrt" or surname_of(word) is not None


def unknown_terms(text: str, vocabulary: set[str]) -> tuple[list[str], list[str]]:
    """Question tokens the corpus never uses, nor any synonym of, and those of them that
    are nouns or names (庄稼人 is known where the text says 农民; 高考 is not)."""
    tokens = [t for t in tokenize(text) if re.search(r"[\u4e00-\u9fff]", t) or len(t) > 1]
    unknown = [t for t in tokens if t not in vocabulary and not said_otherwise(t, vocabulary)]
    nouns = []
    words = tagged(text)
    for k, (word, flag) in enumerate(words):
        w = word.lower()
        if w in vocabulary or len(w) < 2 or w not in unknown and not re.search(r"[a-z]", w):
            continue
        if _named_by_what_follows(words, k):
            nouns.append(w)
            continue
        # A person's name stays one even when made of the documents' words (王海军, 张文明):
        # asked about someone the documents never name, better refuse than answer. So 修铁路
        # (tagged nr) stays unknown too; 开发新 (nz) and 统一安排 (nt) are read as words.
        if _not_a_name(word, flag):
            continue
        person = flag.startswith("nr") and 2 <= len(word) <= 3 and surname_of(word) is not None
        if _a_subject(word, flag) and (person or not _composed(w, vocabulary, flag)) or re.search(r"[a-z]", w):
            nouns.append(w)
    speaker = _SPEAKER.match(text)
    if speaker:
        # Whose view is asked (马云对…发表了什么看法, 李稻葵在…提出了什么观点): a person the
        # documents never name, even one jieba does not know or cuts in two (李 + 稻葵).
        name = speaker.group(1)
        # Not a surname and a title (赵书记: perhaps an author, asked about familiarly), nor a
        # word jieba's dictionary also lists as a name (公正, 文明, 顾问).
        first, flag = tagged(name)[0]
        if (name not in vocabulary and surname_of(name) and not _HONORIFIC.search(name) and flag.startswith("nr")
                and not (first == name and _not_a_name(name, flag)) and not said_otherwise(name, vocabulary)
                and name not in nouns):
            nouns.append(name)
    return unknown, nouns


_HONORIFIC = re.compile(r"(?:老师|教授|先生|女士|博士|院士|同志|书记|主任|部长|局长|校长|院长|所长|主席|经理|总)$")
# A question opening with someone's name and what they said or did: 马云对…, 李稻葵在…提出.
_SPEAKER = re.compile(r"^\s*([\u4e00-\u9fff]{2,3})(?=认为|指出|提出|主张|强调|表示|对|在|如何|怎样|怎么|关于|谈|的(?:文章|观点|看法))")


# What follows a name jieba has never seen and so only guessed (泰康保险集团, 隆平高科, 李明教授)
# and shows it to be one: a body's or a person's title.
_TITLED = re.compile(r"^(?:集团|公司|银行|保险|证券|基金|股份|科技|高科|医院|大学|学院|研究院|研究所|协会|"
                     r"教授|研究员|院士|博士|先生|女士)")


def _named_by_what_follows(words: list[tuple[str, str]], k: int) -> bool:
    """A two-character word jieba does not know and guessed to be a name is one when a body's
    or person's title follows it, or another such guess (隆平 + 高科). Alone it may be a
    fragment of a spoken phrase (肯花, 路修, 花大 from 花大价钱)."""
    def guessed(word: str, flag: str) -> bool:
        return len(word) == 2 and flag.startswith(("nr", "nz", "nt")) and not in_dictionary(word) \
            and re.fullmatch(r"[\u4e00-\u9fff]+", word) is not None

    if not guessed(*words[k]) or k + 1 >= len(words):
        return False
    after = "".join(w for w, _ in words[k + 1 : k + 3])
    return bool(_TITLED.match(after)) or guessed(*words[k + 1])


def _not_a_name(word: str, flag: str) -> bool:
    """jieba tags it a person or a place, but it is neither: a word the dictionary lists only
    as a common one (白搭, 顾全大局, 外国, 礼拜), each of a kind (各省市, 沿海各省), or a sum
    (十块钱). Only person and place tags: organisations and other nouns the dictionary lists
    in lower case (商业银行, 集成电路, 二氧化碳) are things a near-miss names that a page lacks.
    Nor is a verb said twice (查一查), a process (智能化, tagged a person), or a count of
    processes (三化: 数字化、网络化、智能化)."""
    if re.fullmatch(r"[一二三四五六七八九十两]化", word):
        return True
    if not flag.startswith(("nr", "ns", "nz")):
        return False
    if re.fullmatch(r"(.)一\1", word):
        return True
    if flag.startswith("nr") and len(word) >= 3 and word.endswith("化") and in_dictionary(word[:-1]):
        return True  # 智能化 (智能 + 化); not 孙元化, a person
    if "各" in word or re.search(r"[一二三四五六七八九十百千万两几][块元个]", word):
        return True
    if re.fullmatch(r"[东西南北中]{1,2}[部方边面]?", word):
        return True  # a direction (西北, 东边): where, not a place a page would have to name
    from .lexicon import is_common_word

    return flag.startswith(("nr", "ns")) and is_common_word(word)


def _composed(word: str, vocabulary: set[str], flag: str = "") -> bool:
    """The word is the documents' own words run together, with at most one character
    more: 开发新 (开发 + 新, from 开发新产品), 统一安排. jieba joins such runs into one
    "name" (开发新 nz, 统一安排 nt) that no document uses; a thing a question names and
    the documents lack (房地产, 碳达峰, 美国农业部) is not made of their words."""
    stem = _place_stem(word) if flag.startswith("ns") else word
    if stem != word:
        # A place is known by its own name (杭州 for 杭州市, 广西 for 广西壮族自治区), not by
        # the fragment its second half happens to share with another (州市, from 贵州市场).
        return any(stem[:n] in vocabulary for n in range(len(stem), 1, -1))

    def split(rest: str, singles: int) -> bool:
        if not rest:
            return True
        return any(rest[:n] in vocabulary and split(rest[n:], singles) for n in range(len(rest), 1, -1)) or (
            singles > 0 and split(rest[1:], singles - 1))

    return any(word[:n] in vocabulary and split(word[n:], 1) for n in range(len(word) - 1, 1, -1)) or split(word[1:], 0)


def _asks_amount(text: str, passages: str) -> bool:
    """A word asking for an amount that is not the passages' own phrase: 数量约束 quoted
    from them (由于有形要素供给存在数量约束…) names a thing, it does not ask how many."""
    for m in ASKS_AMOUNT.finditer(text):
        after = text[m.end() : m.end() + 2]
        if m.group() in _MEASURES and _LIMIT.match(after):
            continue  # 数量限制, 数量上限: a limit on an amount, named, not asked
        if m.group() == "多少" and _EMBEDDED.match(text, m.end()):
            continue  # 只盯着总量涨多少的理论…有啥不一样: another question asked of a phrase
        if not re.fullmatch(r"[\u4e00-\u9fff]{2}", after) or m.group() + after not in passages:
            return True
    return False


_MEASURES = {"比例", "比重", "增长率", "数量", "金额"}
_LIMIT = re.compile(r"限|上限|下限|约束|门槛")
# 多少 inside a phrase (…涨多少的理论) that the question then asks something else of.
_EMBEDDED = re.compile(r"的[^。？！?]*?(?:什么|啥|哪|怎么|怎样|如何|为何|为什么|是否|吗)")


def answer_type_missing(text: str, top_sentences: Sequence[str], documents: Documents | None = None) -> bool:
    """The question asks for a date, an amount or a named place/organisation the passages lack.

    Names found everywhere in the corpus (the party, the country) do not
    count as an answer to "which companies/cities…": only a name specific to
    one article does.
    """
    joined = "".join(top_sentences)
    asks_date = ASKS_DATE.search(text)
    if asks_date and not HAS_DATE.search(joined):
        return True
    if _asks_amount(text, joined):
        if asks_date:
            if _year_missing(text, joined):
                return True
        else:
            # "How many" is not answered by a year or a date (江西自2019年起开展试点), nor by a
            # number the question prints itself (北京12345热线…受理了多少件).
            own = _own_numbers(text)
            figures = [s for s in top_sentences if HAS_AMOUNT.search(own.sub("", HAS_DATE.sub("", s)))]
            if not figures or figure_apart(text, figures, documents):
                return True
    unit = ASKS_UNIT.search(text)
    if unit and not re.search(rf"[\d一二三四五六七八九十百千两][余多]?\s*[万亿]?[余多]?\s*"
                              rf"{_SAME_UNIT.get(unit.group(1), unit.group(1))}", joined):
        return True  # 多少吨 answered only by a figure in tonnes
    if ASKS_NAME.search(text) and top_sentences and UNNAMED.search(top_sentences[0]) and "名为" not in top_sentences[0]:
        return True  # 那家企业叫什么名字, where the passage found says only 一家龙头企业
    which = _WHICH_ONE.search(text)
    if which and top_sentences and re.search(f"某{which.group(1)}(?!{_LONGER})", top_sentences[0]):
        return True  # 是哪个省, where the passage found says 某省2023年开展的调查显示…
    entity = ASKS_ENTITY.search(text)
    if entity:
        # A company, team or body is not answered by a place (哪家企业 by 北京, 哪支球队 by 台江县).
        flags = _ENTITY_FLAGS
        if _A_FIRM_ASKED.search(entity.group()):
            flags = tuple(f for f in flags if f != "ns")
        names = {w for w, flag in tagged(joined) if flag.startswith(flags) and len(w) > 1 or _A_BODY.search(w)}
        texts = documents.texts if documents else ()
        if len(texts) > 1:
            names = {w for w in names if sum(w in t for t in texts) < len(texts)}
        return not names
    return bool(documents and documents.paragraphs and figure_missing_beside(text, documents)) or measure_missing(text, joined, documents)


# A year the amount is asked for (2020年…达到多少元, 到2035年…达到多少), not one it is counted
# from or compared with (2012年以来, 与2019年相比, 比2023年), nor either end of a period
# (2021年至2025年, 2021—2025年).
_YEAR_ASKED = re.compile(r"(?<![\d比与较])(?<!\d年至)(?<!\d年到)(?<!\d年—)(?<!\d年-)(?<!\d—)(?<!\d-)"
                         r"((?:19|20)\d\d)\s*年(?!以来|来|起|至|到|—|-|相比|比)")


def _own_numbers(text: str) -> re.Pattern[str]:
    """The numbers of two digits or more a question prints as a name (12345热线), not as an
    amount it quotes (比例为56%左右), as they stand in a passage."""
    numbers = re.findall(r"(?<![\d.])\d{2,}(?![\d.]|\s*(?:%|万|亿|千|百|个|家|项|次|元|倍|人|年|月|日|岁|余|多))",
                         unicodedata.normalize("NFKC", text))
    numbers = sorted(set(numbers), key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\d.]){n}(?![\d.])" for n in numbers) or "(?!)")


def _years_asked(text: str) -> list[str]:
    return _YEAR_ASKED.findall(unicodedata.normalize("NFKC", text))


def _gives_year(passage: str, year: str) -> bool:
    """The passage prints the year in one of its forms (2020年, ２０２０年, 二〇二〇年)."""
    passage = unicodedata.normalize("NFKC", passage)
    return any(_holds(passage, form) for form in _forms(year))


def _year_missing(text: str, passages: str) -> bool:
    """An amount asked for a year is answered by a sentence giving that year, not only by its
    paragraph."""
    years = _years_asked(text)
    return bool(years) and not any(_gives_year(passages, y) for y in years)


# A round, session or batch the amount is asked for (第四次全国文物普查, 第二批): like a year, the
# figure's sentence must name it (第三次…登记不可移动文物76.7万处 is another round's count).
_ROUND = re.compile(r"第[一二三四五六七八九十百零〇两\d]+[次届批期轮]")
# Figures asked for each of several things: 分别是多少, 榕江县和台江县各接待了多少 (not 各地).
# Or one question after another (…有多少个？同年…又有多少种？).
_SEVERAL = re.compile(r"分别|各自|[和与、][\u4e00-\u9fff]{1,12}各|[？?].*[^？?\s].*[？?]")


def figure_apart(text: str, figures: Sequence[str], documents: Documents | None, most: int = 6) -> bool:
    """The question asks an amount for a year, or of a place, body or other name (合肥, 玉米),
    and no one sentence found holding a figure gives that year and names those names (itself or
    with the sentence before it, where a figure's subject is often introduced): the figure found
    is another's. 2023年…为1.6亿户次 does not answer 2024年…多少户次, nor
    小麦最低收购价为每斤1.19元 the price of 玉米, nor 2023年榕江县… beside 2024年台江县… how many
    visited 榕江 in 2024. The year is read in the figure's own sentence only: read in the one
    before too, as many answers print it (2024年，…。全年累计…), two near-misses on the dev pages
    got through (截至2024年底，全国… before 内蒙古…位居前列) and no answer was saved."""
    if _SEVERAL.search(text):
        return False  # each figure may stand in a sentence of its own, and the top three hold few
    years = _years_asked(text)
    rounds = _ROUND.findall(unicodedata.normalize("NFKC", text))
    names = _names_asked(text, documents, most) if documents else []
    if not years and not rounds and not names:
        return False
    for figure in figures:
        # A sentence opening with a place of its own is about that place, whatever places the
        # sentence before lists (湖南、江西、安徽等省份相继开展改革试点。湖南…划设了…航线97条:
        # not 江西's). Places later in it may be parts of the one asked about (全省在杭州、宁波等地
        # 建成…) or where visitors come from (来自北京、上海等地的游客).
        own = _opening_place(figure) if names else None
        contexts = [figure] if own and own not in names else _figure_contexts(figure, documents)
        if all(_gives_year(figure, y) for y in years) and all(
                any(_holds(figure, f) for f in _forms(r)) for r in rounds) and any(
                all(w in c for w in names) for c in contexts):
            return False
    return True


def _opening_place(sentence: str) -> str | None:
    """The place a sentence opens with, after any date (2024年，湖南…): its subject."""
    for word, flag in tagged(sentence):
        if flag in ("m", "t", "x") or not word.strip() or HAS_DATE.fullmatch(word):
            continue
        return word if flag.startswith("ns") and len(word) >= 2 and not _not_a_name(word, flag) else None
    return None


def _figure_contexts(figure: str, documents: Documents | None) -> list[str]:
    """Where a figure's subject may be named: its sentence with the one before it, or where
    the sentence gives figures in several clauses (宁波舟山港货物吞吐量达13.24亿吨；上海港集装箱
    吞吐量达4915.8万标准箱), each such clause with the sentence before: the clauses speak of
    different things, and names from two of them do not make one figure."""
    whole = documents.with_previous(figure) if documents else [figure]
    parts = figure.split("；")
    if sum(1 for c in parts if HAS_AMOUNT.search(HAS_DATE.sub("", c))) < 2:
        return whole
    # A clause naming no place or body of its own goes on about the one before it
    # (宁波舟山港完成货物吞吐量…；集装箱吞吐量3530万标准箱).
    spans, start = [], 0
    for k, clause in enumerate(parts):
        if k and any(flag.startswith(_ENTITY_FLAGS) and len(w) >= 2 for w, flag in tagged(clause)):
            spans.append("；".join(parts[start:k]))
            start = k
    spans.append("；".join(parts[start:]))
    return [context[: len(context) - len(figure)] + span for context in whole for span in spans]


def _names_asked(text: str, documents: Documents, most: int) -> list[str]:
    """Places, bodies and other names in the question, and compound nouns of three characters
    or more (外汇储备, 负面清单), that at least one and at most ``most`` sentences of the documents
    print: the thing asked about, not a word in every article. Not two-character nouns (空气,
    踢球): a paraphrase words its subject otherwise than the figure's sentence (城里的空气到底
    干净了多少), and on the dev sets counting them too refused 12 answers to catch 4 more. An
    author's name or post (in no sentence, only in a byline) says which article is asked."""
    names = []
    for w, flag in tagged(text):
        if flag.startswith("ns") and w not in documents.vocabulary:
            w = _place_stem(w)  # 北京市 where the documents print 北京
        if ((flag.startswith(("j", "nr", "ns", "nt", "nz")) and len(w) >= 2 or flag == "n" and len(w) >= 3)
                and w in documents.vocabulary and not _ANY_FIGURE.search(w)
                and not any(w in name for name in documents.names) and documents.beside(w, most)):
            names.append(w)
    return names


def _place_stem(place: str) -> str:
    """A place without its administrative suffix (北京市 → 北京), where two characters remain."""
    suffix = _PLACE_SUFFIX.search(place)
    return place[: suffix.start()] if suffix and suffix.start() >= 2 else place


# Words that fit any figure (比例, 再贷款额度), or name where or when rather than what.
_ANY_FIGURE = re.compile(r"比例|比重|占比|标准|幅度|增幅|降幅|涨幅|金额|资金|额度|规模|数量|总量|总额|数额|[人件户次个项台辆家]数|水平|国家|我国|全国|地方|现在|目前")
# Verbs that say which figure of a measure is meant (新增装机容量, not 累计装机容量).
_WHICH_FIGURE = {"新增", "累计", "净增", "新建", "在建", "新开工", "现有", "实际", "计划", "预计"}
# Words between what is measured and 多少 (吞吐量是多少, 一共投入了多少).
_BEFORE_HOW_MANY = re.compile(r"(?:是|为|有|达到|达|约|大约|大概|一共|总共|共|累计|了|的)+$")


def measure_missing(text: str, passages: str, documents: Documents | None = None) -> bool:
    """The question asks how much of a measure (装机容量是多少, 日均访问量是多少) the
    passages found never name, or of a kind they never name (新增 of 新增装机容量): they give
    other figures (出口额 is not in 进出口额, nor 累计装机容量 新增装机容量)."""
    # Only where nothing is counted after 多少 (访问量是多少？): in 杭州有多少家企业 the word
    # before it is the subject, and the unit after it is checked elsewhere.
    m = re.search(r"多少(?=\s*(?:呢|啊|呀)?\s*(?:[？?。！!]|$))", text)
    if not m:
        return False
    before = _BEFORE_HOW_MANY.sub("", text[: m.start()])
    words = tagged(before)
    if not words:
        return False
    measure, flag = words[-1]
    # The word before the measure, saying which of it (新增 of 新增装机容量, 报名 of 报名人数).
    modifier, kind = words[-2] if len(words) >= 2 else ("", "")
    if documents is not None and flag.startswith("n"):
        # A count of people doing what the documents never speak of (出生人口, 报名人数,
        # 接种人数): the verb saying which count is a word they never use. Unless the passages
        # count what else the question names (研究生在读人数 where 研究生在学规模超过400万人):
        # the verb may be a paraphrase.
        if len(modifier) >= 2 and kind.startswith("v") and modifier not in documents.vocabulary and modifier not in passages:
            others = [w for w, f in words[:-2] if len(w) >= 2 and f.startswith(("n", "j")) and not _ANY_FIGURE.search(w)]
            if not (HAS_AMOUNT.search(passages) and any(w in passages for w in others)):
                return True
    # A noun naming what is measured; 比例, 规模, 金额 fit any figure, and verbs (降到了多少,
    # 能卖多少) say what happened to it, which the passages may word otherwise.
    if len(measure) < 2 or not flag.startswith("n") or flag.startswith(("nr", "ns", "nt")) or _ANY_FIGURE.search(measure):
        return False
    # Nor the word that says which of it (新增装机容量 where they give 累计装机容量, 集装箱吞吐量
    # where they give 货物吞吐量): another figure of the same measure. (A noun or attribute; of
    # verbs only those saying which figure: 完成货运量, 吸引游客 say what was done, and the
    # passages may word that otherwise.)
    which_kind = kind.startswith(("n", "b", "a")) and not kind.startswith(("nr", "ns", "nt")) or modifier in _WHICH_FIGURE
    if len(modifier) >= 2 and which_kind and modifier not in passages:
        return True
    seen = {w for w, _ in tagged(passages)}
    # 年产值 is the 产值 a year gives (2024年实现产值约1600亿元), 总产值 their sum.
    # 人次 is printed as a unit (结算1.29亿人次), which jieba joins to the figure (亿人次).
    return (measure not in seen and not (measure[0] in "年月日总" and measure[1:] in seen)
            and not re.search(rf"{_FIGURE}\s*{re.escape(measure)}", passages))


# What a "how many" question counts, and how a sentence prints that count: 多少套 by 1.2万套,
# 多少人 by 300余人 or 2.5亿农业转移人口 (the unit a few characters after the figure), 多少资金 by 元.
_MONEY = r"资金|钱|经费|投资|金额|交易额|投资额|销售额|营业额|成交额|出口额|进口额|进出口额"
ASKS_COUNTED = re.compile(rf"多少\s*[万亿]?\s*(人次|人|名|个|套|条|项|列|辆|吨|亩|元|起|公里|千米|平方米|{_COUNTERS}|"
                          rf"[\u4e00-\u9fff]{{0,4}}?(?:{_MONEY}))|"
                          r"(?:投入|投资|资金|经费|金额)(?:是|为|达|有)?多少")
_COUNTED_AS = {"人次": "人次?", "人": "人次?|名", "名": "人|名", "公里": "公里|千米", "千米": "公里|千米"}
# A figure: digits, or Chinese numerals (数 and 几 only before a power of ten: 数千, not 数字).
_FIGURE = r"(?:\d[\d.,]*|[一二三四五六七八九十两]+|[数几][十百千万亿])\s*[余多]?\s*[十百千万亿]*[余多]?"


def figure_missing_beside(text: str, paragraphs: Documents | Sequence[Sequence[str]], most: int = 6) -> bool:
    """The question asks how many of something (多少套, 多少人遇难, 投入了多少资金) about a
    thing the documents name only in passing, and no figure of that kind stands in or just
    after any sentence naming it (``paragraphs``: the documents, or their sentences paragraph
    by paragraph). The page names the place but not the figure asked for, so the passages
    found look close while none answers.

    The thing is a place, organisation or other name (重庆市, 合肥) or five characters of the
    question printed as they stand (中老铁路开, 生命线安全), found in at most ``most``
    sentences; a common phrase met by chance (筹集, 累计投入) is not one."""
    m = ASKS_COUNTED.search(text)
    if not m or ASKS_DATE.search(text) or _SEVERAL.search(text):
        return False  # (several figures asked: each may stand beside a thing of its own)
    unit = m.group(1) or "元"
    unit = "元" if re.search(rf"(?:{_MONEY})$", unit) else unit
    # The unit right after the figure (1.2万套, 560亿元), or a few characters on for people
    # (2.5亿农业转移人口, 300余名遇难者).
    gap = 6 if unit in ("人", "人次", "名") else 1
    counted = re.compile(rf"{_FIGURE}[^，。；、\d]{{0,{gap}}}?(?:{_COUNTED_AS.get(unit, unit)})")
    candidates = {w for w, flag in tagged(text) if flag.startswith(_ENTITY_FLAGS) and len(w) >= 2}
    for run in re.findall(r"[\u4e00-\u9fff]{5,}", text):
        candidates |= grams(run, 5)  # a longer stretch found as printed is found by its five-character parts
    # Each sentence naming a candidate, with the next one of its paragraph (重庆市首批…项目
    # 已开工。共筹集1.2万套。), which is where its figure would stand.
    documents = paragraphs if isinstance(paragraphs, Documents) else Documents(
        frozenset(), paragraphs=tuple(tuple(p) for p in paragraphs))
    windows = []
    for candidate in candidates:
        windows += documents.beside(candidate, most) or []
    return bool(windows) and not any(counted.search(HAS_DATE.sub("", w)) for w in windows)


# Figures a question names: 2035年, 3.5%, 第十二次 (a year or a count the documents may not have).
# Also a batch, phase or round (第二批国家公园, 三北工程七期): the text may name only the first.
_NAMED_NUMBER = re.compile(r"\d+(?:\.\d+)?(?=\s*(?:年|%|万|亿|个|家|项|次|届|倍|元|批|期|轮))|\d{2,}(?:\.\d+)?|"
                           r"第[一二三四五六七八九十百零〇两]+[次届批期轮]|(?<![第一二三四五六七八九十])[二三四五六七八九十]{1,2}期(?!间)|"
                           # 十九大, 二十届 (a congress and its plenums): not 十大 (ten great …)
                           r"(?<![第一二三四五六七八九十])[一二三四五六七八九十]{2,3}(?=大|届)")


def names_unknown_figure(text: str, corpus_texts: list[str] | None) -> bool:
    """The question names a figure the texts do not hold (第十二次集体学习 where the text has
    第十一次; 到2035年; 截至2022年底 where the passages found give 2023年底): it asks about
    something else than what is written.

    Both sides are compared in every form a figure is printed in: full-width digits,
    a thousands gap (3 500, 3,500), Chinese numerals (二十届, 二〇三五年), with or
    without 第."""
    if not corpus_texts:
        return False
    joined = re.sub(r"(?<=\d)[ ,，](?=\d{3})", "", unicodedata.normalize("NFKC", "\n".join(corpus_texts)))
    question = unicodedata.normalize("NFKC", text)
    return any(not any(_holds(joined, form) for form in _forms(m.group(0))) for m in _NAMED_NUMBER.finditer(question))


def _holds(text: str, form: str) -> bool:
    if form[:1].isdigit():  # 12 is not found inside 2012
        return re.search(rf"(?<![\d.]){re.escape(form)}(?![\d.])", text) is not None
    return form in text


def _forms(figure: str) -> tuple[str, ...]:
    """The ways a figure is printed: 20 and 二十 (the 20th Party Congress is 二十大),
    2035 and 二〇三五, 第十二次 and 十二次 and 第12次 (and 第12次 as 第十二次)."""
    if figure.startswith("第") or figure[-1:] == "期":
        count, unit = figure.removeprefix("第")[:-1], figure[-1]
        forms = [figure, count + unit, f"第{count}{unit}"]
        value = chinese_number(count)
        if value is not None:
            forms += [f"第{value}{unit}", f"{value}{unit}"]
        elif count.isdigit() and 0 < int(count) < 100:
            forms += [f"第{chinese_numeral(int(count))}{unit}", f"{chinese_numeral(int(count))}{unit}"]
        if count in ("一", "1"):
            forms.append(f"首{unit}")  # 第一次 is 首次, 第一届 首届
        return tuple(forms)
    if not figure.isdigit():
        return (figure,)
    number = int(figure)
    if 0 < number < 100:
        return figure, chinese_numeral(number)
    if 1000 <= number <= 2999:
        return figure, "".join(CN_DIGITS[int(d)] for d in figure)  # a year: 二〇三五
    return (figure,)


def words_elsewhere(text: str, named: list[str], others: list[str], byline: str = "") -> int | None:
    """The question names an article (by its author or title) but asks about what only
    other articles discuss: 欧阳澜对生活垃圾分类收费标准有什么建议 when 生活垃圾分类 is
    another author's subject. The named article cannot answer, and search stays in it.

    Here most of the question's words that the documents use are used by other articles
    only; returns the index in ``others`` of the one using most of them, or None."""
    if not named or not others:
        return None
    tokens = {t for t in tokenize(text) if len(t) >= 2 and re.search(r"[\u4e00-\u9fff]", t) and t not in byline}
    known = [t for t in tokens if any(t in x for x in named + others)]
    missing = [t for t in known if not any(t in x for x in named)]
    if len(missing) >= 2 and len(missing) > len(known) / 2:
        return max(range(len(others)), key=lambda i: sum(t in others[i] for t in missing))
    return None


def phrase_elsewhere(text: str, named: list[str], others: list[str], byline: str = "") -> int | None:
    """As words_elsewhere, read from a phrase another article prints and the named one uses
    no part of (长期护理保险: its words, 长期 and 护理, are everywhere; the phrase is in one
    other article only). Six characters at least, so that a paraphrase meeting another
    article's wording by chance (技术突破, 生产力具有) does not count. The index in
    ``others`` of that article."""
    if not named or not others:
        return None
    han = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    named_parts = set().union(*(_article_grams(x, 4) for x in named))
    for index, other in enumerate(others):
        fives = _article_grams(other, 5)
        shared = [han[i : i + 5] in fives for i in range(len(han) - 4)] + [False]
        start = None
        for i, hit in enumerate(shared):
            if hit and start is None:
                start = i
            elif not hit and start is not None:
                stretch, start = han[start : i + 4], None  # a run of shared 5-grams
                if len(stretch) >= 6 and stretch not in byline and not grams(stretch, 4) & named_parts:
                    return index
    return None


def grams(text: str, n: int) -> frozenset[str]:
    """Every n characters in a row of a text."""
    return frozenset(text[i : i + n] for i in range(len(text) - n + 1))


# The articles' are built once, then looked up; a question's own stretches are not kept.
_article_grams = lru_cache(maxsize=4096)(grams)


def chinese_words(text: str, byline: str = "") -> list[str]:
    """A question's search words with Chinese in them, less those naming the article asked about."""
    return [t for t in tokenize(text) if re.search(r"[\u4e00-\u9fff]", t) and t not in byline]


def coverage(words: list[str], passages: str) -> float:
    """The share of the words the passages print (0 for none: an English question)."""
    return sum(1 for t in words if t in passages) / len(words) if words else 0.0


@dataclass(frozen=True, eq=False)
class Documents:
    """What the signals read of the documents as a whole, built once per index, in
    simplified characters as questions are compared with them."""

    vocabulary: set[str] | frozenset[str]  # every word they use
    texts: tuple[str, ...] = ()  # each article's text
    names: tuple[str, ...] = ()  # their authors' names, longest first
    paragraphs: tuple[tuple[str, ...], ...] = ()  # their sentences, paragraph by paragraph
    posts: tuple[str, ...] = ()  # their authors' affiliations

    @cached_property
    def _joined(self) -> tuple[str, list[int], list[tuple[int, int]]]:
        # All sentences in one string, searched in C; where each starts, and which it is.
        starts, where, offset = [], [], 0
        for p, sentences in enumerate(self.paragraphs):
            for i, sentence in enumerate(sentences):
                starts.append(offset)
                where.append((p, i))
                offset += len(sentence) + 1
        return "\n".join(s for p in self.paragraphs for s in p), starts, where

    def _found(self, phrase: str) -> Iterator[int]:
        """The number of each sentence printing ``phrase``, once per time it prints it."""
        joined, starts, _ = self._joined
        at = joined.find(phrase)
        while at != -1:
            yield bisect_right(starts, at) - 1
            at = joined.find(phrase, at + 1)

    def with_previous(self, sentence: str) -> list[str]:
        """Each place the documents print ``sentence`` as a sentence of its own, with the one
        before it in its paragraph; just the sentence where they do not print it."""
        where = self._joined[2]
        found = [" ".join(self.paragraphs[p][max(0, i - 1) : i + 1])
                 for p, i in (where[k] for k in self._found(sentence)) if self.paragraphs[p][i] == sentence]
        return found or [sentence]

    def beside(self, phrase: str, most: int) -> list[str] | None:
        """Each sentence naming ``phrase`` with the next one of its paragraph; None when more
        than ``most`` sentences name it. The work grows with the sentences found, not the
        documents' size."""
        where = self._joined[2]
        found: dict[int, str] = {}
        for k in self._found(phrase):
            if k not in found:
                if len(found) == most:
                    return None
                p, i = where[k]
                found[k] = " ".join(self.paragraphs[p][i : i + 2])
        return list(found.values())


# Words after a place or body that show the question names an author by it (北京那篇未署名文章,
# 上海方面的学者, 燕山大学认为…).
_BY_POST = re.compile(r"作者|学者|专家|研究员|教授|老师|文章|一文|那篇|这篇|署名|文中|那位|这位|某位")
_SAYS = re.compile(r"(?:在文|在其|文中|认为|指出|提出|主张|强调|表示|建议|如何看|怎么看|怎样看|觉得|说|对)")


def _places_only_in_posts(text: str, documents: Documents) -> list[str]:
    """Places the documents print only in an author's post (上海市 in 上海市…研究中心研究员),
    asked about as places (上海应当如何布局元宇宙产业): no article says anything of them. Named
    as part of the post (上海市研究中心的那位研究员) or beside the author (复旦大学高帆认为,
    上海的高帆), they point to the author instead. ``text`` has the authors' names blanked out."""
    if not documents.texts or not documents.posts:
        return []
    out, at = [], 0
    for word, flag in tagged(text):
        start, at = at, at + len(word)
        if not flag.startswith(("ns", "nt")) or len(word) < 2:
            continue
        # A university or body may stand for its authors (燕山大学认为…, 复旦大学在文中提出).
        if flag.startswith("nt") and _SAYS.match(text[at : at + 6]):
            continue
        stem = _place_stem(word)
        if any(stem in t for t in documents.texts) or not any(stem in p for p in documents.posts):
            continue
        # An author's name beside it (blanked: 燕山大学 指出, 中央党校的 对), the author's kind
        # after it (北京那个未署名作者, 上海方面的学者) or words of the post (上海市研究中心).
        following = text[at : at + 8]
        if (text[max(0, start - 1) : start] == " " or " " in following[:3] or _BY_POST.search(following)
                or any(following[i : i + 2] in p for p in documents.posts for i in range(min(4, len(following) - 1)))):
            continue
        out.append(word)
    return out


def question_signals(text: str, documents: Documents, top_sentences: list[str], top_paragraphs: str,
                     elsewhere: bool = False, byline: str = "") -> dict[str, float]:
    """Signals of one question against its best candidate passages (``elsewhere``: see
    ``words_elsewhere``). Words that name the article asked about (``byline``: its
    authors and post: 北京市…研究中心特约研究员那篇文章) are not what is asked, so
    passages are not expected to hold them."""
    vocabulary = documents.vocabulary
    for name in documents.names:
        # 张亚明文中 is segmented 张亚|明文 (a "name" the documents never use) unless the
        # documents' own author names are taken out first.
        text = text.replace(name, " ")
    # Articles named side by side (谈高等教育和谈职业教育的两篇文章, 文化遗产一文和文旅融合一文)
    # are segmented 和谈 (peace talks) and 和文: "names" no page prints.
    words = re.sub(r"([和与及])(?=[谈文])", r"\1 ", text)
    tokens = chinese_words(words, byline)
    han = bool(tokens)
    unknown, nouns = unknown_terms(words, vocabulary) if han else ([], [])
    unknown = [t for t in unknown if t in tokens]
    # A fact asked about a place or organisation the documents never name (杭州市的产业园集聚了
    # 多少家企业, 美国农业部是哪一年成立的) is not in them, however close the passages about others look.
    nouns += _places_only_in_posts(words, documents)
    places = {w for w, flag in tagged(words) if w.lower() in nouns and flag.startswith(("ns", "nt", "nrt"))}
    asks_fact = bool(places) and bool(ASKS_DATE.search(text) or ASKS_ENTITY.search(text) or _asks_amount(text, ""))
    return {
        "coverage": coverage(tokens, top_paragraphs),
        "unknown_share": len(unknown) / len(tokens) if tokens else 0.0,
        "unknown_nouns": float(min(3, len(nouns))),
        "number_missing": float(answer_type_missing(text, top_sentences, documents)
                                or names_unknown_figure(text, [top_paragraphs]) or elsewhere or asks_fact),
    }
