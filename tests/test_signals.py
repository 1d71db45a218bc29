"""What a question asks for, as the abstention model sees it."""

import pytest

from rag.signals import answer_type_missing

PASSAGE = ["新质生产力一般会率先发生在对市场变化敏感、创新能力突出的部门或企业。"]


@pytest.mark.parametrize("question", [
    "2023年数字经济规模达到了多少万亿元？",
    "When did China first propose new quality productive forces?",
    "哪家企业最早提出了这个概念？",
    "Which companies does the article name?",
    "哪家企业与高校合作最早？",  # 与 joins two things asked for by name; only 或 asks for a kind
    "Which companies and universities cooperate?",
])
def test_asks_for_what_the_passage_lacks(question):
    assert answer_type_missing(question, PASSAGE)


@pytest.mark.parametrize("question", [
    # A kind of answer, not a name, a date or an amount.
    "新质生产力会率先出现在哪些部门或企业？",
    "According to Gao Fan, in which sectors or firms do new quality productive forces usually emerge first?",
    # "When" opening a clause is not a question about a date.
    "When rolling out green technologies, which kinds of products should be chosen first?",
])
def test_kinds_and_clauses_are_not_missing_answers(question):
    assert not answer_type_missing(question, PASSAGE)


@pytest.mark.parametrize("question, asks", [
    ("在有形投入受数量限制的情况下，发展重心应当放在哪里？", False),  # a limit, named
    ("要素供应总有个数量上限，那该把劲儿往哪儿使？", False),
    ("跟只盯着经济总量涨多少的理论比，高质量发展有啥不一样？", False),  # 多少 inside a phrase
    ("2024年经济总量增长了多少？", True),
    ("企业数量是多少？", True),
    ("研发投入占多少的比例？", True),
])
def test_an_amount_named_inside_the_question_is_not_asked(question, asks):
    from rag.signals import _asks_amount

    assert _asks_amount(question, "") == asks


def test_a_company_or_team_is_not_answered_by_a_place():
    passage = ["北京劲松北社区引入社会资本参与改造，居民满意度提升至90%以上。"]
    assert answer_type_missing("劲松北社区改造引入的社会资本是哪家企业？", passage)
    assert not answer_type_missing("劲松北社区改造在哪个城市？", passage)  # a place is
    named = ["劲松北社区引入海尔集团参与改造，居民满意度提升至90%以上。"]
    assert not answer_type_missing("劲松北社区改造引入的社会资本是哪家企业？", named)


def test_a_ministry_jieba_tags_as_a_common_noun_names_a_body():
    passage = ["该方案由国家发展改革委、水利部联合发布。"]
    assert not answer_type_missing("该方案是由哪些部门发布的？", passage)
    assert answer_type_missing("该方案是由哪些部门发布的？", ["该方案要求全部干部联合发布。"])


def test_a_figure_no_document_holds_marks_a_question_about_something_else():
    from rag.signals import names_unknown_figure

    corpus = ["习近平总书记在中共中央政治局第十一次集体学习时指出。党的二十大报告提出。2023年底建成5G基站。"]
    assert names_unknown_figure("第十二次集体学习时作了哪些论述？", corpus)
    assert names_unknown_figure("到2035年要达到什么目标？", corpus)
    assert not names_unknown_figure("第十一次集体学习时指出了什么？", corpus)
    assert not names_unknown_figure("What did the 20th Party Congress report call for?", corpus)  # 二十大
    assert not names_unknown_figure("2023年底建成了多少基站？", corpus)


def test_a_figure_is_found_in_any_form_it_is_printed_in():
    from rag.signals import names_unknown_figure

    corpus = ["党的二十届三中全会。第12次会议。2023年底超过3 500万户。二〇三〇年目标。"]
    for question in ["第二十届三中全会提出了什么？", "第十二次会议讨论了什么？", "２０２３年底有多少户？",
                     "3500万户是哪一年的数字？", "到2030年的目标是什么？"]:
        assert not names_unknown_figure(question, corpus), question
    assert names_unknown_figure("第12次集体学习", ["2012年第十一次集体学习"])  # 12 is not inside 2012


def test_a_batch_or_phase_the_text_does_not_name_is_a_figure_it_lacks():
    from rag.signals import names_unknown_figure

    corpus = ["第一批国家公园正式设立。三北工程六期建设全面完成。"]
    assert names_unknown_figure("我国第二批国家公园是哪一年设立的？", corpus)
    assert names_unknown_figure("三北工程七期建设什么时候启动？", corpus)
    assert not names_unknown_figure("第一批国家公园有哪些？", corpus)
    assert not names_unknown_figure("三北工程六期完成了吗？", corpus)
    assert not names_unknown_figure("一期工程进展如何？", corpus)  # 一期 is a word, not a count


