"""The vector store: chunks + embeddings in Chroma, ingested incrementally and atomically.

Each document's chunks are stored under a *generation* (a fingerprint of the file's hash, the chunker
version, the embedding model and the chunk size). A small state record names the active generation
of every document; readers only see active generations. Ingest writes a document's new generation
first, then flips the state record (one atomic upsert), then deletes the old generation.

A local store is also written as a new snapshot directory, published only when the ingest ends (see
snapshots.py): Chroma's embedded store is not safe to read from one process while another writes it,
and a process killed mid-write can leave it damaged. Killed at any point, the store is as before or
complete; interrupted cleanly (Ctrl-C), what was finished is kept and reused by the next run.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..config import Settings, ensure_offline_env
from ..ingest.chunking import CHUNKER_VERSION, chunk_document
from ..ingest.documents import UnreadableDocumentError, load_file
from ..ingest.plan import plan_ingest
from ..types import AssistantError, Chunk, DocumentInfo, IndexMissingError
from . import readout
from .chroma import close_client, open_client, store_errors
from .embeddings import Embedder, configured
from .models import MINILM
from .snapshots import Snapshots

SCHEMA_VERSION = 1
_STATE_ID = "state"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    kept_missing: list[str] = field(default_factory=list)  # indexed, file gone: kept
    chunks_total: int = 0
    chunks_embedded: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.removed)} removed",
            f"{len(self.skipped)} skipped",
        ]
        return (
            f"ingest: {', '.join(parts)}; {self.chunks_total} chunks in the index, "
            f"{self.chunks_embedded} embedded in {self.seconds:.1f}s"
        )


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, client=None):
        ensure_offline_env()
        self.settings = settings
        self.embedder = embedder or configured(settings, settings.embedding_model)
        self._client = client
        self._own_client = client is None  # an injected client is always read through
        self._client_path: Path | None = None
        self._pinned: Path | None = None  # the unpublished snapshot an ingest is writing
        self.snapshots = Snapshots(settings.store_dir)
        # the model the vectors come from: the embedder's own name when it has one (an injected one may differ
        # from the settings), so that every process writing one store agrees on collections and generations.
        # Vectors of another model have another width, so each model gets its own collections in the store
        # (all-MiniLM-L6-v2 keeps the unsuffixed name it had when it was the only model).
        self.model_name = model = getattr(self.embedder, "model_name", settings.embedding_model)
        self._collection_name = settings.collection + ("" if model == MINILM else "_" + re.sub(r"\W+", "_", model).lower())
        self._cache: tuple[int, list[Chunk], np.ndarray] | None = None
        self._readout: tuple[Path, readout.Readout | None] | None = None  # the active snapshot's, once read
        # one reader or writer of the client at a time: a snapshot switch closes the old client, which must not
        # happen under another thread's query
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ storage
    @property
    def client(self):
        with self._lock:
            return self._open_client()

    def _open_client(self):
        local = self.settings.chroma_mode != "http"
        wanted = (self._pinned or self.snapshots.active()) if local else None
        if local and self._client is not None and self._client_path is not None and self._client_path != wanted:
            self._close()  # another process published a new snapshot: read that one
        if self._client is None:
            self._client = open_client(self.settings, wanted)
            self._client_path = wanted
        return self._client

    def _close(self) -> None:
        if self._client is not None and self._client_path is not None:
            close_client(self._client)
            self._client = None
            self._client_path = None
        self._cache = None

    def _collection(self, suffix: str = "", create: bool = False):
        name = self._collection_name + suffix
        try:
            if create:
                return self.client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
            return self.client.get_collection(name, embedding_function=None)
        except AssistantError:
            raise
        except store_errors() as exc:
            if create:
                raise AssistantError(f"cannot open collection {name}: {exc}") from exc
            return None

    def _published(self) -> readout.Readout | None:
        """The read-out of the active snapshot (see readout.py), when this index reads a local store through
        clients of its own and no ingest of its own is writing; None where there is none to trust."""
        if self.settings.chroma_mode == "http" or self._pinned is not None or not self._own_client:
            return None
        path = readout.path_for(self.snapshots.active(), self._collection_name)
        if self._readout is None or self._readout[0] != path:
            self._cache = None  # another snapshot: what was read from the last one does not hold
            self._readout = (path, readout.read(path))
        return self._readout[1]

    def read_state(self) -> dict | None:
        with self._lock:
            return self._read_state()

    def _read_state(self) -> dict | None:
        published = self._published()
        if published is not None:
            return _checked(published.state)
        col = self._collection("_state")
        if col is None:
            return None
        try:
            got = col.get(ids=[_STATE_ID], include=["documents"])
        except store_errors() as exc:
            raise AssistantError(
                f"the index is unreadable ({exc}); rebuild it with `convention-assistant ingest --rebuild`"
            ) from exc
        if not got["ids"]:
            return None
        try:
            state = json.loads(got["documents"][0])
        except (TypeError, ValueError) as exc:
            raise AssistantError("the index state is corrupt; rebuild it with `convention-assistant ingest --rebuild`") from exc
        return _checked(state)

    def _write_state(self, state: dict) -> None:
        state["revision"] = int(state.get("revision", 0)) + 1
        state["updated"] = time.time()
        self._collection("_state", create=True).upsert(
            ids=[_STATE_ID], documents=[json.dumps(state)], embeddings=[[1.0]], metadatas=[{"kind": "state"}]
        )

    def require(self) -> dict:
        state = self.read_state()
        if not state or not state.get("docs"):
            where = (
                f"{self.settings.chroma_host}:{self.settings.chroma_port}"
                if self.settings.chroma_mode == "http"
                else str(self.settings.store_dir)
            )
            raise IndexMissingError(f"no index at {where}: run `convention-assistant ingest` first")
        return state

    def reset(self) -> None:
        for suffix in ("", "_state"):
            try:
                self.client.delete_collection(self._collection_name + suffix)
            except store_errors():  # not there: nothing to delete
                pass
        self._cache = None

    # ------------------------------------------------------------------ ingest
    def fingerprint(self, file_sha: str) -> str:
        key = f"{file_sha}|{CHUNKER_VERSION}|{self.model_name}|{self.settings.max_chunk_tokens}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def ingest(
        self,
        documents: list[tuple[DocumentInfo, Path | None]],
        rebuild: bool = False,
        prune: bool = False,
        progress: bool = True,
    ) -> IngestReport:
        """Bring the store in line with documents. Unreadable files are skipped and named; a document
        whose file has gone keeps its indexed version unless prune is set.

        A local store is updated in a new snapshot published only when complete (see snapshots.py); a
        Chroma server is updated in place, document by document, through generations."""
        if self.settings.chroma_mode == "http":
            return self._ingest(documents, rebuild, prune, progress, self._last_revision() if rebuild else 0)
        with self.snapshots.lock():
            last = self._last_revision() if rebuild else 0
            staging = self.snapshots.begin(copy=not rebuild)
            self._close()
            self._pinned = staging
            readout.path_for(staging, self._collection_name).unlink(missing_ok=True)  # copied; true no more
            keep = False
            try:
                report = self._ingest(documents, rebuild, prune, progress, last)
                changed = bool(rebuild or report.added or report.updated or report.removed)
                # a store indexed before read-outs existed gets one with its next ingest, changed or not
                unread = report.chunks_total > 0 and not readout.path_for(self.snapshots.active(), self._collection_name).exists()
                keep = changed or unread
                if keep:
                    self._write_readout(staging)
            except KeyboardInterrupt:
                # interrupted cleanly: the snapshot is consistent (its state names only complete documents),
                # so keep what was finished, and the embeddings already made for the next run to reuse
                keep = True
                raise
            finally:
                self._close()
                self._pinned = None
                (self.snapshots.publish if keep else self.snapshots.discard)(staging)
        return report

    def _last_revision(self) -> int:
        """The revision readers last saw (0 when unreadable). A rebuilt index counts on from it, so that a reader
        keeping a view per revision (a running web UI) never takes the rebuilt index for the one it has."""
        try:
            state = self.read_state()
        except AssistantError:
            return 0
        return int(state.get("revision", 0)) if state else 0

    def _ingest(self, documents, rebuild: bool, prune: bool, progress: bool, last: int = 0) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        if rebuild:
            self.reset()
        try:
            state = self.read_state()
        except AssistantError:
            if not rebuild:
                raise
            state = None
        state = state or {"schema": SCHEMA_VERSION, "docs": {}, "revision": last}
        col = self._collection(create=True)
        plan = plan_ingest(documents, state["docs"], self.fingerprint, prune)
        report.unchanged, report.kept_missing, report.skipped = plan.unchanged, plan.kept_missing, list(plan.skipped)
        for step in plan.steps:
            info, path, gen = step.info, step.path, step.gen
            try:
                chunks = chunk_document(info, load_file(path, self.settings.max_file_bytes), self.settings.max_chunk_tokens)
                if not chunks:
                    raise UnreadableDocumentError(f"{path.name}: no text to index")
            except (UnreadableDocumentError, OSError) as exc:
                report.skipped.append((info.id, str(exc)))
                continue
            report.chunks_embedded += self._store_generation(col, info.id, gen, chunks, progress)
            old_gen = state["docs"].get(info.id, {}).get("gen")
            state["docs"][info.id] = {
                "gen": gen,
                "sha256": step.file_sha,
                "file": str(path),
                "chunks": len(chunks),
                "title": info.title,
                "short_name": info.short_name,
                "kind": info.kind,
            }
            self._write_state(state)  # the switch: readers now see the new generation
            (report.updated if step.existed else report.added).append(info.id)
            if old_gen:
                self._delete_where({"$and": [{"doc_id": info.id}, {"gen": {"$ne": gen}}]})
        stale = plan.stale
        if stale:
            for d in stale:
                state["docs"].pop(d)
            self._write_state(state)
            for d in stale:
                self._delete_where({"doc_id": d})
            report.removed.extend(stale)
            report.kept_missing = [d for d in report.kept_missing if d not in stale]
        self._sweep_orphans(state)
        self._cache = None
        report.chunks_total = sum(d["chunks"] for d in state["docs"].values())
        report.seconds = time.perf_counter() - started
        return report

    def _write_readout(self, snapshot: Path) -> None:
        """What readers of the finished snapshot need, read back from Chroma, written beside it."""
        state = self._read_state()
        if state and state.get("docs"):
            chunks = self._chunks(state)
            try:
                readout.write(readout.path_for(snapshot, self._collection_name), state, chunks, self._cache[2])
            except OSError as exc:  # the index itself is complete: its readers open Chroma instead
                print(f"note: the read-out was not written ({exc}); questions will read the store", file=sys.stderr)

    def _store_generation(self, col, doc_id: str, gen: str, chunks: list[Chunk], progress: bool) -> int:
        ids = [f"{gen}:{c.id}" for c in chunks]
        present = set(col.get(ids=ids, include=[])["ids"])  # left by an interrupted ingest
        todo = [(i, c) for i, c in zip(ids, chunks, strict=False) if i not in present]
        if not todo:
            return 0
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), desc=f"embedding {doc_id}", unit="chunk", file=sys.stderr, leave=False)
        batch = max(1, self.settings.embed_batch_size)
        for start in range(0, len(todo), batch):
            part = todo[start : start + batch]
            vectors = self.embedder.encode([c.embed_text for _, c in part])
            col.upsert(
                ids=[i for i, _ in part],
                embeddings=vectors.tolist(),
                documents=[c.text for _, c in part],
                metadatas=[{**c.metadata(), "gen": gen} for _, c in part],
            )
            if bar:
                bar.update(len(part))
        if bar:
            bar.close()
        return len(todo)

    def _delete_where(self, where: dict) -> None:
        col = self._collection(create=True)
        ids = col.get(where=where, include=[])["ids"]
        for start in range(0, len(ids), 500):
            col.delete(ids=ids[start : start + 500])

    def _sweep_orphans(self, state: dict) -> None:
        """Remove generations that no state record points to (left by a killed ingest)."""
        active = [d["gen"] for d in state["docs"].values()]
        self._delete_where({"gen": {"$nin": active}} if active else {"gen": {"$ne": ""}})

    # ------------------------------------------------------------------ reading
    def chunks(self) -> list[Chunk]:
        """All active chunks, in document order (cached per state revision)."""
        return self.view()[1]

    def view(self) -> tuple[int, list[Chunk], np.ndarray, dict[str, dict]]:
        """One consistent reading of the index: (revision, chunks, their stored vectors row for row, documents).
        Readers that keep it see one snapshot throughout, whatever an ingest publishes meanwhile."""
        with self._lock:
            state = self.require()
            chunks = self._chunks(state)
            return state["revision"], chunks, self._cache[2], dict(state["docs"])

    def _chunks(self, state: dict) -> list[Chunk]:
        if self._cache and self._cache[0] == state["revision"]:
            return self._cache[1]
        published = self._published()
        if published is not None and published.state.get("revision") == state["revision"]:
            self._cache = (state["revision"], published.chunks, published.vectors)
            return published.chunks
        col = self._collection()
        if col is None:
            raise IndexMissingError("the index has no chunk collection: run `convention-assistant ingest --rebuild`")
        gens = [d["gen"] for d in state["docs"].values()]
        got = col.get(where={"gen": {"$in": gens}}, include=["documents", "metadatas", "embeddings"])
        chunks = [Chunk.from_metadata(i.split(":", 1)[1], t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=False)]
        order = {d: n for n, d in enumerate(state["docs"])}
        pos = sorted(range(len(chunks)), key=lambda n: (order.get(chunks[n].doc_id, 99), chunks[n].order))
        chunks = [chunks[n] for n in pos]
        vectors = np.asarray(got["embeddings"], dtype=np.float32)[pos] if pos else np.zeros((0, 1), np.float32)
        self._cache = (state["revision"], chunks, vectors)
        return chunks

    def vectors(self) -> np.ndarray:
        """The stored embeddings of :meth:`chunks`, row for row (no re-encoding); prefer :meth:`view`, which
        returns both from one reading."""
        return self.view()[2]

    def documents(self) -> dict[str, dict]:
        return dict(self.require()["docs"])


def _checked(state: dict) -> dict:
    if state.get("schema") != SCHEMA_VERSION:
        raise AssistantError(
            f"the index was built by an incompatible version (schema {state.get('schema')}, "
            f"expected {SCHEMA_VERSION}); rebuild it with `convention-assistant ingest --rebuild`"
        )
    return state
