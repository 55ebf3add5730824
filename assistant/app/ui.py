"""The Gradio web UI: a thin layer over the library (Assistant, browse, brief, export, feedback).

Four tabs: Ask (streamed, cited chat with a sources panel), Documents (chapter → article reader), Compare (an
article beside its counterpart in the other treaty, the whole alignment; ui_compare), Briefing (one-page cited
brief, exported as Markdown, PDF or DOCX). All document text is escaped before display.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from pathlib import Path

import gradio as gr

from ..answer.brief import build_brief
from ..answer.chain import Assistant
from ..config import Settings, ensure_offline_env
from ..types import Answer, AssistantError, Draft, InputError
from ..wiring import build
from .browse import Unit, chapters, outline, unit_of
from .compare_views import COMPARE_CSS
from .export import answer_markdown, brief_markdown, conversation_markdown, md_escape, save_brief
from .feedback import record
from .ui_compare import CompareTab
from .views import CSS, brief_status, sources_html, unit_html

log = logging.getLogger("convention_assistant.ui")

EXAMPLES = [
    "How long can a preservation order last under the UN convention?",
    "What safeguards does the UN convention require for investigative powers?",
    "Is sharing intimate images without consent a crime under the UN convention?",
    "How does the UN convention protect human rights, and how does that compare with the Budapest Convention?",
    "What are Cisco's concerns about the UN convention?",
    "How long can preserved data be kept under the Budapest Convention?",
]
BRIEF_EXAMPLES = ["human-rights concerns about the UN convention", "data preservation powers in the UN convention",
                  "mutual legal assistance under the UN convention", "data preservation powers in the Budapest Convention"]
ALL = "all"
INTERNAL_ERROR = "Something went wrong while answering; the details are in the server log. Please try again."


def _doc_ids(scope: str | None) -> list[str] | None:
    """The "Search in" choice as a document filter (None: all documents)."""
    return None if not scope or scope == ALL else [scope]


class UI:
    def __init__(self, settings: Settings, assistant: Assistant | None = None):
        self.settings = settings
        self.assistant = assistant or build(settings, warm=True).assistant
        self.titles = {d.id: d.title for d in self.assistant.manifest}
        self.names = {d.id: d.short_name for d in self.assistant.manifest}
        self.treaties = {d.id for d in self.assistant.manifest if d.is_treaty}
        self.export_dir = Path(tempfile.mkdtemp(prefix="convention-assistant-"))
        self.compare = CompareTab(self.assistant.comparer, self.names, self.export_dir)

    # ------------------------------------------------------------------ corpus views
    def index_status(self) -> str:
        try:
            docs = self.assistant.index.documents()
        except AssistantError as exc:
            return f"⚠️ {exc}"
        names = ", ".join(self.names.get(d, d) for d in docs)
        missing = [d.short_name for d in self.assistant.manifest if d.default and d.id not in docs]
        line = f"Searching {len(docs)} documents: {names}."
        if missing:
            line += f" Not available here: {', '.join(missing)} (fetch with `convention-assistant corpus fetch`)."
        return line

    def doc_choices(self) -> list[tuple[str, str]]:
        try:
            docs = self.assistant.index.documents()
        except AssistantError:
            docs = {}
        for d, info in docs.items():  # documents found beside the manifest's carry their names in the index
            self.names.setdefault(d, info.get("short_name") or d)
            self.titles.setdefault(d, info.get("title") or d)
        return [("All documents", ALL)] + [(self.names[d], d) for d in docs]

    def units(self) -> dict[str, list[Unit]]:
        try:
            return outline(self.assistant.retriever.chunks, self.treaties)
        except AssistantError:
            return {}

    def model_label(self) -> str:
        s = self.settings
        if s.llm_backend == "openai":
            return f"{s.llm_model} at {s.llm_base_url} (used only for written answers)"
        return f"{s.llm_model}, local (llama.cpp on this machine; used only for written answers)"

    # ------------------------------------------------------------------ Ask
    def respond(self, message: str, chat: list, turns: list, scope: str, k: float, mode: str):
        chat, turns = list(chat or []), list(turns or [])
        try:
            question = self.assistant.validate(message)
        except InputError as exc:
            yield message, chat, turns, gr.skip(), gr.skip(), gr.skip(), f"⚠️ {exc}"
            return
        chat += [{"role": "user", "content": md_escape(question)},
                 {"role": "assistant", "content": "*Searching the corpus…*"}]
        yield "", chat, turns, gr.skip(), gr.skip(), gr.skip(), ""
        history = [(t.question, t.answer) for t in turns if t is not None]
        answer: Answer | None = None
        partial = ""
        try:
            for item in self.assistant.stream(question, history, mode, _doc_ids(scope), int(k)):
                if isinstance(item, Answer):
                    answer = item
                    break
                if isinstance(item, Draft):  # the quotes being written from: shown at once, beside the chat
                    chat[-1] = {"role": "assistant", "content": "*Writing from the quotes on the right…* ▌"}
                    yield (gr.skip(), chat, turns, sources_html(item.answer, self.titles), gr.skip(), gr.skip(),
                           "*Writing; the quotes it is written from are on the right…*")
                    continue
                partial += item
                chat[-1] = {"role": "assistant", "content": md_escape(partial) + " ▌"}
                yield gr.skip(), chat, turns, gr.skip(), gr.skip(), gr.skip(), "*Writing; the sources are checked when done…*"
        except AssistantError as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {md_escape(str(exc))}"}
            yield "", chat, turns + [None], gr.skip(), gr.skip(), gr.skip(), f"⚠️ {exc}"
            return
        except Exception:
            log.exception("answering %r failed", question)
            chat[-1] = {"role": "assistant", "content": f"⚠️ {INTERNAL_ERROR}"}
            yield "", chat, turns + [None], gr.skip(), gr.skip(), gr.skip(), f"⚠️ {INTERNAL_ERROR}"
            return
        assert answer is not None
        chat[-1] = {"role": "assistant", "content": self._chat_text(answer)}
        turns.append(answer)
        cited = [(f"[{c.n}] {c.locator}", str(c.n)) for c in answer.citations]
        yield ("", chat, turns, sources_html(answer, self.titles),
               gr.update(choices=cited, value=cited[0][1] if cited else None),
               self._export_conversation(turns), "")

    def _chat_text(self, answer: Answer) -> str:
        text = answer_markdown(answer)
        if answer.notice and not answer.abstained:
            text += f"\n\n*{md_escape(answer.notice)}*"
        return text

    def _export_conversation(self, turns: list) -> str:
        path = self.export_dir / f"conversation-{time.strftime('%Y%m%d-%H%M%S')}.md"
        path.write_text(conversation_markdown([t for t in turns if t is not None]), encoding="utf-8")
        return str(path)

    def clear(self):
        return [], [], sources_html(None), gr.update(choices=[], value=None), None, ""

    def feedback(self, turns: list, data: gr.LikeData) -> str:
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = int(index) // 2
        answer = turns[turn] if 0 <= turn < len(turns or []) else None
        if answer is None:
            return "⚠️ There is no answer to rate here."
        helpful = data.liked is True or data.liked == "Like"
        record(self.settings.feedback_path, answer, helpful)
        return f"Thank you: feedback saved ({'helpful' if helpful else 'not helpful'})."

    # ------------------------------------------------------------------ Documents
    def pick_doc(self, doc_id: str):
        units = self.units().get(doc_id, [])
        chaps = chapters(units)
        chapter = chaps[0] if chaps else None
        return (gr.update(choices=chaps, value=chapter), *self.pick_chapter(doc_id, chapter))

    def pick_chapter(self, doc_id: str, chapter: str | None):
        units = [u for u in self.units().get(doc_id, []) if u.chapter == chapter]
        choices = [(u.label, u.key) for u in units]
        first = units[0] if units else None
        return (gr.update(choices=choices, value=first.key if first else None),
                unit_html(first, self.titles.get(doc_id, "")))

    def pick_unit(self, doc_id: str, key: str):
        unit = next((u for u in self.units().get(doc_id, []) if u.key == key), None)
        return unit_html(unit, self.titles.get(doc_id, ""))

    def open_cited(self, cited: str | None, turns: list):
        last = next((t for t in reversed(turns or []) if t is not None), None)
        citation = next((c for c in (last.citations if last else []) if str(c.n) == str(cited)), None)
        outlined = self.units()
        unit = unit_of(outlined, citation.chunk_id) if citation else None
        if unit is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        units = outlined[unit.doc_id]
        return (gr.Tabs(selected="documents"),
                gr.update(value=unit.doc_id),
                gr.update(choices=chapters(units), value=unit.chapter),
                gr.update(choices=[(u.label, u.key) for u in units if u.chapter == unit.chapter], value=unit.key),
                unit_html(unit, self.titles.get(unit.doc_id, ""), citation.quote))

    def open_unit(self, doc_id: str | None, article: str | None):
        """Show one article of a document in the Documents tab (from the Compare tab)."""
        units = self.units().get(doc_id or "", [])
        unit = next((u for u in units if u.key == f"art:{article}"), None)
        if unit is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return (gr.Tabs(selected="documents"), gr.update(value=doc_id),
                gr.update(choices=chapters(units), value=unit.chapter),
                gr.update(choices=[(u.label, u.key) for u in units if u.chapter == unit.chapter], value=unit.key),
                unit_html(unit, self.titles.get(doc_id, "")))

    # ------------------------------------------------------------------ Briefing
    def brief(self, topic: str, scope: str):
        try:
            brief = build_brief(self.assistant, topic, doc_ids=_doc_ids(scope))
        except AssistantError as exc:
            return f"⚠️ {md_escape(str(exc))}", "", None, None, None
        except Exception:
            log.exception("brief on %r failed", topic)
            return f"⚠️ {INTERNAL_ERROR}", "", None, None, None
        slug = re.sub(r"[^a-z0-9]+", "-", brief.topic.lower()).strip("-")[:50] or "brief"
        stem = self.export_dir / f"brief-{slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        files = [str(save_brief(brief, stem.with_suffix(ext))) for ext in (".md", ".pdf", ".docx")]
        status = brief_status(brief.covered, len(brief.points()), len(brief.citations))
        return brief_markdown(brief), status, *files

    # ------------------------------------------------------------------ layout
    def build(self) -> gr.Blocks:
        with gr.Blocks(title="Convention Assistant") as demo:
            gr.Markdown("## Convention Assistant\nCited answers about the **UN Convention against Cybercrime** "
                        "(General Assembly resolution 79/243, official text), compared with the Council of Europe's "
                        "Budapest Convention, and the debate around it. Every answer quotes its sources with the "
                        "article and page; when the documents do not cover a question, it says so.")
            corpus_line = gr.Markdown(self.index_status(), elem_id="ca-corpus")
            turns = gr.State([])
            with gr.Tabs() as tabs:
                with gr.Tab("Ask", id="ask"):
                    with gr.Row():
                        with gr.Column(scale=3):
                            chat = gr.Chatbot(label="Conversation", height=520, elem_id="ca-chat",
                                              buttons=["copy", "copy_all"], group_consecutive_messages=False)
                            question = gr.Textbox(label="Your question", placeholder="Ask about the treaties…",
                                                  lines=1, max_lines=6, elem_id="ca-question")
                            with gr.Row():
                                ask = gr.Button("Ask", variant="primary", elem_id="ca-ask")
                                clear = gr.Button("Clear conversation", elem_id="ca-clear")
                                export = gr.DownloadButton("Export conversation (.md)", elem_id="ca-export")
                            status = gr.Markdown("", elem_id="ca-status")
                            gr.Examples(EXAMPLES, inputs=question, label="Example questions")
                        with gr.Column(scale=2):
                            sources = gr.HTML(sources_html(None), elem_id="ca-sources")
                            with gr.Row():
                                cited = gr.Dropdown([], label="Cited passage", elem_id="ca-cited", scale=3)
                                open_btn = gr.Button("Open the whole article", elem_id="ca-open", scale=2)
                            with gr.Accordion("Settings", open=False, elem_id="ca-settings"):
                                scope = gr.Dropdown(self.doc_choices(), value=ALL, label="Search in",
                                                    elem_id="ca-scope")
                                k = gr.Slider(1, 10, value=self.settings.top_k, step=1, label="Passages retrieved")
                                mode = gr.Radio([("Quotes only (fast)", "extractive"),
                                                 ("Written answer by the model (slower)", "generative")],
                                                value=self.settings.mode, label="Answer style", elem_id="ca-mode")
                                gr.Textbox(self.model_label(), label="Model", interactive=False)
                with gr.Tab("Documents", id="documents"):
                    docs = [c for c in self.doc_choices() if c[1] != ALL]
                    doc = gr.Dropdown(docs, value=None, label="Document", elem_id="ca-doc")
                    chapter = gr.Dropdown([], label="Chapter", elem_id="ca-chapter")
                    article = gr.Dropdown([], label="Article", elem_id="ca-article")
                    reader = gr.HTML(unit_html(None), elem_id="ca-reader")
                self.compare.build(self.open_unit)
                with gr.Tab("Briefing", id="briefing"):
                    topic = gr.Textbox(label="Topic", placeholder="e.g. data preservation powers", elem_id="ca-topic")
                    with gr.Row():
                        write = gr.Button("Write brief", variant="primary", elem_id="ca-write")
                        brief_scope = gr.Dropdown(self.doc_choices(), value=ALL, label="Search in")
                    gr.Examples(BRIEF_EXAMPLES, inputs=topic, label="Example topics")
                    brief_state = gr.HTML("", elem_id="ca-brief-status")
                    with gr.Row():
                        md_file = gr.DownloadButton("Download .md", elem_id="ca-brief-md")
                        pdf_file = gr.DownloadButton("Download .pdf", elem_id="ca-brief-pdf")
                        docx_file = gr.DownloadButton("Download .docx", elem_id="ca-brief-docx")
                    brief_md = gr.Markdown("", elem_id="ca-brief")

            outs = [question, chat, turns, sources, cited, export, status]
            ask.click(self.respond, [question, chat, turns, scope, k, mode], outs, api_name="ask",
                      concurrency_id="answer", concurrency_limit=self.settings.ui_concurrency)
            question.submit(self.respond, [question, chat, turns, scope, k, mode], outs, api_visibility="private",
                            concurrency_id="answer", concurrency_limit=self.settings.ui_concurrency)
            clear.click(self.clear, None, [chat, turns, sources, cited, export, status], queue=False,
                        api_visibility="private")
            chat.clear(self.clear, None, [chat, turns, sources, cited, export, status], queue=False,
                       api_visibility="private")
            chat.like(self.feedback, [turns], status)
            open_btn.click(self.open_cited, [cited, turns], [tabs, doc, chapter, article, reader])
            doc.input(self.pick_doc, doc, [chapter, article, reader])
            chapter.input(self.pick_chapter, [doc, chapter], [article, reader])
            article.input(self.pick_unit, [doc, article], reader)
            write.click(self.brief, [topic, brief_scope], [brief_md, brief_state, md_file, pdf_file, docx_file],
                        api_name="brief", concurrency_id="answer", concurrency_limit=self.settings.ui_concurrency)
            topic.submit(self.brief, [topic, brief_scope], [brief_md, brief_state, md_file, pdf_file, docx_file],
                         concurrency_id="answer", api_visibility="private")
            self.compare.wire(demo, [tabs, doc, chapter, article, reader])
            demo.load(self.index_status, None, corpus_line, queue=False)
        return demo


def create(settings: Settings | None = None, assistant: Assistant | None = None) -> tuple[gr.Blocks, UI]:
    ensure_offline_env()
    settings = settings or Settings.from_env()
    ui = UI(settings, assistant)
    demo = ui.build()
    demo.queue(default_concurrency_limit=settings.ui_concurrency, max_size=settings.ui_queue_size)
    return demo, ui


def warm_up(ui: UI) -> None:
    """Load the embedding model and the index views before the first visitor (a missing index is reported
    in the page, not here)."""
    try:
        ui.assistant.ask("warm-up: expedited preservation of stored computer data")
    except AssistantError as exc:
        log.warning("%s", exc)


def launch(settings: Settings | None = None, *, block: bool = True):
    settings = settings or Settings.from_env()
    demo, ui = create(settings)
    warm_up(ui)
    demo.launch(server_name=settings.host, server_port=settings.port, css=CSS + COMPARE_CSS, show_error=False,
                ssr_mode=False, footer_links=[], prevent_thread_lock=not block, quiet=not block)
    return demo
