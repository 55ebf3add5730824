"""Wiring: every real part built from the settings, in one place. The command line, the web UI, the eval and
the benchmarks get their objects here; tests build the same objects from fakes (:mod:`assistant.fakes`) by
passing them in. Nothing is loaded until it is used: the embedding model on the first encode, the index on the
first read (its published read-out, or Chroma), the chat model on the first written answer."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .answer.chain import Assistant
from .answer.quoting import quote_pieces
from .compare.comparer import Comparer
from .config import Settings
from .grounding import headed_sentences
from .ingest.documents import load_manifest
from .ports import EmbedderPort, IndexReader, RetrieverPort
from .retrieve.retriever import Retriever
from .store.embeddings import Embedder, configured, sentence_embedder
from .store.index import Index
from .store.models import Preloads
from .types import AssistantError, DocumentInfo


@dataclass
class Parts:
    settings: Settings
    manifest: list[DocumentInfo]
    index: Index
    retriever: Retriever
    comparer: Comparer
    assistant: Assistant

    def warm_up(self) -> list[threading.Thread]:
        """Load the embedding models in the background, one thread each, while the rest opens (the index and its
        view; the command line starts them earlier still, with ``store.models.preload``): on 2 cores a cold `ask`
        answers ~0.5 s sooner, and loading the two side by side, not one after the other, ~0.3 s more (the passage
        model takes ~1.7 s, the sentence model ~0.4 s, mostly outside the interpreter's lock). A load that fails
        here fails again where the model is used, and says why there."""

        def load(embedder) -> None:
            try:
                getattr(embedder, "model", None)
            except AssistantError:
                return

        embedders = (self.index.embedder, getattr(self.retriever, "sentence_embedder", None))
        # not daemons: a process that ends early (an empty question, a missing index) waits for the loads to finish,
        # since one that exits while a thread is inside torch aborts ("terminate called without an active exception")
        threads = [threading.Thread(target=load, args=(e,), name="warm-up", daemon=False)
                   for e in {id(e): e for e in embedders if e is not None}.values()]
        for thread in threads:
            thread.start()
        return threads

    def encode_ahead(self, progress: bool = False) -> tuple[int, int]:
        """Encode the corpus's sentences with the sentence model once, after an ingest, into the file beside the
        index (:mod:`store.memo`): a question then encodes only itself, not the ~80 sentences its re-ranking and
        quotes score. (sentences kept, newly encoded); (0, 0) for an embedder without a memo file (a test's)."""
        embedder = getattr(self.retriever, "sentence_embedder", None)
        if not isinstance(embedder, Embedder) or embedder.memo is None:
            return 0, 0
        texts = list(dict.fromkeys(t for c in self.index.chunks()
                                   for t in headed_sentences(c.heading, c.text) + quote_pieces(c)))
        return len(texts), embedder.remember(texts, show_progress=progress)


def build(settings: Settings | None = None, *, index: IndexReader | None = None,
          retriever: RetrieverPort | None = None, embedder: EmbedderPort | None = None, llm=None,
          warm: bool = False, preloads: Preloads | None = None) -> Parts:
    """The application's parts from ``settings`` (default: the environment). Pass ``index``, ``retriever``,
    ``embedder`` or ``llm`` to use another (a baseline retriever, a shared index, a scripted chat model);
    ``warm`` starts loading the embedding models at once (:meth:`Parts.warm_up`); the embedders built here take
    the models ``preloads`` started loading (:func:`store.models.preload`)."""
    settings = settings or Settings.from_env()
    manifest = load_manifest(settings.manifest_path)
    sentences = None
    if preloads is not None and index is None and retriever is None and embedder is None:
        embedder = configured(settings, settings.embedding_model, preloads)
        sentences = sentence_embedder(settings, embedder, preloads)
    index = index or (retriever.index if retriever else Index(settings, embedder=embedder))
    # with the sentence model the settings name
    retriever = retriever or Retriever(index, manifest, sentence_embedder=sentences)
    comparer = Comparer(index)
    assistant = Assistant(settings, index=index, retriever=retriever, comparer=comparer, manifest=manifest, llm=llm)
    parts = Parts(settings, manifest, index, retriever, comparer, assistant)
    if warm:
        parts.warm_up()
    return parts
