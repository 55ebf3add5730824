"""HTML views of answers, sources and document units for the web UI.

Every piece of document or user text goes through :func:`html.escape`: a passage holding markup or a script
is shown as text, never run. Only the fixed tags written here reach the browser.
"""

from __future__ import annotations

import html

from ..types import Answer, Citation
from .browse import Unit

GROUNDING = {
    "supported": ("ca-ok", "Supported by the corpus", "every sentence quotes or is backed by a cited passage"),
    "partial": ("ca-partial", "Partly supported", "some generated sentences had no support and were removed"),
    "unsupported": ("ca-none", "The corpus does not cover this", "no passage supports an answer"),
}

CSS = """
.ca-badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;font-size:0.9em}
.ca-ok{background:#dcfce7;color:#14532d}.ca-partial{background:#fef9c3;color:#713f12}
.ca-none{background:#fee2e2;color:#7f1d1d}
.ca-source{border:1px solid #d4d4d8;border-radius:8px;padding:8px 10px;margin:8px 0}
.ca-loc{font-weight:600}.ca-doc{color:#52525b;font-size:0.85em;margin-bottom:4px}
.ca-passage{white-space:pre-wrap;font-size:0.92em;line-height:1.45}
.ca-passage mark{background:#fde68a;padding:0 1px}
.ca-notice{margin:6px 0;color:#7c2d12;font-size:0.9em}
.ca-unit h3{margin:4px 0 8px 0}.ca-unit .ca-chapter{color:#52525b;font-size:0.85em}
.ca-empty{color:#71717a}
"""


def _e(text: str) -> str:
    return html.escape(text or "", quote=True)


def highlighted(text: str, quote: str) -> str:
    """``text`` escaped, with the verbatim ``quote`` wrapped in <mark>."""
    i = text.find(quote) if quote else -1
    if i < 0:
        return _e(text)
    return f"{_e(text[:i])}<mark>{_e(quote)}</mark>{_e(text[i + len(quote):])}"


def grounding_badge(answer: Answer) -> str:
    cls, label, title = GROUNDING.get(answer.grounding, GROUNDING["unsupported"])
    if answer.abstained:
        cls, label, title = GROUNDING["unsupported"]
    return f'<span class="ca-badge {cls}" title="{_e(title)}" data-grounding="{_e(answer.grounding)}">{_e(label)}</span>'


def source_card(c: Citation, doc_title: str = "") -> str:
    return (
        f'<div class="ca-source" data-n="{c.n}"><div class="ca-loc">[{c.n}] {_e(c.locator)}'
        + (f' <span class="ca-page">(p. {c.page})</span>' if c.page else "") + "</div>"
        + (f'<div class="ca-doc">{_e(doc_title)}</div>' if doc_title else "")
        + f'<div class="ca-passage">{highlighted(c.text, c.quote)}</div></div>'
    )


def sources_html(answer: Answer | None, titles: dict[str, str] | None = None) -> str:
    if answer is None:
        return '<div class="ca-sources ca-empty">Sources of the latest answer appear here.</div>'
    titles = titles or {}
    mode = "quotes only" if answer.mode == "extractive" else "generated from the passages"
    parts = [f'<div class="ca-sources"><div>{grounding_badge(answer)} <small>{_e(mode)}</small></div>']
    if answer.notice:
        parts.append(f'<div class="ca-notice">{_e(answer.notice)}</div>')
    if not answer.citations:
        parts.append('<div class="ca-empty">No passage is cited.</div>')
    parts += [source_card(c, titles.get(c.doc_id, "")) for c in answer.citations]
    parts.append("</div>")
    return "".join(parts)


def unit_html(unit: Unit | None, doc_title: str = "", quote: str = "") -> str:
    if unit is None:
        return '<div class="ca-unit ca-empty">Pick a document and an article.</div>'
    pages = sorted({c.page for c in unit.chunks if c.page})
    where = (f" · p. {pages[0]}" if len(pages) == 1 else f" · pp. {pages[0]}–{pages[-1]}") if pages else ""
    chapter = f'<div class="ca-chapter">{_e(doc_title)} · {_e(unit.chapter)}{where}</div>'
    return (f'<div class="ca-unit" data-key="{_e(unit.key)}">{chapter}<h3>{_e(unit.label)}</h3>'
            f'<div class="ca-passage">{highlighted(unit.text, quote)}</div></div>')


def brief_status(covered: bool, n_points: int, n_sources: int) -> str:
    if not covered:
        return '<span class="ca-badge ca-none">The corpus does not cover this topic</span>'
    return f'<span class="ca-badge ca-ok">{n_points} cited points from {n_sources} passages</span>'
