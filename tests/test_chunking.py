from rag.articles import split_articles
from rag.chunking import ChunkSettings, chunk_articles
from tests.conftest import PAGE


def test_chunks_stay_inside_one_paragraph_with_exact_offsets():
    articles = split_articles(PAGE.read_text(encoding="utf-8"), "page")
    chunks = chunk_articles(articles, ChunkSettings(chunk_size=120, chunk_overlap=20))
    by_id = {a.article_id: a for a in articles}
    assert chunks and [c.chunk_id for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        paragraph = by_id[c.article_id].paragraphs[c.paragraph - 1]
        assert paragraph[c.start : c.end] == c.text
        assert len(c.text) <= 120
    # Every paragraph is fully covered by its chunks.
    for a in articles:
        for n, paragraph in enumerate(a.paragraphs, 1):
            covered = set()
            for c in chunks:
                if c.article_id == a.article_id and c.paragraph == n:
                    covered.update(range(c.start, c.end))
            assert covered == set(range(len(paragraph)))


def test_chunks_end_on_sentence_marks_when_they_can():
    articles = split_articles(PAGE.read_text(encoding="utf-8"), "page")
    chunks = chunk_articles(articles, ChunkSettings())
    ends = [c.text[-1] for c in chunks]
    assert sum(e in "。！？；，”" for e in ends) / len(ends) > 0.9
