"""Articles, paragraphs and attribution — on the bundled page and on pages built here."""

from __future__ import annotations

import pytest

from rag.articles import parse_names, parse_note, split_articles, title_scores
from tests.conftest import PAGE


@pytest.fixture(scope="module")
def bundled():
    return split_articles(PAGE.read_text(encoding="utf-8"), "page")


def test_bundled_page_has_four_articles_attributed_from_the_text(bundled):
    got = [(a.title, a.authors) for a in bundled]
    assert got == [
        ("统筹兼顾加快发展新质生产力", ["高帆"]),
        ("系统谋划新质生产力的产业布局", ["刘海军"]),
        ("以新的生产力理论指导高质量发展", []),
        (None, ["赵险峰", "张亚明"]),
    ]


def test_bundled_affiliations_come_from_the_author_notes(bundled):
    assert bundled[0].affiliation.startswith("复旦大学经济学院教授")
    assert bundled[1].affiliation.startswith("中央党校（国家行政学院）")
    assert bundled[2].affiliation == "北京市习近平新时代中国特色社会主义思想研究中心特约研究员"
    assert bundled[3].affiliation.startswith("燕山大学")
    assert [a.author_count for a in bundled] == [1, 1, 1, 2]


def test_bundled_paragraphs_are_counted_as_printed(bundled):
    assert [len(a.paragraphs) for a in bundled] == [8, 4, 6, 5]
    first = bundled[0].paragraphs
    assert first[0].startswith("党的二十大报告强调") and first[0].endswith("显著特征。")
    assert first[2].startswith("其一，发展新质生产力") and "核心标志" in first[2]
    assert bundled[3].paragraphs[4].startswith("统筹发展和安全，完善数字经济治理体系。创新包括")


def test_bundled_text_is_repaired_without_changing_words(bundled):
    text = "".join(p for a in bundled for p in a.paragraphs)
    assert "面建设社会主义现代化国家的首要任务" in text  # spread characters joined
    assert "生产力发展集中体现为 GDP 的增长" in text  # Latin spacing kept
    assert "作者系" not in text  # the author note is not a paragraph
    assert not any(" " in p.replace(" GDP ", "") for a in bundled for p in a.paragraphs)


def test_names_on_bylines():
    assert parse_names("高高 帆帆") == ["高帆"]
    assert parse_names("赵险峰") == ["赵险峰"]
    assert parse_names("张三 李四") == ["张三", "李四"]
    assert parse_names("党的二十大报告强调，“高质量发展是全") is None


def test_author_notes():
    assert parse_note("（作者系复旦大学经济学院教授）") == ("复旦大学经济学院教授", 1, [])
    assert parse_note("（作者分别系燕山大学党委书记、经济管理学院教授）")[1] == 2
    assert parse_note("（作者单位：北京大学经济学院）")[0] == "北京大学经济学院"
    assert parse_note("（张三系甲大学教授，李四系乙大学副教授）")[2] == ["张三", "李四"]


def _wrap(paragraph: str, width: int = 18) -> list[str]:
    """Hard-wrap like a newspaper column: the first line is indented two characters."""
    lines, first = [], True
    while paragraph:
        take = width - 2 if first else width
        # Print keeps punctuation off the start of a line.
        while take < len(paragraph) and paragraph[take] in "，。、；：）":
            take += 1
        lines.append(paragraph[:take])
        paragraph, first = paragraph[take:], False
    return lines


def _double_spaced(paragraphs: list[str]) -> str:
    return "\n\n".join(line for p in paragraphs for line in _wrap(p))


ART_A = [
    "城市更新是推动城市高质量发展的重要抓手，要坚持以人民为中心的发展思想，守护城市历史文脉。",
    "其一，要完善规划体系。把历史文化保护纳入国土空间规划，统筹老城保护与新区建设，防止大拆大建。",
    "其二，要创新投融资机制。鼓励社会资本参与老旧小区改造，形成政府引导、市场运作、居民参与的格局。",
]
ART_B = [
    "乡村全面振兴离不开人才支撑。要健全乡村人才培养体系，吸引各类人才在乡村大施所能。",
    "要大力发展农村电商和乡村旅游，拓宽农民增收渠道，让农民共享产业增值收益。",
]
ART_C = [
    "生态文明建设关系人民福祉。要坚持绿水青山就是金山银山的理念，推动绿色低碳发展。",
    "要健全生态保护补偿制度，完善生态产品价值实现机制，让保护者受益。",
]


def _held_out_page() -> str:
    header = "\n".join([
        " 生态文明建设的制度保障",  # title of C, whose author is not printed
        " 孙 立 平",  # names of B (two authors) printed under C's title
        "",
        "周晓梅",
        "",
        "以城市更新推动高质量发展以城市更新推动高质量发展",  # A, printed twice (bold)
        "钱钱 进进",
        "",
    ])
    spaced = _double_spaced(ART_A).replace("统筹老城保护", "统 筹 老 城 保 护")
    body_a = spaced + "\n\n【作者系某某大学城市规划系教授】\n\n"
    body_b = "\n".join(_wrap(ART_B[0], 14)) + "\n\n" + "\n".join(_wrap(ART_B[1], 14))
    body_b += "\n\n（作者分别系某某农业大学教授、\n\n副教授）\n\n"
    body_c = _double_spaced(ART_C) + "\n\n（作者系某某省社会科学院特约研究员）\n"
    return header + "\n" + body_a + body_b + body_c


def test_held_out_style_page_is_attributed_by_content_and_author_count():
    arts = split_articles(_held_out_page(), "held")
    assert [(a.title, a.authors) for a in arts] == [
        ("以城市更新推动高质量发展", ["钱进"]),
        (None, ["孙立平", "周晓梅"]),
        ("生态文明建设的制度保障", []),
    ]
    assert [len(a.paragraphs) for a in arts] == [3, 2, 2]
    assert arts[0].paragraphs[1] == ART_A[1]
    assert arts[1].paragraphs == ART_B
    assert arts[2].affiliation == "某某省社会科学院特约研究员"


