"""Ingest planning, pure: given the documents found and what the index already holds, which documents to
(re)index, which are unchanged, which are kept although their file has gone, which are skipped and why, and
which indexed documents to remove. Decided from file hashes alone, before anything is parsed or embedded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..types import DocumentInfo
from .documents import UnreadableDocumentError, sha256_file


@dataclass
class Step:
    """A document to chunk, embed and publish under a new generation."""

    info: DocumentInfo
    path: Path
    file_sha: str
    gen: str
    existed: bool  # an earlier version is indexed (an update, not an addition)


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_missing: list[str] = field(default_factory=list)  # indexed, file gone: the indexed version stays
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    stale: list[str] = field(default_factory=list)  # indexed documents to remove


def plan_ingest(documents: list[tuple[DocumentInfo, Path | None]], indexed: dict[str, dict],
                fingerprint: Callable[[str], str], prune: bool = False,
                hash_file: Callable[[Path], str] = sha256_file) -> Plan:
    """``indexed`` maps document ids to their state records (with ``gen``); ``fingerprint`` turns a file's
    sha256 into the generation it would be stored under (file, chunker, model and chunk size together)."""
    plan = Plan()
    wanted: set[str] = set()
    seen: dict[str, str] = {}  # file sha256 -> document id, to catch one text under two names
    for info, path in documents:
        wanted.add(info.id)
        if path is None:
            if info.id in indexed:
                plan.kept_missing.append(info.id)
            continue
        try:
            file_sha = hash_file(path)
            if info.sha256 and file_sha != info.sha256:
                raise UnreadableDocumentError(
                    f"{path.name}: its sha256 {file_sha[:12]}… differs from the manifest's {info.sha256[:12]}… "
                    "(a different or damaged file); the indexed version, if any, is kept. Re-fetch it with "
                    "`convention-assistant corpus fetch` or correct corpus/manifest.toml")
            if seen.get(file_sha, info.id) != info.id:
                raise UnreadableDocumentError(f"{path.name}: same content as {seen[file_sha]}; indexed once")
        except (UnreadableDocumentError, OSError) as exc:
            plan.skipped.append((info.id, str(exc)))
            continue
        seen[file_sha] = info.id
        gen = fingerprint(file_sha)
        if indexed.get(info.id, {}).get("gen") == gen:
            plan.unchanged.append(info.id)
            continue
        plan.steps.append(Step(info, path, file_sha, gen, info.id in indexed))
    plan.stale = [d for d in indexed if d not in wanted or (prune and d in plan.kept_missing)]
    return plan
