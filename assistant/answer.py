"""The answering chain: question (+ history) → retrieval → extractive or generative answer →
grounding enforced in code → :class:`Answer` with verbatim, checkable citations.

Grounding does not rely on the model: the code chooses the passages; every answer sentence must be
supported by a passage it cites (lexical support of its content words); unsupported sentences are
dropped; a question the passages do not cover gets an abstention, not a guess.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda

from .compare import Comparer
from .config import Settings
from .crosswalk import crosswalk
from .directness import ASKS_QUANTITY, directness, states_number
from .documents import load_manifest
from .grounding import best_quote, content_terms, lexical_support, sentence_spans, sentences, term_overlap
from .index import Index
from .llm import model_errors
from .prompts import PROMPT, format_passages
from .query import article_refs, asks_comparison, asks_status
from .quoting import add_citation, asks_detail, first_substantive, lacks_figure, run_on, strip_markers
from .retrieval import Retrieval, Retriever
from .types import Answer, Chunk, Citation, DocumentInfo, Hit, InputError, LLMUnavailableError, Sentence

FIGURE_BONUS = 0.25  # a sentence stating a figure, for a question asking for one
ABSTAIN_TEXT = "The documents in the corpus do not cover this question, so I cannot answer it from them."
NO_FIGURE_TEXT = "The documents in the corpus do not state this figure, so I cannot answer it from them."
NO_FIGURE_LEAD = "The text does not set this figure. What it does set:"


@dataclass
class Evidence:
    """Verbatim sentences for a question: (hit, (start, end)) spans, and whether they can support an answer."""

    retrieval: Retrieval
    picked: list[tuple[Hit, tuple[int, int]]]
    notice: str  # why not (when not covered), or a caveat (e.g. a document named but missing)
    covered: bool = True


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the eval set's answerable vs unanswerable questions (see docs/EVALUATION.md)."""

    covered_similarity: float = 0.42  # dense cosine of the best hit that alone shows coverage
    min_similarity: float = 0.25  # below this nothing counts as coverage
    covered_overlap: float = 0.6  # share of the question's specific terms found in one hit
    sentence_support: float = 0.6  # share of a generated sentence's content words in its cited passage
    extractive_min_score: float = 0.2


