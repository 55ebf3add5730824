"""Fast unit tests of the pure pieces added for the UN text: scope words, status questions, names, fusion
interleave, and `corpus check` on hand-made chunks (no model, no index)."""

from __future__ import annotations

import pytest

from assistant.ingest.check import check
from assistant.retrieve.fusion import interleave, kept_firsts
from assistant.retrieve.query import asks_comparison, asks_status, documents_named, strip_names
from assistant.types import Chunk, DocumentInfo

MANIFEST = [
    DocumentInfo("budapest", "B", "Budapest Convention", "treaty", "en", "", "",
                 aliases=("budapest convention", "budapest", "convention on cybercrime", "ets 185")),
    DocumentInfo("budapest-protocol", "P", "Additional Protocol", "protocol", "en", "", "",
                 aliases=("additional protocol", "protocol", "racist and xenophobic")),
    DocumentInfo("budapest-second-protocol", "P2", "Second Additional Protocol", "protocol", "en", "", "",
                 aliases=("second additional protocol",)),
    DocumentInfo("un-convention", "U", "UN Convention against Cybercrime", "treaty", "en", "", "",
                 aliases=("un convention", "hanoi convention", "a/res/79/243", "convention against cybercrime")),
]


@pytest.mark.parametrize("question,expected", [
    ("Which countries have ratified the UN convention?", True),
    ("Has Russia signed the Hanoi convention?", True),
    ("How many States have signed the UN Convention so far?", True),
    ("When did the UN convention enter into force?", True),
    ("Which States have made reservations to the Budapest Convention?", True),
    ("When will the UN convention enter into force?", False),
    ("Who can sign the Budapest Convention?", False),
    ("How many ratifications are needed before the UN convention enters into force?", False),
    ("Can a State make reservations under Article 22?", False),
    ("Does an amendment to the UN convention need to be ratified?", False),
    ("Does a protocol have to be ratified separately?", False),
    ("When does the Budapest Convention take effect for a State that ratifies after it entered into force?", False),
    ("What applies to a Party that signed before the protocol entered into force?", False),
    ("Which States ratified the Budapest Convention after it entered into force?", True),
    ("Which Parties have already ratified the Budapest Convention?", True),
    # the Parties' existing treaties, not who the Parties are
    ("Are cybercrimes covered by the extradition treaties that Budapest Convention Parties already have?", False),
    # whether a country is bound asks for the rule's effect
    ("Is a country bound by an amendment to the UN cybercrime convention that it has not ratified?", False),
])
def test_status_questions(question, expected):
    assert asks_status(question) is expected


def test_an_alias_after_an_indefinite_word_names_no_document():
    question = "Can a State join a protocol to the UN convention without joining the convention itself?"
    assert documents_named(question, MANIFEST) == ["un-convention"]
    assert documents_named("What does the protocol say about racist material?", MANIFEST) == ["budapest-protocol"]
    # one word between: any new protocol; not a conjunction: "Treaty A and …"
    question = "How many States must join before a new protocol can be considered under the UN convention?"
    assert documents_named(question, MANIFEST) == ["un-convention"]
    assert documents_named("Can a State join the protocol and the UN convention?", MANIFEST) == \
        ["budapest-protocol", "un-convention"]
    assert documents_named("Who can join the Budapest Convention's Additional Protocol?", MANIFEST) == ["budapest-protocol"]
    # a name written with its capital names its treaty after "a" too
    assert documents_named("Can a Budapest country refuse help?", MANIFEST) == ["budapest"]
    assert strip_names("Can a Budapest country refuse help?", MANIFEST, ["budapest"]) == "Can a country refuse help?"


def test_the_longest_name_wins_and_order_is_kept():
    assert documents_named("What does the Second Additional Protocol say?", MANIFEST) == ["budapest-second-protocol"]
    assert documents_named("Compare the Hanoi convention with ETS 185", MANIFEST) == ["un-convention", "budapest"]
    assert documents_named("What is illegal access?", MANIFEST) == []


def test_treaty_names_leave_the_searched_text_but_subjects_stay():
    assert strip_names("How can a Party withdraw from the Convention on Cybercrime?", MANIFEST, ["budapest"]) == \
        "How can a Party withdraw from ?"
    assert "racist and xenophobic" in strip_names("What is racist and xenophobic material under the Additional "
                                                  "Protocol?", MANIFEST, ["budapest-protocol"])
    # an alias that names no document is what the question asks about: it stays in the searched text
    ids = [d.id for d in MANIFEST]
    assert strip_names("Can a country join a protocol to the UN convention without joining the convention itself?",
                       MANIFEST, ids) == "Can a country join a protocol to without joining the convention itself?"
    assert "a new protocol" in strip_names("How many States must join before a new protocol can be considered?",
                                           MANIFEST, ids)


