"""What a question's shape and a chunk's kind say about ranking (pure): definition questions, questions about a
text's framing or a named part, words that say what to do with an answer, and an article's chunks with the
paragraph a reference names first."""

from __future__ import annotations

import re

from ..types import ArticleRef, Chunk

DEFINITION_Q = re.compile(r"^\s*(what (is|are)( meant by)?|define|definition of|meaning of|what does .{3,60} mean|"
                           r"(what|which|who)( \w+)? counts? as)\b"
                           r"|\bhow (does|do|is|are) .{0,60}\b(define|defined)\b|\bdefinition\b", re.I)


FRAMING = {"preamble", "front"}
# words that say what to do with an answer, not what it is about
META_WORDS = {"summarise", "summarize", "summarising", "outline", "explain", "describe", "paraphrase", "elaborate",
               "briefly", "quote", "quotes", "verbatim", "list"}
# whoever or whatever, unnamed ("extradite someone just because …", "Does anyone check …?"): never a question's subject
INDEFINITE_PRONOUNS = frozenset({"someone", "somebody", "anyone", "anybody", "something", "anything", "everyone",
                                 "everybody"})
# verbs a question asks with ("does it cover …", "how does it treat …"): phrasing, never its subject
ASKING_VERBS = {"cover", "covers", "covered", "regulate", "regulates", "treat", "treats", "say", "says", "deal", "deals",
                "address", "addresses", "handle", "handles", "govern", "governs", "mention", "mentions", "apply",
                "applies", "prohibit", "prohibits", "ban", "bans", "allow", "allows", "permit", "permits", "require",
                "requires", "protect", "protects", "discuss", "discusses", "contain", "contains", "include", "includes"}

# words after which a verb stands, inside a question ("people who testify", "protocols be added"); a modal is a cue
# only before "it", where a treaty's name was taken out ("Does it replace …?"): elsewhere the subject follows it
# ("How can protocols ...")
_VERB_CUE = re.compile(r"\b(?:who|be|been|being|(?:does|do|did|can|could|will|would|may|might|must|should|shall)\s+it)"
                       r"\s+([a-z][a-z'-]+)\b", re.I)


# "Is gambling online a crime …?": the gerund that opens a question names the conduct it asks about
_CONDUCT = re.compile(r"^\W*(?:is|are)\s+([a-z]+ing)\b", re.I)


def conduct_word(text: str) -> str:
    """The conduct a question opens on ("Is gambling … a crime?" → "gambling"), or ""."""
    m = _CONDUCT.match(text)
    return m.group(1).lower() if m else ""


# English's irregular past participles, a closed class: "a prisoner lent to another country" is an action (the
# texts' "transferred"), never a subject the texts do not regulate
_PARTICIPLES = frozenset("""arisen beaten become begun bent bitten blown broken brought built burnt bought caught chosen
clung crept dealt dug done drawn driven eaten fallen fed felt fought found fled flung flown forbidden forgotten forgiven
frozen given gone grown hung heard hidden held hurt kept known laid led leant learnt left lent lain lit lost made meant
met paid ridden risen said seen sought sold sent shaken shone shot shown shrunk sung sunk slept slid spoken spent spun
sprung stood stolen stuck struck sworn swept swum taken taught torn told thought thrown trodden understood woken worn
woven won withdrawn withheld written""".split())


# the verb of a clause whose subject is a determiner and its noun, or a plural, after an auxiliary or a conjunction
# ("How does a country get out …", "If two countries disagree …", "Can countries keep …", "Must Parties weigh …"); a
# treaty's name taken out leaves "it" ("two it countries"), and the name itself is no verb ("Does the UN convention
# require …")
_CLAUSE_VERB = re.compile(
    r"\b(?i:(?:does|do|did|can|could|will|would|may|might|must|should|shall)(?:n['’]?t)?|ca['’]?n['’]?t|wo['’]?n['’]?t|"
    r"if|when|whether|once|unless)\s+(?:it\s+)?"
    r"(?:(?i:a|an|the|two|both|each|every|one|another|its|their|any|some|all|no)\s+(?:it\s+)?[A-Za-z]+|[a-z]+s|"
    r"(?:States\s+)?Parties|States|Signatories)"
    r"\s+(?:(?:just|still|even|really|simply|also|ever|only)\s+)?"
    r"(?!(?:conventions?|treaty|treaties|protocols?|it|be|been|have|has|had)\b)([a-z][a-z'-]+)\b")


def verb_words(text: str) -> set[str]:
    """Words of a question in a verb's place: an action, which the treaties may put in another form (testify /
    testimony, added / addition, lent / transferred), never the subject a question asks about."""
    return set(_VERB_CUE.findall(text)) | {w for w in re.findall(r"[a-z]+", text) if w in _PARTICIPLES}


