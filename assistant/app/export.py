"""Exports a reader can keep: a conversation with its citations (Markdown) and briefs (Markdown, PDF, DOCX).

Document text is quoted as it stands; in Markdown it is escaped so that a passage cannot turn into links,
images or HTML when the file is rendered.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..answer.brief import Brief, Point
from ..types import Answer, Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def md_escape(text: str) -> str:
    """Escape Markdown/HTML syntax in untrusted text (document passages, questions)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


# a web address in raw text; brackets, quotes and its trailing punctuation are the sentence's
_URL = re.compile(r"https?://[^\s<>\"“”()\[\]]*[^\s<>\"“”()\[\].,;:!?'’]")


def answer_markdown(answer: Answer) -> str:
    """The answer's text with citation markers kept as plain [n], web addresses as autolinks ("See its status page
    (…: <https://treaties.un.org/>)": an escaped ")" after a bare address would end up in the link), everything
    else escaped."""
    text, pieces, last = answer.answer, [], 0
    for m in _URL.finditer(text):  # an autolink is read as it stands: the address is left unescaped
        pieces += [_markers(md_escape(text[last:m.start()])), f"<{m.group(0)}>"]
        last = m.end()
    return "".join(pieces + [_markers(md_escape(text[last:]))])


def _markers(escaped: str) -> str:
    """Escaped text with its citation markers ("\\[3\\]") plain again."""
    return re.sub(r"\\\[(\d{1,2}(?:,\s*\d{1,2})*)\\\]", r"[\1]", escaped)


def _sources_md(citations: list[Citation]) -> list[str]:
    return [f"- [{c.n}] **{md_escape(c.locator)}** — “{md_escape(c.quote)}”" for c in citations]


def conversation_markdown(turns: list[Answer], title: str = "Convention Assistant — conversation") -> str:
    lines = [f"# {title}", ""]
    for i, a in enumerate(turns, 1):
        lines += [f"## Q{i}. {md_escape(a.question)}", ""]
        state = {"supported": "Supported by the corpus", "partial": "Partly supported",
                 "unsupported": "The corpus does not cover this"}.get(a.grounding, a.grounding)
        lines += [f"*{state} · {a.mode}*", "", answer_markdown(a), ""]
        if a.notice and not a.abstained:
            lines += [f"> {md_escape(a.notice)}", ""]
        if a.citations:
            lines += ["**Sources**", "", *_sources_md(a.citations), ""]
    return "\n".join(lines).rstrip() + "\n"


def _point_md(p: Point) -> str:
    return f"- {_markers(md_escape(p.text))}{_marks(p)}"


def brief_markdown(brief: Brief) -> str:
    lines = [f"# Briefing: {md_escape(brief.topic)}", "",
             f"*Convention Assistant · {brief.date} · every point quotes its source; numbers refer to the sources below.*", ""]
    if brief.notice:
        lines += [f"> {md_escape(brief.notice)}", ""]
    if not brief.covered:
        return "\n".join(lines).rstrip() + "\n"
    for title, groups in _sections(brief):
        lines += [f"## {title}", ""]
        for sub, points in groups:
            lines += ([f"**{md_escape(sub)}**", ""] if sub else []) + [*(_point_md(p) for p in points), ""]
    lines += ["## Sources", "", *_sources_md(brief.citations), ""]
    return "\n".join(lines).rstrip() + "\n"


def _sections(brief: Brief) -> list[tuple[str, list[tuple[str, list[Point]]]]]:
    """(section title, [(sub-heading or "", points)])."""
    out = [("Bottom line", [("", brief.bottom_line)]), ("Key points", [("", brief.key_points)]),
           ("Positions", brief.positions), ("What the text says", [("", brief.articles)]),
           (brief.comparison_title, [("", brief.comparison)])]
    return [(t, groups) for t, groups in out if any(ps for _, ps in groups)]


