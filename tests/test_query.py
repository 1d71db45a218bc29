"""Question preparation: titles named loosely, English questions given Chinese search words."""

from __future__ import annotations

from rag.crosslingual import Glossary, is_latin, stem
from rag.models import Article
from rag.query import prepare, without_titles


def _article(title: str) -> Article:
    return Article("d/1", "d", 1, title, ["某人"], "某大学", None, 1, ["正文。"])


def test_a_title_quoted_without_its_particles_is_taken_out():
    art = _article("系统谋划新质生产力的产业布局")
    text = without_titles("系统谋划新质生产力产业布局，需要统筹推进哪三方面的产业工作？", [art])
    assert "谋划" not in text and "布局" not in text and "统筹推进哪三方面的产业工作" in text


def test_a_title_barely_echoed_is_left_alone():
    art = _article("系统谋划新质生产力的产业布局")
    question = "新质生产力的核心标志是什么？"
    assert without_titles(question, [art]) == question


def test_stem_meets_plural_and_verb_forms():
    assert stem("forces") == stem("force")
    assert stem("emerging") == stem("emerge")
    assert stem("required") == stem("require")
    assert stem("applied") == stem("apply") == stem("applies") == stem("applying")
    assert stem("news") != stem("new")


def test_glossary_gives_corpus_words_for_english_phrases():
    vocab = {"活跃", "因素", "生产力", "新兴", "需求", "企业", "新", "猫"}
    terms = Glossary(vocab).terms("What is the most active factor of productive forces?")
    assert {"活跃", "因素", "生产力"} <= set(terms)
    assert "猫" not in terms  # in the vocabulary but not asked about
    assert "新" not in Glossary(vocab).terms("new firms")  # one character: too ambiguous
    assert "企业" in Glossary(vocab).terms("new firms")


def test_glossary_names_the_english_names_the_documents_lack():
    glossary = Glossary(set())
    text = "德国的高速公路和中央委员会的决定"
    documents = {text[i : i + 2] for i in range(len(text) - 1)}
    assert glossary.absent_names("What is the speed limit on Germany's autobahns?", documents) == []
    assert glossary.absent_names("How does Singapore price its roads?", documents) == ["Singapore"]
    assert glossary.absent_names("How does the US Social Security trust fund work?", documents) == ["US"]
    # The longest name first; a name the dictionary lacks (a romanised person's name) says nothing,
    # and an author's (Zhao: also a state, Xianfeng: a county) is skipped.
    assert glossary.absent_names("Is Mount Everest named by Ouyang Yaming?", documents) == ["Mount Everest"]
    assert glossary.absent_names("Is Mount Everest named by Zhao Xianfeng?", documents,
                                 frozenset({"Zhao", "Xianfeng"})) == ["Mount Everest"]
    # China's own institutions are named in English otherwise than on the page (二十大);
    # months and the pronoun are not names.
    assert glossary.absent_names("What did the 20th CPC National Congress say in April, as I recall?", documents) == []
    assert glossary.absent_names("How do China and Singapore differ?", documents) == ["Singapore"]
    # Greetings, a question in capitals, an author's romanised name, and forms pages print (UK → 英国).
    assert glossary.absent_names("Hello, TELL US WHAT GAO FAN SAYS", documents) == []
    assert glossary.absent_names("What does Zhao say of Britain?", {"英国"}, frozenset({"Zhao"})) == []


def test_glossary_reads_a_name_at_the_head_of_a_gloss():
    # CC-CEDICT: 上海 "Shanghai municipality, central east China", 伦敦 "London, capital of United
    # Kingdom". A head that is also an ordinary word (北 "north") is no name.
    glossary = Glossary(set())
    assert "上海" in glossary.names["Shanghai"] and "伦敦" in glossary.names["London"]
    assert glossary.absent_names("What alert threshold do water meters use in Shanghai?", {"北京"}) == ["Shanghai"]
    assert glossary.absent_names("What alert threshold do water meters use in Shanghai?", {"上海"}) == []
    assert "North" not in glossary.names and "First" not in glossary.names
    # Nor is one syllable of pinyin (Li: 澧县, but as often 李) or a word written in lower case
    # in some gloss (guiding: 贵定县); an apostrophe keeps a name whole (Xiong'an).
    documents = {"李强", "雄安", "安新", "指导", "导意", "意见"}
    assert glossary.absent_names("What did Premier Li Qiang say?", documents) == []
    assert glossary.absent_names("What do the Guiding Opinions require?", documents) == []
    assert glossary.absent_names("What progress has Xiong'an New Area made?", documents) == []


