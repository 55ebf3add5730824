"""Generative answering: prompt plumbing with a scripted model, then the real local LLM end to end."""

from __future__ import annotations

import pytest

from assistant.answer.chain import Assistant
from assistant.answer.llm import fake_chat_model
from assistant.types import LLMUnavailableError


def test_grounding_drops_unsupported_and_invented_citations(settings, index):
    scripted = fake_chat_model([
        "A preservation order may last up to a maximum of ninety days [1]. "
        "The European Union adopted this treaty in 1995 to regulate social media [7]."
    ])
    a = Assistant(settings, index=index, llm=scripted)
    ans = a.ask("How long can a preservation order for stored computer data last?", mode="generative")
    assert ans.mode == "generative" and ans.grounding == "partial"
    assert "ninety days" in ans.answer and "1995" not in ans.answer and "[7]" not in ans.answer
    assert all(c.quote in c.text for c in ans.citations)
    assert "removed" in ans.notice


def test_model_declining_a_covered_question_shows_the_passages_flagged(settings, index):
    a = Assistant(settings, index=index, llm=fake_chat_model(["NOT COVERED"]))
    ans = a.ask("How long can a preservation order for stored computer data last?", mode="generative")
    assert not ans.abstained and ans.mode == "extractive" and "found no answer" in ans.notice
    assert "ninety days" in ans.answer and all(c.quote in c.text for c in ans.citations)


def test_uncovered_question_never_reaches_the_model(settings, index):
    a = Assistant(settings, index=index, llm=fake_chat_model(["An invented answer [1]."]))
    ans = a.ask("What is the recipe for a chocolate cake?", mode="generative")
    assert ans.abstained and not ans.citations and "invented" not in ans.answer


def test_unreachable_endpoint_falls_back_or_fails_clearly(settings, index):
    down = settings.with_(llm_backend="openai", llm_base_url="http://127.0.0.1:9/v1", llm_timeout_s=2.0)
    ans = Assistant(down, index=index).ask("How long can a preservation order last?", mode="generative")
    assert ans.mode == "extractive" and "unreachable" in ans.notice and ans.citations
    strict = down.with_(llm_fallback_extractive=False)
    with pytest.raises(LLMUnavailableError, match="unreachable"):
        Assistant(strict, index=index).ask("How long can a preservation order last?", mode="generative")


def test_written_answers_stream_over_http_from_an_openai_compatible_server(settings, index):
    """The openai backend against a real HTTP server speaking the protocol (the benchmark's instant one: it
    returns the first quote it was given), through ChatOpenAI's event stream to the grounded answer."""
    from assistant.types import Answer
    from benchmarks.echo_server import EchoServer

    with EchoServer() as url:
        served = settings.with_(llm_backend="openai", llm_base_url=url, llm_timeout_s=10.0)
        items = list(Assistant(served, index=index).stream("How long can a preservation order for stored "
                                                            "computer data last?", mode="generative"))
    final = items[-1]
    assert isinstance(final, Answer) and final.mode == "generative" and final.grounding == "supported"
    assert sum(isinstance(x, str) for x in items) > 2  # streamed in pieces
    assert "ninety days" in final.answer and all(c.quote in c.text for c in final.citations)


def test_the_model_writes_from_the_chosen_quotes_alone_within_the_prompt_budget(settings, index):
    from assistant.answer.generative import PROMPT_BUDGET
    from assistant.types import Draft

    a = Assistant(settings, index=index, llm=fake_chat_model(["A preserved order lasts up to ninety days [1]."]))
    items = list(a.stream("How long can a preservation order for stored computer data last?", mode="generative"))
    draft, final = items[0], items[-1]
    assert isinstance(draft, Draft) and final.mode == "generative"
    assert 0 < final.timings["prompt_tokens"] <= PROMPT_BUDGET
    # what the written answer cites comes from the quotes the reader was shown first
    assert {c.chunk_id for c in final.citations} <= {c.chunk_id for c in draft.answer.citations}


@pytest.mark.llm
def test_real_local_llm_streams_a_grounded_answer(settings, index):
    a = Assistant(settings.with_(llm_max_tokens=120), index=index)
    parts = list(a.stream("How long can a preservation order for stored computer data last under Article 16?",
                          mode="generative", k=3))
    answer = parts[-1]
    deltas = [p for p in parts[:-1] if isinstance(p, str)]
    assert len(deltas) > 3  # streamed, not one block
    assert not answer.abstained and answer.citations
    assert all(c.quote in c.text for c in answer.citations)
    assert "first_token" in answer.timings and answer.timings["first_token"] < answer.timings["total"]
    assert any("Art. 16" in c.locator for c in answer.citations)
