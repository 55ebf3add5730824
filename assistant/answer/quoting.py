"""Quotes for extractive answers (pure): the sentence span to quote and how far it runs, and citations with their
refined locators. The question shapes that decide how an answer is quoted are in :mod:`asking`."""

from __future__ import annotations

import re
from dataclasses import replace

from ..grounding import content_terms, headed, sentence_spans
from ..types import Chunk, Citation, Hit

# a list a quote opens is shown to its last item and the words that close it, however long (UN Art. 53(3) runs to
# 1,314 characters): a list cut short reads as complete (the grounds of refusal in Art. 40(21) without its (d)); a
# list still longer than this is shown to here and marked as going on
LIST_REACH = 2000
GOES_ON = " […]"


def add_citation(citations: list[Citation], chunk: Chunk, quote: str, support: float) -> int:
    for c in citations:
        if c.chunk_id == chunk.id and c.quote == quote:
            return c.n
    assert quote in chunk.text, "quotes are verbatim by construction"
    citations.append(Citation(len(citations) + 1, chunk.doc_id, refine_locator(chunk, quote), quote, chunk.text,
                              chunk.id, support, chunk.page))
    return len(citations)


def second_article(chunk: Chunk, picked: list[Chunk], asked: set[str]) -> bool:
    """Is the chunk from another article than the quotes already picked from its document, one whose title does not
    name what is asked (two of the question's terms, ``asked``)? Such a quote is a second answer, held to a higher
    bar: "keep children safe online" (UN Art. 53) is no answer to whether online fraud (Art. 13) is covered, nor is
    Art. 14(5), whose title shares only "online". Notes, preambles and commentary, and a first quote from another
    treaty, are not held to it."""
    first = next((c for c in picked if c.doc_id == chunk.doc_id), None)
    return first is not None and bool(chunk.article and first.article) and chunk.article != first.article \
        and len(asked & set(content_terms(chunk.article_title))) < min(2, len(asked))


def in_answer_order(picked: list[tuple[Hit, tuple[int, int]]], hits: list[Hit]) -> list[Hit]:
    """The passages as the answer ranks them: those it quotes, in the order it quotes them, then the rest in
    the order retrieval ranked them; each hit's rank renumbered."""
    first = {h.chunk.id: h for h, _ in picked}
    rest = [h for h in hits if h.chunk.id not in first]
    return [replace(h, rank=i) for i, h in enumerate([*first.values(), *rest], start=1)]


def refine_locator(chunk: Chunk, quote: str) -> str:
    """Point at the lettered sub-paragraph a quote opens with: "Art. 1" + 'd) "traffic data"…' → "Art. 1(d)"."""
    m = re.match(r"\(?([a-z])\)", quote)
    if not chunk.article or not m or chunk.locator.endswith(f"({m.group(1)})"):
        return chunk.locator
    return re.sub(r"\([a-z]\)–\([a-z]\)$", "", chunk.locator) + f"({m.group(1)})"


_MARKERS = re.compile(r"\s*(?:,?\s*(?:as (?:stated|mentioned|described|noted|specified|set out) in|according to|see|in)"
                      r"\s+)?\[\d{1,2}(?:,\s*\d{1,2})*\](?:\s*(?:,|and|&)\s*\[\d{1,2}(?:,\s*\d{1,2})*\])*", re.I)


def paragraph(run: list[tuple[str, str]], label_first: bool = False) -> str:
    """Quotes of one paragraph of the text, each label said once after its quotes: "“…” [1] “…” [2] — Art. 9(3)";
    or before them, for a question about what an article says: "Art. 21(1) (Interception of content data): “…”"."""
    groups: list[tuple[list[str], str]] = []
    for shown, label in run:
        if groups and (one := folded(groups[-1][1], label)):
            groups[-1] = ([*groups[-1][0], shown], one)
        else:
            groups.append(([shown], label))
    if label_first:
        return " ".join(f"{label}: {' '.join(quotes)}" for quotes, label in groups)
    return "; ".join(f"{' '.join(quotes)} — {label}" for quotes, label in groups)


