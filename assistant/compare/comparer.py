"""Comparing two documents of the index: their article alignment (cached beside the index, recomputed when a
document changes), reviewed overrides, and one article set beside its counterpart with the differences."""

from __future__ import annotations

import hashlib
import json
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..config import PROJECT_ROOT
from ..store.index import Index
from ..types import InputError
from .alignment import ALIGN_VERSION, TOP, Alignment, Article, Match, Pair, align, articles, rewrite
from .textdiff import ParagraphPair, paragraph_pairs

OVERRIDES_DIR = PROJECT_ROOT / "corpus" / "alignments"


@dataclass
class Overrides:
    """A reviewed-overrides file: pairs confirmed or corrected, articles confirmed to have no counterpart."""

    pairs: dict[str, list[str]] = field(default_factory=dict)
    none_from: list[str] = field(default_factory=list)
    none_to: list[str] = field(default_factory=list)
    digest: str = ""

    @classmethod
    def load(cls, path: Path) -> Overrides:
        if not path.exists():
            return cls()
        raw = path.read_bytes()
        try:
            d = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise InputError(f"the alignment overrides {path} are not valid TOML: {e}") from e
        none = d.get("no_counterpart", {})
        return cls({str(k): [str(x) for x in v] for k, v in d.get("pairs", {}).items()},
                   [str(x) for x in none.get("from", [])], [str(x) for x in none.get("to", [])],
                   hashlib.sha256(raw).hexdigest()[:16])


@dataclass
class ArticleComparison:
    from_doc: str
    to_doc: str
    article: Article
    pair: Pair
    counterpart: Article | None  # the best match (or the one asked for), None when the other has no articles
    paragraphs: list[ParagraphPair]


class Comparer:
    def __init__(self, index: Index, overrides_dir: Path = OVERRIDES_DIR):
        self.index = index
        self.overrides_dir = overrides_dir
        self._memo: dict[tuple[str, str], tuple[str, Alignment]] = {}
        self._lock = threading.Lock()

    def documents(self) -> list[str]:
        """Indexed documents that have articles."""
        docs = {c.doc_id for c in self.index.chunks() if c.article and c.kind == "article"}
        return [d for d in self.index.documents() if d in docs]

    def alignment(self, from_doc: str, to_doc: str) -> Alignment:
        known = self.documents()
        for doc in (from_doc, to_doc):
            if doc not in known:
                raise InputError(f"'{doc}' is not an indexed document with articles; choose from: {', '.join(known)}")
        if from_doc == to_doc:
            raise InputError("choose two different documents to compare")
        overrides = Overrides.load(self.overrides_dir / f"{from_doc}--{to_doc}.toml")
        docs = self.index.documents()
        key = hashlib.sha256(json.dumps([ALIGN_VERSION, docs[from_doc]["gen"], docs[to_doc]["gen"],
                                         overrides.digest]).encode()).hexdigest()[:20]
        with self._lock:
            memo = self._memo.get((from_doc, to_doc))
            if memo and memo[0] == key:
                return memo[1]
            path = self.index.settings.store_dir / "alignments" / f"{from_doc}--{to_doc}.json"
            result = _read_cache(path, key)
            if result is None:
                result = align(self.index.chunks(), self.index.vectors(), from_doc, to_doc, top=10_000)
                apply_overrides(result, overrides)
                for p in result.pairs:
                    del p.matches[TOP:]
                _write_cache(path, key, result)
            self._memo[(from_doc, to_doc)] = (key, result)
            return result

    def article(self, from_doc: str, to_doc: str, article: str, counterpart: str | None = None) -> ArticleComparison:
        """One article of ``from_doc`` beside its best counterpart (or ``counterpart``) in ``to_doc``."""
        al = self.alignment(from_doc, to_doc)
        pair = al.pair(str(article))
        if pair is None:
            raise InputError(f"{from_doc} has no Article {article}")
        chunks = self.index.chunks()
        mine = {a.number: a for a in articles(chunks, from_doc)}[pair.from_article]
        theirs = {a.number: a for a in articles(chunks, to_doc)}
        target = counterpart or (pair.best.article if pair.best else None)
        if target is not None and target not in theirs:
            raise InputError(f"{to_doc} has no Article {target}")
        other = theirs.get(target) if target else None
        paragraphs = paragraph_pairs(mine.chunks, other.chunks if other else [], lambda t: rewrite(t, al.terms))
        return ArticleComparison(from_doc, to_doc, mine, pair, other, paragraphs)


def apply_overrides(al: Alignment, o: Overrides) -> None:
    """Put reviewed pairs first and mark them; record in ``al.notes`` where the review and the computation
    disagree (matches not listed by the computation get score 0)."""
    for p in al.pairs:
        if p.from_article in o.pairs:
            want = o.pairs[p.from_article]
            if not p.counterpart or (p.best and p.best.article != want[0]):
                got = f"Art. {p.best.article} ({p.best.score})" if p.best else "nothing"
                al.notes.append(f"Art. {p.from_article}: reviewed counterpart Art. {'/'.join(want)}; computed "
                                f"{'best match ' + got if p.counterpart else 'no counterpart, best ' + got}")
            scores = {m.article: m for m in p.matches}
            first = [scores.get(a) or Match(a, al.to_titles.get(a, ""), 0.0) for a in want]
            p.matches[:] = first + [m for m in p.matches if m.article not in want]
            p.counterpart, p.reviewed = True, True
        elif p.from_article in o.none_from:
            if p.counterpart:
                al.notes.append(f"Art. {p.from_article}: reviewed as no counterpart; computed counterpart "
                                f"Art. {p.best.article} ({p.best.score})")
            p.counterpart, p.reviewed = False, True
    for a in o.none_to:
        if a not in al.only_in_to:
            al.notes.append(f"other side Art. {a}: reviewed as no counterpart; computed as matched")
            al.only_in_to.append(a)
    reviewed = {a for v in o.pairs.values() for a in v}
    al.only_in_to[:] = [a for a in al.only_in_to if a not in reviewed]


def _read_cache(path: Path, key: str) -> Alignment | None:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return Alignment.from_json_state(d["alignment"]) if d.get("key") == key else None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: computed again


def _write_cache(path: Path, key: str, al: Alignment) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({"key": key, "alignment": al.to_json_state()}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only store still compares, just without the cache
