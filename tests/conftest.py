"""Shared fixtures: the real corpus (../shared/corpus), the real embedding model, a real Chroma store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, ensure_offline_env

ensure_offline_env()
# The suite runs on the small model, all-MiniLM-L6-v2 (its expectations were written with it, and it embeds the
# corpus in seconds, not minutes), here and in every process a test starts. The default pairing (all-mpnet-base-v2
# passages, all-MiniLM-L6-v2 sentences) is exercised end to end by the eval gate that `make test` runs first.
os.environ["CA_EMBEDDING_MODEL"] = "all-MiniLM-L6-v2"

CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _stop_local_llm():
    """Stop the in-process llama.cpp server before pytest's summary (its exit log would follow it)."""
    yield
    from assistant.answer.llm import LocalServer

    LocalServer.shutdown()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def embedder():
    from assistant.store.embeddings import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def settings(tmp_path_factory, corpus_dir) -> Settings:
    store = tmp_path_factory.mktemp("store")
    return Settings.from_env(env={}, embedding_model="all-MiniLM-L6-v2", store_dir=store, docs_dir=corpus_dir,
                             fetch_dir=tmp_path_factory.mktemp("fetched"), feedback_path=store / "feedback.jsonl")


@pytest.fixture(scope="session")
def manifest(settings):
    from assistant.ingest.documents import load_manifest

    return load_manifest(settings.manifest_path)


@pytest.fixture(scope="session")
def index(settings, embedder, manifest):
    from assistant.ingest.documents import discover
    from assistant.store.index import Index

    ix = Index(settings, embedder=embedder)
    ix.ingest(discover(manifest, settings.search_dirs), progress=False)
    return ix


@pytest.fixture(scope="session")
def assistant(settings, index):
    from assistant.answer.chain import Assistant

    return Assistant(settings, index=index)


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir) -> Path:
    """A writable copy of the corpus for tests that change documents."""
    target = tmp_path / "docs"
    target.mkdir()
    for p in [*corpus_dir.glob("*.txt"), *corpus_dir.glob("*.pdf")]:
        shutil.copy(p, target / p.name)
    return target


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    from tests.apprunner import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), f"Chromium is missing at {CHROMIUM}: apt-get install chromium (see Makefile)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
