"""Extractive answers: the few source sentences that answer, each with its citation.

No language model: sentences of the retrieved paragraphs are scored against
the question (embedding similarity plus keyword overlap), the best are kept
without repeats, and each carries the marker of the paragraph it came from.
Whether to answer at all is decided by ``confidence``, a logistic model over
retrieval signals calibrated on questions with and without answers
(``rag calibrate``).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .calibration import Calibration
from .clean import han_bigrams, longest_common
from .crosslingual import is_latin
from .keywords import KeywordIndex, tokenize
from .models import Answer, Article, Citation, Hit
from .names import romanised
from .query import Query
from .signals import (
    Documents,
    chinese_words,
    coverage,
    grams,
    phrase_elsewhere,
    question_signals,
    words_elsewhere,
)
from .store import StoredIndex

ABSTAIN_TEXT = "文档中没有找到能回答这个问题的内容。以下是最接近的段落，供参考。"
ABSTAIN_TEXT_EN = "The documents do not answer this question. The nearest passages follow, for reference."


def abstain_text(question: str) -> str:
    """The refusal in the language asked in (the passages stay in theirs)."""
    return ABSTAIN_TEXT_EN if is_latin(question) else ABSTAIN_TEXT
_LONG_FORM = re.compile(r"哪些|措施|如何|怎样|怎么|为什么|为何|途径|路径|举措|分别|区别|比较|异同|几个方面|\bhow\b|\bwhy\b|\bwhat measures\b|\bcompare\b|\bwhich\b.*\bboth\b", re.I)
# Questions whose evidence lies in several articles: answer with the best sentence of each.
_ACROSS = re.compile(r"各篇|哪些文章|哪几篇|几篇|不同作者|各位作者|哪些作者|哪几位|都提到|都认为|共同|"
                     r"\b(?:which|what) articles\b|\beach (?:author|article)\b|\bboth\b|\ball (?:the )?(?:authors|articles)\b",
                     re.I)
ACROSS_MARGIN = 0.2
FACTOID_BUDGET, LONG_BUDGET = 300, 450
MARGIN = 0.1  # how far below the best sentence another may score and still be cited
# ... when few of the question's words are in the passages found: on the held-out sets and pages,
# 7 more of 512 answerable questions cited their evidence, citation precision 0.865 → 0.829.
UNSURE_MARGIN = 0.2
MAX_SENTENCES = 3
SPAN_WEIGHT = 0.3
# How much a sentence's paragraph (its best chunk's cosine to the question) counts beside the
# sentence's own cosine. A question whose words the passages print is answered by the sentence
# that prints them; for a paraphrase (fewer than half its words in the top passages), a
# paragraph's meaning is steadier than one sentence's. On the 23 dev sets
# and pages (1648 answerable questions), evidence in a citation with one weight for all:
# 0.5: 1544, 1: 1547, 2.5: 1554, 4: 1567, 5: 1569, 7: 1571, 10: 1566, 15: 1556; but at 6 the
# sentence repeating 新质生产力的核心标志 lost first place to its paragraph's neighbour, so
# worded questions keep 0.5 (1566: paraphrase first citation 0.633 → 0.669), and so do
# questions naming an article, in Chinese or in English (see score_sentences): 1561 of 1648,
# paraphrases' evidence in a citation 0.764 → 0.815.
PARAGRAPH_WEIGHT, PARAPHRASE_PARAGRAPH_WEIGHT = 0.5, 6.0
# Which chosen citation comes first: its sentence's score plus this over its paragraph's retrieval
# rank (Chinese questions that name no article). Over 1088 held-out questions, 9 more cite their
# evidence first (chosen citations unchanged); weighing the rank in choosing them as well cost
# evidence (1 question) and was not kept.
ORDER_RANK_WEIGHT = 0.1
SUMMARY_BUDGET = 260
# How much closer than the other article's best sentence the named article's must come to the
# question for the named article to be the one asked about (see discussed_elsewhere). On the 38
# dev sets and pages: 0.01 answers 4 more of 2816 answerable questions and catches as many of 704
# unanswerable ones; 0 answers 5 more but lets 3 through; 0.02 answers 2 more.
ELSEWHERE_MARGIN = 0.01
# What a request for an article's gist says besides naming the article.
_GIST_WORDS = set("讲 讲了 讲的 讲述 说 说了 写 写了 谈 谈了 论述 介绍 概括 总结 归纳 内容 主要 主要内容 观点 主要观点 核心 核心观点 "
                  "大意 主旨 要点 中心 思想 中心思想 论点 篇 这篇 那篇 一篇 最后 最后一篇 第一篇 第二篇 第三篇 第四篇 第五篇 "
                  "文 一下 下 请 的 了 是 在 什么 哪些 有 了什么 啥 讲啥 说啥 总体 整体 基本".split())
_GIST_EN = re.compile(r"\b(?:summar\w*|gist|overview|main (?:points?|ideas?|arguments?)|what is (?:it|the article|this article)"
                      r"(?: by [\w ]+)? about|what does (?:it|the article|this article) say)\b", re.I)


def asks_for_summary(text: str, articles: list[Article]) -> bool:
    """Nothing asked beyond naming an article: its words are all author, title or gist words."""
    if re.search(r"[A-Za-z]{3}", text):
        return bool(_GIST_EN.search(text))
    names = {t for a in articles for n in a.authors for t in tokenize(n)}
    rest = [t for t in tokenize(text) if t not in _GIST_WORDS and t not in names and not re.fullmatch(r"第?[一二三四五六七八九十\d]+篇?", t)]
    return not rest and bool(re.search(r"讲|说|写|谈|论述|介绍|概括|总结|归纳|内容|观点|大意|主旨|要点|思想|论点", text))


@dataclass
class Scored:
    index: int  # into StoredIndex.sentences
    score: float
    dense: float
    hit_rank: int


def citation_label(article: Article, paragraph: int) -> str:
    """作者《标题》第N段 — authors if printed, else the affiliation."""
    title = f"《{article.title}》" if article.title else f"〔{article.label}〕"
    return f"{article.byline}{title}第{paragraph}段"


def _similar(a: str, b: str) -> bool:
    ga, gb = set(han_bigrams(a)), set(han_bigrams(b))
    if not ga or not gb:
        return a == b
    return len(ga & gb) / min(len(ga), len(gb)) > 0.6


class Answerer:
    def __init__(self, stored: StoredIndex, calibration: Calibration) -> None:
        self.stored = stored
        self.calibration = calibration
        self.sentence_keywords = KeywordIndex(stored.sentence_bm25_dir, len(stored.sentences))
        self.vocabulary = self.sentence_keywords.vocabulary() | {
            t for a in stored.articles_as_asked for t in tokenize(" ".join([*a.authors, a.affiliation or "", a.title or ""]))
        }
        # Compared with questions in simplified characters (store.py converts pages printed in traditional ones).
        self._article_texts = tuple("".join(a.paragraphs) for a in stored.articles_as_asked)
        self._author_names = tuple(sorted({n for a in stored.articles_as_asked for n in a.authors}, key=len, reverse=True))
        self._sentences_of: dict[tuple[str, int], list[int]] = defaultdict(list)
        in_article: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(stored.sentences):
            self._sentences_of[(s["article_id"], s["paragraph"])].append(i)
            in_article[s["article_id"]].append(i)
        self._sentences_in = {a.article_id: np.array(in_article[a.article_id], dtype=int) for a in stored.articles_as_asked}
        # In simplified characters, as questions are compared with them.
        self._documents = Documents(self.vocabulary, self._article_texts, self._author_names,
                                    tuple(tuple(stored.sentences_as_asked[i] for i in v) for v in self._sentences_of.values()),
                                    tuple(a.affiliation for a in stored.articles_as_asked if a.affiliation))

    def citation(self, marker: int, article_id: str, paragraph: int, score: float, sentence: str = "") -> Citation:
        article = self.stored.article_by_id[article_id]
        return Citation(
            marker=marker, doc_id=article_id, title=article.title, authors=list(article.authors),
            affiliation=article.affiliation, paragraph=paragraph, text=article.paragraphs[paragraph - 1],
            score=round(float(score), 4), sentence=sentence, label=citation_label(article, paragraph),
        )

    # These three serve English questions only, so are built on the first one, not at load
    # (pypinyin alone takes ~0.2 s).
    @functools.cached_property
    def authors_romanised(self) -> frozenset[str]:
        """The authors' surnames and given names in pinyin: 赵险峰 → Zhao, Xianfeng."""
        return frozenset(part for a in self.stored.articles_as_asked for name in a.authors
                         for part in romanised(name) if part)

    @functools.cached_property
    def words_romanised(self) -> frozenset[str]:
        """The places, names and organisations the documents print (and their notes), in pinyin,
        capitalised (敦煌 → Dunhuang): an English question spelling one names no
        absent thing, whatever form the dictionary gives for it (炖煌). Only words tagged as
        names, with their parts (敦煌 in 敦煌研究院): any two characters in a row would let
        转化为 stand for Huawei."""
        from pypinyin import lazy_pinyin

        from .keywords import tagged

        runs = set()
        # Notes too: the authors' posts name places and bodies (燕山大学: Yanshan University).
        notes = [a.note or "" for a in self.stored.articles_as_asked]
        for text in (*self._article_texts, *notes):
            for word, flag in tagged(text):
                if flag.startswith(("nr", "ns", "nt", "nz")) and len(word) >= 2:
                    syllables = lazy_pinyin(word)
                    runs.update("".join(syllables[i:j]).capitalize()
                                for i in range(len(word) - 1) for j in range(i + 2, min(i + 4, len(word) + 1)))
        return frozenset(runs)

    @functools.cached_property
    def latin_printed(self) -> frozenset[str]:
        """Words in Latin letters the documents print themselves (村BA, GDP, 5G): an English
        question using one names nothing they lack."""
        return frozenset(w for a in self.stored.articles_as_asked for t in (*a.paragraphs, a.title or "", a.note or "")
                         for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", t))

    @functools.cached_property
    def document_pairs(self) -> frozenset[str]:
        """Every two characters in a row the documents print, to look an English question's names up in."""
        return frozenset().union(*(grams(t, 2) for a in self.stored.articles_as_asked
                                   for t in (*a.paragraphs, a.title or "", a.note or "")))

    def score_sentences(self, query: Query, qvec: np.ndarray, hits: list[Hit], paragraphs: int = 6,
                        crosslingual: np.ndarray | None = None) -> list[Scored]:
        """Sentences of the top paragraphs, best first.

        Rank fusion finds the paragraphs; inside them a sentence is scored on
        raw signals, because here their sizes carry meaning: its own cosine
        to the question, its paragraph's best chunk cosine (weighed far more
        for a paraphrase: see PARAGRAPH_WEIGHT), and BM25 of the sentence and
        of the paragraph's best chunk (each scaled by the best candidate so
        one question's numbers compare with another's).
        """
        para: dict[tuple[str, int], dict] = {}
        for hit in hits:
            key = (hit.chunk.article_id, hit.chunk.paragraph)
            if key not in para:
                if len(para) >= paragraphs:
                    continue
                para[key] = {"rank": hit.rank, "dense": hit.dense, "keyword": hit.keyword}
            else:
                para[key]["dense"] = max(para[key]["dense"], hit.dense)
                para[key]["keyword"] = max(para[key]["keyword"], hit.keyword)
        idx = [i for key in para for i in self._sentences_of.get(key, [])]
        if not idx:
            return []
        dense = self.stored.sentence_vectors[idx] @ qvec
        q_tokens = tokenize(query.keyword_text)
        keyword = self.sentence_keywords.scores(q_tokens)[idx] if q_tokens else np.zeros(len(idx))
        top_kw = float(keyword.max()) or 1.0
        top_chunk_kw = max(p["keyword"] for p in para.values()) or 1.0
        q_han = re.sub(r"[^\u4e00-\u9fff]", "", query.text)
        top = "".join(self.stored.article_as_asked_by_id[a].paragraphs[n - 1] for a, n in list(para)[:3])
        # Inside a named article the paragraphs repeating its title's words are closest to the
        # question as a whole (see _select); so they are for an English question, which may
        # name one by its title without the focus reading it. There the sentence decides.
        words = chinese_words(query.formal or query.text)
        worded = bool(query.focus) or is_latin(query.text) or not words or coverage(words, top) >= 0.5
        paragraph_weight = PARAGRAPH_WEIGHT if worded else PARAPHRASE_PARAGRAPH_WEIGHT
        # An English question is also matched sentence to sentence by the cross-lingual encoder.
        bridge = (self.stored.crosslingual_vectors[idx] @ crosslingual
                  if crosslingual is not None and self.stored.crosslingual_vectors is not None else np.zeros(len(idx)))
        scored = []
        for i, d, kw, xl in zip(idx, dense, keyword, bridge):
            row = self.stored.sentences[i]
            p = para[(row["article_id"], row["paragraph"])]
            # The longest stretch of the question found verbatim in the sentence:
            # "形成新质生产力的核心标志是什么" is answered by the sentence that
            # repeats "新质生产力的核心标志", not by one that merely shares words.
            span = len(longest_common(q_han, self.stored.sentences_as_asked[i])) / len(q_han) if q_han else 0.0
            score = (float(d) + paragraph_weight * p["dense"] + 0.2 * float(kw) / top_kw + 0.2 * p["keyword"] / top_chunk_kw
                     + SPAN_WEIGHT * span + float(xl))
            scored.append(Scored(i, score, float(d), p["rank"]))
        scored.sort(key=lambda s: -s.score)
        return scored

    def discussed_elsewhere(self, query: Query, qvec: np.ndarray) -> Article | None:
        """The article that discusses what a question asks of another, named one (see
        ``signals.words_elsewhere``): 欧阳澜对生活垃圾分类收费… → the article on 垃圾分类."""
        if not query.focus or len(query.focus) != 1:
            return None
        (focus,) = query.focus
        article = self.stored.article_as_asked_by_id[focus]
        pairs = [(a, t) for a, t in zip(self.stored.articles_as_asked, self._article_texts) if a.article_id != focus]
        byline = "".join([*article.authors, article.affiliation or "", article.title or ""])
        text, named, others = query.formal or query.text, ["".join(article.paragraphs)], [t for _, t in pairs]
        # A phrase another article prints word for word (扩大公共数据授权) settles it.
        index = phrase_elsewhere(text, named, others, byline)
        if index is None:
            index = words_elsewhere(text, named, others, byline)
            # Words counted one by one say only which article uses the question's wording, and a
            # paraphrase uses another's (老牌行业想翻身，刘海军觉得…: 行业 and 变化 are 高帆's words).
            # Where the named article holds the sentence closest in meaning, by a clear margin,
            # it is the one asked about.
            if index is not None and self._closest_in(focus, qvec) > \
                    self._closest_in(pairs[index][0].article_id, qvec) + ELSEWHERE_MARGIN:
                return None
        return None if index is None else self.stored.article_by_id[pairs[index][0].article_id]

    def _closest_in(self, article_id: str, qvec: np.ndarray) -> float:
        rows = self._sentences_in[article_id]
        return float((self.stored.sentence_vectors[rows] @ qvec).max()) if len(rows) else 0.0

    def features(self, query: Query, hits: list[Hit], scored: list[Scored],
                 crosslingual: np.ndarray | None = None, elsewhere: bool = False) -> dict[str, float]:
        """Signals the calibrated abstention model weighs (see signals.py)."""
        best = scored[0] if scored else None
        han = sum(1 for c in query.text if "\u4e00" <= c <= "\u9fff")
        top_rows = [self.stored.sentences[s.index] for s in scored[:3]]
        paragraphs = {(r["article_id"], r["paragraph"]) for r in top_rows}
        text = "".join(self.stored.article_as_asked_by_id[a].paragraphs[n - 1] for a, n in paragraphs)
        feats = {
            "sentence_dense": best.dense if best else 0.0,
            "chunk_dense": max((h.dense for h in hits), default=0.0),
            "han_share": han / max(1, len(query.text.replace(" ", ""))),
            # An English question's best match by the cross-lingual encoder: e5's cosines
            # between English and Chinese barely tell related from unrelated.
            "crosslingual_dense": (float((self.stored.crosslingual_vectors @ crosslingual).max())
                                   if crosslingual is not None and self.stored.crosslingual_vectors is not None
                                   and len(self.stored.crosslingual_vectors) else 0.0),
        }
        # Colloquial words the corpus never uses (砸钱, 打工) are not a sign of a question
        # it cannot answer, so the signals read the formal wording where there is one.
        top_sentences = [self.stored.sentences_as_asked[s.index] for s in scored[:3]]
        named = [self.stored.article_as_asked_by_id[a] for a in sorted(query.focus or ())]
        # How the question names the article (its authors, its post), not its title, whose
        # words are often the very subject asked about (高帆如何看待新质生产力).
        byline = "".join(x for a in named for x in [*a.authors, a.affiliation or ""])
        feats.update(question_signals(query.formal or query.text, self._documents, top_sentences, text, elsewhere, byline))
        if query.absent:
            # An English question's names (Germany, Nobel) stand in for the Chinese nouns
            # the signals cannot read in it.
            feats["unknown_nouns"] = max(feats["unknown_nouns"], float(min(3, len(query.absent))))
        return feats

    def summary_answer(self, query: Query) -> Answer | None:
        """``第四篇文章讲了什么？`` — a named article and nothing else asked: its opening
        sentences, one per paragraph, each cited (a newspaper article states its
        argument in its paragraphs' first sentences)."""
        if not (query.focus and len(query.focus) <= 3 and asks_for_summary(query.text, self.stored.articles_as_asked)):
            return None
        parts, citations = [], []
        for article_id in sorted(query.focus):
            article = self.stored.article_by_id[article_id]
            budget = SUMMARY_BUDGET // len(query.focus)
            for n in range(1, len(article.paragraphs) + 1):
                first = self._sentences_of.get((article_id, n))
                if not first:
                    continue
                sentence = self.stored.sentences[first[0]]["text"]
                if parts and budget - len(sentence) < 0:
                    break
                budget -= len(sentence)
                citations.append(self.citation(len(citations) + 1, article_id, n, 1.0, sentence))
                parts.append(f"{sentence}[{len(citations)}]")
        if not citations:
            return None
        return Answer(query.original, "".join(parts), False, citations, [], list(query.warnings), confidence=1.0)

    def author_answer(self, query: Query) -> Answer | None:
        """``高帆的职务是什么？`` — answered from the author note of the named article."""
        if not (query.about_author and query.focus and len(query.focus) <= 2):
            return None
        articles = [self.stored.article_by_id[a] for a in sorted(query.focus)]
        if not all(a.note and a.authors for a in articles):
            return None
        parts, citations = [], []
        for i, a in enumerate(articles, 1):
            title = f"《{a.title}》" if a.title else f"〔{a.label}〕"
            citations.append(Citation(i, a.article_id, a.title, list(a.authors), a.affiliation, None, a.note or "",
                                      1.0, a.note or "", f"{a.byline}{title}作者注", "note"))
            parts.append(f"{'、'.join(a.authors)}：{a.affiliation}。[{i}]")
        return Answer(query.original, "".join(parts), False, citations, [], list(query.warnings), confidence=1.0)

    def answer(self, query: Query, qvec: np.ndarray, hits: list[Hit], crosslingual: np.ndarray | None = None) -> Answer:
        # Questions naming several articles want each of them quoted.
        across = bool(_ACROSS.search(query.text)) or bool(query.focus and len(query.focus) > 1)
        # Each named article keeps three candidate paragraphs however many are named (up to
        # thirty in all, which bounds the work of one question).
        paragraphs = min(30, max(10, 3 * len(query.focus or ()))) if across else 6
        scored = self.score_sentences(query, qvec, hits, paragraphs=paragraphs, crosslingual=crosslingual)
        other = self.discussed_elsewhere(query, qvec)
        feats = self.features(query, hits, scored, crosslingual, elsewhere=other is not None)
        confidence = self.calibration.confidence(feats)
        warnings = list(query.warnings)
        if other is not None:
            title = f"《{other.title}》" if other.title else f"〔{other.label}〕"
            warnings.append(f"所问文章没有谈到这一点；谈到它的是{other.byline}{title}。")
        if not scored or confidence < self.calibration.threshold:
            return Answer(query.original, abstain_text(query.text), True, [], self.see_also(hits, set()),
                          warnings, confidence=confidence, signals=feats)
        chosen = (self._select_across(scored, named=query.focus) if across
                  # Unsure: a paraphrase (few of its words in the passages found) or an English
                  # question (coverage counts Chinese words only, so it is 0 there; matched across
                  # languages, its evidence is often second: 1 question more of 552 cite it).
                  else self._select(query, scored, unsure=feats["coverage"] < 0.5))
        markers: dict[tuple[str, int], int] = {}
        parts: list[str] = []
        citations: list[Citation] = []
        for s in chosen:
            row = self.stored.sentences[s.index]
            key = (row["article_id"], row["paragraph"])
            if key not in markers:
                markers[key] = len(markers) + 1
                citations.append(self.citation(markers[key], *key, s.score, row["text"]))
            else:
                citations[markers[key] - 1].sentence += row["text"]
            parts.append(f"{row['text']}[{markers[key]}]")
        text = "".join(parts)
        if query.is_who:
            text = self._who_prefix(citations) + text
        return Answer(query.original, text, False, citations, self.see_also(hits, set(markers)),
                      warnings, confidence=confidence, signals=feats)

    def _select(self, query: Query, scored: list[Scored], unsure: bool = False) -> list[Scored]:
        """The best sentence, plus close runners-up from other paragraphs.

        A runner-up from another paragraph is worth more to a reader checking
        the claim than a neighbour of the best sentence: when retrieval is
        unsure, the evidence is then still among the citations. ``unsure``
        (fewer than half the question's words are in the passages found: a
        paraphrase) lets runners-up further behind in.
        """
        budget = LONG_BUDGET if _LONG_FORM.search(query.text) else FACTOID_BUDGET
        best = scored[0].score
        margin = UNSURE_MARGIN if unsure else MARGIN
        chosen = [scored[0]]
        first = self.stored.sentences[scored[0].index]
        paragraphs = {(first["article_id"], first["paragraph"])}
        used = len(first["text"])
        follower = self._continuation(scored[0])
        if follower is not None:
            # "三是加快未来产业布局。" only names the point; the next sentence makes it.
            chosen.append(follower)
            used += len(self.stored.sentences[follower.index]["text"])
        for s in scored[1:]:
            row = self.stored.sentences[s.index]
            key = (row["article_id"], row["paragraph"])
            if key in paragraphs or s.score < best - margin or used + len(row["text"]) > budget:
                continue
            if len(chosen) >= MAX_SENTENCES or any(_similar(row["text"], self.stored.sentences[c.index]["text"])
                                                   for c in chosen):
                continue
            chosen.append(s)
            paragraphs.add(key)
            used += len(row["text"])
        # Within a named article, retrieval ranks the paragraphs repeating the words that name
        # it (its title) first, so there its rank says little about the answer; so it does for
        # an English question, whose keyword side is dictionary words of the whole question.
        return self._in_reading_order(chosen, by_rank=not query.focus and not is_latin(query.text))

    def _continuation(self, lead: Scored, short: int = 20) -> Scored | None:
        """The sentence after a short lead-in sentence of the same paragraph."""
        row = self.stored.sentences[lead.index]
        nxt = lead.index + 1
        if len(row["text"]) >= short or nxt >= len(self.stored.sentences):
            return None
        after = self.stored.sentences[nxt]
        if (after["article_id"], after["paragraph"]) != (row["article_id"], row["paragraph"]):
            return None
        return Scored(nxt, lead.score, lead.dense, lead.hit_rank)

    def _select_across(self, scored: list[Scored], most: int = 4, named: set[str] | None = None) -> list[Scored]:
        """The best sentence of each article that comes close to the best overall
        (of each named article, however far behind)."""
        best, chosen, articles = scored[0].score, [], set()
        named = named if named and len(named) > 1 else set()
        for s in scored:
            article = self.stored.sentences[s.index]["article_id"]
            if article in articles or (s.score < best - ACROSS_MARGIN and article not in named):
                continue
            chosen.append(s)
            articles.add(article)
            if len(chosen) >= max(most, len(named)):
                break
        return self._in_reading_order(chosen)

    def _in_reading_order(self, chosen: list[Scored], by_rank: bool = False) -> list[Scored]:
        """Best evidence first; sentences of one paragraph stay in reading order.

        With ``by_rank``, "best" also weighs how high retrieval ranked the sentence's
        paragraph, which sums up the whole paragraph's keyword and dense evidence
        (ORDER_RANK_WEIGHT)."""
        lead: dict[tuple[str, int], float] = {}
        for s in chosen:
            row = self.stored.sentences[s.index]
            lead.setdefault((row["article_id"], row["paragraph"]),
                            -s.score - (ORDER_RANK_WEIGHT / s.hit_rank if by_rank else 0.0))
        return sorted(chosen, key=lambda s: (lead[(self.stored.sentences[s.index]["article_id"],
                                                   self.stored.sentences[s.index]["paragraph"])], s.index))

    def _who_prefix(self, citations: list[Citation]) -> str:
        names = []
        for c in citations:
            article = self.stored.article_by_id[c.doc_id]
            who = "、".join(article.authors) if article.authors else f"{article.affiliation}（未署名）"
            if article.authors and article.affiliation:
                who += f"（{article.affiliation}）"
            if who not in names:
                names.append(who)
        return "；".join(names) + "。依据：" if names else ""

    def see_also(self, hits: list[Hit], exclude: set[tuple[str, int]], limit: int = 3) -> list[Citation]:
        out: list[Citation] = []
        seen = set(exclude)
        for hit in hits:
            key = (hit.chunk.article_id, hit.chunk.paragraph)
            if key in seen:
                continue
            seen.add(key)
            out.append(self.citation(len(out) + 1, *key, hit.dense, hit.chunk.text))
            if len(out) >= limit:
                break
        return out
