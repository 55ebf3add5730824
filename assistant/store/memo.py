"""Vectors encoded ahead: the sentence model's vectors for the corpus's sentences, computed once after an ingest
and kept in a file beside the index, so that answering a question encodes only the question.

A question's re-ranking and quotes score some 80 sentences of the passages it found against it; encoding them
with all-mpnet-base-v2 takes ~2.3 s on 2 cores, a lookup here takes microseconds. The file is a cache and only
that: vectors are found by the digest of their model and text, so a missing, stale or unreadable file costs
time (those texts are encoded as before), never a different answer."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

import numpy as np

from ..config import Settings

log = logging.getLogger(__name__)


def digest(model_name: str, text: str) -> str:
    return hashlib.sha1(f"{model_name}\0{text}".encode()).hexdigest()


def memo_path(settings: Settings, model_name: str) -> Path:
    """The file beside the index, one per collection and model: two collections (of one Chroma server, say) keep
    their own, and never rewrite each other's."""
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{settings.collection}-{model_name}")
    return Path(settings.store_dir) / f"sentence-vectors-{name}.npz"


def load(path: Path) -> dict[str, np.ndarray]:
    """The kept vectors by digest; empty when there is no file or it cannot be read (logged: it only costs time)."""
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
        if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors):
            raise ValueError(f"keys {keys.shape} do not match vectors {vectors.shape}")
        return dict(zip(keys.tolist(), vectors.astype(np.float32), strict=True))
    except Exception as e:  # a cache: a damaged one is ignored, and rewritten by the next ingest
        log.warning("ignoring unreadable sentence vectors %s (%s): they are encoded as needed", path, e)
        return {}


def save(path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Write the vectors (by digest) at once: to a temporary file first, so that a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    keys = sorted(vectors)
    width = len(next(iter(vectors.values()))) if vectors else 0
    stacked = np.stack([vectors[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, width), np.float32)
    with open(tmp, "wb") as f:
        np.savez(f, keys=np.array(keys, dtype="U40"), vectors=stacked)
    os.replace(tmp, path)
