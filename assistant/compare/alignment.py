"""Article-by-article alignment of two documents, computed from their texts.

For every article of one document: the ranked corresponding articles of the other, each with a score, and a
"no counterpart" verdict when nothing matches well enough. Nothing here is specific to a pair of treaties:

* the defined terms of the two documents are paired by what their definitions say ("computer system" means
  any device … ↔ "information and communications technology system" shall mean any device …), and the
  from-document's term is rewritten to the other's before the texts are compared;
* an article's score against another mixes the cosine of their stored embeddings (mean of their chunks),
  the TF-IDF cosine of their words and the overlap of their titles;
* an article has a counterpart when its best match scores high, or restates one of its paragraphs in much
  the same words (boilerplate shared by every article of a chapter is down-weighted by the TF-IDF).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from ..grounding import content_terms
from ..ingest.definitions import definitions
from ..types import Chunk

ALIGN_VERSION = "1"
TOP = 3  # matches listed per article
# feature weights: embeddings, words of the whole article, words of the title
W_DENSE, W_WORDS, W_TITLE = 0.4, 0.35, 0.25
COUNTERPART = 0.6  # a best match at least this good is a counterpart
WORDING = 0.35  # two articles whose closest paragraphs share this much wording (TF-IDF cosine) correspond
TERM_PAIR = 0.5  # definitions at least this similar pair their terms


@dataclass
class Article:
    doc_id: str
    number: str
    title: str
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.chunks)


@dataclass
class Match:
    article: str
    title: str
    score: float


@dataclass
class Pair:
    from_article: str
    from_title: str
    counterpart: bool
    matches: list[Match]
    reviewed: bool = False  # set by a reviewed-overrides file

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


@dataclass
class Alignment:
    from_doc: str
    to_doc: str
    pairs: list[Pair]
    only_in_to: list[str]
    to_titles: dict[str, str] = field(default_factory=dict)
    terms: list[tuple[str, str]] = field(default_factory=list)  # (from term, to term) read as one
    notes: list[str] = field(default_factory=list)  # where reviewed overrides disagree with the computation

    def pair(self, article: str) -> Pair | None:
        return next((p for p in self.pairs if p.from_article == article), None)

    def to_dict(self) -> dict:
        return {
            "from": self.from_doc,
            "to": self.to_doc,
            "pairs": [
                {"from_article": p.from_article, "from_title": p.from_title, "counterpart": p.counterpart,
                 "matches": [asdict(m) for m in p.matches]}
                for p in self.pairs
            ],
            "only_in_to": list(self.only_in_to),
        }

    def to_json_state(self) -> dict:
        """Everything, for the cache (to_dict is the public contract)."""
        return {**self.to_dict(), "to_titles": self.to_titles, "terms": [list(t) for t in self.terms],
                "notes": self.notes, "reviewed": [p.from_article for p in self.pairs if p.reviewed]}

    @classmethod
    def from_json_state(cls, d: dict) -> Alignment:
        reviewed = set(d.get("reviewed", []))
        pairs = [Pair(p["from_article"], p["from_title"], p["counterpart"], [Match(**m) for m in p["matches"]],
                      p["from_article"] in reviewed) for p in d["pairs"]]
        return cls(d["from"], d["to"], pairs, list(d["only_in_to"]), dict(d.get("to_titles", {})),
                   [tuple(t) for t in d.get("terms", [])], list(d.get("notes", [])))


def articles(chunks: list[Chunk], doc_id: str) -> list[Article]:
    """The articles of a document in order (chunks of kind "article" only: notes and footnotes stay out)."""
    out: dict[str, Article] = {}
    for c in chunks:
        if c.doc_id == doc_id and c.article and c.kind == "article":
            art = out.setdefault(c.article, Article(doc_id, c.article, c.article_title))
            art.chunks.append(c)
    return list(out.values())


def term_pairs(chunks: list[Chunk], from_doc: str, to_doc: str) -> list[tuple[str, str]]:
    """Defined terms of the two documents that define the same thing under different names, paired by the
    words of their definitions (mutual best match, cosine at least TERM_PAIR)."""
    defs = definitions(chunks)
    a, b = defs.get(from_doc, {}), defs.get(to_doc, {})
    if not a or not b:
        return []
    ta, tb = list(a), list(b)
    vecs = _tfidf([content_terms(a[t].body) for t in ta] + [content_terms(b[t].body) for t in tb], smooth=True)
    sim = vecs[: len(ta)] @ vecs[len(ta):].T
    out = []
    for i, term in enumerate(ta):
        j = int(np.argmax(sim[i]))
        if sim[i, j] >= TERM_PAIR and int(np.argmax(sim[:, j])) == i and term != tb[j]:
            out.append((term, tb[j]))
    return out


def rewrite(text: str, terms: list[tuple[str, str]]) -> str:
    """The text with each from-term replaced by its counterpart, longest term first."""
    for src, dst in sorted(terms, key=lambda t: -len(t[0])):
        text = re.sub(r"\b" + re.escape(src) + r"\b", dst, text, flags=re.I)
    return text


def align(chunks: list[Chunk], vectors: np.ndarray, from_doc: str, to_doc: str, top: int = TOP) -> Alignment:
    """Align every article of ``from_doc`` with the articles of ``to_doc``.

    ``vectors`` are the stored embeddings of ``chunks``, row for row (nothing is re-encoded)."""
    A, B = articles(chunks, from_doc), articles(chunks, to_doc)
    terms = term_pairs(chunks, from_doc, to_doc)
    to_titles = {b.number: b.title for b in B}
    if not A or not B:
        return Alignment(from_doc, to_doc, [], [b.number for b in B], to_titles, terms)
    scores = similarity(A, B, chunks, vectors, terms)
    shared = wording(A, B, terms)
    rows, cols = verdicts(scores, shared)
    pairs = []
    for i, art in enumerate(A):
        order = np.argsort(-scores[i])[:top]
        matches = [Match(B[j].number, B[j].title, round(float(scores[i, j]), 3)) for j in order]
        pairs.append(Pair(art.number, art.title, bool(rows[i]), matches))
    only_in_to = [b.number for j, b in enumerate(B) if not cols[j]]
    return Alignment(from_doc, to_doc, pairs, only_in_to, to_titles, terms)


def verdicts(scores: np.ndarray, shared: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows (from-articles) and columns (to-articles) have a counterpart: an article has one when its
    best match scores at least COUNTERPART or shares a paragraph's wording with it (``shared`` at least
    WORDING): corresponding articles restate at least one rule in much the same words."""
    def side(s: np.ndarray, w: np.ndarray) -> np.ndarray:
        best = s.argmax(axis=1)
        return (w[np.arange(len(s)), best] >= WORDING) | (s.max(axis=1) >= COUNTERPART)

    return side(scores, shared), side(scores.T, shared.T)