def test_name_is_never_guessed_from_position():
    # Two single-author articles, one byline without a matching headline:
    # the text cannot say whose it is, so nobody gets it.
    page = "某一篇文章的标题\n张三\n\n" + "\n\n".join([
        "甲地的水稻今年获得丰收，农民喜笑颜开。", "（作者系甲单位研究员）",
        "乙地的果园遭遇霜冻，果农正在补种。", "（作者系乙单位研究员）",
    ])
    arts = split_articles(page, "p")
    assert [a.authors for a in arts] == [[], []]
    assert any("could not be placed" in w for a in arts for w in a.warnings)


def test_plain_document_without_notes_is_one_article():
    arts = split_articles("第一段文字，讲一件事。\n\n第二段文字，讲另一件事。\n", "plain")
    assert len(arts) == 1 and arts[0].paragraphs == ["第一段文字，讲一件事。", "第二段文字，讲另一件事。"]
    assert arts[0].authors == [] and arts[0].title is None


def test_markdown_heading_and_byline_are_taken_inline():
    arts = split_articles("# 我的标题\n\n张三\n\n正文第一段。\n\n正文第二段。\n", "md")
    assert arts[0].title == "我的标题" and arts[0].authors == ["张三"]
    assert arts[0].paragraphs == ["正文第一段。", "正文第二段。"]


def test_note_at_the_end_of_a_line_and_comma_in_a_headline():
    page = ("以科技创新引领产业创新，加快发展新质生产力\n周 一 鸣\n\n"
            "科技创新是发展新质生产力的核心要素。要引领产业创新。（作者系某研究院研究员）\n\n"
            "另一篇文章讲乡村旅游。乡村旅游要因地制宜。\n\n（作者系某大学教授）\n")
    arts = split_articles(page, "p")
    assert [(a.title, a.authors, a.affiliation) for a in arts] == [
        ("以科技创新引领产业创新，加快发展新质生产力", ["周一鸣"], "某研究院研究员"),
        (None, [], "某大学教授"),
    ]
    assert arts[0].paragraphs == ["科技创新是发展新质生产力的核心要素。要引领产业创新。"]


def _real_page_parts():
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    header = ["\n".join(lines[0:2] + [lines[2], lines[3]]), "\n".join(lines[5:7]), "\n".join(lines[8:10])]
    body = "\n".join(lines[11:])
    blocks, rest = [], body
    for end in ("特约研究员）\n", "研究员】\n", "特约研究员）\n", "教授）\n"):
        i = rest.index(end) + len(end)
        blocks.append(rest[:i])
        rest = rest[i:]
    return header, blocks


@pytest.mark.parametrize("header_order, body_order", [
    ((2, 1, 0), (3, 2, 1, 0)), ((1, 0, 2), (2, 0, 3, 1)), ((0, 2, 1), (1, 3, 0, 2)),
])
def test_attribution_survives_reordered_headers_and_articles(header_order, body_order):
    header, blocks = _real_page_parts()
    page = "\n\n".join(header[i] for i in header_order) + "\n\n" + "\n".join(blocks[i] for i in body_order)
    arts = split_articles(page, "shuffled")
    expected = [("统筹兼顾加快发展新质生产力", ["高帆"]), ("系统谋划新质生产力的产业布局", ["刘海军"]),
                ("以新的生产力理论指导高质量发展", []), (None, ["赵险峰", "张亚明"])]
    assert [(a.title, a.authors) for a in arts] == [expected[i] for i in body_order]
    assert [len(a.paragraphs) for a in arts] == [[8, 4, 6, 5][i] for i in body_order]


def test_review_cases_for_bylines_notes_and_furniture():
    assert parse_names("孙孙立立平平 周周晓晓梅梅") == ["孙立平", "周晓梅"]
    assert parse_names("孙 立 平  周 晓 梅") == ["孙立平", "周晓梅"]
    assert parse_names("作者：钱进") == ["钱进"]
    assert parse_names("编者按") is None
    assert parse_note("（作者系某大学教授；本文系国家社科基金项目成果）")[2] == []
    assert parse_note("（作者均系某大学教授）")[1] is None
    page = ("编者按\n\n这是编者的话，说明本期主题。\n\n（本文系某基金项目阶段性成果）\n\n"
            "正文第一段讲数字经济。要发展数字经济。\n\n（作者系甲大学教授）\n\n本版责编：张三\n")
    arts = split_articles(page, "p")
    assert len(arts) == 1 and arts[0].authors == []
    assert all("责编" not in p and "本文系" not in p for p in arts[0].paragraphs)
    named = split_articles("正文讲乡村旅游。要因地制宜。\n\n（张三系甲大学教授，李四系乙大学副教授）\n\n"
                           "第二篇讲城市更新。要守护文脉。\n\n（作者系丙研究院研究员）\n", "p")
    assert [a.authors for a in named] == [["张三", "李四"], []]


def test_one_paragraph_per_line_of_similar_length_is_not_merged():
    text = "\n".join(["第一条意见是加强数字基础设施建设。", "第二条意见是推动数据要素市场化配置。",
                      "第三条意见是完善平台经济治理规则。", "第四条意见是培育数字领域创新人才。"])
    assert len(split_articles(text, "p")[0].paragraphs) == 4


def test_more_headlines_than_articles():
    from rag.articles import _assign

    assert _assign([[0, 0], [0.9, 0], [0, 0.9]], 0.35) == {1: 0, 2: 1}


def test_headline_and_byline_on_one_line():
    page = ("以城市更新推动高质量发展　钱进\n生态文明建设的制度保障  孙 立 平  周 晓 梅\n\n"
            "生态文明建设关系人民福祉。要推动绿色低碳发展。\n\n（作者分别系甲大学教授、副教授）\n\n"
            "城市更新是推动城市高质量发展的重要抓手。\n\n（作者系乙大学教授）\n")
    arts = split_articles(page, "p")
    assert [(a.title, a.authors) for a in arts] == [("生态文明建设的制度保障", ["孙立平", "周晓梅"]),
                                                    ("以城市更新推动高质量发展", ["钱进"])]


