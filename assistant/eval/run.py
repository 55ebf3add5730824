"""The evaluation run: the question set through the system, the baselines and the ablations, plus speed and
memory figures, and the regression gate. Scoring lives in :mod:`evaluation`, the report in :mod:`report`.

    convention-assistant eval [--fast] [--gate] [--generative N]
"""

from __future__ import annotations

import re
import resource
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from ..config import PROJECT_ROOT, Settings
from ..ingest.documents import discover, load_file, load_manifest
from ..store.embeddings import forget_kept
from ..store.index import Index
from ..types import Answer, AssistantError, Hit
from ..wiring import build
from .baselines import ANSWERED, build_systems
from .metrics import EvalItem, aggregate, answer_scores, check_items, is_relevant, load_items, retrieval_scores

EVALS_DIR = PROJECT_ROOT / "evals"


@dataclass
class EvalConfig:
    questions: Path = EVALS_DIR / "questions.jsonl"
    thresholds: Path = EVALS_DIR / "thresholds.toml"
    out: Path = EVALS_DIR / "reports" / "latest"
    fast: bool = False  # CI: answers scored for the system only, no fresh-ingest benchmark
    split: str = ""  # "dev" or "test" to run one part only (tune on dev); "" runs both
    generative: int = 0  # also answer N answerable (+ N/4 unanswerable) questions with the LLM
    progress: bool = True


def percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def load_checked(settings: Settings, path: Path) -> tuple[list[EvalItem], list, list]:
    """The question set, checked against the documents; with the manifest and the discovered documents."""
    manifest = load_manifest(settings.manifest_path)
    documents = discover(manifest, settings.search_dirs)
    texts = {info.id: "\n".join(p.text for p in load_file(path)) for info, path in documents if path}
    items = load_items(path)
    problems = check_items(items, texts)
    if problems:
        raise AssistantError("the question set is malformed:\n  " + "\n  ".join(problems))
    return items, manifest, documents


def measure_speed(settings: Settings, index: Index, documents) -> dict:
    """Ingest into a fresh temporary store (chunks/s) against the model's raw encode rate for the same texts."""
    with tempfile.TemporaryDirectory(prefix="eval-ingest-") as tmp:
        fresh = build(settings.with_(store_dir=Path(tmp), chroma_mode="persistent"), embedder=index.embedder).index
        t = time.perf_counter()
        report = fresh.ingest(documents, progress=False)
        ingest_s = time.perf_counter() - t
        texts = [c.embed_text for c in fresh.chunks()]
    t = time.perf_counter()
    index.embedder.encode(texts)
    encode_s = time.perf_counter() - t
    return {"chunks": len(texts), "embedded": report.chunks_embedded, "ingest_s": ingest_s,
            "ingest_chunks_per_s": len(texts) / ingest_s, "encode_s": encode_s,
            "encode_chunks_per_s": len(texts) / encode_s}


def _history(it: EvalItem, answered: dict[str, str] | None = None):
    """The conversation before a follow-up: a turn written without its answer gets the answer the system gave
    (``answered``, by question), as a user of the chat would have seen it."""
    answered = answered or {}
    return [(q, a or answered.get(q, "")) for q, a in it.history] or None


def answer_history(assistant, items: list[EvalItem]) -> dict[str, str]:
    """The system's answers to the earlier turns of the follow-ups (asked once each)."""
    return {q: assistant.ask(q).answer for q in dict.fromkeys(q for it in items for q, a in it.history if not a)}


