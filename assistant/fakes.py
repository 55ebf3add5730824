"""Test doubles shipped beside the interfaces (as httpx ships MockTransport): a deterministic hashing embedder
and an in-memory index over hand-made chunks. With the real Retriever and Assistant on top they make the answer
policy testable in milliseconds, with no model, no Chroma and no corpus. Never the evidence that a feature
works for a user: the real parts are tested end to end elsewhere."""

from __future__ import annotations

import hashlib

import numpy as np

from .config import Settings
from .grounding import content_terms
from .types import Chunk, IndexMissingError


class HashingEmbedder:
    """Bag of stemmed words hashed into ``dim`` buckets, unit length: texts sharing words are close."""

    def __init__(self, dim: int = 512):
        self.dim = dim

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            for term in content_terms(text):
                out[i, int(hashlib.md5(term.encode()).hexdigest(), 16) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


class MemoryIndex:
    """An index held in memory: the chunks given, embedded by ``embedder`` (their ``embed_text``, as ingest
    does). ``publish`` replaces them as a new revision, like an ingest publishing a snapshot."""

    def __init__(self, chunks: list[Chunk], embedder=None, settings: Settings | None = None):
        self.settings = settings or Settings.from_env(env={})
        self.embedder = embedder or HashingEmbedder()
        self._revision = 0
        self._state: tuple[int, list[Chunk], np.ndarray, dict[str, dict]] | None = None
        if chunks:
            self.publish(chunks)

    def publish(self, chunks: list[Chunk]) -> None:
        vectors = self.embedder.encode([c.embed_text for c in chunks])
        docs = {d: {"gen": f"{d}-{self._revision + 1}", "chunks": sum(c.doc_id == d for c in chunks)}
                for d in dict.fromkeys(c.doc_id for c in chunks)}
        self._revision += 1
        self._state = (self._revision, list(chunks), vectors, docs)

    def require(self) -> dict:
        if self._state is None:
            raise IndexMissingError("no index: nothing was published to the in-memory index")
        return {"revision": self._state[0], "docs": self._state[3]}

    def view(self) -> tuple[int, list[Chunk], np.ndarray, dict[str, dict]]:
        self.require()
        return self._state

    def chunks(self) -> list[Chunk]:
        return self.view()[1]

    def vectors(self) -> np.ndarray:
        return self.view()[2]

    def documents(self) -> dict[str, dict]:
        return dict(self.view()[3])
