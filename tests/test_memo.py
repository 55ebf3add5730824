"""Sentence vectors encoded ahead (assistant.store.memo): after `encode_ahead` a question encodes only itself; the
file is a cache only, so a missing, damaged, stale or other model's file costs time, never a different vector.
The embedder is the real Embedder around a counting stand-in for the model (milliseconds, no weights)."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from assistant.answer.quoting import quote_pieces
from assistant.config import Settings
from assistant.fakes import HashingEmbedder, MemoryIndex
from assistant.grounding import headed_sentences
from assistant.store import memo
from assistant.store.embeddings import Embedder
from assistant.types import Chunk
from assistant.wiring import build
from tests.test_answer_policy import _chunks

MODEL = "all-mpnet-base-v2"


class CountingModel:
    """Stands in for a loaded sentence model: hashing vectors, and every text it was asked to encode."""

    def __init__(self):
        self.seen: list[str] = []
        self._hashing = HashingEmbedder()

    def encode(self, texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True):
        self.seen += list(texts)
        return self._hashing.encode(list(texts))


def embedder(path, model_name: str = MODEL) -> tuple[Embedder, CountingModel]:
    e = Embedder(model_name, memo=path)
    e._model = model = CountingModel()
    return e, model


TEXTS = ["Each Party shall adopt such legislative measures.", "A Party may reserve the right not to apply it.",
         "Article 16 – Expedited preservation: up to a maximum of ninety days."]


def test_vectors_remembered_in_one_process_are_read_in_another(tmp_path):
    path = tmp_path / "memo.npz"
    writer, _ = embedder(path)
    assert writer.remember(TEXTS) == 3
    reader, model = embedder(path)
    got = reader.encode(TEXTS + ["What is preserved?"])
    assert model.seen == ["What is preserved?"]  # only the text nobody encoded ahead
    assert np.allclose(got, HashingEmbedder().encode(TEXTS + ["What is preserved?"]), atol=1e-6)


def test_remembering_again_encodes_only_new_texts_and_keeps_only_the_ones_given(tmp_path):
    path = tmp_path / "memo.npz"
    e, model = embedder(path)
    e.remember(TEXTS)
    model.seen.clear()
    assert e.remember(TEXTS[1:] + ["A new sentence of a revised text."]) == 1
    assert model.seen == ["A new sentence of a revised text."]
    assert len(memo.load(path)) == 3  # the dropped sentence's vector went with it
    other, counted = embedder(path)
    other.encode([TEXTS[0]])
    assert counted.seen == [TEXTS[0]]


def test_another_models_vectors_are_never_served(tmp_path):
    path = tmp_path / "memo.npz"
    embedder(path)[0].remember(TEXTS)
    other, model = embedder(path, model_name="all-MiniLM-L6-v2")
    other.encode(TEXTS)
    assert model.seen == TEXTS


def test_a_damaged_file_costs_time_not_answers_and_the_next_ingest_rewrites_it(tmp_path, caplog):
    path = tmp_path / "memo.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    e, model = embedder(path)
    with caplog.at_level(logging.WARNING):
        got = e.encode(TEXTS)
    assert model.seen == TEXTS and np.allclose(got, HashingEmbedder().encode(TEXTS), atol=1e-6)
    assert "unreadable sentence vectors" in caplog.text
    assert e.remember(TEXTS) == 3 and len(memo.load(path)) == 3


def test_a_file_rewritten_by_another_process_is_read_again(tmp_path):
    path = tmp_path / "memo.npz"
    reader, model = embedder(path)
    reader.encode(["warm"])  # no file yet: read as empty
    embedder(path)[0].remember(TEXTS)
    model.seen.clear()
    reader.encode(TEXTS)
    assert model.seen == []


def test_without_a_memo_file_remember_says_so(tmp_path):
    with pytest.raises(ValueError, match="no memo"):
        embedder(None)[0].remember(TEXTS)


def test_encode_ahead_covers_every_sentence_a_question_scores(tmp_path):
    """The wiring encodes ahead exactly what the re-ranking and the quotes score: a question's answer then
    encodes the question alone, and quotes the same as without the memo."""
    settings = Settings.from_env(env={}, store_dir=tmp_path / "store", embedding_model=MODEL, sentence_model=MODEL)
    questions = ["How long can a preservation order last under Treaty A?", "Must witnesses be protected?",
                 "What access to a system must Treaty A make an offence?"]
    listed = Chunk(id="a-4-1", doc_id="a", locator="Treaty A, Art. 4", short_name="Treaty A", heading="Article 4 – Access",
                   text="Each State Party shall establish as criminal offences, when committed intentionally:\n"
                        "(a) The access to the whole or any part of an information system without right;\n"
                        "(b) The interception of electronic data without right.", article="4", article_title="Access",
                   paragraph="", order=99)
    chunks = _chunks() + [listed]
    assert {t for c in chunks for t in quote_pieces(c)} - {t for c in chunks for t in headed_sentences(c.heading, c.text)}

    def answers(with_memo: bool):
        e, model = embedder(memo.memo_path(settings, MODEL) if with_memo else None)
        parts = build(settings, index=MemoryIndex(chunks, e, settings))
        kept, new = parts.encode_ahead()
        model.seen.clear()
        out = [parts.assistant.ask(q) for q in questions]
        return kept, new, model.seen, [(a.answer, [c.locator for c in a.citations]) for a in out]

    plain = answers(False)
    assert plain[:2] == (0, 0) and len(plain[2]) > 2 * len(questions)  # without it, sentences are encoded
    kept, new, seen, said = answers(True)
    assert kept == new > 0
    pieces = {t for c in chunks for t in headed_sentences(c.heading, c.text) + quote_pieces(c)}
    assert seen and not pieces & set(seen) and set(seen) <= set(questions), seen  # the questions' own texts alone
    assert said == plain[3]
