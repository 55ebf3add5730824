"""The first word of an answer to a yes/no question (pure): "Yes" where the quote that leads the answer makes the
asked conduct a criminal offence, or binds every Party to the asked duty or power, in so many words. Said only
when the case is plain, since a wrong "Yes" is worse than none:
- the question asks whether conduct is a crime ("Is grooming a crime …?") and the quote obliges every Party to
  establish it as one; or it asks whether the treaty requires, allows or provides for something ("Does it allow
  real-time collection of traffic data?", "Must a Party designate a contact point?") and the quote's opening binds
  every Party ("Each State Party shall …", not "shall consider", "shall endeavour", "as appropriate");
- the quote and its opening carry no option, exception or negation;
- every word the question uses for the conduct is in the quote, its opening or its article's title, itself or as
  the treaty term the vocabulary maps it to. "Is attempted illegal access a crime?" answered from the
  illegal-access article lacks "attempt", so it gets no "Yes".
A question whether something can be done ("Can a Party …?", "Does it allow …?") gets a "Yes" from an opening
that lets each Party do it ("A Party may, without the authorisation of another Party: …") as well as from one
that binds it; a question whether a Party can refuse on a ground gets a "No" from a rule that forbids refusing on
that ground ("States Parties shall not decline … on the ground of bank secrecy"), with the same word check."""

from __future__ import annotations

import re

from ..grounding import STOPWORDS, content_terms, generic_terms, stem
from ..retrieve.kinds import ASKING_VERBS, INDEFINITE_PRONOUNS
from ..retrieve.vocabulary import PUNISHES_CONDUCT, search_text, vocabulary_matches
from .directness import PARTY_WORDS, directness
from .forms import ASKS_EXEMPTION

YES_NO = re.compile(r"^\s*(is|are|does|do|must|shall|should|will|would|has|have)\b", re.I)
# the words that ask whether conduct is a crime; they are the question's predicate, not its subject
_ASKS_CRIME = re.compile(r"\b(crimes?|criminal(ly)?|criminali[sz](e|es|ed|ing|ation)|offen[cs]es?|punishable|"
                         r"illegal|unlawful|required?|oblige[sd]?|make|made|" + PUNISHES_CONDUCT + r")\b", re.I)
# the question's predicate is that conduct is a crime ("a crime", "an offence", "criminalise", "punishable"): only
# criminalisation answers it; "offences committed on board its ships" names offences, and asks about jurisdiction
_CRIME_PREDICATE = re.compile(r"\b(a|an) (crime|(criminal )?offen[cs]e)\b|\bcriminal offen[cs]es?\b|\bcriminali[sz]\w*|"
                              r"\bpunishable\b|\billegal\b|\bunlawful\b|\b" + PUNISHES_CONDUCT, re.I)
# the words that ask whether the treaty obliges or empowers ("Does it allow …?", "Does it provide for …?", "Does it
# require …?", "Must a Party …?"); the empowering ones also ask whether a Party may (see _ASKS_LEAVE)
_EMPOWERS = r"allow(s|ed)?|permit(s|ted)?|authori[sz]e[sd]?|empower(s|ed)?|enable[sd]?|provide[sd]? for"
_ASKS_EMPOWER = re.compile(rf"\b({_EMPOWERS})\b", re.I)  # "Does it allow …?" asks whether something can be done
_ASKS_DUTY = re.compile(rf"\b({_EMPOWERS}|require[sd]?|oblige[sd]?|ha(ve|s) to|needs? to)\b|^\s*must\b", re.I)
# an opening that binds every Party: "Each State Party shall adopt …", "The Parties shall provide …"; not a duty to
# consider, to endeavour or to seek, nor one "as appropriate"
_BINDS = re.compile(r"\b(each|every|all|the) (states? )?part(y|ies)\b[^.;:]{0,60}?\bshall\b"
                    r"(?!\s+(not|consider|endeavou?r|seek|strive|take into)\b)", re.I)
# an opening that leaves the measure or the offence to each Party ("Each State Party may adopt such legislative and
# other measures as may be necessary to establish as a criminal offence …"), and a question that asks whether a Party
# may (there a "may" is a "Yes", not an option)
_LEAVES = re.compile(r"\b(each|every|all|the|a) (states? )?part(y|ies)\b[^.;:]{0,60}?\bmay (also )?adopt\b", re.I)
_ASKS_LEAVE = re.compile(rf"\b({_EMPOWERS}|can|could|may|might|option\w*|free)\b", re.I)
_WEAK = re.compile(r"\b(as|where|when) appropriate\b|\bto the extent (possible|appropriate|permitted)\b|"
                   r"\bin accordance with (its|their) domestic law\b|\bsubject to (its|their) domestic law\b", re.I)
