"""The "Yes" that opens an answer to a yes/no question (pure): said only in the plain case."""

from __future__ import annotations

import pytest

from assistant.answer.verdict import asks_if_bound, asks_if_crime, criminalises, subject_words, verdict

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
    ("Must countries punish attempted cybercrimes?", True),  # punishing conduct is criminalising it
    ("Must States punish offenders with prison?", False),  # punishing people is sanctioning them
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
    # an everyday phrase counts when the text says the treaty terms the vocabulary gives for it ("intimate photos":
    # "intimate image non-consensual dissemination", with the article's title); not where it does not
    asked = "Is posting someone's intimate photos without their consent a crime under ?"
    assert verdict(asked, asked, intimate, intimate, "Non-consensual dissemination of intimate images") == "Yes"
    assert verdict(asked, asked, ACCESS, ACCESS, "Illegal access") == ""
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


# verbatim from the corpus: UN Art. 41(1) (its first sentence), Art. 48 (its first sentence), Budapest Art. 34
CONTACT = ("Each State Party shall designate a point of contact available 24 hours a day, 7 days a week, in order to "
           "ensure the provision of immediate assistance for the purpose of specific criminal investigations, "
           "prosecutions or judicial proceedings concerning offences established in accordance with this Convention, "
           "or for the collection, obtaining and preservation of evidence in electronic form for the purpose of "
           "criminal investigations and proceedings in relation to offences established in accordance with this "
           "Convention, as well as to serious crime.")
JOINT = ("States Parties shall consider concluding bilateral or multilateral agreements or arrangements whereby, in "
         "relation to offences established in accordance with this Convention that are the subject of criminal "
         "investigations, prosecutions or judicial proceedings in one or more States, the competent authorities "
         "concerned may establish joint investigative bodies.")
INTERCEPTION_ASSISTANCE = ("The Parties shall provide mutual assistance to each other in the real-time collection or "
                           "recording of content data of specified communications transmitted by means of a computer "
                           "system to the extent permitted under their applicable treaties and domestic laws.")


@pytest.mark.parametrize("question, asks", [
    ("Does the UN convention allow real-time collection of traffic data?", True),
    ("Does the UN convention require a point of contact?", True),
    ("Must a Party designate a point of contact?", True),
    ("Does a Party have to designate a point of contact?", True),  # the everyday "have to", "need to"
    ("Do service providers need to keep the collection confidential?", True),
    ("Does the Budapest Convention provide for mutual assistance?", True),
    ("Does the UN convention allow or forbid joint investigations?", False),  # alternatives
    ("What does the UN convention allow?", False),  # not yes or no
    ("Does the UN convention protect human rights?", False),  # not about a duty or a power
])
def test_which_questions_ask_whether_the_treaty_binds_or_empowers(question, asks):
    assert asks_if_bound(question) is asks


def test_yes_when_the_rule_binds_every_party_to_what_is_asked():
    asked = "Must a State Party designate a point of contact available 24 hours a day?"
    assert verdict(asked, asked, CONTACT, CONTACT) == "Yes"
    asked = "Does it require a point of contact?"
    assert verdict(asked, asked, CONTACT, CONTACT) == "Yes"
    # a word of the question the rule does not have: no "Yes"
    asked = "Must a State Party designate a point of contact for civil cases?"
    assert verdict(asked, asked, CONTACT, CONTACT) == ""
    # a duty to consider is no duty to do
    asked = "Does it allow joint investigative bodies?"
    assert verdict(asked, asked, JOINT, JOINT) == ""
    # nor one bounded by what each Party's law permits
    asked = "Does it provide for mutual assistance in the real-time collection of content data?"
    assert verdict(asked, asked, INTERCEPTION_ASSISTANCE, INTERCEPTION_ASSISTANCE) == ""


def test_a_question_whether_conduct_is_a_crime_is_answered_by_criminalisation_only():
    asked = "Is failing to designate a point of contact a crime?"
    assert verdict(asked, asked, CONTACT, CONTACT) == ""
    # "offences committed on board" names offences; the question asks about a duty
    assert asks_if_bound("Must a Party establish jurisdiction over offences committed on board its ships?")


