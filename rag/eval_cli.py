"""`rag eval` reports: JSON, Markdown with a chart, and baselines side by side."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import __version__
from .evaluate import evaluate, failures, load_questions

CHART_METRICS = (("retrieval", "hit_at_k"), ("retrieval", "hit_at_1"), ("citations", "precision"),
                 ("citations", "author_accuracy"), ("answer", "coverage"))
TABLE_ROWS = (
    ("retrieval", "hit_at_k"), ("retrieval", "hit_at_1"), ("retrieval", "mrr"),
    ("citations", "precision"), ("citations", "recall"), ("citations", "first_citation"),
    ("citations", "author_accuracy"), ("citations", "paragraph_accuracy"),
    ("answer", "coverage"), ("answer", "median_chars"),
    ("abstention", "unanswerable_accuracy"), ("abstention", "false_rate"),
    ("latency_ms", "p50"), ("latency_ms", "p95"),
)


def _progress(label: str):
    from tqdm import tqdm

    bar = tqdm(total=0, desc=label, file=sys.stderr, leave=False, disable=not sys.stderr.isatty())

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()
        if done == total:
            bar.close()

    return update


def run_eval(args) -> int:
    from .api import Pipeline

    questions = load_questions(args.file)
    pipeline = Pipeline(args.index_dir)
    pipeline.warm_up()  # latency figures are per question, not first-import costs
    manifest = pipeline.stored.manifest
    settings = {"embedder": manifest["embedder"], "chunking": manifest["chunking"], "top_k": args.top_k,
                "version": __version__, "index_built_at": manifest["built_at"], "questions_file": str(args.file),
                "calibration": {"threshold": pipeline.calibration.threshold,
                                "fitted_on": pipeline.calibration.fitted_on}}

    def ours(mode: str):
        return lambda q: pipeline.ask(q["question"], top_k=args.top_k, mode=mode, qid=q.get("id")).to_dict()

    report = evaluate(questions, ours("hybrid"), args.top_k, _progress("hybrid"))
    report["settings"] = settings
    if args.compare:
        from .baseline import LangChainBaseline

        systems = {"hybrid (ours)": report}
        for mode in ("bm25", "dense"):
            systems[f"{mode} only"] = evaluate(questions, ours(mode), args.top_k, _progress(mode))
        baseline = LangChainBaseline(args.corpus, manifest["embedder"])
        systems["plain LangChain"] = evaluate(questions, lambda q: baseline.ask(q["question"]), args.top_k,
                                              _progress("langchain"))
        report["compare"] = {name: r["metrics"] for name, r in systems.items()}
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.report:
        write_markdown(report, Path(args.report))
    print(summary_table(report))
    return 0


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value <= 1.0:
        return f"{value:.3f}"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def summary_table(report: dict) -> str:
    """Metrics by question type (and by system with --compare) as a Markdown table."""
    columns = {"all": report["metrics"]} | report["by_type"]
    lines = ["| metric | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    for group, key in TABLE_ROWS:
        lines.append(f"| {group}.{key} | " + " | ".join(_fmt(m[group][key]) for m in columns.values()) + " |")
    if "compare" in report:
        systems = report["compare"]
        lines += ["", "| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
        for group, key in TABLE_ROWS:
            lines.append(f"| {group}.{key} | " + " | ".join(_fmt(m[group][key]) for m in systems.values()) + " |")
    return "\n".join(lines)


def write_markdown(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    chart = path.with_suffix(".png")
    _chart(report, chart)
    s = report["settings"]
    out = [f"# Evaluation: {s['questions_file']}", "",
           f"embedder `{s['embedder']}`, chunks {s['chunking']['chunk_size']}/{s['chunking']['chunk_overlap']}, "
           f"top-k {s['top_k']}, version {s['version']}, index built {s['index_built_at']}", "",
           summary_table(report), "", f"![metrics by question type]({chart.name})", "", "## Failed questions", ""]
    fails = failures(report["questions"])
    if not fails:
        out.append("None.")
    for r in fails:
        why = ("refused although answerable" if r["answerable"] and r["abstained"]
               else "answered although unanswerable" if not r["answerable"]
               else "evidence not in the first citation" if r.get("hit_at_k") else "evidence not retrieved")
        out += [f"### {r['id']} ({r['type']}): {why}", f"- question: {r['question']}",
                f"- expected: {'; '.join(e['quote'] for e in r.get('evidence', [])) or '(abstain)'}",
                f"- answered: {r['answer']}", f"- cited: {', '.join(map(str, r['cited'])) or '(nothing)'}", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(report["by_type"])
    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / len(CHART_METRICS)
    for i, (group, key) in enumerate(CHART_METRICS):
        values = [report["by_type"][t][group][key] or 0 for t in types]
        ax.bar([x + i * width for x in range(len(types))], values, width, label=f"{group}.{key}")
    abst = [report["by_type"][t]["abstention"]["unanswerable_accuracy"] for t in types]
    for x, v in enumerate(abst):
        if v is not None:
            ax.bar(x, v, width, color="black", label="abstention.unanswerable_accuracy")
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(types))], types)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=7, ncol=3, loc="lower right")
    ax.set_title("metrics by question type")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
