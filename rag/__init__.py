"""Retrieval-augmented Q&A over Chinese articles with author/article/paragraph citations.

The public API is ``rag.api``: ``Pipeline(index_dir).ask(question) -> Answer``.
"""

import os as _os

# The bundled embedder runs on OpenMP, whose threads spin-wait between steps
# (300,000 spins by default). When anything else wants the CPU (a second user,
# an upload being indexed, another process) the spinning threads fight it and
# one question takes 0.7–1.7 s. Measured on 2 cores, 280 questions in a batch:
# 10,000 spins keeps the idle machine at 20 ms (max 40) and a busy one at ~90 ms
# (1,000 spins: 22/52 ms idle, ~50 ms busy). Must be set before libgomp loads.
_os.environ.setdefault("GOMP_SPINCOUNT", "10000")

__version__ = "0.1.0"
