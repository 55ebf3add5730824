"""The official UN print (A/RES/79/243) parsed faithfully, and a second UN resolution to show the clean-up
is general. Checked against an independent reference: pdfium's plain page text with the running header,
footer and footnotes cut by this file's own layout, compared with all whitespace removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.check import check
from assistant.ingest.chunking import MIN_PROSE_TOKENS, chunk_document
from assistant.ingest.documents import UnreadableDocumentError, load_file, locate
from assistant.ingest.tokens import count_tokens
from assistant.types import DocumentInfo

FIXTURE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "un-a-res-79-190.pdf"
# the job number, "n/46", the barcode, and the joints where the running header meets the symbol
FURNITURE = re.compile(r"24-24621|24-24137|\b\d{1,2}/(46|23)\b|\*24\d+\*|Serious Crimes\s+A/RES|A/RES/79/\d+\s+United|"
                       r"A/RES/79/243\s+24")


@pytest.fixture(scope="module")
def un_info(manifest):
    return next(d for d in manifest if d.id == "un-convention")


@pytest.fixture(scope="module")
def un_path(un_info, corpus_dir):
    return locate(un_info, [corpus_dir])


@pytest.fixture(scope="module")
def un_chunks(un_info, un_path):
    return chunk_document(un_info, load_file(un_path), 220)


def _reference_text(path: Path, job: str) -> str:
    """pdfium's own text of every page, minus what this print's layout puts around the body."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    kept: list[str] = []
    for i in range(len(doc)):
        lines = doc[i].get_textpage().get_text_range().replace("\ufffe", "-").splitlines()
        if i > 0:  # running header and footer come first; they end at the "job n/N" (or "n/N job") line
            end = next(k for k, ln in enumerate(lines) if re.fullmatch(rf"\s*({job}\s+\d+/\d+|\d+/\d+\s+{job})\s*", ln))
            lines = lines[end + 1 :]
        rule = next((k for k, ln in enumerate(lines) if re.fullmatch(r"_{5,}\s*", ln)), len(lines))
        kept.extend(ln for ln in lines[:rule] if not re.fullmatch(rf"\s*({job} \(E\)|\*\d+\*)\s*", ln))
    doc.close()
    return "".join(kept)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("-", "")


def test_no_unit_carries_page_furniture(un_chunks):
    assert not [c.locator for c in un_chunks if FURNITURE.search(c.text)]
    assert not [c.locator for c in un_chunks if "Secretary - General" in c.text or "Secretary -General" in c.text]


def test_no_paragraph_is_cut_mid_sentence(un_chunks):
    # pdfium ran two printed lines of Art. 37(19) into one, and the line spacing then read as paragraph breaks:
    # quotes ended at "… so designated by the"
    assert not [p for p in check("un-convention", un_chunks, 10_000).problems if "line break" in p]
    (art37_19,) = [c for c in un_chunks if c.locator == "UN Convention against Cybercrime, Art. 37(19)"]
    assert "communicate to the Secretary-General of the United Nations the name and address" in art37_19.text


def test_every_unit_is_the_documents_own_text(un_chunks, un_path):
    reference = _squash(_reference_text(un_path, "24-24621"))
    body = [c for c in un_chunks if c.kind != "footnote"]
    missing = [c.locator for c in body if _squash(c.text) not in reference]
    assert not missing, missing[:5]
    # nothing added or dropped: the clean text is the reference body, character for character
    assert _squash("".join(p.text for p in load_file(un_path))) == reference


def test_articles_chapters_and_titles(un_chunks):
    articles: list[tuple[str, str, str]] = []
    for c in un_chunks:
        if c.article and (not articles or articles[-1][0] != c.article):
            articles.append((c.article, c.article_title, c.chapter))
    assert [a for a, _, _ in articles] == [str(n) for n in range(1, 69)]
    assert all(title for _, title, _ in articles)
    assert len({chapter for _, _, chapter in articles}) == 9
    titles = dict((a, t) for a, t, _ in articles)
    assert titles["25"] == "Expedited preservation of stored electronic data"
    assert titles["68"] == "Depositary and languages"
    by_locator = {c.locator: c for c in un_chunks}
    assert "up to a maximum of 90 days" in by_locator["UN Convention against Cybercrime, Art. 25(2)"].text
    assert by_locator["UN Convention against Cybercrime, Art. 25(2)"].page == 15
    assert "“Content data” shall mean" in by_locator["UN Convention against Cybercrime, Art. 2(a)–(d)"].text