def test_places_joined_by_a_hyphen_are_printed_abbreviated_not_by_name():
    # 京杭大运河: neither 北京 nor 杭州 is printed, but the canal is.
    glossary = Glossary(set())
    documents = {"大运", "运河", "京杭"}
    assert glossary.absent_names("When did the Beijing-Hangzhou Grand Canal flow again?", documents) == []
    assert glossary.absent_names("When did the Hangzhou canal flow again?", documents) == ["Hangzhou"]
    # Not every hyphen joins places a page abbreviates: nothing prints 德法 or 德国 here.
    assert glossary.absent_names("What of Germany-France cooperation?", documents) == ["Germany", "France"]


def test_an_old_or_regional_word_for_a_name_is_not_its_printed_form():
    # CC-CEDICT: 内地 "Japan (used in Taiwan during Japanese colonization)"; a page on Hong Kong
    # printing 内地 (the mainland) names no Japan.
    glossary = Glossary(set())
    assert "内地" not in glossary.names["Japan"] and "日本" in glossary.names["Japan"]
    assert glossary.absent_names("How does Japan revise drug prices?", {"内地"}) == ["Japan"]
    # Where the English name is the old one (Siam: "old word for Thailand"), the entry is its form.
    assert "暹罗" in glossary.names["Siam"]


def test_glossary_keeps_only_the_vocabulary():
    assert Glossary({"因素"}).terms("emerging demand") == []


def test_english_questions_are_told_from_chinese_ones():
    assert is_latin("Which factor markets should undergo reform, according to Gao Fan?")
    assert not is_latin("高帆认为 GDP 的增长意味着什么？")
    assert prepare("What is it?").terms == []  # filled in by the pipeline, which knows the vocabulary


def test_an_article_named_by_its_place_on_the_page_is_the_focus():
    from rag.query import find_focus

    arts = [Article(f"d/{n}", "d", n, f"标题{n}", [], None, None, 1, ["正文。"]) for n in (1, 2, 3)]
    assert find_focus("第三篇文章怎么看开放？", arts) == {"d/3"}
    assert find_focus("最后一篇讲了什么", arts) == {"d/3"}
    other = Article("e/1", "e", 1, "另一页", [], None, None, 1, ["正文。"])
    assert find_focus("第三篇文章怎么看开放？", arts + [other]) is None  # which page's third? say nothing


def test_a_request_for_an_articles_gist_is_told_from_a_question_about_it():
    from rag.answer import asks_for_summary

    arts = [Article("d/1", "d", 1, "标题", ["高帆"], None, None, 1, ["正文。"])]
    assert asks_for_summary("第四篇文章讲了什么？", arts)
    assert asks_for_summary("高帆这篇的主要观点是什么", arts)
    assert asks_for_summary("What is the article by Gao Fan about?", arts)
    assert not asks_for_summary("高帆认为核心标志是什么？", arts)
    assert not asks_for_summary("第三篇文章怎么看待改革？", arts)


def test_part_of_a_title_that_other_articles_also_say_names_no_article():
    from rag.query import find_focus

    first = Article("d/1", "d", 1, "统筹兼顾加快发展新质生产力", [], None, None, 1, ["正文。"])
    second = Article("d/2", "d", 2, "以新理论指导高质量发展", [], None, None, 1, ["加快发展新质生产力是必然选择。"])
    third = Article("d/3", "d", 3, "另一篇", [], None, None, 1, ["正文。"])
    arts = [first, second, third]
    assert find_focus("为什么说加快发展新质生产力是必然选择？", arts) is None
    assert find_focus("《统筹兼顾加快发展新质生产力》怎么看分配？", arts) == {"d/1"}
    assert find_focus("统筹兼顾加快发展的新质生产力一文怎么看分配？", arts) == {"d/1"}  # loose, but its own


def test_titles_named_beside_authors_and_a_count_of_all_articles_are_focus():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "统筹兼顾加快发展新质生产力", ["高帆"], None, None, 1, ["正文。"]),
            Article("d/2", "d", 2, "系统谋划新质生产力的产业布局", ["刘海军"], None, None, 1, ["正文。"]),
            Article("d/3", "d", 3, "以新的生产力理论指导高质量发展", [], None, None, 1, ["正文。"])]
    assert find_focus("刘海军和《以新的生产力理论指导高质量发展》各怎么说？", arts) == {"d/2", "d/3"}
    assert find_focus("三篇文章都提到了全要素生产率，各自怎么谈的？", arts) == {"d/1", "d/2", "d/3"}
    assert find_focus("How do all three articles discuss data?", arts) == {"d/1", "d/2", "d/3"}
    assert find_focus("两篇文章都提到了数据", arts) is None  # which two? say nothing
    assert find_focus("各篇文章怎么谈数据？", arts) is None  # asks, not asserts: the closest answer
    assert find_focus("二十篇文章都提到了数据吗？", arts) is None  # no crash on a two-character numeral


