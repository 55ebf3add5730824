"""Condensed quotes (pure): the clauses of a sentence that carry what was asked, or its rule without the
condition and drafting frame, cut from it verbatim (what is left out shows as "…"). They make the lead of a long
answer, the side-by-side lead of a comparison (the best of each treaty) and the short lines of a brief. Nothing
is reworded: every piece is a substring of the sentence it condenses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..grounding import content_terms
from .directness import ASKS_QUANTITY, states_number

# where a clause may end: after a comma, semicolon or colon, or before a list item "(a) " / "b) "
_ITEM = re.compile(r"\(?[a-z]{1,4}\)\s")  # a list item's mark: "(a) ", "b) "
_BREAK = re.compile(r"(?<=[,;:])\s+|\s*\n+\s*|\s+(?=" + _ITEM.pattern + ")")
WHOLE = 300  # a sentence this short is shown whole
MAX_FRAGMENT = 300  # characters of the pieces kept of a longer one
LIST_END = 150  # a list the pieces reach into is kept to its end when what is left of it is no longer than this
# "When does …?", "…, and when?" ask for a time, which a treaty states as a figure ("five years"); "What must a
# State do when …?" does not
_ASKS_WHEN = re.compile(r"^\W*when\b|\bwhen\s*\?", re.I)
FIGURE_WEIGHT = 1.5  # a figure counts as much as one and a half asked-for terms, when one is asked for


@dataclass(frozen=True)
class Fragment:
    """Verbatim pieces of a quoted sentence (offsets into the chunk text, in reading order), what they answer of
    the question (its terms found, a figure), and whether the sentence runs on before, between or after them."""

    pieces: tuple[tuple[int, int], ...]
    terms: frozenset[str]
    figure: bool  # states a figure, for a question asking for one
    bounds: tuple[int, int]  # the whole sentence


def clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clause spans of text[a:b] (offsets into text), in order, covering it without gaps."""
    cuts = [a] + [a + m.end() for m in _BREAK.finditer(text[a:b]) if 0 < m.end() < b - a] + [b]
    return [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if text[x:y].strip()]


def _trim(text: str, x: int, y: int) -> tuple[int, int]:
    return x + len(text[x:y]) - len(text[x:y].lstrip()), x + len(text[x:y].rstrip())


def condense(question: str, text: str, span: tuple[int, int], whole: int = WHOLE,
             limit: int = MAX_FRAGMENT) -> Fragment:
    """The clauses of the sentence text[span] that answer the question: clause by clause, the one adding the
    most asked-for terms (or the figure, when one is asked for) per character, within ``limit`` characters,
    each run on while there is room. A sentence of at most ``whole`` characters is kept whole."""
    asked = set(content_terms(question, drop_generic=True))
    wants_figure = bool(ASKS_QUANTITY.search(question) or _ASKS_WHEN.search(question))
    a, b = _trim(text, *span)
    parts = [_trim(text, x, y) for x, y in clauses(text, a, b)]
    found = [asked & set(content_terms(text[x:y])) for x, y in parts]
    figures = [wants_figure and states_number(text[x:y]) for x, y in parts]
    if b - a <= whole:
        return Fragment(((a, b),), frozenset().union(*found), any(figures), (a, b))
    chosen: list[int] = []
    have: set[str] = set()
    has_figure, size = False, 0
    while True:
        best, best_gain = -1, 0.0
        for i, (x, y) in enumerate(parts):
            if i in chosen or size + (y - x) > limit and chosen:
                continue
            gain = len(found[i] - have) + (FIGURE_WEIGHT if figures[i] and not has_figure else 0.0)
            if gain / (y - x + 40) > best_gain:
                best, best_gain = i, gain / (y - x + 40)
        if best < 0:
            break
        chosen.append(best)
        have |= found[best]
        has_figure = has_figure or figures[best]
        size += parts[best][1] - parts[best][0]
    if not chosen:  # nothing asked for is in it: its opening clause
        chosen = [0]
    # what answers usually follows the words that echo the question: each piece runs on while there is room
    for i in sorted(chosen):
        j = i + 1
        while j < len(parts) and j not in chosen and size + parts[j][1] - parts[j][0] <= limit:
            chosen.append(j)
            size += parts[j][1] - parts[j][0]
            has_figure = has_figure or figures[j]
            j += 1
    # a list the pieces run into is not cut short ("a) …; b) …; and …" hides what c) adds): its last items are
    # kept past the limit when they are short
    last = max(chosen)
    if last + 1 < len(parts) and _ITEM.match(text[parts[last + 1][0] : b]) and b - parts[last][1] <= LIST_END:
        chosen.extend(range(last + 1, len(parts)))
        has_figure = has_figure or any(figures[last + 1 :])
    pieces = tuple(parts[i] for i in sorted(chosen))
    return Fragment(pieces, frozenset(have), has_figure, (a, b))


