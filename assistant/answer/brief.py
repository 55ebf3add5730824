"""One-page staff briefings on a topic, built only from verbatim, cited passages.

A brief opens with a bottom line (3-5 short cited clauses), then key points (the clause that matters of each
further finding), the positions of the actors the corpus names, what the treaty text says (the articles on the
topic, with their titles, and those on what the topic's own article spells it out as) and the counterparts in
the other treaty. Every bullet quotes its source, condensed
with "…" where words are left out, and carries a citation number whose source shows the whole sentence.
Documents the topic did not ask about are left out; a topic the corpus does not cover yields a brief that says
so and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..compare.crosswalk import corresponding
from ..grounding import content_terms, sentence_spans, term_overlap
from ..types import AssistantError, Chunk, Citation, Hit, Retrieval
from .chain import Assistant
from .lead import naming, render, shortened
from .quoting import add_citation, first_substantive

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
    bottom_line: list[Point] = field(default_factory=list)
    key_points: list[Point] = field(default_factory=list)
    positions: list[tuple[str, list[Point]]] = field(default_factory=list)
    articles: list[Point] = field(default_factory=list)  # what the text says: the articles on the topic
    comparison: list[Point] = field(default_factory=list)  # the articles' counterparts, by the alignment
    comparison_title: str = ""
    citations: list[Citation] = field(default_factory=list)
    covered: bool = True
    notice: str = ""
    date: str = field(default_factory=lambda: dt.date.today().isoformat())

    def points(self) -> list[Point]:
        return (self.bottom_line + self.key_points + [p for _, ps in self.positions for p in ps] + self.articles
                + self.comparison)


BOTTOM_LINE = (3, 5)  # lines
SHORT = 200  # characters of a bottom-line clause
POINT = 280  # characters of a key point or an article's clause
ARTICLES = 6
KEY_POINTS = 3
ON_TOPIC = 0.6  # share of the topic's specific terms an article must state to be listed
SPELLED = 2  # … or how many of the terms the topic's own article spells it out in


def build_brief(assistant: Assistant, topic: str, k: int = 10, doc_ids: list[str] | None = None) -> Brief:
    """Write a brief on ``topic`` from the indexed corpus (extractive: every point is a cited quote)."""
    evidence = assistant.evidence(assistant.validate(topic), k=k, limit=8, doc_ids=doc_ids)
    r = evidence.retrieval
    brief = Brief(r.question, notice=evidence.notice, covered=evidence.covered)
    if not brief.covered:
        return brief
    seen: set[tuple[str, str, int]] = set()
    formula = assistant.extractor.formula()  # the drafting frame a short line leaves out

    def point(section: str, chunk: Chunk, span: tuple[int, int], label: str | None = None,
              short: int = 0, display: str = "") -> Point | None:
        """A cited quote, condensed to ``short`` characters when given (or shown as ``display``, verbatim pieces of
        it); the same quote appears once per section, and may recur across sections."""
        if (section, chunk.id, span[0]) in seen:
            return None
        seen.add((section, chunk.id, span[0]))
        quote = chunk.text[span[0] : span[1]]
        n = add_citation(brief.citations, chunk, quote, 1.0)
        if section == "articles" and ("bottom", chunk.id, span[0]) in seen:  # quoted above: its title and number
            return Point(label or brief.citations[n - 1].locator, [n])
        if not display:
            display = render(chunk.text, shortened(r.question, chunk.text, span, short, formula)) if short else quote
        return Point(f"{label or brief.citations[n - 1].locator}: “{display}”", [n])

    treaties = {d.id for d in assistant.manifest if d.is_treaty}
    # documents the topic did not ask about are left out (a topic naming the UN convention quotes no protocol)
    asked = set(doc_ids or r.scope)
    picked = [(h.chunk, span) for h, span in evidence.picked
              if not asked or h.chunk.doc_id in asked or h.chunk.doc_id not in treaties]
    docs = sorted(asked & treaties) or _default_treaties(assistant)
    in_text = _on_topic(assistant, r, docs)
    spelled = _spelled_articles(assistant, docs, _specific(r.question), {(c.doc_id, c.article) for _, c, _, _ in in_text})
    # the bottom line: what the commentary finds, then the rules of the articles that bear most on the topic
    commentary = [(c, span) for c, span in picked if c.doc_id not in treaties][:2]
    rules = [(c, span) for _, c, span, _ in in_text]
    lines = _distinct(commentary + rules)[: BOTTOM_LINE[1] - 1]
    if len(lines) < BOTTOM_LINE[0]:
        lines = _distinct(lines + picked)[: BOTTOM_LINE[0]]
    brief.bottom_line = [p for c, span in lines if (p := point("bottom", c, span, short=SHORT))]
    shown = {(c.id, span) for c, span in lines}
    rest = [(c, span) for c, span in picked if (c.id, span) not in shown]
    brief.key_points = [p for c, span in rest[:KEY_POINTS] if (p := point("findings", c, span, short=POINT))]
    brief.positions = _positions(assistant, r.question, point,
                                 lambda c, span: any((sec, c.id, span[0]) in seen for sec in ("bottom", "findings")))
    brief.articles = [p for _, c, span, label in in_text[:ARTICLES] if (p := point("articles", c, span, label, POINT))]
    if spelled[1] and len(brief.articles) < ARTICLES:  # one line: "Also on what Art. 6 (…) names: Art. 37(15) …"
        cited = [add_citation(brief.citations, c, c.text[span[0]:span[1]], 1.0)
                 for c, span in spelled[1][: ARTICLES - len(brief.articles)]]
        where = [f"{brief.citations[n - 1].locator.split(', ', 1)[-1]} ({c.article_title}) [{n}]"
                 for n, (c, _) in zip(cited, spelled[1], strict=False)]
        brief.articles.append(Point(f"Also on what {spelled[0]} names: {'; '.join(where)}", cited))
    brief.comparison_title, brief.comparison = _compared(assistant, [h for h, _, _, _ in in_text], point)
    return brief


def _distinct(quotes: list[tuple[Chunk, tuple[int, int]]]) -> list[tuple[Chunk, tuple[int, int]]]:
    seen: set[tuple[str, tuple[int, int]]] = set()
    return [(c, span) for c, span in quotes if (c.id, span) not in seen and not seen.add((c.id, span))]


def _default_treaties(assistant: Assistant) -> list[str]:
    return [d.id for d in assistant.manifest if d.kind == "treaty" and d.default]


def _on_topic(assistant: Assistant, r: Retrieval, docs: list[str]) -> list[tuple[Hit, Chunk, tuple[int, int], str]]:
    """What the treaty text says on the topic: one retrieval within the treaties asked about (or the default
    ones); each article found once, in rank order, with its rule (the opening sentence of its first paragraph)
    and a label with its title. An article is listed when its title, rule and the passage found state most of
    the topic's specific terms."""
    found = assistant.retriever.retrieve(r.question, k=20, doc_ids=docs)
    specific = _specific(r.question)
    out: list[tuple[Hit, Chunk, tuple[int, int], str]] = []
    done: set[tuple[str, str]] = set()
    for h in found.hits + found.context:
        c = h.chunk
        if not c.article or c.kind != "article" or (c.doc_id, c.article) in done:
            continue
        done.add((c.doc_id, c.article))
        first = (assistant.retriever.article_chunks(c.doc_id, c.article) or [c])[0]
        spans = sentence_spans(first.text)
        if not spans:
            continue
        rule = first_substantive(first.text, spans)
        if term_overlap(specific, f"{c.article_title} {first.text[slice(*rule)]} {c.text}") < ON_TOPIC:
            continue
        out.append((h, first, rule, _label(c)))
    return out