class Assistant:
    def __init__(self, settings: Settings | None = None, *, index: Index | None = None,
                 retriever: Retriever | None = None, llm=None, thresholds: Thresholds | None = None,
                 comparer: Comparer | None = None, manifest: list[DocumentInfo] | None = None):
        """Every part defaults to the real one built from ``settings``; pass others (see :mod:`fakes`) to test."""
        self.settings = settings or Settings.from_env()
        self.manifest = manifest if manifest is not None else load_manifest(self.settings.manifest_path)
        self.index = index or (retriever.index if retriever else Index(self.settings))
        self.retriever = retriever or Retriever(self.index, self.manifest)
        self.comparer = comparer or Comparer(self.index)  # the article alignment, for comparison answers
        self._llm = llm
        self.thresholds = thresholds or Thresholds()
        self.chain = RunnableLambda(self._prepare) | RunnableLambda(self._respond)
        # one model call at a time per process: on 2 cores parallel generations only slow each other down
        self._llm_slots = threading.BoundedSemaphore(max(1, self.settings.llm_concurrency))

    # ------------------------------------------------------------------ public API
    @property
    def llm(self):
        if self._llm is None:
            from .llm import chat_model

            self._llm = chat_model(self.settings)
        return self._llm

    def ask(self, question: str, history: list[tuple[str, str]] | None = None, mode: str | None = None,
            doc_ids: list[str] | None = None, k: int | None = None) -> Answer:
        return self.chain.invoke({"question": question, "history": history, "mode": mode, "doc_ids": doc_ids, "k": k})

    def stream(self, question: str, history: list[tuple[str, str]] | None = None, mode: str | None = None,
               doc_ids: list[str] | None = None, k: int | None = None) -> Iterator[str | Answer]:
        """Yield text deltas as they are generated, then the final grounded Answer."""
        state = self._prepare({"question": question, "history": history, "mode": mode, "doc_ids": doc_ids, "k": k})
        if state["mode"] == "generative" and not state["abstain"]:
            parts: list[str] = []
            try:
                for delta in self._generate_stream(state):
                    parts.append(delta)
                    yield delta
            except LLMUnavailableError as exc:
                yield self._fallback(state, exc)
                return
            yield self._ground_generated(state, "".join(parts))
        else:
            yield self._respond(state)

    # ------------------------------------------------------------------ chain steps
    def validate(self, question: str) -> str:
        if question is None or not str(question).strip():
            raise InputError("the question is empty: type a question about the corpus")
        question = re.sub(r"\s+", " ", str(question)).strip()
        if len(question) > self.settings.max_question_chars:
            raise InputError(
                f"the question is {len(question):,} characters long; the limit is {self.settings.max_question_chars:,}"
            )
        return question

    def _prepare(self, inputs: dict) -> dict:
        t0 = time.perf_counter()
        question = self.validate(inputs["question"])
        mode = inputs.get("mode") or self.settings.mode
        if mode not in {"extractive", "generative"}:
            raise InputError(f"unknown mode {mode!r}: use extractive or generative")
        k = inputs.get("k") or self.settings.top_k
        if not 1 <= int(k) <= 20:
            raise InputError(f"the number of passages must be between 1 and 20, not {k}")
        retrieval = self.retriever.retrieve(question, k=k, doc_ids=inputs.get("doc_ids"),
                                            history=inputs.get("history"), candidates=self.settings.candidate_k)
        abstain, notice = self._coverage(retrieval)
        return {"question": question, "mode": mode, "retrieval": retrieval, "abstain": abstain, "notice": notice,
                "t0": t0, "timings": {"retrieve": time.perf_counter() - t0, **retrieval.timings}}

    def _respond(self, state: dict) -> Answer:
        if state["abstain"]:
            return self._abstention(state)
        if state["mode"] == "generative":
            try:
                text = "".join(self._generate_stream(state))
            except LLMUnavailableError as exc:
                return self._fallback(state, exc)
            return self._ground_generated(state, text)
        return self._extractive(state)

    # ------------------------------------------------------------------ coverage
    def _coverage(self, r: Retrieval) -> tuple[bool, str]:
        """(abstain, notice): does the corpus hold what the question asks for?"""
        names = {d.id: d.short_name for d in self.manifest}
        missing = ", ".join(names.get(d, d) for d in r.missing_docs)
        notice = (
            f"The text of the {missing} is not in the corpus (fetch it with `convention-assistant corpus fetch` "
            "on a machine with internet access); passages shown come from other documents."
            if missing else ""
        )
        if asks_status(r.question):
            return True, self._status_notice(r)
        if r.article_refs:
            direct = [h for h in r.hits if "article" in h.sources]
            if not direct:
                wanted = ", ".join(f"Article {a.article}" for a in r.article_refs[:3])
                if missing:
                    return True, (f"{wanted} of the {missing} cannot be quoted: its text is not in the corpus "
                                  "(fetch it with `convention-assistant corpus fetch` on a machine with internet access).")
                return True, f"{wanted} does not exist in the indexed treaties, so there is nothing to quote."
            return False, notice
        if not r.hits:
            return True, notice
        unknown = self.retriever.unknown_names(r.question)
        if unknown:
            return True, f"The corpus says nothing about {', '.join(unknown[:3])}, so it cannot answer this question."
        positions = self.retriever.asks_positions(r.question)
        unmentioned = [] if positions else \
            self.retriever.unmentioned_terms(r.question, r.scope or sorted(self.retriever.indexed_docs()))
        if unmentioned and not self._incidental(r, unmentioned):
            where = " and ".join(self._names(r.scope)) if r.scope else "the documents in the corpus"
            verb = "mentions" if r.scope and len(r.scope) == 1 else "mention"
            return True, (f"{where[0].upper()}{where[1:]} never {verb} {', '.join(unmentioned[:3])}: the text does not "
                          "regulate this subject, so there is nothing to quote.")
        if missing and not positions:
            return True, (f"The question is about the {missing}, whose text is not in the corpus (fetch it with "
                          "`convention-assistant corpus fetch` on a machine with internet access).")
        t = self.thresholds
        top_sim = r.top_similarity
        overlap = max(term_overlap(r.searched or r.query, h.chunk.embed_text) for h in r.hits)
        covered = top_sim >= t.covered_similarity or (overlap >= t.covered_overlap and top_sim >= t.min_similarity)
        return (not covered), notice

    @staticmethod
    def _incidental(r: Retrieval, words: list[str]) -> bool:
        """Words the texts never use are only phrasing when one passage holds the rest of the question: at
        least three specific terms, three quarters of them ("exempt … authorised testing … misuse of
        devices"), not a lone "regulate" beside "cryptocurrency"."""
        rest = re.sub(r"\b(" + "|".join(map(re.escape, words)) + r")\b|-", " ", r.searched or r.query, flags=re.I)
        if len(set(content_terms(rest, drop_generic=True))) < 3:
            return False
        return max((term_overlap(rest, h.chunk.embed_text) for h in r.hits), default=0.0) >= 0.75

    def _names(self, doc_ids: list[str]) -> list[str]:
        return [f"the {d.short_name}" for d in self.manifest if d.id in doc_ids]

    def _status_notice(self, r: Retrieval) -> str:
        """Who signed or ratified, reservations made, entry into force: the depositary's records, not the text."""
        named = [d for d in self.manifest if d.is_treaty and d.status_url and d.id in (r.scope or [])] or \
            [d for d in self.manifest if d.is_treaty and d.status_url and d.default]
        links = "; ".join(f"{d.short_name}: {d.status_url}" for d in named)
        return ("The corpus holds the treaty texts, not their status: signatures, ratifications, reservations and "
                f"entry into force are recorded by the depositary. See its status page ({links}).")

    # ------------------------------------------------------------------ extractive
    def _extractive(self, state: dict, notice: str = "") -> Answer:
        t_start = time.perf_counter()
        r: Retrieval = state["retrieval"]
        hits = r.hits
        direct = [h for h in hits if "article" in h.sources]
        picked: list[tuple[Hit, tuple[int, int]]] = []
        if direct and not asks_detail(r.question):
            # "What does Article 29 say?": the opening sentence of each paragraph, in order
            for h in direct[:4]:
                spans = sentence_spans(h.chunk.text)
                if spans:
                    picked.append((h, first_substantive(h.chunk.text, spans)))
        else:
            picked = self._ordered(r, self._scored_sentences(r, hits + r.context))
        extra, aligned = self._other_side(r, picked)
        picked += extra
        if not picked:
            return self._abstention(state)
        lead = ""
        if lacks_figure(r.question, picked):
            # the figure asked for is not set by the text: say so, then quote what the text does set
            lead = NO_FIGURE_LEAD
        citations: list[Citation] = []
        parts: list[Sentence] = []
        titled: set[tuple[str, str]] = set()
        for hit, (a, b) in picked:
            quote = hit.chunk.text[a:b]
            n = add_citation(citations, hit.chunk, quote, 1.0)
            label = citations[n - 1].locator
            key = (hit.chunk.doc_id, hit.chunk.article)
            if direct and hit.chunk.article_title and key not in titled:  # "Art. 2 (Illegal access)"
                titled.add(key)
                label += f" ({hit.chunk.article_title})"
            parts.append(Sentence(f"{label}: “{quote}” [{n}]", [n], 1.0))
        text = "\n\n".join([lead] * bool(lead) + [s.text for s in parts])
        timings = {**state["timings"], "answer": time.perf_counter() - t_start}
        timings["total"] = time.perf_counter() - state["t0"]
        timings.setdefault("first_token", timings["total"])
        return Answer(state["question"], text, citations, False, "extractive", timings, r.query, "supported", parts,
                      hits=hits + r.context, notice=" ".join(x for x in (state["notice"], notice, aligned) if x))

    def _ordered(self, r: Retrieval, scored: list[tuple[Hit, tuple[int, int], float]]) -> list[tuple[Hit, tuple[int, int]]]:
        """Quotes in the order they answer: the most direct first (the rule before its options and exceptions),
        a treaty the question names before any other. A comparison keeps the retrieval's alternation."""
        if asks_comparison(r.question) or len(r.scope) > 1:
            return sorted(((h, span) for h, span, _ in scored), key=lambda p: (p[0].rank, p[1][0]))

        def key(item: tuple[Hit, tuple[int, int], float]) -> tuple[bool, float]:
            h, (a, b), score = item
            return (bool(r.scope) and h.chunk.doc_id not in r.scope, -(score + directness(h.chunk.text[a:b])))

        return [(h, span) for h, span, _ in sorted(scored, key=key)]

    def _other_side(self, r: Retrieval, picked: list[tuple[Hit, tuple[int, int]]]) -> tuple[list, str]:
        """A comparison quotes every treaty in its scope: the counterpart (by the article alignment) of the
        first quoted paragraph, then, for treaties still unquoted, their best sentences from their own
        passages. Returns the extra quotes and what the alignment says, for the notice."""
        kinds = {d.id: d.kind for d in self.manifest}
        named = [d for d in r.scope if kinds.get(d) in ("treaty", "protocol")]
        if not asks_comparison(r.question) and len(named) < 2:  # naming two treaties asks about both
            return [], ""
        pool = r.hits + r.context
        treaties = [d for d in dict.fromkeys(r.scope or [h.chunk.doc_id for h in pool])
                    if kinds.get(d) == "treaty" or (r.scope and kinds.get(d) == "protocol")]
        walk = crosswalk(self.comparer, picked, treaties, {d.id: d.short_name for d in self.manifest},
                         self.retriever.article_chunks)
        extra: list[tuple[Hit, tuple[int, int]]] = []
        for h in walk.counterparts:
            spans = sentence_spans(h.chunk.text)
            best = self._best_sentences(r, [h], limit=1, ratio=0.0)
            extra += best or ([(h, first_substantive(h.chunk.text, spans))] if spans else [])
        have = {h.chunk.doc_id for h, _ in picked + extra}
        missing = [d for d in treaties if d not in have]
        for doc in missing:
            extra += self._best_sentences(r, [h for h in pool if h.chunk.doc_id == doc], limit=2)
        return extra, walk.notice

    def evidence(self, question: str, k: int = 8, limit: int = 6, doc_ids: list[str] | None = None,
                 ratio: float = 0.6) -> Evidence:
        """One retrieval for a question, its best verbatim sentences and whether they can support an answer
        (the same coverage rules as :meth:`ask`); for briefs."""
        state = self._prepare({"question": question, "mode": "extractive", "doc_ids": doc_ids, "k": k})
        r: Retrieval = state["retrieval"]
        picked = [] if state["abstain"] else self._best_sentences(r, r.hits + r.context, limit=limit, ratio=ratio)
        if state["abstain"] or not picked:
            return Evidence(r, [], state["notice"] or ABSTAIN_TEXT, covered=False)
        if lacks_figure(r.question, picked):
            return Evidence(r, [], state["notice"] or NO_FIGURE_TEXT, covered=False)
        return Evidence(r, picked, state["notice"])

    def _best_sentences(self, r: Retrieval, hits: list[Hit], limit: int = 3,
                        ratio: float = 0.75) -> list[tuple[Hit, tuple[int, int]]]:
        """The sentences that best answer, in reading order (hit order across passages)."""
        picked = [(h, span) for h, span, _ in self._scored_sentences(r, hits, limit, ratio)]
        picked.sort(key=lambda p: (p[0].rank, p[1][0]))
        return picked

    def _scored_sentences(self, r: Retrieval, hits: list[Hit], limit: int = 3,
                          ratio: float = 0.75) -> list[tuple[Hit, tuple[int, int], float]]:
        """The sentences that best answer, best first, with their scores."""
        candidates: list[tuple[Hit, tuple[int, int]]] = []
        for h in hits:
            for span in sentence_spans(h.chunk.text):
                if len(content_terms(h.chunk.text[span[0] : span[1]])) >= 3:
                    candidates.append((h, span))
        if not candidates:
            return []
        texts = [h.chunk.text[a:b] for h, (a, b) in candidates]
        embedder = self.index.embedder
        vectors = embedder.encode([r.query] + [f"{h.chunk.heading}: {t}" for (h, _), t in zip(candidates, texts, strict=False)])
        sims = vectors[1:] @ vectors[0]
        figure = bool(ASKS_QUANTITY.search(r.query))
        scores = [
            float(sim) + 0.5 * term_overlap(r.query, t) + 0.15 / h.rank + FIGURE_BONUS * (figure and states_number(t))
            for sim, t, (h, _) in zip(sims, texts, candidates, strict=False)
        ]
        order = np.argsort(scores)[::-1]
        picked: list[tuple[Hit, tuple[int, int]]] = []
        per_chunk: dict[str, int] = {}
        for i in order:
            h, span = candidates[i]
            if scores[i] < self.thresholds.extractive_min_score or len(picked) >= limit:
                break
            if per_chunk.get(h.chunk.id, 0) >= 2:
                continue
            if picked and scores[i] < ratio * scores[order[0]]:
                break
            per_chunk[h.chunk.id] = per_chunk.get(h.chunk.id, 0) + 1
            picked.append((h, span, float(scores[i])))
        # a sentence that introduces a list ("… shall apply … to:") brings its list
        picked = [(h, run_on(h.chunk.text, spans, spans.index(span)) if (spans := sentence_spans(h.chunk.text))
                   and span in spans else span, sc) for h, span, sc in picked]
        return [(h, (a, b), sc) for h, (a, b), sc in picked  # a list item already quoted with its introduction
                if not any(o.chunk.id == h.chunk.id and oa <= a and b <= ob and (oa, ob) != (a, b)
                           for o, (oa, ob), _ in picked)]

    # ------------------------------------------------------------------ generative
    def _passages(self, r: Retrieval) -> list[Chunk]:
        return [h.chunk for h in r.hits] + [h.chunk for h in r.context[:3]]

    def _generate_stream(self, state: dict) -> Iterator[str]:
        r: Retrieval = state["retrieval"]
        passages = self._passages(r)
        chain = PROMPT | self.llm | StrOutputParser()
        inputs = {"passages": format_passages([(c.locator, c.text) for c in passages]), "question": r.query}
        t = time.perf_counter()
        try:
            with self._llm_slots:
                yield from self._timed(chain.stream(inputs), state)
        except LLMUnavailableError:
            raise
        except model_errors() as exc:  # only the endpoint's failures; a bug surfaces as a bug
            raise LLMUnavailableError(f"the language model failed ({type(exc).__name__}: {exc})") from exc
        state["timings"]["generate"] = time.perf_counter() - t

    @staticmethod
    def _timed(deltas: Iterator[str], state: dict) -> Iterator[str]:
        first = True
        for delta in deltas:
            if first:
                state["timings"]["first_token"] = time.perf_counter() - state["t0"]
                first = False
            yield delta

    def _ground_generated(self, state: dict, raw: str) -> Answer:
        t = time.perf_counter()
        r: Retrieval = state["retrieval"]
        passages = self._passages(r)
        if "NOT COVERED" in raw.upper() and len(content_terms(raw.replace("NOT COVERED", ""))) < 4:
            # the coverage check found passages that bear on the question, yet the (small) model declined:
            # show the passages' own words, flagged, rather than nothing
            return self._extractive(state, notice="The model found no answer in these passages; here are their "
                                                  "own words — check whether they answer the question.")
        citations: list[Citation] = []
        kept: list[Sentence] = []
        dropped = 0
        articles = self._treaty_articles()  # a sentence may only name articles some indexed treaty has
        for sent in sentences(raw):
            claimed = [int(n) for n in re.findall(r"\[(\d{1,2})\]", sent)]
            clean = strip_markers(sent)
            if len(content_terms(clean)) < 2:
                continue
            if any(ref.article not in articles for ref in article_refs(clean)):  # "Article 99 requires…"
                dropped += 1
                continue
            valid = [passages[n - 1] for n in claimed if 1 <= n <= len(passages)]
            best = None
            for pool in (valid, passages):
                for chunk in pool:
                    quote = best_quote(clean, chunk.text)
                    support = max(quote.support, lexical_support(clean, chunk.text) * 0.9)
                    if best is None or support > best[0]:
                        best = (support, chunk, quote.text)
                if best and best[0] >= self.thresholds.sentence_support:
                    break
            if best is None or best[0] < self.thresholds.sentence_support:
                dropped += 1
                continue
            n = add_citation(citations, best[1], best[2], best[0])
            kept.append(Sentence(f"{clean} [{n}]", [n], best[0]))
        timings = {**state["timings"], "ground": time.perf_counter() - t}
        timings["total"] = time.perf_counter() - state["t0"]
        if not kept:
            return self._extractive(state, notice="The generated answer could not be matched to the passages; "
                                                  "showing the passages' own words instead.")
        grounding = "supported" if dropped == 0 else "partial"
        notice = state["notice"]
        if dropped:
            notice = (notice + " " if notice else "") + f"{dropped} unsupported sentence(s) removed from the generated answer."
        return Answer(state["question"], " ".join(s.text for s in kept), citations, False, "generative", timings,
                      r.query, grounding, kept, hits=r.hits + r.context, notice=notice)

    def _treaty_articles(self) -> set[str]:
        treaties = {d.id for d in self.manifest if d.is_treaty}
        return {c.article for c in self.retriever.chunks if c.article and c.doc_id in treaties}

    def _fallback(self, state: dict, exc: LLMUnavailableError) -> Answer:
        if not self.settings.llm_fallback_extractive:
            raise exc
        return self._extractive(state, notice=f"{exc}; showing the extractive answer instead.")

    def _abstention(self, state: dict) -> Answer:
        r: Retrieval = state["retrieval"]
        timings = {**state["timings"], "total": time.perf_counter() - state["t0"]}
        text = state["notice"] or ABSTAIN_TEXT
        return Answer(state["question"], text, [], True, state["mode"], timings, r.query, "unsupported",
                      hits=r.hits + r.context, notice=state["notice"])
