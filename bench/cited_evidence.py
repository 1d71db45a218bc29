"""The strict view of issue 2's acceptance figures: citations only, see-also excluded.

    .venv/bin/python bench/cited_evidence.py [--index-dir DIR] [FILE ...]

For each answerable question: does any citation hold an evidence quote, does
the first one, and is the author right on the citations that do. Abstentions
count as misses.
"""

from __future__ import annotations

import argparse

from rag.api import Pipeline
from rag.evaluate import author_ok as right_author, load_questions, quotes_held, supports


def main(files: list[str], index_dir: str = "index") -> None:
    pipeline = Pipeline(index_dir)
    pipeline.warm_up()
    for path in files:
        questions = [q for q in load_questions(path) if q["evidence"]]
        held = first = author_ok = checked = 0
        for q in questions:
            answer = pipeline.ask(q["question"])
            quotes = q["evidence"]
            held += any(supports(c.text, e["quote"]) for c in answer.citations for e in quotes)
            first += bool(answer.citations) and any(supports(answer.citations[0].text, e["quote"]) for e in quotes)
            for c in answer.citations:
                held_here = quotes_held(c.text, quotes)
                checked += bool(held_here)
                author_ok += any(right_author({"authors": c.authors}, e.get("author")) for e in held_here)
        n = len(questions)
        print(f"{path}: evidence in a citation {held / n:.3f}, in the first {first / n:.3f}, "
              f"author right {author_ok / max(1, checked):.3f} ({n} answerable questions)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=["eval/questions.jsonl", "eval/calibration.jsonl"])
    parser.add_argument("--index-dir", default="index", help="a held-out page's index (default: index)")
    args = parser.parse_args()
    main(args.files, args.index_dir)