# a question stricter than any rule states ("… for any offence?", "… in all cases?", "… only …?"): the rule's own
# limits then answer it, not a "Yes"
_QUANTIFIED = re.compile(r"\b(any|all|every|only|always|never|whatever|whenever)\b", re.I)
_CRIMINALISES = re.compile(r"\bestablish\b.{0,80}?\bas (a )?criminal offen[cs]es?\b", re.I | re.S)
_ALTERNATIVE = re.compile(r"\bor\b(?!\s+not\b)|\b(what|which|how|when|who|whom|where|why)\b|"
                          r"\band (can|could|may|might|must|shall|should|is|are|does|do|will|would)\b", re.I)


# a question whether something can be done ("Can a Party access … without authorisation?", "Can companies be held
# liable …?"), and an opening that leaves it to each Party ("A Party may, without the authorisation of another
# Party: a) access …"); an opening that binds every Party to it answers it too
_ASKS_CAN = re.compile(r"^\s*((under|in|according to) [^,?]{3,60},\s*)?(can|could|may)\b", re.I)
_MAY = re.compile(r"\bpart(y|ies)(,[^,;:.]{1,80},)?\s+may\b(?!\s+(also\s+)?(not|consider|be necessary)\b)", re.I)

# a question whether a Party can refuse on some ground ("Can a State refuse legal assistance because of bank
# secrecy?"), and a rule that forbids refusing on that ground alone ("States Parties shall not decline to render
# mutual legal assistance … on the ground of bank secrecy"): a "No"; the refusing words are the question's predicate
_ASKS_REFUSAL = re.compile(r"\b(refus\w*|declin\w*|say no|turn(s|ed)? down|reject\w*|den(y|ied))\b", re.I)
_FORBIDS_REFUSAL = re.compile(r"\b(may|shall) not (exercise the right to )?(refuse|decline)\b[^.;]{0,160}?"
                              r"\b(sole(ly)?|on the grounds? (of|that))\b", re.I)
# a question whether a Party may leave something undone ("Can a country choose not to criminalise attempts?", "Can a
# State exempt …?"), and a reservation or option that lets it ("Each Party may reserve the right not to apply …
# paragraph 2 of this article"): a "Yes", when every word of the subject is in the quote or the paragraph it names; narrower
# than the opt-out answer form (forms._OPTS_OUT) on purpose: "may take steps to exclude" (UN Art. 14(4)) excludes only
# some conduct of the offence, which a plain "Yes" would overstate
_LETS_OFF = re.compile(r"\bmay (also )?reserve the right not to apply\b|\bmay (decide|declare|choose|elect) not to\b|"
                       r"\b(states?|part(y|ies)) (may|shall) not be (required|obliged) to\b", re.I)
_PROVISO = re.compile(r"\b(provided that|except|unless|other than)\b", re.I)  # a partial "Yes" is not a plain one
_ACTOR = re.compile(rf"^({PARTY_WORDS})$", re.I)  # who asks, not what
# "(only) because of …": the ground asked about, in the words of a rule that forbids refusing "on the sole ground"
_ON_GROUND = re.compile(r"\b(only|just|solely|merely|because|of)\b", re.I)


def asks_if_crime(question: str) -> bool:
    """"Is sharing intimate images without consent a crime …?", "Must a Party criminalise …?"; not a question
    with alternatives ("… criminal or civil?") or a second part ("… and what is the sanction?", "… and can States
    add conditions?")."""
    return bool(YES_NO.match(question) and _ASKS_CRIME.search(question) and not _ALTERNATIVE.search(question))


def asks_if_bound(question: str) -> bool:
    """"Does the UN convention allow real-time collection of traffic data?", "Must a Party designate a point of
    contact?"; not a question with alternatives or a second part."""
    return bool(YES_NO.match(question) and _ASKS_DUTY.search(question) and not _ALTERNATIVE.search(question))


def subject_words(question: str) -> list[str]:
    """The words a question uses for the conduct it asks about: its content words less the treaties' names and
    the question's form (documents, "crime", "require", "allow", asking verbs)."""
    words = re.findall(r"[A-Za-z][A-Za-z-]+", _ASKS_DUTY.sub(" ", _ASKS_CRIME.sub(" ", question)))
    generic = generic_terms()
    return [w for w in words if w.lower() not in STOPWORDS and w.lower() not in ASKING_VERBS
            and stem(w) not in generic and len(w) > 2]


# everyday verbs for putting material into circulation, and the offences' own list of that conduct ("the selling,
# distributing, transmitting, publishing or otherwise making available of …"): a match for the verdict only (as a
# search term the pair was measured to pull information-sharing questions towards the offences: dev lead −1)
_CIRCULATES = re.compile(r"^(shar|post|upload|spread|circulat)", re.I)
_CIRCULATION = {stem(w) for w in ("distributing", "transmitting", "publishing", "disseminating")}


