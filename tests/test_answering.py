"""Retrieval and answers on the real index: article lookup, cross-references, definitions,
follow-ups, verbatim citations, abstention and bad input."""

from __future__ import annotations

import pytest

from assistant.types import InputError


def test_article_lookup_comes_first(assistant):
    r = assistant.retriever.retrieve("What does Article 29 say?", k=5)
    assert [h.chunk.locator for h in r.hits[:3]] == [
        "Budapest Convention, Art. 29(1)", "Budapest Convention, Art. 29(2)", "Budapest Convention, Art. 29(3)"]
    r = assistant.retriever.retrieve("What does Article 29 of the Budapest Convention say?", k=7)
    # all seven paragraphs, in order, before anything else
    assert [h.chunk.locator for h in r.hits[:7]] == [f"Budapest Convention, Art. 29({n})" for n in range(1, 8)]
    r = assistant.retriever.retrieve("Art. 16(2)", k=5)
    assert r.hits[0].chunk.locator == "Budapest Convention, Art. 16(2)"
    r = assistant.retriever.retrieve("What does Article 6 of the Additional Protocol say?", k=5)
    assert r.hits[0].chunk.doc_id == "budapest-protocol" and r.hits[0].chunk.article == "6"


def test_cross_references_and_definitions_are_offered(assistant):
    r = assistant.retriever.retrieve("What does Article 16 say?", k=5)
    offered = {h.chunk.article for h in r.context if any(s.startswith("xref") for s in h.sources)}
    assert {"14", "15"} <= offered  # "shall be subject to Articles 14 and 15"
    r = assistant.retriever.retrieve("What is traffic data?", k=5)
    assert r.hits[0].chunk.locator.startswith("Budapest Convention, Art. 1")
    assert '"traffic data" means' in r.hits[0].chunk.text


def test_hybrid_retrieval_finds_the_evidence(assistant):
    r = assistant.retriever.retrieve("How long can preserved computer data be kept?", k=5)
    assert "Budapest Convention, Art. 16(2)" in [h.chunk.locator for h in r.hits]
    r = assistant.retriever.retrieve("Which organisations criticised the UN convention?", k=5)
    assert any("Human Rights Watch" in h.chunk.text for h in r.hits)


def test_answers_cite_verbatim_quotes(assistant):
    ans = assistant.ask("How long can preserved computer data be kept?")
    assert not ans.abstained and ans.citations
    assert any("ninety days" in c.quote for c in ans.citations)
    for c in ans.citations:
        assert c.quote in c.text
        assert f"[{c.n}]" in ans.answer
    d = ans.to_dict()
    assert {"question", "answer", "citations", "abstained", "mode", "timings"} <= set(d)
    assert {"n", "doc_id", "locator", "quote", "text"} <= set(d["citations"][0])