def test_an_amount_asked_in_a_unit_needs_a_figure_in_that_unit():
    passage = ["南平森林生态银行累计收储山林200万亩。"]
    assert answer_type_missing("累计收储了多少吨碳汇？", passage)
    assert not answer_type_missing("累计收储了多少亩山林？", passage)
    assert not answer_type_missing("累计收储了多少万亩？", passage)
    assert not answer_type_missing("集聚了多少家企业？", ["集聚上下游企业120余家。"])
    assert not answer_type_missing("为多少户老人提供监护？", ["为1200多户独居老人提供监护。"])


def test_a_named_author_asked_about_another_articles_subject():
    from rag.signals import words_elsewhere

    named = ["全面推进美丽中国建设，要处理好高质量发展和高水平保护的关系，持续深入打好污染防治攻坚战。"]
    others = ["生活垃圾分类是检验公众参与程度的试金石。要完善垃圾分类收费制度。"]
    assert words_elsewhere("欧阳澜对生活垃圾分类收费有什么建议？", named, others, "欧阳澜") == 0
    assert words_elsewhere("欧阳澜认为要处理好哪些关系？", named, others, "欧阳澜") is None
    assert words_elsewhere("欧阳澜怎么看污染防治？", named, others, "欧阳澜") is None


def test_a_word_the_documents_say_with_a_synonym_is_not_unknown():
    from rag.signals import unknown_terms

    vocabulary = {"农民", "职称", "评定"}
    unknown, nouns = unknown_terms("庄稼人也能评职称吗？", vocabulary)
    assert "庄稼人" not in unknown and "庄稼人" not in nouns
    unknown, _ = unknown_terms("高考作文题目是什么？", vocabulary)
    assert "高考" in unknown


def test_a_year_does_not_answer_how_many():
    passage = ["江西自2019年起开展农民职称评定试点，一批新型职业农民获评职称。"]
    assert answer_type_missing("试点以来共有多少人获评职称？", passage)
    assert not answer_type_missing("试点以来共有多少人获评职称？", ["截至2023年，共有1.2万人获评职称。"])
    assert not answer_type_missing("试点是哪一年开始的？", passage)


def test_a_phrase_only_another_article_uses_marks_a_question_about_its_subject():
    from rag.signals import phrase_elsewhere

    named = ["银发经济是向老年人提供产品或服务的经济活动。要发展长期照护服务，完善护理人员培训。"]
    others = ["长期护理保险被称为社会保险的第六险。试点城市已扩大到49个。"]
    assert phrase_elsewhere("邵景川如何评价长期护理保险的试点成效？", named, others, "邵景川") == 0
    # Another article's wording met by chance in four characters is not its subject.
    assert phrase_elsewhere("邵景川说的护理服务试点有什么成效？", named, others, "邵景川") is None


def test_words_naming_the_article_asked_about_are_not_expected_in_its_passages():
    from rag.signals import Documents, question_signals

    passage = "改革是解放和发展社会生产力的关键，是推动国家发展的根本动力。"
    question = "北京市研究中心特约研究员那篇文章怎么给改革定位？"
    plain = question_signals(question, Documents({"改革"}), [passage], passage)
    named = question_signals(question, Documents({"改革"}), [passage], passage, byline="北京市某某研究中心特约研究员")
    assert named["coverage"] > plain["coverage"]


def test_how_big_is_an_amount_only_beside_a_measure():
    passage = ["数字技术对经济发展具有放大、叠加、倍增作用。"]
    assert not answer_type_missing("数字化对经济到底能起多大劲？", passage)
    assert answer_type_missing("数字经济规模有多大？", passage)


def test_a_party_congress_the_text_does_not_name_is_a_figure_it_lacks():
    from rag.signals import names_unknown_figure

    corpus = ["党的二十大报告提出。党的二十届三中全会审议通过。培育十大产业集群。"]
    assert names_unknown_figure("党的十九大报告是怎样论述新质生产力的？", corpus)
    assert not names_unknown_figure("二十届三中全会提出了什么？", corpus)
    assert not names_unknown_figure("十大产业集群有哪些？", corpus)


def test_author_names_are_taken_out_before_the_question_is_segmented():
    from rag.signals import Documents, question_signals

    passage = "中央经济工作会议强调，要大力推进新型工业化。"
    question = "赵险峰、张亚明文中，中央经济工作会议强调了什么？"
    vocabulary = {"中央", "经济", "工作", "会议", "强调", "赵险峰", "张亚明"}
    assert question_signals(question, Documents(vocabulary, names=("赵险峰", "张亚明")), [passage], passage)["unknown_nouns"] == 0
    assert question_signals(question, Documents(vocabulary), [passage], passage)["unknown_share"] > 0  # 张亚|明文


