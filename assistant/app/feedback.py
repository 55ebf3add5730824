"""Helpful / not-helpful feedback on answers, kept locally as JSON lines so that evals can grow from real use."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path

from ..types import Answer

_lock = threading.Lock()


def record(path: Path, answer: Answer, helpful: bool, *, comment: str = "", context: dict | None = None) -> dict:
    """Append one feedback record (question, answer, citations, rating) to ``path``; return it."""
    entry = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "helpful": bool(helpful),
        "comment": comment[:2000],
        **answer.to_dict(),
        **({"context": context} if context else {}),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False)
    with _lock, path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return entry


def load(path: Path) -> list[dict]:
    """All records; a damaged line (e.g. a write cut by a crash) is skipped, not fatal."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def to_eval_candidates(records: list[dict]) -> list[dict]:
    """Draft eval items from feedback, one per distinct question. Their type is "needs-review", which the
    question-set checker refuses, so none is scored before a person has set type, evidence and key facts."""
    out: dict[str, dict] = {}
    for r in records:
        question = (r.get("question") or "").strip()
        if not question:
            continue
        key = hashlib.sha1(question.lower().encode()).hexdigest()[:10]
        evidence = [{"doc_id": c["doc_id"], "locator": c["locator"], "span": c["quote"]}
                    for c in r.get("citations", []) if c.get("quote")]
        helpful = bool(r.get("helpful"))
        out[key] = {
            "id": f"fb-{key}", "type": "needs-review", "question": question, "answerable": not r.get("abstained"),
            "evidence": evidence if helpful else [], "key_facts": [], "history": [],
            "review": ("rated helpful: keep the evidence that answers it, add key facts, set the type"
                       if helpful else
                       "rated NOT helpful: find the right evidence in the corpus, or make it an unanswerable item"),
            "answer_given": (r.get("answer") or "")[:600],
        }
    return list(out.values())
