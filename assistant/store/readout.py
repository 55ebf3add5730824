"""The read-out of a published snapshot: what questions read from it (the state record, the active chunks in
document order and their stored vectors), written into the snapshot directory by the ingest that made it,
just before publishing it.

A process that only asks questions then reads one file instead of opening Chroma, whose import and open
took about 1 s of a 3 s cold ``ask``. Chroma stays the store that ingests read and write. The read-out cannot
go stale: a published snapshot is never written again (the next ingest copies it), and each read-out names
the collection it was read from, so stores holding several models' collections keep one per model.

The file carries a SHA-256 of its own content. A read-out that is missing, damaged or of another format is
not used (``read`` returns None) and the reader opens Chroma as before, which reports a damaged store with
the command that rebuilds it."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..types import Chunk

FORMAT = 1


@dataclass(frozen=True)
class Readout:
    state: dict
    chunks: list[Chunk]
    vectors: np.ndarray  # row n is chunks[n]'s stored vector


def path_for(snapshot: Path, collection: str) -> Path:
    return Path(snapshot) / f"readout-{collection}.npz"


def write(path: Path, state: dict, chunks: list[Chunk], vectors: np.ndarray) -> None:
    """Write the read-out atomically (beside its place, then renamed in)."""
    meta = json.dumps(
        {"format": FORMAT, "state": state, "chunks": [[c.id, c.text, c.metadata()] for c in chunks]},
        ensure_ascii=False,
    ).encode("utf-8")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as fh:
            np.savez(fh, meta=np.frombuffer(meta, dtype=np.uint8), vectors=vectors,
                     digest=np.frombuffer(_digest(meta, vectors), dtype=np.uint8))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def read(path: Path) -> Readout | None:
    """The read-out at ``path``, or None when there is none or it cannot be trusted (damaged, truncated, of
    another format): the caller then reads Chroma."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta, vectors, digest = z["meta"].tobytes(), z["vectors"], z["digest"].tobytes()
        if digest != _digest(meta, vectors):
            return None
        data = json.loads(meta.decode("utf-8"))
        if data.get("format") != FORMAT or vectors.ndim != 2 or len(vectors) != len(data["chunks"]):
            return None
        chunks = [Chunk.from_metadata(i, text, m) for i, text, m in data["chunks"]]
        return Readout(data["state"], chunks, vectors)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
        return None


def _digest(meta: bytes, vectors: np.ndarray) -> bytes:
    h = hashlib.sha256(meta)
    h.update(str(vectors.shape).encode())
    h.update(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    return h.digest()