@pytest.mark.parametrize("question", [
    "作者为什么主张要顾全大局、各方面一起考虑？",  # 顾全大局: nr
    "东西造出来没人买也是白搭，文章怎么讲这个道理？",  # 白搭: nr
    "种鸡以前是不是得靠外国？",  # 外国: ns
    "一个礼拜光填表得耗掉多少工夫？",  # 礼拜: ns
    "沿海各省怎么才能不都去搞一样的产业？",
    "一回捐不到十块钱的人占多少？",
    "风光资源在西北、用电大户在东边，该咋办？",  # 西北: ns, a direction
    "出了事才去查一查，管用吗？",  # 查一查: nr, a verb said twice
    "哪些文章说要用智能化手段？",  # 智能化: nr, a process
    "两篇文章都说要把握哪“三化”？",  # 三化: j, a count of processes
])
def test_everyday_words_jieba_tags_as_names_are_not_unknown_names(question):
    from rag.signals import unknown_terms

    assert unknown_terms(question, {"企业", "产业"})[1] == []


@pytest.mark.parametrize("question, name", [
    ("西西里的产业布局有什么特点？", "西西里"),  # a place, not a verb said twice
    ("孙元化认为科技创新有什么作用？", "孙元化"),  # a person, not a process
])
def test_names_shaped_like_everyday_words_stay_names(question, name):
    from rag.signals import unknown_terms

    assert name in unknown_terms(question, {"企业", "产业"})[1]


@pytest.mark.parametrize("question, name", [
    ("泰康保险集团在哪些城市投资建设了养老社区？", "泰康"),  # a body's title follows
    ("李明教授对新质生产力提出了什么观点？", "李明"),  # a person's
    ("陆乔岩如何评价隆平高科在国内种业市场的份额？", "隆平"),  # another guessed name
])
def test_a_name_jieba_only_guessed_is_one_where_a_title_follows(question, name):
    from rag.signals import unknown_terms

    assert name in unknown_terms(question, {"企业", "产业", "陆乔岩"})[1]
    # Alone, such a guess is often a fragment of a spoken phrase.
    assert unknown_terms("为啥说老人手里有钱不一定肯花？", {"老人"})[1] == []


@pytest.mark.parametrize("question, names", [
    ("马云对推动数实深度融合发表了什么看法？", ["马云"]),  # a name jieba knows only as a guess
    ("李稻葵在这版文章中对新质生产力提出了什么观点？", ["李稻葵"]),  # cut in two: 李 + 稻葵
    ("赵书记如何看待数实深度融合？", []),  # a surname and a title: perhaps an author, familiarly
    ("文章提出了什么观点？", []),  # 文 is a surname, 文章 no name
    ("肯花钱对发展有什么帮助？", []),
    ("公正对发展有什么帮助？", []),  # a word jieba's dictionary also lists as a name
    ("赵校长认为数实深度融合有什么帮助？", []),
])
def test_a_question_opening_with_whose_view_it_asks(question, names):
    from rag.signals import unknown_terms

    assert unknown_terms(question, {"推动", "数实", "深度", "融合", "文章", "观点", "提出", "发展", "帮助"})[1] == names


@pytest.mark.parametrize("question, unknown", [
    ("刘海军认为上海应当如何布局元宇宙产业？", True),  # a place only the post names, asked about
    ("上海市出台了哪些支持产业布局的政策？", True),
    ("上海市研究中心的研究员怎么看产业布局？", False),  # the post itself: the author
    ("上海那篇文章怎么看产业布局？", False),
    ("河北应当如何布局元宇宙产业？", False),  # printed in an article: known
    ("刘海军如何评价复旦大学在产业布局方面的实践？", True),  # a body only the post names
    ("复旦大学认为应该如何统筹产业布局？", False),  # the body standing for its author
    ("复旦大学的两位作者怎么看产业布局？", False),
    ("复旦大学刘海军怎样看待产业布局？", False),  # beside the author's name
    ("来自上海的刘海军认为产业布局应怎样？", False),
    ("上海方面的学者怎么看产业布局？", False),
])
def test_a_place_printed_only_in_an_authors_post_is_not_a_subject(question, unknown):
    from rag.signals import Documents, question_signals

    passage = "要统筹推进产业布局，河北要发展元宇宙产业。"
    documents = Documents({"上海", "上海市", "复旦大学", "研究中心", "研究员", "刘海军", "河北", "产业", "布局", "元宇宙", "文章"},
                          texts=(passage,), names=("刘海军",), posts=("复旦大学教授、上海市某某研究中心研究员",))
    assert (question_signals(question, documents, [passage], passage)["unknown_nouns"] > 0) == unknown


def test_places_and_names_the_dictionary_capitalises_stay_unknown():
    from rag.signals import unknown_terms

    assert unknown_terms("郑州和欧盟的房地产怎么样？", {"怎么样"})[1] == ["郑州", "欧盟", "房地产"]
    # lower case in the dictionary, but organisations and things a page may lack
    assert unknown_terms("商业银行和集成电路与二氧化碳有关吗？", {"有关"})[1] == ["商业银行", "集成电路", "二氧化碳"]