def folded(label: str, then: str) -> str:
    """One label for two quotes read together, or "": the same; a paragraph and an item of its list ("Art. 14(2)"
    and "Art. 14(2)(c)": the item's quote opens with its letter); items of one list ("Art. 9(1)(a), (c)")."""
    parent = re.sub(r"\([a-z]{1,2}\)–\([a-z]{1,2}\)$", "", label)
    if then == label or re.fullmatch(re.escape(parent) + r"\([a-z]{1,2}\)", then):
        return label
    m = re.fullmatch(r"(.+?)(\([a-z]{1,2}\)(?:, \([a-z]{1,2}\))*)", label)
    item = re.fullmatch(r"(.+?)(\([a-z]{1,2}\))", then)
    return f"{label}, {item.group(2)}" if m and item and m.group(1) == item.group(1) else ""


def strip_markers(sentence: str) -> str:
    """A generated sentence without its [n] markers, nor the "as stated in" that led to them."""
    text = _MARKERS.sub("", sentence)
    return re.sub(r"\s+([.,;:])", r"\1", text).strip()


def first_substantive(text: str, spans: list[tuple[int, int]], reach: int = 700) -> tuple[int, int]:
    """The first sentence with some content (skips bare "3." lines); one that ends in ":" runs on through
    the list it introduces, so "A Party may, without the authorisation of another Party:" is not left hanging."""
    for i, (a, b) in enumerate(spans):
        if len(content_terms(text[a:b])) >= 3:
            return run_on(text, spans, i, reach)
    return spans[0]


def run_on(text: str, spans: list[tuple[int, int]], i: int, reach: int = 700) -> tuple[int, int]:
    """Sentence i, run on through the list it introduces when it ends in ":" (up to ``reach`` characters); an
    item that introduces a list of its own ("c) "service provider" means:") runs on through it, not into the
    next item of its list ("d) …")."""
    a, end = spans[i]
    if text[a:end].rstrip().endswith(":"):
        own = _marker(text[a:end])
        for na, nb in spans[i + 1 :]:
            if nb - a > reach or (own and _kind(_marker(text[na:nb]), own) == _kind(own, "")):
                break
            end = nb
    return a, end


def completed(picked: list[tuple[Hit, tuple[int, int]]]) -> list[tuple[Hit, tuple[int, int]]]:
    """Each quote that introduces a list and stops short of its end (the candidates are scored and chosen by their
    first ~700 characters) run on to the list's end: its remaining items and closing words. A quote that refers to
    the sentence before it in its paragraph ("This includes …", "Such withdrawal …") is quoted from that sentence."""
    out = []
    for h, (a, b) in picked:
        spans, i = _sentence_at(h.chunk.text, a)
        if i is not None and run_on(h.chunk.text, spans, i) == (a, b):
            b = max(b, run_on(h.chunk.text, spans, i, LIST_REACH)[1])
        if i and _REFERS_BACK.match(h.chunk.text[a:b]) and len(content_terms(h.chunk.text[slice(*spans[i - 1])])) >= 3:
            a = spans[i - 1][0]
        out.append((h, (a, b)))
    return _uncontained(out)


def _uncontained(picked: list[tuple[Hit, tuple[int, int]]]) -> list[tuple[Hit, tuple[int, int]]]:
    """No quote twice: a quote within another of the same passage ("a) the production, sale …" and the list that
    holds it) is left out, the quote that holds it taking the earlier place of the two."""
    def holder(n: int) -> int | None:
        h, (a, b) = picked[n]
        return next((m for m, (o, (x, y)) in enumerate(picked) if o.chunk.id == h.chunk.id
                     and x <= a and b <= y and ((x, y) != (a, b) or m < n)), None)

    out, placed = [], set()
    for n in range(len(picked)):
        take = n
        while (m := holder(take)) is not None:  # the outermost quote that holds it
            take = m
        if take not in placed:
            placed.add(take)
            out.append(picked[take])
    return out


