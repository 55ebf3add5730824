"""Treaty-aware chunking: preamble, chapter / section / title, Article N + title, numbered paragraphs
and lettered sub-paragraphs. Every chunk keeps the document's exact text and a human locator such as
"Budapest Convention, Art. 16(2)". Non-treaty documents chunk by paragraph windows.

Chunk sizes are measured in tokens (tiktoken), never characters.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .tokens import count_tokens
from .types import Chunk, DocumentInfo, Page

CHUNKER_VERSION = "4"  # bump whenever chunk text or metadata change: forces re-embedding

_CHAPTER = re.compile(r"^(CHAPTER|Chapter)\s+([IVXLC]+|\d+)\b[.:\s–-]*(.*)$")
_SECTION = re.compile(r"^(SECTION|Section)\s+(\d+|[IVXLC]+)\b[.:\s–-]*(.*)$")
_TITLE = re.compile(r"^(TITLE|Title)\s+(\d+)\b[.:\s–-]*(.*)$")
_ARTICLE = re.compile(r"^(?:Article|ARTICLE|Art\.)\s+(\d+)\s*(?:[.:–-]\s*(.*))?$")
_ARTICLE_AR = re.compile(r"^المادة\s+(\d+)\s*[:：.-]?\s*(.*)$")
_PARA = re.compile(r"^(\d{1,2})\.(?:\s+|$)")
_LETTER = re.compile(r"^\(?([a-z]{1,2})\)\s*")
_ROMAN = re.compile(r"^\(([ivx]{1,5})\)\s")
_PREAMBLE = re.compile(r"^(Preamble|PREAMBLE)\s*$")
_FINAL = re.compile(r"^(IN WITNESS WHEREOF|DONE at)\b")


@dataclass
class _Block:
    text: str
    page: int | None
    letter: str = ""
    cont: bool = False  # continues the previous block (a long block split at sentences): join with a space


@dataclass
class _Unit:
    """A numbered paragraph (or the unnumbered body) of an article, with its blocks."""

    article: str
    article_title: str
    paragraph: str
    chapter: str
    section: str
    blocks: list[_Block] = field(default_factory=list)
    special: str = ""  # "Preamble" | "Final clause" | "" (an article) | "Front matter"


def chunk_document(info: DocumentInfo, pages: list[Page], max_tokens: int = 200) -> list[Chunk]:
    if info.is_treaty:
        chunks = _chunk_treaty(info, pages, max_tokens)
        if any(c.article for c in chunks):
            return chunks
    return _chunk_prose(info, pages, max_tokens)


# --------------------------------------------------------------------------- treaties


def _lines(pages: list[Page]):
    for page in pages:
        for line in page.text.split("\n"):
            line = line.strip()
            if line:
                yield line, page.number


def _parse_units(pages: list[Page]) -> list[_Unit]:
    units: list[_Unit] = []
    chapter = section = title = ""
    expect: str | None = None  # which heading's title the next line gives
    current = _Unit("", "", "", "", "", special="Front matter")
    units.append(current)
    article_no = ""

    def start(**kw) -> _Unit:
        unit = _Unit(chapter=chapter, section=section, **kw)
        units.append(unit)
        return unit

    for line, page in _lines(pages):
        if expect:
            # the title line right after a heading: short, and not a paragraph
            if len(line) < 200 and not _PARA.match(line) and not _LETTER.match(line):
                if expect == "chapter":
                    chapter = f"{chapter} – {line.capitalize() if line.isupper() else line}"
                elif expect == "section":
                    section = f"{section} – {line.capitalize() if line.isupper() else line}"
                elif expect == "title":
                    section = f"{section.split(', Title')[0]}, Title {title} – {line.capitalize() if line.isupper() else line}"
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
            current = start(article="", article_title="", paragraph="", special="Preamble")
            continue
        if (m := _ARTICLE.match(line)) or (m := _ARTICLE_AR.match(line)):
            article_no = m.group(1)
            current = start(article=article_no, article_title=(m.group(2) or "").strip(), paragraph="")
            expect = None if current.article_title else "article"
            continue
        if _FINAL.match(line) and current.special != "Final clause":
            current = start(article="", article_title="", paragraph="", special="Final clause")
        elif current.article and (m := _PARA.match(line)):
            current = start(article=article_no, article_title=current.article_title, paragraph=m.group(1))
        # a lettered sub-paragraph; roman sub-items and continuations belong to the last letter
        letter = current.blocks[-1].letter if current.blocks else ""
        if current.article and (m := _LETTER.match(line)) and not _ROMAN.match(line):
            letter = m.group(1)
        current.blocks.append(_Block(line, page, letter))
    return [u for u in units if u.blocks]


def _chunk_treaty(info: DocumentInfo, pages: list[Page], max_tokens: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for unit in _parse_units(pages):
        for piece_blocks, letters in _split_unit(unit, max_tokens):
            chunks.append(_make_chunk(info, unit, piece_blocks, letters, len(chunks)))
    return chunks


def _split_unit(unit: _Unit, max_tokens: int) -> list[tuple[list[_Block], list[str]]]:
    """Pack a unit's blocks into pieces under max_tokens; an over-long block splits at sentences."""
    blocks: list[_Block] = []
    for b in unit.blocks:
        if count_tokens(b.text) <= max_tokens:
            blocks.append(b)
        else:
            blocks.extend(
                _Block(s, b.page, b.letter, cont=i > 0) for i, s in enumerate(_sentence_windows(b.text, max_tokens))
            )
    pieces: list[tuple[list[_Block], list[str]]] = []
    cur: list[_Block] = []
    cur_tokens = 0
    for b in blocks:
        t = count_tokens(b.text)
        if cur and cur_tokens + t > max_tokens:
            pieces.append((cur, _letters(cur)))
            cur, cur_tokens = [], 0
        cur.append(b)
        cur_tokens += t
    if cur:
        pieces.append((cur, _letters(cur)))
    if len(pieces) == 1:
        return [(pieces[0][0], [])]
    return pieces