@pytest.mark.parametrize("question,expected", [
    ("Compare corporate liability in the two conventions", True),
    ("How does the UN convention differ from Budapest?", True),
    ("Is there anything in the UN convention like Budapest Art. 32?", True),
    ("How long can a preservation order last?", False),
])
def test_comparison_questions(question, expected):
    assert asks_comparison(question) is expected


def test_each_ranker_s_first_choice_keeps_a_place_in_the_top():
    fused = ["a", "b", "c", "d", "e", "f"]
    assert kept_firsts(fused, ["a", "f"], 4) == ["a", "b", "c", "f", "d", "e"]  # "f" takes the last place
    assert kept_firsts(fused, ["b", "a"], 4) == fused  # both already in the top: nothing moves
    assert kept_firsts(fused, ["f", "e"], 3) == ["a", "f", "e", "b", "c", "d"]  # in the order of the firsts
    assert kept_firsts([("x", 1), ("y", 2)], ["y"], 1, id_of=lambda o: o[0]) == [("y", 2), ("x", 1)]


def test_interleave_takes_each_group_in_turn():
    ranking = ["u1", "u2", "u3", "b1", "b2"]
    assert interleave(ranking, lambda x: x[0]) == ["u1", "b1", "u2", "b2", "u3"]
    assert interleave([], lambda x: x) == []


def _chunk(n: int, article: str, text: str, title: str = "T", kind: str = "article", tokens: int = 30) -> Chunk:
    return Chunk(f"d:{n}", "d", text, f"Doc, Art. {article}" if article else f"Doc, {kind}", article=article,
                 article_title=title, chapter="Chapter I – X", kind=kind, page=1, order=n, tokens=tokens)


def test_check_finds_gaps_disorder_furniture_and_size():
    chunks = [_chunk(0, "1", "1. A rule."), _chunk(1, "3", "1. Another rule. 24-24621 16/46"),
              _chunk(2, "2", "1. Late.", tokens=2), _chunk(3, "4", "x" * 10, tokens=500)]
    problems = check("d", chunks, max_tokens=220).problems
    text = "\n".join(problems)
    assert "articles out of order: 2 after 3" in text
    assert "page furniture" in text and "Art. 3" in text
    assert "very short unit" in text and "over the 220-token ceiling" in text
    clean = [_chunk(0, "1", "1. A rule."), _chunk(1, "2", "1. Another rule citing resolution 79/243.")]
    assert check("d", clean, max_tokens=220).problems == []
    gap = check("d", [_chunk(0, "1", "1. A."), _chunk(1, "4", "1. B.")], max_tokens=220)
    assert "article numbers missing: 2, 3" in "\n".join(gap.problems)


@pytest.mark.parametrize("text,states", [
    ("on the ninetieth day after the date of deposit of the fortieth instrument", True),
    ("for a period of not less than 60 days", True),
    ("up to a maximum of ninety days", True),
    ("liable to effective, proportionate and dissuasive sanctions", False),
    ("in accordance with Article 9 and paragraph 2 of Article 16", False),
])
def test_figures_include_ordinal_words(text, states):
    from assistant.answer.directness import states_number as _states_number

    assert _states_number(text) is states


def test_directness_prefers_the_rule_over_its_options_and_exceptions():
    from assistant.answer.directness import directness

    rule = "Each State Party shall adopt such legislative and other measures as may be necessary to establish"
    option = "A State Party may require the intent to cause harm before criminal liability attaches."
    saving = "Nothing in this article shall be interpreted as imposing criminal liability where the possession"
    definition = "“Intimate image” shall mean a visual recording of a person over the age of 18 years"
    plain = "the liability of legal persons may be criminal, civil or administrative"
    assert directness(rule) > directness(plain) == directness(definition) == 0.0 > directness(option)
    assert directness(saving) < 0
    assert directness("Such liability shall be without prejudice to the criminal liability of the natural persons.") < 0
    # a requirement put without "shall" is a rule as well
    assert directness("An amendment adopted in accordance with paragraph 1 is subject to ratification.") > 0


def test_a_question_whether_something_can_be_done_prefers_neither_may_nor_shall():
    from assistant.answer.directness import directness

    option = ("Each Party may, in urgent circumstances, make requests for mutual assistance or communications related "
              "thereto by expedited means of communication, including fax or e-mail")
    rule = "In any such cases, a copy shall be sent at the same time to the central authority of the requested Party."
    special = "If a State Party that makes extradition conditional on the existence of a treaty receives a request"
    asked = "Can mutual assistance requests be sent by e-mail in urgent cases under the Budapest Convention?"
    assert directness(option, question=asked) == directness(rule, question=asked) == 0.0
    assert directness(special, question=asked) < 0  # a special case is still not the rule
    # asked what must be done, the rule still leads its option
    must = "Must mutual assistance requests be sent in writing under the Budapest Convention?"
    assert directness(rule, question=must) > 0 > directness(option, question=must)


