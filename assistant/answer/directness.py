"""What makes a quote lead an answer (pure): a figure when one is asked for (a definition's, for the term it
defines), the rule before its options and exceptions. Extractive answers open with the quote that answers most
directly."""

from __future__ import annotations

import re

from ..grounding import content_terms
from ..ingest.definitions import defined_terms
from ..retrieve.query import phrase_stems
from ..retrieve.vocabulary import search_text
from ..types import Hit
from .forms import ASKS_EXEMPTION, ASKS_GROUNDS, asks_refusal, gives_grounds

# questions answered by a figure or a period: a sentence that states one is the more direct answer
ASKS_QUANTITY = re.compile(r"\b(how (long|many|much|soon|old)|what (period|time limit|age|year|term)|"
                           r"which year|for what period|within what time|until when|when will\b|when (does|do|shall|must|is|are|was|"
                           r"were)\b.{0,90}?\b(take effect|enter into force|come into (force|effect)|expire|end|"
                           r"become (effective|binding)|meet|convene|be (held|convened|due)|take place|begin|start|"
                           r"commence))", re.I)
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                    r"fifty|sixty|seventy|eighty|ninety|hundred|once|twice|first|second|third|fourth|fifth|sixth|"
                    r"seventh|eighth|ninth|tenth|twelfth|(twen|thir|for|fif|six|seven|eigh|nine)tieth|hundredth)\b",
                    re.I)
_OBLIGATION = re.compile(r"\bshall\b(?!\s+(mean|include|not\s+be\s+(interpreted|construed)))|\bmust\b|"
                         r"\b(is|are) subject to\b", re.I)  # "An amendment … is subject to ratification"
# the options and exceptions a treaty leaves to its Parties
_OPTION = re.compile(r"\b(part(y|ies)|states?) may\b(?!\s+not\b)|"
                     r"\bmay (reserve|require|decide|declare|wholly|partially|instead|also|at any time|elect|choose)\b|"
                     r"\bit may be provided\b|\bmay, at its discretion\b|\b(is|are|be) (also )?entitled to\b|"
                     r"\bnothing in this\b|\bshall not be (interpreted|construed)\b|\breserve the right\b|"
                     r"\bmay (only )?be refused\b|"  # "a request … may only be refused if": when a Party may refuse
                     # a Party not required is an option; "dual criminality shall not be required" binds every Party
                     r"\b(part(y|ies)|states?) shall not be (required|obliged)\b|"
                     r"\b(is|are) not (required|obliged)\b|\bneed not\b", re.I)
# a saving clause: what the rule leaves untouched
_SAVING = re.compile(r"\bshall be without prejudice\b|\bshall not (affect|prejudice)\b|\bdoes not exclude\b|"
                     r"\bshall not be (construed|interpreted) as (prejudicing|affecting)\b|"
                     r"\bnothing (contained )?in this \w+ shall (affect|prevent|prejudice)\b", re.I)
# a question about what a rule leaves untouched ("Can the employee still be prosecuted?", "Does the Convention stop a
# country from …?", "Does it affect other rights?", "Does holding a company liable let its staff off the hook?"): the
# saving clause is its answer
_ASKS_SAVING = re.compile(r"\b(still|nevertheless|stops?|prevents?|preclude[sd]?|affects?|bars?|overrides?|rules? out|"
                          r"harms?|hurts?|prejudices?|off the hook|relieves?|absolves?|shields?|spares?)\b", re.I)
# a question what a Party may do when it cannot follow the rule ("What can a State do if its legal system does not
# allow …?"), and the alternative a treaty offers ("Where a State Party … cannot adopt the measures …, it may instead")
_ASKS_ALTERNATIVE = re.compile(r"\b(if|where|when|unless)\b[^?]{0,80}?\b(cannot|can't|can ?not|doesn't|does not|"
                               r"don't|do not|unable|is not able|are not able|(not|n't) (allow|permit|let)|"
                               r"prevents?|forbids?|prohibits?|precludes?)\b", re.I)
