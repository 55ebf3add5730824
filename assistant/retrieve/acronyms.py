"""Acronyms spelt out from the corpus itself (pure): "NGOs" → "non-governmental organizations", "MLA" → "mutual legal
assistance". The treaties write their terms in full, so an acronym in a question is otherwise a name they never use
(and the question would be declined) or a word BM25 cannot match."""

from __future__ import annotations

import re
from collections import Counter

from ..grounding import STOPWORDS

_ACRONYM = re.compile(r"\b([A-Z]{3,6})s?\b")


def acronyms(question: str) -> list[str]:
    """The all-capital words of three to six letters in a question, a plural "s" taken off ("NGOs" → "NGO")."""
    return list(dict.fromkeys(m.group(1) for m in _ACRONYM.finditer(question)))


def spell_out(acronym: str, text: str) -> str | None:
    """The phrase of ``text`` whose words (hyphenated parts counted apart) begin with the acronym's letters, in order,
    none of them a stopword: the most frequent one, if it is written in capitals ("Electronic Frontier Foundation")
    or occurs at least three times, and at least twice as often as any other candidate. Two-letter acronyms and
    chance phrases ("ICC": "information concerning cybercrime", twice) are never spelt out. Failing that, the one name
    in capitals whose initials skip its small words ("ICJ": "International Court of Justice")."""
    letters = acronym.lower()
    if len(letters) < 3 or not letters.isalpha():
        return None
    pattern = re.compile(r"\b" + r"[\s-]+".join(f"{c}[a-z]+" for c in letters) + r"\b", re.I)
    return _spelt(pattern, text) or _named(letters, text)


# the small words between a name's capitalised words, which its initials skip: "International Court of Justice" (ICJ),
# "United Nations Office on Drugs and Crime" (UNODC); a short name in brackets follows such a name too (_NAMED_AS)
_SMALL = r"of|on|for|and|the|against|to|in"
_LINKS = rf"(?:\s+(?:{_SMALL}))?"


def _named(letters: str, text: str) -> str | None:
    """A name in capitals whose words, less its small linking words, begin with the letters: the only one the text
    writes (a name, never a chance phrase)."""
    pattern = re.compile(r"\b" + (_LINKS + r"\s+").join(f"{c.upper()}[a-z]+" for c in letters) + r"\b")
    found = {re.sub(r"\s+", " ", m.group(0)) for m in pattern.finditer(text)}
    return found.pop().lower() if len(found) == 1 else None


def _spelt(pattern: re.Pattern[str], text: str) -> str | None:
    """The phrase ``pattern`` finds most often, none of its words a stopword, on the terms :func:`spell_out` sets."""
    found = [m.group(0) for m in pattern.finditer(text)
             if not any(w.lower() in STOPWORDS for w in re.split(r"[\s-]+", m.group(0)))]
    counts = Counter(re.sub(r"\s+", " ", f.lower()) for f in found)
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    if rest and n < 2 * rest[0][1]:
        return None
    capitalised = any(all(w[0].isupper() for w in re.split(r"[\s-]+", f)) and f.lower() == best for f in found)
    return best if n >= 3 or capitalised else None


# a name of capitalised words (small words between them) followed by its short form in brackets: "International
# Criminal Police Organisation (Interpol)", "European Committee on Crime Problems (CDPC)"
_NAMED_AS = re.compile(rf"\b((?:[A-Z][\w’'-]+\s+(?:(?:{_SMALL})\s+){{0,2}}){{1,7}}[A-Z][\w’'-]+)"
                       r"\s+\(([A-Z][A-Za-z]{2,})\)")


def aliases(text: str) -> dict[str, str]:
    """The short names ``text`` introduces for a name in brackets, each with its name: {"Interpol": "International
    Criminal Police Organisation"}. A question may say either, and a document may write only one (the UN convention
    writes the name, never "Interpol")."""
    out: dict[str, str] = {}
    for m in _NAMED_AS.finditer(text):
        name = re.sub(r"^(?:The|A|An)\s+", "", re.sub(r"\s+", " ", m.group(1)))
        out.setdefault(m.group(2), name)
    return out
