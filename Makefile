# Convention Assistant: `make run` (set up, index the corpus, start the web UI), `make test` (all checks).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup browser ingest test check lint eval ask brief clean

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

ingest: setup
	$(BIN)/convention-assistant ingest

ask: setup ingest
	$(BIN)/convention-assistant ask "$(Q)"

lint: setup
	$(BIN)/ruff check assistant tests evals app.py

test: setup browser lint
	$(BIN)/python -m pytest -q

brief: setup ingest
	$(BIN)/convention-assistant brief "$(TOPIC)" --out "$(OUT)"

eval: setup ingest
	$(BIN)/python -m evals.run

clean:
	rm -rf .store tests/artifacts evals/reports