_ALTERNATIVE = re.compile(r"\b(may|shall|might) instead\b|\bin lieu of\b|\balternatively\b", re.I)
# a sentence that opens by narrowing who or what it is about, or on a condition ("If …"), states a special case
# of the rule
# ("For each State … ratifying … after the deposit of the fortieth instrument", the UN treaties' formula for late
# joiners, as "In respect of any signatory State which subsequently …" is the Council of Europe's)
_SPECIAL_CASE = re.compile(r"^\W*(\(?\w{1,3}[.)]\s*)?(in respect of|in the case of|in the event that|if|"
                           r"for (each|any|every) (state|party|signatory)\b)\b", re.I)
# a sentence that sums up what was said restates it; the sentence it sums up says it
_SUMMARY = re.compile(r"^\W*(in summary|in sum|in conclusion|in short|overall|to sum up|to summari[sz]e|all in all)\b",
                      re.I)
DIRECTNESS = 0.05
# a question about what follows in a case ("What if the requested Party thinks …?", "What happens when …?", "What
# must a State do if …?", "If a State denounces …, what …?"), and a sentence that opens on a condition
_ASKS_CASE = re.compile(r"\bwhat if\b|\bwhat happens\b[^?]*?\b(if|when|where|once)\b|\bwhat (must|should|can|does|do|"
                        r"is|are)\b[^?]{1,60}?\bdo\b[^?]{0,20}?\b(if|when|where|once)\b|^\W*(if|when|where|once)\b[^?]*?,"
                        r"\s*what\b", re.I)
_CASE = re.compile(r"^\W*(\(?\w{1,3}[.)]\s*)?(if|where|when|whenever|in the event that|in (the )?case)\b", re.I)
CASE = 0.15  # the case asked about, stated: as direct as the option a question whether a Party may asks for
PERMISSION = 0.15  # the option, for a question whether a Party may (chosen on dev: 0.05 left it behind the rule)
SAVING = 0.15


# a question for the least or the most of a figure, and sentences that set a floor or a ceiling
_ASKS_FLOOR = re.compile(r"\b(at least|minimum|no less than|not less than|shortest)\b", re.I)
_ASKS_CEILING = re.compile(r"\b(at most|maximum|no more than|not more than|longest|how long can)\b", re.I)
_FLOOR = re.compile(r"\b(not less than|at least|minimum)\b", re.I)
_CEILING = re.compile(r"\b(maximum|up to|not (more|longer) than|not exceed(ing)?)\b", re.I)


def bound_mismatch(question: str, sentence: str) -> bool:
    """The question asks for a floor ("at least") and the sentence sets only a ceiling ("up to a maximum of 90
    days"), or the other way round: its figure is not the one asked for."""
    floor, ceiling = bool(_ASKS_FLOOR.search(question)), bool(_ASKS_CEILING.search(question))
    if floor == ceiling:
        return False
    sets_floor, sets_ceiling = bool(_FLOOR.search(sentence)), bool(_CEILING.search(sentence))
    return (sets_ceiling and not sets_floor) if floor else (sets_floor and not sets_ceiling)


def states_number(text: str) -> bool:
    """A figure in the text, not counting references such as "Article 9" or "paragraph 2"."""
    text = re.sub(r"\b(articles?|art\.|paragraphs?|chapter|section|title)\s*[\dIVX]+(\.\d+)?(\s*(\(\w+\))+)?",
                  "", text, flags=re.I)
    return bool(NUMBER.search(re.sub(r"^\s*\(?\w{1,3}[.)]\s", "", text)))


# a report to the depositary ("shall inform the Secretary-General of the name and address of …", "furnish copies of
# its laws … to the Secretary-General"): how a rule is administered, the answer only to a question about reporting
_REPORTING = re.compile(r"\b(shall|will) (inform|notify|furnish|communicate|transmit)\b[^.;]{0,200}?"
                        r"\b(Secretary[\s-]General|depositary)\b|\b(Secretary[\s-]General|depositary)\b[^.;]{0,80}?"
                        r"\bshall (be notified|be informed|notify|inform)\b", re.I)  # and the depositary's own notices
_ASKS_REPORTING = re.compile(r"\b(notif\w*|informs?|informed|tell|furnish\w*|secretary[\s-]general|depositary|"
                             r"registers?|reports?|reporting)\b", re.I)


