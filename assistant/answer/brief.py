"""One-page staff briefings on a topic, built only from verbatim, cited passages.

A brief has a short summary, key points, the positions of the actors the corpus names, and the treaty
articles that bear on the topic. Every bullet quotes its source and carries a citation number; a topic the
corpus does not cover yields a brief that says so and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..compare.crosswalk import corresponding
from ..grounding import content_terms, sentence_spans, term_overlap
from ..types import AssistantError, Chunk, Citation, Hit, Retrieval
from .chain import Assistant
from .quoting import add_citation

# after an actor's name, words that make it a document's name instead ("the UN convention", "Article 19 of
# this Convention", "the United Nations' first-ever convention")
_NOT_ACTOR = r"(?!\s*(?:['’]s?\s+)?(?:first\b|convention|treaty|protocol|of\b|\(|,?\s*paragraph))"
# terms every document shares: they do not make an actor's sentence relevant to a topic
_GENERIC = {"convent", "treati", "un", "unit", "nation", "cybercrim", "cyber", "crime", "articl", "provis", "parti",
            "state", "concern", "posit", "view", "actor", "stakehold", "debat"}
_PRONOUN_START = re.compile(r"\s*(They|It|He|She|This|These)\b")


@dataclass
class Point:
    text: str  # display text, e.g. "Budapest Convention, Art. 16(2): “…”"
    citations: list[int] = field(default_factory=list)


@dataclass
class Brief:
    topic: str
    summary: list[Point] = field(default_factory=list)
    key_points: list[Point] = field(default_factory=list)
    positions: list[tuple[str, list[Point]]] = field(default_factory=list)
    articles: list[Point] = field(default_factory=list)
    comparison: list[Point] = field(default_factory=list)  # the articles' counterparts, by the alignment
    comparison_title: str = ""
    citations: list[Citation] = field(default_factory=list)
    covered: bool = True
    notice: str = ""
    date: str = field(default_factory=lambda: dt.date.today().isoformat())

    def points(self) -> list[Point]:
        return (self.summary + self.key_points + [p for _, ps in self.positions for p in ps] + self.articles
                + self.comparison)


def build_brief(assistant: Assistant, topic: str, k: int = 10, doc_ids: list[str] | None = None) -> Brief:
    """Write a brief on ``topic`` from the indexed corpus (extractive: every point is a cited quote)."""
    evidence = assistant.evidence(assistant.validate(topic), k=k, limit=8, doc_ids=doc_ids)
    r = evidence.retrieval
    brief = Brief(r.question, notice=evidence.notice, covered=evidence.covered)
    if not brief.covered:
        return brief
    seen: set[tuple[str, str, int]] = set()

    def point(section: str, chunk: Chunk, span: tuple[int, int], label: str | None = None) -> Point | None:
        """A cited quote; the same quote appears once per section, and may recur across sections."""
        if (section, chunk.id, span[0]) in seen:
            return None
        seen.add((section, chunk.id, span[0]))
        quote = chunk.text[span[0] : span[1]]
        n = add_citation(brief.citations, chunk, quote, 1.0)
        return Point(f"{label or brief.citations[n - 1].locator}: “{quote}”", [n])

    brief.summary = [p for hit, span in evidence.picked[:2] if (p := point("findings", hit.chunk, span))]
    brief.key_points = [p for hit, span in evidence.picked[2:] if (p := point("findings", hit.chunk, span))]
    brief.positions = _positions(assistant, r.question, point)
    brief.articles = _articles(r, point)
    brief.comparison_title, brief.comparison = _compared(assistant, r, point)
    return brief


def _positions(assistant: Assistant, topic: str, point) -> list[tuple[str, list[Point]]]:
    """For each actor named in the commentary, the sentences that state its view on the topic.

    A sentence must share a specific term with the topic (not just "convention"), so a brief on data
    preservation does not list general objections as if they were about preservation."""
    specific = " ".join(t for t in content_terms(re.sub(r"[-‐–]", " ", topic)) if t not in _GENERIC)
    if not specific:
        specific = topic
    treaties = {d.id for d in assistant.manifest if d.is_treaty}
    commentary = [(c, sentence_spans(c.text)) for c in assistant.retriever.chunks if c.doc_id not in treaties]
    out: list[tuple[str, list[Point]]] = []
    for actor, pattern in _actor_patterns(assistant):
        found: list[tuple[float, Chunk, tuple[int, int]]] = []
        for c, spans in commentary:
            for i, (a, b) in enumerate(spans):
                if not re.search(pattern, c.text[a:b]):
                    continue
                end = b
                if i + 1 < len(spans) and _PRONOUN_START.match(c.text[spans[i + 1][0] : spans[i + 1][1]]):
                    end = spans[i + 1][1]  # "… such as Human Rights Watch … . They believe …"
                text = c.text[a:end]
                if term_overlap(specific, text) == 0:
                    continue
                found.append((term_overlap(topic, text) + 0.01 * len(content_terms(text)) ** 0.5, c, (a, end)))
        found.sort(key=lambda f: -f[0])
        label = "positions: " + actor
        points = [p for _, c, span in found[:2] if (p := point(label, c, span, c.short_name or c.doc_id))]
        if points:
            out.append((actor, points))
    return out


def _actor_patterns(assistant: Assistant) -> list[tuple[str, str]]:
    """(display name, pattern) for the actors the manifest's commentary names (case as written)."""
    out: dict[str, list[str]] = {}
    for d in assistant.manifest:
        for name, names in d.actor_names:
            out.setdefault(name, []).extend(names)
    return [(name, r"\b(?:" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")\b"
             + _NOT_ACTOR) for name, names in out.items()]


