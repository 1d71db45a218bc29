"""The thin public API that the CLI, the chat page and evaluation all call.

    from rag.api import Pipeline
    answer = Pipeline("index").ask("新质生产力的核心标志是什么？")
    answer.to_dict()   # the JSON of `rag ask --json`
"""

from __future__ import annotations

import gc
import itertools
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import register
from .answer import Answerer
from .calibration import load_calibration
from .crosslingual import is_latin
from .embed import get_embedder
from .errors import InputError
from .models import Answer, Article
from .query import (
    find_focus,
    is_follow_up,
    prepare,
    title_in_latin,
    without_subjects,
    without_titles,
)
from .store import StoredIndex
from .synonyms import expansions

if TYPE_CHECKING:
    import numpy as np

DEFAULT_TOP_K = 8


def _freeze_loaded() -> None:
    """Move what is loaded now (jieba's dictionary, CC-CEDICT twice, the Cilin thesaurus, the index's
    tables: a few hundred thousand objects that live as long as the process) out of the
    garbage collector's sight; each full pass over them stalled a question by 50-70 ms."""
    gc.collect()
    gc.freeze()


class Pipeline:
    """A loaded index plus its embedder; ``ask`` is thread-safe."""

    def __init__(self, index_dir: str | Path = "index", embedder: str | None = None) -> None:
        t0 = time.perf_counter()
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self.stored = StoredIndex(self.index_dir, expected_embedder=embedder)
        self.embedder = get_embedder(self.stored.manifest["embedder"])
        self._build()
        self.load_ms = (time.perf_counter() - t0) * 1000

    def _build(self) -> None:
        from .retrieve import Retriever

        self.calibration = load_calibration(self.stored.manifest["embedder"], self.index_dir)
        self.retriever = Retriever(self.stored)
        self.answerer = Answerer(self.stored, self.calibration)

    def warm_up(self) -> None:
        """Load the lazily imported helpers (traditional→simplified, pinyin, jieba, English) now.

        Long-lived callers (the page, batches) call this so their first
        English or traditional-character question is as fast as the rest.
        """
        from .clean import to_simplified
        from .lexicon import common_words
        from .query import pinyin_forms

        to_simplified("新質生產力")
        common_words()  # CC-CEDICT's common words, read on the first question naming an unknown "name"
        for article in self.stored.articles:
            for name in article.authors:
                pinyin_forms(name)
        self.ask("warm up 新质生产力")
        self.ask("What drives new quality productive forces?")  # the glossary and the cross-lingual encoder
        _freeze_loaded()

    def reload(self) -> None:
        """Pick up a rebuilt index (after an upload) without restarting."""
        stored = StoredIndex(self.index_dir)
        with self._lock:
            self.stored = stored
            self._build()
        _freeze_loaded()

    @property
    def articles(self) -> list[Article]:
        return self.stored.articles

    def _retrieve(self, question: str, top_k: int, articles: set[str] | None, mode: str,
                  previous: set[str] | None, timings: dict[str, float]):
        if top_k < 1:
            raise InputError("--top-k must be at least 1")
        t0 = time.perf_counter()
        query = prepare(question)
        with self._lock:
            retriever, answerer, stored = self.retriever, self.answerer, self.stored
        focus = find_focus(query.text, stored.articles_as_asked)
        if focus is None and previous and is_follow_up(query.text):
            focus = set(previous) & set(stored.article_by_id) or None
        if articles:
            unknown = set(articles) - set(stored.article_by_id)
            if unknown:
                raise InputError(f"unknown article id(s): {', '.join(sorted(unknown))}; see `rag docs`")
            focus = (focus & set(articles)) or set(articles) if focus else set(articles)
        query.focus = focus
        if focus:
            query.text = without_titles(query.text, [stored.article_as_asked_by_id[a] for a in focus])
            if len(focus) > 1 and not query.is_who:
                # Several articles named by subject (谈产业布局的文章和谈数实深度融合的文章) are each
                # searched for what is asked of all of them. One named so is searched with the
                # phrase left in: there it is often the question itself (提到…的文章是谁写的).
                # On the dev sets: 5 more questions cite their evidence; as many are refused.
                query.text = without_subjects(query.text, stored.articles_as_asked)
        latin = is_latin(query.text)
        building = None
        if latin and "glossary" not in vars(retriever):
            # The glossary (~0.7 s of Python, on the first English question only) is built while
            # the question is embedded, in native code that releases the GIL.
            building = threading.Thread(target=getattr, args=(retriever, "glossary"), daemon=True)
            building.start()
        elif latin and not focus:
            focus = self._title_named(query, retriever, stored) or focus
        t1 = time.perf_counter()
        qvec, xvec = self._embed(query.text, latin, stored)
        timings["embed"] = (time.perf_counter() - t1) * 1000
        if building:
            building.join()
            if not focus:
                # The first English question learns only now whether it names a title: embedded again.
                focus = self._title_named(query, retriever, stored)
                if focus:
                    t1 = time.perf_counter()
                    qvec, xvec = self._embed(query.text, latin, stored)
                    timings["embed"] += (time.perf_counter() - t1) * 1000
        if latin:
            query.terms = retriever.glossary.terms(query.text)
            absent = retriever.glossary.absent_names(query.text, answerer.document_pairs, answerer.authors_romanised)
            # A name the page prints in another form than the dictionary's (Dunhuang: 敦煌, not 炖煌);
            # looked up only when there is one, since tagging the documents takes a few tenths of a second.
            query.absent = [n for n in absent if n.replace(" ", "") not in answerer.words_romanised
                            and not set(n.split()) <= answerer.latin_printed] if absent else []
        else:
            # A colloquial question (东西造出来没人买) also searches in the written register (需求不足, 消费).
            # Embedding the formal reading as well gained one question per held-out set but
            # doubled the embedding time of long questions (past 50 ms), so only keywords and signals use it.
            reading = register.read(query.text, answerer.vocabulary)
            query.terms = reading.terms
            query.formal = reading.formal if reading.formal != query.text else None
            # So does a noun the documents say otherwise (土豆 → 马铃薯).
            query.terms += [w for w in expansions(reading.formal, answerer.vocabulary) if w not in query.terms]
        timings["prepare"] = (time.perf_counter() - t0) * 1000 - timings["embed"]
        t2 = time.perf_counter()
        if focus and len(focus) > 1:
            # Several articles named: each gets its own candidates, so the
            # answer can quote every one of them (高帆和刘海军分别怎么说？).
            per = [retriever.search(query.keyword_text, qvec, top_k=max(top_k, 12) // len(focus) + 2,
                                    articles={a}, mode=mode, crosslingual=xvec) for a in sorted(focus)]
            hits = [h for group in itertools.zip_longest(*per) for h in group if h is not None]
            for rank, hit in enumerate(hits, 1):
                hit.rank = rank
        else:
            hits = retriever.search(query.keyword_text, qvec, top_k=max(top_k, 12), articles=focus, mode=mode,
                                    crosslingual=xvec)
        timings["retrieve"] = (time.perf_counter() - t2) * 1000
        return query, qvec, xvec, hits, answerer

    def _embed(self, text: str, latin: bool, stored: StoredIndex) -> tuple[np.ndarray, np.ndarray | None]:
        """The question's vector, and for an English one its cross-lingual vector too."""
        qvec = self.embedder.embed_query(text)
        xvec = None
        if latin and stored.crosslingual_vectors is not None:
            xvec = get_embedder(stored.manifest["crosslingual"]["embedder"]).embed_query(text)
        return qvec, xvec

    @staticmethod
    def _title_named(query, retriever, stored: StoredIndex) -> set[str] | None:
        """Focus an English question naming an article by its title on it, and take the title
        out of the question: left in, its words lead to the paragraphs repeating them (see
        without_titles). The focus, or None."""
        named = title_in_latin(query.text, stored.articles_as_asked, retriever.glossary.terms)
        if not named:
            return None
        rest = re.sub(r"\s+", " ", query.text.replace(named[1], " ")).strip()
        query.focus = {named[0]}
        # What is left must still ask something ("Summarize the article on ." asks for the article).
        if len(re.findall(r"[A-Za-z]+", rest)) >= 5:
            query.text = rest
        return query.focus

    def ask(
        self, question: str, top_k: int = DEFAULT_TOP_K, articles: set[str] | None = None,
        mode: str = "hybrid", qid: str | None = None, previous: set[str] | None = None,
    ) -> Answer:
        """Answer one question with citations, or abstain with the nearest passages.

        ``articles`` limits the search to those article ids (page filters);
        ``previous`` holds the articles the last answer cited, so a follow-up
        (``他还提出了哪些措施？``) stays on them without another model call;
        ``mode`` is ``hybrid``, ``dense`` or ``bm25``.
        """
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        query, qvec, xvec, hits, answerer = self._retrieve(question, top_k, articles, mode, previous, timings)
        t3 = time.perf_counter()
        answer = answerer.author_answer(query) or answerer.summary_answer(query) or answerer.answer(query, qvec, hits, xvec)
        timings["answer"] = (time.perf_counter() - t3) * 1000
        if self.calibration.fitted_on.get("uncalibrated"):
            answer.warnings.append(
                f"abstention is not calibrated for embedder '{self.calibration.embedder}': "
                "run `rag calibrate eval/questions.jsonl`"
            )
        return _stamp(answer, query, timings, t0, qid)

    def ask_llm(
        self, question: str, llm, on_text=None, top_k: int = DEFAULT_TOP_K, passages: int = 6,
        articles: set[str] | None = None, previous: set[str] | None = None, qid: str | None = None,
    ) -> Answer:
        """A generative answer from ``llm`` over the top passages, citations checked.

        Raises ``LLMError`` when the model cannot be reached; callers decide
        whether to fall back to :meth:`ask`.
        """
        from .generate import generate_answer

        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        query, _qvec, _xvec, hits, answerer = self._retrieve(question, top_k, articles, "hybrid", previous, timings)
        given: list = []
        seen: set = set()
        for hit in hits:
            key = (hit.chunk.article_id, hit.chunk.paragraph)
            if key not in seen and len(given) < passages:
                seen.add(key)
                given.append(answerer.citation(len(given) + 1, *key, hit.score))
        t3 = time.perf_counter()
        answer = generate_answer(query.original, given, answerer.see_also(hits, set()), llm, on_text,
                                 list(query.warnings))
        timings["generate"] = (time.perf_counter() - t3) * 1000
        return _stamp(answer, query, timings, t0, qid)

    def show(self, doc_id: str, paragraph: int | None = None) -> list[tuple[Article, int, str]]:
        """(article, paragraph number, text) rows for an article or a whole document."""
        stored = self.stored
        if doc_id in stored.article_by_id:
            chosen = [stored.article_by_id[doc_id]]
        else:
            chosen = [a for a in stored.articles if a.doc_id == doc_id]
        if not chosen:
            known = ", ".join(sorted({a.doc_id for a in stored.articles} | set(stored.article_by_id)))
            raise InputError(f"no document or article '{doc_id}': known ids are {known}")
        rows = []
        for article in chosen:
            if paragraph is not None and not 1 <= paragraph <= len(article.paragraphs):
                raise InputError(
                    f"{article.article_id} has paragraphs 1–{len(article.paragraphs)}, not {paragraph}"
                )
            numbers = [paragraph] if paragraph else range(1, len(article.paragraphs) + 1)
            rows.extend((article, n, article.paragraphs[n - 1]) for n in numbers)
        return rows


def _stamp(answer: Answer, query, timings: dict[str, float], t0: float, qid: str | None) -> Answer:
    """Fill in what every answer reports besides its content: timings, id, focus."""
    timings["total"] = (time.perf_counter() - t0) * 1000
    answer.timings_ms = timings
    answer.id = qid
    answer.focus = sorted(query.focus) if query.focus else []
    return answer
