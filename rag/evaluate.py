"""`rag eval`: run a question set through the public API and score it.

Evidence is matched by content, never by chunk id: a citation supports an
evidence quote when its passage contains the quote, ignoring whitespace and
punctuation (a quote that straddles a chunk edge still counts when most of
it is in one passage). See eval/README.md for the file format.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from .clean import longest_common
from .errors import InputError

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)
TYPES_ORDER = ("factoid", "attribution", "multi", "paraphrase", "english", "traditional", "unanswerable")


def norm(text: str) -> str:
    """Text without whitespace or punctuation, for tolerant matching."""
    return _STRIP.sub("", text or "").lower()


def supports(passage: str, quote: str) -> bool:
    """Does a cited passage hold the quote (whole, or most of it at a chunk edge)?"""
    q, p = norm(quote), norm(passage)
    if not q:
        return False
    if q in p:
        return True
    overlap = len(longest_common(q, p))
    return overlap >= 8 and overlap >= 0.6 * len(q)


def load_questions(path: str | Path) -> list[dict]:
    """Read a JSONL question set; one clear error per malformed line."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such question file: '{path}'")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not str(row.get("question", "")).strip():
            raise InputError(f"{path}:{n}: each line needs a non-empty \"question\"")
        row.setdefault("id", f"line{n}")
        row.setdefault("type", "unanswerable" if row.get("evidence") == [] else "factoid")
        row["evidence"] = row.get("evidence") or []
        rows.append(row)
    if not rows:
        raise InputError(f"'{path}' holds no questions")
    return rows


def author_ok(citation: dict, author: str | None) -> bool:
    authors = citation.get("authors") or []
    return (not authors) if author is None else author in authors


def quotes_held(passage: str, quotes: list[dict]) -> list[dict]:
    """The evidence items a cited passage holds: those it holds whole, else those it holds in large part.

    Two articles can print nearly the same sentence (a multi question may quote
    both), and the tolerant match would then credit one passage with the other
    article's quote and mark its author wrong. A whole quote settles which one
    the passage holds.
    """
    held = [e for e in quotes if supports(passage, e["quote"])]
    whole = [e for e in held if norm(e["quote"]) in norm(passage)]
    return whole or held


def score_question(q: dict, answer: dict, k: int) -> dict:
    """Per-question figures; `None` where a figure does not apply."""
    answerable = bool(q["evidence"])
    cites = answer.get("citations", [])
    ranked = cites + answer.get("see_also", [])
    row = {"id": q["id"], "type": q.get("type"), "question": q["question"], "answerable": answerable,
           "abstained": bool(answer.get("abstained")), "latency_ms": answer.get("timings_ms", {}).get("total"),
           "answer": answer.get("answer", ""), "cited": [c.get("label") or c.get("doc_id") for c in cites]}
    if not answerable:
        row["correct_abstention"] = row["abstained"]
        return row
    quotes = q["evidence"]
    first = next((i for i, c in enumerate(ranked) if any(supports(c.get("text", ""), e["quote"]) for e in quotes)), None)
    row["hit_at_k"] = first is not None and first < k
    row["hit_at_1"] = first == 0
    row["rr"] = 1.0 / (first + 1) if first is not None and first < k else 0.0
    row["false_refusal"] = row["abstained"]
    if not row["abstained"]:
        supporting = [c for c in cites if any(supports(c.get("text", ""), e["quote"]) for e in quotes)]
        row["precision"] = len(supporting) / len(cites) if cites else 0.0
        row["recall"] = sum(any(supports(c.get("text", ""), e["quote"]) for c in cites) for e in quotes) / len(quotes)
        row["first_citation_ok"] = bool(cites) and any(supports(cites[0].get("text", ""), e["quote"]) for e in quotes)
        # One check per supporting citation: right when it matches an evidence item it holds.
        checks_a, checks_p = [], []
        for c in cites:
            held = quotes_held(c.get("text", ""), quotes)
            if not held:
                continue
            same_author = [e for e in held if author_ok(c, e.get("author"))]
            checks_a.append(bool(same_author))
            # The paragraph of a quote by the cited author; a cited author note has no number, and needs none.
            checks_p.append(any(c.get("paragraph") == e["paragraph"] if e.get("paragraph") is not None
                                else c.get("paragraph") is not None or c.get("kind") == "note"
                                for e in same_author or held))
        row["author_ok"] = (sum(checks_a) / len(checks_a)) if checks_a else None
        row["paragraph_ok"] = (sum(checks_p) / len(checks_p)) if checks_p else None
        ref = norm(q.get("answer") or "")
        text = norm(re.sub(r"\[\d+\]", "", answer.get("answer", "")))
        if ref:
            pool = defaultdict(int)
            for ch in text:
                pool[ch] += 1
            got = 0
            for ch in ref:
                if pool[ch] > 0:
                    pool[ch] -= 1
                    got += 1
            row["coverage"] = got / len(ref)
        row["answer_chars"] = len(re.sub(r"\[\d+\]", "", answer.get("answer", "")))
    return row


def _mean(values: Iterable) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def _percentile(values: list[float], p: float) -> float | None:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    idx = min(len(vals) - 1, max(0, int(round(p / 100 * (len(vals) - 1)))))
    return round(vals[idx], 2)


def aggregate(rows: list[dict]) -> dict:
    ans = [r for r in rows if r["answerable"]]
    given = [r for r in ans if not r["abstained"]]
    unans = [r for r in rows if not r["answerable"]]
    lat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    return {
        "questions": len(rows),
        "retrieval": {"hit_at_k": _mean(r["hit_at_k"] for r in ans), "hit_at_1": _mean(r["hit_at_1"] for r in ans),
                      "mrr": _mean(r["rr"] for r in ans)},
        "citations": {"precision": _mean(r.get("precision") for r in given),
                      "recall": _mean(r.get("recall") for r in given),
                      "first_citation": _mean(r.get("first_citation_ok") for r in given),
                      "author_accuracy": _mean(r.get("author_ok") for r in given),
                      "paragraph_accuracy": _mean(r.get("paragraph_ok") for r in given)},
        "answer": {"coverage": _mean(r.get("coverage") for r in given),
                   "median_chars": statistics.median([r["answer_chars"] for r in given]) if given else None},
        "abstention": {"unanswerable_accuracy": _mean(r["correct_abstention"] for r in unans),
                       "false_rate": _mean(r["false_refusal"] for r in ans)},
        "latency_ms": {"p50": _percentile(lat, 50), "p95": _percentile(lat, 95)},
    }


def evaluate(questions: list[dict], ask: Callable[[dict], dict], k: int,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """Run every question through ``ask`` and return metrics, per type and per question."""
    rows = []
    for i, q in enumerate(questions, 1):
        rows.append(score_question(q, ask(q), k))
        if progress:
            progress(i, len(questions))
    by_type = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    ordered = sorted(by_type, key=lambda t: (TYPES_ORDER.index(t) if t in TYPES_ORDER else 99, t))
    return {"metrics": aggregate(rows), "by_type": {t: aggregate(by_type[t]) for t in ordered}, "questions": rows}


def failures(rows: list[dict]) -> list[dict]:
    """Questions that went wrong: missed evidence, wrong refusal, or a wrong answer given."""
    out = []
    for r in rows:
        if r["answerable"] and (r["abstained"] or not r.get("first_citation_ok") or not r.get("hit_at_k")):
            out.append(r)
        elif not r["answerable"] and not r["abstained"]:
            out.append(r)
    return out