def reporting(sentence: str, question: str) -> bool:
    """The sentence is a duty to report to the depositary, and the question does not ask about reporting."""
    return bool(_REPORTING.search(sentence)) and not _ASKS_REPORTING.search(question)


# where a question's asking verb stands: at its start, or after a scope ("Under the UN treaty, can …")
_QUESTION_START = r"^\s*((under|in|according to) [^,?]{3,60},\s*)?"
# a question whether a Party is allowed to do something ("Can a State refuse …?"): the option that allows it is
# the direct answer; "Can a company be punished …?" asks what the rule makes of someone else
# the words a question uses for a Party ("a country", "States", "the signatories")
PARTY_WORDS = r"part(y|ies)|states?|countr(y|ies)|governments?|signator(y|ies)"
ASKS_PERMISSION = re.compile(_QUESTION_START +
                             r"((can|may|could) (an? |the |one |each )?(requested |requesting |other |another )?"
                             rf"(state party|states parties|{PARTY_WORDS})\b|is it (possible|permitted|allowed)|"
                             r"who (can|may)\b|are (they|parties|states) (permitted|allowed))", re.I)


def _in_condition(sentence: str, question: str) -> set[str]:
    """The question's specific terms that the sentence's opening condition (up to its first comma) uses."""
    return set(content_terms(sentence.partition(",")[0], drop_generic=True)) & \
        set(content_terms(question, drop_generic=True))


def asked_case(sentence: str, question: str) -> bool:
    """The sentence states a special case ("If proceeds of crime have been intermingled with property acquired from
    legitimate sources, …") and its condition is what the question asks about: two of the question's specific
    terms, one of them not in the rule that follows (a condition that only repeats the subject, "If the point of
    contact … is not part of …", is a special case of it)."""
    if not question or not _SPECIAL_CASE.match(sentence):
        return False
    asked = _in_condition(sentence, question)
    return len(asked) >= 2 and bool(asked - set(content_terms(sentence.partition(",")[2], drop_generic=True)))


# a carve-out from an offence ("This article shall not be interpreted as imposing criminal liability where … is not for
# the purpose of committing an offence …, such as for the authorised testing or protection of a computer system")
_CARVE_OUT = re.compile(r"\bshall not be (?:interpreted|construed) as imposing (?:criminal )?liability\b.*?"
                        r"\b(?:such as|is not for the purpose of)\b(?P<case>.*)", re.I | re.S)


def carves_out(sentence: str, question: str) -> bool:
    """The sentence carves a case out of an offence and the question asks about that case: two of the question's
    specific terms in the case carved out ("Is owning hacking tools for authorised security testing a crime …?")."""
    m = _CARVE_OUT.search(sentence)
    return bool(m and question) and len(set(content_terms(m.group("case"), drop_generic=True))
                                        & set(content_terms(question, drop_generic=True))) >= 2


def states_case(sentence: str, question: str) -> bool:
    """The question asks what follows in a case and the sentence states it: it opens on a condition ("Where the
    requested Party believes that preservation will not ensure the future availability of the data …,") that shares
    two of the question's specific terms."""
    return bool(question and _ASKS_CASE.search(question) and _CASE.match(sentence)) and \
        len(_in_condition(sentence, question)) >= 2


def is_option(sentence: str) -> bool:
    """An option or exception a treaty leaves to its Parties ("Each Party may reserve the right not to apply …")."""
    return bool(_OPTION.search(sentence))


# a question whether something can be done at all ("Can urgent requests be sent by e-mail …?", "Can civil society
# groups feed into the work of the Conference …?"): "may" is as direct an answer as "shall", so neither is preferred
_ASKS_POSSIBLE = re.compile(_QUESTION_START + r"(can|may|could|is it possible)\b", re.I)


