"""The text of an extractive answer (pure): the quotes picked, labelled with their locators and cited, a
paragraph of the treaty to a paragraph of the answer, opened by its lead (a comparison's side-by-side clauses, a long
rule's condensed lead, "Yes —")."""

from __future__ import annotations

from ..retrieve.vocabulary import search_text
from ..types import Citation, Hit, Retrieval, Sentence
from .asking import asks_detail, asks_which_article
from .lead import Quoted, elide, lead_line, render, side_by_side, stands_in, within
from .quoting import GOES_ON, add_citation, goes_on, paragraph

LEAD_CHARS = 250  # a first paragraph longer than this is led by its rule without condition and drafting frame

Picked = list[tuple[Hit, tuple[int, int]]]


def compose(r: Retrieval, picked: Picked, lead: str, formula: frozenset[tuple[str, ...]] = frozenset(),
            across: bool = False) -> tuple[str, list[Citation], list[Sentence]]:
    """The answer text: quoted sentences labelled with their locators and cited, a paragraph of the text
    to a paragraph of the answer; a comparison opens with the clauses that answer from each treaty, side by
    side; a long first paragraph is led by its quotes without the drafting ``formula``, its locator after
    them (what answers comes first), in its place when that left out little (:func:`lead.stands_in`), as a
    comparison's side is in place of its quote.
    ``across``: the question is about more than one treaty (:meth:`across`)."""
    # an article asked for, by its number or by what it deals with: its number and title label its quotes
    which = asks_which_article(r.question)
    direct = which or any("article" in h.sources for h in r.hits)
    # a one-treaty answer's lead ("Yes —", "The text does not set this figure. What it does set:") opens its
    # first line; a comparison's opens its "In short:"
    inline, lead = (lead, "") if lead and not across else ("", lead)
    citations: list[Citation] = []
    parts: list[Sentence] = []
    quoted: list[Quoted] = []
    titled: set[tuple[str, str]] = set()
    runs: list[list[tuple[str, str]]] = []  # the answer's paragraphs: their quotes, each with its label
    first: list[Quoted] = []  # the quotes of the first paragraph
    run_of: list[int] = []  # each quote's paragraph
    previous = ""  # the chunk of the quote before
    for hit, (a, b) in picked:
        quote = hit.chunk.text[a:b]
        n = add_citation(citations, hit.chunk, quote, 1.0)
        label = citations[n - 1].locator
        quoted.append(Quoted(hit.chunk.text, (a, b), label, n, hit.chunk.doc_id))
        key = (hit.chunk.doc_id, hit.chunk.article)
        if direct and hit.chunk.article_title and key not in titled:  # "Art. 2 (Illegal access)"
            titled.add(key)
            label += f" ({hit.chunk.article_title})"
        shown = f"“{quote}”{GOES_ON if goes_on(hit.chunk.text, (a, b)) else ''} [{n}]"  # a list too long to show
        # the text's words first, then where they are from
        parts.append(Sentence(f"{shown} — {label}", [n], 1.0))
        # quotes of one paragraph that follow each other read as one paragraph, its locator said once
        if hit.chunk.id == previous:
            runs[-1].append((shown, label))
        else:
            runs.append([(shown, label)])
        if len(runs) == 1:
            first.append(quoted[-1])
        run_of.append(len(runs) - 1)
        previous = hit.chunk.id
    # "What does Article 21 say?": the article's number and title are the answer's first words
    overview = which or direct and not asks_detail(r.question)
    paragraphs = [paragraph(run, overview) for run in runs]
    # a question across treaties opens with what each says, side by side (the clauses that answer, cut
    # from the quotes below, in the treaties' own terms); a question about one treaty opens with its most
    # direct quote, led, when long, by its rule without the condition and drafting frame (cutting it to the
    # words that echo the question was measured to lose the answer more often than it helped)
    if across:
        sides = [(q, render(q.text, within(q.text, f, elide(q.text, q.span, formula))))
                 for q, f in side_by_side(search_text(r.question), quoted)]
        opening = [Sentence(f"{q.label}: “{shown}” [{q.n}]", [q.n], 1.0) for q, shown in sides]
        # a side that keeps most of its quote, alone in its paragraph, is read once, in the "In short"
        whole = {k for q, shown in sides if run_of.count(k := run_of[quoted.index(q)]) == 1
                 and stands_in(shown, q.text[q.span[0]:q.span[1]])}
        paragraphs = [p for i, p in enumerate(paragraphs) if i not in whole]
        parts = [p for i, p in enumerate(parts) if run_of[i] not in whole]
        head = " ".join([lead or "In short:", "; ".join(s.text for s in opening)]) if opening else lead
    else:
        long = bool(paragraphs) and len(paragraphs[0]) > LEAD_CHARS
        led = lead_line(first, runs[0][0][1], overview, formula) if long else ""
        opening = [Sentence(led, sorted({q.n for q in first}), 1.0)] if led else []
        if led and stands_in(led, paragraphs[0]):  # read once, in its place: the citations quote it whole
            paragraphs, parts = paragraphs[1:], parts[len(first):]
        head = led
    sentences = opening + parts
    if inline:  # "Yes — “Each State Party shall … establish as criminal offences …” [1] — …, Art. 15(1)"
        if head:
            head = f"{inline} {head}"
        else:
            paragraphs[0] = f"{inline} {paragraphs[0]}"
        sentences[0] = Sentence(f"{inline} {sentences[0].text}", sentences[0].citations, sentences[0].support)
    text = "\n\n".join([head] * bool(head) + paragraphs)
    return text, citations, sentences
