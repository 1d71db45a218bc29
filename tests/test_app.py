"""The chat page, for real: the app in its own process, headless Chromium, gradio_client."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fake_llm_server import ScriptedLLMServer

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llm_server():
    s = ScriptedLLMServer()
    yield s
    s.close()


@pytest.fixture(scope="module")
def server(real_index, tmp_path_factory, llm_server):
    work = tmp_path_factory.mktemp("app")
    index_dir = work / "index"
    shutil.copytree(real_index, index_dir)
    port = _free_port()
    log = (work / "app.log").open("w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--index-dir", str(index_dir), "--port", str(port),
                             "--uploads-dir", str(work / "uploads"), "--llm-url", llm_server.url, "--llm-model", "m"],
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((work / "app.log").read_text()) from None
            time.sleep(0.3)
    time.sleep(1.0)
    yield {"url": url, "work": work}
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1200})
    pg = ctx.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#question textarea", timeout=30000)
    yield pg
    ctx.close()


def ask(page, question: str) -> None:
    """Ask and wait for *this* answer: one more bot message, finished streaming.

    The finished message and its citation cards arrive in the same update, so waiting on the
    message count (not on any answer being shown) keeps a follow-up from reading the last one.
    """
    before = page.locator("#chat [data-testid='bot']").count()
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([n]) => { const bots = document.querySelectorAll(\"#chat [data-testid='bot']\");"
        " return bots.length > n && bots[bots.length - 1].innerText.trim().length > 0 &&"
        " !bots[bots.length - 1].innerText.includes('▍') &&"
        " document.querySelector('#sources').innerText.length > 20; }", arg=[before], timeout=60000)
    page.wait_for_timeout(400)


def last_bot_text(page) -> str:
    return page.locator("#chat [data-testid='bot']").last.inner_text()


def test_ask_see_cited_answer_and_open_the_passage(page, artifacts):
    ask(page, "新质生产力的核心标志是什么？")
    text = last_bot_text(page)
    assert "全要素生产率" in text and "[1]" in text
    assert "高帆《统筹兼顾加快发展新质生产力》第3段" in text
    card = page.locator("#sources details.citation").first
    card.locator(":scope > summary").click()
    passage = card.locator(".passage")
    assert passage.is_visible()
    assert "全要素生产率的大幅提升是形成新质生产力的核心标志" in passage.locator("mark").first.inner_text()
    card.locator("details.article > summary").click()
    cited = card.locator(".article p.cited")
    assert cited.is_visible() and cited.inner_text().startswith("第3段")
    page.screenshot(path=str(artifacts / "answer_with_citation.png"), full_page=True)


def test_unanswerable_question_shows_abstention_and_nearest_passages(page, artifacts):
    ask(page, "美国的芯片出口管制政策是什么？")
    assert "没有找到" in last_bot_text(page)
    assert page.locator("#sources").inner_text().startswith("最接近的段落")
    assert page.locator("#sources details.citation").count() >= 1
    page.screenshot(path=str(artifacts / "abstention.png"), full_page=True)


def test_english_question_gets_a_cited_chinese_passage(page, artifacts):
    ask(page, "Which emerging consumer demands does Gao Fan suggest bringing into the production system?")
    assert "新兴需求及时纳入生产体系" in last_bot_text(page)
    first = page.locator("#sources details.citation > summary").first.inner_text()
    assert first.startswith("[1]") and "高帆" in first and "第5段" in first
    page.screenshot(path=str(artifacts / "english_question.png"), full_page=True)


def test_follow_up_stays_on_the_previous_article(page):
    ask(page, "刘海军认为应该如何加快未来产业布局？")
    ask(page, "他还提出了哪些措施？")
    labels = page.locator("#sources details.citation > summary").all_inner_texts()
    assert labels and all("刘海军" in x for x in labels)


def test_upload_then_ask_and_markup_shows_as_text(page, server, tmp_path, artifacts):
    doc = tmp_path / "海洋经济.md"
    doc.write_text(
        "# 发展海洋牧场的几点思考\n\n王海洋\n\n"
        "海洋牧场是蓝色粮仓的重要组成部分，要科学规划海洋牧场布局。<script>window.__pwned = 1</script>\n\n"
        "要加强近海生态修复，把<b>人工鱼礁</b>建设与增殖放流结合起来。\n\n（作者系某海洋大学教授）\n",
        encoding="utf-8")
    page.set_input_files("#upload input[type=file]", str(doc))
    page.click("#add")
    page.wait_for_function("() => document.querySelector('#upload-status').innerText.includes('已加入')",
                           timeout=60000)
    assert "王海洋" in page.locator("#upload-status").inner_text()
    assert "王海洋" in page.locator("#docs").inner_text()
    ask(page, "海洋牧场应该怎样布局？")
    text = last_bot_text(page)
    assert "王海洋" in text and "科学规划海洋牧场布局" in text
    page.locator("#sources details.citation > summary").first.click()
    shown = page.locator("#sources").inner_text()
    assert "<script>window.__pwned = 1</script>" in shown
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#sources b").count() == 0 and page.locator("#chat b").count() == 0
    page.screenshot(path=str(artifacts / "upload_and_markup_as_text.png"), full_page=True)


def test_bad_upload_is_refused_and_index_unchanged(page, server, tmp_path):
    manifest = (server["work"] / "index" / "manifest.json").read_text()
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03 binary")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.click("#add")
    page.wait_for_selector("text=上传失败", timeout=30000)
    assert (server["work"] / "index" / "manifest.json").read_text() == manifest


def test_gradio_client_gets_the_same_citations(server):
    from gradio_client import Client

    client = Client(server["url"], verbose=False)
    result = client.predict("新质生产力的核心标志是什么？", api_name="/ask")
    if isinstance(result, str):
        result = json.loads(result)
    c = result["citations"][0]
    assert c["authors"] == ["高帆"] and c["paragraph"] == 3 and c["title"] == "统筹兼顾加快发展新质生产力"
    assert "全要素生产率的大幅提升" in c["text"] and result["abstained"] is False
    assert {"id", "question", "answer", "citations", "see_also", "warnings", "timings_ms"} <= set(result)


def test_llm_mode_streams_and_falls_back_when_the_server_fails(page, llm_server, artifacts):
    def reply(body):
        user = body["messages"][1]["content"]
        n = next(int(m.group(1)) for m in __import__("re").finditer(r"^\[(\d+)\] (.+)$", user, __import__("re").M)
                 if "第3段" in m.group(2) and "高帆" in m.group(2))
        return f"据资料，全要素生产率的大幅提升是形成新质生产力的核心标志[{n}]。"

    llm_server.reply = reply
    llm_server.status = 200
    page.get_by_label("大模型生成（引用逐句核对）").check()
    ask(page, "新质生产力的核心标志是什么？")
    text = last_bot_text(page)
    assert "据资料" in text and "高帆《统筹兼顾加快发展新质生产力》第3段" in text
    page.screenshot(path=str(artifacts / "llm_answer.png"), full_page=True)
    llm_server.status = 500
    ask(page, "经济体制改革的核心问题是什么？")
    text = last_bot_text(page)
    assert "大模型不可用" in text and "处理好政府和市场的关系" in text
    page.screenshot(path=str(artifacts / "llm_fallback.png"), full_page=True)


def test_concurrent_questions_do_not_mix(server):
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    asks = {"新质生产力的核心标志是什么？": "高帆", "阻碍产业数字化的关键堵点是什么？": "赵险峰",
            "经济体制改革的核心问题是什么？": "高帆", "物质技术基础主要取决于什么？": None}

    def one(question):
        result = Client(server["url"], verbose=False).predict(question, api_name="/ask")
        return question, json.loads(result) if isinstance(result, str) else result

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, list(asks) * 2))
    for question, result in results:
        assert result["question"] == question
        first = result["citations"][0]
        assert (asks[question] in first["authors"]) if asks[question] else first["authors"] == []
