"""Paragraph pairs of two corresponding articles and the word-level differences between them (pure).

Words are compared on a normal form (case, punctuation and numbers written in words folded: "ninety days"
equals "90 days"), and shown in their original spelling, so every piece of text shown is verbatim."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np

from ..grounding import content_terms
from ..types import Chunk

PARAGRAPH_MATCH = 0.2  # paragraphs less alike than this (TF-IDF cosine) are shown unpaired

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TOKEN = re.compile(r"\S+\s*")
_ENUMERATOR = re.compile(r"^\s*(\d+\.|\(?[a-z]{1,4}\))\s*")


@dataclass(frozen=True)
class Segment:
    op: str  # equal | delete | insert | replace
    a: str  # verbatim text of the first article ("" for insert)
    b: str  # verbatim text of the second article ("" for delete)


@dataclass
class ParagraphPair:
    a: Chunk | None
    b: Chunk | None
    similarity: float
    segments: list[Segment]

    @property
    def same_wording(self) -> bool:
        """Nothing but spelling, case, punctuation or number style differs."""
        return self.a is not None and self.b is not None and all(s.op == "equal" for s in self.segments)


def number_value(word: str) -> str | None:
    """'ninety' -> '90', 'twenty-five' -> '25', '90' -> '90'; None for other words."""
    w = word.lower()
    if w.isdigit():
        return str(int(w))
    if w in _UNITS:
        return str(_UNITS.index(w))
    if w in _TENS:
        return str(_TENS[w])
    head, _, tail = w.partition("-")
    if head in _TENS and tail in _UNITS[1:10]:
        return str(_TENS[head] + _UNITS.index(tail))
    return None


def _key(token: str) -> str:
    word = re.sub(r"^[^\w]+|[^\w]+$", "", token.strip().replace("’", "'")).lower()
    return number_value(word) or word


def word_diff(a: str, b: str) -> list[Segment]:
    """Word-level differences of two texts, as verbatim segments of each."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    ka, kb = [_key(t) for t in ta], [_key(t) for t in tb]
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        out.append(Segment(op, "".join(ta[i1:i2]), "".join(tb[j1:j2])))
    return out


def paragraph_pairs(a_chunks: list[Chunk], b_chunks: list[Chunk], rewrite=lambda text: text) -> list[ParagraphPair]:
    """Pair the paragraphs (chunks) of two articles one to one, most alike first; unpaired ones are kept,
    in the first article's order with the second's leftovers last. ``rewrite`` maps the first document's
    defined terms onto the second's before paragraphs are compared (not for the diff shown)."""
    if not a_chunks or not b_chunks:
        return [ParagraphPair(c, None, 0.0, []) for c in a_chunks] + [ParagraphPair(None, c, 0.0, []) for c in b_chunks]
    docs = [content_terms(rewrite(_body(c.text))) for c in a_chunks] + [content_terms(_body(c.text)) for c in b_chunks]
    vocab = {t: n for n, t in enumerate(dict.fromkeys(t for d in docs for t in d))}
    m = np.zeros((len(docs), max(len(vocab), 1)), np.float32)
    for i, d in enumerate(docs):
        for t in d:
            m[i, vocab[t]] += 1.0
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    sim = m[: len(a_chunks)] @ m[len(a_chunks):].T
    partner: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for flat in np.argsort(-sim, axis=None):
        i, j = divmod(int(flat), sim.shape[1])
        if sim[i, j] < PARAGRAPH_MATCH:
            break
        if i not in partner and j not in used:
            partner[i] = (j, float(sim[i, j]))
            used.add(j)
    pairs = []
    for i, c in enumerate(a_chunks):
        if i in partner:
            j, s = partner[i]
            pairs.append(ParagraphPair(c, b_chunks[j], round(s, 3), word_diff(c.text, b_chunks[j].text)))
        else:
            pairs.append(ParagraphPair(c, None, 0.0, []))
    pairs += [ParagraphPair(None, c, 0.0, []) for j, c in enumerate(b_chunks) if j not in used]
    return pairs


def _body(text: str) -> str:
    """The paragraph without its own number ("2.", "(b)"), which says nothing about what it is about."""
    return _ENUMERATOR.sub("", text)


def plain_diff(segments: list[Segment]) -> str:
    """Word-diff notation for a terminal: [-only in the first-] {+only in the second+}."""
    out = []
    for s in segments:
        if s.op == "equal":
            out.append(s.a)
        else:
            if s.a:
                out.append(f"[-{s.a.rstrip()}-] ")
            if s.b:
                out.append(f"{{+{s.b.rstrip()}+}} ")
    return "".join(out).strip()