def test_affiliation_note_does_not_count_authors():
    page = ("数字乡村建设的新路径\n王小明 李小红\n\n城市更新中的文化保护\n赵大刚\n\n"
            "乡村振兴离不开数字技术的支撑。要加快建设农村宽带网络。数字乡村建设要注重人才培养。\n\n（作者单位：某某农业大学）\n\n"
            "城市更新要守护历史文脉，保留老街区。要把文化保护纳入城市规划。\n\n（作者系某某市规划研究院研究员）\n")
    arts = split_articles(page, "p")
    assert [(a.title, a.authors) for a in arts] == [("数字乡村建设的新路径", ["王小明", "李小红"]),
                                                    ("城市更新中的文化保护", ["赵大刚"])]


# Held-out-style triggers found by red-teaming invented pages: each is a tiny
# page; the expectation is (title, authors, paragraph count) per article.
_P1 = "乡村振兴要发展特色产业。要因地制宜培育乡村产业，拓宽农民增收渠道。"
_P2 = "城市更新要守护历史文脉。要把文化保护纳入城市规划，防止大拆大建。"
_N1, _N2 = "（作者系甲大学教授）", "（作者系乙研究院研究员）"


def _lines_page(lines: list[str]) -> str:
    """Lines wrapped by hand, printed double-spaced and closed by a note (``_double_spaced`` wraps for you)."""
    return "\n\n".join(lines) + "\n\n" + _N1 + "\n"


_TWO = f"{_P2}\n\n{_N2}\n\n{_P1}\n\n{_N1}\n"


def _culture_page(headline: str, p2_tail: str, p1_tail: str, third: str) -> str:
    """Three articles; the third's headline is printed on two lines, its text as given."""
    return (f"推进城市更新\n李强\n\n发展乡村特色产业\n张伟\n\n{headline}\n王芳\n\n"
            f"{_P2}{p2_tail}\n\n{_N2}\n\n{_P1}{p1_tail}\n\n{_N1}\n\n"
            f"公共文化服务要覆盖城乡。{third}\n\n（作者系丙大学教授）\n")


_CULTURE_READING = [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1), ("建设新时代公共文化服务体系", ["王芳"], 1)]