@pytest.mark.parametrize("question", [
    "谈高等教育和谈职业教育的两篇文章，各自给出的规模是多少？",  # not 和谈, peace talks
    "文化遗产一文和文旅融合一文中分别提到了什么？",  # not 和文
])
def test_articles_named_side_by_side_are_not_read_as_one_unknown_name(question):
    from rag.signals import Documents, question_signals

    passage = "高等教育在学总规模达到4846万人，职业教育在校生规模3500万人。文化遗产保护和文旅融合发展。"
    vocabulary = {"谈", "高等教育", "高等", "教育", "职业教育", "职业", "两篇", "文章", "各自", "给出", "规模", "多少",
                  "文化遗产", "文化", "遗产", "一文", "文旅", "融合", "分别", "提到", "什么"}
    assert question_signals(question, Documents(vocabulary), [passage], passage)["unknown_nouns"] == 0


def test_a_word_jieba_tags_as_a_name_without_a_surname_is_not_one():
    from rag.signals import unknown_terms

    _, nouns = unknown_terms("小工厂想数字化又嫌太贵", {"工厂", "数字化"})
    assert "太贵" not in nouns


def test_a_name_made_of_the_documents_own_words_is_not_an_unknown_one():
    from rag.signals import unknown_terms

    vocabulary = {"开发", "产品", "新产品", "时间", "统一", "安排", "政府", "资金"}
    # jieba reads 开发新 (from 开发新产品) and 统一安排 as names no document uses.
    assert unknown_terms("开发新产品能省下多少时间？", vocabulary)[1] == []
    assert unknown_terms("除了上面统一安排，地方能自己摸索吗？", vocabulary)[1] == []
    # A thing the documents do not name stays unknown, and so does a person jieba guessed.
    assert "房地产" in unknown_terms("房地产的资金从哪里来？", vocabulary)[1]
    assert "王海军" in unknown_terms("王海军认为新产品的核心是什么？", vocabulary | {"海军"})[1]


def test_asking_how_a_ratio_stands_is_answered_in_words():
    passage = ["集群充分利用当地风电资源，绿电使用比例明显高于全国平均水平。"]
    assert not answer_type_missing("集群的绿电使用比例怎么样？", passage)
    assert answer_type_missing("集群的绿电使用比例是多少？", passage)


def test_a_phrase_quoted_from_the_passages_does_not_ask_for_an_amount():
    passage = ["考虑到有形要素供给往往存在数量约束，发展新质生产力需将侧重点转向要素组合效率。"]
    assert not answer_type_missing("哪位作者认为，由于有形要素供给存在数量约束，应转向要素组合效率？", passage)
    assert answer_type_missing("有形要素供给的数量是多少？", passage)
    assert answer_type_missing("有形要素供给的数量", passage) == answer_type_missing("有形要素供给的数量？", passage)


def test_units_are_read_as_words_and_kilometres_either_way():
    assert not answer_type_missing("有多少家庭受益？", ["惠及300万户家庭。"])
    assert not answer_type_missing("修建了多少公里？", ["新建1.2万千米。"])
    assert answer_type_missing("修建了多少公里？", ["新建300座桥梁。"])


def test_a_five_year_plan_period_is_not_a_phase():
    from rag.signals import names_unknown_figure

    assert not names_unknown_figure("十四五期间有哪些目标？", ["“十四五”时期要加快建设。"])


_PAGE = [  # paragraph by paragraph
    ["重庆市首批配售型保障性住房项目售价约为每平方米6800元，仅为周边同品质商品住房价格的六成左右。",
     "保障性住房建设要坚持“以需定建”。"],
    ["合肥市在全市布设各类前端感知设备7.6万余套，累计发出有效预警数千起。"],
    ["武汉市自2016年以来累计投入约560亿元实施排水防涝工程。"],
    ["2021年郑州“7·20”特大暴雨，暴露出一些城市在防洪排涝方面的短板。"],
    ["“十四五”时期，全国计划建设筹集保障性租赁住房870万套。", "保障性住房要坚持“以需定建”。",
     "保障性住房要“住得进”。", "保障性住房要“住得好”。"],
]


@pytest.mark.parametrize("question, missing", [
    ("重庆市首批配售型保障性住房一共筹集了多少套？", True),  # the page gives its price, not how many
    ("郑州“7·20”特大暴雨造成了多少人遇难？", True),
    ("合肥市累计投入了多少资金？", True),  # 7.6万余套 counts devices, not money
    ("合肥市布设了多少套前端感知设备？", False),
    ("重庆市首批配售型保障性住房每平方米售价多少元？", False),
    ("武汉市累计投入了多少资金实施排水防涝工程？", False),
    ("全国计划建设筹集多少套保障性租赁住房？", False),  # 870万套 beside the stretch 建设筹集保
])
def test_a_count_asked_of_a_thing_named_in_passing_needs_that_count_beside_it(question, missing):
    from rag.signals import figure_missing_beside

    assert figure_missing_beside(question, _PAGE) is missing


