"""The article alignment, paragraph differences, reviewed overrides and gold scoring, on small made-up
documents (pure logic: no model, no store). The real pair is checked in test_cli and test_ui."""

from __future__ import annotations

import numpy as np

from assistant.compare.alignment import align, articles, rewrite, term_pairs, to_csv, to_markdown
from assistant.compare.comparer import Overrides, apply_overrides
from assistant.compare.textdiff import number_value, paragraph_pairs, plain_diff, word_diff
from assistant.eval.aligneval import Gold, score
from assistant.types import Chunk


def _chunk(doc: str, art: str, title: str, text: str, n: int) -> Chunk:
    return Chunk(id=f"{doc}-{art}-{n}", doc_id=doc, text=text, locator=f"{doc}, Art. {art}", article=art,
                 article_title=title, heading=f"Article {art} – {title}", order=n)


A = [("1", "Use of terms", '(a) "Information and communications technology system" shall mean any device or group of '
      'interconnected devices which performs automatic processing of electronic data;'),
     ("2", "Illegal access", "Each State Party shall establish as a criminal offence the access to the whole or any part "
      "of an information and communications technology system without right."),
     ("3", "Preservation", "Each State Party shall enable its authorities to order the expeditious preservation of "
      "stored data for up to a maximum of 90 days."),
     ("4", "Protection of witnesses", "Each State Party shall provide effective protection from retaliation or "
      "intimidation for witnesses who give testimony.")]
B = [("1", "Definitions", 'a "computer system" means any device or a group of interconnected devices which performs '
      "automatic processing of data;"),
     ("2", "Preservation of stored data", "Each Party shall enable its authorities to order the expeditious "
      "preservation of stored data for up to a maximum of ninety days."),
     ("3", "Illegal access", "Each Party shall establish as a criminal offence the access to the whole or any part of "
      "a computer system without right."),
     ("4", "Copyright", "Each Party shall establish as criminal offences the infringement of copyright.")]


def _corpus():
    chunks = [_chunk("a", art, t, x, n) for n, (art, t, x) in enumerate(A)]
    chunks += [_chunk("b", art, t, x, n) for n, (art, t, x) in enumerate(B)]
    # stand-in embeddings: a shared direction per subject, so corresponding articles are close
    subject = {"a-1": 0, "a-2": 1, "a-3": 2, "a-4": 3, "b-1": 0, "b-2": 2, "b-3": 1, "b-4": 4}
    vectors = np.zeros((len(chunks), 6), np.float32)
    for i, c in enumerate(chunks):
        vectors[i, subject[f"{c.doc_id}-{c.article}"]] = 1.0
        vectors[i, 5] = 0.3
    return chunks, vectors


def test_defined_terms_are_paired_by_what_their_definitions_say():
    chunks, _ = _corpus()
    assert term_pairs(chunks, "a", "b") == [("information and communications technology system", "computer system")]
    assert rewrite("an Information and communications technology system", term_pairs(chunks, "a", "b")) == \
        "an computer system"


