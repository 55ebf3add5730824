"""Extractive answers: verbatim sentences chosen from the retrieved passages, best first, each quoted with its
locator and citation. Nothing is reworded; a comparison also quotes the other treaty's counterpart paragraph
(by the article alignment)."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import zip_longest

from ..compare.comparer import Comparer
from ..compare.crosswalk import crosswalk
from ..grounding import common_terms, content_terms, headed, sentence_spans, term_overlap
from ..ports import EmbedderPort, IndexReader, RetrieverPort
from ..retrieve.kinds import ASKING_VERBS, DEFINITION_Q, across_borders, kind_weight, part_asked, without_parts
from ..retrieve.query import about_several, article_titles, referred_titles, treaty_terms
from ..retrieve.vocabulary import mapped_terms, search_text, with_phrase_terms
from ..types import DocumentInfo, Hit, Retrieval
from .asking import article_opening, article_titled, asks_detail, second_part, which_article
from .compose import Picked, compose
from .coverage import Thresholds
from .directness import (
    ASKS_MEASURE,
    ASKS_NAME,
    ASKS_PERMISSION,
    ASKS_QUANTITY,
    SAVING,
    asked_head,
    bound_mismatch,
    carves_out,
    defines,
    defines_named,
    directness,
    is_option,
    lacks_figure,
    names_another,
    reporting,
    states_number,
)
from .forms import form_bonus, forms_asked
from .lead import formulas
from .quoting import (
    completed,
    first_substantive,
    grouped,
    introduced,
    introduction_end,
    quotable,
    second_article,
    whole_lists,
)
from .verdict import asks_if_crime, criminalises, subject_words, verdict

QUOTES = 3  # sentences quoted for an answer, before lists, counterparts and introductions are added
RANK_BONUS = 0.15  # over the retrieval rank of its passage (dev, 729: 0.10 and 0.20 both lost lead, 0.856 → 0.839, 0.843)
FIGURE_BONUS = 0.25  # a sentence stating a figure, for a question asking for one
NAME_BONUS = 0.15  # a sentence naming someone, for a question asking who (per name was measured: +1 -1 on dev)
PART_BONUS = 0.25  # a sentence of the part a question names (the resolution, the interpretative notes)
BORDER_BONUS = 0.15  # a cooperation chapter's sentence, for a question about a request from another country
CRIME_BONUS = 0.15  # a sentence making conduct an offence, for a question whether that conduct is a crime
FRAMING_PENALTY = 0.2  # a preamble's or a final clause's sentence, for a question not about a text's framing
OTHER_DEFINITION_PENALTY = 0.15  # a definition of a term the question neither names nor asks the meaning of
HEAD_BONUS = 0.2  # a sentence naming what a what/which question asks for ("What kind of penalties …?"; dev: 0.1, 0.2)
TERMS_BONUS = 0.15  # per share of the (not common) treaty terms the vocabulary gave the question's words ("take down")
ELSEWHERE = 0.85  # a quote from a second article of a document must score this share of the best's (others 0.75)
NO_FIGURE_LEAD = "The text does not set this figure. What it does set:"
# "paragraph 2 of this article", "paragraphs 1, sub-paragraphs d. and e, and 2": paragraphs of the sentence's own article
# a reservation or declaration withdrawn ("may at any time withdraw that reservation", "withdraw it"): about the
# withdrawing, not about what the paragraph it names reserves
_WITHDRAWS = re.compile(r"\bwithdraw (that|the|such|its|it|this)\b", re.I)
_OWN_PARAGRAPH = re.compile(r"\bparagraphs? (\d+)(?=[^.;]{0,60}\bof this article\b|,? sub-paragraph|\s*\(\w\)|\s+above\b)")
_LIST_ITEM = re.compile(r"^\s*\(?([a-z]{1,2}|[ivx]{1,5})\)")  # "(a) …", "b) …", "(iii) …"


class Extractor:
    def __init__(self, index: IndexReader, retriever: RetrieverPort, comparer: Comparer,
                 manifest: list[DocumentInfo], thresholds: Thresholds, sentence_embedder: EmbedderPort | None = None):
        self.index = index
        self.sentence_embedder = sentence_embedder or index.embedder
        self.retriever = retriever
        self.comparer = comparer
        self.manifest = manifest
        self.thresholds = thresholds
        self._learned: tuple[int, frozenset[tuple[str, ...]], dict[tuple[str, str], str], frozenset[str], dict[str, set[str]]] = \
            (-1, frozenset(), {}, frozenset(), {})

    def across(self, r: Retrieval) -> bool:
        """The question is about more than one treaty: it names two, or compares naming none (a treaty and the
        commentary on it is one treaty; :func:`query.about_several`)."""
        return about_several(r.question, [d for d in r.scope if self.retriever.is_treaty(d)])

    def formula(self) -> frozenset[tuple[str, ...]]:
        """The treaties' drafting formula (:func:`lead.formulas`), learnt from the indexed treaty texts alone (never
        from commentary, which anyone can add) and again when the index changes."""
        return self._learn()[0]

    def titles(self) -> dict[tuple[str, str], str]:
        """(document, article) → the article's title, for the index as it is now."""
        return self._learn()[1]

    def _learn(self) -> tuple[frozenset[tuple[str, ...]], dict[tuple[str, str], str], frozenset[str], dict[str, set[str]]]:
        """(drafting formula, titles, terms common to most passages, each treaty's terms) of the index as it is now."""
        version, chunks, _, _ = self.index.view()
        if self._learned[0] != version:
            treaties = {d.id for d in self.manifest if d.is_treaty}
            self._learned = (version, formulas(c.text for c in chunks if c.doc_id in treaties), article_titles(chunks),
                             common_terms([c.text for c in chunks]), treaty_terms(chunks, treaties))
        return self._learned[1:]

    def referred(self, doc_id: str, text: str) -> str:
        """The titles of the articles a sentence names (:func:`query.referred_titles`), in the index as it is now."""
        return referred_titles(self.titles(), doc_id, text)

    def paragraphs_named(self, chunk, text: str) -> str:
        """For an option or reservation, the opening sentences of the paragraphs of its own article it refers to
        ("Each Party may reserve the right not to apply … paragraph 2 of this article" → "… an attempt to commit any of
        the offences …"): what a bare reference is about, for matching the question's words, as :meth:`referred`
        gives an article's title. Other sentences that refer to a paragraph ("the request referred to in paragraph
        1") are about something else (measured on dev: read with them, five leads were lost and three won)."""
        numbers = list(dict.fromkeys(_OWN_PARAGRAPH.findall(text)))[:2]
        if not numbers or not chunk.article or not is_option(text) or _WITHDRAWS.search(text):
            return ""
        found = []
        for c in self.retriever.article_chunks(chunk.doc_id, chunk.article):
            number = re.match(r"\((\d+)\)", c.paragraph or "")
            if c.id != chunk.id and number and number.group(1) in numbers:
                spans = sentence_spans(c.text)
                found.append(c.text[slice(*first_substantive(c.text, spans))] if spans else "")
        return " ".join(found)

    def introduction(self, hit: Hit, start: int) -> str:
        """The first sentence of the paragraph a quote starting at ``start`` is from: for a list item, the
        sentence that introduces the list, in the chunk before when the list was split."""
        end = hit.chunk.text.find("\n", start)
        lines = hit.chunk.text[: end if end >= 0 else None].split("\n")  # up to the quote's line, whole
        chunks = self.retriever.article_chunks(hit.chunk.doc_id, hit.chunk.article) if hit.chunk.article else []
        before = chunks[: next((i for i, c in enumerate(chunks) if c.id == hit.chunk.id), 0)]
        while lines:
            line = lines.pop()
            if line.strip() and not _LIST_ITEM.match(line):
                line = re.sub(r"^\s*\d+\.\s+", "", line)  # the paragraph's number
                spans = sentence_spans(line)
                return line[spans[0][0]:spans[0][1]] if spans else line
            if not lines and before:
                lines = before.pop().text.split("\n")
        return ""

    def yes(self, r: Retrieval, hit: Hit, span: tuple[int, int]) -> str:
        """"Yes" ("No", "Optional") for a yes/no question the leading quote answers plainly (:func:`verdict.verdict`),
        else ""."""
        if r.query != r.question:  # a follow-up's subject is in the turn before
            return ""
        quote = hit.chunk.text[span[0]:span[1]]
        return verdict(r.question, r.searched or r.question, self.introduction(hit, span[0]), quote,
                       hit.chunk.article_title, self.paragraphs_named(hit.chunk, quote))

    def quotes(self, r: Retrieval) -> tuple[Picked, str, str]:
        """(the quoted sentences in answer order, a lead line or "", what the alignment says for the notice)."""
        hits = r.hits
        across = self.across(r)
        direct = [h for h in hits if "article" in h.sources]
        picked: Picked = []
        if direct and not asks_detail(r.question):
            # "What does Article 29 say?": the opening sentence of each paragraph, in order
            for h in direct[:4]:
                spans = sentence_spans(h.chunk.text)
                if spans:
                    picked.append((h, first_substantive(h.chunk.text, spans)))
        else:
            elsewhere = 0.0 if across else ELSEWHERE  # a comparison quotes each treaty's article
            # one sentence more is read than is quoted: a more direct answer ("A Party may reserve the right to
            # require … serious harm", for "Can a country insist …?") is not lost below three that match better;
            # a comparison quotes its best three in turns
            scored = self.scored_sentences(r, hits + r.context, limit=QUOTES + (not across), elsewhere=elsewhere)
            picked = self.ordered(r, scored, keep=QUOTES)
            picked = self.with_second_part(r, picked)
            asked = r.searched or r.question
            if picked and (key := which_article(r.question, asked, picked, hits + r.context, self.titles())):
                picked = article_opening(picked, hits + r.context, key, self.retriever.article_chunks)  # from its rule
            elif picked and across:  # each treaty's article titled with what is compared, from its rule
                picked = self.titled(r, picked, asked)
            elif picked and not defines(picked[0][0].chunk.text[slice(*picked[0][1])]) and \
                    (key := article_titled(asked, hits + r.context, self.titles())):  # what its title names
                opening = article_opening(picked, hits + r.context, key, self.retriever.article_chunks)
                picked = opening + [p for p in picked if p not in opening]  # its rule, then the other quotes
        answering = picked[:1]  # what the "Yes" reads: the best quote, not the introduction put before it
        picked = whole_lists(introduced(picked))  # "a) a minor engaged in …" after what it is a list of
        extra, aligned = self.other_side(r, picked)
        picked += extra
        # the figure asked for is not set by the text: say so, then quote what the text does set
        lead = NO_FIGURE_LEAD if picked and lacks_figure(r.question, picked) else ""
        if lead:
            instead = self.instead(r)
            shown = {(h.chunk.id, span) for h, span in instead}
            picked = instead + [(h, span) for h, span in picked if (h.chunk.id, span) not in shown][: max(1, 3 - len(instead))]
        if answering and not lead and not across and (word := self.yes(r, *answering[0])):
            lead = f"{word} —"
        return completed(picked), lead, aligned

    def titled(self, r: Retrieval, picked: Picked, asked: str) -> Picked:
        """A comparison's quotes, each treaty's opened by the rule of its article whose title names what is compared
        (:func:`quoting.article_titled`): "expedited preservation of stored data" sets Budapest Art. 16(1) beside
        UN Art. 25(1), not 16(4)'s "subject to Articles 14 and 15"."""
        found = r.hits + r.context
        for d in dict.fromkeys(h.chunk.doc_id for h, _ in picked):
            mine = [h for h in found if h.chunk.doc_id == d]
            if key := article_titled(asked, mine, self.titles()):
                first = next(p for p in picked if p[0].chunk.doc_id == d)
                opening = article_opening([first], mine, key, self.retriever.article_chunks)[0]
                at = picked.index(first)  # where the treaty's quotes begin; the opening is never before it
                picked = [*picked[:at], opening, *[p for p in picked[at:] if p != opening]]
        return picked

    def with_second_part(self, r: Retrieval, picked: Picked) -> Picked:
        """"…, and what kind of liability is it?": the sentence that best answers the second question is quoted
        after the first answer's, unless another quote already says it. The first quote, chosen for the first
        question, does not count: the next best within reach of it is taken instead."""
        second = second_part(r.question)
        if not second or not picked or r.query != r.question:
            return picked

        def within(quotes: Picked, h: Hit, span: tuple[int, int]) -> bool:
            return any(o.chunk.id == h.chunk.id and a <= span[0] and span[1] <= b for o, (a, b) in quotes)

        for h, span, _ in self.scored_sentences(replace(r, question=second, query=search_text(second)),
                                                r.hits + r.context):
            if within(picked[1:], h, span):
                return picked
            if not within(picked[:1], h, span):
                return [picked[0], (h, span), *picked[1:]][:4]
        return picked

    def instead(self, r: Retrieval) -> Picked:
        """For a figure the text does not set ("What prison term …?"), the rules that set what it does: a search
        for the treaty terms of the measure asked about ("sanctions deprivation of liberty"), within the
        question's scope; its obligations that use those terms ("… liable to effective, proportionate and
        dissuasive sanctions …"), one a treaty."""
        m = ASKS_MEASURE.search(r.question)
        terms = search_text(m.group(0))[len(m.group(0)):].strip(" ()") if m else ""
        if not terms:
            return []
        found = self.retriever.retrieve(terms, k=6, doc_ids=r.scope or None)
        wanted = set(content_terms(terms))
        out: Picked = []
        for h, span, _ in self.scored_sentences(found, found.hits, limit=6, ratio=0.0):
            text = h.chunk.text[span[0]:span[1]]
            if directness(text) > 0 and wanted & set(content_terms(text)) and \
                    h.chunk.doc_id not in {o.chunk.doc_id for o, _ in out}:
                out.append((h, span))
        return out

    compose = staticmethod(compose)  # the answer text from the quotes picked

    def ordered(self, r: Retrieval, scored: list[tuple[Hit, tuple[int, int], float]], keep: int = 0) -> Picked:
        """Quotes in the order they answer: the most direct first (the rule before its options and exceptions),
        a treaty the question names before any other; with ``keep``, the ``keep`` best matches, unless one
        read beyond them answers first. A comparison quotes the treaties in turn, in the order retrieval ranked
        them, each its most direct sentence first."""
        permission = bool(ASKS_PERMISSION.match(r.question))

        def key(item: tuple[Hit, tuple[int, int], float]) -> tuple[bool, float]:
            h, (a, b), score = item
            text = h.chunk.text[a:b]  # a list item says what its introduction says of it ("… may also …: (a) …")
            said = f"{self.introduction(h, a)} {text}" if _LIST_ITEM.match(text) else text
            # what only a preamble mentions is answered by its recital, not by a rule that does not mention it
            return (bool(r.scope) and h.chunk.doc_id not in r.scope,
                    -(score + (not r.framing) * directness(said, permission, r.question)
                      - SAVING * reporting(text, r.question)))

        best_first = [(h, span) for h, span, _ in sorted(scored, key=key)]
        if self.across(r):
            docs = dict.fromkeys(h.chunk.doc_id for h, _, _ in sorted(scored, key=lambda s: s[0].rank))
            turns = [[(h, span) for h, span in best_first if h.chunk.doc_id == d] for d in docs]
            return [p for turn in zip_longest(*turns) for p in turn if p is not None]
        if keep:  # a sentence read beyond the ``keep`` best matches is quoted only when it answers first
            beyond = {(h.chunk.id, span) for h, span, _ in scored[keep:]}
            best_first = [p for i, p in enumerate(best_first) if not i or (p[0].chunk.id, p[1]) not in beyond][:keep]
        return grouped(best_first)

    def other_side(self, r: Retrieval, picked: Picked) -> tuple[Picked, str]:
        """A comparison quotes every treaty in its scope: the counterpart (by the article alignment) of the
        first quoted paragraph, then, for treaties still unquoted, their best sentences from their own
        passages. Returns the extra quotes and what the alignment says, for the notice."""
        if not self.across(r):  # naming two treaties asks about both
            return [], ""
        kinds = {d.id: d.kind for d in self.manifest}
        pool = r.hits + r.context
        treaties = [d for d in dict.fromkeys(r.scope or [h.chunk.doc_id for h in pool])
                    if kinds.get(d) == "treaty" or (r.scope and kinds.get(d) == "protocol")]
        walk = crosswalk(self.comparer, picked, treaties, {d.id: d.short_name for d in self.manifest},
                         self.retriever.article_chunks)
        extra: Picked = []
        for h in walk.counterparts:
            spans = sentence_spans(h.chunk.text)
            best = self.best_sentences(r, [h], limit=1, ratio=0.0)
            extra += best or ([(h, first_substantive(h.chunk.text, spans))] if spans else [])
        have = {h.chunk.doc_id for h, _ in picked + extra}
        missing = [d for d in treaties if d not in have]
        for doc in missing:
            extra += self.best_sentences(r, [h for h in pool if h.chunk.doc_id == doc], limit=2)
        return extra, walk.notice

    def best_sentences(self, r: Retrieval, hits: list[Hit], limit: int = 3, ratio: float = 0.75) -> Picked:
        """The sentences that best answer, in reading order (hit order across passages)."""
        picked = [(h, span) for h, span, _ in self.scored_sentences(r, hits, limit, ratio)]
        picked.sort(key=lambda p: (p[0].rank, p[1][0]))
        return picked

    def scored_sentences(self, r: Retrieval, hits: list[Hit], limit: int = 3, ratio: float = 0.75,
                         elsewhere: float = 0.0) -> list[tuple[Hit, tuple[int, int], float]]:
        """The sentences that best answer, best first, with their scores: each at least ``ratio`` of the best's
        score, and one that is a second article's (:func:`quoting.second_article`) at least ``elsewhere`` of it."""
        spans = {h.chunk.id: sentence_spans(h.chunk.text) for h in hits}  # once a passage, not once a candidate
        found = [(h, span, text) for h in hits for span, text in quotable(h.chunk.text, spans[h.chunk.id])]
        candidates: Picked = [(h, span) for h, span, _ in found]
        texts = [text for _, _, text in found]  # what each candidate is scored by
        if not candidates:
            return []
        embedder = self.sentence_embedder
        vectors = embedder.encode([r.query] + [headed(h.chunk.heading, t) for (h, _), t in zip(candidates, texts, strict=False)])
        sims = vectors[1:] @ vectors[0]
        # an introduction run on through its list is also read alone, and counts by the better of the two: the rule's
        # own words ("States Parties shall cooperate with each other … for the purpose of:") are not drowned by its
        # items (dev, 548: key facts 0.932 → 0.938, lead unchanged: 1 won, 1 lost)
        alone = [(i, h.chunk.heading, h.chunk.text[a:e]) for i, (h, (a, b)) in enumerate(candidates)
                 if (e := introduction_end(h.chunk.text, spans[h.chunk.id], a, b))]
        if alone:
            own = embedder.encode([headed(heading, t) for _, heading, t in alone]) @ vectors[0]
            for (i, _, _), sim in zip(alone, own, strict=True):
                sims[i] = max(float(sims[i]), float(sim))
        figure = bool(ASKS_QUANTITY.search(r.query))
        who = bool(ASKS_NAME.search(r.question))
        forms = forms_asked(r.question)  # "On what grounds may … refuse?", "Can a State limit … to …?" (ANSWER_FORMS)
        # "Is grooming a crime …?": the conduct is matched, not "crime", which every offence's article echoes
        _, titles, common, terms = self._learn()  # once a question: reading them checks the index's state on disk
        crime = r.query == r.question and asks_if_crime(r.question)
        # matched without the treaties' names, as retrieval searched: a name's words in a passage ("General Assembly
        # resolutions 74/247") do not make it the answer
        unnamed = without_parts(r.searched if len(content_terms(r.searched or "", drop_generic=True)) >= 1 else r.query)
        # an everyday phrase is matched with its treaty terms too: "withdraw from" the treaty is to "denounce" it, not
        # to "withdraw that reservation"; not in a comparison, where the terms are often one treaty's own wording
        # ("round-the-clock" is Budapest's "twenty-four hour, seven-day-a-week", the UN's "24 hours a day")
        phrased = unnamed if self.across(r) else with_phrase_terms(unnamed)
        # the conduct asked about, in everyday words the texts asked never use, also in their terms ("prison")
        matched = with_phrase_terms(" ".join(subject_words(r.searched or r.query)),
                                    set().union(*(terms.get(d, set()) for d in r.scope or terms))) if crime else phrased
        if r.framing:  # "Does it cover terrorism?": matched on what is asked about, not on "offences covered by …"
            matched = " ".join(w for w in re.findall(r"[\w'-]+", matched) if w.lower() not in ASKING_VERBS)
        # what the question asks in everyday words, in the treaty's terms ("take down" → "remove … render
        # inaccessible"): a sentence that uses them answers what it asks, not only the subject it names
        mapped, head = mapped_terms(r.question) - common, asked_head(r.question)
        meaning = bool(DEFINITION_Q.search(r.question))  # "What counts as …?": any definition may be the one asked for
        # a sentence is matched with what it refers to: the titles of the articles it names, the paragraphs of its
        # own article an option names, and its article's own title ("the article on confidentiality and limitation
        # on use" is Art. 28's; measured on dev: lead 0.833 → 0.841, 8 won and 4 lost)
        scores = [
            float(sim) + 0.5 * term_overlap(matched, f"{t} {referred_titles(titles, h.chunk.doc_id, t)} "
                                                     f"{self.paragraphs_named(h.chunk, t)} {h.chunk.article_title}") + RANK_BONUS / h.rank
            + FIGURE_BONUS * (figure and states_number(t) and not bound_mismatch(r.question, t))
            + PART_BONUS * part_asked(h.chunk, r.query)  # "resolution 79/243", "the interpretative notes"
            + BORDER_BONUS * across_borders(h.chunk, r.query)  # "at another State's request": not the police's own
            + CRIME_BONUS * (crime and (criminalises(f"{self.introduction(h, span[0])} {t}") or carves_out(t, r.question)))
            - FRAMING_PENALTY * (kind_weight(h.chunk, r.query, framing=bool(r.framing)) < 1.0)
            + NAME_BONUS * (who and names_another(t, r.question) > 0)
            + form_bonus(forms, t)
            + TERMS_BONUS * (len(mapped & set(content_terms(t))) / len(mapped) if mapped else 0.0)
            + HEAD_BONUS * bool(head & set(content_terms(t)))
            - OTHER_DEFINITION_PENALTY * (not meaning and defines(t) and not defines_named(t, r.question))
            for sim, t, (h, span) in zip(sims, texts, candidates, strict=False)
        ]
        # near ties (within a hundredth) go by retrieval rank, then the text's order: the items of one list that a
        # question matches about equally (UN Art. 17(1) on laundering) are read from its start, not from (b)
        order = sorted(range(len(scores)), key=lambda i: (-round(scores[i], 2), candidates[i][0].rank,
                                                          candidates[i][1][0]))
        asked = set(content_terms(unnamed, drop_generic=True))
        picked: list[tuple[Hit, tuple[int, int], float]] = []
        per_chunk: dict[str, int] = {}
        for i in order:
            h, span = candidates[i]
            if scores[i] < self.thresholds.extractive_min_score or len(picked) >= limit:
                break
            if per_chunk.get(h.chunk.id, 0) >= 2 or any(o.chunk.id == h.chunk.id and o_span == span
                                                         for o, o_span, _ in picked):
                continue
            if picked and scores[i] < ratio * scores[order[0]]:
                break
            if picked and reporting(texts[i], r.question):  # a report to the depositary, quoted only as the answer
                continue
            if picked and scores[i] < elsewhere * scores[order[0]] and \
                    second_article(h.chunk, [o.chunk for o, _, _ in picked], asked):
                continue
            per_chunk[h.chunk.id] = per_chunk.get(h.chunk.id, 0) + 1
            picked.append((h, span, float(scores[i])))
        return [(h, (a, b), sc) for h, (a, b), sc in picked  # a list item already quoted with its introduction
                if not any(o.chunk.id == h.chunk.id and oa <= a and b <= ob and (oa, ob) != (a, b)
                           for o, (oa, ob), _ in picked)]
