"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank; direct article lookup; and the
passages a hit leans on (cross-referenced articles, definitions of the terms it uses)."""

from __future__ import annotations

import re
import threading
import time
from functools import cached_property

import numpy as np

from ..grounding import STOPWORDS, content_terms, headed_sentences, sentences
from ..lexicon import is_common
from ..ports import EmbedderPort
from ..store.embeddings import sentence_embedder as default_sentence_embedder
from ..store.index import Index
from ..types import Chunk, DocumentInfo, Hit, InputError, Retrieval, Scope
from .acronyms import acronyms
from .fusion import interleave, kept_firsts, reciprocal_rank_fusion
from .kinds import DEFINITION_Q, PART_NAMED, kind_weight, match_ref, without_parts
from .mentions import unmentioned
from .query import (
    about_several,
    article_refs,
    asks_comparison,
    asks_positions,
    documents_named,
    drop_field_words,
    is_followup,
    names_the_conventions,
    standalone_query,
    strip_names,
    titles_quoted,
)
from .view import View
from .vocabulary import search_text, vocabulary_words


class Retriever:
    def __init__(self, index: Index, manifest: list[DocumentInfo], *, use_bm25: bool = True, use_dense: bool = True,
                 expand: bool = True, article_lookup: bool = True, rerank: int = 12,
                 sentence_embedder: EmbedderPort | None = None):
        self.index = index
        # scores single sentences against the question (the settings' sentence model; see embeddings)
        self.sentence_embedder = sentence_embedder or default_sentence_embedder(index.settings, index.embedder)
        self.rerank = rerank  # candidates re-ordered by their best sentence (0: off)
        self.rerank_prior = 0.2  # weight of the fused order against the best sentence's cosine (chosen on dev)
        self.rule_prior = 0.04  # an article's first paragraph, which usually states its rule, first (chosen on dev)
        self.firsts_within = 5  # each ranker's first choice stands among the first five, however many are asked for
        self.manifest = manifest
        self.use_bm25, self.use_dense, self.expand, self.article_lookup = use_bm25, use_dense, expand, article_lookup
        self._view: View | None = None
        self._view_lock = threading.Lock()
        self._pinned = threading.local()  # the view a retrieval in progress on this thread reads

    # ------------------------------------------------------------------ corpus views
    def _current(self) -> View:
        """The view of the index's current revision, built once per revision (thread-safe)."""
        revision = self.index.require()["revision"]
        view = self._view
        if view is not None and view.revision == revision:
            return view
        with self._view_lock:
            if self._view is None or self._view.revision != revision:
                self._view = View.build(*self.index.view())
            return self._view

    @property
    def _v(self) -> View:
        return getattr(self._pinned, "view", None) or self._current()

    def _refresh(self) -> None:
        self._current()

    @property
    def _chunks(self) -> list[Chunk]:
        return self._v.chunks

    @property
    def _vocabulary(self) -> set[str]:
        return self._v.vocabulary

    @property
    def _terms(self) -> dict[str, set[str]]:
        return self._v.terms

    @property
    def _definitions(self) -> dict[str, dict[str, Chunk]]:
        return self._v.definitions

    @property
    def chunks(self) -> list[Chunk]:
        return self._chunks

    def unknown_names(self, question: str) -> list[str]:
        """Proper names, acronyms and numbers in the question that occur nowhere in the corpus."""
        self._refresh()
        words = re.findall(r"\b[A-Z][\w'’-]*|\b\d{2,}\b", question)
        first = re.match(r"\s*([\w'’-]+)", question)  # "Doesn't …?" opens the question: no name
        # a word of a phrase the vocabulary maps ("ICT", the "USB" of "a USB drive"), an acronym spelt out ("NGOs")
        phrased = vocabulary_words(question)
        out = []
        for w in words:
            base = re.sub(r"['’]s?$", "", w)  # "Microsoft's", "Parties'"
            if not (first and w == first.group(1) and not base.isupper() or base.lower() in phrased
                    or base.lower() in STOPWORDS or self._known_name(base, phrased)
                    or any(self._v.spell_out(a) for a in acronyms(base))):
                out.append(base)
        return out

    def _known_name(self, name: str, phrased: set[str] = frozenset()) -> bool:
        """A name the corpus uses ("Secretary-General": each of its parts), or one the manifest gives for an actor
        whose positions a document reports ("US administration" for the note's "Biden administration")."""
        # "Budapest-style", "DDoS-for-hire": a name the corpus uses, or a word of a ``phrased`` phrase the vocabulary
        # maps, joined to common words
        parts = [p for p in re.split(r"[-‐]", name.lower()) if p]
        known = [p in self._vocabulary or p in phrased for p in parts]  # never a copy of the corpus's vocabulary
        return name.lower() in self._vocabulary or name.lower() in self._actor_words or bool(parts) and \
            all(k or is_common(p) for k, p in zip(known, parts, strict=True)) and any(known)

    @cached_property
    def _actor_words(self) -> set[str]:
        return {w for d in self.manifest for a in (*d.actors, *(n for _, names in d.actor_names for n in names))
                for w in re.findall(r"[\w.]+", a.lower())}

    def unmentioned_terms(self, question: str, docs: list[str], everyday: bool = False) -> list[str]:
        """Specialised words of the question (rare in general English) that the documents never use:
        "cryptocurrency" in a question about the UN convention. Everyday words ("happen", "clock") and words
        the vocabulary maps onto treaty terms ("hacking") do not count, unless ``everyday``: then every word."""
        self._refresh()
        known = set().union(*(self._terms.get(d, set()) for d in docs)) if docs else set()
        text = strip_names(self._v.as_written(question, keep=False), self.manifest, [d.id for d in self.manifest],
                           placeholder=" it ")
        return unmentioned(text, known, self._vocabulary, followup=is_followup(question), everyday=everyday)

    def indexed_docs(self) -> set[str]:
        return set(self._v.docs)

    def notes_on(self, doc_id: str, article: str) -> list[Chunk]:
        """The interpretative notes on an article ("interpretative note 3 (on Art. 17)")."""
        return [c for c in self.chunks if c.doc_id == doc_id and c.kind == "note"
                and article in re.findall(r"\d+", c.heading.split("(on", 1)[-1])]

    def article_chunks(self, doc_id: str, article: str) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_id == doc_id and c.article == article]

    def similarities(self, vector: np.ndarray, chunks: list[Chunk]) -> list[float]:
        """Cosine similarity of the query to given chunks (the embeddings stored in Chroma)."""
        v = self._v
        return [float(v.vectors[v.pos[c.id]] @ vector) if c.id in v.pos else 0.0 for c in chunks]

    # ------------------------------------------------------------------ search
    def retrieve(self, question: str, k: int = 5, doc_ids: list[str] | None = None,
                 history: list[tuple[str, str]] | None = None, candidates: int = 30) -> Retrieval:
        self._pinned.view = self._current()  # one snapshot for the whole retrieval
        try:
            return self._retrieve(question, k, doc_ids, history, candidates)
        finally:
            self._pinned.view = None

    def _retrieve(self, question: str, k: int, doc_ids: list[str] | None, history: list[tuple[str, str]] | None,
                  candidates: int) -> Retrieval:
        t0 = time.perf_counter()
        query = standalone_query(question, history)
        indexed = self.indexed_docs()
        unknown = [d for d in (doc_ids or []) if d not in indexed]
        if unknown:
            raise InputError(f"no indexed document {', '.join(unknown)}; the index holds {', '.join(sorted(indexed))}")
        positions = self.asks_positions(query)
        scope = self.scope_of(question, query, list(doc_ids or sorted(indexed)), positions)
        named = scope.named
        missing = [d for d in named if d not in indexed]
        refs = scope.refs if self.article_lookup else []
        spelt = self._v.as_written(query)  # "NGOs" is searched as the texts write it too
        full = search_text(spelt)
        # once the scope is set, the documents' names only pull in preambles and titles (any treaty's: a
        # follow-up "What about the Budapest Convention?" carries the UN convention's name from the turn before);
        # keep them when the question says little else ("How does the Protocol relate to the Convention?")
        stripped = strip_names(spelt, self.manifest, [d.id for d in self.manifest]) if scope.narrowed else spelt
        unfielded = drop_field_words(stripped, self.manifest)  # "cybercrime" names the field, not a subject
        if len(content_terms(unfielded, drop_generic=True)) >= 2:
            stripped = unfielded
        terms = len(content_terms(stripped, drop_generic=True))
        searched = search_text(stripped) if terms >= 2 else full
        vector, full_vector = self.index.embedder.encode([searched, full])
        sentence_vector = vector if self.sentence_embedder is self.index.embedder else \
            self.sentence_embedder.encode([searched])[0]
        t1 = time.perf_counter()

        rankings: list[list[str]] = []
        by_id = {c.id: c for c in self._chunks}
        if self.use_dense:
            rankings.append(self._v.nearest(vector, candidates, scope.docs))
        if self.use_bm25:
            rankings.append(self._bm25_rank(searched, scope.docs, candidates))
            if terms == 1:  # "What does the Hanoi convention say about grooming?": the one word that is not a name
                rankings.append(self._bm25_rank(search_text(stripped), scope.docs, candidates))
        titled = self._titled(query, scope.docs)[:candidates] if self.article_lookup else []
        if titled:  # "What conditions and safeguards …?": the article of that title, its paragraphs in order
            rankings.append(titled)
        fused = reciprocal_rank_fusion(rankings)
        framing = self._v.framing_subject(without_parts(stripped), scope.docs)  # "Does it cover terrorism?": only its preamble does
        fused = sorted(((cid, sc * kind_weight(by_id.get(cid), query, positions, bool(framing))) for cid, sc in fused),
                       key=lambda x: -x[1])
        t2 = time.perf_counter()

        direct: list[Chunk] = []
        notes_asked = bool(PART_NAMED["note"].search(query))
        for ref, targets in refs[:3]:
            for doc in targets:
                if notes_asked:  # "the interpretative notes on Article 17": the notes on it, before the article
                    direct.extend(self.notes_on(doc, ref.article))
                direct.extend(match_ref(self.article_chunks(doc, ref.article), ref))
        ordered: list[tuple[Chunk, float, tuple[str, ...]]] = []
        seen: set[str] = set()
        top_fused = fused[0][1] if fused else 0.0
        for c in direct:
            if c.id not in seen:
                seen.add(c.id)
                ordered.append((c, top_fused + 1.0, ("article",)))
        if DEFINITION_Q.search(question):
            for c in self._defining(query, scope.docs):
                if c.id not in seen:
                    seen.add(c.id)
                    ordered.append((c, top_fused + 0.5, ("definition",)))
        sources = {name: set(r) for name, r in zip(self._ranking_names(), rankings, strict=False)}
        sources["title"] = set(titled)
        for cid, score in fused:
            if cid not in seen and cid in by_id:
                seen.add(cid)
                ordered.append((by_id[cid], score, tuple(n for n, ids in sources.items() if cid in ids)))
        limit = max(k, min(len(direct), 8))
        if self.rerank:
            ordered = self._rerank(vector, sentence_vector, ordered, self.rerank, query, positions, bool(framing))
        if about_several(question, [d for d in scope.named if self.is_treaty(d)]):
            ordered = self._alternate(ordered, fused)  # a question naming two treaties, or comparing naming none
        firsts = [r[0] for r in rankings if r]
        if direct:  # the paragraphs of an article the question names keep their places: a first choice follows them
            limit += len({c.id for c, _, _ in ordered[limit:]} & set(firsts))
        window = limit if direct else min(limit, self.firsts_within)
        ordered = kept_firsts(ordered, firsts, window, id_of=lambda o: o[0].id)
        top = ordered[:limit]
        # coverage is judged on the question as asked, names included, and as searched
        sims = np.maximum(self.similarities(vector, [c for c, _, _ in top]),
                          self.similarities(full_vector, [c for c, _, _ in top]))
        hits = [Hit(c, s, i + 1, src, float(sim)) for i, ((c, s, src), sim) in enumerate(zip(top, sims, strict=False))]
        context = self._expand(hits, query) if self.expand else []
        t3 = time.perf_counter()
        return Retrieval(
            question=question, query=query, searched=stripped, hits=hits, context=context, missing_docs=missing,
            article_refs=[r for r, _ in refs], scope=scope.docs if scope.narrowed else [], framing=framing,
            timings={"embed_query": t1 - t0, "search": t2 - t1, "assemble": t3 - t2, "retrieve_total": t3 - t0},
        )

    def scope_of(self, question: str, query: str, allowed: list[str], positions: bool = False) -> Scope:
        """Which documents a question is about, and where each article number it names is read.

        A question naming a document (by any alias) is answered from it alone, with the commentary when it
        asks for positions; naming several, or comparing, keeps them all. A follow-up that names none keeps
        the scope of the turn it follows. An article number is read in the treaties its own sentence names.
        positions: the query asks who thinks what (see :meth:`asks_positions`)."""
        about = query[len(question):]
        now = documents_named(question, self.manifest)
        before = documents_named(about, self.manifest)
        named = list(dict.fromkeys(now + before if (not now or asks_comparison(question)) else now))
        chosen = [d for d in named if d in allowed]
        if not named and names_the_conventions(question):  # "each convention": the conventions, not a protocol
            chosen = [d.id for d in self.manifest if d.kind == "treaty" and d.id in allowed]
        if chosen and positions:
            chosen += [d for d in allowed if not self.is_treaty(d) and d not in chosen]
        docs = chosen or allowed
        treaties = [d for d in docs if self.is_treaty(d)]
        refs_now = article_refs(question)
        if len(refs_now) > 3:  # "the offences in Articles 2 through 11": a scope, not the articles asked about
            refs_now = []
        missing_named = any(d not in allowed for d in named)
        now_treaties = [d for d in now if d in treaties] or ([d for d in before if d in treaties] if not now else [])
        refs = [(r, now_treaties or ([] if missing_named else treaties)) for r in refs_now]
        if not refs_now:  # the article the turn before was about, read in its treaty: never in another one
            before_named = [d for d in before if self.is_treaty(d)]
            before_treaties = [d for d in before_named if d in treaties] if before_named else treaties
            refs = [(r, before_treaties) for r in article_refs(about)[:1]] if before_treaties else []
        return Scope(docs, named, refs, narrowed=bool(chosen))

    @property
    def actors(self) -> list[str]:
        return [a for d in self.manifest for a in d.actors]

    def asks_positions(self, text: str) -> bool:
        """Does the text ask who thinks what? Treaty names do not count as actors ("the UN convention")."""
        return asks_positions(strip_names(text, self.manifest, [d.id for d in self.manifest]), self.actors)

    def _similarity(self, vector: np.ndarray, sentence_vector: np.ndarray,
                    chunks: list[Chunk]) -> tuple[np.ndarray, np.ndarray]:
        """Each chunk's best sentence's similarity to the query (sentence model), and the whole chunk's."""
        pieces = [(n, t) for n, c in enumerate(chunks) for t in headed_sentences(c.heading, c.text)]
        best = np.full(len(chunks), -1.0)
        if pieces:
            sims = self.sentence_embedder.encode([t for _, t in pieces]) @ sentence_vector
            for (n, _), sim in zip(pieces, sims, strict=False):
                best[n] = max(best[n], float(sim))
        return best, np.array(self.similarities(vector, chunks))

    def _rerank(self, vector: np.ndarray, sentence_vector: np.ndarray, ordered: list[tuple[Chunk, float, tuple[str, ...]]],
                depth: int, query: str = "", positions: bool = False,
                framing: bool = False) -> list[tuple[Chunk, float, tuple[str, ...]]]:
        """The first `depth` fused candidates (after direct article hits) re-ordered by their best sentence's
        similarity to the query: a paragraph that states the rule in one sentence beats a neighbour that
        shares the words but spreads them."""
        fixed = [o for o in ordered if "article" in o[2] or "definition" in o[2]]
        others = [o for o in ordered if "article" not in o[2] and "definition" not in o[2]]
        pool, rest = others[:depth], others[depth:]
        if not any(len(t) > 20 for c, _, _ in pool for t in sentences(c.text)):
            return ordered
        best, whole = self._similarity(vector, sentence_vector, [c for c, _, _ in pool])  # the whole still counts
        prior = self.rerank_prior * (1.0 - np.arange(len(pool)) / len(pool))  # and so does the fused order
        kind = np.array([0.2 * (kind_weight(c, query, positions, framing) - 1.0) for c, _, _ in pool])  # preambles
        rule = np.array([self.rule_prior * c.paragraph.startswith("(1)") for c, _, _ in pool])
        order = np.argsort(-(0.5 * best + 0.5 * whole + prior + kind + rule), kind="stable")
        return fixed + [pool[i] for i in order] + rest

    def _alternate(self, ordered: list[tuple[Chunk, float, tuple[str, ...]]],
                   fused: list[tuple[str, float]]) -> list[tuple[Chunk, float, tuple[str, ...]]]:
        """A comparison sees the best passage of each treaty before the second best of either: after the
        direct article hits, alternate between the treaties that compete for the top (best fused passage at
        least half as good as the best overall); documents that only trail follow in their own order."""
        by_id = {c.id: c for c, _, _ in ordered}
        best: dict[str, float] = {}
        for cid, sc in fused:
            if cid in by_id:
                best.setdefault(by_id[cid].doc_id, sc)
        top = fused[0][1] if fused else 0.0
        contenders = {d for d, sc in best.items() if sc >= 0.5 * top and self.is_treaty(d)}
        if len(contenders) < 2:
            return ordered
        fixed = [o for o in ordered if "article" in o[2] or "definition" in o[2]]
        near = [o for o in ordered if o not in fixed and o[0].doc_id in contenders]
        rest = [o for o in ordered if o not in fixed and o[0].doc_id not in contenders]
        return fixed + interleave(near, lambda o: o[0].doc_id) + rest

    def _ranking_names(self) -> list[str]:
        return [n for n, on in (("dense", self.use_dense), ("bm25", self.use_bm25)) if on]

    def is_treaty(self, doc_id: str) -> bool:
        """A treaty or protocol by the manifest, or a document indexed with articles (one the manifest lacks)."""
        return any(d.id == doc_id and d.is_treaty for d in self.manifest) or doc_id in self._v.with_articles

    def _bm25_rank(self, query: str, scope: list[str], n: int) -> list[str]:
        terms = content_terms(query)
        if not terms:
            return []
        scores = self._v.bm25.get_scores(terms)
        allowed = set(scope)
        order = np.argsort(-scores)
        return [self._chunks[i].id for i in order[: n * 3] if scores[i] > 0 and self._chunks[i].doc_id in allowed][:n]

    def _titled(self, query: str, scope: list[str]) -> list[str]:
        """The chunks of the articles whose whole title the question says, in the text's order: a ranking of its
        own in the fusion (article titles as a field; one-word titles and partial matches do not count)."""
        return [c.id for doc, article in titles_quoted(self._v.title_stems, query) if doc in scope
                for c in self.article_chunks(doc, article)]

    def _defining(self, query: str, scope: list[str]) -> list[Chunk]:
        """Chunks that define a term the question names, longest term first."""
        low = query.lower()
        found = [
            (len(term), chunk)
            for doc in scope
            for term, chunk in self._definitions.get(doc, {}).items()
            if re.search(r"\b" + re.escape(term) + r"\b", low)
        ]
        return [c for _, c in sorted(found, key=lambda x: -x[0])][:2]

    def _expand(self, hits: list[Hit], query: str) -> list[Hit]:
        """Passages the top hits lean on: the interpretative notes on their articles, articles they cite, and
        definitions of terms in play."""
        extra: list[Hit] = []
        have = {h.chunk.id for h in hits}

        def add(chunk: Chunk, why: str) -> None:
            if chunk.id not in have and len(extra) < 6:
                have.add(chunk.id)
                extra.append(Hit(chunk, 0.0, len(hits) + len(extra) + 1, (why,)))

        for h in hits[:3]:  # the official reading of a top hit's article ("… only … when the predicate offence is …")
            for note in self.notes_on(h.chunk.doc_id, h.chunk.article) if h.chunk.article else []:
                add(note, f"note:{h.chunk.locator}")
        for h in hits:
            refs = [r for r in article_refs(h.chunk.text) if r.article != h.chunk.article]
            for ref in refs[:4]:
                target = match_ref(self.article_chunks(h.chunk.doc_id, ref.article), ref)
                if target:
                    add(target[0], f"xref:{h.chunk.locator}")
        for doc_id in dict.fromkeys(h.chunk.doc_id for h in hits[:3]):
            for term, chunk in self._definitions.get(doc_id, {}).items():
                if re.search(r"\b" + re.escape(term) + r"\b", query.lower()):
                    add(chunk, f"definition:{term}")
        return extra
