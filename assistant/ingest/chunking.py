"""Treaty-aware chunking: the units of :mod:`structure` (articles, numbered paragraphs, lettered
sub-paragraphs, preambles, resolution paragraphs, interpretative notes, footnotes) cut into chunks under a
token ceiling, with a floor: a paragraph too small to stand alone joins its neighbour in the same article, so
the number of chunks stays proportional to the text, whatever its line structure. Every chunk keeps the
document's exact text and a human locator such as "UN Convention against Cybercrime, Art. 25(2)".
Non-treaty documents chunk by paragraph windows.

Chunk sizes are measured in tokens (tiktoken), never characters.
"""

from __future__ import annotations

import hashlib
import re

from ..types import Chunk, DocumentInfo, Page
from .structure import Block, Unit, lines_of, parse_units, resolution_symbol
from .tokens import count_tokens

CHUNKER_VERSION = "11"  # bump whenever chunk text or metadata change: forces re-embedding
MIN_UNIT_TOKENS = 12  # a numbered paragraph smaller than this joins the next one of the same article
MIN_PROSE_TOKENS = 25  # prose paragraphs smaller than this join each other (never a full paragraph)


def chunk_document(info: DocumentInfo, pages: list[Page], max_tokens: int = 200) -> list[Chunk]:
    if info.is_treaty or resolution_symbol(pages):
        chunks = _chunk_treaty(info, pages, max_tokens)
        if any(c.article or c.kind == "resolution" for c in chunks):
            return chunks
    return _chunk_prose(info, pages, max_tokens)


# --------------------------------------------------------------------------- treaties


def _chunk_treaty(info: DocumentInfo, pages: list[Page], max_tokens: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for unit in _merge_small(parse_units(pages), max_tokens):
        for piece_blocks, letters in _split_unit(unit, max_tokens):
            chunks.append(_make_chunk(info, unit, piece_blocks, letters, len(chunks)))
    return chunks


def _merge_small(units: list[Unit], max_tokens: int) -> list[Unit]:
    """A numbered paragraph under MIN_UNIT_TOKENS joins the next paragraph of the same article ("(1)–(2)")."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (prev and prev.article and unit.article == prev.article and prev.kind == unit.kind == "article"
                and sum(count_tokens(b.text) for b in prev.blocks) < MIN_UNIT_TOKENS
                and sum(count_tokens(b.text) for b in prev.blocks + unit.blocks) <= max_tokens):
            first = prev.paragraph.split("–")[0]
            prev.paragraph = f"{first}–{unit.paragraph}" if first and unit.paragraph else first or unit.paragraph
            prev.blocks.extend(unit.blocks)
            continue
        out.append(unit)
    return out


def _split_unit(unit: Unit, max_tokens: int) -> list[tuple[list[Block], list[str]]]:
    """Pack a unit's blocks into pieces under max_tokens; an over-long block splits at sentences."""
    blocks: list[Block] = []
    sizes: list[int] = []  # each block's tokens, counted once: the packing and the items' sizes read them
    for b in unit.blocks:
        if (size := count_tokens(b.text)) <= max_tokens:
            blocks.append(b)
            sizes.append(size)
        else:
            windows = _sentence_windows(b.text, max_tokens)
            blocks.extend(Block(s, b.page, b.letter, cont=i > 0) for i, s in enumerate(windows))
            sizes.extend(count_tokens(s) for s in windows)
    pieces: list[tuple[list[Block], list[str]]] = []
    cur: list[Block] = []
    cur_tokens = 0
    for n, (b, t) in enumerate(zip(blocks, sizes, strict=True)):
        # a lettered item that fits a piece of its own is not cut across two: "(a)" and "(b)" are separate rules
        starts_item = bool(cur) and bool(b.letter) and b.letter != cur[-1].letter
        whole = _item_tokens(blocks, sizes, n) if starts_item else 0
        if cur and (cur_tokens + t > max_tokens or cur_tokens + whole > max_tokens >= whole > 0):
            pieces.append((cur, _letters(cur)))
            cur, cur_tokens = [], 0
        cur.append(b)
        cur_tokens += t
    if cur:
        pieces.append((cur, _letters(cur)))
    if len(pieces) == 1:
        return [(pieces[0][0], [])]
    return pieces


def _item_tokens(blocks: list[Block], sizes: list[int], start: int) -> int:
    """The tokens (``sizes``, a block's each) of the lettered item that starts at blocks[start]: its blocks up to
    the next letter."""
    letter, total = blocks[start].letter, 0
    for b, size in zip(blocks[start:], sizes[start:], strict=True):
        if b.letter != letter:
            break
        total += size
    return total


def _letters(blocks: list[Block]) -> list[str]:
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


def _para_label(unit: Unit, letters: list[str]) -> str:
    """ "(2)", "(3)(b)", "(a)–(c)", "(1)–(2)": the paragraph part of a locator."""
    label = "–".join(f"({p})" for p in unit.paragraph.split("–")) if unit.paragraph else ""
    if letters:
        label += f"({letters[0]})" if len(letters) == 1 else f"({letters[0]})–({letters[-1]})"
    return label


def _make_chunk(info: DocumentInfo, unit: Unit, blocks: list[Block], letters: list[str], order: int) -> Chunk:
    text = blocks[0].text + "".join((" " if b.cont else "\n") + b.text for b in blocks[1:])
    if unit.special:
        heading = unit.special[0].upper() + unit.special[1:]
        locator = f"{unit.prefix or info.short_name}, {unit.special}"
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
        kind=unit.kind,
    )


def _chunk_id(doc_id: str, order: int, text: str) -> str:
    return f"{doc_id}:{order:04d}:{hashlib.sha1(text.encode()).hexdigest()[:10]}"


# --------------------------------------------------------------------------- prose


def _chunk_prose(info: DocumentInfo, pages: list[Page], max_tokens: int) -> list[Chunk]:
    """Briefing notes and commentary: one chunk per paragraph, long ones split at sentences; paragraphs
    under MIN_PROSE_TOKENS join each other ("paras. 3–5") so one-line fragments cannot flood the index."""
    groups: list[tuple[list[int], list[str], int | None]] = []  # (paragraph numbers, pieces, page)
    para_no = 0
    for line, page in lines_of(pages):
        para_no += 1
        if count_tokens(line) > max_tokens:
            groups.extend(([para_no], [w], page) for w in _sentence_windows(line, max_tokens))
            continue
        last = groups[-1] if groups else None
        small = count_tokens(line) < MIN_PROSE_TOKENS  # fragments join fragments; a real paragraph stands alone
        if last and small and count_tokens("\n".join(last[1])) < MIN_PROSE_TOKENS and \
                count_tokens("\n".join([*last[1], line])) <= max_tokens:
            last[0].append(para_no)
            last[1].append(line)
        else:
            groups.append(([para_no], [line], page))
    chunks: list[Chunk] = []
    for numbers, lines, page in groups:
        text = "\n".join(lines)
        label = f"para. {numbers[0]}" if len(numbers) == 1 else f"paras. {numbers[0]}–{numbers[-1]}"
        order = len(chunks)
        chunks.append(Chunk(
            id=_chunk_id(info.id, order, text), doc_id=info.id, text=text, locator=f"{info.short_name}, {label}",
            doc_title=info.title, short_name=info.short_name, heading=label, paragraph=str(numbers[0]), page=page,
            order=order, tokens=count_tokens(text), kind="paragraph",
        ))
    return chunks