def _spelled_articles(assistant: Assistant, docs: list[str], specific: str,
                      listed: set[tuple[str, str]]) -> tuple[str, list[tuple[Chunk, tuple[int, int]]]]:
    """The topic's own article ("Art. 6 (Respect for human rights)") and the passages of the articles not yet
    listed that speak of what it spells the topic out as (the freedoms of expression, opinion, religion … →
    Art. 37(15), Art. 40(22)): the first such passage of each article, in the text's order, with its first
    sentence."""
    source, spelled = _spelled_out(assistant, docs, specific)
    by_article: dict[tuple[str, str], list[Chunk]] = {}
    for c in assistant.retriever.chunks:
        if c.doc_id in docs and c.article and c.kind == "article" and (c.doc_id, c.article) not in listed:
            by_article.setdefault((c.doc_id, c.article), []).append(c)
    out: list[tuple[Chunk, tuple[int, int]]] = []
    for chunks in by_article.values():
        c = next((c for c in chunks if len(spelled & set(content_terms(c.text))) >= SPELLED), None)
        spans = sentence_spans(c.text) if c else []
        if c and spans:
            out.append((c, first_substantive(c.text, spans)))
    return source, out


def _label(c: Chunk) -> str:
    title = f" ({c.article_title})" if c.article_title else ""
    return f"{c.short_name or c.doc_id}, Art. {c.article}{title}"