def goes_on(text: str, span: tuple[int, int]) -> bool:
    """The quote runs on into a list and stops before its end (a list longer than LIST_REACH). An introduction
    quoted alone, its chosen items quoted after it, does not go on: each quote shows where it stops."""
    spans, i = _sentence_at(text, span[0])
    return i is not None and span[1] > spans[i][1] and run_on(text, spans, i, 10**9)[1] > span[1]


def _sentence_at(text: str, start: int) -> tuple[list[tuple[int, int]], int | None]:
    """The text's sentence spans and the number of the one that starts at ``start`` (None: no sentence does)."""
    spans = sentence_spans(text)
    return spans, next((n for n, (x, _) in enumerate(spans) if x == start), None)


_MODAL = re.compile(r"\b(shall|may|must)\b")


def quotable(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[tuple[int, int], str]]:
    """The passage's candidate quotes, each (span, the text it is scored by): each sentence with some content,
    an introduction run on through the list it brings; a list's closing words ("content data, in real time, …",
    the object of every item) quoted from the sentence that opens the list, scored by the two without the items."""
    spans = sentence_spans(text) if spans is None else spans  # ``spans``: the text's, when the caller has them
    out = []
    for i, (a, b) in enumerate(spans):
        terms = len(content_terms(text[a:b]))  # not a bare "For the purposes of this Convention:", but a short
        if terms < 2 or terms == 2 and not _MODAL.search(text[a:b]):  # rule ("No other reservation may be made.")
            continue
        opener = list_tail(text, spans, i)
        if opener is not None:
            out.append(((spans[opener][0], b), f"{text[slice(*spans[opener])]} … {text[a:b]}"))
        else:
            span = run_on(text, spans, i)
            out.append((span, text[slice(*span)]))
    return out


# a sentence that refers to the one before it ("This includes participation in international projects …", "Such
# withdrawal shall take effect …"), not to the text itself ("This Convention", "This article")
_REFERS_BACK = re.compile(r"\W*(?:This|These|That|Those|Such|It|They)\b"
                          r"(?!\s+(?:Convention|Protocol|articles?|paragraphs?|chapters?|provisions?|resolution)\b)")


def grouped(picked: list[tuple[Hit, tuple[int, int]]]) -> list[tuple[Hit, tuple[int, int]]]:
    """The sentences of one paragraph of the text read together, where its best one stands: "notify … and
    request its authorization" is followed by "… only with the authorization …", not by another article first
    (measured on dev: one lead won, none lost)."""
    chunks = list(dict.fromkeys(h.chunk.id for h, _ in picked))
    return sorted(picked, key=lambda p: chunks.index(p[0].chunk.id))


def introduced(picked: list[tuple[Hit, tuple[int, int]]], reach: int = 300) -> list[tuple[Hit, tuple[int, int]]]:
    """The quotes with the sentence that introduces a list quoted before the first of its items ("a) a minor
    engaged in sexually explicit conduct;" is read after "… the term “child pornography” shall include
    pornographic material that visually depicts:"), when that sentence is in the same passage, not quoted already
    and at most ``reach`` characters long. Each quote stays verbatim and whole."""
    out: list[tuple[Hit, tuple[int, int]]] = []
    for h, (a, b) in picked:
        text = h.chunk.text
        if item := _kind(_marker(text[a:b]), ""):
            intro = next((span for span in reversed(sentence_spans(text[:a])) if _opens_list(text[slice(*span)])
                          and _kind(_marker(text[slice(*span)]), "") != item), None)  # not a sibling's own list
            if intro and intro[1] - intro[0] <= reach and not any(
                    o.chunk.id == h.chunk.id and x <= intro[0] and intro[1] <= y for o, (x, y) in picked + out):
                out.append((h, intro))
        out.append((h, (a, b)))
    return _in_list_order(out)