def test_these_few_years_do_not_ask_how_many_and_nine_tenths_is_an_amount():
    passage = ["超过九成受访外资企业计划维持或扩大在华投资规模。"]
    assert not answer_type_missing("这几年数字经济和实体经济结合得怎么样了？", ["两者融合不断深化。"])
    assert not answer_type_missing("为了避免小区没几年又破败，作者主张什么？", ["建立长效管理机制。"])
    assert answer_type_missing("用了几年建成？", ["建成了一批项目。"])
    assert not answer_type_missing("未来几年要怎么做？", ["要加快布局。"])
    assert answer_type_missing("占多大比例？", ["这一格局一成不变。"])
    assert not answer_type_missing("多大比例的受访外资企业计划扩大在华投资？", passage)


def test_money_asked_as_an_amount_of_something_is_counted_in_yuan():
    from rag.signals import figure_missing_beside

    page = [["成都、福州等地先行开展公共数据授权运营，已形成一批应用产品。"],
            ["武汉市自2016年以来累计投入约560亿元实施排水防涝工程。"]]
    assert figure_missing_beside("成都公共数据授权运营累计实现了多少交易额？", page)
    assert not figure_missing_beside("武汉市累计投入了多少中央财政资金？", page)


def test_a_share_is_not_money_and_a_word_with_a_numeral_is_not_a_figure():
    from rag.signals import figure_missing_beside

    assert not figure_missing_beside("上海市场占全国多少份额？", [["上海市场占全国的三成。"]])
    assert figure_missing_beside("合肥市建了多少套系统？", [["合肥市推进数字城市建设，数字套件持续完善。"]])


def test_a_place_is_known_by_its_own_name_and_a_transliterated_name_needs_no_surname():
    from rag.signals import unknown_terms

    # 州市 (from 贵州市场) does not make 杭州市 known; 浙江 makes 浙江省 known, and a region is
    # known by its name before a longer suffix (广西壮族自治区, 浦东新区, 东北地区).
    vocabulary = {"州市", "浙江", "产业园", "企业", "医学", "广西", "浦东", "东北"}
    assert unknown_terms("浙江省杭州市的产业园有多少家企业？", vocabulary)[1] == ["杭州市"]
    assert "诺贝尔" in unknown_terms("诺贝尔医学奖授予了谁？", vocabulary)[1]
    for place in ("广西壮族自治区", "浦东新区", "东北地区"):
        assert unknown_terms(f"{place}有多少家企业？", vocabulary)[1] == [], place


@pytest.mark.parametrize("question, missing", [
    ("浙江省杭州市的产业园集聚了多少家企业？", True),  # a fact about a place the documents never name
    ("浙江省的产业园集聚了多少家企业？", False),
])
def test_a_fact_asked_about_a_place_the_documents_never_name(question, missing):
    from rag.signals import Documents, question_signals

    passage = "浙江省的产业园集聚了300多家企业。"
    vocabulary = {"州市", "浙江", "浙江省", "产业园", "产业", "集聚", "多少", "企业", "家"}
    assert question_signals(question, Documents(vocabulary), [passage], passage)["number_missing"] == missing


@pytest.mark.parametrize("question, passage, missing", [
    ("国家平台2024年的日均访问量是多少？", "国家平台注册用户超过1亿。", True),
    ("2024年我国跨境电商出口额是多少？", "2024年跨境电商进出口额达2.6万亿元。", True),  # 出口额 is not 进出口额
    ("宁波舟山港的集装箱吞吐量是多少？", "宁波舟山港货物吞吐量达13.24亿吨。", True),  # another kind of it
    ("宁波舟山港的货物吞吐量是多少？", "宁波舟山港货物吞吐量达13.24亿吨。", False),
    ("2023年我国海上风电新增装机容量是多少？", "截至2023年底，我国海上风电累计装机容量超过3700万千瓦。", True),
    ("2023年我国海上风电累计装机容量是多少？", "截至2023年底，我国海上风电累计装机容量超过3700万千瓦。", False),
    ("全年完成货运量多少？", "全年货运量达到3.2亿吨。", False),  # a verb saying what was done, not which figure
    ("60岁及以上网民占网民整体的比例是多少？", "60岁及以上网民占网民整体的14.3%。", False),  # 比例 fits any figure
    ("冠脉支架的均价降到了多少？", "冠脉支架均价从1.3万元下降至700元左右。", False),  # a verb, worded otherwise
    ("人民银行设立的再贷款额度是多少？", "人民银行设立5000亿元科技创新再贷款。", False),  # 贷款额度: a quota fits any figure
    ("杭州有多少家企业？", "杭州市有300家企业。", False),  # the subject, not a measure: something is counted after 多少
    ("受理的件数是多少？", "全年受理诉求1万件。", False),  # a count of things fits any figure of them
    ("企业新型学徒制的培训补贴标准是多少？", "按规定给予每人每年4000元至6000元的培训补贴。", False),  # a rate
    ("中选药品的平均降价幅度是多少？", "中选药品平均降价超过50%。", False),  # 幅度 fits any figure
    ("苏州工业园区2024年产值大约多少？", "园区2024年实现产值约1600亿元。", False),  # 年产值: a year's 产值
    ("跨省异地就医结算人次是多少？", "当年跨省异地就医直接结算1.29亿人次。", False),  # a unit: 亿人次
])
def test_how_much_of_a_measure_the_passages_never_name(question, passage, missing):
    from rag.signals import measure_missing

    assert measure_missing(question, passage) == missing