def _spelled_out(assistant: Assistant, docs: list[str], specific: str) -> tuple[str, set[str]]:
    """The articles that state a topic's principle, "Art. 6 (Respect for human rights)" (short articles, of two
    passages at most, whose title states the whole topic), and the terms they spell it out in, less the topic's
    own and any the treaty uses often (in more than one passage in fifty)."""
    chunks = [c for c in assistant.retriever.chunks if c.doc_id in docs and c.kind == "article"]
    wanted = set(specific.split())
    size: dict[tuple[str, str], int] = {}
    df: dict[str, int] = {}
    for c in chunks:
        size[(c.doc_id, c.article)] = size.get((c.doc_id, c.article), 0) + 1
        for t in set(content_terms(c.text)):
            df[t] = df.get(t, 0) + 1
    titled = [c for c in chunks if wanted and wanted <= set(content_terms(c.article_title))
              and size[(c.doc_id, c.article)] <= 2]
    terms = {t for c in titled for t in content_terms(c.text)}
    source = ", ".join(dict.fromkeys(f"Art. {c.article} ({c.article_title})" for c in titled))
    return source, {t for t in terms - wanted if df.get(t, 0) <= max(2, len(chunks) // 50)}


def _positions(assistant: Assistant, topic: str, point, shown) -> list[tuple[str, list[Point]]]:
    """For each actor named in the commentary, the sentences that state its view on the topic.

    A sentence must share a specific term with the topic (not just "convention"), so a brief on data
    preservation does not list general objections as if they were about preservation."""
    specific = _specific(topic)
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
        # one quote an actor, a second when the brief does not already quote it above
        found = found[:1] + [f for f in found[1:2] if not shown(f[1], f[2])]
        label = "positions: " + actor
        points = [p for _, c, span in found
                  if (p := point(label, c, span, c.short_name or c.doc_id, display=_naming(c.text, span, pattern)))]
        same = next((i for i, (_, ps) in enumerate(out) if [p.citations for p in ps] == [p.citations for p in points]),
                    None)
        if points and same is not None:  # actors named in the same sentences are listed together, once
            out[same] = (f"{out[same][0]}, {actor}", out[same][1])
        elif points:
            out.append((actor, points))
    return out


def _naming(text: str, span: tuple[int, int], pattern: str) -> str:
    """The passage text[span] as an actor's position: each sentence from the clause that names the actor
    ("… has faced criticism from … such as Human Rights Watch, …"), verbatim; a short sentence whole ("They
    believe the convention's broad language could …")."""
    return " ".join(render(text, naming(text, (a + span[0], b + span[0]), pattern, SHORT))
                    for a, b in sentence_spans(text[span[0] : span[1]]))


def _specific(topic: str) -> str:
    """The topic's specific terms (not "convention", "concerns", …); the topic itself when it has none."""
    return " ".join(t for t in content_terms(re.sub(r"[-‐–]", " ", topic)) if t not in _GENERIC) or topic


def _actor_patterns(assistant: Assistant) -> list[tuple[str, str]]:
    """(display name, pattern) for the actors the manifest's commentary names (case as written)."""
    out: dict[str, list[str]] = {}
    for d in assistant.manifest:
        for name, names in d.actor_names:
            out.setdefault(name, []).extend(names)
    return [(name, r"\b(?:" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")\b"
             + _NOT_ACTOR) for name, names in out.items()]


def _compared(assistant: Assistant, hits: list[Hit], point, limit: int = 3) -> tuple[str, list[Point]]:
    """For the articles of the topic's first treaty: each one's counterpart in the other treaty (by the article
    alignment), quoting the corresponding paragraph, or the statement that it has none, quoting the article."""
    kinds = {d.id: d for d in assistant.manifest}
    found = [h.chunk for h in hits if h.chunk.article and h.chunk.kind == "article"
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
                if p := point("compared", target, _substantive(target.text, spans), label, SHORT):
                    out.append(p)
        else:
            checked = ", ".join(m.article for m in pair.matches)
            spans = sentence_spans(c.text)
            label = f"{here}: no counterpart in the {kinds[other].short_name} (the alignment checked Arts. {checked})"
            if spans and (p := point("compared", c, _substantive(c.text, spans), label)):
                out.append(Point(label, p.citations))  # the article is quoted above: the finding alone
    return (f"Compared with the {kinds[other].short_name}" if out else ""), out


def _substantive(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    return next((s for s in spans if len(content_terms(text[s[0]:s[1]])) >= 3), spans[0])
