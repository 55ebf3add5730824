"""Plain dataclasses passed between layers: documents → chunks → hits → citations → answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class AssistantError(Exception):
    """An error with a message meant for the user (one line, no traceback)."""


class IndexMissingError(AssistantError):
    pass


class LLMUnavailableError(AssistantError):
    pass


class InputError(AssistantError):
    pass


class StoreUnavailableError(AssistantError):
    """The vector store cannot be reached or opened (a Chroma server down, a damaged local store)."""


@dataclass(frozen=True)
class DocumentInfo:
    """One manifest entry."""

    id: str
    title: str
    short_name: str
    kind: str  # treaty | protocol | briefing | commentary
    language: str
    date: str
    source_url: str
    file: str = ""
    sha256: str = ""
    aliases: tuple[str, ...] = ()
    extra_urls: tuple[str, ...] = ()
    default: bool = True
    actors: tuple[str, ...] = ()  # people and organisations whose positions the document reports
    # for briefs: each actor's display name and the names the document calls it by
    actor_names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    status_url: str = ""  # the depositary's page of signatures, ratifications and reservations (treaties)
    supplements: str = ""  # a protocol: the id of the treaty it adds to (racist content: ETS 189 to ETS 185)

    @property
    def is_treaty(self) -> bool:
        return self.kind in {"treaty", "protocol"}


@dataclass
class Page:
    """Text of one page (PDF) or of the whole file (other formats: number is None)."""

    text: str
    number: int | None = None
    notes: list[str] = field(default_factory=list)  # footnotes printed on this page, taken out of the text


@dataclass
class Chunk:
    id: str
    doc_id: str
    text: str  # verbatim text from the document: quotes are taken from it
    locator: str  # "Budapest Convention, Art. 16(2)"
    doc_title: str = ""
    short_name: str = ""
    heading: str = ""  # "Article 16 – Expedited preservation of stored computer data"
    chapter: str = ""
    section: str = ""
    article: str = ""  # "16"
    article_title: str = ""
    paragraph: str = ""  # "2" or "3(b)"
    page: int | None = None
    order: int = 0
    tokens: int = 0
    kind: str = "article"  # article | preamble | final | front | resolution | note | footnote | paragraph

    @property
    def embed_text(self) -> str:
        """What the embedding model sees: the heading gives context the paragraph alone lacks."""
        head = f"{self.short_name}. {self.heading}".strip(". ")
        return f"{head}\n{self.text}" if head else self.text

    def metadata(self) -> dict:
        d = asdict(self)
        d.pop("id")
        d.pop("text")
        d["page"] = -1 if self.page is None else self.page
        return d

    @classmethod
    def from_metadata(cls, id: str, text: str, meta: dict) -> Chunk:
        known = {f for f in cls.__dataclass_fields__} - {"id", "text"}
        values = {k: v for k, v in meta.items() if k in known}
        if values.get("page") == -1:
            values["page"] = None
        return cls(id=id, text=text, **values)


@dataclass
class Hit:
    chunk: Chunk
    score: float
    rank: int = 0
    sources: tuple[str, ...] = ()  # which retrievers found it: dense, bm25, article, xref, definition; title (the
    # article the question names by its title, quoted from its rule though retrieval did not find that paragraph)
    dense_sim: float = 0.0

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "doc_id": self.chunk.doc_id,
            "doc_title": self.chunk.doc_title,
            "locator": self.chunk.locator,
            "text": self.chunk.text,
            "score": round(self.score, 6),
            "sources": list(self.sources),
        }


@dataclass
class Citation:
    n: int
    doc_id: str
    locator: str
    quote: str  # verbatim substring of text
    text: str  # the whole cited chunk
    chunk_id: str = ""
    support: float = 0.0
    page: int | None = None  # printed page where the cited unit starts (PDF documents)

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "locator": self.locator,
            "quote": self.quote,
            "text": self.text,
            "chunk_id": self.chunk_id,
            "page": self.page,
        }


@dataclass
class Sentence:
    text: str
    citations: list[int] = field(default_factory=list)
    support: float = 0.0


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractive"
    timings: dict[str, float] = field(default_factory=dict)
    standalone_question: str = ""
    grounding: str = "supported"  # supported | partial | unsupported
    sentences: list[Sentence] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)  # the passages it quotes first, in its order, then the rest
    notice: str = ""

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "abstained": self.abstained,
            "mode": self.mode,
            "grounding": self.grounding,
            "standalone_question": self.standalone_question,
            "notice": self.notice,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }


@dataclass(frozen=True)
class ArticleRef:
    article: str
    paragraph: str = ""
    letter: str = ""


@dataclass
class Scope:
    docs: list[str]  # documents searched
    named: list[str]  # documents the question (or the turn it follows) names, indexed or not
    refs: list[tuple[ArticleRef, list[str]]]  # article references and the treaties each is read in
    narrowed: bool = False  # docs narrowed by names (not the whole index)


@dataclass
class Draft:
    """Streamed before a written answer: the grounded quotes it will be written from (an extractive Answer), so
    a reader sees the evidence while the model writes. The stream's last item is still the final Answer."""

    answer: Answer


@dataclass
class Retrieval:
    question: str
    query: str  # the stand-alone query (a follow-up carries the turn it follows)
    hits: list[Hit]
    context: list[Hit] = field(default_factory=list)  # cross-references and definitions
    missing_docs: list[str] = field(default_factory=list)  # named by the question, not indexed
    article_refs: list[ArticleRef] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)  # documents the question was narrowed to ([] = all)
    searched: str = ""  # what was searched: the query without the names of the treaties in scope
    framing: frozenset[str] = frozenset()  # the question's terms only a preamble uses, when it is mostly about them
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def top_similarity(self) -> float:
        return max((h.dense_sim for h in self.hits), default=0.0)
