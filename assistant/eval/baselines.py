"""Retrievers the evaluation compares against the system: a naive LangChain RAG, BM25 alone, and ablations.

Each has the Retriever's ``retrieve(question, k, doc_ids, history, candidates) -> Retrieval`` shape, so the
same answerer and the same metrics run behind every one of them.
"""

from __future__ import annotations

import tempfile
import time

from ..ingest.documents import load_file
from ..retrieve.query import asks_positions
from ..retrieve.retriever import Retriever
from ..store.index import Index
from ..types import Chunk, DocumentInfo, Hit, Retrieval


class NaiveRetriever:
    """The naive LangChain RAG baseline: RecursiveCharacterTextSplitter 1000/200, the same embedding model,
    langchain-chroma, top-4 similarity. No article lookup, no BM25, no cross-references."""

    def __init__(self, documents, embedder, k: int = 4):
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        docs = []
        for info, path in documents:
            if path is None:
                continue
            text = "\n".join(p.text for p in load_file(path))
            for i, piece in enumerate(splitter.split_text(text)):
                docs.append(Document(piece, metadata={"doc_id": info.id, "short_name": info.short_name, "n": i}))
        self._dir = tempfile.TemporaryDirectory(prefix="naive-")
        self.store = Chroma.from_documents(docs, embedder, collection_name="naive_baseline",
                                           persist_directory=self._dir.name)
        self.k = k
        self.index = None
        self.doc_ids = {info.id for info, path in documents if path is not None}
        self.treaties = {info.id for info, path in documents if path is not None and info.is_treaty}
        self.actors: list[str] = []

    # the answer policy asks these of any retriever; the naive baseline has no vocabulary of its own
    def unknown_names(self, question: str) -> list[str]:
        return []

    def unmentioned_terms(self, question: str, docs: list[str], everyday: bool = False) -> list[str]:
        return []

    def asks_positions(self, text: str) -> bool:
        return asks_positions(text)

    def indexed_docs(self) -> set[str]:
        return set(self.doc_ids)

    def article_chunks(self, doc_id: str, article: str) -> list:
        return []  # fixed-size chunks know no articles

    def is_treaty(self, doc_id: str) -> bool:
        return doc_id in self.treaties

    def retrieve(self, question, k=4, doc_ids=None, history=None, candidates=30) -> Retrieval:
        t = time.perf_counter()
        query = question if not history else f"{question} {history[-1][0]}"
        found = self.store.similarity_search_with_score(query, k=self.k)  # cosine distance
        hits = []
        for rank, (doc, distance) in enumerate(found, start=1):
            score = 1.0 - distance / 2 if distance > 1 else 1.0 - distance
            m = doc.metadata
            chunk = Chunk(id=f"naive:{m['doc_id']}:{m['n']}", doc_id=m["doc_id"], text=doc.page_content,
                          locator=f"{m['short_name']}, chunk {m['n'] + 1}", short_name=m["short_name"])
            hits.append(Hit(chunk, score, rank, ("dense",), score))
        return Retrieval(question, query, hits, timings={"retrieve_total": time.perf_counter() - t})


# Systems whose answers are scored too (the rest are retrieval ablations).
ANSWERED = ("system", "bm25-only", "naive-langchain")


def build_systems(index: Index, manifest: list[DocumentInfo], documents, system: Retriever | None = None,
                  fast: bool = False) -> dict:
    """name → retriever, the system (as wired) first; the ablations score sentences with the same model.
    ``fast`` (CI): the system and BM25 alone; the naive RAG (which embeds the corpus again) and the ablations
    are left to the full run."""
    system = system or Retriever(index, manifest)
    s = system.sentence_embedder
    if fast:
        return {"system": system,
                "bm25-only": Retriever(index, manifest, use_dense=False, expand=False, article_lookup=False,
                                       sentence_embedder=s)}
    return {
        "system": system,
        "bm25-only": Retriever(index, manifest, use_dense=False, expand=False, article_lookup=False, sentence_embedder=s),
        "naive-langchain": NaiveRetriever(documents, index.embedder),
        "ablation: no hybrid (dense only)": Retriever(index, manifest, use_bm25=False, sentence_embedder=s),
        "ablation: no article lookup": Retriever(index, manifest, article_lookup=False, sentence_embedder=s),
        "ablation: no cross-reference expansion": Retriever(index, manifest, expand=False, sentence_embedder=s),
    }
