"""`convention-assistant corpus list|fetch|check`: the manifest's documents, where they are, their outline,
fetching missing ones, and what was recognised in each (exit 1 on a problem)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import PROJECT_ROOT, Settings


def cmd_corpus(args, settings: Settings) -> int:
    from ..ingest.documents import load_manifest, locate

    manifest = load_manifest(settings.manifest_path)
    if args.action == "list":
        for info in manifest:
            path = locate(info, settings.search_dirs)
            where = str(path) if path else "MISSING (corpus fetch)"
            flag = "" if info.default else " [optional]"
            print(f"{info.id:24} {info.kind:10} {info.language}  {info.short_name}{flag}\n{'':24} {where}\n{'':24} {info.source_url}")
            if path:
                print(f"{'':24} {_report(info, path, settings).outline.summary()}")
        return 0
    if args.action == "check":
        return _check(args, manifest, settings)
    from ..ingest.fetch import explain_failure, fetch_missing

    results = fetch_missing([d for d in manifest if d.default], settings.search_dirs, settings.fetch_dir,
                            PROJECT_ROOT / "corpus" / "fetched.lock.json")
    for r in results:
        print(f"{r.doc_id:24} {r.status:9} {r.detail}")
    problem = explain_failure(results)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return 0


def _report(info, path: Path, settings: Settings):
    from ..ingest.check import check
    from ..ingest.chunking import chunk_document
    from ..ingest.documents import load_file

    return check(info.id, chunk_document(info, load_file(path, settings.max_file_bytes), settings.max_chunk_tokens),
                 settings.max_chunk_tokens)


def _check(args, manifest, settings: Settings) -> int:
    """`corpus check`: what was recognised in each document and what looks wrong; exit 1 on a problem."""
    import json

    from ..ingest.check import render
    from ..ingest.documents import UnreadableDocumentError, discover
    from ..types import DocumentInfo

    if args.files:
        targets = [(next((d for d in manifest if d.file and Path(d.file).name == f.name), None) or
                    DocumentInfo(f.stem, f.stem, f.stem, "treaty", "en", "", "", f.name), f) for f in args.files]
    else:
        targets = [(d, p) for d, p in discover(manifest, settings.search_dirs) if not args.docs or d.id in args.docs]
    failed = False
    for info, path in targets:
        if path is None:
            print(f"{info.id}: file missing (corpus fetch)") if not args.json else None
            continue
        try:
            report = _report(info, path, settings)
        except UnreadableDocumentError as exc:
            failed = True
            print(json.dumps({"doc_id": info.id, "problems": [str(exc)]}) if args.json else f"{info.id}: PROBLEM: {exc}")
            continue
        failed |= bool(report.problems)
        print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else render(report))
    return 1 if failed else 0
