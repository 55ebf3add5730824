"""Incremental, idempotent, atomic ingest into a real Chroma store with the real embedding model."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.ingest.documents import discover
from assistant.store.index import Index
from assistant.types import AssistantError, IndexMissingError


def _fresh(tmp_path, docs_dir, embedder) -> Index:
    s = Settings.from_env(env={}, store_dir=tmp_path / "store", docs_dir=docs_dir, fetch_dir=tmp_path / "none")
    return Index(s, embedder=embedder)


class ExplodingEmbedder:
    """Wraps the real embedder and dies after n batches: a killed ingest, deterministically."""

    def __init__(self, real, batches: int):
        self.real, self.left = real, batches

    def encode(self, texts, **kw):
        if self.left == 0:
            raise KeyboardInterrupt("killed mid-ingest")
        self.left -= 1
        return self.real.encode(texts, **kw)


def test_reingest_of_an_unchanged_corpus_embeds_nothing(index, settings, manifest):
    again = index.ingest(discover(manifest, settings.search_dirs), progress=False)
    assert again.chunks_embedded == 0
    assert sorted(again.unchanged) == ["budapest", "budapest-protocol", "cisco-briefing", "un-convention"]
    assert again.chunks_total == len(index.chunks()) > 150


def test_changed_removed_and_unreadable_documents(tmp_path, corpus_copy, embedder, manifest):
    notes = corpus_copy / "staff-notes.md"  # a commentary file: not pinned by a manifest hash, so it may change
    notes.write_text("Staff notes.\n\nEric Wenger spoke for Cisco at the meeting.\n")
    ix = _fresh(tmp_path, corpus_copy, embedder)
    first = ix.ingest(discover(manifest, [corpus_copy]), progress=False)
    assert len(first.added) == 5
    notes.write_text(notes.read_text() + "\nAn added closing paragraph about follow-up meetings.\n")
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    second = ix.ingest(discover(manifest, [corpus_copy]), progress=False)
    assert second.updated == ["staff-notes"]
    assert sorted(second.unchanged) == ["budapest", "budapest-protocol", "cisco-briefing", "un-convention"]
    assert [d for d, _ in second.skipped] == ["broken"] and "cannot be parsed" in second.skipped[0][1]
    assert second.chunks_embedded == sum(1 for c in ix.chunks() if c.doc_id == "staff-notes")
    assert any("follow-up meetings" in c.text for c in ix.chunks())
    # old generation gone: exactly one version of the notes is searchable
    assert sum("spoke for Cisco" in c.text for c in ix.chunks()) == 1
    notes.unlink()
    (corpus_copy / "broken.pdf").unlink()
    third = ix.ingest(discover(manifest, [corpus_copy]), progress=False)
    assert third.removed == ["staff-notes"]  # an extra file that is gone is no longer part of the corpus
    briefing = corpus_copy / "cisco-concerns-un-cybercrime-convention-2024-08-22.txt"
    briefing.unlink()
    fourth = ix.ingest(discover(manifest, [corpus_copy]), progress=False)
    assert fourth.kept_missing == ["cisco-briefing"]  # nothing indexed is lost by a vanished manifest file
    assert any(c.doc_id == "cisco-briefing" for c in ix.chunks())
    pruned = ix.ingest(discover(manifest, [corpus_copy]), prune=True, progress=False)
    assert pruned.removed == ["cisco-briefing"]
    assert not any(c.doc_id == "cisco-briefing" for c in ix.chunks())


def test_a_killed_ingest_never_serves_half_a_document(tmp_path, corpus_copy, embedder, manifest):
    docs = discover(manifest, [corpus_copy])
    ix = _fresh(tmp_path, corpus_copy, embedder)
    ix.embedder = ExplodingEmbedder(embedder, batches=2)
    with pytest.raises(KeyboardInterrupt):
        ix.ingest(docs, progress=False)
    # the first document (Budapest, 5+ batches) was mid-way: nothing of it is visible
    with pytest.raises(IndexMissingError):
        ix.chunks()
    ix.embedder = ExplodingEmbedder(embedder, batches=4)  # the rest of Budapest (3), not the protocol (2)
    with pytest.raises(KeyboardInterrupt):
        ix.ingest(docs, progress=False)
    visible = {c.doc_id for c in ix.chunks()}
    assert visible == {"budapest"}
    budapest = [c for c in ix.chunks() if c.doc_id == "budapest"]
    assert len(budapest) == ix.read_state()["docs"]["budapest"]["chunks"]
    ix.embedder = embedder
    final = ix.ingest(docs, progress=False)
    assert sorted(final.added) == ["budapest-protocol", "cisco-briefing", "un-convention"]
    # embeddings left by the killed runs were reused, not recomputed: Budapest whole, and the one
    # protocol batch that was stored before the second kill
    assert final.chunks_embedded == final.chunks_total - len(budapest) - ix.settings.embed_batch_size


def test_missing_and_incompatible_stores_say_what_to_do(tmp_path, corpus_dir, embedder):
    ix = _fresh(tmp_path, corpus_dir, embedder)
    with pytest.raises(IndexMissingError, match="run `convention-assistant ingest`"):
        ix.chunks()
    ix._write_state({"schema": 999, "docs": {}})
    with pytest.raises(AssistantError, match="ingest --rebuild"):
        ix.read_state()
