"""The UI's handlers without a browser: failures become readable messages, never tracebacks."""

from __future__ import annotations

from assistant.app.ui import UI
from assistant.config import Settings


def test_no_index_is_a_message_in_the_page(tmp_path, corpus_dir, embedder):
    from assistant.answer.chain import Assistant
    from assistant.store.index import Index

    s = Settings.from_env(env={}, store_dir=tmp_path / "empty", docs_dir=corpus_dir, fetch_dir=tmp_path / "x",
                          feedback_path=tmp_path / "f.jsonl")
    ui = UI(s, Assistant(s, index=Index(s, embedder=embedder)))
    assert "run `convention-assistant ingest`" in ui.index_status()
    *_, last = ui.respond("What is traffic data?", [], [], "all", 5, "extractive")
    _, chat, turns, *_, status = last
    assert "no index" in chat[-1]["content"] and "no index" in status and turns == [None]
    assert "Traceback" not in chat[-1]["content"]
    md, state, *files = ui.brief("data preservation powers", "all")
    assert md.startswith("⚠️") and "no index" in md and files == [None, None, None]