def opening(question: str, text: str, span: tuple[int, int], limit: int) -> Fragment:
    """The sentence text[span] cut after its last clause that fits in ``limit`` characters (its first clause at
    least), run on to the first clause that states something asked for when the opening has none (up to twice
    the limit). A rule says what it is about first ("Each Party shall … order … the expeditious preservation of
    specified computer data"), so its opening reads better than clauses gathered for their words."""
    asked = set(content_terms(question, drop_generic=True))
    a, b = _trim(text, *span)
    if b - a <= limit:
        return Fragment(((a, b),), frozenset(asked & set(content_terms(text[a:b]))), False, (a, b))
    parts = [_trim(text, x, y) for x, y in clauses(text, a, b)]
    end = _run_on(parts, 0, limit)
    for x, y in parts:
        if x >= end and not asked & set(content_terms(text[a:end])) and y - a <= 2 * limit:
            end = y
    found = asked & set(content_terms(text[a:end]))
    return Fragment(((a, end),), frozenset(found), False, (a, b))


# drafting formula: a run of FORMULA_WORDS words found in at least FORMULA_PASSAGES passages of the corpus ("shall
# adopt such legislative and other measures as may be necessary to"); a lead leaves it out, as a reader knows it
FORMULA_WORDS = 6
FORMULA_PASSAGES = 15
_WORD = re.compile(r"\S+")


def formulas(texts: Iterable[str], words: int = FORMULA_WORDS,
             passages: int = FORMULA_PASSAGES) -> frozenset[tuple[str, ...]]:
    """The word runs (lower-cased) that recur in at least ``passages`` of the texts: the treaties' drafting
    formula, learnt from the corpus itself."""
    counts: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        tokens = [m.group(0).lower() for m in _WORD.finditer(text)]
        counts.update({tuple(tokens[i : i + words]) for i in range(len(tokens) - words + 1)})
    return frozenset(g for g, k in counts.items() if k >= passages)