def test_alignment_ranks_counterparts_and_flags_articles_without_one():
    chunks, vectors = _corpus()
    al = align(chunks, vectors, "a", "b")
    best = {p.from_article: (p.matches[0].article, p.counterpart) for p in al.pairs}
    assert best["1"] == ("1", True) and best["2"] == ("3", True) and best["3"] == ("2", True)
    assert best["4"][1] is False  # witnesses: nothing in b
    assert al.only_in_to == ["4"]  # copyright: nothing in a
    d = al.to_dict()
    assert set(d) == {"from", "to", "pairs", "only_in_to"}
    assert [p["from_article"] for p in d["pairs"]] == ["1", "2", "3", "4"]
    for p in d["pairs"]:
        scores = [m["score"] for m in p["matches"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert [a.number for a in articles(chunks, "b")] == ["1", "2", "3", "4"]


def test_reports_list_every_article_once():
    chunks, vectors = _corpus()
    al = align(chunks, vectors, "a", "b")
    assert to_csv(al).splitlines()[0].startswith("a article") and len(to_csv(al).splitlines()) == 1 + 4 + 1
    assert len(to_csv(al, "only_from").splitlines()) == 2 and len(to_csv(al, "only_to").splitlines()) == 2
    md = to_markdown(al, "Treaty A", "Treaty B")
    assert "| Art. 4 | Protection of witnesses |  |  |" in md and "only in b" in md


def test_word_diff_keeps_verbatim_text_and_reads_numbers_as_equal():
    a = "up to a maximum of 90 days, subject to judicial or other independent review."
    b = "up to a maximum of ninety days, subject to judicial or other independent supervision."
    segs = word_diff(a, b)
    assert "".join(s.a for s in segs) == a and "".join(s.b for s in segs) == b
    changed = [s for s in segs if s.op != "equal"]
    assert len(changed) == 1 and changed[0].a.strip() == "review." and changed[0].b.strip() == "supervision."
    assert plain_diff(segs).endswith("[-review.-] {+supervision.+}")
    assert number_value("ninety") == "90" and number_value("twenty-five") == "25" and number_value("data") is None


def test_paragraphs_pair_one_to_one_and_keep_the_unpaired():
    a = [_chunk("a", "3", "P", "1. Order the expeditious preservation of stored data.", 0),
         _chunk("a", "3", "P", "2. The witness protection applies.", 1)]
    b = [_chunk("b", "2", "P", "1. Order the expeditious preservation of stored computer data.", 0),
         _chunk("b", "2", "P", "2. Data shall be kept confidential.", 1)]
    pairs = paragraph_pairs(a, b)
    assert (pairs[0].a.id, pairs[0].b.id) == (a[0].id, b[0].id)
    assert [(p.a and p.a.id, p.b and p.b.id) for p in pairs[1:]] == [(a[1].id, None), (None, b[1].id)]
    same = paragraph_pairs(a[:1], [_chunk("b", "2", "P", "1. ORDER the expeditious preservation of stored data", 0)])
    assert same[0].same_wording


def test_overrides_put_reviewed_pairs_first_and_report_disagreement():
    chunks, vectors = _corpus()
    al = align(chunks, vectors, "a", "b", top=10)
    apply_overrides(al, Overrides(pairs={"4": ["4"]}, none_from=["2"]))
    p4, p2 = al.pair("4"), al.pair("2")
    assert p4.counterpart and p4.reviewed and p4.matches[0].article == "4" and "4" not in al.only_in_to
    assert not p2.counterpart and p2.reviewed
    assert any("Art. 4: reviewed counterpart" in n for n in al.notes)
    assert any("Art. 2: reviewed as no counterpart" in n for n in al.notes)


def test_gold_scoring(tmp_path):
    chunks, vectors = _corpus()
    al = align(chunks, vectors, "a", "b")
    path = tmp_path / "gold.toml"
    path.write_text('from = "a"\nto = "b"\n[pairs]\n"1" = ["1"]\n"2" = ["3"]\n"3" = ["4"]\n'
                    '[no_counterpart]\nfrom = ["4"]\nto = ["4"]\n')
    s = score(al, Gold.load(path))
    assert s.n_pairs == 3 and abs(s.at_1 - 2 / 3) < 1e-9 and s.none_recall == 1.0
    assert any(m.startswith("3: expected 4") for m in s.misses)


class _Aligned:
    """Stands in for Comparer: the alignment of the made-up documents, computed as the real one is."""

    def __init__(self):
        self.chunks, self.vectors = _corpus()

    def alignment(self, a, b):
        return align(self.chunks, self.vectors, a, b)

    def chunk_of(self, doc, art):
        return [c for c in self.chunks if c.doc_id == doc and c.article == art]


def test_comparison_answers_bring_the_counterpart_and_state_only_what_the_alignment_says():
    from assistant.compare.crosswalk import crosswalk
    from assistant.types import Hit

    fake = _Aligned()
    names = {"a": "Treaty A", "b": "Treaty B"}
    preservation = fake.chunk_of("a", "3")[0]
    walk = crosswalk(fake, [(Hit(preservation, 1.0, 1), (0, 20))], ["a", "b"], names, fake.chunk_of)
    assert [h.chunk.id for h in walk.counterparts] == [fake.chunk_of("b", "2")[0].id]
    assert "Treaty A Art. 3 (Preservation) ↔ Treaty B Art. 2" in walk.notice

    witnesses = fake.chunk_of("a", "4")[0]
    walk = crosswalk(fake, [(Hit(witnesses, 1.0, 1), (0, 20))], ["a", "b"], names, fake.chunk_of)
    assert walk.counterparts == [] and "no counterpart to Treaty A Art. 4" in walk.notice
    assert "it checked Art." in walk.notice  # says which articles were checked
