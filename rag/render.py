"""Present answers for people: chat Markdown, citation cards (HTML), Markdown export.

Every piece of document text is escaped here, so a document that contains
``<script>`` or HTML is shown as text and never runs or renders as markup.
"""

from __future__ import annotations

import html
import re

from .models import Answer, Article

_MARKER = re.compile(r"\[(\d+)\]")
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")


def _md_escape(text: str) -> str:
    """Text safe inside Markdown: HTML escaped, Markdown punctuation neutralised.

    Brackets, parentheses and ``!`` are escaped too, so a document's
    ``![](http://…)`` or ``[link](…)`` shows as text, never as an image or link.
    """
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#|~!$<>])", r"\\\1", text)


def escape_text(text: str) -> str:
    """Any text (streamed model output included) made safe to show as Markdown."""
    return _md_escape(text)


def chat_markdown(answer: Answer, upto: int | None = None) -> str:
    """The chat bubble: answer text with [n] markers, then the citation list.

    ``upto`` cuts the answer text for streaming; the list comes with the end.
    """
    text = answer.answer if upto is None else answer.answer[:upto]
    body = _ESCAPED_MARKER.sub(lambda m: f"<sup>[{m.group(1)}]</sup>", _md_escape(text))
    if upto is not None and upto < len(answer.answer):
        return body + " ▍"
    lines = [body, ""]
    if answer.abstained:
        lines.append("**最接近的段落（供参考）：**")
        lines += [f"- {_md_escape(c.label)}" for c in answer.see_also]
    else:
        for c in answer.citations:
            aff = f"（{_md_escape(c.affiliation)}）" if c.affiliation and c.authors else ""
            lines.append(f"- [{c.marker}] {_md_escape(c.label)}{aff}")
    for w in answer.warnings:
        flag = "❗ 未被引文支持" if w.startswith("unsupported") else "⚠️"
        lines.append(f"\n> {flag} {_md_escape(w)}")
    return "\n".join(lines)


def _highlight(passage: str, sentence: str) -> str:
    """The passage escaped, with the supporting sentence(s) marked."""
    if not sentence:
        return html.escape(passage)
    spans = []
    for part in re.split(r"(?<=[。！？；])", sentence):
        part = part.strip()
        start = passage.find(part) if part else -1
        if start >= 0:
            spans.append((start, start + len(part)))
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [html.escape(passage[pos:start]), f"<mark>{html.escape(passage[start:end])}</mark>"]
        pos = end
    out.append(html.escape(passage[pos:]))
    return "".join(out)


def _article_html(article: Article, marked: int) -> str:
    rows = []
    for n, text in enumerate(article.paragraphs, 1):
        cls = ' class="cited"' if n == marked else ""
        rows.append(f'<p{cls}><span class="pn">第{n}段</span> {html.escape(text)}</p>')
    note = f'<p class="note">{html.escape(article.note)}</p>' if article.note else ""
    return "".join(rows) + note


def citation_cards(answer: Answer, articles: dict[str, Article]) -> str:
    """Expandable cards: label → passage with the sentence highlighted → whole article."""
    cards = answer.see_also if answer.abstained else answer.citations
    if not cards:
        return '<div class="sources empty">（暂无引用）</div>'
    title = "最接近的段落（文档中没有直接回答）" if answer.abstained else "引用来源（点击展开核对原文）"
    parts = [f'<div class="sources"><div class="sources-title">{title}</div>']
    for c in cards:
        article = articles.get(c.doc_id)
        aff = f"（{html.escape(c.affiliation)}）" if c.affiliation and c.authors else ""
        passage = _highlight(c.text, c.sentence if not answer.abstained else "")
        whole = (f'<details class="article"><summary>查看全文（{html.escape(c.doc_id)}）</summary>'
                 f"{_article_html(article, c.paragraph or 0)}</details>") if article else ""
        marker = f"[{c.marker}] " if not answer.abstained else ""
        parts.append(
            f'<details class="citation" data-doc="{html.escape(c.doc_id)}" data-paragraph="{c.paragraph}">'
            f"<summary>{marker}{html.escape(c.label)}{aff}</summary>"
            f'<blockquote class="passage">{passage}</blockquote>{whole}</details>'
        )
    parts.append("</div>")
    return "".join(parts)


def export_markdown(turns: list[Answer]) -> str:
    """Chat history as Markdown, each answer followed by its cited passages (all text escaped)."""
    e = _md_escape
    out = ["# 问答记录", ""]
    for a in turns:
        out += [f"## 问：{e(a.question)}", "", e(a.answer), ""]
        for c in a.citations:
            where = f"第{c.paragraph}段" if c.paragraph else "作者注"
            aff = f"（{e(c.affiliation)}）" if c.affiliation else ""
            out += [f"\\[{c.marker}\\] {e(c.label)}{aff} — {e(c.doc_id)} {where}", "", "> " + e(c.text), ""]
        if a.abstained and a.see_also:
            out.append("最接近的段落：")
            out += [f"- {e(c.label)}: {e(c.text[:80])}…" for c in a.see_also]
            out.append("")
    return "\n".join(out)


CSS = """
.sources { font-size: 14px; }
.sources-title { font-weight: 600; margin: 4px 0 8px; }
.citation { border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; margin-bottom: 8px; background: #fafbfc; }
.citation > summary { cursor: pointer; font-weight: 600; color: #0b5cad; }
.passage { margin: 8px 0; padding: 6px 10px; border-left: 3px solid #0b5cad; background: #fff; white-space: pre-wrap; }
.passage mark { background: #fff2a8; }
.article { margin-top: 6px; }
.article > summary { cursor: pointer; color: #57606a; }
.article p { margin: 4px 0; }
.article p.cited { background: #fff2a8; }
.article .pn { color: #57606a; font-size: 12px; margin-right: 4px; }
.article .note { color: #57606a; font-style: italic; }
"""
