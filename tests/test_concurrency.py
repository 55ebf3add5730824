"""Concurrency: eight threads answer through one Assistant (as the web UI does) while another process ingests a
changed document and publishes a new snapshot of the store. Real store, real model, real ingest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time

from assistant.answer.chain import Assistant
from assistant.config import PROJECT_ROOT, Settings
from assistant.store.index import Index

NOTE = "cisco-concerns-un-cybercrime-convention-2024-08-22.txt"
QUESTIONS = [
    "What are Cisco's concerns about the UN convention?",
    "Who drove the UN convention according to Cisco?",
    "Which human rights organisations criticised the UN convention?",
    "How long can a preservation order last under the UN convention?",
]


def test_answers_during_an_ingest_come_wholly_from_one_snapshot(tmp_path, corpus_copy, settings, index, embedder):
    # a store that starts as the session's, and a manifest that lets the briefing note change (its hash is pinned)
    store = tmp_path / "store"
    shutil.copytree(settings.store_dir, store)
    manifest = tmp_path / "manifest.toml"
    text, n = re.subn(r'(file = "' + re.escape(NOTE) + r'"\nsha256 = )"[0-9a-f]+"', r'\1""',
                      settings.manifest_path.read_text(encoding="utf-8"))
    assert n == 1
    manifest.write_text(text, encoding="utf-8")
    s = Settings.from_env(env={}, store_dir=store, docs_dir=corpus_copy, fetch_dir=tmp_path / "fetched",
                          manifest_path=manifest)
    assistant = Assistant(s, index=Index(s, embedder=embedder))
    old = {c.text for c in assistant.index.chunks()}
    note = corpus_copy / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("dangerously flawed", "dangerously flawed (as revised)"),
                    encoding="utf-8")

    answers, errors = [], []
    stop = threading.Event()

    spans: list[tuple[float, float]] = []  # when each answer started and ended

    def ask(n: int) -> None:
        while not stop.is_set():
            try:
                start = time.monotonic()
                answers.append(assistant.ask(QUESTIONS[n % len(QUESTIONS)]))
                spans.append((start, time.monotonic()))
            except Exception as exc:  # any error at all fails the test
                errors.append(f"{type(exc).__name__}: {exc}")
            n += 1

    def answered(count: int, timeout: float = 600) -> bool:
        """Wait (on the answers, not the clock: a slow machine only waits longer) until ``count`` answers are in."""
        deadline = time.monotonic() + timeout
        while len(answers) < count and not errors and time.monotonic() < deadline:
            time.sleep(0.1)
        return len(answers) >= count

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    warm = answered(8)  # every thread past its first, cold answer before the ingest starts
    env = {**os.environ, "CA_STORE_DIR": str(store), "CA_DOCS_DIR": str(corpus_copy),
           "CA_MANIFEST_PATH": str(manifest), "CA_FETCH_DIR": str(tmp_path / "fetched")}
    began = time.monotonic()
    ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    ended, done = time.monotonic(), len(answers)
    after = answered(done + 16)  # the eight in flight, then eight begun after the publication
    stop.set()
    # answers in flight while the ingest ran: every thread's, as each asks again at once (an ingest may be over
    # before an answer on a slow machine is, so completed answers are not counted)
    during = sum(start < ended and end > began for start, end in spans)
    for t in threads:
        t.join(timeout=120)

    assert ingest.returncode == 0, ingest.stderr
    assert "1 updated" in ingest.stdout or "updated" in ingest.stdout, ingest.stdout
    assert not errors, errors[:3]
    new = {c.text for c in Index(s, embedder=embedder).chunks()}
    only_old, only_new = old - new, new - old
    assert only_old and only_new  # the note's changed passage
    assert warm and during >= 8 and after  # answers ran before the ingest, while it did, and after it
    mixed, from_new = [], 0
    for a in answers:
        texts = {c.text for c in a.citations}
        assert texts <= old | new, "a citation from neither snapshot"
        if texts & only_old and texts & only_new:
            mixed.append(a.question)
        from_new += bool(texts & only_new)
    assert not mixed, f"answers mixing two snapshots: {mixed[:3]}"
    assert from_new, "the published snapshot was never read"
