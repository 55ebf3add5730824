"""Question forms and the sentences that answer them (pure): "On what grounds may … refuse?" is answered by "… may
only be withheld if: …", "What must a request contain?" by "A request … shall specify: …". Each form (``AnswerForm``)
pairs the question's pattern with the answering sentence's and says how much such a sentence is lifted among the
quotes; :mod:`directness` prefers the rule over its options, these forms prefer the sentence of the asked kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a question whether a Party may leave something undone ("Can a Party decline to criminalise …?", "Can children be
# exempted …?"): the option or reservation that allows it answers, and the rule it departs from does not
ASKS_EXEMPTION = re.compile(r"\b(decline|choose not|(not|refuse) (to )?(apply|criminali[sz]e|establish|adopt)|exempt\w*|"
                            r"opt(s|ing)? out|exclude[sd]?|waive)\b", re.I)
# a question for the grounds on which a Party may refuse ("On what grounds may a Party refuse to disclose …?", "When
# can a Party withhold …?"), and the sentence that states when it may ("Disclosure … may only be withheld if: …")
_REFUSE = r"refus\w*|withh[oe]ld\w*|den(y|ied)|declin\w*|turn(ed)? down|reject\w*"  # the verbs of refusing
ASKS_GROUNDS = re.compile(r"\b(grounds?|when|reasons?|in what (cases|circumstances)|under what (conditions|"
                          rf"circumstances))\b[^?]{{0,60}}?\b({_REFUSE})\b", re.I)
_GROUNDS = re.compile(r"\b(may|can) (only |also )?be (refused|withheld|denied|declined|rejected)\b|"
                      r"\bmay (refuse|withhold|deny|decline|reject)\b|\bgrounds? for (refus|deni)\w*", re.I)


# the question's refusing words, in any form; verdict._ASKS_REFUSAL is a narrower twin (no "withhold", "denies",
# "denial"): one list for both would widen the verdict's "No", a change to measure on its own
_REFUSING = re.compile(rf"\b({_REFUSE}|denies|denial|turns down|say no)\b", re.I)


def asks_refusal(question: str) -> bool:
    """The question is about refusing ("Can a State turn down …?", "… deny extradition …")."""
    return bool(_REFUSING.search(question))


def gives_grounds(sentence: str) -> bool:
    """The sentence says when a Party may refuse (the answer to a question ``ASKS_GROUNDS`` matches)."""
    return bool(_GROUNDS.search(sentence))


# a question for what something must contain ("What information must a request for preservation contain?", "What
# has to be included when …?"), and the sentence that lists it ("A request for preservation … shall specify: a) …")
ASKS_CONTENTS = re.compile(r"\bwhat\b[^?]{0,80}?\b(must|shall|should|has to|have to|needs? to|is to)\b[^?]{0,60}?"
                           r"\b(contain|include|specify|set out|indicate)\b|\bwhat\b[^?]{0,80}?\bbe "
                           r"(included|stated|specified|set out|indicated)\b|\bwhat (details|information|particulars)\b"
                           r"[^?]{0,80}?\b(give|provide|supply|include|state|contain|specify)\b", re.I)
_CONTENTS = re.compile(r"\b(shall|must)\s+(\w+\s+){0,2}(specify|contain|include|indicate|set out|state)\b[^:.;]{0,80}:",
                       re.I)


# a question whether a Party can limit something to some cases ("Can a State limit real-time traffic data collection to
# certain offences …?", "Can a Budapest country limit its jurisdiction over …?"; not "a lower age limit"), and the
# sentence that states such a limit ("… reserve the right to apply the measures … only to offences …")
ASKS_LIMIT = re.compile(r"\b(can|may|could|must|should) ([\w-]+ ){1,3}?(limit|restrict|confine)\b", re.I)
_LIMITS = re.compile(r"\bonly (to|in|for|with respect to|in respect of|where|if|when)\b|"
                     r"\b(limited|restricted|confined) to\b", re.I)

# a question for the things a provision lists ("What prevention measures …?", "What help must the contact point
# provide?", "What must the contact point be able to do?"), and the list that answers ("Preventive measures may
# include: (a) …"); not "What can a country do if …?", which asks for an alternative
ASKS_LIST = re.compile(r"^\s*what ([\w-]+ ){0,2}?(measures|steps|help|assistance|functions|tasks|services)\b|"
                       r"^\s*what (do|does|must|should|shall|will) [^?]{3,80}?\b(provide|cover|include|involve|offer|"
                       r"perform|be able to do)\b", re.I)
_LIST = re.compile(r":\s*\(?a\)|^\s*\(?[a-z]\)\s")  # or one of its items, quoted with it

# a question whose law or procedures govern something ("Whose law governs how a State carries out …?", "Under which
# law are confiscation measures defined …?"), and the sentence that names them ("… shall be executed in accordance
# with the procedures specified by the requesting Party", "… shall be governed by the domestic law of …")
ASKS_GOVERNING = re.compile(r"\b(whose|which|what) (domestic |national )?(law|laws|procedures?|rules)\b", re.I)
_GOVERNING = re.compile(r"\bgoverned by\b|\b(defined|executed|implemented|carried out|taken|effected|"
                        r"conducted)\b[^.;:]{0,50}?\bin accordance with\b", re.I)

# a sentence that lets a Party leave a rule undone ("… may reserve the right not to apply …", "… may … declare that it
# does not consider itself bound by paragraph 2", "… may decide not to …"): the answer to a question whether it may
# (``ASKS_EXEMPTION``), before any other option of the article ("… may refer the dispute to the Court")
_OPTS_OUT = re.compile(r"\breserve the right not to\b|\bnot (to )?consider (itself|themselves) bound\b|"
                       r"\bmay (\w+ ){0,2}(decide|declare|choose|elect) not to\b|\bmay (take steps to )?exclude\b", re.I)

# a question for what a Party must weigh ("What must countries take into account when helping victims?", "Before
# saying no, what should the requested country think about?"), and the sentence that says it ("… shall take into
# account the age, gender …", "… shall … consider whether the request may be granted partially")
ASKS_REGARD = re.compile(r"\bwhat\b[^?]{0,80}?\b(consider|take into (account|consideration)|bear in mind|have regard to|"
                         r"weigh|keep in mind|think about|look at)\b", re.I)
_REGARD = re.compile(r"\b(take|taking|taken) into (account|consideration)\b|\bhav(e|ing) (due )?regard to\b|"
                     r"\bbear(ing)? in mind\b|\bgive (due )?consideration to\b|\bconsider whether\b", re.I)

# a question who may or must act ("Who can propose changes to the Budapest Convention?"), and the sentence that names
# the actor of a passive ("Amendments … may be proposed by any Party"); a name's own sentence is found by its name
ASKS_AGENT = re.compile(r"^\s*who (can|could|may|must|shall|should|will|is to|has to|have to)\b", re.I)
_AGENT = re.compile(r"\b(be|been|is|are) (\w+ ){0,2}?\w+(ed|en) by\b", re.I)

# a question how far a duty goes ("How far must Parties go in helping each other?", "How broadly …?"), and the
# sentence that measures it ("… co-operate with each other … to the widest extent possible", "the widest measure of
# mutual legal assistance")
ASKS_EXTENT = re.compile(r"\b(how far|to what extent|how broadly|how widely)\b", re.I)
_EXTENT = re.compile(r"\b(widest|greatest|fullest|full|maximum) (possible )?(extent|measure)\b|"
                     r"\bto the extent (possible|permitted|necessary)\b", re.I)
# a question when a provision applies ("When do the rules on confidentiality … apply?"), and the sentence that says
# when it does or does not ("When there is no mutual assistance treaty …, the provisions of this article shall apply")
ASKS_APPLICATION = re.compile(r"\b(when|in which cases|in what (cases|circumstances|situations)|under what "
                              r"(conditions|circumstances))\b[^?]{0,120}?\bappl(y|ies)\b", re.I)
_APPLIES = re.compile(r"\b(shall|does|do|will) (not |only |also )?apply\b", re.I)

# a question which offences a power serves ("Which crimes can the Budapest procedural powers be used for?") or what a
# treaty applies to ("What does the UN convention apply to?", "its scope of application"), and the sentence that
# says what it applies to ("… shall apply the powers and procedures … to: a) the criminal offences …")
ASKS_SCOPE = re.compile(r"\b(which|what) (kinds? of |types? of )?(crimes?|offen[cs]es?)\b[^?]{0,80}?\b(used|use|apply|"
                        r"applies|applied|available|invoked)\b|^\s*what (does|do|will) [^?]{0,80}?\bappl(y|ies) to\b|"
                        r"\bscope of (application|the convention|the treaty)\b", re.I)
_SCOPE = re.compile(r"\bapply\b[^.;:]{0,100}?\bto\s*:|\bappl(y|ies)\b[^.;:]{0,100}?\bto (the |any )?(criminal )?"
                    r"offen[cs]es\b", re.I)

# a question whether an offence or a power requires something ("Does computer forgery … require intent to defraud?",
# "Is dishonest intent required for …?"; not "Does the Convention require …?", a subject with a capital, which asks
# for the rule), and the option that lets a Party require it ("A State Party may require an intent to defraud")
ASKS_ELEMENT = re.compile(r"^\s*(?i:does|do)\s+(?!(?:the\s+)?(?:[A-Z]|(?i:convention|treaty|protocol|it|they|either|each|"
                          r"both|this|that)\b))[^?]*?\b(?i:require)\b|^\s*(?i:is|are)\b[^?]*?\b(?i:required)\b(?! to\b)")
_MAY_REQUIRE = re.compile(r"\bmay (also )?require\b", re.I)


@dataclass(frozen=True)
class AnswerForm:
    """A kind of question (``asks``), the kind of sentence that answers it (``answers``) and how much that lifts the
    sentence among the quotes."""
    asks: re.Pattern[str]
    answers: re.Pattern[str]
    bonus: float


ANSWER_FORMS = (
    AnswerForm(ASKS_GROUNDS, _GROUNDS, 0.15),  # "On what grounds may a Party refuse …?": "… may only be withheld if"
    AnswerForm(ASKS_CONTENTS, _CONTENTS, 0.3),  # "What must a request … contain?": "A request … shall specify: …"
    AnswerForm(ASKS_LIMIT, _LIMITS, 0.2),  # "Can a State limit … to …?": "… only to offences …"
    AnswerForm(ASKS_LIST, _LIST, 0.2),  # "What help must … provide?": "… shall include: a) …"
    AnswerForm(ASKS_GOVERNING, _GOVERNING, 0.2),  # "Whose law governs …?": "… executed in accordance with …"
    AnswerForm(ASKS_EXEMPTION, _OPTS_OUT, 0.15),  # "Can a State opt out of …?": "… not consider itself bound by …"
    AnswerForm(ASKS_REGARD, _REGARD, 0.2),  # "What must States take into account …?": "… shall take into account …"
    AnswerForm(ASKS_AGENT, _AGENT, 0.15),  # "Who can propose changes …?": "… may be proposed by any Party"
    AnswerForm(ASKS_EXTENT, _EXTENT, 0.2),  # "How far must Parties go …?": "… to the widest extent possible"
    AnswerForm(ASKS_APPLICATION, _APPLIES, 0.15),  # "When do … apply?": "When there is no …, … shall apply"
    AnswerForm(ASKS_SCOPE, _SCOPE, 0.15),  # "Which crimes can … be used for?": "… shall apply … to: a) …"
    AnswerForm(ASKS_ELEMENT, _MAY_REQUIRE, 0.15),  # "Does forgery require intent to defraud?": "… may require an intent …"
)


def forms_asked(question: str) -> tuple[AnswerForm, ...]:
    """The answer forms a question asks for."""
    return tuple(f for f in ANSWER_FORMS if f.asks.search(question))


def form_bonus(forms: tuple[AnswerForm, ...], sentence: str) -> float:
    """What a sentence gains for having the form of answer the question asks for."""
    return sum(f.bonus for f in forms if f.answers.search(sentence))