def run_eval(settings: Settings, config: EvalConfig) -> dict:
    items, manifest, documents = load_checked(settings, config.questions)
    if config.split:
        items = [it for it in items if it.split == config.split]
    parts = build(settings)
    index = parts.index
    t = time.perf_counter()
    index.ingest(documents, progress=config.progress)
    parts.encode_ahead(progress=config.progress)  # as `convention-assistant ingest` does
    results: dict = {"n_items": len(items), "n_answerable": sum(it.answerable for it in items),
                     "types": sorted({it.type for it in items}), "fast": config.fast, "systems": {}, "items": {},
                     "speed": {"index_update_s": time.perf_counter() - t}}
    if not config.fast:
        results["speed"].update(measure_speed(settings, index, documents))
    systems = build_systems(index, manifest, documents, parts.retriever, fast=config.fast)
    answered = answer_history(build(settings, index=index, retriever=parts.retriever).assistant, items)
    per_item: dict[str, dict] = {it.id: {"question": it.question, "type": it.type, "answerable": it.answerable,
                                         "split": it.split}
                                 for it in items}
    for name, retriever in systems.items():
        scored = name == "system" or (name in ANSWERED and not config.fast)
        assistant = build(settings, index=index, retriever=retriever).assistant if scored else None
        rows_r, rows_a, lat_r, lat_a = [], [], [], []
        first_stage: list[dict[str, float]] = []  # the retriever's own ranking, before the answer's
        for it in tqdm(items, desc=f"eval {name}", file=sys.stderr, disable=not config.progress):
            ans = None
            if assistant:
                forget_kept(index, retriever)
                t0 = time.perf_counter()
                ans = assistant.ask(it.question, history=_history(it, answered), mode="extractive")
                lat_a.append(time.perf_counter() - t0)
                a_scores = answer_scores(ans, it)
                rows_a.append(a_scores)
                per_item[it.id][name] = {"answer": {
                    **a_scores, "abstained": ans.abstained, "answer": ans.answer[:1500],
                    "cited": [c.locator for c in ans.citations]}}
            if it.answerable:
                forget_kept(index, retriever)
                r = retriever.retrieve(it.question, k=10, history=_history(it, answered))
                lat_r.append(r.timings.get("retrieve_total", 0.0))
                retrieved = r.hits + r.context
                ranked = answer_ranked(ans, retrieved) if ans else retrieved
                rows_r.append(_scored(ranked, it))
                first_stage.append(_scored(retrieved, it))
                per_item[it.id].setdefault(name, {}).update(
                    {"retrieval": rows_r[-1], "first_stage": first_stage[-1], "top": [h.chunk.locator for h in ranked[:5]]})
        results["systems"][name] = {
            "retrieval": aggregate(rows_r), "answer": aggregate(rows_a) if rows_a else {},
            "latency": {"retrieve_p50": percentile(lat_r, 50), "retrieve_p95": percentile(lat_r, 95),
                        "answer_p50": percentile(lat_a, 50), "answer_p95": percentile(lat_a, 95)},
            "latencies": {"retrieve": lat_r, "answer": lat_a},
        }
        if assistant:
            results["systems"][name]["first_stage"] = aggregate(first_stage)
    if config.generative:
        results["generative"] = generative_slice(settings, index, items, config.generative, config.progress)
    results["items"] = per_item
    results["slices"] = slices(items, per_item)
    results["alignment"] = alignment_scores(index, EVALS_DIR / "alignment")
    results["speed"]["peak_memory_mb"] = peak_memory_mb()
    return results


def _scored(ranked: list[Hit], item: EvalItem) -> dict[str, float]:
    return retrieval_scores([is_relevant(h.chunk.doc_id, h.chunk.text, item) for h in ranked], len(item.evidence))


def answer_ranked(answer: Answer, retrieved: list[Hit]) -> list[Hit]:
    """The passages in the order a reader meets them: those the answer quotes, in its order (its own
    retrieval's), then the retriever's ranking (asked for 10 passages) without them."""
    quoted = {c.chunk_id for c in answer.citations}
    first = [h for h in answer.hits if h.chunk.id in quoted]
    return first + [h for h in retrieved if h.chunk.id not in quoted]


def slice_of(item: EvalItem) -> str:
    """un | budapest | comparison (both treaties) | other, from the documents an item's evidence is in."""
    docs = {ev.doc_id for ev in item.evidence}
    un, budapest = "un-convention" in docs, bool(docs & {"budapest", "budapest-protocol"})
    if un and budapest:
        return "comparison"
    if un or (not item.answerable and re.search(r"\b(UN|United Nations)\b", item.question)):
        return "un"
    return "budapest" if budapest else "other"


