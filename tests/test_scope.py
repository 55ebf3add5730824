"""Questions about the UN convention on the real index: the named treaty scopes the answer, follow-ups keep
their scope, article numbers are read within their treaty, and what the texts do not hold is declined."""

from __future__ import annotations

import re

import pytest

UN, B = "un-convention", "budapest"


def _docs(answer) -> set[str]:
    return {c.doc_id for c in answer.citations}


@pytest.mark.parametrize("question", [
    "How long can a preservation order last under the UN convention?",
    "How long can a preservation order last under the Hanoi convention?",
    "Under A/RES/79/243, how long can a preservation order last?",
])
def test_naming_the_un_convention_scopes_the_answer(assistant, question):
    ans = assistant.ask(question)
    assert not ans.abstained and _docs(ans) == {UN}
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 25(2)"
    assert "up to a maximum of 90 days" in ans.answer


@pytest.mark.parametrize("question,doc", [
    ("How long can a preservation order last under ETS 185?", B),
    ("How long can a preservation order last under the Budapest Convention?", B),
])
def test_naming_budapest_scopes_the_answer(assistant, question, doc):
    ans = assistant.ask(question)
    assert _docs(ans) == {doc} and "ninety days" in ans.answer


def test_international_preservation_request_under_the_un_convention(assistant):
    r = assistant.retriever.retrieve("When one State asks another to preserve data under the UN convention, "
                                     "for how long at least?", k=5)
    assert {h.chunk.doc_id for h in r.hits} == {UN}
    assert "UN Convention against Cybercrime, Art. 42(8)" in [h.chunk.locator for h in r.hits]


def test_a_question_naming_no_treaty_searches_both_and_says_which(assistant):
    ans = assistant.ask("What is illegal access?")
    assert {UN, B} <= _docs(ans)
    assert all(c.locator.split(",")[0] in {"UN Convention against Cybercrime", "Budapest Convention"}
               for c in ans.citations)


def test_each_convention_means_the_two_conventions_not_the_protocol(assistant):
    ans = assistant.ask("How many ratifications does each convention need before it enters into force?")
    opening = ans.answer.split("\n\n")[0]
    assert _docs(ans) == {UN, B}  # not the First Additional Protocol's entry-into-force article
    assert "fortieth instrument" in opening and "five States" in opening


def test_a_follow_up_keeps_the_scope_of_its_turn(assistant):
    first = "How long can a preservation order last under the UN convention?"
    ans = assistant.ask("Can it be renewed?", history=[(first, assistant.ask(first).answer)])
    assert _docs(ans) == {UN} and "subsequently renewed" in ans.answer


def test_a_follow_up_that_switches_treaty_asks_the_same_of_the_other(assistant):
    first = "How long can a preservation order last under the UN convention?"
    r = assistant.retriever.retrieve("What about the Budapest Convention?", history=[(first, "")], k=5)
    assert r.scope == [B] and "UN" not in r.searched  # the name the turn before carried is not searched for
    assert "Budapest Convention, Art. 16(2)" in [h.chunk.locator for h in r.hits]
    ans = assistant.ask("What about the Budapest Convention?", history=[(first, assistant.ask(first).answer)])
    assert _docs(ans) == {B} and "ninety days" in ans.answer


def test_a_follow_up_comparison_reads_the_article_in_its_own_treaty(assistant):
    first = "What does the UN convention say about human rights?"
    prior = assistant.ask(first)
    assert prior.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 6")
    r = assistant.retriever.retrieve("And how does that compare with the Budapest Convention?",
                                     history=[(first, prior.answer)], k=5)
    direct = [h.chunk.locator for h in r.hits if "article" in h.sources]
    assert direct and all(loc.startswith("UN Convention against Cybercrime, Art. 6") for loc in direct)
    assert "Budapest Convention, Art. 6" not in {h.chunk.locator.split("(")[0] for h in r.hits}  # misuse of devices
    ans = assistant.ask("And how does that compare with the Budapest Convention?", history=[(first, prior.answer)])
    assert {UN, B} <= _docs(ans)  # two parts, each quote from its own treaty


def test_article_numbers_are_read_within_the_named_treaty(assistant):
    ans = assistant.ask("What does Article 6 of the Budapest Convention say?")
    assert _docs(ans) == {B} and "Misuse of devices" in ans.answer
    ans = assistant.ask("What does Article 6 of the UN convention say?")
    assert _docs(ans) == {UN} and "human rights" in ans.answer


