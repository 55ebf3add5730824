"""The document view: indexed chunks regrouped into readable units (chapter → article, preamble, full text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Chunk

FRONT = "Front matter and preamble"
# units that are not articles, by kind: the part of the document they are read in
_PARTS = {"resolution": "Resolution {owner}", "note": "Interpretative notes", "footnote": "Footnotes",
          "final": "Final clause"}


@dataclass
class Unit:
    """One readable piece of a document: an article, the preamble, or a commentary's whole text."""

    doc_id: str
    key: str  # "art:16", "Preamble", "text"
    label: str  # "Article 16 – Expedited preservation of stored computer data"
    chapter: str
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(c.text for c in self.chunks)

    @property
    def chunk_ids(self) -> set[str]:
        return {c.id for c in self.chunks}


def outline(chunks: list[Chunk], treaty_docs: set[str] | None = None) -> dict[str, list[Unit]]:
    """{doc_id: [Unit, ...]} in document order. Documents not in ``treaty_docs`` (commentary) are one unit."""
    out: dict[str, list[Unit]] = {}
    index: dict[tuple[str, str], Unit] = {}
    for c in chunks:
        is_treaty = treaty_docs is None or c.doc_id in treaty_docs
        if c.article:
            key, label, chapter = f"art:{c.article}", c.heading or f"Article {c.article}", c.chapter or "Articles"
        elif c.kind in _PARTS:
            owner = c.locator.split(", ")[0]
            key, label = c.locator, c.heading or c.locator
            chapter = _PARTS[c.kind].format(owner=owner)
        elif is_treaty:
            key, label, chapter = c.heading or "Text", c.heading or "Text", FRONT
        else:
            key, label, chapter = "text", "Full text", "Full text"
        unit = index.get((c.doc_id, key))
        if unit is None:
            unit = index[(c.doc_id, key)] = Unit(c.doc_id, key, label, chapter)
            out.setdefault(c.doc_id, []).append(unit)
        unit.chunks.append(c)
    return out


def chapters(units: list[Unit]) -> list[str]:
    seen: list[str] = []
    for u in units:
        if u.chapter not in seen:
            seen.append(u.chapter)
    return seen


def unit_of(units: dict[str, list[Unit]], chunk_id: str) -> Unit | None:
    for doc_units in units.values():
        for u in doc_units:
            if chunk_id in u.chunk_ids:
                return u
    return None
