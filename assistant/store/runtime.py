"""The embedding models run by ONNX Runtime: the same weights, exported once from the sentence-transformers
model into the per-user data directory, then loaded without torch. A process that only asks questions never
imports torch or transformers (a cold `ask` loads in under a second instead of several); its vectors match
the torch model's to ~1e-7 (a test compares them).

The export (torch's ONNX exporter, which needs the ``onnx`` package) runs once per model, on the first load,
written beside its place and renamed in, so two processes exporting at once cannot leave half a file."""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path

import numpy as np

from ..types import AssistantError

OUTPUT = "last_hidden_state"


class UnreadableExport(AssistantError):
    """An exported model file that ONNX Runtime cannot load (damaged on disk): export it again."""


class OnnxEncoder:
    """Mean-pooled, normalised sentence embeddings from an exported transformer, with the model directory's
    own tokenizer (``tokenizer.json``) and sequence limit (``sentence_bert_config.json``)."""

    def __init__(self, model_dir: Path, onnx_path: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(config["max_seq_length"]))
        pad = self.tokenizer.padding or {}  # the pad token matters: RoBERTa-style models number positions by it
        token = pad.get("pad_token") or _special(model_dir, "pad_token") or "[PAD]"
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id(token) or 0, pad_token=token)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.log_severity_level = 3
        from onnxruntime.capi.onnxruntime_pybind11_state import Fail, InvalidGraph, InvalidProtobuf, NoSuchFile

        try:
            self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except (Fail, InvalidGraph, InvalidProtobuf, NoSuchFile) as exc:
            raise UnreadableExport(f"the exported model {onnx_path} cannot be loaded ({exc})") from exc
        self.inputs = [i.name for i in self.session.get_inputs()]
        self._lock = threading.Lock()  # one run at a time per session: runs on 2 cores only slow each other

    def encode(self, texts: list[str], batch_size: int = 32, **_: object) -> np.ndarray:
        """Vectors in the order of ``texts``, run in batches of texts of like length (:func:`batches`)."""
        texts = list(texts)
        width = self.session.get_outputs()[0].shape[-1]
        out = np.zeros((len(texts), width if isinstance(width, int) else 0), dtype=np.float32)
        for rows in batches([len(t) for t in texts], batch_size):
            vectors = self._run([texts[i] for i in rows])
            if out.shape[1] != vectors.shape[1]:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer.encode_batch(texts)
        feed = {"input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64)}
        with self._lock:
            hidden = self.session.run([OUTPUT], {k: v for k, v in feed.items() if k in self.inputs})[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def batches(lengths: list[int], size: int, ratio: float = 0.7) -> list[list[int]]:
    """Indices of the texts grouped for the model, longest first: at most ``size`` to a batch, and a batch ends
    before a text shorter than ``ratio`` of its longest. A batch is padded to its longest text, and a question's
    sentences run from 20 to 600 characters: padded to one width, 23 of them took 0.77 s; grouped so, about half
    (the vectors are the same: the attention mask leaves the padding out)."""
    out: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if out and len(out[-1]) < size and lengths[i] >= ratio * lengths[out[-1][0]]:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _special(model_dir: Path, name: str) -> str | None:
    path = model_dir / "special_tokens_map.json"
    value = json.loads(path.read_text()).get(name) if path.exists() else None
    return value.get("content") if isinstance(value, dict) else value


def export(model, onnx_path: Path) -> Path:
    """Export a loaded SentenceTransformer's transformer to ``onnx_path`` (its pooling and normalisation are
    done by :class:`OnnxEncoder`)."""
    try:
        import onnx  # noqa: F401 - torch's exporter needs it
    except ImportError as exc:
        raise AssistantError("the onnx package is missing (pip install onnx); set CA_EMBED_BACKEND=torch to "
                             "run the models with torch instead") from exc
    import torch

    transformer = model[0].auto_model.eval()
    sample = model.tokenize(["an example sentence"])
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Hidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(**dict(zip(names, args, strict=True))).last_hidden_state

    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    partial = onnx_path.with_name(f"{onnx_path.name}.{os.getpid()}.partial")
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, OUTPUT]}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing; the result is checked by a test
        torch.onnx.export(Hidden(transformer), tuple(sample[n] for n in names), str(partial), input_names=names,
                          output_names=[OUTPUT], dynamic_axes=axes, opset_version=17, dynamo=False)
    os.replace(partial, onnx_path)
    return onnx_path
