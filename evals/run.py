"""Run the eval set: retrieval metrics for the system, two baselines and ablations; answer grounding
for each retriever behind the same answerer; a Markdown + JSON report with a chart; an optional gate.

    python -m evals.run [--gate] [--generative N] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from tqdm import tqdm

from assistant.answer import Assistant
from assistant.config import Settings, ensure_offline_env
from assistant.documents import discover, load_file, load_manifest
from assistant.evaluation import aggregate, answer_scores, check_items, is_relevant, load_items, retrieval_scores
from assistant.index import Index
from assistant.retrieval import Retrieval, Retriever
from assistant.types import Chunk, Hit

HERE = Path(__file__).resolve().parent


class NaiveRetriever:
    """The naive LangChain RAG baseline: RecursiveCharacterTextSplitter 1000/200, same embedding
    model, langchain-chroma, top-4 similarity. No article lookup, no BM25, no expansion."""

    def __init__(self, documents, embedder, k: int = 4):
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        docs = []
        for info, path in documents:
            if path is None:
                continue
            text = "\n".join(p.text for p in load_file(path))
            for i, piece in enumerate(splitter.split_text(text)):
                docs.append(Document(piece, metadata={"doc_id": info.id, "short_name": info.short_name, "n": i}))
        self._dir = tempfile.TemporaryDirectory(prefix="naive-")
        self.store = Chroma.from_documents(docs, embedder, collection_name="naive_baseline",
                                           persist_directory=self._dir.name)
        self.k = k
        self.index = None

    def unknown_names(self, question: str) -> list[str]:
        return []  # the naive baseline has no vocabulary check

    def retrieve(self, question, k=4, doc_ids=None, history=None, candidates=30) -> Retrieval:
        t = time.perf_counter()
        query = question if not history else f"{question} {history[-1][0]}"
        found = self.store.similarity_search_with_score(query, k=self.k)  # cosine distance
        hits = []
        for rank, (doc, distance) in enumerate(found, start=1):
            score = 1.0 - distance / 2 if distance > 1 else 1.0 - distance
            m = doc.metadata
            chunk = Chunk(id=f"naive:{m['doc_id']}:{m['n']}", doc_id=m["doc_id"], text=doc.page_content,
                          locator=f"{m['short_name']}, chunk {m['n'] + 1}", short_name=m["short_name"])
            hits.append(Hit(chunk, score, rank, ("dense",), score))
        return Retrieval(question, query, hits, timings={"retrieve_total": time.perf_counter() - t})


def build_systems(settings: Settings, index: Index, manifest, documents):
    return {
        "system": Retriever(index, manifest),
        "bm25-only": Retriever(index, manifest, use_dense=False, expand=False, article_lookup=False),
        "naive-langchain": NaiveRetriever(documents, index.embedder),
        "ablation: dense-only": Retriever(index, manifest, use_bm25=False),
        "ablation: no article lookup": Retriever(index, manifest, article_lookup=False),
    }


def run(args) -> int:
    ensure_offline_env()
    settings = Settings.from_env(store_dir=args.store)
    manifest = load_manifest(settings.manifest_path)
    documents = discover(manifest, settings.search_dirs)
    texts = {info.id: "\n".join(p.text for p in load_file(path)) for info, path in documents if path}
    items = load_items(args.questions)
    problems = check_items(items, texts)
    if problems:
        print("the question set is malformed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    index = Index(settings)
    t = time.perf_counter()
    ingest = index.ingest(documents, progress=True)
    print(ingest.summary(), file=sys.stderr)
    systems = build_systems(settings, index, manifest, documents)
    results: dict = {"n_items": len(items), "systems": {}, "items": [], "ingest_seconds": time.perf_counter() - t}
    answerable = [it for it in items if it.answerable]
    per_item: dict[str, dict] = {it.id: {"question": it.question, "type": it.type} for it in items}

    for name, retriever in systems.items():
        assistant = Assistant(settings, index=index, retriever=retriever) if not name.startswith("ablation") else None
        rows_r, rows_a, lat_r, lat_a = [], [], [], []
        for it in tqdm(items, desc=f"eval {name}", file=sys.stderr, leave=False):
            history = [(h[0], h[1]) for h in it.history] or None
            if it.answerable:
                r = retriever.retrieve(it.question, k=10, history=history)
                lat_r.append(r.timings.get("retrieve_total", 0.0))
                ranked = r.hits + r.context
                rel = [is_relevant(h.chunk.doc_id, h.chunk.text, it) for h in ranked]
                scores = retrieval_scores(rel, len(it.evidence))
                rows_r.append(scores)
                per_item[it.id][name] = {"retrieval": scores, "top": [h.chunk.locator for h in ranked[:5]]}
            if assistant:
                t0 = time.perf_counter()
                ans = assistant.ask(it.question, history=history, mode="extractive")
                lat_a.append(time.perf_counter() - t0)
                a_scores = answer_scores(ans, it)
                rows_a.append(a_scores)
                per_item[it.id].setdefault(name, {})["answer"] = {**a_scores, "abstained": ans.abstained,
                                                                  "answer": ans.answer[:400]}
        results["systems"][name] = {
            "retrieval": aggregate(rows_r),
            "answer": aggregate(rows_a) if rows_a else {},
            "latency": {"retrieve_p50": _pct(lat_r, 50), "retrieve_p95": _pct(lat_r, 95),
                        "answer_p50": _pct(lat_a, 50), "answer_p95": _pct(lat_a, 95)},
        }
    if args.generative:
        results["generative"] = _generative_slice(settings, index, manifest, items, args.generative)
    results["items"] = per_item
    results["n_answerable"] = len(answerable)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(results, indent=2))
    _chart(results, out / "retrieval.png")
    (out / "report.md").write_text(_markdown(results))
    print((out / "report.md").read_text())
    if args.gate:
        failures = gate(results, tomllib.loads((HERE / "thresholds.toml").read_text()))
        for f in failures:
            print(f"GATE FAILED: {f}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def _generative_slice(settings, index, manifest, items, n):
    assistant = Assistant(settings.with_(mode="generative"), index=index)
    chosen = [it for it in items if it.answerable][: n] + [it for it in items if not it.answerable][: max(1, n // 4)]
    rows, lat, first = [], [], []
    for it in tqdm(chosen, desc="generative slice", file=sys.stderr):
        history = [(h[0], h[1]) for h in it.history] or None
        t0 = time.perf_counter()
        ans = assistant.ask(it.question, history=history, mode="generative")
        lat.append(time.perf_counter() - t0)
        first.append(ans.timings.get("first_token", lat[-1]))
        rows.append({**answer_scores(ans, it), "fell_back": float(ans.mode != "generative" and not ans.abstained)})
    return {"n": len(chosen), "answer": aggregate(rows), "answer_p50": _pct(lat, 50), "answer_p95": _pct(lat, 95),
            "first_token_p50": _pct(first, 50)}


def gate(results: dict, thresholds: dict) -> list[str]:
    failures = []
    for section, limits in thresholds.items():
        got = results["systems"]["system"].get(section, {})
        for metric, spec in limits.items():
            value = got.get(metric)
            if value is None:
                failures.append(f"{section}.{metric} was not measured")
            elif "min" in spec and value < spec["min"]:
                failures.append(f"{section}.{metric} = {value:.3f} < {spec['min']}")
            elif "max" in spec and value > spec["max"]:
                failures.append(f"{section}.{metric} = {value:.3f} > {spec['max']}")
    return failures


def _pct(values, q):
    if not values:
        return 0.0
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def _chart(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results["systems"])
    metrics = ["hit@1", "hit@5", "mrr", "ndcg@10"]
    fig, ax = plt.subplots(figsize=(9, 4))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        vals = [results["systems"][name]["retrieval"].get(m, 0) for m in metrics]
        ax.bar([x + i * width for x in range(len(metrics))], vals, width, label=name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(metrics))], metrics)
    ax.set_ylim(0, 1)
    ax.set_title(f"Retrieval on {results['n_answerable']} answerable questions")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _markdown(results) -> str:
    lines = [f"# Evaluation report ({results['n_items']} questions, {results['n_answerable']} answerable)", "",
             "![retrieval](retrieval.png)", "", "## Retrieval", "",
             "| system | hit@1 | hit@5 | MRR | nDCG@10 | p50 ms | p95 ms |", "|---|---|---|---|---|---|---|"]
    for name, s in results["systems"].items():
        r, lat = s["retrieval"], s["latency"]
        lines.append(f"| {name} | {r['hit@1']:.3f} | {r['hit@5']:.3f} | {r['mrr']:.3f} | {r['ndcg@10']:.3f} | "
                     f"{lat['retrieve_p50'] * 1000:.0f} | {lat['retrieve_p95'] * 1000:.0f} |")
    lines += ["", "## Answers (extractive answerer behind each retriever)", "",
              "| system | key facts | evidence cited | citation validity | citation precision | faithfulness | "
              "abstention accuracy | false abstention | p50 s | p95 s |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name, s in results["systems"].items():
        a, lat = s["answer"], s["latency"]
        if not a:
            continue
        lines.append(
            f"| {name} | {a.get('key_fact_accuracy', 0):.3f} | {a.get('evidence_cited', 0):.3f} | "
            f"{a.get('citation_validity', 0):.3f} | {a.get('citation_precision', 0):.3f} | {a.get('faithfulness', 0):.3f} | "
            f"{a.get('abstention_correct', 0):.3f} | {a.get('false_abstention', 0):.3f} | "
            f"{lat['answer_p50']:.2f} | {lat['answer_p95']:.2f} |")
    if "generative" in results:
        g = results["generative"]
        a = g["answer"]
        lines += ["", f"## Generative slice ({g['n']} questions, local LLM)", "",
                  f"key facts {a.get('key_fact_accuracy', 0):.3f}, faithfulness {a.get('faithfulness', 0):.3f}, "
                  f"abstention accuracy {a.get('abstention_correct', 0):.3f}, false abstention "
                  f"{a.get('false_abstention', 0):.3f}, fell back to extractive {a.get('fell_back', 0):.3f}; "
                  f"answer p50 {g['answer_p50']:.1f}s, p95 {g['answer_p95']:.1f}s, first token p50 {g['first_token_p50']:.1f}s"]
    misses = [(i, d) for i, d in results["items"].items() if d.get("system", {}).get("retrieval", {}).get("hit@5") == 0.0]
    lines += ["", "## Retrieval misses of the system (hit@5 = 0)", ""]
    lines += [f"- {i} ({d['type']}): {d['question']} → {', '.join(d['system']['top'])}" for i, d in misses] or ["- none"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", type=Path, default=HERE / "questions.jsonl")
    p.add_argument("--store", type=Path, default=None)
    p.add_argument("--out", type=Path, default=HERE / "reports" / "latest")
    p.add_argument("--gate", action="store_true", help="exit 1 when below evals/thresholds.toml")
    p.add_argument("--generative", type=int, default=0, help="also run N answerable questions through the LLM")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
