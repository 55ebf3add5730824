"""Coverage: does the corpus hold what a question asks for? Decided in code from the retrieval, before any
answer is written: status questions, article numbers that do not exist, names and subjects the texts never
mention, and passages too far from the question all lead to an abstention with a notice that says why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..grounding import STOPWORDS, content_terms, stem, term_overlap
from ..ports import EmbedderPort, RetrieverPort
from ..retrieve.kinds import verb_words
from ..retrieve.mentions import exemplary
from ..retrieve.query import asks_status, national_law, strip_names
from ..retrieve.vocabulary import search_text
from ..types import DocumentInfo, Retrieval


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the eval set's answerable vs unanswerable questions (see docs/EVALUATION.md)."""

    covered_similarity: float = 0.42  # dense cosine of the best hit that alone shows coverage
    # below this nothing counts as coverage; all-mpnet-base-v2 scores a name-only question low ("Who is Eric
    # Wenger?" 0.16 against the paragraph naming him), and the overlap path needs most of the question's terms
    min_similarity: float = 0.15
    covered_overlap: float = 0.6  # share of the question's specific terms found in one hit
    sentence_support: float = 0.6  # share of a generated sentence's content words in its cited passage
    extractive_min_score: float = 0.2
    # a question saying this many specific things besides the words the texts never use, with a passage this close
    # to it, is about that passage: the words are its phrasing ("sent it unprompted", "helping someone commit …")
    phrasing_terms: int = 5
    phrasing_similarity: float = 0.7
    # a word the texts never use is their word in other words when a word of the passages found is this close to it
    # (sentence model, word against word): "disagreements" / "quarrels" and "disputes" 0.77-0.78, while no subject
    # the texts do not regulate came above 0.57 ("lobbying" / "advocating"; "cryptocurrency" 0.38)
    synonym_similarity: float = 0.7


# what someone says or publishes, beside the words asks_positions reads as a position ("report", "recommend")
_REPORTED = re.compile(r"\b(said|say|says|state[ds]?|statements?|reports?|recommend\w*|publish\w*|call(?:ed|s)? for|"
                       r"urge[ds]?|warn\w*|wrote|write)\b", re.I)

FETCH_HINT = "fetch it with `convention-assistant corpus fetch` on a machine with internet access"