def _articles(r: Retrieval, point) -> list[Point]:
    """The treaty articles among the retrieved passages, each with its opening words."""
    out: list[Point] = []
    seen: set[tuple[str, str]] = set()
    hits: list[Hit] = r.hits + r.context
    for h in hits:
        c = h.chunk
        if not c.article or (c.doc_id, c.article) in seen:
            continue
        seen.add((c.doc_id, c.article))
        spans = [s for s in sentence_spans(c.text) if len(content_terms(c.text[s[0] : s[1]])) >= 3]
        if not spans:
            continue
        label = f"{c.short_name}, {c.heading}" if c.heading else c.locator
        if p := point("articles", c, spans[0], label):
            out.append(p)
        if len(out) >= 6:
            break
    return out


def _compared(assistant: Assistant, r: Retrieval, point, limit: int = 4) -> tuple[str, list[Point]]:
    """For the articles of the topic's first treaty: each one's counterpart in the other treaty (by the article
    alignment), quoting the corresponding paragraph, or the statement that it has none, quoting the article."""
    kinds = {d.id: d for d in assistant.manifest}
    found = [h.chunk for h in r.hits + r.context if h.chunk.article and h.chunk.kind == "article"
             and getattr(kinds.get(h.chunk.doc_id), "kind", "") == "treaty"]
    if not found:
        return "", []
    src = found[0].doc_id
    others = [d.id for d in assistant.manifest if d.kind == "treaty" and d.default and d.id != src]
    if not others:
        return "", []
    other = others[0]
    try:
        al = assistant.comparer.alignment(src, other)
    except AssistantError:
        return "", []
    out: list[Point] = []
    done: set[str] = set()
    for c in found:
        if c.doc_id != src or c.article in done or len(out) >= limit:
            continue
        done.add(c.article)
        pair = al.pair(c.article)
        if pair is None or not pair.matches:
            continue
        here = f"{c.short_name} Art. {c.article} ({pair.from_title})"
        if pair.counterpart:
            target = corresponding(c, [c], assistant.retriever.article_chunks(other, pair.matches[0].article))
            spans = sentence_spans(target.text) if target else []
            if target and spans:
                label = f"{here} ↔ {target.locator} ({pair.matches[0].title})"
                if p := point("compared", target, _substantive(target.text, spans), label):
                    out.append(p)
        else:
            checked = ", ".join(m.article for m in pair.matches)
            spans = sentence_spans(c.text)
            label = f"{here}: no counterpart in the {kinds[other].short_name} (the alignment checked Arts. {checked})"
            if spans and (p := point("compared", c, _substantive(c.text, spans), label)):
                out.append(p)
    return (f"Compared with the {kinds[other].short_name}" if out else ""), out


def _substantive(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    return next((s for s in spans if len(content_terms(text[s[0]:s[1]])) >= 3), spans[0])