@pytest.mark.parametrize("question, missing", [
    ("2025年全国高考报名人数是多少？", True),  # 报名: nothing the documents speak of
    ("2024年全国流感疫苗的接种人数是多少？", True),
    ("2024年全国培训人数是多少？", False),  # 培训 is theirs: 人数 fits any count of it
])
def test_a_count_of_people_doing_what_the_documents_never_mention(question, missing):
    from rag.signals import Documents, measure_missing

    passage = "2024年全国开展职业技能培训1800万人次，参训人数创新高。"
    documents = Documents({"全国", "开展", "职业", "技能", "培训", "人次", "参训", "人数"})
    assert measure_missing(question, passage, documents) == missing
    assert not measure_missing(question, passage)  # without the documents, only the passages are read


def test_a_count_whose_verb_is_a_paraphrase_of_a_counted_subject_is_given():
    from rag.signals import Documents, measure_missing

    passage = "研究生在学规模超过400万人。"
    documents = Documents({"研究生", "在学", "规模", "超过"})
    assert not measure_missing("研究生在读人数是多少？", passage, documents)  # 在读 for 在学
    assert measure_missing("研究生报名人数是多少？", "高校毕业生超过1000万人。", documents)


def test_an_amount_asked_for_a_year_needs_a_sentence_giving_that_year():
    passage = ["2024年，全国居民人均可支配收入达到41314元。"]
    assert answer_type_missing("2020年全国居民人均可支配收入达到多少元？", passage)
    assert not answer_type_missing("2024年全国居民人均可支配收入达到多少元？", passage)
    assert not answer_type_missing("2024年的收入达到多少元？", ["二〇二四年，全国居民人均可支配收入达到41314元。"])
    # A year counted from or compared with is not the year asked for.
    assert not answer_type_missing("2024年收入比2023年增长了多少？", ["2024年收入同比增长5.3%。"])
    assert not answer_type_missing("2012年以来贫困人口减少了多少？", ["党的十八大以来，农村贫困人口减少9899万人。"])
    # Neither end of a period is the year asked; a target year is.
    assert not answer_type_missing("2021年至2025年累计投入了多少资金？", ["“十四五”时期累计投入资金1.2万亿元。"])
    assert not answer_type_missing("2021—2025年累计投入了多少资金？", ["“十四五”时期累计投入资金1.2万亿元。"])
    assert answer_type_missing("到2035年体育产业总规模要达到多少？", ["到2025年体育产业总规模超过5万亿元。"])
    # The year must stand in the sentence holding the figure, not in another sentence found.
    found = ["2023年，农业保险为1.6亿户次农户提供风险保障。", "2024年起，完全成本保险实施范围扩大至全国所有产粮大县。"]
    assert answer_type_missing("2024年农业保险为多少户次农户提供了风险保障？", found)
    assert not answer_type_missing("2023年农业保险为多少户次农户提供了风险保障？", found)
    # So must a round asked for: 第三次普查's count does not answer 第四次.
    found = ["第三次全国文物普查共登记不可移动文物76.7万处。", "第四次全国文物普查将于2026年6月底前完成。"]
    from rag.signals import Documents

    documents = Documents({"文物普查"}, paragraphs=((found[0], found[1]),))
    assert answer_type_missing("第四次全国文物普查共登记不可移动文物多少处？", found, documents)
    assert not answer_type_missing("第3次全国文物普查共登记不可移动文物多少处？", found, documents)
    # A number the question prints as a name (12345热线) is no figure answering it.
    found = ["2024年，北京12345热线共受理群众诉求约2100万件。", "北京市自2019年起以12345市民服务热线为主渠道。"]
    assert answer_type_missing("北京12345热线在2019年受理了多少件群众诉求？", found)
    assert not answer_type_missing("北京12345热线在2024年受理了多少件群众诉求？", found)
    assert not answer_type_missing("是谁指出双师型教师的比例为56%左右？", ["双师型教师占专业课教师的比例为56%左右。"])


