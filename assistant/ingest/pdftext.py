"""Faithful text from printed PDFs (UN documents and the like), using the page geometry.

What a reader of the printed page ignores is removed by where it stands and how often it recurs, never by
strings of one file:

- running headers and footers: lines that recur at the same height on many pages, and page numbers
  ("16/46"), job numbers ("24-24621 (E)"), barcodes ("*2424621*") and document symbols standing alone in
  the top or bottom margin;
- footnotes: the lines under a footnote rule ("______") are taken out of the running text, so a sentence
  that runs over the page break is rejoined, and returned apart (``Page.notes``);
- superscript footnote marks are kept, attached to the word they follow.

Lines are then joined into paragraphs: a paragraph starts after a vertical gap, at an indented first line,
or at a numbered or lettered marker; a word broken at a line end loses its hyphen only when the unbroken
word occurs elsewhere in the document ("crimi-"/"nal"), otherwise the hyphen is kept ("Secretary-"/"General",
"seventy -"/"eighth" becomes "seventy-eighth"). No word is added or dropped.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..types import Page


@dataclass
class Line:
    text: str
    page: int  # 1-based
    x: float  # left edge of the first glyph
    top: float  # distance from the top of the page to the line's baseline
    size: float  # median font size of its glyphs
    height: float  # page height


_MARGIN_TOKEN = re.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|\d{2}-\d{5}|\(\w\)|\*\d{5,}\*|[A-Z]{1,4}(?:/[A-Z0-9.\-]+){1,6})$"
)
_RULE = re.compile(r"^_{5,}\s*$")
_MARKER = re.compile(r"^(?:\d{1,3}\.\s|\((?:[a-z]{1,2}|[ivxlc]{1,6})\)\s|[IVXLC]{1,6}\.\s)")
_HEADING = re.compile(r"^(?:Article|Articles|Chapter|Section|Part|Annex|Preamble|Appendix)\b", re.I)


def pdf_lines(path: Path) -> list[list[Line]]:
    """The text lines of every page with their geometry (pdfium)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(path))
    pages: list[list[Line]] = []
    try:
        for number in range(len(doc)):
            page = doc[number]
            height = page.get_size()[1]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            lines: list[Line] = []
            start = 0
            for m in re.finditer(r"\r\n|\n|\r|$", text):
                segment = text[start : m.start()]
                idx = [start + i for i, ch in enumerate(segment) if not ch.isspace()]
                boxes = [textpage.get_charbox(i) for i in idx]
                sizes = [raw.FPDFText_GetFontSize(textpage.raw, i) for i in idx]
                for a, b in _printed_lines(boxes, sizes):
                    lines.append(Line(
                        text=_normalise(_mark_doubtful_spaces(textpage, text, idx[a], idx[b - 1] + 1)),
                        page=number + 1,
                        x=min(box[0] for box in boxes[a:b]),
                        top=height - statistics.median(box[1] for box in boxes[a:b]),
                        size=statistics.median(sizes[a:b]),
                        height=height,
                    ))
                start = m.end()
                if m.start() == len(text):
                    break
            pages.append(lines)
    finally:
        doc.close()
    return pages


def _printed_lines(boxes: list[tuple[float, ...]], sizes: list[float]) -> list[tuple[int, int]]:
    """The printed lines in one text line as pdfium reports it (ranges of its characters' boxes): pdfium sometimes
    runs two printed lines into one ("… communicate to the Secretary-General …" over two lines with no break
    between). A new line goes back to the left and down by more than half the font size; a raised footnote mark
    goes right, so it stays on its line."""
    starts = [0] + [n for n in range(1, len(boxes))
                    if boxes[n][0] < boxes[n - 1][0] and boxes[n - 1][1] - boxes[n][1] > 0.5 * (sizes[n] or 10.0)]
    return [(a, b) for a, b in zip(starts, starts[1:] + [len(boxes)], strict=True)] if boxes else []


DOUBTFUL = "\u2063"  # a space pdfium inferred between two close glyphs: "o r", "th e", "Purpose s"