def test_questions_about_the_author_are_told_from_questions_using_the_same_words():
    for text in ["高帆的职务是什么？", "高帆在哪家单位工作？", "What position does Gao Fan hold?", "Where does Gao Fan work?"]:
        assert prepare(text).about_author, text
    for text in ["高帆提到哪家企业率先突破？", "How does Liu Haijun suggest traditional industries keep their leading position?"]:
        assert not prepare(text).about_author, text


def test_an_english_question_names_an_unsigned_article_by_its_research_centre():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "甲", ["高帆"], "复旦大学经济学院教授、上海市某某研究中心特约研究员", None, 1, ["正文。"]),
            Article("d/2", "d", 2, "乙", [], "北京市某某研究中心特约研究员", None, 1, ["正文。"]),
            Article("d/3", "d", 3, "丙", ["赵险峰"], "燕山大学教授", None, 1, ["正文。"])]
    assert find_focus("What does the Beijing research centre article say about reform?", arts) == {"d/2"}
    assert find_focus("The Beijing-based fellow argues what?", arts) == {"d/2"}
    assert find_focus("How should Beijing-Tianjin-Hebei coordinate industry?", arts) is None
    party = Article("d/4", "d", 4, "丁", ["刘海军"], "中央党校（国家行政学院）某某研究中心研究员", None, 1, ["正文。"])
    assert find_focus("Which task does the Party School researcher list first?", arts + [party]) == {"d/4"}


def test_an_article_named_by_its_post_beside_one_named_by_its_author():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "甲", ["高帆"], "复旦大学经济学院教授、上海市某某研究中心特约研究员", None, 1, ["人才。"]),
            Article("d/2", "d", 2, "乙", [], "北京市某某研究中心特约研究员", None, 1, ["人才。"]),
            Article("d/3", "d", 3, "丙", ["赵险峰"], "燕山大学教授", None, 1, ["人才。"])]
    assert find_focus("高帆和北京市研究中心那位特约研究员各自怎么说人才？", arts) == {"d/1", "d/2"}
    assert find_focus("高帆和燕山大学的作者怎么看人才？", arts) == {"d/1", "d/3"}
    # A post both notes share (特约研究员) names nobody more, nor does a place asked about.
    assert find_focus("高帆这位特约研究员怎么看人才？", arts) == {"d/1"}
    assert find_focus("赵险峰认为北京市应如何发展人才？", arts) == {"d/3"}
    # Two posts and no name: the second post beside the first.
    assert find_focus("复旦大学经济学院的那位教授和北京市研究中心的特约研究员各自怎么说人才？", arts) == {"d/1", "d/2"}


def test_articles_named_by_their_subject_or_by_being_written_together():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "高等教育强国", ["聂远"], "某大学", None, 1, ["高等教育规模。高等教育质量。"]),
            Article("d/2", "d", 2, "基础研究人才", ["韦宁"], "某研究院", None, 1, ["基础研究。青年人才。"]),
            Article("d/3", "d", 3, "职普融通", ["邬岚"], "某学院", None, 1, ["职业教育。职业学校。高等教育。"]),
            Article("d/4", "d", 4, None, ["蓝溪", "程树"], "某大学", None, 1, ["校企合作。"])]
    assert find_focus("谈高等教育和谈职业教育的两篇文章各自给出的规模是多少？", arts) == {"d/1", "d/3"}
    assert find_focus("谈职业教育的文章和那篇两人合写的文章各有什么做法？", arts) == {"d/3", "d/4"}
    assert find_focus("关于基础研究的文章认为什么最重要？", arts) == {"d/2"}
    # A subject no article discusses names none of them.
    assert find_focus("讲房地产的那篇文章怎么说？", arts) is None
    # The subject right before the piece: 一文, N篇文章 (the last N subjects), 的文章.
    assert find_focus("在人才方面，基础研究一文和职业教育一文分别怎么说？", arts) == {"d/2", "d/3"}
    assert find_focus("高等教育和职业教育两篇文章分别给出多大规模？", arts) == {"d/1", "d/3"}
    assert find_focus("西安在基础研究一文中怎样被提到？", arts) == {"d/2"}
    assert find_focus("这篇文章的作者是谁？", arts) is None


