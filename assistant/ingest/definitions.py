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


def _defining(text: str) -> list[tuple[int, int, list[str]]]:
    """Where the text defines terms: (start, end of "means", the terms), in reading order."""
    found = [(m.start(), m.end(), [t for t in _QUOTED.findall(m.group(1))]) for m in _DEFINED.finditer(text)]
    found += [(m.start(), m.end(), [m.group(1)]) for m in _TERM_DEF.finditer(text)]
    return sorted(found)


def _key(term: str) -> str:
    return term.strip().rstrip(",").lower()


def defined_terms(text: str) -> list[str]:
    """The terms the text defines, lower case ("“Freezing” or “seizure” shall mean …" → freezing, seizure)."""
    return [_key(t) for _, _, terms in _defining(text) for t in terms]


def definitions(chunks: list[Chunk]) -> dict[str, dict[str, Definition]]:
    """doc id -> defined term -> its definition, first definition of a term wins."""
    out: dict[str, dict[str, Definition]] = {}
    for c in chunks:
        found = _defining(c.text)
        for n, (_, end, terms) in enumerate(found):
            stop = found[n + 1][0] if n + 1 < len(found) else len(c.text)
            body = c.text[end:stop].strip()
            for term in terms:
                key = _key(term)
                out.setdefault(c.doc_id, {}).setdefault(key, Definition(c.doc_id, key, body, c))
    return out