def test_gate_holds_slices_and_the_alignment():
    from assistant.eval.run import gate

    results = {"slices": {"test": {"un": {"answer": {"key_fact_accuracy": 0.7, "false_abstention": 0.1}}}},
               "alignment": {"un--b": {"pair_accuracy_at_1": 0.95, "n_gold_pairs_flagged": 1}}}
    thresholds = {"test": {"un": {"answer": {"key_fact_accuracy": {"min": 0.8}, "false_abstention": {"max": 0.2},
                                             "lead": {"min": 0.5}}}},
                  "alignment": {"un--b": {"pair_accuracy_at_1": {"min": 0.9}, "n_gold_pairs_flagged": {"max": 0}}}}
    assert sorted(gate(results, thresholds)) == [
        "alignment.un--b.n_gold_pairs_flagged = 1.000 > 0",
        "test.un.answer.key_fact_accuracy = 0.700 < 0.8",
        "test.un.answer.lead was not measured",
    ]


def test_a_quoted_list_is_one_claim_and_an_unsupported_sentence_counts_against():
    from assistant.eval.metrics import EvalItem, answer_scores
    from assistant.types import Answer, Citation, Sentence

    passage = "Each Party shall apply the powers to:\n(a) the offences;\n(b) the collection of evidence in electronic form."
    item = EvalItem("x", "factual", "To what do the powers apply?", True, [], ["evidence in electronic form"])
    quote = Sentence(f"Art. 14(2): “{passage}” [1]", [1], 1.0)
    cited = [Citation(1, "b", "Art. 14(2)", passage, passage, "c1", 1.0)]
    scores = answer_scores(Answer(item.question, quote.text, cited, sentences=[quote]), item)
    assert scores["faithfulness"] == 1.0 and scores["key_fact_accuracy"] == 1.0
    text = "The powers apply to the offences [1]. The treaty was signed on the moon in 1850."  # no structure given
    assert answer_scores(Answer(item.question, text, cited), item)["faithfulness"] == 0.5


def test_the_lead_figures_count_key_facts_in_the_opening_paragraph_and_its_first_250_characters():
    from assistant.eval.metrics import EvalItem, answer_scores
    from assistant.types import Answer

    item = EvalItem("x", "factual", "How long?", True, [], ["90 days", "renewed"])
    late = "x" * 240 + " up to 90 days"
    assert {k: v for k, v in answer_scores(Answer("q", f"{late}\n\nIt may be renewed."), item).items()
            if k.startswith("lead")} == {"lead": 0.5, "lead@250": 0.0}
    early = answer_scores(Answer("q", "Up to 90 days; it may be renewed.\n\nMore."), item)
    assert early["lead"] == early["lead@250"] == 1.0 and early["key_fact_accuracy"] == 1.0
    declined = answer_scores(Answer("q", "Not covered.", abstained=True), item)
    assert declined["lead"] == declined["lead@250"] == 0.0


def test_the_depositary_s_notices_are_reporting_not_rules():
    from assistant.answer.directness import reporting

    notice = ("The Secretary General of the Council of Europe shall notify the member States of the Council of Europe "
              "of any signature and any act, notification or communication relating to this Protocol.")
    assert reporting(notice, "Who can join the Additional Protocol?")
    assert not reporting(notice, "Who notifies the Parties of a signature?")


@pytest.mark.parametrize("question,expected", [
    ("Who can propose amendments to each convention, and when?", True),
    ("How do the two conventions treat sanctions against companies?", True),
    ("Does either convention cover deception?", True),
    ("Can Parties make reservations to both treaties?", True),
    ("Which convention came first?", False),
    ("Does each treaty article have a title?", False),
])
def test_each_convention_names_the_conventions(question, expected):
    from assistant.retrieve.query import names_the_conventions

    assert names_the_conventions(question) is expected



