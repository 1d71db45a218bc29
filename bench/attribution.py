"""Attribution on unseen pages: how many articles come out exactly as a reader would attribute them.

    .venv/bin/python bench/attribution.py [-v] [FOLDER ...]

``eval/pages/`` (the default FOLDER) holds 34 damaged pages written in four
red-team rounds, ``eval/heldout_pages/`` twenty-nine full-size pages in the bundled
page's style; each page has ``<page>.expected.json``: per article the title,
authors, an affiliation substring, the paragraph count and the first eight
characters of each paragraph. An article counts as right only if all of
these match.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rag.articles import split_articles

PAGES = Path(__file__).resolve().parents[1] / "eval" / "pages"


def _ns(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def problems(expected: dict, got) -> list[str]:
    out = []
    if _ns(got.title) != _ns(expected["title"]):
        out.append(f"title {got.title!r} != {expected['title']!r}")
    if got.authors != expected["authors"]:
        out.append(f"authors {got.authors} != {expected['authors']}")
    if _ns(expected["affiliation"]) not in _ns(got.affiliation):
        out.append(f"affiliation {got.affiliation!r} lacks {expected['affiliation']!r}")
    if len(got.paragraphs) != expected["paragraphs"]:
        out.append(f"paragraphs {len(got.paragraphs)} != {expected['paragraphs']}")
    elif expected["starts"] and [_ns(p)[:8] for p in got.paragraphs] != [_ns(s)[:8] for s in expected["starts"]]:
        out.append("paragraph openings differ")
    return out


def main(verbose: bool, folder: Path = PAGES) -> None:
    right = total = pages_right = pages = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        got = split_articles(path.read_text(encoding="utf-8"), path.stem)
        bad = [] if len(got) == len(expected) else [f"{len(got)} articles, expected {len(expected)}"]
        ok = 0
        for i, (e, g) in enumerate(zip(expected, got), 1):
            issues = problems(e, g)
            ok += not issues
            bad += [f"article {i}: {'; '.join(issues)}"] if issues else []
        right += ok if len(got) == len(expected) else 0
        total += len(expected)
        pages += 1
        pages_right += not bad
        if verbose and bad:
            print(f"{path.name}: " + " | ".join(bad))
    print(f"{pages_right}/{pages} pages and {right}/{total} articles attributed exactly ({folder})")


if __name__ == "__main__":
    for folder in [Path(a) for a in sys.argv[1:] if a != "-v"] or [PAGES]:
        main("-v" in sys.argv, folder)