def _mark_doubtful_spaces(textpage, text: str, start: int, end: int) -> str:
    """The line's text, with spaces that pdfium generated between letters set closer than a quarter of the
    font size marked DOUBTFUL: the resolver keeps or drops them by the document's own vocabulary."""
    import pypdfium2.raw as raw

    chars = list(text[start:end])
    for k in range(start + 1, end - 1):
        if text[k] == " " and text[k - 1].isalpha() and text[k + 1].isalpha() and raw.FPDFText_IsGenerated(textpage.raw, k) == 1:
            left, right = textpage.get_charbox(k - 1), textpage.get_charbox(k + 1)
            size = raw.FPDFText_GetFontSize(textpage.raw, k - 1) or 10.0
            if right[0] - left[2] < 0.25 * size:
                chars[k - start] = DOUBTFUL
    return "".join(chars)


def resolve_doubtful_spaces(lines: list[Line]) -> None:
    """Join "o r" into "or" when the joined word occurs elsewhere in the document; else keep the space."""
    words = Counter(w.lower() for ln in lines for w in re.findall(r"[A-Za-z]+", ln.text.replace(DOUBTFUL, "|")))
    pattern = re.compile(r"[A-Za-z]+(?:" + DOUBTFUL + r"[A-Za-z]+)+")

    def fix(m: re.Match) -> str:
        parts = m.group().split(DOUBTFUL)
        out = parts[0]
        for part in parts[1:]:
            out += part if words[(out.split()[-1] + part).lower()] else " " + part
        return out

    for ln in lines:
        if DOUBTFUL in ln.text:
            ln.text = pattern.sub(fix, ln.text).replace(DOUBTFUL, " ")


def _normalise(s: str) -> str:
    # pdfium marks a hyphen at a line break as U+FFFE (or U+0002); it stands for a printed hyphen. A space
    # before a hyphen inside a word ("Secretary -General") is justification spacing, not a character.
    s = re.sub(r"[ \t\r\n]+", " ", s.replace("\ufffe", "-").replace("\x02", "-")).strip()
    return re.sub(r"(?<=[A-Za-z]) -(?=[A-Za-z]|$)", "-", s)


def _attach_superscripts(lines: list[Line]) -> list[Line]:
    """A footnote mark set as its own line ("Convention, 7" then "which…") goes back onto its line."""
    out: list[Line] = []
    for line in lines:
        if (out and re.fullmatch(r"\d{1,3}", line.text) and line.size < 0.85 * out[-1].size
                and out[-1].top - out[-1].size < line.top <= out[-1].top):  # raised, not on the next line
            out[-1].text += line.text
            continue
        out.append(line)
    return out


def furniture(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers, footers, page numbers, job numbers and barcodes.

    A line is furniture when it stands at the page's edge (the top or bottom tenth of the page, or among the
    three top-most or bottom-most lines) and either recurs at the same height with the same text on a quarter
    of the pages, or consists only of page numbers, job numbers, barcodes and document symbols. A bare number
    counts only as the page's very first or last line (a footnote number above the footer is not one)."""
    n = len(pages)
    threshold = max(2, n // 4)
    recurring = Counter()
    for lines in pages:
        recurring.update({(ln.text, round(ln.top)) for ln in lines})
    found: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: lines[i].top)
        rank = {i: r for r, i in enumerate(order)}
        for i, ln in enumerate(lines):
            outer = rank[i] in (0, len(lines) - 1)
            edge = outer or rank[i] < 3 or rank[i] >= len(lines) - 3 or not 0.1 * ln.height < ln.top < 0.9 * ln.height
            if not edge:
                continue
            tokens = ln.text.split()
            if _RULE.match(ln.text):
                continue  # a footnote rule recurs at one height on pages with one-line footnotes
            if (n > 2 and recurring[(ln.text, round(ln.top))] >= threshold) or (
                tokens and all(_MARGIN_TOKEN.match(t) for t in tokens) and (outer or not ln.text.isdigit())
            ):
                found.add((p, i))
    return found


@dataclass
class Paragraph:
    text: str
    page: int


