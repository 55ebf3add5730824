"""The "Yes" that opens an answer to a yes/no question (pure): said only in the plain case."""

from __future__ import annotations

import pytest

from assistant.answer.verdict import asks_if_crime, criminalises, subject_words, verdict

GROOMING = ("Each State Party shall adopt such legislative and other measures as may be necessary to establish as "
            "criminal offences under its domestic law the act of intentionally communicating, soliciting, grooming, "
            "or making any arrangement through an information and communications technology system for the purpose "
            "of committing a sexual offence against a child.")
ACCESS = ("Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal "
          "offences under its domestic law, when committed intentionally, the access to the whole or any part of a "
          "computer system without right.")


@pytest.mark.parametrize("question, asks", [
    ("Is grooming a crime under the UN convention?", True),
    ("Must a Party criminalise the production of child pornography?", True),
    ("Does the convention make illegal interception an offence?", True),
    ("Is the liability of companies criminal or civil?", False),  # alternatives, not yes or no
    ("Is grooming a crime, and what sanction applies?", False),  # a second, open part
    ("Is hacking a crime, and can States add conditions?", False),  # a second question
    ("What is grooming?", False),
    ("Does the convention protect human rights?", False),  # not about crime
])
def test_which_questions_ask_whether_conduct_is_a_crime(question, asks):
    assert asks_if_crime(question) is asks


def test_the_subject_is_the_conduct_not_the_question_s_form():
    assert subject_words("Is attempt to commit illegal access a crime under ?") == ["attempt", "commit", "access"]


def test_yes_when_the_rule_criminalises_every_word_of_the_subject():
    assert verdict("Is grooming a crime under the UN convention?", "Is grooming a crime under ?", GROOMING,
                   GROOMING) == "Yes"
    # a word of the question the vocabulary maps onto the treaty's term counts ("hacking" → "access")
    assert verdict("Is hacking a crime?", "Is hacking a crime?", ACCESS, ACCESS) == "Yes"
    # … and an everyday verb for putting material into circulation ("sharing" images is "distributing" them)
    intimate = ("Each State Party shall adopt such legislative and other measures as may be necessary to establish as "
                "criminal offences under its domestic law, when committed intentionally and without right, the selling, "
                "distributing, transmitting, publishing or otherwise making available of an intimate image of a person "
                "by means of an information and communications technology system, without the consent of the person "
                "depicted in the image.")
    asked = "Is sharing intimate images without consent a crime under ?"
    assert verdict(asked, asked, intimate, intimate) == "Yes"
    assert verdict("Is sharing intimate images a crime?", "Is sharing intimate images a crime?", ACCESS, ACCESS) == ""
    # the drafting term of the offences: "without permission" is "without right", "private" is "non-public"
    asked = "Is it a crime to access a computer without permission?"
    assert verdict(asked, asked, ACCESS, ACCESS) == "Yes"
    assert verdict("Is accessing a computer without a password a crime?", "Is accessing a computer without a password "
                   "a crime?", ACCESS, ACCESS) == ""  # "password" is not in the rule
    interception = ("Each Party shall adopt such measures as may be necessary to establish as criminal offences the "
                    "interception without right, made by technical means, of non-public transmissions of computer data.")
    asked = "Is the interception of private communications a crime?"
    assert verdict(asked, asked, interception, interception) == ""  # "communications" is not in it either
    asked = "Is the interception of private transmissions a crime?"
    assert verdict(asked, asked, interception, interception) == "Yes"
    un_access = ("Each State Party shall adopt such measures as may be necessary to establish as a criminal offence the "
                 "access to the whole or any part of an information and communications technology system without right.")
    asked = "Is accessing a computer without authorisation a crime?"
    assert verdict(asked, asked, un_access, un_access) == "Yes"  # the UN text's "system" for a computer
    asked = "Is accessing a computer of an author a crime?"  # a word sharing the stem of "authorisation" is not it
    assert verdict(asked, asked, un_access, un_access) == ""
    # a list item, criminalised by the sentence that introduces its list
    assert verdict("Is possessing such material a crime?", "Is possessing such material a crime?",
                   "Each Party shall adopt such measures as may be necessary to establish as criminal offences the "
                   "following conduct:", "c) possessing such material in a computer system;") == "Yes"


@pytest.mark.parametrize("question, opening, quote", [
    # the quote does not name all the conduct asked about: "attempt" is another article's offence
    ("Is attempt to commit illegal access a crime?", ACCESS, ACCESS),
    # an option, an exception, a negation
    ("Is illegal access a crime?", ACCESS, "A Party may require that the offence be committed by infringing security measures."),
    ("Is illegal access a crime?", "Each Party shall not establish as criminal offences the access.", "the access"),
    ("Is interception a crime?", "Each Party may reserve the right not to establish as criminal offences interception.",
     "interception"),
    # an obligation, but not to criminalise
    ("Is a point of contact a crime?", "Each Party shall designate a point of contact.", "a point of contact"),
    # not a yes/no question about a crime
    ("What does the convention say about illegal access?", ACCESS, ACCESS),
])
def test_no_verdict_unless_the_case_is_plain(question, opening, quote):
    assert verdict(question, question, opening, quote) == ""


def test_a_rule_criminalises_when_it_establishes_the_conduct_as_an_offence():
    assert criminalises(GROOMING) and criminalises(ACCESS)
    assert not criminalises("Each State Party shall furnish copies of its laws that give effect to this article to the "
                            "Secretary-General of the United Nations.")
