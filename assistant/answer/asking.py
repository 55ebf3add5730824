"""The question shapes that decide how an answer is quoted (pure): an article asked for by what it deals with ("Which
article deals with …?") and its opening, a named article asked about in detail or as a whole, a second question
joined to the first."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..grounding import content_terms, generic_terms, sentence_spans, stem
from ..retrieve.kinds import ASKING_VERBS
from ..types import Chunk, Hit
from .quoting import first_substantive

_OVERVIEW = re.compile(r"^\s*(what|which)\b.*\b(say|says|require|requires|provide|provides|cover|covers|establish|"
                       r"establishes|state|states|do|does|contain|contains|about)\s*\??\s*$", re.I)


_SPECIFIC = re.compile(r"\b(how long|how many|who|when|whether)\b")
# a yes/no question about a named article asks something specific of it ("Does the review UN Article 24 requires have
# to be international?")
_YES_NO = re.compile(r"^\s*(does|do|is|are|must|can|may|could|should|will|would|has|have)\b")
_DETAIL = re.compile(r"\b(which|can|may|must|about|regarding|concerning|does .+ (require|allow|permit))\b")


# "Which article deals with money laundering?", "Where does the Budapest Convention address jurisdiction?": the
# answer is an article, named with its title, then its rule (not "Which articles …?", which may be several; nor
# "Where can a country find out which authority handles …?", where what handles is not the text)
_WHICH_ARTICLE = re.compile(r"^\s*(?:(?:in\s+)?(?:which|what)\s+(?:article|provision)\b(?!s)|"
                            r"where\s+(?:does|do|is|are|in)\b(?:(?!\b(?:which|who|whom|that)\b)[^?])*"
                            r"\b(?:deal|address|cover|regulat|govern|treat|handl)\w*)", re.I)


def asks_which_article(question: str) -> bool:
    return bool(_WHICH_ARTICLE.search(question))


# "Which (Budapest) articles / provisions …?": several, unless one article lists them (see :func:`which_article`)
_WHICH_ARTICLES = re.compile(r"^\s*(?:in\s+)?(?:which|what)\s+(?:(?-i:[A-Z][\w-]*)\s+){0,2}(?:article|provision)s\b", re.I)


def which_article(question: str, asked: str, picked: list[tuple[Hit, tuple[int, int]]], hits: list[Hit],
                  titles: dict[tuple[str, str], str]) -> tuple[str, str] | None:
    """The article a question asks for by what it deals with: "Which article …?" (:func:`article_asked`); "Which
    articles …?" only when a retrieved article's whole title is among its words ("Which provisions can a country make
    reservations to?": Art. 42 "Reservations", which lists them); None otherwise."""
    if asks_which_article(question):
        return article_asked(asked, picked, hits, titles)
    if not _WHICH_ARTICLES.search(question):
        return None
    said = set(content_terms(asked))
    return next((key for key in dict.fromkeys((h.chunk.doc_id, h.chunk.article) for h in hits if h.chunk.article)
                 if (terms := set(content_terms(titles.get(key, "")))) and terms <= said), None)


def article_asked(question: str, picked: list[tuple[Hit, tuple[int, int]]], hits: list[Hit],
                  titles: dict[tuple[str, str], str]) -> tuple[str, str]:
    """"Which article deals with …?": (document, article) of the retrieved article whose title says most of what
    the question asks ("governs jurisdiction": Art. 22 "Jurisdiction", not the federal clause that uses the word),
    or the best quote's when no title says more than its own."""
    asked = set(content_terms(_WHICH_ARTICLE.sub(" ", question), drop_generic=True))

    def fit(key: tuple[str, str]) -> float:
        terms = set(content_terms(titles.get(key, "")))
        return len(terms & asked) / len(terms) if terms else 0.0

    best = (picked[0][0].chunk.doc_id, picked[0][0].chunk.article)
    keys = [best, *dict.fromkeys((h.chunk.doc_id, h.chunk.article) for h in hits if h.chunk.article)]
    return max(keys, key=fit)  # the first of the best: the best quote's, then retrieval's order


# of the words that name no subject (grounding's generic ones), those a question asks more with ("… without a treaty")
_ASKING = frozenset(stem(w) for w in ASKING_VERBS)  # "What does it say about …": how, not what, is asked
_ASKS_MORE = frozenset(stem(w) for w in "party parties state states treaty treaties paragraph".split())
def article_titled(question: str, hits: list[Hit], titles: dict[tuple[str, str], str]) -> tuple[str, str] | None:
    """"What is a production order?", "… say about spontaneous information?": (document, article) of the first
    retrieved article whose title says all that the question asks (and it more than half the title): its rule
    answers, before its later paragraphs (18(2) "subject to Articles 14 and 15"); None when no title does."""
    # what the question asks, its asking verbs and the treaty's name aside ("UN", "Convention"), but not its other
    # words ("What about Parties that extradite without a treaty?" asks more than "Extradition")
    naming = generic_terms() - _ASKS_MORE | {stem("provision")} | _ASKING
    asked = set(content_terms(question)) - naming
    if not asked or _SPECIFIC.search(question.lower()):  # "How long …?" asks a detail of the article
        return None
    for key in dict.fromkeys((h.chunk.doc_id, h.chunk.article) for h in hits if h.chunk.article):
        terms = set(content_terms(titles.get(key, "")))
        if asked <= terms and 2 * len(asked) > len(terms):  # not "traffic data" for "Real-time collection of …"
            return key
    return None


def article_opening(picked: list[tuple[Hit, tuple[int, int]]], hits: list[Hit], key: tuple[str, str],
                    article_chunks: Callable[[str, str], list[Chunk]]) -> list[tuple[Hit, tuple[int, int]]]:
    """The answer to "Which article …?": the opening sentence of the article ``key``'s first paragraph (its rule,
    retrieved or not: Budapest Art. 16(1), where retrieval found only 16(4)), then the best quote when it is
    another of that article's; ``picked`` when the article has no text."""
    found = {h.chunk.id: h for h in hits}
    best = picked[0]
    after = max((h.rank for h in hits), default=0) + 1  # the rank of a paragraph retrieval did not find
    for c in article_chunks(*key):
        found.setdefault(c.id, Hit(c, 0.0, after, ("title",)))
        if spans := sentence_spans(c.text):
            a, b = first_substantive(c.text, spans)
            opening = (found[c.id], (a, b))
            same = (best[0].chunk.doc_id, best[0].chunk.article) == key
            if not same or c.id == best[0].chunk.id and a <= best[1][0] < b:
                return [opening]
            return [opening, best]
    return picked


def asks_detail(question: str) -> bool:
    """An article is named, but the question asks something specific about it (not "what does it say?")."""
    q = question.lower()
    if _SPECIFIC.search(q) or _YES_NO.match(q):
        return True
    return not _OVERVIEW.match(q) and bool(_DETAIL.search(q))


# ", and what kind of liability is it?": a second question joined to the first
_SECOND_PART = re.compile(r",?\s+and\s+(?=(what|which|how|when|who|whom|where|why|can|could|may|might|must|shall|should|"
                          r"is|are|does|do|will|would)\b)", re.I)


def second_part(question: str) -> str:
    """The second question of "…, and what kind of liability is it?", when it asks something of its own (a
    specific word beside its pronouns: not "…, and what does it cover?"); else ""."""
    parts = _SECOND_PART.split(question, maxsplit=1)
    rest = parts[-1] if len(parts) > 2 else ""
    return rest if [t for t in content_terms(rest, drop_generic=True) if t not in _ASKING] else ""
