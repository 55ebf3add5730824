"""The lead of an extractive answer (assistant.answer.lead): pure, no model. Every fragment is the sentence's own
words, pieces joined by "…", and carries what was asked."""

from __future__ import annotations

import re

from assistant.answer.lead import (
    Quoted,
    condense,
    elide,
    formulas,
    naming,
    opening,
    render,
    shortened,
    side_by_side,
    within,
)

PRESERVATION = ("Where a State Party gives effect to paragraph 1 of this article by means of an order to a person to "
                "preserve specified stored electronic data in the person’s possession or control, the State Party "
                "shall adopt such legislative and other measures as may be necessary to oblige that person to "
                "preserve and maintain the integrity of that electronic data for a period of time as long as "
                "necessary, up to a maximum of 90 days, to enable the competent authorities to seek its disclosure.")


def pieces_are_verbatim(rendered: str, sentence: str) -> bool:
    """Every piece between "…" marks occurs in the sentence, in order."""
    pos = 0
    for piece in [p.strip() for p in rendered.split("…") if p.strip()]:
        at = sentence.find(piece, pos)
        if at < 0:
            return False
        pos = at + len(piece)
    return True


def test_a_long_sentence_is_cut_to_the_clauses_that_answer_and_keeps_the_figure():
    f = condense("How long can a preservation order last?", PRESERVATION, (0, len(PRESERVATION)))
    out = render(PRESERVATION, f)
    assert "up to a maximum of 90 days" in out
    assert "order" in out and len(out) < len(PRESERVATION)
    assert "…" in out and pieces_are_verbatim(out, PRESERVATION)
    assert f.figure and "preserv" in f.terms


def test_a_short_sentence_is_kept_whole():
    s = "A Party may, however, require a lower age-limit, which shall be not less than 16 years."
    f = condense("What is the minimum age?", s, (0, len(s)))
    assert render(s, f) == s


def test_adjacent_clauses_keep_their_punctuation_and_a_cut_drops_it():
    s = ("Any preservation effected in response to the request referred to in paragraph 1 shall be for a period not "
         "less than sixty days, in order to enable the requesting Party to submit a request for the search or "
         "similar access, seizure or similar securing, or disclosure of the data.")
    out = render(s, condense("For how long is data preserved at a request?", s, (0, len(s))))
    assert pieces_are_verbatim(out, s)
    assert not re.search(r"[,;:] …", out), out  # no dangling comma before a cut
    assert "sixty days" in out


def test_offsets_are_into_the_chunk_text():
    chunk = "2. " + PRESERVATION + " 3. Another sentence."
    a = chunk.index("Where")
    f = condense("How long can a preservation order last?", chunk, (a, a + len(PRESERVATION)))
    assert all(a <= x < y <= a + len(PRESERVATION) for x, y in f.pieces)
    assert "2." not in render(chunk, f) and "Another" not in render(chunk, f)


# made-up wording in the treaties' shape (a rule introducing a list), not a quote of either
LISTED = ("Except as otherwise provided in Article 9, each Party shall apply the measures set out in paragraph 1 "
          "of this article to:\na) the offences established in accordance with Articles 2 to 11 of this text;\n"
          "b) other offences committed by means of a network of any kind; and\nc) the gathering of records in "
          "digital form of an offence.")


def test_a_list_the_fragment_runs_into_is_kept_to_its_last_item():
    asked = "Which measures apply to offences committed by means of a network?"
    out = render(LISTED, condense(asked, LISTED, (0, len(LISTED)), whole=100, limit=230))
    assert out.endswith("c) the gathering of records in digital form of an offence."), out
    assert "b) other offences" in out and pieces_are_verbatim(out, LISTED)
    # a long remainder is still cut: the limit holds for all but a short tail
    long_tail = LISTED[:-1] + ", " + "and of any further matter that the Parties may agree upon " * 4 + "."
    g = condense(asked, long_tail, (0, len(long_tail)), whole=100, limit=230)
    assert render(long_tail, g).endswith("b) other offences committed by means of a network of any kind; and …")


def test_when_asks_for_a_time_and_the_clause_stating_it_is_kept():
    s = ("After the expiry of five years from the entry into force of this text, a Party may propose a change and "
         "send it to the depositary, who shall thereupon circulate the proposed change to the other Parties and "
         "to the meeting of the Parties for the purpose of considering and deciding on the proposal.")
    without = render(s, condense("Who can propose a change?", s, (0, len(s)), whole=100, limit=200))
    asked = render(s, condense("Who can propose a change, and when?", s, (0, len(s)), whole=100, limit=200))
    assert "five years" not in without
    assert "five years" in asked and "propose a change" in asked and pieces_are_verbatim(asked, s)
    assert "five years" in render(s, condense("When can a Party propose a change?", s, (0, len(s)), whole=100,
                                              limit=200))
    # "when" joining a condition asks for no time
    assert "five years" not in render(s, condense("Who can propose a change when they wish?", s, (0, len(s)),
                                                  whole=100, limit=200))


