"""Comparison answers through the article alignment: the passage that answers in one treaty brings the
corresponding paragraph of the other, and a "no counterpart" statement is made only when the alignment
says so, naming the articles it checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..types import AssistantError, Chunk, Hit
from .comparer import Comparer
from .textdiff import paragraph_pairs

Picked = tuple[Hit, tuple[int, int]]


@dataclass
class Crosswalk:
    counterparts: list[Hit]  # paragraphs of the other treaties, to quote beside the answer's first passage
    notice: str  # what the alignment says about it, for the reader


def corresponding(src: Chunk, mine: list[Chunk], theirs: list[Chunk]) -> Chunk | None:
    """The paragraph of the counterpart article (``theirs``) paired with ``src`` when the paragraphs of its
    article (``mine``) are paired one to one; the counterpart's first paragraph when none is."""
    paired = [p.b for p in paragraph_pairs(mine, theirs) if p.a is not None and p.a.id == src.id and p.b]
    return paired[0] if paired else (theirs[0] if theirs else None)


def crosswalk(comparer: Comparer, picked: list[Picked], treaties: list[str], names: dict[str, str],
              chunk_of: Callable[[str, str], list[Chunk]], limit: int = 2) -> Crosswalk:
    """For the picked passages that sit in articles of the treaties in ``treaties`` (at most ``limit``
    articles): the paragraph of each other treaty's counterpart article that corresponds to the passage
    (``chunk_of(doc, article)`` gives an article's chunks), and a notice naming the pairs, or saying that an
    article has no counterpart, with the articles the alignment checked."""
    have = {h.chunk.id for h, _ in picked}
    extra: list[Hit] = []
    pairs: list[str] = []
    missing: list[str] = []
    anchors: list[Hit] = []
    for h, _ in picked:
        c = h.chunk
        if c.doc_id in treaties and c.article and c.kind == "article" and \
                all((a.chunk.doc_id, a.chunk.article) != (c.doc_id, c.article) for a in anchors):
            anchors.append(h)
    for first in anchors[:limit]:
        src = first.chunk
        for other in treaties:
            if other == src.doc_id:
                continue
            try:
                pair = comparer.alignment(src.doc_id, other).pair(src.article)
            except AssistantError:
                continue  # a document without articles, or not indexed: nothing to align
            if pair is None or not pair.matches:
                continue
            here = f"{names.get(src.doc_id, src.doc_id)} Art. {src.article} ({pair.from_title})"
            there = names.get(other, other)
            if not pair.counterpart:
                checked = ", ".join(f"Art. {m.article} ({m.title}, {m.score:.2f})" for m in pair.matches)
                missing.append(f"The article alignment finds no counterpart to {here} in the {there}; it checked "
                               f"{checked}.")
                continue
            best = pair.matches[0]
            pairs.append(f"{here} ↔ {there} Art. {best.article} ({best.title}, score {best.score:.2f})")
            target = corresponding(src, chunk_of(src.doc_id, src.article), chunk_of(other, best.article))
            if target is not None and target.id not in have:
                have.add(target.id)
                extra.append(Hit(target, 0.0, first.rank, ("alignment",)))
    text = "Compared through the article alignment: " + "; ".join(pairs) + "." if pairs else ""
    return Crosswalk(extra, " ".join([text] * bool(text) + missing))