def directness(sentence: str, permission: bool = False, question: str = "") -> float:
    """A small preference for the rule over its options, exceptions and special cases: "Each State Party shall …"
    before "A State Party may require …", "Nothing in this article shall be interpreted …", "States Parties shall
    not be required to …" and "In respect of any signatory State which subsequently …". For a question whether
    something is allowed (``permission``: "Can a Party refuse …?"), the option is the direct answer; for a
    ``question`` whether something can be done at all, the option and the rule are as direct; for a ``question``
    about the case a special case states, that case is the rule that answers."""
    if states_case(sentence, question) or carves_out(sentence, question):  # "What if …?": the sentence on that case
        return CASE
    alternative = bool(question and _ASKS_ALTERNATIVE.search(question))
    if alternative and _ALTERNATIVE.search(sentence):
        return PERMISSION  # "… if its legal system does not allow it?": the alternative the treaty offers answers
    if question and ASKS_GROUNDS.search(question):  # the grounds for refusal answer, not the duty refused
        return PERMISSION if gives_grounds(sentence) else -DIRECTNESS if _OBLIGATION.search(sentence) else 0.0
    if _SAVING.search(sentence):  # a carve-out answers only what it carves out
        return SAVING if _ASKS_SAVING.search(question) else -SAVING
    special = _SPECIAL_CASE.match(sentence) and not asked_case(sentence, question)
    exemption = bool(ASKS_EXEMPTION.search(question))
    option = bool(_OPTION.search(sentence))
    if (permission or exemption) and (option or not special):  # "Can a Party …?": "A Party may …", on a condition too
        if option and question and gives_grounds(sentence) and not asks_refusal(question):
            return 0.0  # "Disclosure … may be refused only on …" gives no leave to do what "Can a State share …?" asks
        return PERMISSION if option else -DIRECTNESS * exemption
    possible = bool(question and _ASKS_POSSIBLE.match(question))
    if (option and not possible) or special or _SUMMARY.match(sentence):
        return -DIRECTNESS
    if possible:
        return 0.0
    # the rule a question asks a way around is no more direct than any other sentence
    return DIRECTNESS if _OBLIGATION.search(sentence) and not alternative else 0.0


# questions answered by a name: who, or which body, organisation, country … ("which human rights groups")
ASKS_NAME = re.compile(r"^\s*(who\b|which ([\w-]+ ){0,3}?(organi[sz]ations?|bod(y|ies)|countr(y|ies)|governments?|groups?|"
                       r"compan(y|ies)|institutions?|office|agency|entity|entities|actors?|stakeholders?)\b)", re.I)
# capitalised words every treaty sentence uses: not names of anyone
_COMMON_CAPITALS = {"state", "states", "party", "parties", "convention", "article", "articles", "protocol", "chapter",
                    "annex", "paragraph", "this", "the", "each", "any", "such", "where", "in", "for", "a", "an"}
# a name: capitalised words in a row, "of", "on", "for" or "and" between them ("European Committee on Crime
# Problems", "Human Rights Watch"), not the capital that opens a sentence
_NAME = re.compile(r"(?<![.:;!?]\s)(?<!^)\b[A-Z][a-zA-Z]+(?:\s+(?:(?:of|on|for|and)\s+)?[A-Z][a-zA-Z]+)*")


def names_another(sentence: str, question: str) -> int:
    """How many names the sentence gives that the question does not ("Human Rights Watch", "Russia"): runs of
    capitalised words with a word that is neither the question's nor one every treaty sentence uses."""
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    acronyms = {w for w in re.findall(r"\b[A-Z]{2,}\b", question)}  # "UN" asks "United Nations" too

    def spelled(name: str) -> str:  # the words an asked acronym spells, left out
        words = re.findall(r"[A-Z][a-zA-Z]+", name)
        for acronym in acronyms:
            for i in range(len(words) - len(acronym) + 1):
                if "".join(w[0] for w in words[i:i + len(acronym)]) == acronym:
                    words = words[:i] + words[i + len(acronym):]
                    break
        return " ".join(words)

    names = {m.group(0) for m in _NAME.finditer(sentence.strip())}
    return sum(any(w.lower() not in asked | _COMMON_CAPITALS for w in re.findall(r"[A-Z][a-zA-Z]+", spelled(name)))
               for name in names)