def test_the_unsigned_or_untitled_article_is_named_by_what_it_lacks():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "甲", ["高帆"], None, None, 1, ["正文。"]),
            Article("d/2", "d", 2, "乙", [], "北京市某某研究中心特约研究员", None, 1, ["正文。"]),
            Article("d/3", "d", 3, None, ["赵险峰"], None, None, 1, ["正文。"])]
    assert find_focus("未署名的那篇文章怎么看改革？", arts) == {"d/2"}
    assert find_focus("What kind of climate for talent does the unsigned article call for?", arts) == {"d/2"}
    assert find_focus("没有标题的那篇讲了什么？", arts) == {"d/3"}
    assert find_focus("In the untitled piece, what is digital industrialization's basis?", arts) == {"d/3"}
    assert not prepare("未署名的那篇文章怎样定义高质量发展？").is_who
    assert prepare("这篇文章的署名是谁？").is_who


def test_review_findings_on_focus_and_author_questions():
    from rag.query import find_focus

    arts = [Article(f"d/{n}", "d", n, t, au, aff, None, 1, ["正文。"]) for n, t, au, aff in [
        (1, "甲", ["高帆"], "复旦大学经济学院教授"), (2, "乙", [], "北京市某某研究中心特约研究员"),
        (3, None, ["赵险峰"], "燕山大学教授"), (4, "丁", ["刘海军"], "中央党校研究员")]]
    assert find_focus("第四篇文章都讲了什么？", arts) == {"d/4"}  # an ordinal, not "all four"
    assert find_focus("How will Beijing strengthen basic research?", arts) is None  # city and research apart
    assert find_focus("这篇文章有没有署名？", arts) is None
    assert prepare("高帆在哪家大学工作？").about_author
    assert not prepare("How do firms keep their position in markets?").about_author
    assert not prepare("Which institutional advantage does Gao Fan suggest leveraging?").about_author  # not an institution
    assert prepare("Which institutions do the authors belong to?").about_author
    assert not prepare("What drives their post-pandemic recovery?").about_author


def test_coauthors_named_by_their_surnames_in_english_focus_their_article():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "甲", ["高帆"], None, None, 1, ["正文。"]),
            Article("d/2", "d", 2, None, ["赵险峰", "张亚明"], None, None, 1, ["正文。"])]
    assert find_focus("Why should firms lead innovation, in Zhao and Zhang's view?", arts) == {"d/2"}
    assert find_focus("What does Zhao say about data?", arts) is None  # one surname is not enough


def test_second_review_findings_on_names_and_anonymity():
    from rag.query import find_focus

    arts = [Article("d/1", "d", 1, "甲", ["何平", "于洋"], None, None, 1, ["正文。"]),
            Article("d/2", "d", 2, "乙", ["欧阳明", "张三"], None, None, 1, ["正文。"]),
            Article("d/3", "d", 3, "丙", [], None, None, 1, ["正文。"])]
    assert find_focus("How does he view the role of Yu?", arts) is None  # "he" is no surname here
    assert find_focus("What do Ouyang and Zhang argue?", arts) == {"d/2"}  # a compound surname
    assert find_focus("文章如何看待匿名举报制度？", arts) is None  # a topic, not the unsigned article
    assert find_focus("匿名的那篇文章怎么说？", arts) == {"d/3"}


def test_part_of_an_affiliation_used_as_a_subject_word_does_not_name_the_article():
    from rag.models import Article
    from rag.query import find_focus

    articles = [
        Article("d/1", "d", 1, "全面推进美丽中国建设", ["欧阳澜"], "南京大学环境学院教授", None, 1,
                ["2023年7月，全国生态环境保护大会在北京召开。"]),
        Article("d/2", "d", 2, "健全生态产品价值实现机制", [], "生态环境部环境与经济政策研究中心", None, None,
                ["生态产品价值实现机制是生态文明制度的重要内容。"]),
    ]
    assert find_focus("全国生态环境保护大会是什么时候召开的？", articles) is None
    assert find_focus("生态环境部那位作者怎么看生态产品？", articles) == {"d/2"}


def test_enough_of_a_title_beside_an_author_names_that_article_too():
    from rag.models import Article
    from rag.query import find_focus

    articles = [
        Article("d/1", "d", 1, "培育壮大银发经济新动能", ["邵景川"], "甲大学", None, 1, ["银发经济方兴未艾。"]),
        Article("d/2", "d", 2, "织密社区居家养老服务网络", [], "乙研究中心", None, 1, ["社区是养老服务的依托。"]),
        Article("d/3", "d", 3, "以数字技术赋能智慧养老", ["冯若澜"], "丙大学", None, 1, ["智慧养老方兴未艾。"]),
    ]
    assert find_focus("邵景川和社区居家养老一文的作者各提出了什么举措？", articles) == {"d/1", "d/2"}
    assert find_focus("邵景川提出了什么举措？", articles) == {"d/1"}