@pytest.mark.parametrize("page, expected", [
    pytest.param(f"推进“城市更新”行动\n李强\n\n发展乡村特色产业\n张伟\n\n{_TWO}",
                 [("推进“城市更新”行动", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1)], id="quoted-headline"),
    pytest.param(f"推进城市更新\n李强\n\n发展乡村特色产业\n\n{_TWO}",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", [], 1)], id="unsigned-headline-last"),
    pytest.param(f"发展乡村特色产业\n\n推进城市更新\n守护历史文脉\n李强\n\n{_TWO}",
                 [("推进城市更新守护历史文脉", ["李强"], 1), ("发展乡村特色产业", [], 1)], id="two-line-headline"),
    pytest.param(f"发展乡村特色产业\n\n推进城市更新\n——以老城区改造为例\n李强\n\n{_TWO}",
                 [("推进城市更新——以老城区改造为例", ["李强"], 1), ("发展乡村特色产业", [], 1)], id="subtitle"),
    pytest.param(f"推进城市更新\n李李 强强  王王 芳芳\n\n{_P2}\n\n（作者分别系乙研究院研究员、助理研究员）\n",
                 [("推进城市更新", ["李强", "王芳"], 1)], id="bold-pair-of-names"),
    pytest.param(f"推进城市更新\n阿依古丽·买买提\n\n{_P2}\n\n{_N2}\n",
                 [("推进城市更新", ["阿依古丽·买买提"], 1)], id="long-transliterated-name"),
    pytest.param(f"思想纵横\n推进城市更新\n李强\n\n发展乡村特色产业\n\n{_TWO}",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", [], 1)], id="column-label"),
    pytest.param(f"学习贯彻党的二十届三中全会精神\n\n推进城市更新\n李强\n\n发展乡村特色产业\n张伟\n\n"
                 f"城市更新要守护历史文脉，落实全会精神。要把文化保护纳入城市规划。\n\n{_N2}\n\n{_P1}\n\n{_N1}\n",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1)], id="page-banner"),
    pytest.param(f"推进城市更新\n李强 王芳\n\n发展乡村特色产业\n张伟 赵敏 刘洋\n\n{_P2}\n\n"
                 "（作者分别系乙大学教授、博士生导师，丙大学副教授、硕士生导师）\n\n"
                 f"{_P1}\n\n（作者分别系甲大学教授，甲大学副教授，丁研究院助理研究员）\n",
                 [("推进城市更新", ["李强", "王芳"], 1), ("发展乡村特色产业", ["张伟", "赵敏", "刘洋"], 1)],
                 id="note-posts-joined-by-dunhao"),
    pytest.param(f"推进城市更新\n\n{_P2}\n\n（作者：李强，系乙研究院研究员）\n\n{_P1}\n\n{_N1}\n",
                 [("推进城市更新", ["李强"], 1), (None, [], 1)], id="name-inside-note"),
    pytest.param(f"{_P2}（作者均系乙研究院研究员）\n\n{_P1}\n\n{_N1}\n",
                 [(None, [], 1), (None, [], 1)], id="run-in-note-junxi"),
    pytest.param(f"推进城市更新\n宋宋 立立  高高 燕燕\n\n钟　毅\n\n{_P2}\n\n{_N2}\n\n{_P1}\n\n"
                 "（作者分别系甲大学教授、副教授）\n".replace("推进城市更新\n", "发展乡村特色产业\n推进城市更新\n"),
                 [("推进城市更新", ["钟毅"], 1), ("发展乡村特色产业", ["宋立", "高燕"], 1)], id="boxes-side-by-side"),
    pytest.param(f"{_P1}\n\n{_N1}\n\n推进城市更新\n守护历史文脉\n\n李强\n\n{_P2}\n\n{_N2}\n",
                 [(None, [], 1), ("推进城市更新守护历史文脉", ["李强"], 1)], id="inline-two-line-headline"),
    pytest.param(f"{_P1}\n\n{_N1}\n\n本版编辑：宋雪 王琦 李丹　　校对：刘洋 赵明　　制图：李宁\n",
                 [(None, [], 1)], id="page-credits"),
    pytest.param(f"编者按：本版刊发两篇文章，探讨城乡发展。\n\n推进城市更新\n李强\n\n发展乡村特色产业\n张伟\n\n{_TWO}",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1)], id="editors-note-on-top"),
    pytest.param(f"推进城市更新\n李强\n\n发展乡村特色产业\n张伟\n\n编者按：本版刊发两篇文章，探讨城乡发展。\n\n{_TWO}",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1)], id="editors-note-below-header"),
    pytest.param(f"时代新论\n\n推进城市更新\n李强\n\n{_P2}\n\n{_N2}\n\n{_P1}\n\n{_N1}\n",
                 [("推进城市更新", ["李强"], 1), (None, [], 1)], id="column-label-opening-with-a-surname"),
    pytest.param(f"城市更新难在哪里？\n李强\n\n发展乡村特色产业\n张伟\n\n{_TWO}",
                 [("城市更新难在哪里？", ["李强"], 1), ("发展乡村特色产业", ["张伟"], 1)], id="question-headline"),
    pytest.param(f"推进城市更新\n李　强　王　芳\n\n{_P2}\n\n（作者分别系乙研究院研究员、助理研究员）\n\n{_P1}\n\n{_N1}\n",
                 [("推进城市更新", ["李强", "王芳"], 1), (None, [], 1)], id="two-names-evenly-spaced"),
    pytest.param(f"推进城市更新\n郑郑 凯凯 刘刘 畅畅\n\n{_P2}\n\n（作者分别系乙研究院研究员、助理研究员）\n",
                 [("推进城市更新", ["郑凯", "刘畅"], 1)], id="two-bold-names-evenly-spaced"),
    pytest.param(f"推进城市更新\n李强\n\n发展乡村特色产业\n\n推动生态文明建设\n\n{_P2}\n\n{_N2}\n\n{_P1}\n\n{_N1}\n\n"
                 "生态文明建设关系人民福祉。要推动绿色发展，促进人与自然和谐共生。\n\n（作者系丙大学教授）\n",
                 [("推进城市更新", ["李强"], 1), ("发展乡村特色产业", [], 1), ("推动生态文明建设", [], 1)],
                 id="two-unsigned-headlines-last"),
    pytest.param(f"李强\n推进城市更新\n\n张伟\n发展乡村特色产业\n\n{_P1}\n\n{_N1}\n\n{_P2}\n\n{_N2}\n",
                 [("发展乡村特色产业", ["张伟"], 1), ("推进城市更新", ["李强"], 1)], id="names-above-headlines"),
    pytest.param(f"推进城市更新\n李强 王芳 赵敏\n\n{_P2}\n\n（作者分别系甲大学教授、副教授和博士研究生）\n",
                 [("推进城市更新", ["李强", "王芳", "赵敏"], 1)], id="three-authors-joined-by-he"),
    pytest.param(f"推进城市更新\n**李强**\n\n{_P2}\n\n{_N2}\n",
                 [("推进城市更新", ["李强"], 1)], id="markdown-bold-byline"),
    pytest.param(f"推进城市更新\n李强\n\n张伟\n\n{_P2}\n\n{_N2}\n\n{_P1}\n\n（张伟系甲大学教授）\n",
                 [("推进城市更新", ["李强"], 1), (None, ["张伟"], 1)], id="untitled-articles-name-under-a-headline"),
    pytest.param(f"推进城市更新\n李强  王芳\n\n发展乡村特色产业\n\n{_P2}\n\n"
                 "（作者分别系乙大学教授、中央党校（国家行政学院）政治和法律教研部副教授）\n\n"
                 f"{_P1}\n\n（作者分别系甲大学教授、副教授）\n",
                 [("推进城市更新", ["李强", "王芳"], 1), ("发展乡村特色产业", [], 1)], id="he-inside-a-department-name"),
    pytest.param(f"推进以县城为重要载体的\n城镇化\n邵清源\n\n发展乡村特色产业\n\n"
                 "县城是城镇体系的重要组成部分。推进以县城为重要载体的城镇化建设，要增强县城综合承载能力。\n\n"
                 f"（作者系丙研究中心研究员）\n\n{_P1}\n\n（作者分别系甲大学教授、副教授）\n",
                 [("推进以县城为重要载体的城镇化", ["邵清源"], 1), ("发展乡村特色产业", [], 1)],
                 id="three-character-headline-tail-is-no-name"),
    pytest.param(f"推进城市更新　李强  王芳\n\n发展乡村特色产业　张伟\n\n{_P2}\n\n（作者分别系乙研究院研究员、助理研究员）"
                 f"\n\n{_P1}\n\n{_N1}\n",
                 [("推进城市更新", ["李强", "王芳"], 1), ("发展乡村特色产业", ["张伟"], 1)],
                 id="headline-fullwidth-space-names"),
    pytest.param(f"{_P2}\n\n" + "\n\n".join(["（作者分别系北京建筑大学建", "筑与城市规划学院教授、博士", "生导师，北京建筑大学建筑遗",
                                              "产研究院助理研究员；本文系", "国家社科基金重大项目“城市", "更新中的历史文化保护研究”",
                                              "阶段性成果）"]) + f"\n\n{_P1}\n\n{_N1}\n",
                 [(None, [], 1), (None, [], 1)], id="note-over-seven-printed-lines"),
    # A headline's first line whose words every article uses is no column label (思想纵横).
    pytest.param(_culture_page("建设新时代\n公共文化服务体系", "要建设新时代的宜居城市。", "要建设新时代的美丽乡村。",
                               "要建设新时代公共文化服务体系。"),
                 _CULTURE_READING, id="headline-first-line-of-common-words"),
    # A first line that fits two articles equally points at neither: not a headline of its own.
    pytest.param(_culture_page("建设新时代\n公共文化服务体系", "要建设新时代的宜居城市。", "", "要建设新时代公共文化服务体系。"),
                 _CULTURE_READING, id="headline-first-line-fitting-two-articles"),
    pytest.param(_culture_page("建设新时代建设新时代\n公共文化服务体系公共文化服务体系", "", "", "要完善公共文化服务体系。"),
                 _CULTURE_READING, id="bold-two-line-headline"),
    # Printed in traditional characters: 劉 is a surname, 係 and 分別 open notes.
    pytest.param("推進城市更新\n劉強  陳芳\n\n城市更新要守護歷史文脈。要把文化保護納入城市規劃，防止大拆大建。\n\n"
                 "（作者分別係乙研究院研究員、助理研究員）\n",
                 [("推進城市更新", ["劉強", "陳芳"], 1)], id="traditional-characters"),
])
def test_held_out_style_pages(page, expected):
    got = [(a.title, a.authors, len(a.paragraphs)) for a in split_articles(page, "t")]
    assert got == expected


