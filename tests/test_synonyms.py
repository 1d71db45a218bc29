"""Synonyms from the Cilin thesaurus: what the documents call a question's words."""

from rag.synonyms import expansions, said_otherwise


def test_a_noun_the_documents_say_otherwise_is_expanded_to_their_word():
    vocabulary = {"马铃薯", "人民", "产业"}
    assert "马铃薯" in expansions("当年救急的土豆如今成了什么？", vocabulary)
    assert "人民" in expansions("老百姓为什么富不起来？", vocabulary)


def test_function_words_and_words_the_documents_use_are_not_expanded():
    assert expansions("城里的空气到底干净了多少？", {"数据", "彻底"}) == []
    assert expansions("土豆产业怎么样？", {"土豆", "马铃薯", "产业"}) == []


def test_said_otherwise_needs_a_synonym_of_two_characters_in_the_vocabulary():
    assert said_otherwise("庄稼人", {"农民"})
    assert not said_otherwise("庄稼人", {"农"})
    assert not said_otherwise("高考", {"农民"})
