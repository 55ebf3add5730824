"""Ingest planning (assistant.ingest.plan), pure: what an ingest will do, decided from file hashes and the index's
state record, with no parser, no model and no store."""

from __future__ import annotations

import hashlib

from assistant.ingest.plan import plan_ingest
from assistant.types import DocumentInfo


def _doc(doc_id: str, sha: str = "") -> DocumentInfo:
    return DocumentInfo(doc_id, doc_id.title(), doc_id.title(), "treaty", "en", "", "", file=f"{doc_id}.txt", sha256=sha)


def _file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return path


def _gen(file_sha: str) -> str:
    return "g-" + file_sha[:8]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_new_changed_unchanged_and_vanished_documents(tmp_path):
    a, b, c = _file(tmp_path, "a.txt", "A text"), _file(tmp_path, "b.txt", "B text, revised"), None
    indexed = {"a": {"gen": _gen(_sha("A text"))}, "b": {"gen": _gen(_sha("B text"))}, "c": {"gen": "old"},
               "gone": {"gen": "old"}}
    plan = plan_ingest([(_doc("a"), a), (_doc("b"), b), (_doc("c"), c), (_doc("new"), _file(tmp_path, "n.txt", "N"))],
                       indexed, _gen)
    assert plan.unchanged == ["a"]
    assert [(s.info.id, s.existed) for s in plan.steps] == [("b", True), ("new", False)]
    assert plan.steps[0].gen == _gen(_sha("B text, revised"))
    assert plan.kept_missing == ["c"]  # its file is gone: the indexed version stays
    assert plan.stale == ["gone"]  # no longer in the manifest


def test_prune_drops_documents_whose_files_have_gone(tmp_path):
    plan = plan_ingest([(_doc("c"), None)], {"c": {"gen": "old"}}, _gen, prune=True)
    assert plan.kept_missing == ["c"] and plan.stale == ["c"]


def test_a_file_that_differs_from_its_pinned_hash_is_skipped_and_keeps_its_indexed_version(tmp_path):
    path = _file(tmp_path, "a.txt", "a damaged copy")
    plan = plan_ingest([(_doc("a", sha=_sha("the official text")), path)], {"a": {"gen": "old"}}, _gen)
    assert not plan.steps and not plan.stale
    assert plan.skipped[0][0] == "a" and "differs from the manifest" in plan.skipped[0][1]


def test_one_text_under_two_names_is_indexed_once(tmp_path):
    plan = plan_ingest([(_doc("a"), _file(tmp_path, "a.txt", "same")), (_doc("b"), _file(tmp_path, "b.txt", "same"))],
                       {}, _gen)
    assert [s.info.id for s in plan.steps] == ["a"]
    assert plan.skipped == [("b", "b.txt: same content as a; indexed once")]


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path):
    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    plan = plan_ingest([(_doc("a"), tmp_path / "a.txt")], {}, _gen, hash_file=refuse)
    assert not plan.steps and plan.skipped[0][0] == "a" and "Permission denied" in plan.skipped[0][1]
