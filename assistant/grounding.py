"""Support checks: sentence splitting, verbatim quotes and a lexical support score.

No NLI or cross-encoder model ships in a PyPI package here, so support is measured lexically: the
share of a claim's content words (lightly stemmed) found in the passage, optionally blended with the
embedding cosine by the caller. Pure functions; the embedding model is not imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import BRITISH, american, stays_ise

STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into onto over under as is are was
    were be been being has have had do does did this that these those it its it's they them their there
    here which who whom whose what when where why how not no nor so such than too very can could may might
    shall should will would must i you he she we me my your our his her us any all each other some one
    also only own same both more most about against between through during before after above below up
    down out off again further once per via upon whether while within without according said says""".split()
    # the negative contractions, whole ("doesn't") and as a curly apostrophe leaves them ("doesn" of "doesn’t")
    + [f"{w}{end}" for w in "don doesn didn isn aren wasn weren hasn haven hadn won shouldn wouldn couldn mustn needn"
       .split() for end in ("", "'t")] + ["can't"]
    # adverbs that say how, never what, and the everyday "OK"
    + "just still even really simply actually already ever ok okay".split()
)
# words that name the documents or the question's form ("compare the two conventions"), not its subject: they
# carry no evidence of support
_GENERIC_WORDS = ("article articles convention conventions party parties state states paragraph treaty treaties protocol "
                  "un say says compare compared comparison differ differs difference differences both two")

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
# a semicolon inside a title ("United Nations Convention against Cybercrime; Strengthening International Cooperation
# for …") is no sentence end: three capitalised words follow it, small words between them
_TITLE_RUN = re.compile(r"\s+[A-Z][\w-]*(?:\s+(?:(?:for|of|by|and|the|in|on|to|against)\s+)*[A-Z][\w-]*){2}")
_ABBREV = re.compile(r"\b(Art|Arts|No|Nos|para|paras|e\.g|i\.e|etc|cf|Mr|Ms|Dr|St|vs|Inc|Ltd|ETS|p|pp)\.$", re.I)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, with British -ise spellings folded into -ize first, so the Council of
    Europe's "criminalisation" meets the briefing's "criminalization"; hyphens inside a word go, so the Council of
    Europe's "co-operation" meets "cooperation" and "e-mail" "email"; a noun whose stem parts from its verb's
    takes the verb's (``_DERIVED``: "application" meets "apply")."""
    w = word.lower().strip("'-").replace("-", "")
    stemmed = _stemmer().stemWord(_american(w) if BRITISH.search(w) else w)
    if stemmed.endswith("if") and w.endswith(("ification", "ifications")):  # "ratification" meets "ratify"
        stemmed += "i"
    elif stemmed.endswith("tor") and len(stemmed) >= 8:  # the agent meets the act: "prosecutor" / "prosecution"
        stemmed = stemmed[:-2]
    elif w.endswith("ability") and len(w) > 7:  # the quality meets its adjective: "liability" / "liable"
        stemmed = _stemmer().stemWord(w[:-5] + "le")
    elif w.endswith("ionary"):  # "discretionary" meets "discretion", "precautionary" "precaution"
        stemmed = _stemmer().stemWord(w[:-3])
    elif stemmed.endswith("script"):  # the act meets its verb: "description" / "describe", "subscription"
        stemmed = stemmed[:-2] + "b"
    elif w.endswith(("umption", "umptions")):  # "assumption" / "assume", "presumption" / "presume"
        stemmed = stemmed[:-2]
    elif w.endswith(("duction", "ductions")):  # "production" / "produce", "reduction" / "reduce" (not "product")
        stemmed = stemmed[:-1]
    return _DERIVED.get(stemmed, stemmed)


# nouns (and an irregular past) whose Porter stem parts from their verb's ("application" / "apply", "sale" / "sell",
# "denunciation" / "denounce", "signature" / "sign"):
# a question asks with one ("What does it apply to?"), the text answers with the other ("Scope of application")
_DERIVED = {"applic": "appli", "seizur": "seiz", "disclosur": "disclos", "exclus": "exclud", "inclus": "includ",
            "retent": "retain", "detent": "detain", "submiss": "submit", "transmiss": "transmit", "permiss": "permit",
            "denial": "deni", "complianc": "compli", "extens": "extend", "suspens": "suspend", "mainten": "maintain",
            "decept": "deceiv", "destruct": "destroy", "intervent": "interven", "hatr": "hate",
            "sale": "sell", "sold": "sell", "testimoni": "testifi", "denunci": "denounc", "renunci": "renounc",
            "signatur": "sign", "signatori": "sign"}


