"""Generative answers over real HTTP (a scripted OpenAI-compatible server) and a tiny local model."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from rag.generate import build_messages, finish, support
from rag.llm import LLMConfig, LLMError, OpenAICompatible, get_llm
from rag.models import Citation
from tests.conftest import ROOT
from tests.fake_llm_server import ScriptedLLMServer


@pytest.fixture
def server():
    s = ScriptedLLMServer()
    yield s
    s.close()


def _passage_numbers(request: dict) -> dict[str, int]:
    """Which passage number the prompt gave each paragraph label."""
    user = request["body"]["messages"][1]["content"]
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"^\[(\d+)\] (\S+?)（", user, re.M)}


def _cite_core_passage(body: dict) -> str:
    user = body["messages"][1]["content"]
    n = next(int(m.group(1)) for m in re.finditer(r"^\[(\d+)\] (.+)$", user, re.M)
             if "高帆《统筹兼顾加快发展新质生产力》第3段" in m.group(2))
    return f"全要素生产率的大幅提升是形成新质生产力的核心标志[{n}]。这一点还见于别处[9]。"


@pytest.mark.integration
@pytest.mark.parametrize("stream", [True, False])
def test_llm_answer_maps_markers_and_removes_invented_ones(pipeline, server, stream):
    server.reply = _cite_core_passage
    llm = OpenAICompatible(LLMConfig(url=server.url, model="m1", api_key="sekret"), stream=stream)
    pieces = []
    answer = pipeline.ask_llm("新质生产力的核心标志是什么？", llm, on_text=pieces.append)
    req = server.requests[-1]
    assert req["path"] == "/v1/chat/completions" and req["headers"]["Authorization"] == "Bearer sekret"
    assert req["body"]["model"] == "m1" and req["body"]["stream"] is stream
    system, user = req["body"]["messages"]
    assert "只能依据" in system["content"] and "[1]" in user["content"] and "问题：新质生产力的核心标志是什么？" in user["content"]
    assert "高帆《统筹兼顾加快发展新质生产力》第3段" in user["content"]
    assert not answer.abstained
    assert answer.answer.startswith("全要素生产率的大幅提升是形成新质生产力的核心标志[1]")
    assert "[9]" not in answer.answer and any("[9]" in w for w in answer.warnings)
    c = answer.citations[0]
    assert (c.marker, c.authors, c.paragraph) == (1, ["高帆"], 3) and "核心标志" in c.sentence
    assert len(pieces) > (1 if stream else 0)


@pytest.mark.integration
def test_llm_refusal_becomes_an_abstention(pipeline, server):
    server.reply = "资料中没有相关内容。"
    answer = pipeline.ask_llm("美国的芯片出口管制政策是什么？", OpenAICompatible(LLMConfig(url=server.url)))
    assert answer.abstained and answer.citations == [] and answer.see_also


@pytest.mark.integration
def test_unsupported_sentence_is_flagged(pipeline, server):
    server.reply = lambda body: "新质生产力的核心标志是每年增长百分之五十的房地产投资[1]。"
    answer = pipeline.ask_llm("新质生产力的核心标志是什么？", OpenAICompatible(LLMConfig(url=server.url)))
    assert any(w.startswith("unsupported") for w in answer.warnings)


def test_timeout_and_errors_are_one_clear_message(server):
    server.delay = 2.0
    llm = OpenAICompatible(LLMConfig(url=server.url, timeout=0.5))
    with pytest.raises(LLMError, match="did not answer within"):
        list(llm.stream([{"role": "user", "content": "hi"}]))
    server.delay, server.status = 0.0, 500
    with pytest.raises(LLMError, match="HTTP 500"):
        list(llm.stream([{"role": "user", "content": "hi"}]))
    dead = OpenAICompatible(LLMConfig(url="http://127.0.0.1:9/v1", timeout=2))
    with pytest.raises(LLMError, match="cannot reach"):
        list(dead.stream([{"role": "user", "content": "hi"}]))
    with pytest.raises(LLMError, match="RAG_LLM_URL"):
        get_llm(LLMConfig())


@pytest.mark.integration
def test_cli_llm_json_and_unreachable_server(real_index, server):
    server.reply = _cite_core_passage
    env_args = ["--llm", "--llm-url", server.url, "--llm-model", "m", "--index-dir", str(real_index)]
    r = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "--json", *env_args, "新质生产力的核心标志是什么？"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["citations"][0]["authors"] == ["高帆"] and any("[9]" in w for w in d["warnings"])
    dead = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "--llm", "--llm-url", "http://127.0.0.1:9/v1",
                           "--index-dir", str(real_index), "新质生产力的核心标志是什么？"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert dead.returncode != 0 and "cannot reach" in dead.stderr and "Traceback" not in dead.stderr
    assert len(dead.stderr.strip().splitlines()) == 1


def test_finish_by_hand():
    p = [Citation(1, "d/1", "T", ["甲"], "A", 2, "数字经济要与实体经济深度融合。", 1.0, "", "甲《T》第2段")]
    a = finish("q", "数字经济要与实体经济深度融合[1][3]。", p, [], [])
    assert a.answer == "数字经济要与实体经济深度融合[1]。" and len(a.citations) == 1
    assert any("[3]" in w for w in a.warnings)
    assert support("数字经济要与实体经济深度融合", p[0].text) == 1.0
    assert build_messages("问？", p)[1]["content"].startswith("资料：\n\n[1] 甲《T》第2段")


def test_transformers_backend_runs_a_tiny_local_model(tmp_path):
    """Loading, chat templating and generation end to end (random weights: no quality claim)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    vocab = {t: i for i, t in enumerate(["<pad>", "<s>", "</s>", "<unk>"] + list("资料问题新质生产力是什么[]123：\n") +
                                         ["system", "user", "assistant", "<|", "|>"])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>")
    fast.chat_template = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
                          "{% if add_generation_prompt %}<|assistant|>{% endif %}")
    folder = tmp_path / "tiny-llm"
    fast.save_pretrained(folder)
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=2048,
                         bos_token_id=1, eos_token_id=2, pad_token_id=0)
    LlamaForCausalLM(config).save_pretrained(folder)
    llm = get_llm(LLMConfig(model=f"transformers:{folder}"))
    llm.max_new_tokens = 6
    out = "".join(llm.stream([{"role": "system", "content": "资料"}, {"role": "user", "content": "新质生产力是什么"}]))
    assert isinstance(out, str)
    p = [Citation(1, "d/1", "T", ["甲"], "A", 1, "新质生产力", 1.0, "", "甲《T》第1段")]
    from rag.generate import generate_answer

    answer = generate_answer("新质生产力是什么", p, [], llm)
    assert answer.question == "新质生产力是什么"
    with pytest.raises(LLMError, match="cannot load"):
        get_llm(LLMConfig(model=f"transformers:{tmp_path / 'nothing'}"))