def _marks(p: Point) -> str:
    """The point's citation markers, less those its text already places ("Art. 37(15) (Extradition) [10]")."""
    placed = {int(n) for n in re.findall(r"\[(\d{1,2})\]", p.text)}
    missing = [n for n in p.citations if n not in placed]
    return " " + "".join(f"[{n}]" for n in missing) if missing else ""


def brief_docx(brief: Brief, path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading(f"Briefing: {brief.topic}", level=1)
    doc.add_paragraph(f"Convention Assistant · {brief.date} · every point quotes its source.").italic = True
    if brief.notice:
        doc.add_paragraph(brief.notice)
    if brief.covered:
        for title, groups in _sections(brief):
            doc.add_heading(title, level=2)
            for sub, points in groups:
                if sub:
                    doc.add_paragraph().add_run(sub).bold = True
                for p in points:
                    doc.add_paragraph(p.text + _marks(p), style="List Bullet")
        doc.add_heading("Sources", level=2)
        for c in brief.citations:
            para = doc.add_paragraph()
            para.add_run(f"[{c.n}] {c.locator} — ").bold = True
            para.add_run(f"“{c.quote}”")
    doc.save(str(path))
    return path


def _pdf_font() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def brief_pdf(brief: Brief, path: Path) -> Path:
    """The brief on one A4 page, its sources on the next. A brief too long for its page loses its last points,
    the least needed first (comparison, then articles, key points and positions beyond the first of each), and
    its sources list only what is still cited."""
    shown: Brief | None = brief
    while shown is not None:
        pdf, pages = _pdf(shown)
        if pages <= 1:
            break
        shown = _shortened(shown)
    pdf.output(str(path))
    return path


def _shortened(brief: Brief) -> Brief | None:
    """The brief less its least needed point; None when nothing is left to spare."""
    for name, keep in (("comparison", 0), ("articles", 2), ("key_points", 1)):
        points = getattr(brief, name)
        if len(points) > keep:
            return dataclasses.replace(brief, **{name: points[:-1]})
    spare = [i for i, (_, ps) in enumerate(brief.positions) if len(ps) > 1]
    if spare:
        i = spare[-1]
        positions = list(brief.positions)
        positions[i] = (positions[i][0], positions[i][1][:-1])
        return dataclasses.replace(brief, positions=positions)
    return None


def _pdf(brief: Brief):
    """(the PDF, the pages its brief takes before its sources)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("DejaVu", "", str(_pdf_font()))
    pdf.add_font("DejaVu", "B", str(_pdf_font().with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()

    def write(text: str, size: float = 10, style: str = "", indent: float = 0, gap: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, size * 0.47, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(f"Briefing: {brief.topic}", 16, "B", gap=2)
    write(f"Convention Assistant · {brief.date} · every point quotes its source.", 8, gap=3)
    if brief.notice:
        write(brief.notice, 9, gap=3)
    pages = pdf.page
    if brief.covered:
        for title, groups in _sections(brief):
            write(title, 12, "B")
            for sub, points in groups:
                if sub:
                    write(sub, 10, "B", indent=2, gap=0.5)
                for p in points:
                    write("• " + p.text + _marks(p), 9, indent=4, gap=1.2)
        pages = pdf.page
        pdf.add_page()  # the brief on its page, its sources after it
        write("Sources", 12, "B")
        cited = {n for p in brief.points() for n in p.citations}
        for c in brief.citations:
            if c.n in cited:
                write(f"[{c.n}] {c.locator} — “{c.quote}”", 8, indent=2, gap=1)
    return pdf, pages


def save_brief(brief: Brief, path: Path) -> Path:
    """Write a brief in the format its extension names: .md, .pdf or .docx."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        path.write_text(brief_markdown(brief), encoding="utf-8")
        return path
    if suffix == ".pdf":
        return brief_pdf(brief, path)
    if suffix == ".docx":
        return brief_docx(brief, path)
    raise ValueError(f"unknown brief format {suffix!r}: use .md, .pdf or .docx")
