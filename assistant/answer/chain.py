"""The answering chain: question (+ history) → retrieval → coverage → extractive or generative answer →
grounding enforced in code → :class:`Answer` with verbatim, checkable citations.

One LCEL pipeline carries both ``ask`` and ``stream``: ``prepare`` (validate, retrieve, judge coverage) builds a
typed :class:`Turn`; ``respond`` turns it into text deltas (a written answer, as the model writes it) and ends
with the grounded :class:`Answer`. ``ask`` is the stream's last item.

Grounding does not rely on the model: the code chooses the passages; every answer sentence must be
supported by a passage it cites (lexical support of its content words); unsupported sentences are
dropped; a question the passages do not cover gets an abstention, not a guess.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from langchain_core.runnables import RunnableGenerator, RunnableLambda

from ..compare.comparer import Comparer
from ..config import AnswerMode, Settings
from ..ingest.documents import load_manifest
from ..ports import EmbedderPort
from ..retrieve.retriever import Retriever
from ..store.index import Index
from ..types import Answer, Chunk, DocumentInfo, Draft, Hit, InputError, LLMUnavailableError, Retrieval
from . import generative
from .coverage import Coverage, Thresholds
from .directness import lacks_figure
from .extractive import Extractor
from .quoting import in_answer_order, introduced

ABSTAIN_TEXT = "The documents in the corpus do not cover this question, so I cannot answer it from them."
NO_FIGURE_TEXT = "The documents in the corpus do not state this figure, so I cannot answer it from them."
MODEL_DECLINED = ("The model found no answer in these passages; here are their own words — check whether they "
                  "answer the question.")
NOT_MATCHED = "The generated answer could not be matched to the passages; showing the passages' own words instead."

__all__ = ["ABSTAIN_TEXT", "Assistant", "Evidence", "Thresholds", "Turn"]


@dataclass
class Turn:
    """What one question carries between the pipeline's steps."""

    question: str  # validated, whitespace-normalised
    mode: AnswerMode
    retrieval: Retrieval
    abstain: bool  # the corpus does not cover the question
    notice: str  # why not, or a caveat shown with the answer
    t0: float  # perf_counter at the start, for timings
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Evidence:
    """Verbatim sentences for a question: (hit, (start, end)) spans, and whether they can support an answer."""

    retrieval: Retrieval
    picked: list[tuple[Hit, tuple[int, int]]]
    notice: str  # why not (when not covered), or a caveat (e.g. a document named but missing)
    covered: bool = True


