"""The chat page: ask, read cited answers, check every source, add documents.

    python app.py [--index-dir index] [--host 127.0.0.1] [--port 7860]

Layout and event wiring only: retrieval, answers and ingestion go through
``rag.api.Pipeline`` and ``rag.ingest``, and formatting through
``rag.render``, exactly as the CLI uses them. The named endpoint ``/ask``
returns the same JSON as ``rag ask --json``.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import tempfile
import threading
import time
from pathlib import Path

import gradio as gr

from rag.api import Pipeline
from rag.errors import RagError
from rag.ingest import READERS, ingest
from rag.llm import LLMConfig, get_llm
from rag.models import Answer
from rag.render import CSS, chat_markdown, citation_cards, escape_text, export_markdown

UPLOAD_LIMIT_MB = 5
MODES = [("抽取式（原文句子，无需大模型）", "extractive"), ("大模型生成（引用逐句核对）", "llm")]


class ChatApp:
    def __init__(self, index_dir: str | Path, uploads_dir: str | Path | None = None,
                 llm_config: LLMConfig | None = None) -> None:
        self.llm_config = llm_config or LLMConfig.from_env()
        self.index_dir = Path(index_dir)
        self.uploads_dir = Path(uploads_dir) if uploads_dir else self.index_dir.resolve().parent / "uploads"
        self.pipeline = Pipeline(self.index_dir)
        self.pipeline.warm_up()
        self._ingest_lock = threading.Lock()

    # -- what the page lists -------------------------------------------------
    def article_choices(self) -> list[tuple[str, str]]:
        return [(f"{a.byline}《{a.label}》", a.article_id) for a in self.pipeline.articles]

    def docs_rows(self) -> list[list]:
        return [[a.article_id, "、".join(a.authors) or "（未署名）", a.title or "（无标题）", len(a.paragraphs),
                 a.affiliation or ""] for a in self.pipeline.articles]

    def examples(self) -> list[str]:
        """Questions built from what the index holds, so they always fit the corpus."""
        out = []
        for a in self.pipeline.articles[:4]:
            if a.authors:
                out.append(f"{a.authors[0]}认为应该怎么做？")
            elif a.title:
                out.append(f"《{a.title}》的主要观点是什么？")
        out.append("这些文章讨论了哪些共同的话题？")
        return out

    # -- chat ------------------------------------------------------------------
    def respond(self, question: str, history: list, turns: list, filters: list, top_k: float, mode: str):
        """Stream one answer into the chat; the citation cards come with the last chunk."""
        history = list(history or [])
        turns = list(turns or [])
        if not (question or "").strip():
            raise gr.Error("问题是空的：请输入一个问题，例如“新质生产力的核心标志是什么？”")
        previous = turns[-1].cited_articles() or set(turns[-1].focus) if turns else None
        articles_filter = set(filters or []) or None
        history.append({"role": "user", "content": question})
        history.append({"role": "assistant", "content": ""})
        articles = self.pipeline.stored.article_by_id
        notice = None
        if mode == "llm":
            if not self.llm_config.configured:
                notice = "未配置大模型（设置 RAG_LLM_URL / RAG_LLM_MODEL），本次使用抽取式回答。"
            else:
                result: dict = {}
                for partial in self._stream_llm(question, int(top_k), articles_filter, previous, result):
                    history[-1] = {"role": "assistant", "content": escape_text(partial) + " ▍"}
                    yield history, gr.skip(), turns, ""
                if "answer" in result:
                    answer = result["answer"]
                    history[-1] = {"role": "assistant", "content": chat_markdown(answer)}
                    yield history, citation_cards(answer, articles), turns + [answer], ""
                    return
                notice = f"大模型不可用（{result.get('error', '未知错误')}），已改用抽取式回答。"
        try:
            answer = self.pipeline.ask(question, top_k=int(top_k), articles=articles_filter, previous=previous)
        except RagError as exc:
            raise gr.Error(str(exc)) from None
        if notice:
            answer.warnings.insert(0, notice)
        step = max(8, len(answer.answer) // 6)
        for upto in range(step, len(answer.answer), step):
            history[-1] = {"role": "assistant", "content": chat_markdown(answer, upto)}
            yield history, gr.skip(), turns, ""
            time.sleep(0.02)
        history[-1] = {"role": "assistant", "content": chat_markdown(answer)}
        yield history, citation_cards(answer, articles), turns + [answer], ""

    def _stream_llm(self, question, top_k, articles_filter, previous, result: dict):
        """Yield the model's text as it grows; ``result`` gets the answer or the error."""
        pieces: queue.Queue = queue.Queue()

        def work():
            try:
                llm = get_llm(self.llm_config)
                result["answer"] = self.pipeline.ask_llm(question, llm, on_text=pieces.put, top_k=top_k,
                                                         articles=articles_filter, previous=previous)
            except Exception as exc:  # noqa: BLE001 - any failure falls back to the extractive answer
                result["error"] = exc
            finally:
                pieces.put(None)

        threading.Thread(target=work, daemon=True).start()
        text = ""
        while (piece := pieces.get()) is not None:
            text += piece
            yield text

    def clear(self):
        return [], "", [], ""

    def export(self, turns: list[Answer]):
        if not turns:
            raise gr.Error("还没有问答记录可以导出。")
        path = Path(tempfile.mkdtemp(prefix="rag-export-")) / "问答记录.md"
        path.write_text(export_markdown(turns), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    # -- uploads ---------------------------------------------------------------
    def upload(self, files, progress=gr.Progress()):
        """Validate, copy and index uploaded files; the index is untouched on any error."""
        if not files:
            raise gr.Error("请先选择要上传的 .txt 或 .md 文件。")
        paths = [Path(f if isinstance(f, str) else f.name) for f in files]
        for p in paths:
            if p.suffix.lower() not in READERS:
                raise gr.Error(f"不支持的文件类型：{p.name}（支持 {', '.join(sorted(READERS))}）")
            size_mb = p.stat().st_size / 1_000_000
            if size_mb > UPLOAD_LIMIT_MB:
                raise gr.Error(f"文件过大：{p.name} 为 {size_mb:.1f} MB，上限 {UPLOAD_LIMIT_MB} MB")
        staging = Path(tempfile.mkdtemp(prefix="rag-upload-"))
        staged = []
        for p in paths:
            target = staging / p.name
            shutil.copy2(p, target)
            staged.append(target)
        with self._ingest_lock:
            self.uploads_dir.mkdir(parents=True, exist_ok=True)
            kept = []
            try:
                for p in staged:
                    dest = self.uploads_dir / p.name
                    if dest.exists() and dest.read_bytes() != p.read_bytes():
                        dest = self.uploads_dir / f"{p.stem}-{int(time.time())}{p.suffix}"
                    shutil.copy2(p, dest)
                    kept.append(dest)
                summary = ingest(kept, self.index_dir,
                                 progress=lambda stage, frac: progress(frac, desc=f"索引中：{stage}"))
            except RagError as exc:
                for dest in kept:
                    dest.unlink(missing_ok=True)
                raise gr.Error(f"上传失败，索引保持不变：{exc}") from None
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            self.pipeline.reload()
        added = summary.get("articles", [])
        lines = [f"已加入 {len(summary['added'])} 个新文档、更新 {len(summary['updated'])} 个，"
                 f"未变 {len(summary['unchanged'])} 个。"]
        for a in added:
            who = "、".join(a["authors"]) or "（未署名）"
            lines.append(f"- {a['article_id']}：{who}《{a['title'] or '无标题'}》，{a['paragraphs']} 段")
        return ("\n".join(lines), gr.update(choices=self.article_choices()), self.docs_rows())

    # -- the named API ---------------------------------------------------------
    def api_ask(self, question: str) -> dict:
        """Answer a question; returns the same JSON object as `rag ask --json`."""
        try:
            return self.pipeline.ask(question).to_dict()
        except RagError as exc:
            raise gr.Error(str(exc)) from None

    def build(self) -> gr.Blocks:
        with gr.Blocks(title="有据问答 · 引用可核查") as demo:
            gr.Markdown("## 有据问答：每个回答都标明作者、文章和段落\n"
                        "回答只摘自文档原文；点开引用即可核对原段落和全文。文档没有答案时会直说，并给出最接近的段落。")
            turns = gr.State([])
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="对话", height=460, buttons=["copy", "copy_all"],
                                      elem_id="chat", placeholder="请在下方提问，例如：新质生产力的核心标志是什么？")
                    with gr.Row():
                        question = gr.Textbox(label="问题", placeholder="输入问题后按回车", scale=5,
                                              elem_id="question", autofocus=True)
                        send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                    gr.Examples(self.examples(), inputs=question, label="示例问题")
                    sources = gr.HTML('<div class="sources empty">（引用会显示在这里）</div>', elem_id="sources")
                    with gr.Row():
                        clear = gr.Button("清空对话")
                        export = gr.Button("导出 Markdown")
                    export_file = gr.File(label="导出的文件", interactive=False, visible=False, elem_id="export-file")
                with gr.Column(scale=2):
                    with gr.Accordion("检索设置", open=True):
                        filters = gr.Dropdown(self.article_choices(), multiselect=True, value=[],
                                              label="只在这些文章中检索（留空＝全部）", elem_id="filters")
                        top_k = gr.Slider(3, 20, value=8, step=1, label="检索段落数 top-k")
                        mode = gr.Radio(MODES, value="extractive", label="回答方式")
                    with gr.Accordion("添加文档", open=True):
                        files = gr.File(label=f"上传 .txt / .md（每个不超过 {UPLOAD_LIMIT_MB} MB）",
                                        file_count="multiple", file_types=[".txt", ".md"], elem_id="upload")
                        add = gr.Button("加入索引", elem_id="add")
                        status = gr.Markdown(elem_id="upload-status")
                    docs = gr.Dataframe(self.docs_rows(), headers=["文章", "作者", "标题", "段落数", "单位"],
                                        label="文档与文章", interactive=False, elem_id="docs")
            inputs = [question, chat, turns, filters, top_k, mode]
            outputs = [chat, sources, turns, question]
            question.submit(self.respond, inputs, outputs, api_visibility="private")
            send.click(self.respond, inputs, outputs, api_visibility="private")
            clear.click(self.clear, None, [chat, sources, turns, question], api_visibility="private")
            export.click(self.export, turns, export_file, api_visibility="private")
            add.click(self.upload, files, [status, filters, docs], api_visibility="private")
            gr.api(self.api_ask, api_name="ask")
        return demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the cited Q&A chat page.")
    parser.add_argument("--index-dir", default=os.environ.get("RAG_INDEX_DIR", "index"))
    parser.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    parser.add_argument("--uploads-dir", default=None, help="where uploaded files are kept (default: beside the index)")
    parser.add_argument("--llm-url", help="OpenAI-compatible base URL ending in /v1 (default: $RAG_LLM_URL)")
    parser.add_argument("--llm-model", help="model name or transformers:<folder> (default: $RAG_LLM_MODEL)")
    args = parser.parse_args(argv)
    try:
        app = ChatApp(args.index_dir, args.uploads_dir, LLMConfig.from_env(args.llm_url, args.llm_model))
    except RagError as exc:
        raise SystemExit(f"app: error: {exc}") from None
    demo = app.build()
    demo.queue(default_concurrency_limit=4).launch(
        server_name=args.host, server_port=args.port, css=CSS, footer_links=["api"],
        max_file_size=f"{UPLOAD_LIMIT_MB * 4}mb",
    )


if __name__ == "__main__":
    main()