def wording(A: list[Article], B: list[Article], terms: list[tuple[str, str]]) -> np.ndarray:
    """|A| x |B|: the TF-IDF cosine of the closest pair of paragraphs (chunks) of the two articles."""
    a_chunks = [(i, c) for i, a in enumerate(A) for c in a.chunks]
    b_chunks = [(j, c) for j, b in enumerate(B) for c in b.chunks]
    m = _tfidf([content_terms(rewrite(c.text, terms)) for _, c in a_chunks] + [content_terms(c.text) for _, c in b_chunks])
    sim = m[: len(a_chunks)] @ m[len(a_chunks):].T
    out = np.zeros((len(A), len(B)), np.float32)
    ai = np.array([i for i, _ in a_chunks])
    bj = np.array([j for j, _ in b_chunks])
    np.maximum.at(out, (ai[:, None].repeat(len(bj), 1), bj[None, :].repeat(len(ai), 0)), sim)
    return out


def similarity(A: list[Article], B: list[Article], chunks: list[Chunk], vectors: np.ndarray,
               terms: list[tuple[str, str]]) -> np.ndarray:
    """Score matrix |A| x |B| in [0, 1]."""
    row = {c.id: n for n, c in enumerate(chunks)}
    dense = _unit(np.stack([_mean(vectors, [row[c.id] for c in a.chunks]) for a in A])) @ \
        _unit(np.stack([_mean(vectors, [row[c.id] for c in b.chunks]) for b in B])).T
    words = _tfidf([content_terms(rewrite(a.text, terms)) for a in A] + [content_terms(b.text) for b in B])
    lexical = words[: len(A)] @ words[len(A):].T
    titles = np.array([[_overlap(content_terms(rewrite(a.title, terms)), content_terms(b.title)) for b in B]
                       for a in A])
    return W_DENSE * np.clip(dense, 0, 1) + W_WORDS * lexical + W_TITLE * titles


