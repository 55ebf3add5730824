"""Written answers: the chat model writes from the passages the code chose, and every sentence it writes is then
checked in code. A sentence is kept only when a passage supports it (a near-verbatim quote or enough of its
content words) and it names no article that the indexed treaties lack; it is cited to that passage."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_core.output_parsers import StrOutputParser

from ..grounding import best_quote, content_terms, lexical_support, sentences
from ..retrieve.query import article_refs
from ..types import Chunk, Citation, LLMUnavailableError, Retrieval, Sentence
from .llm import model_errors
from .prompts import PROMPT, format_passages
from .quoting import add_citation, strip_markers

DECLINED = "NOT COVERED"  # what the prompt asks the model to write when the passages do not answer


def passages(r: Retrieval) -> list[Chunk]:
    """The numbered passages the model sees: the hits, then up to three that they lean on."""
    return [h.chunk for h in r.hits] + [h.chunk for h in r.context[:3]]


def generate(llm, r: Retrieval, slots: threading.BoundedSemaphore, t0: float,
             timings: dict[str, float]) -> Iterator[str]:
    """Stream the model's text deltas; records first_token (from t0) and generate in ``timings``. Only the
    endpoint's failures become LLMUnavailableError; a bug surfaces as a bug."""
    chain = PROMPT | llm | StrOutputParser()
    inputs = {"passages": format_passages([(c.locator, c.text) for c in passages(r)]), "question": r.query}
    t = time.perf_counter()
    try:
        with slots:  # one model call at a time per process
            first = True
            for delta in chain.stream(inputs):
                if first:
                    timings["first_token"] = time.perf_counter() - t0
                    first = False
                yield delta
    except LLMUnavailableError:
        raise
    except model_errors() as exc:
        raise LLMUnavailableError(f"the language model failed ({type(exc).__name__}: {exc})") from exc
    timings["generate"] = time.perf_counter() - t


def declined(raw: str) -> bool:
    """The model said the passages do not answer (and little else)."""
    return DECLINED in raw.upper() and len(content_terms(raw.replace(DECLINED, ""))) < 4


@dataclass
class Grounded:
    kept: list[Sentence]
    citations: list[Citation]
    dropped: int


def ground(raw: str, chunks: list[Chunk], articles: set[str], support_needed: float) -> Grounded:
    """Keep the generated sentences a passage supports, each cited to its best-supporting passage (the one
    the model cited when that one supports it); drop the rest and count them."""
    citations: list[Citation] = []
    kept: list[Sentence] = []
    dropped = 0
    for sent in sentences(raw):
        claimed = [int(n) for n in re.findall(r"\[(\d{1,2})\]", sent)]
        clean = strip_markers(sent)
        if len(content_terms(clean)) < 2:
            continue
        if any(ref.article not in articles for ref in article_refs(clean)):  # "Article 99 requires…"
            dropped += 1
            continue
        valid = [chunks[n - 1] for n in claimed if 1 <= n <= len(chunks)]
        best = None
        for pool in (valid, chunks):
            for chunk in pool:
                quote = best_quote(clean, chunk.text)
                support = max(quote.support, lexical_support(clean, chunk.text) * 0.9)
                if best is None or support > best[0]:
                    best = (support, chunk, quote.text)
            if best and best[0] >= support_needed:
                break
        if best is None or best[0] < support_needed:
            dropped += 1
            continue
        n = add_citation(citations, best[1], best[2], best[0])
        kept.append(Sentence(f"{clean} [{n}]", [n], best[0]))
    return Grounded(kept, citations, dropped)
