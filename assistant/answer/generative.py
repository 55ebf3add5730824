"""Written answers: the chat model writes from the quotes the code chose for the extractive answer (a short
prompt, within PROMPT_BUDGET tokens), and every sentence it writes is then checked in code. A sentence is kept
only when a passage supports it (a near-verbatim quote or enough of its content words) and it names no article
that the indexed treaties lack; it is cited to that passage."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from langchain_core.output_parsers import StrOutputParser

from ..grounding import best_quote, content_terms, lexical_support, sentences
from ..ingest.tokens import count_tokens
from ..retrieve.query import article_refs
from ..types import Answer, Chunk, Citation, LLMUnavailableError, Sentence
from .llm import model_errors
from .prompts import HUMAN, PROMPT, SYSTEM, format_passages
from .quoting import add_citation, strip_markers

DECLINED = "NOT COVERED"  # what a model writes when it will not answer (the code has already judged coverage)


PROMPT_BUDGET = 700  # tokens of the whole prompt: the rules, the quotes and the question


def passages(draft: Answer, chunks: Mapping[str, Chunk], question: str,
             budget: int = PROMPT_BUDGET) -> list[tuple[Chunk, str]]:
    """What the model is given: the quotes the code chose for the extractive answer (each with the chunk it is
    from, by id in ``chunks``, for grounding), in the answer's order, as many as fit the prompt budget (one at
    least)."""
    out: list[tuple[Chunk, str]] = []
    used = count_tokens(SYSTEM + HUMAN + question)
    for c in draft.citations:
        chunk = chunks.get(c.chunk_id)
        if chunk is None:
            continue
        cost = count_tokens(f"[{len(out) + 1}] {c.locator}\n{c.quote}\n\n")
        if out and used + cost > budget:
            break
        out.append((chunk, c.quote))
        used += cost
    return out


def generate(llm, quoted: list[tuple[Chunk, str]], question: str, slots: threading.BoundedSemaphore, t0: float,
             timings: dict[str, float]) -> Iterator[str]:
    """Stream the model's text deltas, written from the quotes alone; records prompt_tokens, first_token (from t0)
    and generate in ``timings``. Only the endpoint's failures become LLMUnavailableError; a bug surfaces as a bug."""
    chain = PROMPT | llm | StrOutputParser()
    inputs = {"passages": format_passages([(c.locator, quote) for c, quote in quoted]), "question": question}
    timings["prompt_tokens"] = float(count_tokens(SYSTEM + HUMAN.format(**inputs)))
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
