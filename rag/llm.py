"""Language-model backends for generative answers: OpenAI-compatible HTTP and local transformers.

Both stream text pieces from chat messages. Configuration comes from
``RAG_LLM_URL`` (base URL ending in ``/v1``), ``RAG_LLM_MODEL`` and
``RAG_LLM_API_KEY``, or the same given as flags; a local model folder uses
``transformers:<folder>`` as the model.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import RagError


class LLMError(RagError):
    """The model could not be reached or answered with an error."""

    exit_code = 5


@dataclass
class LLMConfig:
    url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout: float = 60.0
    max_tokens: int = 512

    @classmethod
    def from_env(cls, url=None, model=None, api_key=None, timeout=None) -> LLMConfig:
        return cls(
            url=url or os.environ.get("RAG_LLM_URL") or None,
            model=model or os.environ.get("RAG_LLM_MODEL") or None,
            api_key=api_key or os.environ.get("RAG_LLM_API_KEY") or None,
            timeout=float(timeout or os.environ.get("RAG_LLM_TIMEOUT") or 60),
        )

    @property
    def configured(self) -> bool:
        return bool(self.url) or bool(self.model and self.model.startswith("transformers:"))


class LLM:
    def stream(self, messages: list[dict]) -> Iterator[str]:
        raise NotImplementedError


class OpenAICompatible(LLM):
    """POST /chat/completions with ``stream: true`` (server-sent events) or without."""

    def __init__(self, config: LLMConfig, stream: bool = True) -> None:
        self.config = config
        self.streaming = stream

    def _request(self, messages: list[dict]) -> dict:
        body = {"model": self.config.model or "default", "messages": messages, "temperature": 0.1,
                "max_tokens": self.config.max_tokens, "stream": self.streaming}
        headers = {"Content-Type": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        return {"url": self.config.url.rstrip("/") + "/chat/completions", "json": body, "headers": headers}

    def stream(self, messages: list[dict]) -> Iterator[str]:
        import httpx

        req = self._request(messages)
        timeout = httpx.Timeout(self.config.timeout, connect=min(10.0, self.config.timeout))
        try:
            with httpx.Client(timeout=timeout, trust_env=False) as client:
                with client.stream("POST", req["url"], json=req["json"], headers=req["headers"]) as resp:
                    if resp.status_code >= 400:
                        detail = resp.read().decode("utf-8", "replace")[:200].replace("\n", " ")
                        raise LLMError(f"the model server answered HTTP {resp.status_code} at {req['url']}: {detail}")
                    if self.streaming and "text/event-stream" in resp.headers.get("content-type", ""):
                        yield from _read_sse(resp.iter_lines())
                    else:
                        data = json.loads(resp.read() or b"{}")
                        yield _message_text(data)
        except httpx.TimeoutException:
            raise LLMError(f"the model server at {self.config.url} did not answer within {self.config.timeout:.0f} s "
                           "(raise RAG_LLM_TIMEOUT or check the server)") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"cannot reach the model server at {self.config.url}: {exc.__class__.__name__} "
                           "(is it running? check RAG_LLM_URL)") from None
        except ValueError:
            raise LLMError(f"the model server at {self.config.url} returned something that is not JSON") from None


def _message_text(data: dict) -> str:
    try:
        return data["choices"][0]["message"]["content"] or ""
    except (KeyError, IndexError, TypeError):
        raise LLMError("the model server's reply has no choices[0].message.content") from None


def _read_sse(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        line = line.strip()
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        try:
            delta = json.loads(payload)["choices"][0].get("delta") or {}
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            continue  # a keep-alive or a chunk without text
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            yield content


class TransformersLLM(LLM):
    """A local causal LM folder on the CPU, prompted through its own chat template."""

    _cache: dict[str, tuple] = {}

    def __init__(self, folder: str, max_new_tokens: int = 256, timeout: float = 120.0) -> None:
        self.folder = folder
        self.timeout = timeout
        self.max_new_tokens = max_new_tokens
        if folder not in self._cache:
            try:
                from transformers import AutoModelForCausalLM, AutoTokenizer

                tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
                model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True)
            except (OSError, ValueError) as exc:
                raise LLMError(f"cannot load a local model from '{folder}': {str(exc).splitlines()[0]}") from None
            model.eval()
            self._cache[folder] = (tokenizer, model)
        self.tokenizer, self.model = self._cache[folder]

    def stream(self, messages: list[dict]) -> Iterator[str]:
        from transformers import TextIteratorStreamer

        if not getattr(self.tokenizer, "chat_template", None):
            raise LLMError(f"the model in '{self.folder}' has no chat template")
        inputs = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                    return_dict=True)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True,
                                        timeout=self.timeout)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        kwargs = dict(**inputs, streamer=streamer, max_new_tokens=self.max_new_tokens, do_sample=False,
                      pad_token_id=pad)
        failure: list[BaseException] = []

        def generate() -> None:
            try:
                self.model.generate(**kwargs)
            except Exception as exc:  # noqa: BLE001 - reported to the caller below
                failure.append(exc)
                streamer.end()  # never leave the reader waiting

        thread = threading.Thread(target=generate, daemon=True)
        thread.start()
        try:
            yield from streamer
        except queue.Empty:
            raise LLMError(f"the local model in '{self.folder}' produced nothing for {self.timeout:.0f} s") from None
        thread.join()
        if failure:
            raise LLMError(f"the local model in '{self.folder}' failed: {failure[0]}")


def get_llm(config: LLMConfig, stream: bool = True) -> LLM:
    if config.model and config.model.startswith("transformers:"):
        return TransformersLLM(config.model.split(":", 1)[1], timeout=config.timeout)
    if not config.url:
        raise LLMError("no model configured: set RAG_LLM_URL (e.g. http://127.0.0.1:11434/v1) and RAG_LLM_MODEL, "
                       "or --llm-model transformers:<local folder>")
    return OpenAICompatible(config, stream=stream)