def pdf_pages(path: Path) -> list[Page]:
    """Pages of clean running text (one paragraph per line, blank line between), footnotes apart."""
    pages = [_attach_superscripts(lines) for lines in pdf_lines(path)]
    resolve_doubtful_spaces([ln for lines in pages for ln in lines])
    drop = furniture(pages)
    body: list[Line] = []
    notes: dict[int, list[Line]] = {}
    for p, lines in enumerate(pages):
        in_notes = False
        for i, ln in enumerate(lines):
            if (p, i) in drop:
                continue
            if _RULE.match(ln.text) and ln.top > 0.5 * ln.height:
                in_notes = True
                continue
            (notes.setdefault(ln.page, []) if in_notes else body).append(ln)
    vocabulary = Counter(w.lower() for ln in body for w in re.findall(r"[A-Za-z]+", ln.text))
    blocks = join_lines(body, vocabulary)
    out = [Page("", number) for number in range(1, len(pages) + 1)]
    for b in blocks:
        page = out[b.page - 1]
        page.text = f"{page.text}\n\n{b.text}" if page.text else b.text
    for number, lines in notes.items():
        out[number - 1].notes = [b.text for b in _footnote_blocks(lines, vocabulary)]
    return out


def _footnote_blocks(lines: list[Line], vocabulary: Counter) -> list[Paragraph]:
    """Footnotes: each starts with its number ("1 It is noted…", or the number alone on a line)."""
    blocks: list[Paragraph] = []
    for ln in lines:
        starts = re.match(r"^\d{1,3}(\s|$)", ln.text)
        if starts or not blocks:
            blocks.append(Paragraph(ln.text, ln.page))
        elif re.fullmatch(r"\d{1,3}", blocks[-1].text):
            blocks[-1].text += " " + ln.text
        else:
            blocks[-1].text = _join(blocks[-1].text, ln.text, vocabulary)
    return blocks


def join_lines(lines: list[Line], vocabulary: Counter) -> list[Paragraph]:
    """Paragraphs from lines: a new one after a vertical gap, at an indented line, at a heading or a
    numbered or lettered marker that follows a finished line; otherwise the line continues the last one."""
    if not lines:
        return []
    pitch = _typical_pitch(lines)
    blocks: list[Paragraph] = []
    prev: Line | None = None
    for ln in lines:
        if prev is None:
            blocks.append(Paragraph(ln.text, ln.page))
            prev = ln
            continue
        same_page = ln.page == prev.page
        gap = same_page and (ln.top - prev.top) > 1.45 * pitch
        # a first-line indent (hanging lists keep their x); not the rest of a printed line pdfium broke in two
        # after a footnote mark ("… Development Goals 38" | "and, where appropriate, …" at the same height)
        indented = ln.x > prev.x + 8 and not (same_page and abs(ln.top - prev.top) < 0.5 * ln.size)
        finished = bool(re.search(r"[.;:,]$|\b(?:and|or)$", blocks[-1].text))
        marker = bool(_MARKER.match(ln.text)) and finished
        heading = bool(_HEADING.match(ln.text)) and (gap or not same_page) and len(ln.text) < 90
        after_heading = bool(_HEADING.match(blocks[-1].text)) and len(blocks[-1].text) < 90
        if gap or indented or marker or heading or (after_heading and not _continues(blocks[-1].text, ln.text)):
            blocks.append(Paragraph(ln.text, ln.page))
        else:
            blocks[-1].text = _join(blocks[-1].text, ln.text, vocabulary)
        prev = ln
    return blocks


def _continues(prev: str, line: str) -> bool:
    """A heading's second line ("Articles 23 and 35, with regard to the term" / "“investigation”")."""
    return bool(re.match(r"[a-z“\"(]", line)) and not re.search(r"[.:;]$", prev)


def _typical_pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and 0 < b.top - a.top < 40]
    return statistics.median(steps) if steps else 12.0


def _join(prev: str, line: str, vocabulary: Counter) -> str:
    m = re.search(r"([A-Za-z]+)-$", prev)
    if m and re.match(r"[A-Za-z]", line):
        head = prev[: m.start()] + m.group(1)
        first = re.match(r"[A-Za-z]+", line).group()
        if first[0].islower() and vocabulary[(m.group(1) + first).lower()] > 0:
            return head + line  # a word broken by the typesetter: "crimi-" + "nal"
        return head + "-" + line  # a hyphenated compound: "Secretary-" + "General"
    return f"{prev} {line}"
