"""What the parser recognised in a document, and what looks wrong: `convention-assistant corpus check`.

A person adding a UN PDF (the French text, a protocol) sees at once whether it parsed: the articles found in
order with their titles, chapters, resolution paragraphs, notes, footnotes, pages; and each problem: page
furniture inside a unit, a sentence cut by a line break, gaps or disorder in article numbers, units without a
title where the others have one, very short or very long units. Pure functions over chunks.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..types import Chunk

# the furniture of printed documents, wherever it falls: "16/46", "24-24621", "*2424621*", a symbol
_JOB = re.compile(r"\b\d{2}-\d{5}\b")
_BARCODE = re.compile(r"\*\d{6,}\*")
_SYMBOL = re.compile(r"\b[A-Z]/(?:RES|AC|CONF|HRC)[/.\d A-Z]*\d\b")
# a line break that neither ends a sentence or clause nor opens a list item: a paragraph the parser cut in two
# (pdfium once ran two printed lines into one, and the spacing around it read as paragraph breaks)
BROKEN = re.compile(r"[^.;:,\n]\n(?!\s*(\(?[a-z]{1,3}\)|\(?[ivx]+\)|\d+\.))")


@dataclass
class Outline:
    """The structure of one document, as units a person would cite."""

    doc_id: str
    pages: int = 0
    chapters: list[str] = field(default_factory=list)
    articles: list[tuple[str, str]] = field(default_factory=list)  # (number, title), in document order
    resolution: list[str] = field(default_factory=list)  # "preamble", "para. 1", …
    notes: list[str] = field(default_factory=list)  # "interpretative note 1 (on Art. 2)"
    footnotes: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # preamble, final clause, front matter, title
    paragraphs: int = 0  # numbered paragraphs of articles

    def summary(self) -> str:
        parts = []
        if self.resolution:
            paras = [r for r in self.resolution if r.startswith("para. ")]
            parts.append(f"resolution: {len(paras)} operative paragraphs" + (" and a preamble" if "preamble" in self.resolution else ""))
        if self.articles:
            parts.append(f"{len(self.chapters)} chapters, Arts. {self.articles[0][0]}–{self.articles[-1][0]} "
                         f"({len(self.articles)} articles, {self.paragraphs} numbered paragraphs)")
        if self.notes:
            parts.append(f"{len(self.notes)} notes")
        if self.footnotes:
            parts.append(f"{len(self.footnotes)} footnotes")
        if self.pages:
            parts.append(f"{self.pages} pages")
        return "; ".join(parts) or "no treaty structure (paragraphs only)"


def outline(doc_id: str, chunks: list[Chunk]) -> Outline:
    out = Outline(doc_id)
    seen_paragraphs: set[tuple[str, str]] = set()
    for c in chunks:
        suffix = c.locator.split(", ", 1)[1] if ", " in c.locator else c.locator
        if c.chapter and c.kind == "article" and c.chapter not in out.chapters:
            out.chapters.append(c.chapter)
        if c.article and (not out.articles or out.articles[-1][0] != c.article):
            out.articles.append((c.article, c.article_title))
        if c.article and c.paragraph:
            seen_paragraphs.add((c.article, re.match(r"\((\d+)\)", c.paragraph).group(1) if re.match(r"\(\d+\)", c.paragraph) else ""))
        bucket = {"resolution": out.resolution, "note": out.notes, "footnote": out.footnotes}.get(c.kind)
        if bucket is None and not c.article:
            bucket = out.other
        if bucket is not None and suffix not in bucket:
            bucket.append(suffix)
        out.pages = max(out.pages, c.page or 0)
    out.paragraphs = len({p for p in seen_paragraphs if p[1]})
    return out


@dataclass
class Report:
    doc_id: str
    outline: Outline
    problems: list[str]

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "summary": self.outline.summary(), "outline": asdict(self.outline),
                "problems": self.problems}


def check(doc_id: str, chunks: list[Chunk], max_tokens: int, min_tokens: int = 4) -> Report:
    """The outline of a document's chunks and the problems found in them."""
    shape = outline(doc_id, chunks)
    problems: list[str] = []
    for c in chunks:
        furniture = [p.pattern for p in (_JOB, _BARCODE) if p.search(c.text)]
        pages = re.findall(r"\b(\d{1,3})/(\d{1,3})\b", c.text)
        if shape.pages and any(int(total) == shape.pages and int(n) <= shape.pages for n, total in pages):
            furniture.append("page number n/N")
        if c.kind not in {"front", "footnote", "resolution"} and _SYMBOL.search(c.text):
            furniture.append("document symbol")
        if furniture:
            problems.append(f"{c.locator}: page furniture in the text ({', '.join(furniture)})")
        if (c.kind in ("article", "note") or c.kind == "resolution" and ", para. " in c.locator) and BROKEN.search(c.text):
            problems.append(f"{c.locator}: a line break inside a sentence (a paragraph cut in two?)")
        if c.tokens < min_tokens and c.kind != "front":
            problems.append(f"{c.locator}: very short unit ({c.tokens} tokens): {c.text[:40]!r}")
        if c.tokens > max_tokens:
            problems.append(f"{c.locator}: unit over the {max_tokens}-token ceiling ({c.tokens})")
    numbers = [int(a) for a, _ in shape.articles if a.isdigit()]
    if numbers:
        if len(set(numbers)) != len(numbers):
            twice = sorted({n for n in numbers if numbers.count(n) > 1})
            problems.append(f"article numbers found more than once: {', '.join(map(str, twice))}")
        if numbers != sorted(numbers):
            problems.append("articles out of order: " + ", ".join(
                f"{a} after {b}" for a, b in zip(numbers[1:], numbers, strict=False) if a < b))
        gaps = sorted(set(range(numbers[0], max(numbers) + 1)) - set(numbers))
        if gaps:
            problems.append(f"article numbers missing: {', '.join(map(str, gaps))}")
        untitled = [a for a, t in shape.articles if not t]
        if untitled and len(untitled) < len(shape.articles) / 2:
            problems.append(f"articles without a title: {', '.join(untitled)}")
    paras = [int(r.split()[-1]) for r in shape.resolution if r.startswith("para. ")]
    if paras and paras != list(range(1, len(paras) + 1)):
        problems.append(f"resolution paragraphs not numbered 1–{len(paras)}: {paras}")
    return Report(doc_id, shape, problems)


def render(report: Report) -> str:
    o = report.outline
    lines = [f"{report.doc_id}: {o.summary()}"]
    if o.resolution:
        lines.append("  resolution: " + ", ".join(o.resolution))
    if o.other:
        lines.append("  other units: " + ", ".join(o.other))
    for chapter in o.chapters:
        lines.append(f"  {chapter}")
    if o.articles:
        lines.extend(f"    Art. {a}" + (f" – {t}" if t else " (no title)") for a, t in o.articles)
    if o.notes:
        lines.append("  notes: " + "; ".join(o.notes))
    if o.footnotes:
        lines.append("  footnotes: " + ", ".join(f.split()[-1] for f in o.footnotes))
    lines.extend(f"  PROBLEM: {p}" for p in report.problems)
    lines.append("  ok" if not report.problems else f"  {len(report.problems)} problem(s)")
    return "\n".join(lines)
