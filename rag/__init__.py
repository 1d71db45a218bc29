"""Retrieval-augmented Q&A over Chinese articles with author/article/paragraph citations.

The public API is ``rag.api``: ``Pipeline(index_dir).ask(question) -> Answer``.
"""

__version__ = "0.1.0"