def defines(sentence: str) -> bool:
    """A definition ('"traffic data" means …', '“Confiscation”, which includes …, shall mean …'): it answers what
    a term is, before any article titled with it. Read with the definitions' own reader, so both agree."""
    return bool(defined_terms(sentence))


def defines_named(sentence: str, question: str) -> bool:
    """The sentence defines a term the question names, in any number ('“Serious crime” shall mean …' for "… a serious
    crime …?", '“intimate image” means …' for "Which images count as intimate images …?")."""
    asked = phrase_stems(question)
    return any(phrase_stems(term) in asked for term in defined_terms(sentence))


# questions that ask for a number; an answer whose quotes state none does not answer them
_ASKS_NUMBER = re.compile(r"\b(how many|how much|what year|which year|in what year|how old|what percentage|"
                          r"(prison|jail|custodial) (term|sentence)s?|how many years|what (fine|sentence)s?|"
                          r"(the|a|what|maximum|minimum) penalty)\b", re.I)  # "What penalties apply …?" asks their kinds
# a question's opening condition ("If an extradition request covers several crimes but some carry too short a prison
# term, can those be included too?"): the case it puts, not what it asks
_CONDITION = re.compile(r"^\s*(if|when|where|once|after|before|although|while|unless)\b[^?]*?,\s*(?=(can|could|may|must|"
                        r"shall|should|does|do|is|are|will|would|what|which|who|whom|whose|how|when|where|why)\b)",
                        re.I)


def asked_part(question: str) -> str:
    """The question without its opening condition, if it has one: the part that says what is asked."""
    return _CONDITION.sub("", question, count=1)


# a question asking whose rule or which body sets a figure asks for a name, not the figure
_ASKS_WHOSE = re.compile(r"^\W*(whose|who|which (law|authority|body|state|party|country|organi[sz]ation))\b", re.I)
# the measure a question asks the figure of ("prison term", "penalty"): the treaties set its kind, not its size
ASKS_MEASURE = re.compile(r"\b((prison|jail|custodial) (term|sentence)s?|fines?|sentences?|penalt(y|ies)|"
                          r"punishments?)\b", re.I)


def lacks_figure(question: str, picked: list[tuple[Hit, tuple[int, int]]]) -> bool:
    """The question asks for a number and none of the picked quotes states one; for a measure ("What prison term
    …?"), none imposes one with its figure: a definition's or another article's threshold ("'Serious crime'
    shall mean … deprivation of liberty of at least four years") is not the penalty asked for, unless the question
    names the term it defines ("What penalty makes an offence a serious crime?"); nor is a rule's figure that is
    not a measure at all ("up to a maximum of 90 days" of preservation, for "What fine …?")."""
    if not _ASKS_NUMBER.search(asked_part(question)) or _ASKS_WHOSE.match(question):  # "Whose law sets the minimum penalty …?"
        return False
    m = ASKS_MEASURE.search(question)
    measure = set(content_terms(search_text(m.group(0)))) if m else set()  # "fine" → "… sanctions deprivation of liberty"

    def sets(t: str) -> bool:
        return directness(t) > 0 and bool(measure & set(content_terms(t))) or defines_named(t, question)

    return not any(states_number(t) and (not measure or sets(t)) for t in (h.chunk.text[a:b] for h, (a, b) in picked))


# "What kind of penalties …?", "Which safeguards …?": the thing asked for, which the answer must name
_ASKS_HEAD = re.compile(_QUESTION_START + r"(what|which)\s+((kinds?|types?|sorts?|forms?)\s+of\s+)?(?P<head>[a-z][a-z-]+)\b", re.I)
_NO_HEAD = {"is", "are", "was", "were", "does", "do", "did", "must", "can", "could", "should", "would", "will", "may",
            "shall", "has", "have", "happens", "happened", "if", "about", "else", "exactly", "the", "a", "an"}


def asked_head(question: str) -> set[str]:
    """The stems of the noun a what/which question asks for, with its treaty terms ("penalties": penalti,
    sanction, depriv, liberti); empty for other questions ("What does …?")."""
    m = _ASKS_HEAD.match(question)
    if not m or m.group("head").lower() in _NO_HEAD:
        return set()
    return set(content_terms(search_text(m.group("head"))))
