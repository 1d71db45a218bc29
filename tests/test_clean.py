from rag.clean import ends_sentence, remove_cjk_spaces, undouble
from rag.paragraphs import Line, split_paragraphs
from rag.sentences import split_sentences


def test_spaces_between_cjk_are_removed_but_latin_spacing_kept():
    assert remove_cjk_spaces("面 建 设 社 会 主 义") == "面建设社会主义"
    assert remove_cjk_spaces("变 化 会 塑 造 、层 次 和 结") == "变化会塑造、层次和结"
    assert remove_cjk_spaces("生产力发展集中体现为 GDP 的增长") == "生产力发展集中体现为 GDP 的增长"
    assert remove_cjk_spaces("use AI models 的 能力") == "use AI models 的能力"


def test_headings_printed_twice_are_undone():
    assert undouble("统筹兼顾加快发展新质生产力统筹兼顾加快发展新质生产力") == "统筹兼顾加快发展新质生产力"
    assert undouble("高高 帆帆") == "高帆"
    assert undouble("赵险峰") == "赵险峰"
    assert undouble("发展发展") == "发展"  # an exact repeat, even short, is a repeat
    assert undouble("这是一句正常的话。") == "这是一句正常的话。"


def test_sentence_ends():
    assert ends_sentence("重要着力点”。")
    assert ends_sentence("首要任务。”")
    assert ends_sentence("（作者系某大学教授）")
    assert not ends_sentence("发展新质生产力是推")


def test_single_spaced_text_splits_on_blank_lines_only():
    lines = [Line("第一段第一行文字很长很长很长", False), Line("第一段第二行。", False),
             Line("第二段第一行文字很长很长很长", True), Line("还是第二段文字很长很长很长", False),
             Line("第二段结束。", False)]
    assert split_paragraphs(lines) == ["第一段第一行文字很长很长很长第一段第二行。",
                                       "第二段第一行文字很长很长很长还是第二段文字很长很长很长第二段结束。"]


def test_unwrapped_lines_are_paragraphs_each():
    lines = [Line("这是一个完整的段落，句子很长，没有被硬换行切断，所以每一行就是一段，读者也这样数。", False),
             Line("第二段同样完整。", False)]
    assert len(split_paragraphs(lines)) == 2


def test_sentence_offsets():
    text = "第一句。第二句！“第三句？”最后"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["第一句。", "第二句！", "“第三句？”", "最后"]


def test_kept_first_line_indent_marks_paragraphs():
    raw = ["　　第一段开头，文字很长很长很长很长", "接着第一段的文字。", "　　第二段开头。", "　　第三段开头，", "接着第三段。"]
    lines = [Line(r.strip(), False, r) for r in raw]
    assert split_paragraphs(lines) == ["第一段开头，文字很长很长很长很长接着第一段的文字。", "第二段开头。",
                                       "第三段开头，接着第三段。"]


def test_a_spread_number_is_joined_even_in_a_line_spread_only_in_part():
    assert remove_cjk_spaces("要装中国粮。2 0 2 3年我国粮食总产量") == "要装中国粮。2023年我国粮食总产量"
    assert remove_cjk_spaces("文化馆 3 500多个") == "文化馆 3 500多个"  # perhaps a thousands gap: kept


def test_a_spread_line_with_marks_stuck_to_characters_and_a_whole_number_is_spread():
    from rag.clean import clean_line, letter_spaced

    raw = "2021 年 ，工 业 和 信 息 化 部 、民 政 部 、国 家 卫"
    assert letter_spaced(raw)
    assert clean_line(raw) == "2021年，工业和信息化部、民政部、国家卫"
    assert not letter_spaced("推动 GDP 的增长和 AI 大模型的应用")


def test_a_row_of_years_is_not_a_spread_line():
    from rag.clean import clean_line

    assert clean_line("2019 2020 2021 2022 2023 2024") == "2019 2020 2021 2022 2023 2024"
