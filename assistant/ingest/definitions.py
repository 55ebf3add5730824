"""Defined terms, read from a document's own definitions ("computer data" means …; “Property” shall mean …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Chunk

# "computer data" means …; “Freezing” or “seizure” shall mean …; “Confiscation”, which includes …, shall mean …
_DEFINED = re.compile(r"((?:[\"“][^\"”]{3,60}[\"”]\s*(?:,|or|and)?\s*)+)(?:which [^,;]{0,60},\s*)?(?:shall\s+)?means?\b")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,60})[\"”]")
_TERM_DEF = re.compile(r"the term [\"“]([^\"”]{3,60})[\"”] means", re.I)


@dataclass(frozen=True)
class Definition:
    doc_id: str
    term: str  # lower case: "computer data"
    body: str  # what follows "means", up to the next definition
    chunk: Chunk


def definitions(chunks: list[Chunk]) -> dict[str, dict[str, Definition]]:
    """doc id -> defined term -> its definition, first definition of a term wins."""
    out: dict[str, dict[str, Definition]] = {}
    for c in chunks:
        found = [(m.start(), m.end(), [t for t in _QUOTED.findall(m.group(1))]) for m in _DEFINED.finditer(c.text)]
        found += [(m.start(), m.end(), [m.group(1)]) for m in _TERM_DEF.finditer(c.text)]
        found.sort()
        for n, (_, end, terms) in enumerate(found):
            stop = found[n + 1][0] if n + 1 < len(found) else len(c.text)
            body = c.text[end:stop].strip()
            for term in terms:
                key = term.strip().rstrip(",").lower()
                out.setdefault(c.doc_id, {}).setdefault(key, Definition(c.doc_id, key, body, c))
    return out