def test_of_two_notes_sharing_the_longest_stretch_the_one_sharing_more_of_the_question_is_named():
    from rag.models import Article
    from rag.query import find_focus

    articles = [
        Article("d/1", "d", 1, "甲", ["高帆"], "复旦大学教授、上海市某某研究中心特约研究员", None, 1, ["改革。"]),
        Article("d/2", "d", 2, "乙", [], "北京市某某研究中心特约研究员", None, 1, ["开放。"]),
        Article("d/3", "d", 3, "丙", ["刘海军"], "中央党校研究员", None, 1, ["发展。"]),
    ]
    assert find_focus("北京市某某研究中心特约研究员那篇文章怎么给改革定位？", articles) == {"d/2"}


def test_a_title_part_asked_about_is_the_topic_not_a_second_article():
    from rag.models import Article
    from rag.query import find_focus

    articles = [
        Article("d/1", "d", 1, "统筹兼顾加快发展新质生产力", ["高帆"], "甲大学", None, 1, ["统筹兼顾。"]),
        Article("d/2", "d", 2, "系统谋划新质生产力的产业布局", ["刘海军"], "乙党校", None, 1, ["产业布局。"]),
    ]
    assert find_focus("刘海军对统筹兼顾加快发展有何论述？", articles) == {"d/2"}
    assert find_focus("刘海军和统筹兼顾加快发展一文的作者分别怎么说？", articles) == {"d/1", "d/2"}


def test_a_long_question_is_trimmed_by_its_script():
    from rag.query import MAX_LATIN_QUESTION_CHARS, MAX_QUESTION_CHARS, prepare

    assert not prepare("新" * MAX_QUESTION_CHARS).warnings
    trimmed = prepare("新" * (MAX_QUESTION_CHARS + 1))
    assert len(trimmed.text) == MAX_QUESTION_CHARS and "trimmed" in trimmed.warnings[0]
    english = "What does the article say about new quality productive forces? " * 10  # 640 letters
    assert not prepare(english).warnings
    assert len(prepare(english * 2).text) == MAX_LATIN_QUESTION_CHARS


def test_an_english_phrase_names_an_article_when_it_translates_most_of_its_title():
    from rag.models import Article
    from rag.query import title_in_latin

    articles = [Article("p/1", "p", 1, "以新的生产力理论指导高质量发展", [], None, None, None, ["…"]),
                Article("p/2", "p", 2, "统筹兼顾加快发展新质生产力", ["高帆"], None, None, None, ["…"])]
    glossary = {"guiding high-quality development with a new theory of productive forces":
                ["高质量", "生产力", "指导", "发展", "理论"], "new quality productive forces": ["生产力", "质量"]}
    terms = lambda phrase: glossary.get(phrase.lower(), [])  # noqa: E731
    text = "In the article on guiding high-quality development with a new theory of productive forces, what is first?"
    assert title_in_latin(text, articles, terms) == (
        "p/1", "guiding high-quality development with a new theory of productive forces")
    quoted = "What does the article 'Guiding High-Quality Development with a New Theory of Productive Forces' say?"
    assert title_in_latin(quoted, articles, terms) == (
        "p/1", "'Guiding High-Quality Development with a New Theory of Productive Forces'")
    # A quoted sentence is no title: "Who said 'Guiding…'?" asks who said it.
    assert title_in_latin(quoted.replace("What does the article", "Who said").replace(" say?", "?"),
                          articles, terms) is None
    # The subject alone names no article.
    assert title_in_latin("In the article on new quality productive forces, what is first?", articles, terms) is None


def test_phrases_naming_articles_by_subject_are_taken_out_of_the_question():
    from rag.models import Article
    from rag.query import without_subjects

    articles = [Article("p/1", "p", 1, None, ["甲"], None, None, None, ["产业布局要因地制宜。产业布局要统筹。"]),
                Article("p/2", "p", 2, None, ["乙"], None, None, None, ["数实融合是方向。推动数实融合。"]),
                Article("p/3", "p", 3, None, ["丙"], None, None, None, ["数据要素要流通。"])]
    assert without_subjects("谈产业布局的文章和谈数实融合的文章，对数据要素分别提出了什么要求？", articles) \
        == "和 ，对数据要素分别提出了什么要求？"
    # Nothing named: the question stays as asked.
    assert without_subjects("数据要素要怎样流通？", articles) == "数据要素要怎样流通？"