# a condition of application may go ("Where a Party gives effect to paragraph 1 …, "); an exception never does
# ("Unless …", "Except as …", "Subject to …"), nor does a cut ever take a negation
_CONDITION = {"where", "if", "when", "whenever"}
_NEGATION = {"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "without", "unless", "except", "cannot"}
# "If the receiving Party accepts …, it shall be bound by them": a rule whose subject points back into its condition
# keeps the condition (else "… it shall be bound by them" says nothing)
_BACK = {"it", "they", "he", "she", "that", "this", "these", "those", "such", "its", "their"}


def elide(text: str, span: tuple[int, int], formula: frozenset[tuple[str, ...]]) -> Fragment:
    """The rule of the sentence text[span], for a lead: after its first "shall" or "must", the words of a
    recurring run (``formula``, the drafting frame) up to and including its first "to" are left out, and so is
    an opening condition ("Where …, ", "If …, ") before the one who must act; each cut shows as "…".
    The rule then reads "Each Party shall … establish as criminal offences …" or "… the State Party shall …
    oblige that person to preserve …". Who must act and what they must do are never cut, nor a negation or an
    exception; nor is anything else."""
    a, b = _trim(text, *span)
    tokens = list(_WORD.finditer(text, a, b))
    lower = [m.group(0).lower().strip(",;:") for m in tokens]
    modal = next((i for i, w in enumerate(lower) if w in ("shall", "must")), None)
    if modal is None or modal + 1 >= len(tokens):
        return Fragment(((a, b),), frozenset(), False, (a, b))
    start = a
    if lower[0] in _CONDITION:  # the condition ends at the last comma before the one who must act
        commas = [i for i in range(1, modal) if tokens[i].group(0).endswith(",")]
        if commas and modal - commas[-1] <= 4 and not _NEGATION & set(lower[: commas[-1] + 1]) and \
                lower[commas[-1] + 1] not in _BACK:
            start = tokens[commas[-1] + 1].start()
    pieces = [(start, b)]
    if formula:
        size = len(next(iter(formula)))
        words = [m.group(0).lower() for m in tokens]  # as :func:`formulas` counts them, punctuation kept
        recurring = [False] * len(tokens)
        for i in range(len(tokens) - size + 1):
            if tuple(words[i : i + size]) in formula:
                recurring[i : i + size] = [True] * size
        end = modal + 1
        while end < len(tokens) - 1 and recurring[end] and lower[end - 1] != "to":
            end += 1
        if recurring[modal + 1] and end - modal - 1 >= 3 and lower[end - 1] == "to" and \
                not _NEGATION & set(lower[modal + 1 : end]):  # "… necessary to", never "… not be required to"
            pieces = [(start, tokens[modal].end()), (tokens[end].start(), b)]
    return Fragment(tuple(pieces), frozenset(), False, (a, b))


def shortened(question: str, text: str, span: tuple[int, int], limit: int,
              formula: frozenset[tuple[str, ...]]) -> Fragment:
    """The rule of text[span] (:func:`elide`) in about ``limit`` characters: its pieces in order, the last one cut
    as :func:`opening` cuts a sentence. For the short lines of a brief."""
    e = elide(text, span, formula)
    pieces: list[tuple[int, int]] = []
    room = limit
    for x, y in e.pieces:
        if room <= 0:
            break
        cut = opening(question, text, (x, y), room).pieces[0] if y - x > room else (x, y)
        pieces.append(cut)
        room -= cut[1] - cut[0]
    return Fragment(tuple(pieces), e.terms, e.figure, e.bounds)


def naming(text: str, span: tuple[int, int], pattern: str, limit: int) -> Fragment:
    """The sentence text[span] from its first clause that ``pattern`` matches (a name), run on clause by clause
    within ``limit`` characters: what a sentence says of the one it names ("… while the UN and the Biden
    administration are more optimistic about its overall balance."). A sentence of at most ``limit`` is whole."""
    a, b = _trim(text, *span)
    if b - a <= limit:
        return Fragment(((a, b),), frozenset(), False, (a, b))
    parts = [_trim(text, x, y) for x, y in clauses(text, a, b)]
    first = next((i for i, (x, y) in enumerate(parts) if re.search(pattern, text[x:y])), 0)
    return Fragment(((parts[first][0], _run_on(parts, first, limit)),), frozenset(), False, (a, b))


def _run_on(parts: list[tuple[int, int]], first: int, limit: int) -> int:
    """Where a piece from clause ``first`` ends when run on clause by clause within ``limit`` characters (the
    first clause at least)."""
    end = parts[first][1]
    for _, y in parts[first + 1 :]:
        if y - parts[first][0] > limit:
            break
        end = y
    return end


def within(text: str, f: Fragment, g: Fragment) -> Fragment:
    """The words of fragment f that fragment g keeps too (g: the same sentence's :func:`elide`); f itself when
    g left out words f kept for the question (a condition that names the subject: "Where … mutual assistance
    conditional upon the existence of dual criminality, that condition shall be deemed fulfilled")."""
    pieces = tuple((max(x, u), min(y, v)) for x, y in f.pieces for u, v in g.pieces if max(x, u) < min(y, v))
    if not pieces or not f.terms <= set(content_terms(" ".join(text[x:y] for x, y in pieces))):
        return f
    return Fragment(pieces, f.terms, f.figure, f.bounds)


def render(text: str, f: Fragment) -> str:
    """The fragment as quoted: its own words, "…" where words are left out (a clause's comma before a cut is
    dropped). Adjacent pieces are shown as the one stretch of text they are."""
    runs: list[list[int]] = []
    for x, y in f.pieces:
        if runs and not text[runs[-1][1] : x].strip():
            runs[-1][1] = y
        else:
            runs.append([x, y])
    out: list[str] = ["…"] * (runs[0][0] > f.bounds[0])
    for i, (x, y) in enumerate(runs):
        cut_after = i < len(runs) - 1 or y < f.bounds[1]
        out.append(text[x:y].rstrip(",;: ") if cut_after else text[x:y])
        if cut_after:
            out.append("…")
    return " ".join(out)


@dataclass(frozen=True)
class Quoted:
    """One quote of the answer, as the lead sees it."""

    text: str  # the chunk's text
    span: tuple[int, int]  # the quoted sentence in it
    label: str  # its locator
    n: int  # its citation number
    doc_id: str


def side_by_side(question: str, quoted: list[Quoted]) -> list[tuple[Quoted, Fragment]]:
    """For a question across treaties: the clauses that answer of the first treaty's first quote, then of the next
    treaty's (the answer quotes each treaty's most direct sentence first: measured on dev comparisons, choosing
    instead the quote with the most asked-for terms lost a lead). [] when only one treaty is quoted."""
    first: dict[str, Quoted] = {}
    for q in quoted:
        first.setdefault(q.doc_id, q)
    if len(first) < 2:
        return []
    return [(q, condense(question, q.text, q.span)) for q in list(first.values())[:2]]


ELIDED = 40  # a lead leaves out at least this many characters of its quotes (else it would only repeat them) …
LEAD_SHARE = 0.8  # … and stands in their place when it keeps more than this share of them


def lead_line(first: list[Quoted], label: str, overview: bool, formula: frozenset[tuple[str, ...]]) -> str:
    """The lead of a long first paragraph: its quotes without their condition and drafting frame, then its label
    ("“… the State Party shall … oblige that person … up to a maximum of 90 days …” [1] — UN Convention …, Art.
    25(2)"); with ``overview`` ("What does Article 25 say?") the label first. "" when that leaves out too little
    to be worth repeating the quotes."""
    shown = " ".join(dict.fromkeys(f"“{render(q.text, elide(q.text, q.span, formula))}” [{q.n}]" for q in first))
    if len(shown) >= sum(q.span[1] - q.span[0] for q in first) - ELIDED:
        return ""
    return f"{label}: {shown}" if overview else f"{shown} — {label}"


def stands_in(lead: str, paragraph: str) -> bool:
    """The lead keeps most of its paragraph (it left out only the drafting frame, "… adopt such legislative and
    other measures as may be necessary to …"): the answer shows it in the paragraph's place, not both one after
    the other; the answer's citations still quote the paragraph whole."""
    return len(lead) > LEAD_SHARE * len(paragraph)