def test_an_amount_asked_of_a_name_and_year_needs_one_figure_sentence_giving_both():
    from rag.signals import Documents, figure_apart

    paragraphs = (("价格是调节粮食生产的“指挥棒”。", "2025年，小麦最低收购价为每斤1.19元。"),
                  ("在东北地区，继续实施玉米和大豆生产者补贴。",),
                  ("合肥市设立科创基金。", "基金总规模达到200亿元。"))
    documents = Documents({"小麦", "玉米", "合肥市", "基金"}, paragraphs=paragraphs, names=("韦嘉禾",))
    wheat = [paragraphs[0][1]]
    assert figure_apart("2025年玉米的最低收购价是每斤多少元？", wheat, documents)
    assert not figure_apart("2025年小麦的最低收购价是每斤多少元？", wheat, documents)
    # Named in the sentence before the figure (where its subject is introduced) is named; not
    # so where that sentence only ends another one (上海市设立科创基金，基金总规模…).
    assert not figure_apart("合肥市的基金总规模是多少？", [paragraphs[2][1]], documents)
    assert documents.with_previous("基金总规模达到200亿元。") == ["合肥市设立科创基金。 基金总规模达到200亿元。"]
    # Figures asked for several at once may each stand in a sentence of its own.
    assert not figure_apart("小麦和玉米的收购价分别是多少？", wheat, documents)
    # The year in one sentence and the place in another is another place's figure.
    found = ["2023年榕江县累计接待游客765万人次。", "2024年台江县接待游客约32万人次。"]
    documents = Documents({"榕江县", "台江县", "榕江"}, paragraphs=((found[0],), (found[1],)))
    assert figure_apart("榕江2024年累计接待游客多少人次？", found, documents)
    assert not figure_apart("榕江2023年累计接待游客多少人次？", found, documents)
    assert not figure_apart("榕江县和台江县各接待游客多少人次？", found, documents)
    # Names from two clauses of one sentence, each with its own figure, are two things' figures.
    found = ["2023年，宁波舟山港货物吞吐量达13.24亿吨；上海港集装箱吞吐量达4915.8万标准箱。"]
    documents = Documents({"宁波", "舟山", "上海港", "集装箱"}, paragraphs=((found[0],),))
    assert figure_apart("2023年宁波舟山港的集装箱吞吐量是多少标准箱？", found, documents)
    assert not figure_apart("2023年上海港的集装箱吞吐量是多少标准箱？", found, documents)
    # A clause naming nothing of its own goes on about the one before it.
    found = ["2023年，宁波舟山港完成货物吞吐量13.24亿吨；集装箱吞吐量3530万标准箱。"]
    documents = Documents({"宁波", "舟山", "集装箱"}, paragraphs=((found[0],),))
    assert not figure_apart("宁波舟山港的集装箱吞吐量达到多少？", found, documents)
    # 第一次 is printed 首次 as often.
    assert not figure_apart("该市第一次举办国际马拉松时有多少名选手参赛？",
                            ["2015年，该市首次举办国际马拉松，吸引了3万名选手参赛。"], None)
    # A place asked with its suffix (北京市) is the one the documents print without it.
    found = ["成都市建设户外劳动者服务站点2300余个。"]
    documents = Documents({"成都市", "北京", "服务站点"}, paragraphs=((found[0],), ("北京推行接诉即办。",)))
    assert figure_apart("北京市建设了多少个户外劳动者服务站点？", found, documents)
    assert not figure_apart("成都市建设了多少个户外劳动者服务站点？", found, documents)


def test_a_compound_noun_asked_about_must_stand_in_the_figure_sentence_too():
    from rag.signals import Documents, answer_type_missing

    sentences = ("外汇储备余额连续多年稳定在3万亿美元以上。", "人民币跨境收付金额达到64.1万亿元。")
    documents = Documents({"外汇储备", "人民币", "余额", "金额"}, paragraphs=((sentences[0],), (sentences[1],)))
    assert answer_type_missing("人民币在外汇储备中的占比是多少？", list(sentences), documents)
    assert not answer_type_missing("人民币跨境收付金额是多少？", list(sentences), documents)
    # A two-character noun is not held to it: a paraphrase may word it otherwise.
    assert not answer_type_missing("跟前些年比，城里的空气到底干净了多少？", ["PM2.5平均浓度降至每立方米30微克。"],
                                   Documents({"空气"}, paragraphs=(("空气质量持续改善。", "PM2.5平均浓度降至每立方米30微克。"),)))


def test_names_that_ask_for_an_article_or_stand_only_in_a_byline_are_not_what_is_counted():
    from rag.signals import Documents, answer_type_missing

    sentences = ("合肥市设立科创基金，基金总规模达到200亿元。", "芜湖市聚焦新能源汽车产业。")
    # 燕山大学 is in the vocabulary (from a post) but no sentence prints it; 韦嘉禾 wrote it.
    documents = Documents({"合肥市", "芜湖市", "燕山大学", "韦嘉禾", "基金"}, names=("韦嘉禾",),
                          paragraphs=(sentences,))
    found = [sentences[0]]
    assert answer_type_missing("芜湖市的基金总规模是多少？", found, documents)
    assert not answer_type_missing("合肥市的基金总规模是多少？", found, documents)
    assert not answer_type_missing("燕山大学教授那篇文章里，合肥市的基金总规模是多少？", found, documents)
    assert not answer_type_missing("韦嘉禾文中合肥市的基金总规模是多少？", found, documents)