def whole_lists(picked: list[tuple[Hit, tuple[int, int]]], reach: int = 700) -> list[tuple[Hit, tuple[int, int]]]:
    """A list introduction followed by two or more of its items is quoted as the whole list, one verbatim quote
    from the introduction to its last item ("What kinds of material count …?" gets (a) to (d), not (c) and (d)
    alone), when the list ends within ``reach`` characters; else the quotes stay as they are."""
    out: list[tuple[Hit, tuple[int, int]]] = []
    i = 0
    while i < len(picked):
        h, (a, b) = picked[i]
        j = _items_from(picked, i + 1, h.chunk)
        if j - i > 2 and _opens_list(h.chunk.text[a:b]):
            spans = sentence_spans(h.chunk.text)
            if (a, b) in spans:
                whole = run_on(h.chunk.text, spans, spans.index((a, b)), reach)
                if all(whole[0] <= x and y <= whole[1] for _, (x, y) in picked[i + 1 : j]):
                    out.append((h, whole))
                    i = j
                    continue
        out.append(picked[i])
        i += 1
    return out


def _in_list_order(picked: list[tuple[Hit, tuple[int, int]]]) -> list[tuple[Hit, tuple[int, int]]]:
    """Items of one list quoted one after the other read in the text's order ("a)" before "b)"), wherever the
    scores put them; everything else keeps its place."""
    out = list(picked)
    i = 0
    while i < len(out):
        j = _items_from(out, i, out[i][0].chunk)
        out[i:j] = sorted(out[i:j], key=lambda p: p[1][0])
        i = max(j, i + 1)
    return out


def _items_from(picked: list[tuple[Hit, tuple[int, int]]], i: int, chunk: Chunk) -> int:
    """The end of the run of list items ("(a) …", "b) …") from ``chunk`` that starts at position i."""
    while i < len(picked) and picked[i][0].chunk.id == chunk.id and _marker(chunk.text[slice(*picked[i][1])]):
        i += 1
    return i


def list_tail(text: str, spans: list[tuple[int, int]], i: int) -> int | None:
    """For sentence i that only closes a list ("(ii) … in the collection or recording of;" then "content data, in
    real time, of specified communications …", the object of every item), the sentence that opens the list
    (the passage's first one ending in ":"); None for a sentence that stands on its own."""
    a, b = spans[i]
    if i == 0 or not text[a:b].lstrip()[:1].islower() or _marker(text[a:b]) or not _marker(text[slice(*spans[i - 1])]):
        return None
    return next((n for n, (x, y) in enumerate(spans[:i]) if _opens_list(text[x:y])), None)


def _opens_list(sentence: str) -> bool:
    """A sentence with some content that ends in ":" ("… the following conduct:"), not a bare "The terms:"."""
    return sentence.rstrip().endswith(":") and len(content_terms(sentence)) >= 3


def _marker(sentence: str) -> str:
    m = re.match(r"\s*\(?([ivx]{1,5}|[a-z]|\d{1,2})[.)]\s", sentence)
    return m.group(1) if m else ""


def _kind(item: str, within: str) -> str:
    """A list marker's kind: "number" ("3."), "roman" ("(ii)") or "letter" ("(a)"); a lone "i", "v" or "x" in an
    item lettered before it ("c)") opens that item's own roman list."""
    if not item:
        return ""
    if item.isdigit():
        return "number"
    if len(item) > 1 or (within.isalpha() and len(within) == 1 and item in "ivx" and ord(item) != ord(within) + 1):
        return "roman"
    return "letter"


def introduction_end(text: str, spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Where the introduction ends (its ":") when the span from ``start`` to ``end`` of the text (whose sentences are
    ``spans``) is one run on through the list it brings ("… for the purpose of: (a) …; (b) …"), else 0."""
    first = next((b for a, b in spans if a == start), end)
    return first if first < end and text[start:first].rstrip().endswith(":") else 0


def quote_pieces(chunk: Chunk) -> list[str]:
    """Every candidate quote of a passage as it is scored (encoded ahead, wiring; an introduction read alone is one
    of the passage's sentences, encoded with them)."""
    return [headed(chunk.heading, text) for _, text in quotable(chunk.text)]