class Assistant:
    def __init__(self, settings: Settings | None = None, *, index: Index | None = None,
                 retriever: Retriever | None = None, llm=None, thresholds: Thresholds | None = None,
                 comparer: Comparer | None = None, manifest: list[DocumentInfo] | None = None,
                 sentence_embedder: EmbedderPort | None = None):
        """Every part defaults to the real one built from ``settings``; pass others (see :mod:`fakes`) to test."""
        self.settings = settings or Settings.from_env()
        self.manifest = manifest if manifest is not None else load_manifest(self.settings.manifest_path)
        self.index = index or (retriever.index if retriever else Index(self.settings))
        self.retriever = retriever or Retriever(self.index, self.manifest, sentence_embedder=sentence_embedder)
        self.comparer = comparer or Comparer(self.index)  # the article alignment, for comparison answers
        self._llm = llm
        self.thresholds = thresholds or Thresholds()
        sentences = sentence_embedder or getattr(self.retriever, "sentence_embedder", None) or self.index.embedder
        self.coverage = Coverage(self.manifest, self.retriever, self.thresholds, sentences)
        self.extractor = Extractor(self.index, self.retriever, self.comparer, self.manifest, self.thresholds, sentences)
        self.chain = RunnableLambda(self._prepare, name="prepare") | RunnableGenerator(self._respond, name="respond")
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
        answer = None
        for answer in self.stream(question, history, mode, doc_ids, k):  # noqa: B007 - the last item is the answer
            pass
        assert isinstance(answer, Answer)
        return answer

    def stream(self, question: str, history: list[tuple[str, str]] | None = None, mode: str | None = None,
               doc_ids: list[str] | None = None, k: int | None = None) -> Iterator[str | Draft | Answer]:
        """Yield, for a written answer, the quotes it is written from (a Draft) and the text deltas as they are
        generated; then the final grounded Answer."""
        yield from self.chain.stream({"question": question, "history": history, "mode": mode, "doc_ids": doc_ids,
                                      "k": k})

    def validate(self, question: str) -> str:
        if question is None or not str(question).strip():
            raise InputError("the question is empty: type a question about the corpus")
        question = re.sub(r"\s+", " ", str(question)).strip()
        if len(question) > self.settings.max_question_chars:
            raise InputError(
                f"the question is {len(question):,} characters long; the limit is {self.settings.max_question_chars:,}"
            )
        return question

    def evidence(self, question: str, k: int = 8, limit: int = 6, doc_ids: list[str] | None = None,
                 ratio: float = 0.6) -> Evidence:
        """One retrieval for a question, its best verbatim sentences and whether they can support an answer
        (the same coverage rules as :meth:`ask`); for briefs."""
        turn = self._prepare({"question": question, "mode": "extractive", "doc_ids": doc_ids, "k": k})
        r = turn.retrieval
        picked = [] if turn.abstain else introduced(self.extractor.best_sentences(r, r.hits + r.context, limit=limit,
                                                                                ratio=ratio))
        if turn.abstain or not picked:
            return Evidence(r, [], turn.notice or ABSTAIN_TEXT, covered=False)
        if lacks_figure(r.question, picked):
            return Evidence(r, [], turn.notice or NO_FIGURE_TEXT, covered=False)
        return Evidence(r, picked, turn.notice)

    # ------------------------------------------------------------------ pipeline steps
    def _prepare(self, inputs: dict) -> Turn:
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
        abstain, notice = self.coverage.judge(retrieval)
        return Turn(question, mode, retrieval, abstain, notice, t0,
                    {"retrieve": time.perf_counter() - t0, **retrieval.timings})

    def _respond(self, turns: Iterable[Turn]) -> Iterator[str | Draft | Answer]:
        for turn in turns:
            if turn.abstain:
                yield self._abstention(turn)
            elif turn.mode == "generative":
                yield from self._written(turn)
            else:
                yield self._extractive(turn)

    # ------------------------------------------------------------------ answers
    def _extractive(self, turn: Turn) -> Answer:
        t_start = time.perf_counter()
        r = turn.retrieval
        picked, lead, aligned = self.extractor.quotes(r)
        if not picked:
            return self._abstention(turn)
        text, citations, parts = self.extractor.compose(r, picked, lead, self.extractor.formula(),
                                                          self.extractor.across(r))
        timings = {**turn.timings, "answer": time.perf_counter() - t_start}
        timings["total"] = time.perf_counter() - turn.t0
        timings.setdefault("first_token", timings["total"])
        return Answer(turn.question, text, citations, False, "extractive", timings, r.query, "supported", parts,
                      hits=in_answer_order(picked, r.hits + r.context), notice=" ".join(x for x in (turn.notice, aligned) if x))

    def _written(self, turn: Turn) -> Iterator[str | Draft | Answer]:
        """The quotes the code chose, at once (a Draft); the model's text as it is written from them alone; then
        the answer grounded sentence by sentence. Without quotes there is nothing to write from: the answer is
        the extractive one (an abstention)."""
        draft = self._extractive(turn)
        if draft.abstained or not draft.citations:
            yield draft
            return
        yield Draft(draft)
        # a quote may come from a passage the retrieval did not return (a counterpart by the alignment)
        quoted = generative.passages(draft, {c.id: c for c in self.retriever.chunks}, turn.retrieval.query)
        if not quoted:
            yield draft
            return
        parts: list[str] = []
        try:
            for delta in generative.generate(self.llm, quoted, turn.retrieval.query, self._llm_slots, turn.t0,
                                             turn.timings):
                parts.append(delta)
                yield delta
        except LLMUnavailableError as exc:
            if not self.settings.llm_fallback_extractive:
                raise
            yield self._noted(draft, f"{exc}; showing the extractive answer instead.", turn)
            return
        yield self._grounded(turn, "".join(parts), draft, quoted)

    def _grounded(self, turn: Turn, raw: str, draft: Answer, quoted: list[tuple[Chunk, str]]) -> Answer:
        t = time.perf_counter()
        r = turn.retrieval
        if generative.declined(raw):
            # the coverage check found quotes that bear on the question, yet the (small) model declined:
            # show the quotes' own words, flagged, rather than nothing
            return self._noted(draft, MODEL_DECLINED, turn)
        # a sentence may only name articles some indexed treaty has
        g = generative.ground(raw, [c for c, _ in quoted], self._treaty_articles(), self.thresholds.sentence_support)
        timings = {**turn.timings, "ground": time.perf_counter() - t}
        timings["total"] = time.perf_counter() - turn.t0
        if not g.kept:
            return self._noted(draft, NOT_MATCHED, turn)
        notice = turn.notice
        if g.dropped:
            notice = (notice + " " if notice else "") + f"{g.dropped} unsupported sentence(s) removed from the generated answer."
        return Answer(turn.question, " ".join(s.text for s in g.kept), g.citations, False, "generative", timings,
                      r.query, "supported" if g.dropped == 0 else "partial", g.kept, hits=draft.hits,
                      notice=notice)

    @staticmethod
    def _noted(answer: Answer, notice: str, turn: Turn) -> Answer:
        """The extractive answer shown in place of a written one: a notice added, the turn's timings (the
        model's time included)."""
        timings = {**answer.timings, **turn.timings, "total": time.perf_counter() - turn.t0}
        return replace(answer, notice=" ".join(x for x in (answer.notice, notice) if x), timings=timings)

    def _treaty_articles(self) -> set[str]:
        treaties = {d.id for d in self.manifest if d.is_treaty}
        return {c.article for c in self.retriever.chunks if c.article and c.doc_id in treaties}

    def _abstention(self, turn: Turn) -> Answer:
        r = turn.retrieval
        timings = {**turn.timings, "total": time.perf_counter() - turn.t0}
        text = turn.notice or ABSTAIN_TEXT
        return Answer(turn.question, text, [], True, turn.mode, timings, r.query, "unsupported",
                      hits=r.hits + r.context, notice=turn.notice)