@pytest.mark.parametrize("question, sentence, missing", [
    ("组建创新联合体的那家湖北龙头企业叫什么名字？", "湖北一家龙头企业联合上下游40余家企业组建创新联合体。", True),
    ("文中那家跨境电商企业叫什么名字？", "深圳一家从事智能清洁设备的跨境电商企业，每年投入研发。", True),
    ("组建创新联合体的那家龙头企业叫什么名字？", "龙头企业宁德时代联合上下游40余家企业组建创新联合体。", False),
    ("那家企业叫什么名字？", "宁德时代是全国第一家获得该认证的企业。", False),
    ("那家企业叫什么名字？", "湖北一家名为长飞光纤的龙头企业牵头组建联合体。", False),
    ("那家企业叫什么名字？", "全省共有十一家企业入选，每一家企业都要重视创新。", False),
])
def test_the_name_of_a_company_the_text_leaves_unnamed(question, sentence, missing):
    assert answer_type_missing(question, [sentence]) == missing


def test_a_fraction_is_a_figure_and_two_questions_ask_two_figures():
    from rag.signals import Documents

    # 三分之二 answers 多大比例 (the names check found no figure sentence naming 城市 before).
    found = ["全国超过三分之二的地级以上城市将生物医药列为重点发展产业。", "生物医药产业集群加快形成。"]
    documents = Documents({"城市", "生物医药"}, paragraphs=((found[0],), (found[1],), ("城市更新。",)))
    assert not answer_type_missing("全国有多大比例的地级以上城市把生物医药列为重点发展产业？", found, documents)
    # Two questions in one, each counting a thing of its own, need not find both beside one name.
    found = ["2024年，国家药品监督管理局批准上市1类创新药48个。", "2024年版国家医保目录新增91种药品，其中1类创新药38种。"]
    many = tuple((f"创新药上市第{n}步。",) for n in range(6))  # 创新药 and 上市 are everywhere, 医保目录新增 once
    documents = Documents({"创新药", "医保目录"}, paragraphs=((found[0],), (found[1],), *many))
    assert not answer_type_missing("2024年获批上市的1类创新药有多少个？同年医保目录新增药品中1类创新药又有多少种？",
                                   found, documents)


def test_which_province_is_not_answered_by_a_passage_leaving_it_unnamed():
    question = "2023年开展村级组织工作事项调查的是哪个省？"
    others = ["浙江推行“141”基层治理体系，北京市推行“接诉即办”。"]
    assert answer_type_missing(question, ["某省2023年开展的调查显示，村级组织平均承担工作事项132项。", *others])
    assert not answer_type_missing(question, ["河南省2023年开展的调查显示，村级组织平均承担工作事项132项。", *others])
    # 哪个市场 asks no city, and 某市场 leaves none unnamed.
    assert not answer_type_missing("该企业的产品主要销往哪个市场？", ["据某市场研究机构统计，该企业产品主要销往东南亚市场。"])


def test_documents_find_the_sentences_naming_a_phrase_and_stop_past_the_most():
    from rag.signals import Documents

    documents = Documents(frozenset(), paragraphs=(("合肥市建成一批项目。", "共筹集1.2万套。"), ("合肥市再建。",), ("合肥市又建。",)))
    assert documents.beside("合肥市", most=3) == ["合肥市建成一批项目。 共筹集1.2万套。", "合肥市再建。", "合肥市又建。"]
    assert documents.beside("合肥市", most=2) is None
    assert documents.beside("武汉", most=3) == []


def test_a_figure_whose_sentence_names_its_own_place_is_not_a_place_the_sentence_before_lists():
    from rag.signals import Documents, figure_apart

    found = ["湖南作为首个试点省份，划设了覆盖全省的低空飞行航线97条。"]
    paragraphs = (("此后，湖南、江西、安徽等省份相继开展改革试点。", found[0]),)
    documents = Documents({"湖南", "江西", "安徽", "航线"}, paragraphs=paragraphs)
    assert figure_apart("江西划设了多少条低空飞行航线？", found, documents)
    assert not figure_apart("湖南划设了多少条低空飞行航线？", found, documents)
    # Places later in the sentence may be parts of the one asked about, or not its subject.
    found = ["全省在杭州、宁波等地建成数字经济产业园120个。"]
    documents = Documents({"浙江", "杭州", "宁波"}, paragraphs=(("浙江大力发展数字经济。", found[0]),))
    assert not figure_apart("浙江建成了多少个数字经济产业园？", found, documents)
    found = ["作为中国生物医药产业重镇，该市生物医药企业超过4000家。"]
    documents = Documents({"苏州", "中国"}, paragraphs=(("苏州深耕生物医药产业。", found[0]),))
    assert not figure_apart("苏州有多少家生物医药企业？", found, documents)