def clause_verbs(text: str) -> set[str]:
    """The verbs of the question's clauses besides :func:`verb_words`' ("How does a country get out …" → "get"):
    what its subjects do, never a subject of their own."""
    return verb_words(text) | set(_CLAUSE_VERB.findall(text))


def _asks_framing(query: str) -> bool:
    """A question about a text's framing (its preamble, title, purpose, recitals), where preambles answer."""
    return bool(re.search(r"\b(preamble|recital|title|purpose|aim|objective|why|recogni[sz]|resolution|adopt)", query, re.I))


# what a treaty's final clause states: where and when it was done, its languages, which text is authentic, where
# the original is deposited, and the witnessing signatures
_FINAL_SUBJECTS = re.compile(r"\b(done|language|english|french|authentic|original|archives?|deposit\w*|witness|where\b"
                             r"|when\b.{0,40}\b(adopted|signed|done|concluded)|date)", re.I)


# a question that names a part of a document ("resolution 79/243", "the interpretative notes") is about that part
PART_NAMED = {"resolution": re.compile(r"\bresolution\b|\bgeneral assembly\b", re.I),
               "note": re.compile(r"\binterpretative notes?\b", re.I),
               "footnote": re.compile(r"\bfootnotes?\b", re.I)}


# what a resolution's operative paragraphs do ("Requests the Secretary-General …", "Decides that …"): a question
# asking what it requests or decides is answered by them, never by its recitals ("Recalling its resolution …")
_ASKS_OPERATIVE = re.compile(r"\b(ask(s|ed)?|request(s|ed)?|decide(s|d)?|urge(s|d)?|invite(s|d)?|call(s|ed)? (up)?on)\b",
                             re.I)


def frames(chunk: Chunk) -> bool:
    """A text's framing, not its rules: a preamble, front matter, a resolution's recitals ("Recalling …")."""
    return chunk.kind in FRAMING or chunk.kind == "resolution" and chunk.locator.endswith("preamble")


def without_parts(text: str) -> str:
    """The text without the names of the parts it asks about ("the General Assembly resolution", "the interpretative
    notes"): those choose where the answer is (:func:`part_asked`), they are not what it says ("resolutions 74/247")."""
    for pattern in PART_NAMED.values():
        text = pattern.sub(" ", text)
    return text


def part_asked(chunk: Chunk, query: str) -> bool:
    """Is the chunk of a part the query names ("resolution 79/243", "the interpretative notes"), and, for a question
    about what a resolution requests or decides, of its operative paragraphs?"""
    if not (pattern := PART_NAMED.get(chunk.kind)) or not pattern.search(query):
        return False
    return not (frames(chunk) and _ASKS_OPERATIVE.search(query))


# a question about a request from another country ("at another State's request", "after another country asks"): the
# treaties answer it in their international cooperation chapters, where a domestic power's twin ("preserve data") is
# the request's, not the police's at home
_COUNTRY = r"(?:another|other|foreign|a foreign|requesting)\s+(?:state|party|parties|country|countries|government)s?(?:['’]s?)?"
_ABROAD = re.compile(rf"\b{_COUNTRY}\s+(?:requests?|ask(?:s|ed|ing)?)\b|\brequest(?:s|ed)?\s+(?:from|by|of)\s+{_COUNTRY}"
                     rf"|\bat\s+(?:the\s+)?request\s+of\s+{_COUNTRY}", re.I)
_COOPERATION = re.compile(r"\bco-?operation\b", re.I)


def across_borders(chunk: Chunk, query: str) -> bool:
    """Is the chunk of a cooperation chapter, and the query about a request from another country?"""
    return bool(_COOPERATION.search(chunk.chapter) and _ABROAD.search(query))


def kind_weight(chunk: Chunk | None, query: str, positions: bool = False, framing: bool = False) -> float:
    """Preambles and front matter rarely state a rule: behind the articles, unless the question is about a
    text's framing or (``framing``) about something only they mention; units of a part the question names come forward; a question about who thinks what is
    answered by commentary before treaty text."""
    if chunk is None:
        return 1.0
    if positions and chunk.kind == "paragraph":
        return 1.5
    if part_asked(chunk, query):
        return 1.5
    if across_borders(chunk, query):
        return 1.2
    if chunk.kind == "final":  # "DONE at Budapest … in English and in French …": the signing, not the rules
        return 1.0 if _FINAL_SUBJECTS.search(query) else 0.5
    return 0.5 if frames(chunk) and not (framing or _asks_framing(query)) else 1.0


def match_ref(chunks: list[Chunk], ref: ArticleRef) -> list[Chunk]:
    """Chunks of one article, the referenced paragraph (and letter) first."""
    if not ref.paragraph:
        return chunks

    def rank(c: Chunk) -> int:
        if c.paragraph.startswith(f"({ref.paragraph})"):
            return 0 if not ref.letter or f"({ref.letter})" in c.paragraph else 1
        return 2

    return sorted(chunks, key=rank)