def slices(items: list[EvalItem], per_item: dict[str, dict]) -> dict:
    """The system's figures per split (dev, test) and slice (all, un, budapest, comparison, other)."""
    out: dict = {}
    for split in sorted({it.split for it in items}):
        for name in ("all", "un", "budapest", "comparison", "other"):
            chosen = [it for it in items if it.split == split and name in ("all", slice_of(it))]
            rows = [per_item[it.id].get("system", {}) for it in chosen]
            scores = [{k: v for k, v in r["answer"].items() if type(v) in (int, float)} for r in rows if "answer" in r]
            out.setdefault(split, {})[name] = {
                "n": len(chosen),
                "retrieval": aggregate([r["retrieval"] for r in rows if "retrieval" in r]),
                "first_stage": aggregate([r["first_stage"] for r in rows if "first_stage" in r]),
                "answer": aggregate(scores),
            }
    return out


def generative_slice(settings: Settings, index: Index, items: list[EvalItem], n: int, progress: bool = True) -> dict:
    """Answers written by the LLM for a slice of the set: the same grounding metrics, latency, first token."""
    assistant = build(settings.with_(mode="generative"), index=index).assistant
    chosen = [it for it in items if it.answerable][:n] + [it for it in items if not it.answerable][: max(1, n // 4)]
    rows, lat, first, answers = [], [], [], {}
    t = time.perf_counter()
    assistant.llm  # noqa: B018 -- start the model before timing answers
    ready_s = time.perf_counter() - t
    for it in tqdm(chosen, desc="generative slice", file=sys.stderr, disable=not progress):
        t0 = time.perf_counter()
        ans = assistant.ask(it.question, history=_history(it), mode="generative")
        lat.append(time.perf_counter() - t0)
        first.append(ans.timings.get("first_token", lat[-1]))
        rows.append({**answer_scores(ans, it), "fell_back": float(ans.mode != "generative" and not ans.abstained)})
        answers[it.id] = {"answer": ans.answer[:400], "mode": ans.mode, "grounding": ans.grounding}
    return {"n": len(chosen), "answer": aggregate(rows), "model_ready_s": ready_s,
            "answer_p50": percentile(lat, 50), "answer_p95": percentile(lat, 95),
            "first_token_p50": percentile(first, 50), "first_token_p95": percentile(first, 95),
            "latencies": lat, "answers": answers}


def alignment_scores(index: Index, gold_dir: Path) -> dict[str, dict]:
    """The computed article alignment (no reviewed overrides) against each gold alignment in ``gold_dir``."""
    from ..compare.alignment import align
    from .aligneval import Gold, score

    out = {}
    docs = index.documents()
    for path in sorted(gold_dir.glob("*.toml")):
        gold = Gold.load(path)
        if gold.from_doc in docs and gold.to_doc in docs:
            out[path.stem] = score(align(index.chunks(), index.vectors(), gold.from_doc, gold.to_doc), gold).to_dict()
    return out


def gate(results: dict, thresholds: dict) -> list[str]:
    """Threshold failures of the system (the baselines are reported, not gated). Thresholds are keyed
    [split.slice.section] (e.g. [test.un.answer]); the gate is meant to hold the test split. The article
    alignment is gated under [alignment."from--to"]."""
    failures: list[str] = []
    thresholds = dict(thresholds)
    for name, limits in thresholds.pop("alignment", {}).items():
        _check(f"alignment.{name}", results.get("alignment", {}).get(name, {}), limits, failures)
    for split, by_slice in thresholds.items():
        for name, sections in by_slice.items():
            for section, limits in sections.items():
                got = results.get("slices", {}).get(split, {}).get(name, {}).get(section, {})
                _check(f"{split}.{name}.{section}", got, limits, failures)
    return failures


def _check(where: str, got: dict, limits: dict, failures: list[str]) -> None:
    """Append a line for each metric of ``got`` outside its {min, max} in ``limits`` (or not measured)."""
    for metric, spec in limits.items():
        value = got.get(metric)
        if value is None:
            failures.append(f"{where}.{metric} was not measured")
        elif "min" in spec and value < spec["min"]:
            failures.append(f"{where}.{metric} = {value:.3f} < {spec['min']}")
        elif "max" in spec and value > spec["max"]:
            failures.append(f"{where}.{metric} = {value:.3f} > {spec['max']}")


def load_thresholds(path: Path) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AssistantError(f"cannot read the gate thresholds {path}: {exc}") from exc
