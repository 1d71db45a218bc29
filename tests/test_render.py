"""Document text is shown as text on every surface: chat, citation cards, export."""

from rag.models import Answer, Citation
from rag.render import chat_markdown, citation_cards, export_markdown

NASTY = "![](http://tracker.example/x.png) <img src=x onerror=alert(1)> [点此](http://evil.example) <script>x()</script>"


def _answer():
    c = Citation(1, "d/1", "T", ["甲"], "A", 2, "正文。" + NASTY, 1.0, "正文。", "甲《T》第2段")
    return Answer("问？", "正文。" + NASTY + "[1]", False, [c], [])


def test_chat_markdown_neutralises_markup_but_keeps_markers():
    md = chat_markdown(_answer())
    assert "<sup>[1]</sup>" in md
    assert "<img" not in md and "<script" not in md and "](" not in md and "![" not in md


def test_citation_cards_escape_and_highlight():
    html = citation_cards(_answer(), {})
    assert "<img" not in html and "<script" not in html and "&lt;script&gt;" in html
    assert "<mark>正文。</mark>" in html


def test_export_escapes_document_text():
    md = export_markdown([_answer()])
    assert "<img" not in md and "<script" not in md and "](" not in md
