"""Colloquial questions read in the written register, and found through it."""

import pytest

from rag.register import read, table


def test_colloquial_phrases_get_their_formal_words_longest_first():
    reading = read("东西造出来没人买咋办")
    assert "需求不足" in reading.terms
    assert "没人买" not in reading.formal and "咋" not in reading.formal


def test_a_one_character_entry_inside_a_longer_word_is_left_alone():
    assert read("令人咋舌的变化").terms == []
    assert read("令人咋舌的变化").formal == "令人咋舌的变化"


def test_formal_questions_are_read_as_they_are():
    question = "新质生产力的核心标志是什么？"
    assert read(question).formal == question


def test_the_table_is_well_formed():
    entries = table()
    assert len(entries) > 300
    for key, formal in entries.items():
        assert key and formal and key not in formal, key
        assert all(w.strip() == w and w for w in formal), key


@pytest.mark.parametrize("question, quote", [
    ("我国的工厂怎样才能在国际分工中爬到更高的位置？", "迈向全球价值链中高端"),  # 工厂 → 制造业
    ("凭什么让公司来挑创新的大梁？", "企业离市场最近"),  # 公司 → 企业
])
def test_a_colloquial_question_cites_the_formal_passage(pipeline, question, quote):
    a = pipeline.ask(question)
    assert not a.abstained
    assert any(quote in c.text for c in a.citations), [c.label for c in a.citations]


def test_a_phrase_inside_a_longer_word_is_left_alone():
    for text in ["东西部协作怎么推进？", "工厂化养殖", "OpenAI的模型", "改革够不够？"]:
        assert read(text).formal == text and read(text).terms == [], text
    # jieba splits 打工人 as 打|工人: a phrase across words is still read.
    assert "就业" in read("普通打工人的饭碗会变少吗？").terms


def test_a_phrase_starting_inside_a_word_is_left_alone():
    # 老产业 across 养老|产业, 进城 across 推进|城乡, 有企业 across 我国|企业: none was said.
    for text in ["作者对养老产业发展有什么看法？", "如何推进城乡社会保障体系一体化？", "我国企业建设的海外仓有多少个？"]:
        assert read(text).formal == text, text
    # A word jieba only guessed (说卡) does not hide the phrase cut from it (卡在哪).
    assert read("刘海军说卡在哪儿？").formal != "刘海军说卡在哪儿？"


def test_a_phrase_the_documents_use_is_kept_as_written():
    # 芯片 is in the table (→ 集成电路), but where the text says 芯片 the question means it.
    assert "集成电路" in read("种子是农业的芯片吗？").terms
    assert read("种子是农业的芯片吗？", known={"芯片", "种子"}).formal == "种子是农业的芯片吗？"
