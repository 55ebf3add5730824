"""The read-out of a published snapshot (assistant/store/readout.py): readers get from it exactly what Chroma
holds, a damaged one is read past, and a damaged Chroma store is still reported where Chroma is needed."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from assistant.ingest.documents import discover, load_manifest
from assistant.store import readout
from assistant.store.index import Index
from assistant.types import AssistantError


@pytest.fixture
def own(settings, index, tmp_path):
    """A private copy of the session's store (the whole corpus, indexed once)."""
    shutil.copytree(settings.store_dir, tmp_path / "store")
    return settings.with_(store_dir=tmp_path / "store")


def _readout_file(settings, ix: Index):
    return readout.path_for(ix.snapshots.active(), ix._collection_name)


def _same_view(a, b) -> None:
    assert a[0] == b[0]  # revision
    assert [(c.id, c.text, c.metadata()) for c in a[1]] == [(c.id, c.text, c.metadata()) for c in b[1]]
    assert np.array_equal(a[2], b[2])
    assert a[3] == b[3]  # documents


def test_an_ingest_publishes_a_readout_that_holds_what_chroma_holds(own, embedder):
    ix = Index(own, embedder=embedder)
    path = _readout_file(own, ix)
    assert path.exists()
    published = ix.view()
    assert ix._client is None  # read from the read-out: Chroma never opened
    path.unlink()
    from_chroma = Index(own, embedder=embedder).view()
    _same_view(published, from_chroma)
    assert len(published[1]) > 150 and published[2].shape == (len(published[1]), 384)


def test_a_damaged_readout_is_read_past_to_chroma(own, embedder):
    ix = Index(own, embedder=embedder)
    path = _readout_file(own, ix)
    expected = ix.view()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte flipped, inside the vectors
    path.write_bytes(bytes(data))
    assert readout.read(path) is None
    again = Index(own, embedder=embedder)
    _same_view(again.view(), expected)
    assert again._client is not None  # it had to open Chroma
    path.write_bytes(b"")  # truncated to nothing
    assert readout.read(path) is None


def test_a_damaged_chroma_store_answers_from_its_readout_and_an_ingest_names_the_fix(own, embedder):
    ix = Index(own, embedder=embedder)
    expected = ix.view()
    for f in own.store_dir.rglob("*.sqlite3"):
        f.write_bytes(b"this is not a database" * 100)
    _same_view(Index(own, embedder=embedder).view(), expected)  # what was published is still whole
    writer = Index(own, embedder=embedder)
    with pytest.raises(AssistantError, match="ingest --rebuild"):
        writer.ingest(discover(load_manifest(own.manifest_path), own.search_dirs), progress=False)
    _same_view(Index(own, embedder=embedder).view(), expected)  # the failed ingest published nothing


def test_a_store_indexed_before_readouts_gets_one_from_its_next_ingest(own, embedder):
    ix = Index(own, embedder=embedder)
    old = _readout_file(own, ix)
    old.unlink()
    report = Index(own, embedder=embedder).ingest(discover(load_manifest(own.manifest_path), own.search_dirs),
                                                  progress=False)
    assert report.chunks_embedded == 0 and not (report.added or report.updated or report.removed)
    fresh = Index(own, embedder=embedder)
    assert _readout_file(own, fresh) != old and _readout_file(own, fresh).exists()
    _same_view(fresh.view(), ix.view())


def test_a_readout_copied_into_a_new_snapshot_is_not_trusted_there(own, embedder, tmp_path):
    """An ingest copies the published snapshot; until it writes its own read-out, the copied one is gone, so a
    snapshot published after an interrupted ingest is read from Chroma, never from the older read-out."""
    ix = Index(own, embedder=embedder)
    staging = ix.snapshots.begin()
    assert readout.path_for(staging, ix._collection_name).exists()  # copied with the directory
    ix.snapshots.discard(staging)

    class Interrupting:
        model_name = embedder.model_name

        def encode(self, texts, **kw):
            raise KeyboardInterrupt("stopped mid-ingest")

    notes = tmp_path / "docs"
    shutil.copytree(own.docs_dir, notes)
    (notes / "staff-notes.md").write_text("Staff notes.\n\nEric Wenger spoke for Cisco at the meeting.\n")
    changed = own.with_(docs_dir=notes)
    with pytest.raises(KeyboardInterrupt):
        Index(changed, embedder=Interrupting()).ingest(
            discover(load_manifest(changed.manifest_path), changed.search_dirs), progress=False)
    after = Index(changed, embedder=embedder)
    assert not _readout_file(changed, after).exists()
    _same_view(after.view(), ix.view())


def test_a_rebuilt_index_counts_its_revision_on(own, embedder):
    """A reader keeps a view per revision (a running web UI): a rebuild must not reuse a revision it has seen."""
    ix = Index(own, embedder=embedder)
    before = ix.read_state()["revision"]
    Index(own, embedder=embedder).ingest(discover(load_manifest(own.manifest_path), own.search_dirs), rebuild=True,
                                         progress=False)
    assert ix.read_state()["revision"] > before


def test_a_readout_that_cannot_be_written_leaves_the_ingest_whole(own, embedder, monkeypatch, capsys):
    def full(*_args, **_kw):
        raise OSError(28, "No space left on device")

    ix = Index(own, embedder=embedder)
    expected = ix.view()
    _readout_file(own, ix).unlink()  # so that an unchanged ingest publishes a snapshot with one
    monkeypatch.setattr(readout, "write", full)
    Index(own, embedder=embedder).ingest(discover(load_manifest(own.manifest_path), own.search_dirs), progress=False)
    assert "read-out was not written" in capsys.readouterr().err
    after = Index(own, embedder=embedder)
    assert not _readout_file(own, after).exists()
    _same_view(after.view(), expected)