def test_what_is_done_online_is_done_through_a_system_and_children_are_a_child():
    asked = "Is the grooming of children online a crime?"
    assert verdict(asked, asked, GROOMING, GROOMING) == "Yes"
    assert verdict("Is the grooming of children offline a crime?", "Is the grooming of children offline a crime?",
                   GROOMING, GROOMING) == ""


def test_a_question_stricter_than_the_rule_gets_no_yes():
    asked = "Must each State Party designate a point of contact?"
    assert verdict(asked, asked, CONTACT, CONTACT) == "Yes"  # "each" restates the rule
    for asked in ("Must a State Party designate a point of contact for any offence?",
                  "Must a State Party designate only one point of contact?",
                  "Is grooming always a crime?"):
        quote = GROOMING if "grooming" in asked else CONTACT
        assert verdict(asked, asked, quote, quote) == ""


ATTEMPT = ("Each State Party may adopt the necessary legislative and other measures to establish as a criminal offence, "
           "in accordance with its domestic law, when committed intentionally, any attempt to commit an offence "
           "established in accordance with this Convention.")


def test_a_rule_left_to_each_party_is_optional_for_a_question_whether_the_treaty_obliges():
    asked = "Does require States to criminalise attempts to commit its offences?"
    assert verdict("Does the UN convention require States to criminalise attempts to commit its offences?", asked,
                   ATTEMPT, ATTEMPT) == "Optional"
    # asked whether a Party may: a "may" answers yes, not "optional"; and no verdict without the subject's words
    assert verdict("Does it allow States to criminalise attempts?", "Does it allow States to criminalise attempts?",
                   ATTEMPT, ATTEMPT) == ""
    assert verdict("Is grooming a crime?", "Is grooming a crime?", ATTEMPT, ATTEMPT) == ""
    # an option on a detail of a binding offence ("may require that the offence be committed …") is not optional
    detail = "A Party may require that the offence be committed by infringing security measures."
    assert verdict("Is hacking a crime?", "Is hacking a crime?", detail, detail) == ""


# verbatim: Budapest Art. 32 (its opening and item a), UN Art. 16(5), Budapest Art. 12(1) (its opening words)
OPEN_SOURCE = "A Party may, without the authorisation of another Party:"
OPEN_SOURCE_A = ("a)access publicly available (open source) stored computer data, regardless of where the data is located "
                 "geographically; or")
LIABILITY = ("1. Each Party shall adopt such legislative and other measures as may be necessary to ensure that legal "
             "persons can be held liable for a criminal offence established in accordance with this Convention, "
             "committed for their benefit by any natural person, acting either individually or as part of an organ of "
             "the legal person, who has a leading position within it, based on:")
INTENT = "5. A State Party may require the intent to cause harm before criminal liability attaches."


def test_a_question_whether_a_party_can_is_answered_yes_by_a_may_or_a_shall():
    asked = "Can a Party access publicly available stored computer data located in another Party without authorisation?"
    assert verdict(asked, asked, OPEN_SOURCE, OPEN_SOURCE_A) == "Yes"
    asked = "Can a State require intent to cause harm for the intimate images offence?"
    assert verdict(asked, asked, INTENT, INTENT, "Non-consensual dissemination of intimate images") == "Yes"
    asked = "Can companies be held liable for offences?"  # a rule that binds every Party to it
    assert verdict(asked, asked, LIABILITY, LIABILITY) == "Yes"
    asked = "Does the UN convention allow States to require intent to cause harm?"  # "allow" asks the same
    assert verdict(asked, "Does allow States to require intent to cause harm?", INTENT, INTENT) == "Yes"