def test_the_passages_an_answer_quotes_rank_first_in_its_order_and_the_eval_ranks_them_so():
    from assistant.answer.quoting import in_answer_order
    from assistant.eval.run import answer_ranked
    from assistant.types import Answer, Citation, Hit

    chunks = [Chunk(f"c{i}", "b", f"text {i}", f"Art. {i}") for i in range(1, 5)]
    hits = [Hit(c, 1.0 - i / 10, i + 1) for i, c in enumerate(chunks)]
    counterpart = Hit(Chunk("u9", "u", "other", "Art. 9"), 0.1, 1)
    picked = [(hits[2], (0, 4)), (counterpart, (0, 5)), (hits[2], (5, 6))]
    ordered = in_answer_order(picked, hits)
    assert [h.chunk.id for h in ordered] == ["c3", "u9", "c1", "c2", "c4"]  # quoted first, then retrieval's order
    assert [h.rank for h in ordered] == [1, 2, 3, 4, 5]
    answer = Answer("q", "…", [Citation(1, "b", "Art. 3", "text", "text 3", "c3", 1.0)], hits=ordered)
    retrieved = [Hit(c, 1.0, i + 1) for i, c in enumerate(chunks)] + [Hit(Chunk("c7", "b", "t", "Art. 7"), 0.1, 5)]
    assert [h.chunk.id for h in answer_ranked(answer, retrieved)] == ["c3", "c1", "c2", "c4", "c7"]
    assert answer_ranked(Answer("q", "declined", abstained=True), retrieved) == retrieved


class _Indexed:
    """A retriever as far as the coverage check's dates need one: which documents are indexed."""

    def indexed_docs(self) -> set[str]:
        return {"un-convention", "note"}


@pytest.mark.parametrize("question,too_recent", [
    ("What did Human Rights Watch's report of 2025 recommend?", True),
    ("What did Cisco say in 2026 about the convention?", True),
    ("What did Cisco say in 2024 about the convention?", False),  # the note's own year
    ("When will the UN open the convention for signature in 2025?", False),  # no one's position
    ("What did the UN convention's resolution say about Hanoi in 2025?", False),  # the treaty named, not the UN
])
def test_positions_asked_of_a_year_after_every_commentary_are_not_in_the_corpus(question, too_recent):
    from assistant.answer.coverage import Coverage, Thresholds

    note = DocumentInfo("note", "N", "briefing note", "briefing", "en", "2024-08-22", "", actors=("Cisco", "UN",
                        "Human Rights Watch"))
    coverage = Coverage([*MANIFEST, note], _Indexed(), Thresholds())
    said = coverage._too_recent(question, positions=False)
    assert bool(said) is too_recent
    assert not too_recent or "briefing note (2024-08-22)" in said


def test_a_document_indexed_with_articles_counts_as_a_treaty_wherever_it_lies_in_the_index():
    import numpy as np

    from assistant.retrieve.view import View

    notes = [Chunk(f"n{i}", "note", f"Paragraph {i} of a note on cooperation.", f"Note, para. {i}") for i in range(450)]
    late = Chunk("t1", "late-treaty", "Each Party shall adopt such measures.", "Late Treaty, Art. 1", article="1")
    view = View.build(1, [*notes, late], np.zeros((451, 4), dtype=np.float32), {})
    assert view.with_articles == {"late-treaty"}  # after the first 400 chunks, which were all that was read


def test_what_only_a_preamble_mentions_is_looked_for_in_the_preamble():
    import numpy as np

    from assistant.grounding import stem
    from assistant.retrieve.kinds import kind_weight
    from assistant.retrieve.view import View

    preamble = Chunk("p", "t", "Concerned that ICT affects offences related to terrorism and the rule of law,",
                     "Treaty, Preamble", kind="preamble")
    rule = Chunk("a1", "t", "Each Party shall establish as criminal offences illegal access under its law.",
                 "Treaty, Art. 1", article="1")
    fraud = Chunk("a8", "t", "Each Party shall establish as criminal offences the causing of a loss of property.",
                  "Treaty, Art. 8", heading="Article 8 – Computer-related fraud", article="8")
    preamble.text += " and computer-related fraud"
    view = View.build(1, [preamble, rule, fraud], np.zeros((3, 4), dtype=np.float32), {})
    assert view.framing_subject("Does it cover terrorism?", ["t"]) == {stem("terrorism")}  # no article says it
    assert not view.framing_subject("Does it cover offences of illegal access?", ["t"])  # an article says it
    assert not view.framing_subject("Does it cover terrorism by illegal access?", ["t"])  # mostly what articles say
    assert not view.framing_subject("Does it cover terrorism?", ["other"])
    assert not view.framing_subject("Does it cover terrorism by drones?", ["t"])  # part of it the text never says
    assert not view.framing_subject("Does it say anything on computer-related fraud?", ["t"])  # an article's title
    assert kind_weight(preamble, "Does it cover terrorism?") == 0.5  # a preamble is behind the articles …
    assert kind_weight(preamble, "Does it cover terrorism?", framing=True) == 1.0  # … unless only it answers
