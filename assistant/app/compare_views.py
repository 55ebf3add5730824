"""HTML views of a comparison for the web UI: two articles side by side with their differences marked, and the
alignment table. Every piece of document text is escaped; only the fixed tags written here reach the browser."""

from __future__ import annotations

import html

from ..compare.alignment import Alignment, to_rows
from ..compare.comparer import ArticleComparison
from ..compare.textdiff import ParagraphPair

COMPARE_CSS = """
.ca-cmp table{width:100%;border-collapse:collapse;table-layout:fixed}
.ca-cmp td,.ca-cmp th{vertical-align:top;border:1px solid #e4e4e7;padding:6px 8px;font-size:0.92em;line-height:1.45}
.ca-cmp th{background:#f4f4f5;text-align:left}
.ca-cmp del{background:#fee2e2;color:#7f1d1d;text-decoration:line-through}
.ca-cmp ins{background:#dcfce7;color:#14532d;text-decoration:none}
.ca-cmp .ca-loc{font-size:0.85em;color:#52525b;display:block;margin-bottom:2px}
.ca-cmp .ca-same{color:#166534;font-size:0.85em}
.ca-cmp-head{margin:4px 0 8px 0}.ca-cmp-key{font-size:0.85em;color:#52525b}
"""


def _e(text: str) -> str:
    return html.escape(text or "", quote=True)


def _sides(p: ParagraphPair) -> tuple[str, str]:
    """Each paragraph's verbatim text, with what only it says marked: <del> on the left, <ins> on the right."""
    if not (p.a and p.b):
        return (_e(p.a.text) if p.a else "", _e(p.b.text) if p.b else "")
    left, right = [], []
    for s in p.segments:
        if s.op == "equal":
            left.append(_e(s.a))
            right.append(_e(s.b))
            continue
        if s.a:
            left.append(f"<del>{_e(s.a)}</del>")
        if s.b:
            right.append(f"<ins>{_e(s.b)}</ins>")
    return "".join(left), "".join(right)


def comparison_html(c: ArticleComparison | None, from_name: str = "", to_name: str = "") -> str:
    if c is None:
        return '<div class="ca-cmp ca-empty">Pick an article to see it beside its counterpart.</div>'
    best = c.pair.best
    if c.counterpart is None:
        head = f"<b>{_e(to_name)}</b> has no articles to compare with."
    else:
        score = next((m.score for m in c.pair.matches if m.article == c.counterpart.number), None)
        verdict = ("counterpart" + (" (reviewed)" if c.pair.reviewed else "")) if c.pair.counterpart and \
            best and best.article == c.counterpart.number else "no counterpart: closest article shown"
        head = (f"<b>{_e(from_name)} Art. {_e(c.article.number)}</b> – {_e(c.article.title)} ↔ "
                f"<b>{_e(to_name)} Art. {_e(c.counterpart.number)}</b> – {_e(c.counterpart.title)} · "
                f'<span data-score="{score if score is not None else ""}">score '
                f"{'' if score is None else f'{score:.2f}'}</span> · <span class=\"ca-verdict\">{_e(verdict)}</span>")
    others = ", ".join(f"Art. {_e(m.article)} {_e(m.title)} ({m.score:.2f})" for m in c.pair.matches
                       if not c.counterpart or m.article != c.counterpart.number)
    rows = []
    for p in c.paragraphs:
        left, right = _sides(p)
        la = f'<span class="ca-loc">{_e(p.a.locator)}{_page(p.a)}</span>' if p.a else ""
        lb = f'<span class="ca-loc">{_e(p.b.locator)}{_page(p.b)}</span>' if p.b else ""
        same = '<div class="ca-same">same wording</div>' if p.same_wording else ""
        empty = '<span class="ca-empty">no corresponding paragraph</span>'
        rows.append(f"<tr><td>{la}{left or empty}{same}</td><td>{lb}{right or empty}</td></tr>")
    return (f'<div class="ca-cmp" data-from="{_e(c.article.number)}" '
            f'data-to="{_e(c.counterpart.number if c.counterpart else "")}">'
            f'<div class="ca-cmp-head">{head}</div>'
            f'<div class="ca-cmp-key">Marked: <del>only in {_e(from_name)}</del> · <ins>only in {_e(to_name)}</ins>'
            f" (numbers, case and punctuation are compared as equal). Also checked: {others or 'none'}.</div>"
            f"<table><tr><th>{_e(from_name)}</th><th>{_e(to_name)}</th></tr>{''.join(rows)}</table></div>")


def _page(chunk) -> str:
    return f" (p. {chunk.page})" if chunk.page else ""


def table_html(al: Alignment | None, from_name: str, to_name: str, filter: str = "all") -> str:
    if al is None:
        return '<div class="ca-cmp ca-empty">No alignment.</div>'
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(x)}</td>" for x in (f"Art. {r[0]}" if r[0] else "", r[1],
                                                          f"Art. {r[2]}" if r[2] else "", r[3], r[4], r[5])) + "</tr>"
        for r in to_rows(al, filter))
    n = sum(p.counterpart for p in al.pairs)
    return (f'<div class="ca-cmp" data-filter="{_e(filter)}"><div class="ca-cmp-key">{n} of {len(al.pairs)} articles of '
            f"{_e(from_name)} have a counterpart; {len(al.only_in_to)} articles only in {_e(to_name)}.</div>"
            f"<table><tr><th>{_e(from_name)}</th><th>Title</th><th>{_e(to_name)}</th><th>Title</th>"
            f"<th>Score</th><th>Verdict</th></tr>{rows}</table></div>")