def test_a_split_paragraphs_locator_names_the_item_its_text_opens_with(un_chunks, manifest, corpus_dir):
    """"12. (a) Each State Party shall designate a central authority …" is cited as Art. 40(12)(a)–(c), not
    (b)–(c): the item on the paragraph's own first line counts."""
    budapest = next(d for d in manifest if d.id == "budapest")
    chunks = un_chunks + chunk_document(budapest, load_file(locate(budapest, [corpus_dir])), 220)
    for c in chunks:
        first = re.match(r"(?:\d{1,2}\.\s*)?\(?([a-z])\)", c.text)
        named = re.search(r"\(([a-z])\)(?:–\([a-z]\))?$", c.locator)
        if first and named:
            assert named.group(1) == first.group(1), (c.locator, c.text[:40])
    by_locator = {c.locator: c for c in un_chunks}
    assert "shall designate a central authority" in by_locator["UN Convention against Cybercrime, Art. 40(12)(a)–(c)"].text

def test_resolution_notes_and_footnote_are_units_of_their_own(un_chunks):
    locators = [c.locator for c in un_chunks]
    assert [f"A/RES/79/243, para. {n}" for n in range(1, 13)] == [x for x in locators if ", para. " in x]
    assert "A/RES/79/243, preamble" in locators
    notes = [c for c in un_chunks if c.kind == "note"]
    assert [c.locator.split(", ", 1)[1] for c in notes] == [
        "interpretative note 1 (on Art. 2)", "interpretative note 2 (on Art. 2)", "interpretative note 3 (on Art. 17)",
        "interpretative note 4 (on Arts. 23 and 35)", "interpretative note 5 (on Art. 35)"]
    assert all(not c.article for c in notes)  # notes on articles are never the articles
    assert "reproduce verbatim" in notes[1].text
    (footnote,) = [c for c in un_chunks if c.kind == "footnote"]
    assert footnote.locator == "UN Convention against Cybercrime, footnote 1"
    assert footnote.text.startswith("1 It is noted that interpretative notes")
    para2 = next(c for c in un_chunks if c.locator == "A/RES/79/243, para. 2")
    assert "opens it for signature in Hanoi in 2025" in para2.text and para2.page == 2


def test_a_second_un_resolution_parses_with_the_same_code():
    info = DocumentInfo("a-res-79-190", "A/RES/79/190", "A/RES/79/190 (corruption)", "commentary", "en", "", "",
                        FIXTURE.name)
    chunks = chunk_document(info, load_file(FIXTURE), 220)
    assert not [c.locator for c in chunks if FURNITURE.search(c.text)]
    paras = list(dict.fromkeys(c.locator for c in chunks if ", para. " in c.locator))  # a long one splits
    assert paras == [f"A/RES/79/190, para. {n}" for n in range(1, 85)]
    footnotes = [c for c in chunks if c.kind == "footnote"]
    assert len({c.locator for c in footnotes}) == 39
    assert not [c.locator for c in chunks if c.kind != "footnote" and re.search(r"^\d+ See CAC/", c.text, re.M)]
    reference = _squash(_reference_text(FIXTURE, "24-24137"))
    assert not [c.locator for c in chunks if c.kind != "footnote" and _squash(c.text) not in reference]
    assert not [p for p in check("a-res-79-190", chunks, 10_000).problems if "line break" in p]


def test_truncated_pdf_is_a_clear_error(un_path, tmp_path):
    broken = tmp_path / "truncated.pdf"
    broken.write_bytes(un_path.read_bytes()[:100_000])
    with pytest.raises(UnreadableDocumentError, match="truncated or damaged"):
        load_file(broken)


def test_units_have_a_floor_whatever_the_line_structure(tmp_path, manifest):
    """A 15 KB note of one-letter lines must not become thousands of chunks."""
    note = tmp_path / "letters.txt"
    note.write_text("\n".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(7500)), encoding="utf-8")
    info = DocumentInfo("letters", "Letters", "Letters", "commentary", "en", "", "", note.name)
    chunks = chunk_document(info, load_file(note), 220)
    assert len(chunks) <= count_tokens(note.read_text()) // MIN_PROSE_TOKENS + 1  # proportional to the tokens
    treaty = DocumentInfo("t", "T", "T", "treaty", "en", "", "", "t.txt")
    text = "Article 1\nTitle\n" + "\n".join(f"{n}. x" for n in range(1, 41))
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    assert len(chunk_document(treaty, load_file(tmp_path / "t.txt"), 220)) <= 10


def test_a_truncated_pdf_is_skipped_with_its_reason_and_indexes_nothing(un_path, tmp_path, embedder, manifest):
    from assistant.config import Settings
    from assistant.ingest.documents import discover
    from assistant.store.index import Index

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "un-resolution-copy.pdf").write_bytes(un_path.read_bytes()[:200_000])
    ix = Index(Settings.from_env(env={}, store_dir=tmp_path / "store", docs_dir=docs, fetch_dir=tmp_path / "x"),
               embedder=embedder)
    report = ix.ingest([(d, p) for d, p in discover(manifest, [docs]) if p], progress=False)
    assert [d for d, _ in report.skipped] == ["un-resolution-copy"]
    assert "truncated or damaged" in report.skipped[0][1]
    assert not report.added and report.chunks_embedded == 0