def _american(word: str) -> str:
    """The -ize spelling of a British -ise word ("criminalise"), but not of a word spelt -ise everywhere
    ("supervise", "exercise", "surprise"), whose -ize form is no English word: that one would stem apart from
    its own family ("supervise" / "supervision")."""
    return word if stays_ise(word) else american(word)


@lru_cache(maxsize=1)
def generic_terms() -> frozenset[str]:
    """The stems of the words that carry no evidence of support (document names, the question's form)."""
    return frozenset(stem(w) for w in _GENERIC_WORDS.split())


def common_terms(texts: list[str], share: float = 0.1) -> frozenset[str]:
    """Stems in ``share`` or more of the texts ("information", "technology", "right" in the corpus's passages): its
    everyday words, which tell no passage apart."""
    counts: dict[str, int] = {}
    for text in texts:
        for t in set(content_terms(text)):
            counts[t] = counts.get(t, 0) + 1
    return frozenset(t for t, n in counts.items() if n >= share * len(texts))


def content_terms(text: str, drop_generic: bool = False) -> list[str]:
    words = [w for w in _WORD.findall(text) if w.lower() not in STOPWORDS]
    terms = [stem(w) for w in words if len(w) > 1 or w.isdigit()]
    if drop_generic:
        generic = generic_terms()
        terms = [t for t in terms if t not in generic]
    return terms


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of text (lines are always boundaries), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        segment = line.group()
        offset = 0
        for m in re.finditer(r"[.!?;](?=\s+[\"“(A-Z0-9])", segment):
            if _ABBREV.search(segment[: m.end()]) or m.group() == ";" and _TITLE_RUN.match(segment, m.end()):
                continue
            spans.append((start + offset, start + m.end()))
            offset = m.end()
        spans.append((start + offset, start + len(segment)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            out.append((a + lead, b - trail))
    return out


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def headed(heading: str, text: str) -> str:
    """A piece of a passage as the sentence model scores it against a question: under the passage's heading. The
    re-ranking's sentences and the quotes are both scored so, and encoded ahead so (:mod:`assistant.wiring`)."""
    return f"{heading}: {text}"


def headed_sentences(heading: str, text: str) -> list[str]:
    """What retrieval's re-ranking scores a passage by: each sentence of some length, :func:`headed`."""
    return [headed(heading, t) for t in sentences(text) if len(t) > 20]


def lexical_support(claim: str, evidence: str) -> float:
    """Share of the claim's content terms that occur in the evidence (0..1)."""
    claim_terms = set(content_terms(claim))
    if not claim_terms:
        return 0.0
    evidence_terms = set(content_terms(evidence))
    return len(claim_terms & evidence_terms) / len(claim_terms)


def term_overlap(query: str, text: str) -> float:
    """Share of the query's specific (non-generic) terms present in text."""
    q = set(content_terms(query, drop_generic=True))
    if not q:
        return 0.0
    return len(q & set(content_terms(text))) / len(q)


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    support: float


def best_quote(claim: str, passage: str, max_sentences: int = 2) -> Quote:
    """The span of passage (one sentence, or two adjacent) that best supports claim. Always verbatim."""
    spans = sentence_spans(passage) or [(0, len(passage))]
    best = Quote(passage[spans[0][0] : spans[0][1]], spans[0][0], spans[0][1], -1.0)
    for i, (a, _b) in enumerate(spans):
        for j in range(i, min(i + max_sentences, len(spans))):
            end = spans[j][1]
            quote = passage[a:end]
            score = lexical_support(claim, quote) - 0.002 * (j - i) * len(quote) / 100
            if score > best.support:
                best = Quote(quote, a, end, score)
    return Quote(best.text, best.start, best.end, lexical_support(claim, best.text))


def is_verbatim(quote: str, passage: str) -> bool:
    return bool(quote) and quote in passage