def test_a_bracketed_aside_in_the_text_is_not_an_author_note():
    page = ("数字经济核心产业增长较快，占GDP比重持续提升，对经济增长的\n（增速为7.8%），明显高于同期经济增速，"
            "贡献不断增强。\n\n" + _N1 + "\n")
    arts = split_articles(page, "t")
    assert len(arts) == 1 and arts[0].authors == [] and "增速为7.8%" in "".join(arts[0].paragraphs)


def test_a_long_note_over_many_printed_lines_still_closes_the_article():
    note = "\n\n".join(["（作者分别系北京建筑大学", "建筑与城市规划学院教授、", "北京建筑大学建筑遗产研究", "院助理研究员）"])
    arts = split_articles(f"{_P2}\n\n{note}\n\n{_P1}\n\n{_N1}\n", "t")
    assert len(arts) == 2 and arts[0].author_count == 2 and arts[0].affiliation.startswith("北京建筑大学")


def test_numbered_subheadings_are_paragraphs_of_their_own():
    lines = ["粮食安全是国之大者。必须从耕地、种子", "等方面协同发力，端牢中国饭碗。", "一、守住耕地保护红线一、守住耕地保护红线",
             "耕地是粮食生产的命根子。要落实最严", "格的耕地保护制度，加快建设高标准农田，", "建成旱涝保收的现代化良田。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:6] for p in arts[0].paragraphs] == ["粮食安全是国", "一、守住耕地", "耕地是粮食生"]
    assert arts[0].paragraphs[1] == "一、守住耕地保护红线"


def test_an_indented_opening_line_that_ends_a_sentence_does_not_end_the_paragraph():
    # A 19-character column; paragraph openings are indented by two.
    lines = ["新型基础设施是数字经济发展的底座。", "我国累计建成的基站超过三百万个，算力总", "规模位居全球前列，为数字经济发展提供了",
             "有力支撑。", "要适度超前布局新型基础设施，统筹推", "进千兆光网、数据中心等建设。"]
    arts = split_articles(_lines_page(lines), "t")
    assert len(arts[0].paragraphs) == 2 and arts[0].paragraphs[0].startswith("新型基础设施是数字经济发展的底座。我国")


def test_spread_lines_lose_their_spaces_between_digits_too():
    from rag.clean import clean_line

    assert clean_line("我 国 中 小 企 业 数 量 超 过 5 2 0 0 万 户 ， 贡 献 了 8 0 %") == "我国中小企业数量超过5200万户，贡献了80%"
    assert clean_line("生产力发展集中体现为 GDP 的增长") == "生产力发展集中体现为 GDP 的增长"


def test_a_line_short_by_a_pushed_opening_quote_does_not_open_a_paragraph():
    lines = ["从理论逻辑看，人与自然是生命共同体。马", "克思主义认为，人靠自然界生活，人类在同", "自然的互动中生产、生活、发展。",
             "从历史逻辑看，我国生态文明建设经", "历了从实践探索到理论创新的发展过程。", "党的十八大以来，生态文明建设被纳入",
             "“五位一体”总体布局，美丽中国建设迈", "出重大步伐。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:6] for p in arts[0].paragraphs] == ["从理论逻辑看", "从历史逻辑看"]


def test_a_funding_clause_inside_the_note_does_not_count_as_an_author():
    body, count, names = parse_note("（作者分别系中国人民大学商学院教授、副教授、博士研究生；本文系国家社科基金重大项目阶段性成果）")
    assert count == 3 and body == "中国人民大学商学院教授、副教授、博士研究生" and names == []


def test_a_narrow_opening_line_before_a_wider_column_is_not_a_headline():
    # The article's first lines sit in a 14-em column; the text then widens to 20 em.
    narrow = ["科技体制改革是全面深化改", "革的重要内容。深化科技体制机", "制改革，就是要破除束缚科技创", "新的思想观念和制度藩篱，充分"]
    wide = ["释放创新活力，加快实现高水平科技自立自强。", "要优化重大科技创新组织机制。统筹强化",
            "关键核心技术攻关，推动科技创新力量、要素", "配置、人才队伍体系化、建制化、协同化。"]
    page = f"{_P1}\n\n{_N1}\n\n" + "\n".join(narrow + wide) + "\n\n" + _N2 + "\n"
    arts = split_articles(page, "t")
    assert arts[1].title is None and arts[1].paragraphs[0].startswith("科技体制改革是全面深化改革的重要内容")


@pytest.mark.parametrize("folder, least", [("pages", 122), ("heldout_pages", 112)])
def test_red_team_pages_keep_their_attribution(folder, least):
    """eval/pages: 34 unseen damaged pages, 122 of their 125 articles read exactly; eval/heldout_pages:
    twenty-nine full-size pages in the bundled page's style, 112 of 116 (bench/attribution.py -v FOLDER)."""
    import json
    from pathlib import Path

    from bench.attribution import PAGES, problems

    right = 0
    for path in sorted(p for p in (Path(PAGES).parent / folder).iterdir() if p.suffix in (".txt", ".md")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        got = split_articles(path.read_text(encoding="utf-8"), path.stem)
        if len(got) == len(expected):
            right += sum(not problems(e, g) for e, g in zip(expected, got))
    assert right >= least


def test_a_headline_goes_to_the_article_that_keeps_using_its_words():
    from rag.articles import title_scores

    # 人才 fills the second article and occurs once in two others; 激活 occurs once, in the
    # first, and in no other, so by presence alone the headline would point at the first.
    first = "要激活土地要素，推进乡村振兴。乡村产业要发展，乡村人才要培育，乡村面貌要改善。"
    second = "乡村振兴，人才是关键。要培养人才、引进人才、用好人才，让人才在乡村振兴中建功立业，人才兴则乡村兴。"
    third = "粮食安全是国之大者。要稳定粮食播种面积，提高粮食单产，培养农业科技人才。"
    fourth = "县域是城乡融合的切入点。要推进县城建设，促进城乡要素流动，提升县城综合承载能力。"
    scores = title_scores(["激活乡村振兴的人才引擎"], [first, second, third, fourth])[0]
    assert max(range(4), key=scores.__getitem__) == 1


def test_an_untitled_articles_byline_is_taken_from_a_headline_whose_note_gives_no_count():
    # The header prints 李强、王芳 under the first headline, whose article's note (作者单位) implies
    # no count; the untitled article's note implies exactly two authors, and only there can
    # its byline stand.
    page = (f"发展乡村特色产业\n李强\n\n王芳\n\n推进城市更新\n张伟\n\n"
            f"{_P1}\n\n（作者单位：甲研究院）\n\n{_P2}\n\n（作者系乙大学教授）\n\n"
            "公共文化服务要覆盖城乡。要推动优质文化资源下沉基层，让群众就近享受文化服务。\n\n"
            "（作者分别系丙大学教授、博士研究生）\n")
    arts = split_articles(page, "t")
    assert [(a.title, a.authors) for a in arts] == [
        ("发展乡村特色产业", []), ("推进城市更新", ["张伟"]), (None, ["李强", "王芳"])]


def test_a_line_narrowed_only_by_its_digits_does_not_open_a_paragraph():
    # An 18-em column; 2015 takes two em, so its line measures 17, as an indented one might.
    lines = ["其四，处理好外部约束和内生动力的关系", "，用最严格制度最严密法治保护生态环境", "。督察制度是一项重大的制度创新成果。",
             "2015年底，中央生态环境保护督察在河", "北率先开展试点，此后两轮督察共受理了", "信访举报约28.7万件。",
             "要完善生态环境保护督察制度，压实地方", "党委政府生态环境保护责任。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:6] for p in arts[0].paragraphs] == ["其四，处理好", "要完善生态环"]


def test_where_an_indent_was_lost_a_short_line_closing_a_sentence_still_ends_the_paragraph():
    lines = ["  荒漠化是影响人类生存和发展的全球性重", "大生态问题。我国是荒漠化最严重的国家", "之一，防沙治沙任务依然艰巨繁重。",
             "2023年6月，习近平总书记在内蒙古巴彦淖", "尔主持召开座谈会，对防沙治沙作出部署。",
             "  防沙治沙必须尊重科学规律。我国北方大", "部分沙区年降水量在400毫米以下，水资", "源是最大的刚性约束。",
             "  荒漠化防治是一项长期任务，必须一代", "接着一代干，久久为功。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:5] for p in arts[0].paragraphs] == ["荒漠化是影", "2023年", "防沙治沙必", "荒漠化防治"]


def test_a_spread_line_opening_with_digits_is_not_an_indented_opening():
    # The spread line is justified to the column's width; it measures short only
    # because 2023 is four half-width digits.
    lines = ["富煤贫油少气是我国的基本国情，煤", "炭 在 能 源 体 系 中 发 挥 着 兜 底 保 障 作 用 。",
             "2 0 2 3 年 ，煤 炭 消 费 量 占 能 源 消 费 总 量 的", "55.3%。推动煤炭清洁高效利用，是立足",
             "国情实现“双碳”目标的必然选择。", "要推进煤电机组节能降碳改造、灵活", "性改造和供热改造“三改联动”，提高煤",
             "电机组效率，推动煤电由主体性电源向基", "础保障性和系统调节性电源并重转型。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:6] for p in arts[0].paragraphs] == ["富煤贫油少气", "要推进煤电机"]


def test_bylines_printed_apart_under_one_headline_go_to_the_notes_they_fit():
    page = ("推进城市更新\n李强\n\n王芳  赵敏\n\n发展乡村特色产业\n张伟\n\n"
            f"{_P2}\n\n{_N2}\n\n{_P1}\n\n{_N1}\n\n"
            "生态文明建设关系人民福祉。要推动绿色发展，促进人与自然和谐共生。\n\n（作者分别系丙大学教授、副教授）\n")
    got = [(a.title, a.authors) for a in split_articles(page, "t")]
    assert got == [("推进城市更新", ["李强"]), ("发展乡村特色产业", ["张伟"]), (None, ["王芳", "赵敏"])]


def test_unnumbered_headings_on_lines_of_their_own_are_paragraphs():
    # An 18-character column, openings indented by two: a bold heading printed twice over,
    # and an enumerator heading stopping short of even an indented line.
    lines = ["人工智能是引领新一轮科技革命的战", "略性技术，是培育新质生产力的重要抓手，", "要推动人工智能赋能千行百业，加快形成", "新的增长动力。",
             "夯实算力算法数据底座夯实算力算法数据底座",
             "算力、算法、数据是人工智能发展", "的三大要素。要适度超前建设智能算力基", "础设施，推动算力资源高效调度和普惠使",
             "用，提升数据要素供给的数量和质量。",
             "其一，以县域医共体建设为抓手", "紧密型县域医共体是整合县乡村", "三级医疗资源的有效形式。要推进医共体",
             "内人员、财务、药品、信息等统一管理，", "让县级医院的优质资源下沉到乡村两级。"]
    arts = split_articles(_lines_page(lines), "t")
    assert [p[:6] for p in arts[0].paragraphs] == ["人工智能是引", "夯实算力算法", "算力、算法、", "其一，以县域", "紧密型县域医"]
    assert arts[0].paragraphs[1] == "夯实算力算法数据底座"


def test_a_short_last_line_opening_like_an_enumerator_stays_in_its_paragraph():
    from rag.paragraphs import Line, split_paragraphs

    lines = ["党的二十大报告提出，要加快发展数字经济，", "促进数字经济和实体经济深度融合，打造具", "有国际竞争力的数字产业集群，要求落实到",
             "第一时间赶到现场救援。", "要推进数字产业化和产业数字化，加快建设", "数字中国。"]
    assert len(split_paragraphs([Line(t, True, t) for t in lines])) == 2


def test_an_article_that_switches_from_double_to_single_spacing_is_read_stretch_by_stretch():
    # Three double-spaced paragraphs (a paragraph shows only by its short last line), then
    # single-spaced ones separated by blank lines; most gaps of the article are not blank.
    double = ["数字技术正深刻改变养老服务的供给方式。", "近年来智能穿戴设备和远程健康监测等产品不",
              "断涌现，为破解养老难题提供了思路。", "康复机器人和护理机器人是智慧养老的重要发",
              "展方向。要研制助浴和康复训练等机器人。", "要用好智能技术弥补照护力量的不足，推动",
              "机构和社区的服务更加精准高效。"]
    single = [["要推动数字适老与老人适数双向发力，开展", "智能技术应用培训，帮助老人跨越数字鸿沟。"],
              ["要打通数据壁垒，提升健康信息共享水平，推", "动医疗和养老数据互联互通，让服务更加便捷", "高效。"],
              ["要推进互联网加医疗健康服务向基层延伸，", "让老年人在家门口享受优质便捷的医疗服务，", "不断提升获得感。"],
              ["要培育智慧养老的市场生态，鼓励企业研发", "适老化产品，形成可持续的商业模式和服务。"]]
    page = "\n\n".join(double) + "\n\n" + "\n\n".join("\n".join(p) for p in single) + "\n\n" + _N1 + "\n"
    arts = split_articles(page, "t")
    assert [p[:4] for p in arts[0].paragraphs] == ["数字技术", "康复机器", "要用好智", "要推动数", "要打通数", "要推进互", "要培育智"]


def test_one_line_paragraphs_of_single_spaced_text_stay_apart():
    # Single-spaced lines (a sentence wrapped with no blank), then a list of one-line
    # paragraphs separated by blank lines: those blanks end paragraphs.
    page = ("我国海洋经济总量持续扩大，海洋产业结构不断优化，海洋科\n技创新能力显著增强，海洋生态环境持续改善。\n\n"
            "一要壮大海洋渔业。\n\n二要发展海洋能源。\n\n三要做强港口航运。\n\n" + _N1 + "\n")
    arts = split_articles(page, "t")
    assert [p[:5] for p in arts[0].paragraphs] == ["我国海洋经", "一要壮大海", "二要发展海", "三要做强港"]


def test_a_single_name_under_a_headline_stays_there_though_an_untitled_article_would_fit():
    page = (f"发展乡村特色产业\n李强\n\n{_P1}\n\n（作者单位：甲研究院）\n\n"
            "公共文化服务要覆盖城乡。要推动优质文化资源下沉基层，让群众就近享受文化服务。\n\n（作者系丙大学教授）\n")
    arts = split_articles(page, "t")
    assert [(a.title, a.authors) for a in arts] == [("发展乡村特色产业", ["李强"]), (None, [])]


def test_an_indented_opening_line_holding_many_digits_still_opens_a_paragraph():
    lines = ["　　数字经济是继农业经济、工业经济之后", "的主要经济形态，正在深刻改变生产方式。",
             "　　2023年全国GDP增长5.2%，数字经济", "核心产业增加值占比达到百分之十左右。"]
    arts = split_articles("\n".join(lines) + "\n\n" + _N1 + "\n", "t")
    assert [p[:4] for p in arts[0].paragraphs] == ["数字经济", "2023"]


def test_a_line_one_short_opens_a_paragraph_only_where_inner_lines_are_never_short():
    # Justified: every inner line fills the column, so one a character short after a
    # finished sentence is indented. Ragged: inner lines often stop one short, so it is not.
    from rag.paragraphs import Line, split_paragraphs

    justified = ["社区养老服务是居家养老的重要依托，近年", "来各地加快建设社区养老服务中心，助餐助", "浴助医等服务不断丰富，老年人在家门口就",
                 "能享受便利服务，群众的满意度明显提升。", "服务网络还要向农村延伸，推动县乡村三", "级养老服务设施互联互通，让农村老人同样",
                 "老有所养、老有所依。"]
    ragged = ["社区养老服务是居家养老的重要依托，近年", "来各地加快建设社区养老服务中心，助餐", "助浴助医等服务不断丰富，老年人在家门口",
              "就能享受便利服务，群众满意度明显提升。", "服务网络还要向农村延伸，推动县乡村三", "级养老服务设施互联互通，让农村老人同",
              "样老有所养、老有所依。"]
    assert [len(p) for p in split_paragraphs([Line(t, True, t) for t in justified])] == [76, 47]
    assert len(split_paragraphs([Line(t, True, t) for t in ragged])) == 1


def test_half_width_digits_do_not_make_a_justified_article_ragged():
    # A justified 19-em column with a one-character indent: inner lines holding three half-width
    # digits measure 18.5 em but are full, so each indented opening still opens a paragraph.
    from rag.paragraphs import Line, split_paragraphs

    han = "粮食生产稳定增长农民收入持续提高乡村振兴扎实推进耕地保护不断加强科技支撑能力提升"

    def run(n: int, k: int) -> str:
        return "".join(han[(k + j) % len(han)] for j in range(n))

    lines = []
    for k in (0, 6, 12):
        lines += [run(18, k), run(16, k + 1) + "，123", run(16, k + 2) + "，456", run(18, k + 3) + "，",
                  run(18, k + 4) + "，", run(18, k) + "。"]
    assert len(split_paragraphs([Line(t, True, t) for t in lines])) == 3


def _han(n: int, k: int = 0) -> str:
    text = "就业是最基本的民生事关人民群众切身利益事关经济社会健康发展党的报告提出实施优先战略强化政策健全促进机制"
    return "".join(text[(k + j) % len(text)] for j in range(n))


def test_marks_hung_past_the_column_do_not_widen_it():
    # An 18-em column (from a held-out page) whose lines often end on a mark hung past the edge
    # (…的影响，at 19 em): the line after 协同发力。, narrow only by its digit (…对招用离校2), is a
    # full line, not an indented opening. Measured with the hung marks, the column was 18.5 em.
    from rag.paragraphs import Line, split_paragraphs

    lines = ['总体来看，我国就业形势保持总体稳定。', '2024年全国城镇新增就业1256万人，全年', '城镇调查失业率平均值为5.1%，完成了预',
             '期目标。但也要看到，青年就业压力依然', '不小。国家统计局数据显示，2024年12月', '全国城镇不包含在校生的16—24岁劳动力',
             '失业率为15.7%，明显高于总体失业率。', '与此同时，“有人没活干”和“有活没人', '干”的现象并存：一方面，部分毕业生集',
             '中涌向机关事业单位和少数热门行业，', '“考公”“考编”热度不减，一些人选择', '“慢就业”“缓就业”；另一方面，不少制',
             '造业企业的技术岗位、一线岗位长期招工', '难，部分中西部县域的基层岗位乏人问津。', '结构性就业矛盾已成为青年就业领域的主',
             '要矛盾。', '实施就业优先战略，首先要把就业作为经', '济社会发展的优先目标。要健全就业影响',
             '评估机制，在制定产业、财税、金融、投', '资等重大政策时同步评估其对就业的影响，', '推动财政、货币政策与就业政策协同发力。',
             '要用足用好稳岗扩岗政策，对招用离校2', '年内未就业高校毕业生、登记失业的16—', '24岁青年并签订1年以上劳动合同的企业，',
             '按每人1500元的标准发放一次性扩岗补助。', '2024年，全国共向企业发放稳岗返还资金', '218亿元，惠及企业超过380万户。对吸纳',
             '青年就业多的中小微企业，还应在融资、', '用地、政府采购等方面给予倾斜，把稳岗', '扩岗政策真正落到市场主体身上。']
    paragraphs = split_paragraphs([Line(t, True, t) for t in lines])
    assert [p[:4] for p in paragraphs] == ["总体来看", "实施就业"]


def test_an_article_setting_its_openings_flush_has_no_indented_line():
    # No paragraph of this article opens indented: each ends on a short line and the next
    # starts full. A line short after a finished sentence (…规模达到 / 5059.5亿元) could not
    # take the long figure that opens the next one; it is no indented opening.
    from rag.paragraphs import Line, split_paragraphs

    lines = [_han(19, 0), _han(19, 4), _han(12, 8) + "。",
             _han(19, 12) + "。", _han(15, 16) + "2023", "5059.5" + _han(15, 20), _han(19, 24), _han(5, 28) + "。",
             _han(19, 32), _han(19, 36), _han(9, 40) + "。"]
    paragraphs = split_paragraphs([Line(t, True, t) for t in lines])
    assert [p[:3] for p in paragraphs] == [_han(3, 0), _han(3, 12), _han(3, 32)]
    # An opening one short because the opening mark after it could not end a line is full too.
    lines += [_han(18, 44), "“" + _han(17, 4) + "”", _han(6, 8) + "。"]
    paragraphs = split_paragraphs([Line(t, True, t) for t in lines])
    assert [p[:3] for p in paragraphs] == [_han(3, 0), _han(3, 12), _han(3, 32), _han(3, 44)]


def test_a_title_whose_words_every_article_uses_points_at_the_one_using_them_most():
    # 以法治之力护航民营经济发展 over a page on 民营经济: its rare words (法治, 护航) are in no
    # body, and 民营, 经济 are in all four; but one article says 民营经济 five times as often.
    bodies = ["民营经济促进法施行。民营经济贡献大。依法保护民营经济。民营经济组织平等竞争。民营经济人士安心。",
              "民营企业融资难。银行贷款支持民营企业。经济下行压力加大。",
              "民营企业家精神。营造经济环境。民营企业家安心发展。",
              "民营企业数字化转型。经济效益提升，民营企业创新。"]
    scores = title_scores(["以法治之力护航民营经济发展"], bodies, [True])[0]
    assert scores[0] >= 0.35
    assert scores[1:] == [0.0, 0.0, 0.0]
    # With no byline under it, a line is scored as before: it may be a page banner.
    assert title_scores(["以法治之力护航民营经济发展"], bodies)[0] == [0.0, 0.0, 0.0, 0.0]


def test_a_banner_of_words_every_article_uses_names_none_of_them():
    # One article repeats 高质量发展 far more than the others; a banner has no byline under it.
    bodies = ["高质量发展要靠创新。高质量发展要靠改革。推动高质量发展。高质量发展是硬道理。实现高质量发展。",
              "产业布局服务高质量发展，要统筹兼顾。", "数据要素赋能高质量发展，数实融合。", "绿色转型支撑高质量发展，生态优先。"]
    assert title_scores(["高质量发展"], bodies, [False])[0] == [0.0, 0.0, 0.0, 0.0]