# everyday words for the treaties' drafting terms of the offences: done "without permission" is done "without
# right" (the element every offence of the two conventions carries), "private" communications are "non-public"
# transmissions, a "computer" is a computer or an information and communications technology "system", and what is
# done "online" or over the "internet" is done through one ("… grooming … through an information and communications
# technology system"); the plurals the stemmer leaves whole ("children") are their singulars; for the
# verdict only, like the verbs above
_DRAFTING = {"permission": "right", "authorisation": "right", "authorization": "right", "private": "nonpubl",
             "computer": "system", "computers": "system", "online": "system", "internet": "system",
             "children": "child", "people": "person"}  # whole words: "author" is not "authorisation"


def _covered(word: str, terms: set[str]) -> bool:
    if stem(word) in terms or _CIRCULATES.match(word) and _CIRCULATION & terms \
            or _DRAFTING.get(word.lower()) in terms:
        return True
    mapped = search_text(word)  # "hacking" → the treaty terms the vocabulary gives for it
    return mapped != word and any(t in terms for t in content_terms(mapped[len(word):]))


def _phrased(question: str, terms: set[str]) -> set[str]:
    """The words of the question's everyday phrases ("intimate photos", "round-the-clock") whose treaty terms
    ("intimate image non-consensual dissemination", "twenty-four hour seven-day-a-week point of contact") the text
    says, every one of them, in the quote, its opening or its article's title ("breaking into" is "illegal access …
    without right": a quote on devices by which a system "is capable of being accessed" does not say it)."""
    return {w for words, stems in vocabulary_matches(question) if stems and stems <= terms for w in words}


def _all_said(words: list[str], text: str, question: str = "") -> bool:
    """Every one of the question's subject ``words`` (there are some; "someone" does not count) is in ``text`` (the
    quote, its opening and its article's title), itself, as the treaty term it stands for, or as a word of a phrase
    of the ``question`` whose treaty terms the text says."""
    terms = set(content_terms(text))
    phrased = _phrased(question, terms) if question else set()
    words = [w for w in words if w.lower() not in INDEFINITE_PRONOUNS]
    return bool(words) and all(w.lower() in phrased or _covered(w, terms) for w in words)


def criminalises(text: str) -> bool:
    """The text obliges, or lets, a Party make conduct a criminal offence ("… establish as criminal offences …")."""
    return bool(_CRIMINALISES.search(text))


def verdict(question: str, searched: str, opening: str, quote: str, title: str = "", named: str = "") -> str:
    """"Yes", "No", "Optional" or "". ``searched``: the question without the treaties' names (as retrieval searched it);
    ``opening``: the sentence that opens the leading quote's paragraph (a list item's introduction);
    ``quote``: the quote; ``title``: its article's title; ``named``: the paragraphs of its own article a reservation
    names ("… not to apply … paragraph 2 of this article"), what it lets a Party leave undone."""
    can = bool(_ASKS_CAN.match(question) or YES_NO.match(question) and _ASKS_EMPOWER.search(question)) \
        and not _ALTERNATIVE.search(question)
    if can:
        rule = _BINDS
    elif _CRIME_PREDICATE.search(question):
        rule = _CRIMINALISES if asks_if_crime(question) else None
    else:
        rule = _BINDS if asks_if_crime(question) or asks_if_bound(question) else None
    if can and _ASKS_REFUSAL.search(question) and _FORBIDS_REFUSAL.search(quote):
        asked = subject_words(_ON_GROUND.sub(" ", _ASKS_REFUSAL.sub(" ", searched)))
        return "No" if _all_said(asked, f"{title} {opening} {quote}") else ""
    if can and ASKS_EXEMPTION.search(searched) and _LETS_OFF.search(quote) and not _PROVISO.search(quote) \
            and not _QUANTIFIED.search(searched):
        asked = [w for w in subject_words(ASKS_EXEMPTION.sub(" ", searched)) if not _ACTOR.match(w)]
        return "Yes" if _all_said(asked, f"{title} {opening} {quote} {named}") else ""
    if rule is None or _QUANTIFIED.search(searched) or any(re.search(r"\bnot\b", t, re.I) for t in (opening, quote)):
        return ""
    if not _all_said(subject_words(searched), f"{title} {opening} {quote}", searched):
        return ""
    if rule.search(opening) and not (rule is _BINDS and _WEAK.search(opening)) and directness(opening) > 0 \
            and directness(quote) >= 0:
        return "Yes"
    if can and _MAY.search(opening) and not _WEAK.search(opening):
        return "Yes"
    # a question whether the treaty obliges ("Must countries punish attempted cybercrimes …?") answered by a
    # paragraph that leaves the offence or the measure to each Party: optional, not a "Yes" (nor a "No": a Party may)
    if _LEAVES.search(opening) and (rule is _BINDS or _CRIMINALISES.search(opening)) and \
            not _ASKS_LEAVE.search(searched):
        return "Optional"
    return ""