def _mean(vectors: np.ndarray, rows: list[int]) -> np.ndarray:
    return vectors[rows].mean(axis=0)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _tfidf(docs: list[list[str]], smooth: bool = False) -> np.ndarray:
    """Unit-length TF-IDF rows (sublinear tf) over a shared vocabulary. Unsmoothed, a word in every text
    weighs nothing (boilerplate shared by all articles says nothing about correspondence); ``smooth`` keeps
    it (two definitions that share their words are the point)."""
    df = Counter(t for d in docs for t in set(d))
    vocab = {t: n for n, t in enumerate(df)}
    m = np.zeros((len(docs), max(len(vocab), 1)), np.float32)
    for i, d in enumerate(docs):
        for t, tf in Counter(d).items():
            m[i, vocab[t]] = (1 + math.log(tf)) * (smooth + math.log((1 + len(docs)) / (1 + df[t])))
    return _unit(m)


def _overlap(a: list[str], b: list[str]) -> float:
    """Dice overlap of two titles' content terms."""
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0


def to_rows(al: Alignment, filter: str = "all") -> list[list[str]]:
    """Table rows for a report: from article, title, counterpart, its title, score, verdict.

    ``filter``: "all", "only_from" (articles with no counterpart) or "only_to" (the other side's leftovers)."""
    rows = []
    if filter in ("all", "only_from"):
        for p in al.pairs:
            if filter == "only_from" and p.counterpart:
                continue
            best = p.best
            verdict = ("reviewed " if p.reviewed else "") + ("counterpart" if p.counterpart else "no counterpart")
            rows.append([p.from_article, p.from_title, best.article if best and p.counterpart else "",
                         best.title if best and p.counterpart else "",
                         f"{best.score:.2f}" if best else "", verdict])
    if filter in ("all", "only_to"):
        for a in al.only_in_to:
            rows.append(["", "", a, al.to_titles.get(a, ""), "", f"only in {al.to_doc}"])
    return rows


HEADER = ["from article", "from title", "to article", "to title", "score", "verdict"]


def to_csv(al: Alignment, filter: str = "all") -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h.replace("from", al.from_doc).replace("to ", f"{al.to_doc} ") for h in HEADER])
    w.writerows(to_rows(al, filter))
    return buf.getvalue()


def to_markdown(al: Alignment, from_name: str, to_name: str, filter: str = "all") -> str:
    def cell(s: str) -> str:
        return s.replace("|", "\\|")

    lines = [f"# {from_name} compared with {to_name}", "",
             f"Computed from the texts (scores 0-1); {sum(p.counterpart for p in al.pairs)} of {len(al.pairs)} "
             f"articles have a counterpart; {len(al.only_in_to)} articles only in {to_name}.", "",
             f"| {from_name} | Title | {to_name} | Title | Score | Verdict |", "|---|---|---|---|---|---|"]
    for r in to_rows(al, filter):
        lines.append("| " + " | ".join(cell(x) for x in [f"Art. {r[0]}" if r[0] else "", r[1],
                                                           f"Art. {r[2]}" if r[2] else "", *r[3:]]) + " |")
    return "\n".join(lines) + "\n"
