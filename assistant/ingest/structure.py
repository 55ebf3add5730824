"""The structure of treaty documents as units a person would cite, read from the text (pure).

A plain treaty (the Budapest texts): preamble, chapter / section / title, Article N + title, numbered
paragraphs, lettered sub-paragraphs, final clause.

A UN resolution print (A/RES/...; recognised by its document symbol on the first page) wraps more:
front matter; the resolution's preamble ("The General Assembly, ...") and operative paragraphs
("A/RES/79/243, para. 4"); then annexes. An annex holding articles is the treaty (its locators use the
manifest's short name); an annex whose title speaks of notes holds notes *on* articles ("interpretative
note 3 (on Art. 17)"), never the articles themselves. Footnotes become units of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Page

_CHAPTER = re.compile(r"^(CHAPTER|Chapter)\s+([IVXLC]+|\d+)\b[.:\s–-]*(.*)$")
_SECTION = re.compile(r"^(SECTION|Section)\s+(\d+|[IVXLC]+)\b[.:\s–-]*(.*)$")
_TITLE = re.compile(r"^(TITLE|Title)\s+(\d+)\b[.:\s–-]*(.*)$")
_ARTICLE = re.compile(r"^(?:Article|ARTICLE|Art\.)\s+(\d+)\s*(?:[.:–-]\s*(.*))?$")
_ARTICLE_AR = re.compile(r"^المادة\s+(\d+)\s*[:：.-]?\s*(.*)$")
_NOTE_HEADING = re.compile(r"^(Articles?)\s+(\d+(?:\s*(?:,|and)\s*\d+)*)(.*)$")
_PARA = re.compile(r"^(\d{1,2})\.(?:\s+|$)")
_LETTER = re.compile(r"^\(?([a-z]{1,2})\)\s*")
_ROMAN = re.compile(r"^\(([ivx]{1,5})\)\s")
_PREAMBLE = re.compile(r"^(Preamble|PREAMBLE)\s*$")
_FINAL = re.compile(r"^(IN WITNESS WHEREOF|DONE at)\b")
_ANNEX = re.compile(r"^(Annex|ANNEX)(\s+[IVXLC\d]+)?\s*$")
SYMBOL = re.compile(r"\b([A-Z]/RES/\d{1,3}/\d{1,4})\b")
_RES_OPENING = re.compile(r"^The General Assembly,?\s*$")
_RES_CLOSING = re.compile(r"\bplenary meeting\s*$")


@dataclass
class Block:
    text: str
    page: int | None
    letter: str = ""
    cont: bool = False  # continues the previous block (a long block split at sentences): join with a space


@dataclass
class Unit:
    """A numbered paragraph (or the unnumbered body) of an article, or a special unit, with its blocks."""

    article: str
    article_title: str
    paragraph: str
    chapter: str
    section: str
    blocks: list[Block] = field(default_factory=list)
    special: str = ""  # locator suffix of a unit that is not an article: "Preamble", "para. 4", "footnote 1"
    kind: str = "article"  # article | preamble | final | front | resolution | note | footnote
    prefix: str = ""  # locator prefix when not the document's short name (a resolution's symbol)


def resolution_symbol(pages: list[Page]) -> str:
    """The document symbol of a UN resolution print ("A/RES/79/243"), read from its first page."""
    if not pages:
        return ""
    m = SYMBOL.search(pages[0].text[:400])
    return m.group(1) if m else ""


def lines_of(pages: list[Page]):
    """(stripped line, page number) for every non-empty line of the pages."""
    for page in pages:
        for line in page.text.split("\n"):
            line = line.strip()
            if line:
                yield line, page.number


def parse_units(pages: list[Page]) -> list[Unit]:
    """Units of a treaty document, in document order (units without text dropped)."""
    symbol = resolution_symbol(pages)
    units: list[Unit] = []
    chapter = section = title = ""
    expect: str | None = None  # which heading's title the next line gives
    mode = "front"  # front | resolution | treaty | notes | annex-title
    annex_title: list[str] = []
    note_label, note_on = "note", ""
    current = Unit("", "", "", "", "", special="Front matter", kind="front", prefix=symbol)
    units.append(current)
    article_no = ""

    def start(**kw) -> Unit:
        unit = Unit(chapter=chapter, section=section, **{"article": "", "article_title": "", "paragraph": "", **kw})
        units.append(unit)
        return unit

    for line, page in lines_of(pages):
        if mode == "annex-title":
            if _PREAMBLE.match(line) or _CHAPTER.match(line) or _ARTICLE.match(line) or _PARA.match(line):
                heading = " ".join(annex_title)
                if re.search(r"\bnotes?\b", heading, re.I):
                    mode = "notes"
                    note_label = "interpretative note" if re.search(r"interpretative", heading, re.I) else "note"
                    chapter, section = heading, ""
                else:
                    mode = "treaty"
                    chapter = section = ""
                    if annex_title:
                        start(special="Title", kind="front").blocks.append(Block(heading, page))
            else:
                annex_title.append(line)
                continue
        if symbol and _ANNEX.match(line):
            mode, annex_title, expect = "annex-title", [], None
            continue
        if mode == "front" and symbol:
            if _RES_OPENING.match(line):
                mode = "resolution"
                current = start(special="preamble", kind="resolution", prefix=symbol)
            current.blocks.append(Block(line, page))
            continue
        if mode == "resolution":
            if m := _PARA.match(line):
                current = start(special=f"para. {m.group(1)}", kind="resolution", prefix=symbol)
            elif _RES_CLOSING.search(line):
                current = start(special="adoption", kind="resolution", prefix=symbol)
            current.blocks.append(Block(line, page))
            continue
        if mode == "notes":
            if m := _NOTE_HEADING.match(line):
                numbers = re.findall(r"\d+", m.group(2))
                note_on = ("Art. " if len(numbers) == 1 else "Arts. ") + m.group(2).strip()
                continue
            if m := _PARA.match(line):
                on = f" (on {note_on})" if note_on else ""
                current = start(special=f"{note_label} {m.group(1)}{on}", kind="note")
            current.blocks.append(Block(line, page))
            continue
        # a plain treaty, or the treaty annex of a resolution
        if expect:
            # the title line right after a heading: short, and not a paragraph
            if len(line) < 200 and not _PARA.match(line) and not _LETTER.match(line):
                named = line.capitalize() if line.isupper() else line
                if expect == "chapter":
                    chapter = f"{chapter} – {named}"
                elif expect == "section":
                    section = f"{section} – {named}"
                elif expect == "title":
                    section = f"{section.split(', Title')[0]}, Title {title} – {named}"
                elif expect == "article":
                    current.article_title = line
                expect = None
                continue
            expect = None
        if m := _CHAPTER.match(line):
            chapter, section, expect = f"Chapter {m.group(2)}", "", ("chapter" if not m.group(3) else None)
            if m.group(3):
                chapter += f" – {m.group(3)}"
            continue
        if m := _SECTION.match(line):
            section, expect = f"Section {m.group(2)}", ("section" if not m.group(3) else None)
            continue
        if m := _TITLE.match(line):
            title, expect = m.group(2), "title"
            continue
        if _PREAMBLE.match(line):
            current = start(special="Preamble", kind="preamble")
            continue
        if (m := _ARTICLE.match(line)) or (m := _ARTICLE_AR.match(line)):
            article_no = m.group(1)
            current = start(article=article_no, article_title=(m.group(2) or "").strip())
            expect = None if current.article_title else "article"
            continue
        if _FINAL.match(line) and current.special != "Final clause":
            current = start(special="Final clause", kind="final")
        elif current.article and (m := _PARA.match(line)):
            current = start(article=article_no, article_title=current.article_title, paragraph=m.group(1))
        # a lettered sub-paragraph, also on its paragraph's first line ("12. (a) Each State Party …"); roman
        # sub-items and continuations belong to the last letter
        letter = current.blocks[-1].letter if current.blocks else ""
        item = _PARA.sub("", line, count=1) if not current.blocks else line
        if current.article and (m := _LETTER.match(item)) and _is_letter(m.group(1), letter, item):
            letter = m.group(1)
        current.blocks.append(Block(line, page, letter))
    units = [u for u in units if u.blocks]
    units.extend(_footnotes(pages, units, symbol))
    return units


def _is_letter(label: str, previous: str, line: str) -> bool:
    """(i) is a lettered sub-paragraph after (h), a roman sub-item otherwise."""
    if not _ROMAN.match(line):
        return True
    return len(label) == 1 and bool(previous) and ord(label) == ord(previous) + 1


def _footnotes(pages: list[Page], units: list[Unit], symbol: str) -> list[Unit]:
    """One unit per footnote; it belongs to the resolution when printed before the first annex page."""
    annexed = [u.blocks[0].page for u in units if u.kind not in {"front", "resolution"} and u.blocks[0].page]
    first_annex_page = min(annexed) if annexed else None
    out: list[Unit] = []
    for page in pages:
        for note in page.notes:
            m = re.match(r"(\d{1,3})\s", note)
            if not m:
                continue
            in_resolution = symbol and (first_annex_page is None or (page.number or 0) < first_annex_page)
            out.append(Unit("", "", "", "", "", [Block(note, page.number)], special=f"footnote {m.group(1)}",
                            kind="footnote", prefix=symbol if in_resolution else ""))
    return out