@pytest.mark.parametrize("question", [
    "Which countries signed the UN convention at the Hanoi ceremony?",
    "Which countries have already ratified the UN convention?",
    "Has Russia ratified the UN cybercrime convention?",
])
def test_status_facts_are_declined_with_the_depositarys_page(assistant, question):
    ans = assistant.ask(question)
    assert ans.abstained and not ans.citations
    assert "depositary" in ans.answer and "https://treaties.un.org/" in ans.answer


def test_a_subject_the_text_does_not_regulate_is_declined(assistant):
    ans = assistant.ask("How does the UN convention regulate cryptocurrency exchanges?")
    assert ans.abstained and "cryptocurrency" in ans.answer and not ans.citations


@pytest.mark.parametrize("question, subject", [
    ("Is hate speech a crime under the UN convention?", "hate speech"),  # common words, two in a row unused
    ("Does the Budapest Convention cover terrorism?", "terrorism"),  # the question's only subject word
    ("Does the UN convention protect journalists?", "journalists"),
])
def test_a_subject_in_everyday_words_the_text_never_uses_is_declined(assistant, question, subject):
    ans = assistant.ask(question)
    assert ans.abstained and not ans.citations
    assert f"never mentions “{subject}”:" in ans.answer  # the asking verb ("cover", "protect") is not the subject


@pytest.mark.parametrize("question, articles", [
    ("Does the UN convention require protection for people who testify?", {"33"}),  # the text says "testimony"
    ("How can protocols be added to the UN convention?", {"61", "62"}),  # the text never says "added"
])
def test_an_action_in_other_words_than_the_texts_is_not_a_subject_it_never_mentions(assistant, question, articles):
    ans = assistant.ask(question)
    assert not ans.abstained and ans.citations[0].doc_id == "un-convention"
    assert re.match(r"UN Convention against Cybercrime, Art\. (\d+)", ans.citations[0].locator).group(1) in articles


@pytest.mark.parametrize("question, locator", [
    ("When must the Secretary-General report on promoting the UN convention's entry into force?", "A/RES/79/243, para. 11"),
    ("Why does the US administration support the UN convention?", "Cisco briefing note, para. 7"),  # "Biden administration"
    ("Who at Cisco spoke about the convention's problems?", "Cisco briefing note, para."),  # a name it uses is a subject
])
def test_names_the_corpus_uses_or_the_manifest_gives_for_an_actor_are_known(assistant, question, locator):
    ans = assistant.ask(question)
    assert not ans.abstained and ans.citations[0].locator.startswith(locator)


def test_a_word_the_text_never_uses_beside_a_question_it_holds_is_answered_with_a_caveat(assistant):
    ans = assistant.ask("Does the UN convention require service providers to decrypt data?")
    assert not ans.abstained and ans.citations  # service providers and data are the text's own subject
    assert "never uses the word “decrypt”" in ans.notice  # but the reader is told the crux is not in it
    plain = assistant.ask("How long can a preservation order last under the UN convention?")
    assert "never uses" not in plain.notice


def test_everyday_words_beside_the_texts_own_are_phrasing(assistant):
    ans = assistant.ask("How long can a preservation order last under the UN convention?")
    assert not ans.abstained and "90 days" in ans.answer


def test_the_rule_for_entry_into_force_is_not_a_status_fact(assistant):
    ans = assistant.ask("When will the UN convention enter into force?")
    assert not ans.abstained and "fortieth instrument" in ans.answer


def test_interpretative_notes_are_found_and_never_taken_for_the_article(assistant):
    ans = assistant.ask("Do States have to copy the convention's definitions word for word into national law?")
    assert any(c.locator == "UN Convention against Cybercrime, interpretative note 2 (on Art. 2)" for c in ans.citations)


def test_a_comparison_in_everyday_words_is_answered_from_both(assistant):
    ans = assistant.ask("Compare the round-the-clock point of contact that the two conventions require.")
    assert not ans.abstained and {UN, B} <= _docs(ans)
    assert "twenty-four hour" in ans.answer.lower()


@pytest.mark.parametrize("question, rule", [
    ("What prison term does the UN convention prescribe for illegal access?", "UN Convention against Cybercrime, Art. 21(1)"),
    ("What is the maximum prison sentence for computer fraud under the Budapest Convention?", "Budapest Convention, Art. 13(1)"),
])
def test_a_penalty_the_text_does_not_set_is_answered_with_what_it_does_set(assistant, question, rule):
    ans = assistant.ask(question)
    assert ans.answer.startswith("The text does not set this figure. What it does set:")
    assert ans.citations[0].locator == rule and "effective, proportionate and dissuasive" in ans.citations[0].quote


