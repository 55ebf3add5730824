"""Which words of a question the documents never use (pure): the subject of a question about something the texts do
not regulate ("cryptocurrency exchanges", "hate speech", "Is gambling online a crime?"), told apart from phrasing
the texts put in their own words ("people who testify", "hacking", "knocking a system offline")."""

from __future__ import annotations

import re

from ..grounding import STOPWORDS, content_terms, generic_terms, stem
from ..lexicon import is_common
from .kinds import ASKING_VERBS, INDEFINITE_PRONOUNS, META_WORDS, clause_verbs, conduct_word
from .vocabulary import vocabulary_matches

# before a name given as an example of something the question asks about ("an organisation like the EU", "a
# USB stick"): the name is not the question's subject
_EXAMPLE_CUE = re.compile(r"\b(?:like|such as|e\.g\.,?|for (?:example|instance),?|including|an?)\s+(?:the\s+)?$", re.I)
_INDEFINITE = INDEFINITE_PRONOUNS | {"everything", "nothing", "nobody"}
# everyday words for the treaties' States and Parties ("How does a country get out of …?"), never a subject of its own
_PARTIES = {"country", "countries", "nation", "nations"}


def exemplary(name: str, question: str) -> bool:
    """Is ``name`` given in the question only as an example ("Can an organisation like the EU join …?") or as a
    kind of thing ("Can police search a USB stick …?"), not as what the question asks about ("What is Microsoft's
    position …?", "What fines does the GDPR impose?")?"""
    return any(_EXAMPLE_CUE.search(question[: m.start()])
               for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", question))


def unmentioned(text: str, known: set[str], vocabulary: set[str], followup: bool = False,
                everyday: bool = False) -> list[str]:
    """Specialised words of ``text`` (a question without the treaties' names) that the documents never use:
    ``known`` holds the stems they use, ``vocabulary`` their words as written (names count when it has them).
    Everyday words ("happen", "clock") and words the vocabulary maps onto treaty terms ("hacking") do not count,
    unless they are the question's whole subject; a ``followup``'s subject is in the turn before. With
    ``everyday``, every single word the documents never use, however common ("racist", "online")."""
    # a phrase the vocabulary maps is the texts' subject in other words ("hacking", "knocking … offline") when they
    # use most of its treaty terms: "revenge porn" is UN Art. 16's "intimate image", not a subject of the Budapest
    # Convention, which holds only "image" (nor of its Additional Protocol, which adds "dissemination")
    held = [(words, terms) for words, terms in vocabulary_matches(text) if 2 * len(terms & known) > len(terms)]
    mapped = set().union(*(terms for _, terms in held)) - set(content_terms(text))
    phrased = set().union(*(words for words, _ in held))  # every word of a mapped phrase: "offline" in "knocking …"
    # the word after "how" is the question's form ("how often", "how soon", "how quickly"), never its subject
    framed = {m.group(1).lower() for m in re.finditer(r"\bhow\s+([a-z]+)", text, re.I)}

    def unused(word: str) -> bool:  # a word of the question the documents never use, nor the vocabulary maps
        cyber = re.match(r"cyber-?(\w{4,})", word, re.I)  # "cybercriminals": the texts' criminal offences, online
        return not (word.lower() in META_WORDS or word.lower() in STOPWORDS or stem(word) in known
                    or bool(cyber) and stem(cyber.group(1)) in known
                    or stem(word) in mapped or word.lower() in phrased or word.lower() in framed)

    out = []
    actions = clause_verbs(text)  # an action may stand in another form in the text (testify / testimony)
    for word in re.findall(r"[A-Za-z][A-Za-z-]{3,}", text):
        if "-" in word or word[0].isupper() and word.lower() not in vocabulary:
            continue  # proper names are the business of unknown_names
        if unused(word) and word not in actions and word not in out and \
                (everyday or not is_common(word)):
            out.append(word)
    if everyday:
        return out
    # the conduct a question opens on is its subject, however common the word ("Is gambling online a crime?")
    conduct = conduct_word(text)
    done_to = re.search(rf"\b{conduct}\s+(?:an?\s+|the\s+)?([\w-]+)", text) if conduct else None
    if done_to and done_to.group(1).lower() in phrased:  # "creating malware": what it is done to is mapped
        conduct = ""
    if conduct and unused(conduct) and conduct not in out:
        out.insert(0, conduct)
    # everyday words make a subject too when two in a row are unused ("hate speech", "facial recognition"); a noun
    # and the verb it governs make a clause, not a subject ("a manager failed to …"), nor does a pronoun ("anyone check")
    for m in re.finditer(r"\b([a-z]{3,})\s+(?=([a-z]{3,})\b)", text):
        pair = f"{m.group(1)} {m.group(2)}"
        if not (ASKING_VERBS | actions | _INDEFINITE) & set(m.groups()) and not m.group(2).endswith("ed") \
                and unused(m.group(1)) and unused(m.group(2)) \
                and not any(w in out for w in m.groups()):
            out.append(pair)
    # a question whose every subject word is unused asks about what the texts never speak of ("Does it cover
    # terrorism?"), however common the words
    subject = [w for w in re.findall(r"\b[a-z][a-z'-]{2,}\b", text) if w not in ASKING_VERBS | _INDEFINITE | _PARTIES
               and w not in actions and stem(w) not in generic_terms() and w not in STOPWORDS]
    # a name the documents use is a subject they speak of ("Who at Cisco spoke about …?")
    named = [w for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]+", text) if not unused(re.sub(r"['’]s$", "", w))]
    if not out and subject and not named and not followup and all(unused(w) for w in subject):
        out = list(dict.fromkeys(subject))
    return out
