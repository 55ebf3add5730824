"""Wiring: every real part built from the settings, in one place. The command line, the web UI, the eval and
the benchmarks get their objects here; tests build the same objects from fakes (:mod:`assistant.fakes`) by
passing them in. Nothing is loaded until it is used: the embedding model on the first encode, Chroma on the
first read, the chat model on the first written answer."""

from __future__ import annotations

from dataclasses import dataclass

from .answer.chain import Assistant
from .compare.comparer import Comparer
from .config import Settings
from .ingest.documents import load_manifest
from .ports import EmbedderPort, IndexReader, RetrieverPort
from .retrieve.retriever import Retriever
from .store.index import Index
from .types import DocumentInfo


@dataclass
class Parts:
    settings: Settings
    manifest: list[DocumentInfo]
    index: Index
    retriever: Retriever
    comparer: Comparer
    assistant: Assistant


def build(settings: Settings | None = None, *, index: IndexReader | None = None,
          retriever: RetrieverPort | None = None, embedder: EmbedderPort | None = None, llm=None) -> Parts:
    """The application's parts from ``settings`` (default: the environment). Pass ``index``, ``retriever``,
    ``embedder`` or ``llm`` to use another (a baseline retriever, a shared index, a scripted chat model)."""
    settings = settings or Settings.from_env()
    manifest = load_manifest(settings.manifest_path)
    index = index or (retriever.index if retriever else Index(settings, embedder=embedder))
    retriever = retriever or Retriever(index, manifest)  # with the sentence model the settings name
    comparer = Comparer(index)
    assistant = Assistant(settings, index=index, retriever=retriever, comparer=comparer, manifest=manifest, llm=llm)
    return Parts(settings, manifest, index, retriever, comparer, assistant)
