"""The interfaces between the layers, as small Protocols: what the answerer and the retriever need from an
embedder, from the index they read and from a retriever. The real parts (embeddings.Embedder, index.Index,
retrieval.Retriever, baselines.NaiveRetriever) and the test doubles in :mod:`fakes` all satisfy them; the chat
model is LangChain's ``BaseChatModel`` (llm.chat_model, or llm.fake_chat_model for a scripted one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from .config import Settings
    from .types import Chunk, Retrieval


@runtime_checkable
class EmbedderPort(Protocol):
    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Unit-length vectors, one row per text."""


@runtime_checkable
class IndexReader(Protocol):
    settings: Settings
    embedder: EmbedderPort

    def require(self) -> dict:
        """The state record (``revision``, ``docs``); raises IndexMissingError when there is no index."""

    def view(self) -> tuple[int, list[Chunk], np.ndarray, dict[str, dict]]:
        """(revision, chunks, their stored vectors row for row, documents), from one reading."""

    def chunks(self) -> list[Chunk]: ...

    def vectors(self) -> np.ndarray: ...

    def documents(self) -> dict[str, dict]: ...


@runtime_checkable
class RetrieverPort(Protocol):
    index: IndexReader

    @property
    def chunks(self) -> list[Chunk]: ...

    def retrieve(self, question: str, k: int = 5, doc_ids: list[str] | None = None,
                 history: list[tuple[str, str]] | None = None, candidates: int = 30) -> Retrieval: ...

    def unknown_names(self, question: str) -> list[str]: ...

    def unmentioned_terms(self, question: str, docs: list[str], everyday: bool = False) -> list[str]: ...

    def asks_positions(self, text: str) -> bool: ...

    def indexed_docs(self) -> set[str]: ...

    def article_chunks(self, doc_id: str, article: str) -> list[Chunk]: ...

    def is_treaty(self, doc_id: str) -> bool: ...