def quoted(text: str, label: str, n: int, doc: str = "un") -> Quoted:
    return Quoted(text, (0, len(text)), label, n, doc)


def test_a_comparison_leads_with_one_fragment_of_each_treaty_in_the_answers_order():
    q1 = quoted(PRESERVATION, "UN Art. 25(2)", 1, "un")
    q2 = quoted("A State Party may provide for such an order to be subsequently renewed.", "UN Art. 25(3)", 2, "un")
    q3 = quoted("The Party shall oblige that person to preserve the data for a period of time as long as "
                "necessary, up to a maximum of ninety days.", "Budapest Art. 16(2)", 3, "bc")
    lead = side_by_side("Compare how long a preservation order lasts under each", [q1, q2, q3])
    assert [q.n for q, _ in lead] == [1, 3]
    assert "90 days" in render(q1.text, lead[0][1]) and "ninety days" in render(q3.text, lead[1][1])


def test_each_treaty_is_led_by_its_first_quote_whatever_its_word_count():
    # the answer's order already puts each treaty's most direct sentence first (the rule's reservation for "Can a
    # State refuse to …?"): the lead does not trade it for a quote that repeats more of the question's words
    q1 = quoted("Each Party may reserve the right not to apply paragraph 2 of this article.", "A, Art. 11(3)", 1, "a")
    q2 = quoted("Each Party shall establish as criminal offences an attempt to commit the offences.", "A, Art. 11(2)", 2, "a")
    q3 = quoted("Each State Party may establish as a criminal offence any attempt to commit an offence.", "B, Art. 19(2)", 3, "b")
    lead = side_by_side("Can a State refuse to criminalise attempts to commit offences?", [q1, q2, q3])
    assert [q.n for q, _ in lead] == [1, 3]


def test_one_treaty_quoted_no_side_by_side():
    q1 = quoted(PRESERVATION, "UN Art. 25(2)", 1, "un")
    assert side_by_side("Compare preservation", [q1]) == []
    assert side_by_side("anything", []) == []


def test_an_opening_keeps_the_rule_s_first_words_and_runs_on_to_what_was_asked():
    rule = ("A State Party may request another State Party to order or otherwise obtain, in accordance with article "
            "25 of this Convention, the expeditious preservation of electronic data stored by means of an "
            "information and communications technology system located within the territory of that other State "
            "Party, and in respect of which the requesting State Party intends to submit a request for mutual "
            "legal assistance.")
    f = opening("data preservation powers", rule, (0, len(rule)), 160)
    out = render(rule, f)
    assert out.startswith("A State Party may request") and out.endswith("…")
    assert "preservation of electronic data" in out and pieces_are_verbatim(out, rule)
    short = "Each Party shall preserve the data."
    assert render(short, opening("anything", short, (0, len(short)), 120)) == short


OFFENCE = ("Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal "
           "offences under its domestic law, when committed intentionally, the access to the whole or any part of a "
           "computer system without right.")
# a corpus where the drafting frame recurs, and so does a phrase that is not a frame (it follows no "shall")
CORPUS = [f"Each Party shall adopt such legislative and other measures as may be necessary to do thing {i}, by means "
          f"of an information and communications technology system." for i in range(20)]


def test_formulas_are_the_word_runs_that_recur_across_passages():
    found = formulas(CORPUS + [OFFENCE], words=6, passages=15)
    assert ("adopt", "such", "legislative", "and", "other", "measures") in found
    assert not any("7," in g for g in found)  # a run with a word of its own passage does not recur
    assert formulas(CORPUS[:3], words=6, passages=15) == frozenset()


def test_the_drafting_frame_is_left_out_and_who_acts_and_what_they_must_do_stay():
    frame = formulas(CORPUS, words=6, passages=15)
    out = render(OFFENCE, elide(OFFENCE, (0, len(OFFENCE)), frame))
    assert out == ("Each Party shall … establish as criminal offences under its domestic law, when committed "
                   "intentionally, the access to the whole or any part of a computer system without right.")
    assert pieces_are_verbatim(out, OFFENCE)
    later = render(PRESERVATION, elide(PRESERVATION, (0, len(PRESERVATION)), frame))  # the frame mid-sentence
    assert later.startswith("… the State Party shall … oblige that person to preserve")  # the rule, not its condition
    assert "up to a maximum of 90 days" in later and pieces_are_verbatim(later, PRESERVATION)