@pytest.mark.parametrize("asked, opening", [
    # a word of the question the text does not have ("private")
    ("Can a Party access private stored computer data in another Party without authorisation?", OPEN_SOURCE),
    ("Can a State refuse to assist?", "States Parties may not refuse to assist."),  # a negation
    ("Can a State join investigations?", "States Parties may also consider joint investigations."),  # to consider
    ("Can a State access data or only ask for it?", OPEN_SOURCE),  # alternatives
])
def test_no_yes_for_a_can_question_unless_the_text_plainly_allows_it(asked, opening):
    quote = OPEN_SOURCE_A if opening == OPEN_SOURCE else opening
    assert verdict(asked, asked, opening, quote) == ""


# verbatim: UN Arts. 40(24) and 37(16)
BANK_SECRECY = ("24. States Parties shall not decline to render mutual legal assistance pursuant to this article on the "
                "ground of bank secrecy.")
FISCAL = ("16. States Parties may not refuse a request for extradition on the sole ground that the offence is also "
          "considered to involve fiscal matters.")


def test_no_when_the_rule_forbids_refusing_on_the_ground_asked_about():
    asked = "Can a State refuse legal assistance because of bank secrecy?"
    assert verdict(asked, asked, BANK_SECRECY, BANK_SECRECY) == "No"
    asked = "Can extradition be refused only because the offence involves fiscal matters?"
    assert verdict(asked, asked, FISCAL, FISCAL) == "No"
    # "someone" names nobody the quote need mention; "taxes" is what the text calls fiscal matters
    asked = "Can a State refuse to extradite someone just because the offence involves taxes?"
    assert verdict(asked, asked, FISCAL, FISCAL) == "No"
    assert verdict(asked.replace("someone", "a journalist"), asked.replace("someone", "a journalist"), FISCAL, FISCAL) == ""
    # another ground than the one the rule names: no verdict
    asked = "Can a State refuse legal assistance because of the death penalty?"
    assert verdict(asked, asked, BANK_SECRECY, BANK_SECRECY) == ""
    # a rule that forbids refusing answers no question but one about refusing
    asked = "Can a State render legal assistance despite bank secrecy?"
    assert verdict(asked, asked, BANK_SECRECY, BANK_SECRECY) == ""


# verbatim: Budapest Arts. 11(3), 11(2) and 6(3)
ATTEMPT_RESERVATION = "3. Each Party may reserve the right not to apply, in whole or in part, paragraph 2 of this article."
BUDAPEST_ATTEMPT = ("Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal "
           "offences under its domestic law, when committed intentionally, an attempt to commit any of the offences "
           "established in accordance with Articles 3 through 5, 7, 8, and 9.1.a and c. of this Convention.")
DEVICES_RESERVATION = ("3. Each Party may reserve the right not to apply paragraph 1 of this article, provided that the "
                       "reservation does not concern the sale, distribution or otherwise making available of the items "
                       "referred to in paragraph 1 a.ii of this article.")


def test_yes_when_a_reservation_lets_a_party_leave_undone_what_is_asked():
    asked = "Can a country choose not to criminalise attempts?"
    assert verdict(asked, asked, ATTEMPT_RESERVATION, ATTEMPT_RESERVATION, "Attempt and aiding or abetting",
                   BUDAPEST_ATTEMPT) == "Yes"
    # the paragraph the reservation names is what carries the subject: without it (nor the title), no verdict
    assert verdict(asked, asked, ATTEMPT_RESERVATION, ATTEMPT_RESERVATION) == ""
    # another subject than the named paragraph's
    asked = "Can a country choose not to criminalise aiding?"
    assert verdict(asked, asked, ATTEMPT_RESERVATION, ATTEMPT_RESERVATION, "", BUDAPEST_ATTEMPT) == ""
    # a reservation with a proviso is no plain "Yes"; a question stricter than the rule gets none
    asked = "Can a Party choose not to apply the offence of misuse of devices?"
    assert verdict(asked, asked, DEVICES_RESERVATION, DEVICES_RESERVATION, "Misuse of devices") == ""
    asked = "Can a country choose not to criminalise all attempts?"
    assert verdict(asked, asked, ATTEMPT_RESERVATION, ATTEMPT_RESERVATION, "", BUDAPEST_ATTEMPT) == ""