def test_the_penalty_that_defines_a_term_the_question_names_is_a_figure_the_text_sets(assistant):
    """"Serious crime" is defined by its penalty: that threshold answers, and the text is not said to lack it."""
    ans = assistant.ask("What maximum penalty makes an offence a serious crime under the UN convention?")
    assert not ans.answer.startswith("The text does not set this figure"), ans.answer[:300]
    assert ans.citations[0].locator.endswith("Art. 2(h)") and "at least four years" in ans.citations[0].quote


def test_a_question_about_a_country_s_own_law_is_declined(assistant):
    ans = assistant.ask("What does German criminal law say about illegal access?")
    assert ans.abstained and not ans.citations and "German criminal law" in ans.answer


@pytest.mark.parametrize("question", [
    "Does the UN convention require a contact point that is always reachable?",  # a rare word beside the text's
    "What is interference with an ICT system under the UN convention?",  # an acronym the vocabulary spells out
    # a rare word in a question that says much else, close to one passage in meaning (Budapest Art. 26(2))
    "What if a country cannot respect the conditions attached to information another Party sent it unprompted, "
    "under the Budapest Convention?",
])
def test_everyday_phrasing_around_what_the_text_covers_is_answered(assistant, question):
    ans = assistant.ask(question)
    assert not ans.abstained and ans.citations


def test_an_everyday_name_for_an_offence_finds_its_article(assistant):
    # "denial-of-service" is the vocabulary's system interference; "attack covered" is no subject of its own
    ans = assistant.ask("Is a denial-of-service attack covered by the Budapest Convention?")
    assert not ans.abstained and ans.citations[0].locator == "Budapest Convention, Art. 5"



def test_the_notes_on_a_top_hits_article_come_with_it(assistant):
    r = assistant.retriever.retrieve("Does the money laundering offence under the UN convention cover the proceeds of "
                                     "any crime?")
    assert any(h.chunk.locator.startswith("UN Convention against Cybercrime, Art. 17") for h in r.hits[:3])
    assert "UN Convention against Cybercrime, interpretative note 3 (on Art. 17)" in [h.chunk.locator for h in r.context]


def test_the_general_assembly_names_the_resolution(assistant):
    r = assistant.retriever.retrieve("What does the General Assembly urge States to do about signature and ratification?")
    assert r.scope == ["un-convention"] and "Assembly" not in r.searched
    assert any(h.chunk.locator == "A/RES/79/243, para. 3" for h in r.hits)


def test_un_article_names_the_un_convention_and_a_yes_no_question_quotes_the_paragraph_that_answers(assistant):
    """"UN Article 24" is read in the UN convention, not as Budapest Art. 24; and a yes/no question about the
    article opens with its paragraph that answers (24(5)), not with the article's paragraphs in order."""
    ans = assistant.ask("Does the independent review required by UN Article 24 have to be international?")
    assert _docs(ans) == {UN}, [c.locator for c in ans.citations]
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 24(5)" and \
        "domestic level" in ans.citations[0].quote


def test_a_definition_of_a_term_not_asked_about_does_not_lead(assistant):
    """The definition of "serious crime" speaks of penalties, but the penalties States must set are Art. 21(1)'s."""
    ans = assistant.ask("What kind of penalties must States set for cybercrime offences under the UN convention?")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 21(1)", ans.answer[:300]


def test_an_option_read_beyond_the_best_three_matches_leads_when_it_answers(assistant):
    """Budapest Art. 4(2), the reservation to require serious harm, matches less than the offences of Arts. 4(1), 7
    and 8, but answers "Can a country insist …?" first."""
    ans = assistant.ask("Can a country insist that deleting someone's data must cause serious harm before it is a "
                        "crime under the Budapest Convention?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 4(2)", ans.answer[:300]


def test_a_question_about_the_case_an_offence_carves_out_opens_with_the_carve_out(assistant):
    ans = assistant.ask("Is owning hacking tools for authorised security testing a crime under the Budapest Convention?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 6(2)" and "authorised testing" in ans.citations[0].quote
    assert not ans.answer.startswith(("Yes", "No")), ans.answer[:200]


def test_what_the_parties_must_do_in_a_rare_verb_is_not_taken_for_an_unknown_subject(assistant):
    """"weigh" is what the Parties must do (Budapest Art. 15(3), "shall consider the impact"), not a subject the
    texts never mention."""
    ans = assistant.ask("Must Budapest Parties weigh how investigative powers affect innocent third parties?")
    assert not ans.abstained and ans.citations[0].locator == "Budapest Convention, Art. 15(3)", ans.answer[:200]
