# Convention Assistant: `make run` (set up, index the corpus, start the web UI), `make test` (all checks).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup ingest test check lint eval ask clean

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

ingest: setup
	$(BIN)/convention-assistant ingest

ask: setup ingest
	$(BIN)/convention-assistant ask "$(Q)"

lint: setup
	$(BIN)/ruff check assistant tests evals app.py

test: setup lint
	$(BIN)/python -m pytest -q

eval: setup ingest
	$(BIN)/python -m evals.run

clean:
	rm -rf .store tests/artifacts evals/reports
