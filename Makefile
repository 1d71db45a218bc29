# Two commands: `make run` (set up, index the bundled corpus, serve the chat page)
# and `make test`. `make setup` is the idempotent step both use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX_DIR ?= index
STAMP := $(VENV)/.setup-stamp

.PHONY: setup run test index bench eval clean browser-deps

setup: $(STAMP)

# torch first and pinned: an unpinned torch (pulled by sentence-transformers)
# would fetch a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

index: setup
	$(BIN)/rag ingest corpus --index-dir $(INDEX_DIR)

run: index
	$(BIN)/python app.py --index-dir $(INDEX_DIR)

# Browser tests need Debian's chromium (and a CJK font so screenshots are
# legible); install them when missing (CI runs as root).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null; \
	  else echo "chromium or CJK font missing: apt-get install chromium chromium-driver fonts-wqy-zenhei"; fi; fi

test: setup browser-deps
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/rag bench

eval: index
	$(BIN)/rag eval eval/questions.jsonl --report eval/reports/report.md --json eval/reports/report.json

clean:
	rm -rf $(VENV) .pytest_cache
	find $(INDEX_DIR) -mindepth 1 ! -name README.md -exec rm -rf {} +
