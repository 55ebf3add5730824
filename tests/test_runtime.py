"""The embedding models run by ONNX Runtime (assistant.store.runtime): the same vectors as the torch model, and a
process that only asks questions never loads torch. Real model, real index."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from assistant.store.embeddings import Embedder, forget_kept
from assistant.store.runtime import batches

TEXTS = ["How long can a preservation order last under the UN convention?",
         "Each State Party shall adopt such legislative and other measures as may be necessary " * 12,  # truncated
         "short", "Ceux qui demandent l'entraide judiciaire", "“Content data” shall mean any electronic data"]


def test_onnx_vectors_match_the_torch_model_in_the_order_given(embedder):
    assert embedder.backend == "onnx"
    fast = embedder.encode(TEXTS)
    slow = Embedder(embedder.model_name, backend="torch").encode(TEXTS)
    assert fast.shape == slow.shape == (len(TEXTS), 384)
    assert float(np.abs(fast - slow).max()) < 1e-5
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape[0] == 0


def test_texts_run_in_batches_of_like_length():
    assert batches([10, 600, 500, 20, 14, 400], size=32) == [[1, 2], [5], [3, 4], [0]]
    assert batches([5] * 5, size=2) == [[0, 1], [2, 3], [4]]
    assert batches([], size=4) == []


def test_a_text_gets_the_same_vector_whatever_it_is_batched_with(embedder):
    texts = TEXTS + [t[: len(t) // 2] for t in TEXTS]
    together = embedder.model.encode(texts, batch_size=32)
    alone = np.vstack([embedder.model.encode([t]) for t in texts])
    assert float(np.abs(together - alone).max()) < 1e-6


def test_a_process_that_only_asks_never_imports_torch_or_chroma(settings, index):
    code = ("import json, sys\n"
            "from pathlib import Path\n"
            "from assistant.config import Settings\n"
            "from assistant.wiring import build\n"
            f"s = Settings.from_env(store_dir=Path({str(settings.store_dir)!r}), docs_dir=Path({str(settings.docs_dir)!r}))\n"
            "a = build(s).assistant.ask('How long can a preservation order last under the UN convention?')\n"
            "print(json.dumps({'cited': [c.locator for c in a.citations],"
            " 'heavy': sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'chromadb') if m in sys.modules)}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    assert any("Art. 25" in c for c in result["cited"])


def test_a_damaged_export_is_made_again_from_the_weights(tmp_path, monkeypatch):
    from assistant.store.models import onnx_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    damaged = onnx_path("all-MiniLM-L6-v2")
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"not a model")
    vectors = Embedder("all-MiniLM-L6-v2").encode(TEXTS[:2])
    assert vectors.shape == (2, 384) and damaged.stat().st_size > 1_000_000


def test_a_text_encoded_before_is_not_run_through_the_model_again():
    class Counting:  # stands in for the loaded model: counts the texts it is given
        seen: list[str] = []

        def encode(self, texts, **_):
            self.seen.extend(texts)
            return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    embedder = Embedder("all-MiniLM-L6-v2", cache_size=3)
    embedder._model = model = Counting()
    first = embedder.encode(["a", "bb", "a"])
    again = embedder.encode(["bb", "ccc", "a"])
    assert model.seen == ["a", "bb", "ccc"]
    assert first[:, 0].tolist() == [1, 2, 1] and again[:, 0].tolist() == [2, 3, 1]
    embedder.encode(["dddd"])  # over the cache's size: the text used longest ago ("bb") goes
    embedder.encode(["bb"])
    assert model.seen[-2:] == ["dddd", "bb"]
    assert embedder.encode([]).shape[0] == 0

    class Owner:  # an index or a retriever, as the eval and the benchmarks hand them over
        sentence_embedder = embedder

    forget_kept(Owner())
    embedder.encode(["bb"])
    assert model.seen[-2:] == ["bb", "bb"]


def test_a_preloaded_model_is_handed_once_to_the_embedder_built_with_it(monkeypatch):
    from assistant.store import models
    from assistant.store.embeddings import Embedder

    made: list[str] = []

    def fake_load(name, backend="onnx"):
        made.append(name)
        return object()

    monkeypatch.setattr(models, "_load", fake_load)
    preloads = models.preload(["m1", "m2", "m1"])
    assert len(preloads.threads) == 2  # one each, the repeat left out
    first = Embedder("m1", preloads=preloads).model
    assert made.count("m1") == 1  # the preloaded one, not a second load
    assert Embedder("m1", preloads=preloads).model is not first and made.count("m1") == 2  # handed over once
    assert Embedder("m2", preloads=preloads).model is not None
    assert made.count("m2") == 1
    assert Embedder("m2").model is not None and made.count("m2") == 2  # an embedder without them loads its own


def test_a_preload_that_fails_is_loaded_again_where_the_model_is_used(monkeypatch):
    import pytest

    from assistant.store import models
    from assistant.types import AssistantError

    calls: list[str] = []

    def failing(name, backend="onnx"):
        calls.append(name)
        raise AssistantError(f"the embedding model {name} is missing")

    monkeypatch.setattr(models, "_load", failing)
    preloads = models.preload(["m3"])
    with pytest.raises(AssistantError, match="m3 is missing"):
        models.load("m3", preloads=preloads)
    assert calls == ["m3", "m3"]


def test_the_parts_built_with_preloads_take_both_models(monkeypatch, tmp_path):
    from assistant.config import Settings
    from assistant.store import models
    from assistant.wiring import build

    monkeypatch.setattr(models, "_load", lambda name, backend="onnx": f"loaded {name}")
    settings = Settings(store_dir=tmp_path / "store")
    preloads = models.preload([settings.embedding_model, settings.sentence_model])
    for t in preloads.threads:
        t.join()
    parts = build(settings, preloads=preloads)
    assert parts.index.embedder.model == f"loaded {settings.embedding_model}"
    assert parts.retriever.sentence_embedder.model == f"loaded {settings.sentence_model}"
    assert preloads.take(settings.embedding_model) is None  # each taken, none left over
    assert preloads.take(settings.sentence_model) is None
