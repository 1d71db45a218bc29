"""How the answerer picks the sentences it cites (on a small index with the fake embedder)."""

from rag.answer import MARGIN, UNSURE_MARGIN, Scored
from rag.api import Pipeline
from rag.query import Query


def test_an_unsure_question_cites_runners_up_further_behind(fake_index):
    answerer = Pipeline(fake_index).answerer
    rows = answerer.stored.sentences
    first = next(i for i, r in enumerate(rows) if len(r["text"]) >= 20)  # no lead-in continued
    other = next(i for i, r in enumerate(rows) if (r["article_id"], r["paragraph"]) !=
                 (rows[first]["article_id"], rows[first]["paragraph"]))
    gap = (MARGIN + UNSURE_MARGIN) / 2  # beyond the usual margin, within the unsure one
    scored = [Scored(first, 1.0, 0.9, 1), Scored(other, 1.0 - gap, 0.8, 2)]
    query = Query(original="乡村振兴靠什么？", text="乡村振兴靠什么？", is_who=False, about_author=False)
    assert [s.index for s in answerer._select(query, scored)] == [first]
    assert sorted(s.index for s in answerer._select(query, scored, unsure=True)) == sorted([first, other])


def test_the_abstention_model_sees_an_english_questions_crosslingual_match(pipeline):
    english = pipeline.ask("What is the core sign of new quality productive forces?")
    chinese = pipeline.ask("新质生产力的核心标志是什么？")
    assert english.signals["crosslingual_dense"] > 0.3
    assert chinese.signals["crosslingual_dense"] == 0.0


def test_a_question_about_another_articles_subject_says_where_it_is_discussed(pipeline):
    answer = pipeline.ask("高帆如何看待数实深度融合中的工业软件研发？")
    assert any("谈到它的是赵险峰、张亚明" in w for w in answer.warnings)
    assert not any("谈到它的是" in w for w in pipeline.ask("高帆认为发展新质生产力应统筹兼顾哪些方面？").warnings)


def test_the_first_citation_weighs_its_paragraphs_retrieval_rank():
    from types import SimpleNamespace

    from rag.answer import Answerer, Scored

    answerer = Answerer.__new__(Answerer)
    answerer.stored = SimpleNamespace(sentences=[
        {"article_id": "a", "paragraph": 1}, {"article_id": "a", "paragraph": 2}, {"article_id": "a", "paragraph": 2}])
    close = [Scored(0, 1.00, 0.9, 3), Scored(2, 0.98, 0.9, 1), Scored(1, 0.90, 0.9, 1)]
    # Nearly tied sentences: the paragraph retrieval ranked first leads, in reading order.
    assert [s.index for s in answerer._in_reading_order(close, by_rank=True)] == [1, 2, 0]
    assert [s.index for s in answerer._in_reading_order(close)] == [0, 1, 2]  # a named article: score alone
    far = [Scored(0, 1.20, 0.9, 3), Scored(2, 0.98, 0.9, 1)]
    assert [s.index for s in answerer._in_reading_order(far, by_rank=True)] == [0, 2]


def test_an_english_name_spelled_as_the_page_prints_it_in_pinyin_is_not_absent(fake_index):
    """A dictionary form of a place may differ from the print (CC-CEDICT's Dunhuang entries
    give 炖煌 and 敦煌; a page may print neither). The page's own words in pinyin decide."""
    p = Pipeline(fake_index)
    romanised = p.answerer.words_romanised
    assert "Chengshi" in romanised  # 城市 in the tagged 城市更新
    assert "Xiangcun" not in romanised  # 乡村 is no name: any two characters would let 转化为 stand for Huawei
    assert "Nongxue" in romanised  # 农学院, printed only in an author's note (Yanshan University: 燕山大学)
    glossary = p.retriever.glossary
    printed = frozenset({"燉煌"})
    assert glossary.absent_names("How many visits did Dunhuang receive?", printed) == ["Dunhuang"]
    assert glossary.absent_names("How many visits did Dunhuang receive?", printed, frozenset({"Dunhuang"})) == []


def test_a_name_the_page_prints_in_latin_letters_is_not_absent(tmp_path):
    """村BA is printed as it is; CC-CEDICT's BA (学士) is not what an English question
    about the Village BA names."""
    from rag.ingest import ingest

    page = tmp_path / "docs" / "sport.txt"
    page.parent.mkdir()
    page.write_text("群众体育\n张三\n\n2023年，“村BA”升级为全国和美乡村篮球大赛，带动当地旅游。\n\n（作者系某某体育学院教授）\n",
                    encoding="utf-8")
    ingest([page], tmp_path / "index", embedder_name="fake")
    p = Pipeline(tmp_path / "index")
    assert "BA" in p.answerer.latin_printed
    a = p.ask('What did the "Village BA" basketball games grow into in 2023?')
    assert a.signals["unknown_nouns"] == 0
    assert p.ask('What did the "Germany BA" basketball games grow into in 2023?').signals["unknown_nouns"] >= 1
