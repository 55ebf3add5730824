"""Query analysis, pure: article references, documents named, follow-up detection and rewriting."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..grounding import content_terms, stem
from ..types import ArticleRef, Chunk, DocumentInfo

_REF = re.compile(
    # not "Article 19's position": the organisation, named after the Universal Declaration's article
    r"\b(?:articles?|arts?\.?)\s*(\d{1,3})(?!\d|['’]s\b)(?:\s*\((\d{1,2})\))?(?:\s*\(([a-z])\))?"
    r"|\bparagraph\s+(\d{1,2})\s+of\s+(?:article|art\.?)\s*(\d{1,3})",
    re.I,
)
_MORE = re.compile(r"^\s*(?:,|and|or|to|through|-|–)\s*(\d{1,3})\b", re.I)


def article_refs(text: str) -> list[ArticleRef]:
    """Article references in text: "Article 29", "Art. 16(2)", "Art. 1(d)", "Articles 14 and 15",
    "paragraph 2 of Article 16". Ranges ("Articles 2 through 11") expand."""
    refs: list[ArticleRef] = []
    for m in _REF.finditer(text):
        if m.group(4):
            refs.append(ArticleRef(m.group(5), m.group(4)))
            continue
        paragraph, letter = m.group(2) or "", m.group(3) or ""
        refs.append(ArticleRef(m.group(1), paragraph, letter))
        rest = text[m.end() :]
        last = int(m.group(1))
        while mm := _MORE.match(rest):
            n = int(mm.group(1))
            joiner = rest[: mm.start(1)].strip().lower()
            if joiner in {"through", "to", "-", "–"} and last < n <= last + 40:
                refs.extend(ArticleRef(str(i)) for i in range(last + 1, n + 1))
            else:
                refs.append(ArticleRef(str(n)))
            last = n
            rest = rest[mm.end() :]
    return list(dict.fromkeys(refs))


# with one word between ("a new protocol"), not a conjunction or a preposition ("Treaty A and Treaty B")
_INDEFINITE = re.compile(r"\b(a|an|any|another|each|every|no|such|one or more)\s"
                         r"((?!(?:the|and|or|nor|but|of|to|in|on|at|for|with|by|from|under|as|is|are)\b)[a-z]+\s)?$")


def names_a_document(text: str, start: int) -> bool:
    """Does the alias at ``start`` of ``text`` name its document? Not after an indefinite word ("a protocol to the
    UN convention" is any protocol), unless it is written with its capital ("a Budapest country")."""
    return text[start:start + 1].isupper() or not _INDEFINITE.search(" " + text[:start].lower())


def longest_first(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of matches (start, end, what) that overlap, the longest: the others are part of it."""
    taken: list[tuple[int, int, str]] = []
    for start, end, what in sorted(found, key=lambda f: -(f[1] - f[0])):
        if not any(start < e and s < end for s, e, _ in taken):
            taken.append((start, end, what))
    return taken


def documents_named(text: str, manifest: list[DocumentInfo]) -> list[str]:
    """Ids of manifest documents that the text names through one of their aliases. The longest name wins
    where names overlap: "Second Additional Protocol" does not also name the (first) "Additional Protocol".
    An alias after an indefinite word names no document: "a protocol to the UN convention" is any protocol; a
    name written with its capital still does ("a Budapest country")."""
    spaced = " " + re.sub(r"\s+", " ", text) + " "
    low = spaced.lower()
    found = [(m.start(), m.end(), info.id) for info in manifest for alias in info.aliases
             for m in re.finditer(r"(?<![a-z0-9])" + re.escape(alias) + r"(?![a-z0-9])", low)
             if names_a_document(spaced, m.start())]
    taken = longest_first(found)
    # "the Budapest Convention's Additional Protocol": the owner's name says whose protocol, the question is about it
    owners = {(s, d) for s, e, d in taken for s2, _, d2 in taken
              if d2 != d and re.fullmatch(r"['’]s\s+(the\s+)?", low[e:s2])}
    return list(dict.fromkeys(d for s, _, d in sorted(taken) if (s, d) not in owners))


_COMPARISON = re.compile(r"\b(compar\w*|differ\w*|versus|vs\.?|both|either|neither|contrast\w*|similar\w*|"
                         r"than|same as|like|equivalent|counterpart|unlike|whereas|as under|the way .{0,60}\b(does|do)|"
                         r"as (it|they) (does|do)|each (of the two |of both )?(conventions?|treat(y|ies))|"
                         r"the two (conventions|treaties))\b", re.I)


# "each convention", "the two conventions", "both treaties": the conventions, not a protocol to one of them
_THE_CONVENTIONS = re.compile(r"\b((each|both|either|neither)( of the two| of both)? conventions?|"
                              r"(the|both) two (conventions|treaties)|both treaties)\b", re.I)


def names_the_conventions(text: str) -> bool:
    """"Who can propose amendments to each convention?": the conventions (documents of kind "treaty"), not the
    protocols to them."""
    return bool(_THE_CONVENTIONS.search(text))


def asks_comparison(text: str) -> bool:
    """"Compare…", "how does X differ…", "does either treaty…", "anything like Budapest Art. 32?"."""
    return bool(_COMPARISON.search(text))


def about_several(question: str, named: list[str]) -> bool:
    """The question is about more than one treaty: it names two or more (``named``: the treaties it names), or it
    compares without naming one. A question that names one treaty is about that one, whatever else it compares
    ("police forces of different States", "tougher measures than the UN convention requires")."""
    return len(named) > 1 or not named and asks_comparison(question)


# questions about who thinks what: answered from commentary as well as from the treaty they name
_POSITIONS = re.compile(r"\b(concern|critic|position|view|think|believe|support|oppos|object|enthusias|balance|want|"
                        r"advocat|stance|feel|worr|according to|drove|driven|behind)", re.I)
# "say about" is a position only when someone says it: "What did Cisco say about…", not "What does the Protocol say…"
_SPEECH = re.compile(r"\b(said|say|says|stated?)\b", re.I)
_ACTOR = re.compile(r"\b(organi[sz]ations?|groups?|compan|administration|government|civil society|industry|"
                    r"stakeholders?|who)\b", re.I)


def asks_positions(question: str, actors: list[str] | None = None) -> bool:
    """Does the question ask what someone thinks? actors: names the corpus's commentary mentions."""
    named_actor = any(re.search(r"\b" + re.escape(a) + r"\b", question, re.I) for a in actors or [])
    return bool(_POSITIONS.search(question) or (_SPEECH.search(question) and (_ACTOR.search(question) or named_actor)))


# Status facts live with the depositary, never in a treaty's text: who has signed, ratified or acceded, what
# reservations were made, whether it entered into force. A question about the rule ("How many ratifications are
# needed", "When will it enter into force", "Can a State make reservations") is answered from the text.
_STATUS_DONE = re.compile(r"\b(signed|ratified|acceded|entered into force|did [^?]{0,60}\benter into force|made reservations|"
                          r"reservations (made|entered|"
                          r"lodged))\b|\b(signatories|ratifications|states parties|parties)\b[^?]{0,30}\b(so far|to date|"
                          r"already|currently|yet|now)\b|\breservations\b[^?]{0,40}\b(made|entered|lodged)\b", re.I)
_RULE_WORDS = re.compile(r"\b(needed|needs?|required|necessary|must|shall|will|would|can|could|may|might|allowed|permitted|"
                         r"ha(ve|s) to|to be (signed|ratified)|subject to|open for|open to|how does|how do|who can|"
                         r"conditions?|covers?|covered|includes?|included|appl(y|ies)|deemed|bound)\b", re.I)


# "… for a State that ratifies after it entered into force": a case the rule is asked for, not a status fact
_CASE_BEFORE = re.compile(r"\b(after|once|before|since|until|unless)\s+(\w+\s+){0,4}$|"
                          r"\b(a|any|an?other)\s+(State|Party|country)\s+(that|which|who)\b[^?]*$", re.I)


def asks_status(question: str) -> bool:
    """"Which countries have ratified…", "Has Russia signed…", "When did it enter into force?": facts of
    a treaty's status, which no text in the corpus holds. Status words in a clause that states a case ("after it
    entered into force", "a State that ratified it") ask for the rule on that case."""
    found = [m for m in _STATUS_DONE.finditer(question) if not _CASE_BEFORE.search(question[:m.start()])]
    return bool(found) and not _RULE_WORDS.search(question)


# "under French criminal law", "in German law", "the US penal code": a country's own law, which no treaty text holds
_NATIONAL_LAW = re.compile(r"\b(?!(?:International|Domestic|National|Criminal|Penal|Model|Party|Parties|States?|"
                           r"Whose|Which|What|Its|Their|Own|Such|Each|Any|"
                           r"Convention|Protocol|Treaty|Article|Member|Requesting|Requested)\b)[A-Z][A-Za-z]+\s+"
                           r"(?:(?:criminal|penal|national|domestic|federal|cybercrime|data protection)\s+)?"
                           r"(?:law|laws|code|legislation|statutes?)\b")


def national_law(question: str) -> str:
    """The national law a question asks about ("French criminal law"), or ""."""
    m = _NATIONAL_LAW.search(question)
    return m.group(0) if m else ""


_NAME_WORDS = re.compile(r"\b(convention|protocol|treaty|ets|cets|res|resolution|assembly|budapest|hanoi|\d+/\d+)\b", re.I)


def strip_names(text: str, manifest: list[DocumentInfo], doc_ids: list[str], placeholder: str = " ") -> str:
    """text without the names of the given treaties: once the scope is set, "Convention on Cybercrime" in a
    question only pulls in preambles and titles. Aliases that describe a subject ("racist and xenophobic")
    and the names of commentary (whose authors are actors: "Cisco") stay. ``placeholder`` takes a name's place
    (" it " keeps "Does it replace …?" a sentence whose verb can be told). An alias that names no document ("a
    protocol", "any new treaty": see :func:`documents_named`) is the question's subject and stays."""
    def strip(m: re.Match) -> str:
        return placeholder if names_a_document(m.string, m.start()) else m.group(0)

    out = text
    for info in manifest:
        if info.id in doc_ids and info.is_treaty:
            for alias in sorted((a for a in info.aliases if _NAME_WORDS.search(a)), key=len, reverse=True):
                out = re.sub(r"(?<![a-z0-9])(the\s+)?" + re.escape(alias) + r"(?![a-z0-9])", strip, out, flags=re.I)
    return re.sub(r"\s+", " ", out).strip()


def field_words(manifest: list[DocumentInfo]) -> set[str]:
    """Stems every treaty's title shares ("cybercrime"): the field of the whole corpus, which tells its passages
    apart no better than a treaty's name ("What sanctions apply to cybercrimes under …?" is about sanctions)."""
    titles = [set(content_terms(_NAME_WORDS.sub(" ", d.title))) for d in manifest if d.is_treaty]
    return set.intersection(*titles) if len(titles) > 1 else set()  # "convention" may be a subject ("other UN
    # conventions"); the names that use it are stripped whole


def drop_field_words(text: str, manifest: list[DocumentInfo]) -> str:
    """text without the corpus's field words (see :func:`field_words`)."""
    field = field_words(manifest)
    out = re.sub(r"[A-Za-z][A-Za-z'-]*", lambda m: " " if set(content_terms(m.group(0))) & field else m.group(0), text)
    return re.sub(r"\s+", " ", out).strip()


def treaty_terms(chunks: list[Chunk], treaties: set[str]) -> dict[str, set[str]]:
    """Each treaty's terms (stems), from its passages."""
    out: dict[str, set[str]] = {d: set() for d in treaties}
    for c in chunks:
        if c.doc_id in treaties:
            out[c.doc_id].update(content_terms(c.text))
    return out


def article_titles(chunks: Iterable[Chunk]) -> dict[tuple[str, str], str]:
    """(document, article) → the article's title, from the chunks that carry one."""
    return {(c.doc_id, c.article): c.article_title for c in chunks if c.article and c.article_title}


def phrase_stems(text: str) -> str:
    """The text's words as stems, space-separated and padded, so that a phrase is found as a whole-word run. A
    hyphen joins words as a space does ("entry-into-force conditions" says the title "Entry into force")."""
    words = " ".join(stem(w) for w in re.findall(r"[\w’']+", text))
    return f" {words} "


def title_phrases(titles: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """(document, article) → its title's stems, for the titles a question can be said to name: those of two or
    more content words, so a one-word title ("Extradition", "Reservations") stays a word of the question."""
    return {key: phrase_stems(title) for key, title in titles.items() if len(content_terms(title)) >= 2}


def titles_quoted(phrases: dict[tuple[str, str], str], text: str) -> list[tuple[str, str]]:
    """The articles whose whole title (see :func:`title_phrases`) the text says, word for word bar endings
    ("What conditions and safeguards …?" → "Conditions and safeguards"). Longest title first."""
    said = phrase_stems(text)
    return sorted((key for key, phrase in phrases.items() if phrase in said), key=lambda k: -len(phrases[k]))


def referred_titles(titles: dict[tuple[str, str], str], doc_id: str, text: str, own: str = "") -> str:
    """The titles of the articles a text names, other than its ``own`` ("subject to Articles 14 and 15" →
    "Scope of procedural provisions; Conditions and safeguards"): the subjects it brings in, which a question may
    name instead of the numbers. A range ("articles 7 to 16") names no subject of its own."""
    refs = [a for a in dict.fromkeys(ref.article for ref in article_refs(text)) if a != own]
    return "; ".join(t for a in refs if (t := titles.get((doc_id, a)))) if len(refs) <= 3 else ""


_FOLLOWUP_START = re.compile(r"^\s*(and|but|also|so|what about|how about|then|what if|and if|or)\b", re.I)
_PRONOUN = re.compile(r"\b(it|its|that|this|those|these|they|them|their|such|same|there|he|she|him|her)\b", re.I)


def is_followup(question: str) -> bool:
    """A question that leans on the previous turn: opens with a connective, or is short and refers back."""
    if _FOLLOWUP_START.match(question):
        return True
    specific = content_terms(question, drop_generic=True)
    return bool(_PRONOUN.search(question)) and len(specific) <= 4 and not article_refs(question)


def standalone_query(question: str, history: list[tuple[str, str]] | None) -> str:
    """Rewrite a follow-up into a stand-alone query by carrying the previous question's subject.

    history holds (question, answer) pairs, oldest first. Deterministic: no model call, so it is fast
    and cannot be steered by the text of an answer.
    """
    if not history or not is_followup(question):
        return question
    previous = history[-1][0]
    # carry the article the previous turn was about, when this one names none
    carried = ""
    if not article_refs(question):
        refs = article_refs(previous) or article_refs(history[-1][1][:400])
        if refs:
            carried = f" (Article {refs[0].article})"
    return f"{question.strip()} [about: {previous.strip()}{carried}]"
