"""The bad-input table: every case gets a clear message and nothing already indexed is lost.

Files go through the real ingest into a copy of a real store that already holds two documents; questions go
through the real assistant over the session index.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from assistant.answer.chain import Assistant
from assistant.config import Settings
from assistant.ingest.documents import discover, load_manifest
from assistant.store.index import Index
from assistant.types import AssistantError, InputError

BASE_DOCS = ("budapest-additional-protocol-ets189.txt", "cisco-concerns-un-cybercrime-convention-2024-08-22.txt")


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def base(tmp_path_factory, corpus_dir, embedder):
    """A store holding the Additional Protocol and the Cisco note."""
    root = tmp_path_factory.mktemp("bad-input")
    docs = root / "docs"
    docs.mkdir()
    for name in BASE_DOCS:
        shutil.copy(corpus_dir / name, docs / name)
    settings = Settings.from_env(env={}, store_dir=root / "store", docs_dir=docs, fetch_dir=root / "none")
    report = Index(settings, embedder=embedder).ingest(discover(load_manifest(settings.manifest_path), [docs]),
                                                         progress=False)
    assert sorted(report.added) == ["budapest-protocol", "cisco-briefing"]
    return settings


@pytest.fixture
def workspace(base, tmp_path):
    """A private copy of the base store and documents for one case."""
    docs, store = tmp_path / "docs", tmp_path / "store"
    shutil.copytree(base.docs_dir, docs)
    shutil.copytree(base.store_dir, store)
    return base.with_(docs_dir=docs, store_dir=store)


def _ingest(settings: Settings, embedder):
    ix = Index(settings, embedder=embedder)
    before = {c.id for c in ix.chunks()}
    report = ix.ingest(discover(load_manifest(settings.manifest_path), settings.search_dirs), progress=False)
    return ix, before, report


FILE_CASES = [
    ("binary.txt", b"\x00\x01\x02binary" * 50, "binary"),
    ("latin1.txt", "Données personnelles protégées".encode("latin-1"), "not valid UTF-8"),
    ("utf16.txt", "Traffic data".encode("utf-16-le"), "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n\t  \n", "no text"),
    ("locked.pdf", _encrypted_pdf(), "encrypted"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "cannot be parsed"),
    ("zero.pdf", b"", "empty"),
    ("scan.pdf", _blank_pdf(), "no text"),
    ("broken.docx", b"PK not a zip", "cannot be parsed"),
    ("notes.xyz", b"some text", "unsupported"),
    ("script-only.html", b"<html><script>alert(1)</script></html>", "no text"),
    ("huge.txt", b"Traffic data means routing data. " * 40_000, "limit"),
]


@pytest.mark.parametrize("name,content,reason", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_file_is_skipped_with_a_reason_and_loses_nothing(workspace, embedder, name, content, reason):
    (workspace.docs_dir / name).write_bytes(content)
    settings = workspace.with_(max_file_bytes=1_000_000)
    ix, before, report = _ingest(settings, embedder)
    skipped = dict(report.skipped)
    assert len(skipped) == 1 and reason in next(iter(skipped.values())), report.skipped
    assert name in next(iter(skipped.values()))  # the message names the file
    assert {c.id for c in ix.chunks()} == before
    assert sorted(report.unchanged) == ["budapest-protocol", "cisco-briefing"]


def test_duplicate_document_under_two_names_is_indexed_once(workspace, embedder):
    shutil.copy(workspace.docs_dir / BASE_DOCS[0], workspace.docs_dir / "protocol-copy.txt")
    ix, before, report = _ingest(workspace, embedder)
    assert report.skipped == [("protocol-copy", "protocol-copy.txt: same content as budapest-protocol; indexed once")]
    assert {c.id for c in ix.chunks()} == before


def test_manifest_hash_mismatch_keeps_the_indexed_version(workspace, embedder, tmp_path):
    manifest = Path(workspace.manifest_path).read_text(encoding="utf-8")
    real = next(d["sha256"] for d in tomllib.loads(manifest)["document"] if d["id"] == "cisco-briefing")
    assert len(real) == 64
    bad = tmp_path / "manifest.toml"
    bad.write_text(manifest.replace(real, "0" * 64), encoding="utf-8")
    (workspace.docs_dir / BASE_DOCS[1]).write_text("A changed note about Cisco.", encoding="utf-8")
    ix, before, report = _ingest(workspace.with_(manifest_path=bad), embedder)
    assert "differs from the manifest" in dict(report.skipped)["cisco-briefing"]
    assert {c.id for c in ix.chunks()} == before


def test_document_removed_from_disk_is_kept_until_pruned(workspace, embedder):
    (workspace.docs_dir / BASE_DOCS[1]).unlink()
    ix, before, report = _ingest(workspace, embedder)
    assert report.kept_missing == ["cisco-briefing"] and {c.id for c in ix.chunks()} == before
    pruned = ix.ingest(discover(load_manifest(workspace.manifest_path), workspace.search_dirs), prune=True,
                       progress=False)
    assert pruned.removed == ["cisco-briefing"] and all(c.doc_id != "cisco-briefing" for c in ix.chunks())


def test_corrupt_store_is_detected_with_a_rebuild_command(workspace, embedder):
    # the Chroma database and the read-out published beside it (tests/test_readout.py damages each alone)
    for f in [*workspace.store_dir.rglob("*.sqlite3"), *workspace.store_dir.rglob("readout-*.npz")]:
        f.write_bytes(b"this is not a database" * 100)
    with pytest.raises(AssistantError, match="ingest --rebuild"):
        Index(workspace, embedder=embedder).chunks()


BAD_QUESTIONS = [
    ("", "empty"),
    ("   ", "empty"),
    ("\n\t\r\n", "empty"),
    (None, "empty"),
    ("x" * 100_000, "limit is"),
    ("Why? " * 500, "limit is"),
]


@pytest.mark.parametrize("question,message", BAD_QUESTIONS, ids=["empty", "spaces", "newlines", "none", "100kB",
                                                                  "2.5kB"])
def test_bad_question_gets_a_clear_error(assistant, question, message):
    with pytest.raises(InputError, match=message):
        assistant.ask(question)


ODD_QUESTIONS = [
    "\x00\x01\x02",
    "😀😀😀",
    "?????",
    "'; DROP TABLE chunks; --",
    "What does Article 999999999999 say?",
    "Art. 0",
    "ما هي بيانات المرور؟",
    "<b>bold</b> {{template}} ${injection} %s %d",
]


@pytest.mark.parametrize("question", ODD_QUESTIONS, ids=["control", "emoji", "punctuation", "sql", "huge-article",
                                                         "article-zero", "arabic", "templates"])
def test_odd_question_is_answered_or_declined_never_crashes(assistant, question):
    ans = assistant.ask(question)
    assert ans.abstained or all(c.quote in c.text for c in ans.citations)
    if not ans.abstained:
        assert ans.citations
    assert assistant.ask("What is traffic data?").citations  # the index is intact afterwards


def test_unknown_document_filter_and_odd_k(assistant):
    with pytest.raises(InputError, match="no indexed document no-such-document; the index holds budapest"):
        assistant.ask("What is traffic data?", doc_ids=["no-such-document"])
    assert len(assistant.ask("What is traffic data?", k=1).hits) >= 1
    with pytest.raises(InputError, match="passages"):
        assistant.ask("What is traffic data?", k=500)


def test_question_at_the_length_limit_is_answered(settings, index):
    a = Assistant(settings, index=index)
    q = ("How long can a preservation order for stored computer data last " * 40)[: settings.max_question_chars]
    assert len(q) == settings.max_question_chars and a.ask(q).citations
