"""Evaluation: the question set, its checker, and metrics for retrieval and answer grounding.

Pure scoring functions and small dataclasses; the runner (evals/run.py) wires systems to them.
Support is lexical (no NLI model ships in a PyPI package here): a sentence is supported by a passage
when at least SUPPORT_THRESHOLD of its content words (Snowball-stemmed) occur in the passage.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..grounding import lexical_support, sentences
from ..types import Answer, AssistantError

SUPPORT_THRESHOLD = 0.6
LEAD_CHARS = 250  # a lead a reader takes in at a glance: key facts within the answer's first 250 characters
QUESTION_TYPES = {"factual", "definition", "article", "xref", "comparison", "stakeholder", "followup", "unanswerable"}


@dataclass
class Evidence:
    doc_id: str
    locator: str
    span: str


@dataclass
class EvalItem:
    id: str
    type: str
    question: str
    answerable: bool
    evidence: list[Evidence] = field(default_factory=list)
    key_facts: list[str] = field(default_factory=list)
    history: list[list[str]] = field(default_factory=list)
    split: str = "dev"  # dev (tuned on) | test (reported, never tuned on)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def load_items(path: Path) -> list[EvalItem]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            raw["evidence"] = [Evidence(**e) for e in raw.get("evidence", [])]
            items.append(EvalItem(**raw))
        except (ValueError, TypeError) as exc:
            raise AssistantError(f"{path}:{n}: malformed item ({exc})") from exc
    return items


def check_items(items: list[EvalItem], doc_texts: dict[str, str]) -> list[str]:
    """Problems with a question set: missing fields, unknown types, evidence not verbatim."""
    problems: list[str] = []
    seen: set[str] = set()
    for it in items:
        where = f"item {it.id}"
        if it.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(it.id)
        if it.type not in QUESTION_TYPES:
            problems.append(f"{where}: unknown type {it.type!r}")
        if not it.question.strip():
            problems.append(f"{where}: empty question")
        if it.answerable != (it.type != "unanswerable"):
            problems.append(f"{where}: answerable does not match type")
        if it.answerable and (not it.evidence or not it.key_facts):
            problems.append(f"{where}: an answerable item needs evidence and key facts")
        for ev in it.evidence:
            if ev.doc_id not in doc_texts:
                problems.append(f"{where}: unknown document {ev.doc_id}")
            elif not ev.span.strip() or _norm(ev.span) not in _norm(doc_texts[ev.doc_id]):
                problems.append(f"{where}: evidence not found verbatim in {ev.doc_id}: {ev.span[:60]!r}")
    return problems


# ---------------------------------------------------------------------------------------- retrieval


def is_relevant(chunk_doc: str, chunk_text: str, item: EvalItem) -> bool:
    text = _norm(chunk_text)
    return any(ev.doc_id == chunk_doc and _norm(ev.span) in text for ev in item.evidence)


def retrieval_scores(relevance: list[bool], n_evidence: int) -> dict[str, float]:
    """hit@1, hit@5, reciprocal rank (first relevant in the top 10), nDCG@10 with binary gains."""
    rel = relevance[:10]
    first = next((i for i, r in enumerate(rel) if r), None)
    dcg = sum(1 / math.log2(i + 2) for i, r in enumerate(rel) if r)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(max(n_evidence, 1), 10)))
    return {
        "hit@1": float(bool(rel[:1] and rel[0])),
        "hit@5": float(any(rel[:5])),
        "mrr": 0.0 if first is None else 1 / (first + 1),
        "ndcg@10": min(1.0, dcg / ideal) if ideal else 0.0,
    }


# ---------------------------------------------------------------------------------------- answers


def answer_scores(answer: Answer, item: EvalItem) -> dict[str, float]:
    """Answer metrics for one item. Answerable and unanswerable items fill different keys."""
    if not item.answerable:
        return {"abstention_correct": float(answer.abstained)}
    out = {"false_abstention": float(answer.abstained)}
    if answer.abstained:
        out.update({"key_fact_accuracy": 0.0, "lead": 0.0, "lead@250": 0.0})
        return out
    text = _norm(answer.answer)
    out["key_fact_accuracy"] = sum(_norm(f) in text for f in item.key_facts) / len(item.key_facts)
    opening = _norm(answer.answer.strip().split("\n\n", 1)[0])  # the lead: the answer's first paragraph
    out["lead"] = sum(_norm(f) in opening for f in item.key_facts) / len(item.key_facts)
    # what a reader sees before reading on: the answer's first LEAD_CHARS characters
    out["lead@250"] = sum(_norm(f) in text[:LEAD_CHARS] for f in item.key_facts) / len(item.key_facts)
    by_n = {c.n: c for c in answer.citations}
    out["citation_validity"] = (
        sum(bool(c.quote) and c.quote in c.text for c in answer.citations) / len(answer.citations)
        if answer.citations else 0.0
    )
    # the claims are the sentences as the answerer composed them, each with its markers (a quote running over
    # several lines, a list, is one claim); an answer without that structure is split into sentences
    claims = [s.text for s in answer.sentences] or [s for s in sentences(answer.answer) if len(s) > 3]
    supported, cited_used = 0, set()
    for s in claims:
        marks = [int(n) for n in re.findall(r"\[(\d+)\]", s) if int(n) in by_n]
        claim = re.sub(r"\[\d+\]", "", s)
        ok = [n for n in marks if lexical_support(claim, by_n[n].text) >= SUPPORT_THRESHOLD]
        supported += bool(ok)
        cited_used.update(ok)
    out["citation_recall"] = supported / len(claims) if claims else 0.0  # sentences supported by their citations
    out["citation_precision"] = len(cited_used) / len(by_n) if by_n else 0.0  # citations that support something
    out["faithfulness"] = out["citation_recall"]
    out["evidence_cited"] = float(any(is_relevant(c.doc_id, c.text, item) for c in answer.citations))
    sources = {ev.doc_id for ev in item.evidence}
    if len(sources) > 1:  # a comparison: every document the evidence is in must be cited
        out["all_sources_cited"] = float(sources <= {c.doc_id for c in answer.citations})
    return out


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = sorted({k for r in rows for k in r})
    return {k: mean([r[k] for r in rows if k in r]) for k in keys}