def _letters(blocks: list[_Block]) -> list[str]:
    return list(dict.fromkeys(b.letter for b in blocks if b.letter))


def _sentence_windows(text: str, max_tokens: int) -> list[str]:
    """Split at sentence (or clause) ends so that each window stays under max_tokens.

    Windows are exact substrings of text, so quotes taken from them stay verbatim.
    """
    parts: list[str] = []
    for sentence in re.split(r"(?<=[.;؛])\s+", text):
        if count_tokens(sentence) <= max_tokens:
            parts.append(sentence)
            continue
        for clause in re.split(r"(?<=,)\s+", sentence):  # then clauses, then words
            parts.extend([clause] if count_tokens(clause) <= max_tokens else clause.split(" "))
    windows: list[str] = []
    cur = ""
    for p in parts:
        candidate = f"{cur} {p}" if cur else p
        if cur and count_tokens(candidate) > max_tokens:
            windows.append(cur)
            cur = p
        else:
            cur = candidate
    if cur:
        windows.append(cur)
    return windows


def _para_label(unit: _Unit, letters: list[str]) -> str:
    """ "2", "3(b)", "(a)–(c)": the paragraph part of a locator."""
    label = f"({unit.paragraph})" if unit.paragraph else ""
    if letters:
        label += f"({letters[0]})" if len(letters) == 1 else f"({letters[0]})–({letters[-1]})"
    return label


def _make_chunk(info: DocumentInfo, unit: _Unit, blocks: list[_Block], letters: list[str], order: int) -> Chunk:
    text = blocks[0].text + "".join((" " if b.cont else "\n") + b.text for b in blocks[1:])
    if unit.special:
        heading = unit.special
        locator = f"{info.short_name}, {unit.special}"
        paragraph = ""
    else:
        heading = f"Article {unit.article}" + (f" – {unit.article_title}" if unit.article_title else "")
        paragraph = _para_label(unit, letters)
        locator = f"{info.short_name}, Art. {unit.article}{paragraph}"
    return Chunk(
        id=_chunk_id(info.id, order, text),
        doc_id=info.id,
        text=text,
        locator=locator,
        doc_title=info.title,
        short_name=info.short_name,
        heading=heading,
        chapter=unit.chapter,
        section=unit.section,
        article=unit.article,
        article_title=unit.article_title,
        paragraph=paragraph,  # locator suffix: "(2)", "(3)(b)", "(a)–(c)"
        page=blocks[0].page,
        order=order,
        tokens=count_tokens(text),
    )


def _chunk_id(doc_id: str, order: int, text: str) -> str:
    return f"{doc_id}:{order:04d}:{hashlib.sha1(text.encode()).hexdigest()[:10]}"


# --------------------------------------------------------------------------- prose


def _chunk_prose(info: DocumentInfo, pages: list[Page], max_tokens: int) -> list[Chunk]:
    """Briefing notes and commentary: one chunk per paragraph, long ones split at sentences."""
    chunks: list[Chunk] = []
    para_no = 0
    for line, page in _lines(pages):
        para_no += 1
        pieces = [line] if count_tokens(line) <= max_tokens else _sentence_windows(line, max_tokens)
        for piece in pieces:
            order = len(chunks)
            chunks.append(
                Chunk(
                    id=_chunk_id(info.id, order, piece),
                    doc_id=info.id,
                    text=piece,
                    locator=f"{info.short_name}, para. {para_no}",
                    doc_title=info.title,
                    short_name=info.short_name,
                    heading=f"para. {para_no}",
                    paragraph=str(para_no),
                    page=page,
                    order=order,
                    tokens=count_tokens(piece),
                )
            )
    return chunks
