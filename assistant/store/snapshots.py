"""Snapshots of the local (persistent) Chroma store, so an ingest is all-or-nothing across processes.

An ingest copies the active store directory, updates the copy, closes it, then publishes it by replacing
the one-line ``CURRENT`` file (an atomic rename). Readers open whatever ``CURRENT`` names and reopen when it
changes, so a reader never sees a store another process is writing, and a killed ingest leaves only an
unpublished directory, removed by the next one. The previous snapshot is kept for readers still on it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LEGACY = "chroma"  # the single directory of stores made before snapshots


class Snapshots:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _read(self, name: str) -> str:
        try:
            return (self.root / name).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    def active(self) -> Path:
        return self.root / (self._read("CURRENT") or LEGACY)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One ingest at a time per store (other processes wait)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "ingest.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def begin(self, copy: bool = True) -> Path:
        """A new, unpublished snapshot directory: a copy of the active one, or empty."""
        path = self.root / f"chroma-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        active = self.active()
        if copy and active.is_dir():
            shutil.copytree(active, path)
        else:
            path.mkdir(parents=True)
        return path

    def publish(self, path: Path) -> None:
        previous = self.active()
        _write_atomic(self.root / "PREVIOUS", previous.name)
        _write_atomic(self.root / "CURRENT", path.name)
        self.prune()

    def discard(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def prune(self) -> None:
        """Remove every snapshot but the active and the previous one (e.g. left by a killed ingest)."""
        keep = {self._read("CURRENT") or LEGACY, self._read("PREVIOUS")}
        for d in self.root.iterdir():
            if d.is_dir() and (d.name.startswith("chroma-") or d.name == LEGACY) and d.name not in keep:
                shutil.rmtree(d, ignore_errors=True)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
