"""The web UI's Compare tab: an article of one treaty beside its counterpart in the other, with the differences
marked; the whole alignment as a filterable table, exported as CSV or Markdown. A thin layer over compare."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import gradio as gr

from ..compare.alignment import to_csv, to_markdown
from ..compare.comparer import Comparer
from ..types import AssistantError
from .compare_views import comparison_html, table_html

log = logging.getLogger("convention_assistant.ui")
DEFAULT_FROM, DEFAULT_TO = "un-convention", "budapest"


class CompareTab:
    def __init__(self, comparer: Comparer, names: dict[str, str], export_dir: Path):
        self.comparer = comparer
        self.names = names
        self.export_dir = export_dir

    def _docs(self) -> list[tuple[str, str]]:
        try:
            return [(self.names.get(d, d), d) for d in self.comparer.documents()]
        except AssistantError:
            return []

    def _filters(self, from_doc: str, to_doc: str) -> list[tuple[str, str]]:
        return [("All articles", "all"),
                (f"Only in {self.names.get(from_doc, from_doc)} (no counterpart)", "only_from"),
                (f"Only in {self.names.get(to_doc, to_doc)}", "only_to")]

    # ------------------------------------------------------------------ handlers
    def pick_docs(self, from_doc: str, to_doc: str):
        """New pair of documents: article choices, the first article's comparison, the table."""
        try:
            al = self.comparer.alignment(from_doc, to_doc)
        except AssistantError as exc:
            msg = f'<div class="ca-cmp ca-notice">⚠️ {exc}</div>'
            return gr.update(choices=[], value=None), gr.update(choices=[], value=None), msg, msg, None, None, \
                gr.update(choices=self._filters(from_doc, to_doc), value="all")
        choices = [(f"Art. {p.from_article} – {p.from_title}", p.from_article) for p in al.pairs]
        first = al.pairs[0].from_article if al.pairs else None
        counterpart, view = self.pick_article(from_doc, to_doc, first)
        table, csv_path, md_path = self.table(from_doc, to_doc, "all")
        return (gr.update(choices=choices, value=first), counterpart, view, table, csv_path, md_path,
                gr.update(choices=self._filters(from_doc, to_doc), value="all"))

    def pick_article(self, from_doc: str, to_doc: str, article: str | None):
        if not article:
            return gr.update(choices=[], value=None), comparison_html(None)
        try:
            al = self.comparer.alignment(from_doc, to_doc)
            pair = al.pair(article)
            ranked = [m.article for m in pair.matches] if pair else []
            rest = [a for a in al.to_titles if a not in ranked]
            choices = [(f"Art. {a} – {al.to_titles.get(a, '')}" + (" (best match)" if n == 0 else ""), a)
                       for n, a in enumerate(ranked + rest)]
            best = ranked[0] if ranked else None
            return gr.update(choices=choices, value=best), self.show(from_doc, to_doc, article, best)
        except AssistantError as exc:
            return gr.update(choices=[], value=None), f'<div class="ca-cmp ca-notice">⚠️ {exc}</div>'

    def show(self, from_doc: str, to_doc: str, article: str | None, counterpart: str | None) -> str:
        if not article:
            return comparison_html(None)
        try:
            c = self.comparer.article(from_doc, to_doc, article, counterpart)
        except AssistantError as exc:
            return f'<div class="ca-cmp ca-notice">⚠️ {exc}</div>'
        return comparison_html(c, self.names.get(from_doc, from_doc), self.names.get(to_doc, to_doc))

    def table(self, from_doc: str, to_doc: str, filter: str):
        try:
            al = self.comparer.alignment(from_doc, to_doc)
        except AssistantError as exc:
            return f'<div class="ca-cmp ca-notice">⚠️ {exc}</div>', None, None
        a, b = self.names.get(from_doc, from_doc), self.names.get(to_doc, to_doc)
        stem = self.export_dir / f"alignment-{from_doc}--{to_doc}-{filter}-{time.strftime('%Y%m%d-%H%M%S')}"
        csv_path, md_path = stem.with_suffix(".csv"), stem.with_suffix(".md")
        csv_path.write_text(to_csv(al, filter), encoding="utf-8")
        md_path.write_text(to_markdown(al, a, b, filter), encoding="utf-8")
        return table_html(al, a, b, filter), str(csv_path), str(md_path)

    # ------------------------------------------------------------------ layout
    def build(self, open_unit) -> gr.Tab:
        """The tab; ``open_unit(doc_id, article)`` returns the Documents tab's outputs for a pair of buttons."""
        docs = self._docs()
        ids = [d for _, d in docs]
        a = DEFAULT_FROM if DEFAULT_FROM in ids else (ids[0] if ids else None)
        b = DEFAULT_TO if DEFAULT_TO in ids and DEFAULT_TO != a else next((d for d in ids if d != a), None)
        with gr.Tab("Compare", id="compare") as tab:
            with gr.Row():
                self.from_doc = gr.Dropdown(docs, value=a, label="Compare", elem_id="ca-cmp-from", scale=2)
                self.to_doc = gr.Dropdown(docs, value=b, label="with", elem_id="ca-cmp-to", scale=2)
            with gr.Row():
                self.article = gr.Dropdown([], label="Article", elem_id="ca-cmp-article", scale=3)
                self.counterpart = gr.Dropdown([], label="beside", elem_id="ca-cmp-counterpart", scale=3)
            self.view = gr.HTML(comparison_html(None), elem_id="ca-cmp-view")
            with gr.Row():
                self.open_from = gr.Button("Open this article in Documents", elem_id="ca-cmp-open-from")
                self.open_to = gr.Button("Open its counterpart in Documents", elem_id="ca-cmp-open-to")
            gr.Markdown("### The whole alignment\nComputed from the texts: titles, wording and meaning, with the "
                        "two treaties' defined terms read as one (\"computer data\" ↔ \"electronic data\").")
            with gr.Row():
                self.filter = gr.Radio(self._filters(a or "", b or ""), value="all", label="Show",
                                       elem_id="ca-cmp-filter", scale=3)
                self.csv = gr.DownloadButton("Download table (.csv)", elem_id="ca-cmp-csv", scale=1)
                self.md = gr.DownloadButton("Download table (.md)", elem_id="ca-cmp-md", scale=1)
            self.table_view = gr.HTML("", elem_id="ca-cmp-table")
        self._open_unit = open_unit
        return tab

    def wire(self, demo: gr.Blocks, documents_outputs: list) -> None:
        docs_out = [self.article, self.counterpart, self.view, self.table_view, self.csv, self.md, self.filter]
        for dd in (self.from_doc, self.to_doc):
            dd.input(self.pick_docs, [self.from_doc, self.to_doc], docs_out)
        self.article.input(self.pick_article, [self.from_doc, self.to_doc, self.article], [self.counterpart, self.view])
        self.counterpart.input(self.show, [self.from_doc, self.to_doc, self.article, self.counterpart], self.view)
        self.filter.input(self.table, [self.from_doc, self.to_doc, self.filter], [self.table_view, self.csv, self.md])
        self.open_from.click(self._open_unit, [self.from_doc, self.article], documents_outputs)
        self.open_to.click(self._open_unit, [self.to_doc, self.counterpart], documents_outputs)
        demo.load(self.pick_docs, [self.from_doc, self.to_doc], docs_out)