def test_definition_answer_points_at_the_lettered_subparagraph(assistant):
    ans = assistant.ask("What is traffic data?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 1(d)"


def test_a_question_naming_a_part_is_answered_from_that_part_first(assistant):
    """"resolution 79/243" names the resolution: its operative paragraph leads, before the Convention's article."""
    ans = assistant.ask("Which body does resolution 79/243 designate as the secretariat of the Conference of the "
                        "States Parties?")
    assert ans.citations[0].locator.startswith("A/RES/79/243, para.")
    assert "United Nations Office on Drugs and Crime" in ans.answer.split("\n\n")[0]


def test_followup_uses_the_conversation(assistant):
    first = "What does Article 16 say about preserving stored computer data?"
    ans1 = assistant.ask(first)
    ans2 = assistant.ask("and how long can that last?", history=[(first, ans1.answer)])
    assert "Article 16" in ans2.standalone_question
    assert any("ninety days" in c.quote for c in ans2.citations)


@pytest.mark.parametrize("question", [
    "What is the capital of France?",
    "Who won the 2022 football World Cup?",
    "What is the recipe for a chocolate cake?",
])
def test_out_of_scope_questions_abstain(assistant, question):
    ans = assistant.ask(question)
    assert ans.abstained and not ans.citations and ans.grounding == "unsupported"


def test_missing_articles_and_missing_documents_abstain(assistant):
    ans = assistant.ask("What does Article 99 say?")
    assert ans.abstained and "Article 99" in ans.answer
    ans = assistant.ask("What does Article 24 of the UN convention say?")
    assert not ans.abstained and {c.doc_id for c in ans.citations} == {"un-convention"}  # never Budapest's Art. 24
    assert ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 24")
    ans = assistant.ask("What does Article 3 of the Second Additional Protocol say?")
    assert ans.abstained and "corpus fetch" in ans.answer  # named, not in the corpus: never the first Protocol's


def test_a_word_the_treaty_never_uses_but_says_in_its_own_word_is_answered_with_a_caveat(assistant):
    """"quarrels": the UN convention says "disputes". A subject it never speaks of is still declined."""
    ans = assistant.ask("How are quarrels between States Parties about the UN convention resolved?")
    assert not ans.abstained and ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 63")
    assert "never uses the word “quarrels”" in ans.notice
    for question, word in [("Does the UN convention protect whistleblowers?", "whistleblowers"),
                           ("Does the Budapest Convention regulate drones?", "drones")]:
        ans = assistant.ask(question)
        assert ans.abstained and not ans.citations and f"never mentions “{word}”" in ans.answer, ans.answer


def test_a_subject_only_a_protocol_regulates_is_pointed_to_the_protocol(assistant):
    ans = assistant.ask("Does the Budapest Convention require Parties to criminalise racist content online?")
    assert ans.abstained and not ans.citations  # the Convention does not: its Additional Protocol does
    assert "never mentions “racist”" in ans.answer and "Additional Protocol (ETS 189)" in ans.answer
    ans = assistant.ask("Does the Budapest Convention cover online fraud?")  # "online": in neither text
    assert not ans.abstained and ans.citations[0].locator.startswith("Budapest Convention, Art. 8")
    # "abuse": the Protocol's word, not the Convention's, but the rest is the Convention's child pornography offence
    ans = assistant.ask("Does the Budapest Convention criminalise possessing child sexual abuse material?")
    assert not ans.abstained and ans.citations[0].locator.startswith("Budapest Convention, Art. 9")
    ans = assistant.ask("What must Parties to the Additional Protocol criminalise regarding racist material?")
    assert not ans.abstained and ans.citations[0].locator.startswith("Additional Protocol (ETS 189), Art. 3")


def test_which_article_deals_with_a_subject_is_answered_by_the_article_named_with_its_title(assistant):
    ans = assistant.ask("In which article does the UN convention address extradition?")
    assert ans.answer.startswith("UN Convention against Cybercrime, Art. 37(1) (Extradition): “")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 37(1)"


def test_a_question_naming_an_articles_title_is_answered_from_its_rule_and_a_definition_still_defines(assistant):
    ans = assistant.ask("What is a production order under the Convention on Cybercrime?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 18(1)", ans.answer[:300]  # not 18(2)'s reference
    ans = assistant.ask("What is traffic data under the Budapest Convention?")  # Art. 20's title names it too
    assert ans.citations[0].locator.startswith("Budapest Convention, Art. 1"), ans.answer[:300]


def test_a_comparison_sets_the_rules_of_the_articles_titled_with_what_is_compared_side_by_side(assistant):
    ans = assistant.ask("Compare the provisions on expedited preservation of stored data in the two conventions.")
    short = ans.answer.split("\n\n")[0]
    assert "Budapest Convention, Art. 16(1)" in short and "UN Convention against Cybercrime, Art. 25(1)" in short, short
    assert "subject to Articles 14 and 15" not in short  # Art. 16(4)'s reference, which retrieval ranked first


def test_a_word_an_article_title_uses_or_a_subject_partly_unnamed_is_not_sent_to_the_preamble(assistant):
    ans = assistant.ask("What does the Budapest Convention say about computer-related fraud?")  # Art. 8's title
    assert "preamble" not in ans.notice and ans.citations[0].locator.startswith("Budapest Convention, Art. 8")
    ans = assistant.ask("Does the Budapest Convention cover piracy of software?")  # "software": in no passage
    assert "preamble" not in ans.notice and ans.citations[0].locator.startswith("Budapest Convention, Art. 10")


def test_a_subject_only_the_preamble_mentions_is_answered_from_the_preamble(assistant):
    ans = assistant.ask("Does the UN convention cover terrorism?")  # no article mentions it; the preamble does
    assert not ans.abstained and "terrorism" in ans.citations[0].quote
    assert ans.citations[0].locator.endswith("Preamble") or "preamble" in ans.citations[0].locator
    assert "uses “terrorism” only in its preamble, in none of its articles" in ans.notice


def test_a_question_asked_how_often_is_answered_not_declined_over_its_frame(assistant):
    # "often" is in neither the Convention nor its Protocol: it is the question's form, not a subject to decline
    ans = assistant.ask("How often do the Parties consult each other under the Budapest Convention?")
    assert not ans.abstained and ans.citations[0].locator.startswith("Budapest Convention, Art. 46"), ans.answer[:300]


def test_what_someone_said_after_the_commentary_was_written_is_declined(assistant):
    ans = assistant.ask("What did Cisco say in 2026 about the UN convention?")
    assert ans.abstained and not ans.citations and "2024-08-22" in ans.answer
    ans = assistant.ask("What did Cisco say in 2024 about the UN convention?")
    assert not ans.abstained and ans.citations[0].doc_id == "cisco-briefing"


@pytest.mark.parametrize("question,message", [("", "empty"), ("   \n\t ", "empty"), ("x" * 100_000, "limit is")])
def test_bad_questions_get_clear_errors(assistant, question, message):
    with pytest.raises(InputError, match=message):
        assistant.ask(question)


def test_document_filter_restricts_retrieval(assistant):
    r = assistant.retriever.retrieve("computer data", k=5, doc_ids=["budapest-protocol"])
    assert r.hits and {h.chunk.doc_id for h in r.hits} == {"budapest-protocol"}


def test_the_answer_policy_runs_behind_the_naive_baseline(settings, index, manifest):
    """The eval answers through every baseline: the policy may only ask what every retriever provides."""
    from assistant.answer.chain import Assistant
    from assistant.eval.baselines import NaiveRetriever
    from assistant.ingest.documents import discover

    naive = NaiveRetriever([(d, p) for d, p in discover(manifest, settings.search_dirs) if p], index.embedder)
    helper = Assistant(settings, index=index, retriever=naive)
    ans = helper.ask("How long can a preservation order last under the UN convention?")
    assert ans.citations and all(c.quote in c.text for c in ans.citations)
    assert helper.ask("Which countries have ratified the UN convention?").abstained


def test_a_plain_yes_no_question_about_a_crime_opens_with_yes(assistant):
    ans = assistant.ask("Is grooming a crime under the UN convention?")
    assert ans.answer.startswith("Yes — “Each State Party shall")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 15(1)"
    assert ans.sentences[0].text.startswith("Yes — ")
    # the conduct is what is matched, not "crime", which the laundering article ("proceeds of crime") echoes too
    assert all("Art. 15(" in c.locator for c in ans.citations)
    # a list item is criminalised by the sentence that introduces its list, in the chunk before it
    ans = assistant.ask("Is the possession of child sexual abuse material a crime under the UN convention?")
    assert ans.answer.startswith("Yes — ") and "Art. 14(1)" in ans.citations[0].locator


def test_a_second_article_is_quoted_only_when_it_answers_too(assistant):
    # UN Art. 53(3)(i) ("keep children safe online") shares one word with the question and answers nothing
    ans = assistant.ask("Is online fraud covered by the UN convention?")
    assert ans.citations and all(c.locator.startswith("UN Convention against Cybercrime, Art. 13") for c in ans.citations)
    # a question naming no treaty: the other treaty's first article is not a second article, and is still quoted
    ans = assistant.ask("What must each Party designate to provide assistance around the clock?")
    assert {c.locator.split("(")[0] for c in ans.citations} == {"Budapest Convention, Art. 35",
                                                                "UN Convention against Cybercrime, Art. 41"}


def test_a_duty_to_report_to_the_depositary_is_quoted_only_when_asked(assistant):
    # UN Art. 17(2)(d) ("furnish copies of its laws … to the Secretary-General") is no part of the offence
    ans = assistant.ask("Is laundering the proceeds of cybercrime an offence under the UN convention?")
    assert ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 17(1)")
    assert not any("Secretary-General" in c.quote for c in ans.citations)
    # a question about that duty is answered by it
    ans = assistant.ask("Must States furnish copies of their money laundering laws to the Secretary-General under "
                        "the UN convention?")
    assert "Secretary-General" in ans.citations[0].quote


def test_no_yes_when_the_quote_does_not_make_the_asked_conduct_a_crime(assistant):
    # the illegal-access article does not say "attempt": Budapest Art. 11(2) leaves attempted access out
    ans = assistant.ask("Is attempt to commit illegal access a crime under the Budapest Convention?")
    assert not ans.answer.startswith("Yes")


def test_a_sentence_naming_articles_brings_in_their_titles_but_a_range_does_not(assistant):
    refer = assistant.extractor.referred
    assert refer("budapest", "shall be subject to Articles 14 and 15.") == \
        "Scope of procedural provisions; Conditions and safeguards"
    assert refer("budapest", "the offences established in accordance with Articles 2 through 11") == ""
    # "What safeguards apply to it?" after a question on Art. 19: the sentence citing Art. 15 answers
    ans = assistant.ask("Which safeguards apply to the search and seizure powers of Article 19?")
    assert "Articles 14 and 15" in ans.citations[0].quote


def test_a_second_question_joined_by_and_gets_its_own_quote(assistant):
    ans = assistant.ask("Does the UN convention require a 24/7 point of contact, and what assistance must it provide?")
    locators = [c.locator for c in ans.citations]
    assert locators[0].startswith("UN Convention against Cybercrime, Art. 41(1)")  # the first question's answer
    assert any(loc.startswith("UN Convention against Cybercrime, Art. 41(3)") for loc in locators)  # the second's
    assert "technical advice" in ans.answer


def test_a_rule_leads_before_a_report_to_the_depositary_and_a_crime_question_before_its_sibling_paragraphs(assistant):
    ans = assistant.ask("Does the UN convention require criminalising laundering of money from cybercrime?")
    assert ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 17(1)")
    assert not ans.answer.startswith("“Each State Party shall furnish copies")


def test_what_is_asked_in_everyday_words_leads_in_the_treaty_s_own_terms(assistant):
    """"Take down" is "remove or render inaccessible": the paragraph that says so answers, not the offence that
    names the same material."""
    a = assistant.ask("Must States take down child sexual abuse material under the UN convention?")
    assert a.citations[0].locator.endswith("Art. 34(6)"), a.answer[:300]


def test_withdrawing_from_the_treaty_is_answered_by_its_denunciation_article_not_by_withdrawing_a_reservation(assistant):
    a = assistant.ask("How can a State Party withdraw from the UN cybercrime convention?")
    assert a.citations[0].locator.endswith("Art. 67(1)"), a.answer[:300]
    assert "denounce" in a.answer.split("\n\n")[0]
    # in everyday words too, and signing is answered by the article on signature, not the signatures under the text
    assert assistant.ask("Can a country back out of the UN convention?").citations[0].locator.endswith("Art. 67(1)")
    # "country" is the texts' State or Party, "get" the country's action: not a subject the treaty never mentions
    a = assistant.ask("How does a country get out of the Budapest Convention?")
    assert not a.abstained and a.citations[0].locator.endswith("Art. 47(1)"), a.answer[:300]
    a = assistant.ask("Who can sign the Budapest Convention?")
    assert a.citations[0].locator.endswith("Art. 36(1)"), a.answer[:300]
    # a verb meets the text's noun: "describe" is answered by "shall contain: … a description of the property"
    a = assistant.ask("What must a request to confiscate property abroad describe under the UN convention?")
    assert a.citations[0].locator.endswith("Art. 50(3)(a)"), a.answer[:300]


def test_everyday_names_for_the_texts_subjects_are_answered_from_their_articles(assistant):
    """"Revenge porn" is the UN's non-consensual dissemination of intimate images, "penetration testing" the
    Budapest Convention's authorised testing of a system, a treaty that "takes effect" enters into force."""
    a = assistant.ask("Is revenge porn a crime under the UN convention?")
    assert not a.abstained and a.citations[0].locator.endswith("Art. 16(1)"), a.answer[:300]
    a = assistant.ask("Is ethical hacking or penetration testing a crime under the Budapest Convention?")
    assert not a.abstained and any(c.locator.endswith("Art. 6(2)") for c in a.citations[:2]), a.answer[:300]
    a = assistant.ask("When does the UN convention take effect?")
    assert a.citations[0].locator.endswith("Art. 65(1)"), a.answer[:300]
    a = assistant.ask("When does a denunciation of the Budapest Convention take effect?")
    assert a.citations[0].locator.endswith("Art. 47(2)"), a.answer[:300]
    # a name inside a mapped phrase ("USB drive", a data storage medium) is not a name the corpus lacks
    a = assistant.ask("Can the police search a suspect's laptop or USB drive under the Budapest Convention?")
    assert not a.abstained and a.citations[0].locator.endswith("Art. 19(1)"), a.answer[:300]


def test_everyday_phrasing_of_what_the_texts_regulate_is_answered_not_declined(assistant):
    """A verb left by a treaty's name ("Does … replace …?") and a noun with its verb ("a manager failed") are not
    subjects the texts never mention."""
    for q in ("Does the Budapest Convention replace older European treaties?",
              "Can a company be liable under the Budapest Convention because a manager failed to supervise an employee?"):
        a = assistant.ask(q)
        assert not a.abstained and a.citations[0].doc_id == "budapest", (q, a.answer[:200])


def test_an_opt_out_question_leads_with_the_reservation_and_acronyms_are_read_as_the_texts_spell_them(assistant):
    """"Choose not to criminalise attempts" is answered "Yes" by the reservation on paragraph 2 (read with what that
    paragraph says), not by the rule it departs from; "NGOs" are the texts' "non-governmental organizations"."""
    a = assistant.ask("Can a Party choose not to criminalise attempts under the Budapest Convention?")
    assert a.citations[0].locator.endswith("Art. 11(3)") and a.answer.startswith("Yes"), a.answer[:300]
    # "ICJ" is the International Court of Justice the UN convention names, and the opt-out (63(3)) is quoted; it
    # leads with the default passage model, here (the suite's small model) it follows the option to go to the Court
    a = assistant.ask("Can a country opt out of the ICJ dispute settlement under the UN convention?")
    assert not a.abstained and any(c.locator.endswith("Art. 63(3)") for c in a.citations), a.answer[:300]
    a = assistant.ask("Are NGOs encouraged to help developing countries under the UN convention?")
    assert not a.abstained and "non-governmental organizations" in " ".join(c.text for c in a.citations), a.answer[:300]
    # the Budapest Convention introduces "Interpol" as the short name of the organisation the UN convention names
    q = "Can countries keep using Interpol's round-the-clock contact points under the UN convention?"
    assert not assistant.ask(q).abstained
    r = assistant.retriever.retrieve(q)
    assert "International Criminal Police Organisation" in r.searched, r.searched
    assert any(h.chunk.locator.endswith("Art. 41(6)") for h in r.hits), [h.chunk.locator for h in r.hits]
    a = assistant.ask("Whose law decides the grounds for refusing extradition under the Budapest Convention?")
    assert not a.abstained and "Art. 24(" in a.citations[0].locator, a.answer[:300]  # not "a country's own law"


def test_an_article_asked_by_its_title_and_an_alternative_to_the_rule_lead_their_answers(assistant):
    """The article's title counts as words of each of its sentences ("the article on confidentiality and limitation
    on use" is Art. 28, and "When does it apply?" is its paragraph 1); what a State may do when its law does not
    allow the rule is the "may instead" paragraph, not the rule."""
    a = assistant.ask("When does the Budapest Convention's article on confidentiality and limitation on use apply?")
    assert a.citations[0].locator.endswith("Art. 28(1)"), a.answer[:300]
    a = assistant.ask("What can a State do under the UN convention if its legal system doesn't let it collect "
                      "traffic data in real time itself?")
    assert a.citations[0].locator.endswith("Art. 29(2)") and "may instead" in a.answer[:400], a.answer[:300]


def test_no_list_of_the_shipped_texts_is_quoted_short_of_its_end(assistant):
    """Every sentence that introduces a list runs on to the list's last item: a quote of the grounds for refusing
    assistance (UN Art. 40(21)) that stops at (c) would read as the whole list."""
    from assistant.answer.quoting import LIST_REACH, run_on
    from assistant.grounding import sentence_spans

    opened = 0
    for c in assistant.retriever.chunks:
        spans = sentence_spans(c.text)
        for i, (a, b) in enumerate(spans):
            if c.text[a:b].rstrip().endswith(":"):
                opened += 1
                assert run_on(c.text, spans, i, LIST_REACH) == run_on(c.text, spans, i, reach=10**6), c.locator
    assert opened > 50
    grounds = next(c for c in assistant.retriever.chunks if c.locator == "UN Convention against Cybercrime, Art. 40(21)")
    a = assistant.ask("On what grounds may mutual legal assistance be refused under the UN convention?")
    quoted = [c.quote for c in a.citations if c.locator.startswith(grounds.locator)]
    assert quoted and all(q.rstrip().endswith("for the request to be granted.") for q in quoted), a.answer[:600]


def test_a_question_that_says_an_article_s_title_finds_the_article_s_rule(assistant):
    """Article titles are a field of their own: "conditions and safeguards" brings UN Art. 24's paragraphs forward,
    its rule (24(1), the principle of proportionality) among them, which neither search ranked near the top."""
    r = assistant.retriever.retrieve("What conditions and safeguards does the UN convention require for investigative "
                                     "powers?", k=7)
    found = {h.chunk.locator: h.sources for h in r.hits}
    assert "title" in found.get("UN Convention against Cybercrime, Art. 24(1)", ()), list(found)


def test_a_question_whether_the_treaty_empowers_opens_with_yes_when_the_rule_binds(assistant):
    ans = assistant.ask("Does the UN convention allow real-time collection of traffic data?")
    assert ans.answer.startswith("Yes — “Each State Party shall")
    assert ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 29(")
    # an option is no duty: the attempt article says "may adopt"
    ans = assistant.ask("Does the UN convention require States to criminalise attempts to commit its offences?")
    assert ans.citations and not ans.answer.startswith("Yes")


def test_a_question_whether_a_party_can_opens_with_yes_or_no_when_the_text_says_so_plainly(assistant):
    ans = assistant.ask("Can a Party access publicly available stored computer data located in another Party without "
                        "authorisation under the Budapest Convention?")
    assert ans.answer.startswith("Yes — “A Party may, without the authorisation of another Party")
    assert ans.citations[0].locator == "Budapest Convention, Art. 32"
    ans = assistant.ask("Can a State refuse legal assistance because of bank secrecy under the UN convention?")
    assert ans.answer.startswith("No — “States Parties shall not decline")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 40(24)"


def test_a_question_whether_a_state_may_limit_a_power_is_answered_by_the_reservation_that_limits_it(assistant):
    # Art. 29's own paragraphs name "real-time" and "traffic data"; the reservation in Art. 23(3)(a) names neither,
    # but it is the text that says how far a State may limit the power ("only to offences … specified")
    ans = assistant.ask("Can a State limit real-time traffic data collection to certain offences under the UN convention?")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 23(3)(a)", ans.answer[:300]
    assert "only to offences or categories of offences" in ans.citations[0].quote


def test_a_question_about_a_request_from_another_state_is_answered_by_the_cooperation_article(assistant):
    # the domestic preservation order's "up to a maximum of 90 days" (Art. 25(2)) is not what a request from
    # another State gets: Art. 42(8)'s "not less than 60 days"
    ans = assistant.ask("How long can data be preserved at another State's request under the UN convention?")
    assert ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 42("), ans.answer[:300]
    assert "60 days" in ans.answer and "90 days" not in ans.answer[:ans.answer.index("60 days")], ans.answer[:600]


def test_a_list_item_is_as_direct_as_its_introduction_says(assistant):
    # "(a) The offence is committed against a national of that State Party" is one of the cases in which a State
    # "may also establish its jurisdiction": for a question whether it can, the option answers before a duty
    q = "Can a country claim jurisdiction when one of its citizens is the victim of a cybercrime under the UN treaty?"
    r = assistant.retriever.retrieve(q)
    by = {h.chunk.locator.split(", ")[-1]: h for h in r.hits + r.context}
    duty, option = by["Art. 22(3)"], by["Art. 22(2)"]
    item = option.chunk.text.index("(a) The offence is committed against a national")
    item_span = (item, option.chunk.text.index("\n", item))
    picked = assistant.extractor.ordered(r, [(duty, (0, len(duty.chunk.text)), 0.80), (option, item_span, 0.70)])
    assert picked[0][0] is option, picked
    ans = assistant.ask(q)
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 22(2)", ans.answer[:300]


def test_what_a_request_must_contain_is_answered_by_its_list_and_a_case_by_the_sentence_stating_it(assistant):
    ans = assistant.ask("What must a request to another State to preserve data contain under the UN convention?")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 42(3)", ans.answer[:300]
    assert "shall specify:\n(a) The authority seeking the preservation;" in ans.answer
    ans = assistant.ask("What if a country thinks preserving data for another country won't actually keep it available, "
                        "under the Budapest Convention?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 29(6)", ans.answer[:300]


def test_the_part_a_question_names_is_where_the_answer_is_not_a_subject_only_a_preamble_mentions(assistant):
    q = "What does the General Assembly resolution urge States to do about the UN cybercrime convention?"
    assert assistant.retriever.retrieve(q).framing == frozenset()  # no "uses “resolution” only in its preamble"
    ans = assistant.ask(q)
    assert ans.citations[0].locator == "A/RES/79/243, para. 3", ans.answer[:300]
    assert ans.answer.startswith("“Urges all States")


def test_a_clause_that_saves_third_parties_rights_and_a_refused_national_s_case_lead_their_answers(assistant):
    ans = assistant.ask("Does confiscating criminal proceeds under the UN convention harm innocent people who "
                        "acquired the property in good faith?")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 31(9)", ans.answer[:300]
    assert ans.answer.startswith("“The provisions of this article shall not be construed as prejudicing the rights "
                                 "of bona fide third parties.”")
    ans = assistant.ask("If a country won't extradite its own national to serve a sentence, what should it do instead "
                        "under the UN convention?")
    assert ans.citations[0].locator == "UN Convention against Cybercrime, Art. 37(13)", ans.answer[:300]


def test_each_reservation_on_real_time_collection_is_a_passage_of_its_own(assistant):
    locators = {c.locator for c in assistant.index.chunks()}
    assert {"Budapest Convention, Art. 14(3)(a)", "Budapest Convention, Art. 14(3)(b)",
            "UN Convention against Cybercrime, Art. 23(3)(a)", "UN Convention against Cybercrime, Art. 23(3)(b)"} <= locators
    reservation = next(c for c in assistant.index.chunks() if c.locator == "UN Convention against Cybercrime, Art. 23(3)(b)")
    assert "closed group of users" in reservation.text and "may reserve the right not to apply" in reservation.text


def test_a_first_choice_of_one_ranker_stands_among_the_first_five_however_many_are_asked_for(assistant):
    # BM25 ranks the reservation first ("only to offences or categories of offences"); the sentence re-ranking prefers
    # Art. 29's own paragraphs on real-time collection, which would push it to seventh of ten
    question = "Can a State limit real-time traffic data collection to certain offences under the UN convention?"
    for k in (5, 10):
        top = [h.chunk.locator for h in assistant.retriever.retrieve(question, k=k).hits[:5]]
        assert "UN Convention against Cybercrime, Art. 23(3)(a)" in top, top


def test_a_question_what_counts_as_a_term_is_answered_by_its_definition(assistant):
    question = "What information counts as traffic data in the UN cybercrime convention?"
    r = assistant.retriever.retrieve(question, k=7)
    assert r.hits[0].chunk.locator == "UN Convention against Cybercrime, Art. 2(a)–(d)" and "definition" in r.hits[0].sources
    ans = assistant.ask(question)
    assert "UN Convention against Cybercrime, Art. 2(c)" in [c.locator for c in ans.citations], ans.answer[:300]
    assert "“Traffic data” shall mean any electronic data relating to a communication" in ans.answer


def test_the_quote_naming_what_the_question_asks_for_leads(assistant):
    # "What kind of penalties …?": Art. 13(2)'s sanctions for legal persons, not Art. 12(1)'s liability itself
    ans = assistant.ask("What kind of penalties must companies face when held liable under the Budapest Convention?")
    assert ans.citations[0].locator == "Budapest Convention, Art. 13(2)", ans.answer[:300]
    assert "monetary sanctions" in ans.answer.split("\n\n")[0]


def test_an_everyday_phrase_the_texts_never_use_is_not_taken_for_an_absent_subject(assistant):
    # no text says "border": police cooperating "across borders" is the UN convention's law enforcement cooperation
    ans = assistant.ask("How should police forces coordinate with each other across borders under the UN convention?")
    assert not ans.abstained, ans.answer[:300]
    assert ans.citations and ans.citations[0].locator.startswith("UN Convention against Cybercrime, Art. 47(1)")