def test_nothing_is_left_out_without_a_frame_after_shall():
    frame = formulas(CORPUS, words=6, passages=15)
    plain = "The information and communications technology system used by means of an information and communications technology system shall be secure."
    for text in (plain, "A Party may adopt such legislative and other measures as may be necessary to act."):
        f = elide(text, (0, len(text)), frame)
        assert render(text, f) == text
    assert render(OFFENCE, elide(OFFENCE, (0, len(OFFENCE)), frozenset())) == OFFENCE


def test_a_comparison_fragment_loses_the_drafting_frame_too():
    frame = formulas(CORPUS, words=6, passages=15)
    asked = condense("Which conduct is an offence?", OFFENCE, (0, len(OFFENCE)), whole=100, limit=230)
    out = render(OFFENCE, within(OFFENCE, asked, elide(OFFENCE, (0, len(OFFENCE)), frame)))
    assert out.startswith("Each Party shall … establish as criminal offences") and pieces_are_verbatim(out, OFFENCE)
    assert "legislative" not in out and "committed intentionally" in out


def test_a_brief_line_is_the_rule_without_its_frame_cut_to_its_room():
    frame = formulas(CORPUS, words=6, passages=15)
    f = shortened("How long can a preservation order last?", PRESERVATION, (0, len(PRESERVATION)), 200, frame)
    out = render(PRESERVATION, f)
    assert out.startswith("… the State Party shall … oblige that person to preserve") and out.endswith("…")
    assert sum(y - x for x, y in f.pieces) <= 200 and pieces_are_verbatim(out, PRESERVATION)
    whole = shortened("q", PRESERVATION, (0, len(PRESERVATION)), 1000, frame)
    assert render(PRESERVATION, whole) == render(PRESERVATION, elide(PRESERVATION, (0, len(PRESERVATION)), frame))


def test_a_cut_never_takes_a_negation_or_an_exception():
    negative = [f"Each Party shall not be required to apply measure {i} to it." for i in range(20)]
    frame = formulas(negative, words=6, passages=15)  # "shall not be required to" recurs: still never cut
    rule = "Each Party shall not be required to apply paragraph 1 to offences of a minor nature."
    assert render(rule, elide(rule, (0, len(rule)), frame)) == rule
    exception = ("Except as specifically provided otherwise in Article 21, each Party shall apply the powers and "
                 "procedures referred to in paragraph 1 of this article to the offences.")
    assert render(exception, elide(exception, (0, len(exception)), frozenset())) == exception


def test_a_comparison_fragment_keeps_a_condition_that_names_what_was_asked():
    text = ("Where, in accordance with the provisions of this chapter, the requested Party is permitted to make mutual "
            "assistance conditional upon the existence of dual criminality, that condition shall be deemed fulfilled, "
            "irrespective of whether its laws place the offence within the same category of offence.")
    asked = condense("Can assistance be refused for lack of dual criminality?", text, (0, len(text)), whole=100,
                     limit=230)
    out = render(text, within(text, asked, elide(text, (0, len(text)), frozenset())))
    assert "dual criminality" in out and pieces_are_verbatim(out, text)


def test_a_condition_stays_when_the_rule_points_back_into_it():
    text = "If the receiving Party accepts the information subject to the conditions, it shall be bound by them."
    assert render(text, elide(text, (0, len(text)), frozenset())) == text  # not "… it shall be bound by them."
    kept = ("Where, in accordance with the provisions of this chapter, the requested Party is permitted to make "
            "assistance conditional upon dual criminality, that condition shall be deemed fulfilled.")
    assert render(kept, elide(kept, (0, len(kept)), frozenset())) == kept
    cut = "Where a Party receives a request, the requested Party shall execute it promptly."
    assert render(cut, elide(cut, (0, len(cut)), frozenset())) == "… the requested Party shall execute it promptly."


def test_naming_starts_at_the_clause_that_names_the_actor():
    s = ("In summary, Cisco and various human rights organizations are concerned about the broad language and "
         "potential risks to human rights and free speech in the UN convention against cyber crime, while the UN "
         "and the Biden administration are more optimistic about its overall balance.")
    shown = render(s, naming(s, (0, len(s)), r"\bBiden administration\b", 200))
    assert shown == "… while the UN and the Biden administration are more optimistic about its overall balance."
    assert render(s, naming(s, (0, len(s)), r"\bCisco\b", 120)).startswith("… Cisco and various")
    assert render(s, naming(s, (0, len(s)), r"\bCisco\b", 400)) == s  # short enough: whole