class Coverage:
    def __init__(self, manifest: list[DocumentInfo], retriever: RetrieverPort, thresholds: Thresholds,
                 embedder: EmbedderPort | None = None):
        self.manifest = manifest
        self.retriever = retriever
        self.thresholds = thresholds
        self.embedder = embedder  # compares single words (the sentence model); None: no word has a synonym

    def judge(self, r: Retrieval) -> tuple[bool, str]:
        """(abstain, notice): does the corpus hold what the question asks for?"""
        names = {d.id: d.short_name for d in self.manifest}
        missing = ", ".join(names.get(d, d) for d in r.missing_docs)
        notice = (
            f"The text of the {missing} is not in the corpus ({FETCH_HINT}); passages shown come from other documents."
            if missing else ""
        )
        if asks_status(r.question):
            return True, self.status_notice(r)
        if law := national_law(r.question):
            return True, (f"The corpus holds the treaties and commentary on them, not {law}: it cannot say what "
                          "a country's own law provides, only what the treaties require of it.")
        if r.article_refs:
            direct = [h for h in r.hits if "article" in h.sources]
            if not direct:
                wanted = ", ".join(f"Article {a.article}" for a in r.article_refs[:3])
                if missing:
                    return True, f"{wanted} of the {missing} cannot be quoted: its text is not in the corpus ({FETCH_HINT})."
                return True, f"{wanted} does not exist in the indexed treaties, so there is nothing to quote."
            return False, notice
        if not r.hits:
            return True, notice
        # a name the texts never use is the question's subject, unless it is only an example ("like the EU")
        unknown = [n for n in self.retriever.unknown_names(r.question) if not exemplary(n, r.question)]
        if unknown:
            return True, f"The corpus says nothing about {', '.join(unknown[:3])}, so it cannot answer this question."
        positions = self.retriever.asks_positions(r.question)
        if dated := self._too_recent(r.question, positions):
            return True, dated
        unmentioned = [] if positions else \
            self.retriever.unmentioned_terms(r.question, r.scope or sorted(self.retriever.indexed_docs()))
        where = " and ".join(self._names(r.scope)) if r.scope else "the documents in the corpus"
        where = f"{where[0].upper()}{where[1:]}"
        one = bool(r.scope) and len(r.scope) == 1
        if not positions and (pointed := self._supplemented(r)):
            protocol, words = pointed
            return True, (f"{where} never mentions {', '.join(f'“{w}”' for w in words[:3])}: its text does not regulate this subject. "
                          f"The {protocol.short_name}, which supplements it, does: ask about the "
                          f"{protocol.short_name} to see its text.")
        if unmentioned and not self._incidental(r, unmentioned, self.thresholds) and not self._reworded(r, unmentioned):
            return True, (f"{where} never {'mentions' if one else 'mention'} {', '.join(f'“{w}”' for w in unmentioned[:3])}: the text "
                          "does not regulate this subject, so there is nothing to quote.")
        caveat = ""
        if unmentioned:  # the rest of the question is held by a passage: answered, but the reader is told
            words = ", ".join(f"“{w}”" for w in unmentioned[:3])
            caveat = (f"{where} never {'uses' if one else 'use'} the word{'s' if len(unmentioned) > 1 else ''} "
                      f"{words}; the quotes below are the closest passages, in the text's own words.")
        if r.framing and one:  # "Does the UN convention cover terrorism?": its recital is quoted, and the reader told
            said = list(dict.fromkeys(w for w in re.findall(r"[A-Za-z][\w-]+", r.question) if stem(w) in r.framing))
            only = f"{where} uses {', '.join(f'“{w}”' for w in said[:3])} only in its preamble, in none of its articles."
            caveat = " ".join(x for x in (caveat, only if said else "") if x)
        if missing and not positions:
            return True, f"The question is about the {missing}, whose text is not in the corpus ({FETCH_HINT})."
        t = self.thresholds
        top_sim = r.top_similarity
        # the question's words, with the treaties' own terms for its everyday ones ("round-the-clock" → "twenty-four
        # hour seven-day-a-week point of contact")
        asked = search_text(r.searched or r.query)
        overlap = max(term_overlap(asked, h.chunk.embed_text) for h in r.hits)
        covered = top_sim >= t.covered_similarity or (overlap >= t.covered_overlap and top_sim >= t.min_similarity)
        return (not covered), notice if not covered else " ".join(x for x in (notice, caveat) if x)

    def _reworded(self, r: Retrieval, words: list[str], reach: int = 5) -> bool:
        """Does every one of ``words`` (words the texts never use) have a word of the same meaning in the passages
        found or their headings ("disagreements" and "Settlement of disputes")? Then the question is about those
        passages in other words, answered with a caveat, not declined. Word against word with the sentence model;
        the closest word must reach ``Thresholds.synonym_similarity``."""
        if self.embedder is None or not r.hits:
            return False
        found = sorted({w.lower() for h in r.hits[:reach]
                        for w in re.findall(r"[A-Za-z][a-z-]{3,}", f"{h.chunk.heading} {h.chunk.text}")
                        if w.lower() not in STOPWORDS})
        if not found:
            return False
        vectors = self.embedder.encode(found + list(words))
        closest = (vectors[len(found):] @ vectors[: len(found)].T).max(axis=1)
        return bool((closest >= self.thresholds.synonym_similarity).all())

    @staticmethod
    def _incidental(r: Retrieval, words: list[str], t: Thresholds) -> bool:
        """Words the texts never use are only phrasing when one passage holds the rest of the question: at
        least three specific terms, half of them ("exempt … authorised testing … misuse of devices", "a contact
        point that is always reachable"), or both of two ("Which body oversees the implementation …?"); not a lone
        "regulate" beside "cryptocurrency", nor "regulate … exchanges" held by no one passage. A question that says
        much else, with a passage close to it in meaning, is also about that passage, in other words ("What if a
        country cannot respect the conditions attached to information another Party sent it unprompted?")."""
        text = r.searched or r.query
        phrasing = [*words, *verb_words(text)]  # an action ("creating … to deceive") is put in the text's own words
        rest = re.sub(r"\b(" + "|".join(map(re.escape, phrasing)) + r")\b|-", " ", text, flags=re.I)
        terms = len(set(content_terms(rest, drop_generic=True)))
        if terms < 2:
            return False
        if terms >= t.phrasing_terms and r.top_similarity >= t.phrasing_similarity:
            return True
        held = max((term_overlap(rest, h.chunk.embed_text) for h in r.hits), default=0.0)
        return held >= 0.5 if terms >= 3 else held == 1.0

    def _too_recent(self, question: str, positions: bool) -> str:
        """A question about positions (or naming someone whose positions a document reports) in a year after every
        such document was written ("What did Human Rights Watch's report of 2025 recommend?", with a briefing note
        of 2024): why it cannot be answered, or ""."""
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", question)]
        indexed = self.retriever.indexed_docs()
        sources = [d for d in self.manifest if d.actors and d.date[:4].isdigit() and d.id in indexed]
        text = strip_names(question, self.manifest, [d.id for d in self.manifest])  # "the UN convention": no actor
        named = positions or _REPORTED.search(text) and \
            any(re.search(rf"\b{re.escape(a)}\b", text) for d in sources for a in d.actors)
        if not years or not named or min(years) <= max(int(d.date[:4]) for d in sources):
            return ""
        dated = " and ".join(f"the {d.short_name} ({d.date})" for d in sources)
        return (f"The corpus reports positions only from {dated}, before {min(years)}: it cannot say what was said or "
                "published then.")

    def _supplemented(self, r: Retrieval) -> tuple[DocumentInfo, list[str]] | None:
        """A subject the one treaty a question names never mentions, however common its word, that a protocol
        supplementing it does ("Does the Budapest Convention require Parties to criminalise racist content?": the
        Additional Protocol's subject), unless a passage of the treaty holds the rest of the question ("possessing
        child sexual abuse images" is its child pornography offence): the protocol and those words."""
        if not r.scope or len(r.scope) != 1:
            return None
        indexed = self.retriever.indexed_docs()
        protocols = [d for d in self.manifest if d.supplements == r.scope[0] and d.id in indexed]
        absent = self.retriever.unmentioned_terms(r.question, r.scope, everyday=True) if protocols else []
        for protocol in protocols:
            there = set(self.retriever.unmentioned_terms(r.question, [protocol.id], everyday=True))
            words = [w for w in absent if w not in there]
            # the protocol's title states its subject ("… acts of a racist and xenophobic nature …"); a word it uses
            # elsewhere is the subject unless a passage of the treaty holds the rest ("child sexual abuse images")
            subject = [w for w in words if stem(w) in content_terms(protocol.title)]
            if subject or words and not self._incidental(r, words, self.thresholds):
                return protocol, words
        return None

    def _names(self, doc_ids: list[str]) -> list[str]:
        return [f"the {d.short_name}" for d in self.manifest if d.id in doc_ids]

    def status_notice(self, r: Retrieval) -> str:
        """Who signed or ratified, reservations made, entry into force: the depositary's records, not the text."""
        named = [d for d in self.manifest if d.is_treaty and d.status_url and d.id in (r.scope or [])] or \
            [d for d in self.manifest if d.is_treaty and d.status_url and d.default]
        links = "; ".join(f"{d.short_name}: {d.status_url}" for d in named)
        return ("The corpus holds the treaty texts, not their status: signatures, ratifications, reservations and "
                f"entry into force are recorded by the depositary. See its status page ({links}).")
