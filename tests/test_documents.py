"""Loaders, PDF clean-up and treaty-aware chunking on the real corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.chunking import chunk_document
from assistant.ingest.documents import UnreadableDocumentError, discover, load_file, locate
from assistant.ingest.tokens import count_tokens


def _chunks(manifest, corpus_dir, doc_id, max_tokens=220):
    info = next(d for d in manifest if d.id == doc_id)
    return chunk_document(info, load_file(locate(info, [corpus_dir])), max_tokens)


def test_manifest_covers_the_corpus_and_the_un_convention(manifest, corpus_dir):
    ids = {d.id for d in manifest}
    assert {"budapest", "budapest-protocol", "cisco-briefing", "un-convention"} <= ids
    un = next(d for d in manifest if d.id == "un-convention")
    assert "A/RES/79/243" in un.source_url and any("unodc" in u for u in un.extra_urls)
    found = dict((d.id, p) for d, p in discover(manifest, [corpus_dir]))
    assert found["un-convention"] is not None and un.sha256.startswith("9bfdcfd8")  # pinned official print
    assert found["budapest"] is not None and "un-convention-ar-1-15" not in found  # optional docs stay out


def test_known_article_locators(manifest, corpus_dir):
    chunks = {c.locator: c for c in _chunks(manifest, corpus_dir, "budapest")}
    assert "ninety days" in chunks["Budapest Convention, Art. 16(2)"].text
    assert chunks["Budapest Convention, Art. 16(2)"].article_title == "Expedited preservation of stored computer data"
    assert "subject to Articles 14 and 15" in chunks["Budapest Convention, Art. 16(4)"].text
    assert chunks["Budapest Convention, Art. 2"].heading == "Article 2 – Illegal access"
    assert chunks["Budapest Convention, Art. 2"].chapter.startswith("Chapter II")
    assert "Procedural law" in chunks["Budapest Convention, Art. 16(2)"].section
    assert "Budapest Convention, Preamble" in chunks and "Budapest Convention, Final clause" in chunks
    protocol = {c.locator: c for c in _chunks(manifest, corpus_dir, "budapest-protocol")}
    assert "racist and xenophobic material" in protocol["Additional Protocol (ETS 189), Art. 2(1)"].text


def test_chunks_are_verbatim_and_bounded_in_tokens(manifest, corpus_dir):
    for doc_id in ("budapest", "budapest-protocol", "cisco-briefing"):
        info = next(d for d in manifest if d.id == doc_id)
        source = load_file(locate(info, [corpus_dir]))[0].text  # the text as loaded (NBSP → space)
        for c in _chunks(manifest, corpus_dir, doc_id, max_tokens=120):
            assert c.tokens == count_tokens(c.text) <= 120, c.locator
            for line in c.text.split("\n"):
                assert line in source, (c.locator, line[:60])


def test_long_paragraphs_split_and_repeat_the_article_heading(manifest, corpus_dir):
    pieces = [c for c in _chunks(manifest, corpus_dir, "budapest", max_tokens=80) if c.article == "14"]
    assert len(pieces) > 3
    assert {c.heading for c in pieces} == {"Article 14 – Scope of procedural provisions"}
    assert any(c.locator.endswith("Art. 14(3)(b)") for c in pieces)


def test_a_lettered_item_that_fits_a_chunk_is_not_cut_across_two(manifest, corpus_dir):
    """Art. 14(3)(a) and (b) are two reservations: (a) is a chunk of its own, and (b), which used to start at the
    end of (a)'s chunk, is whole in the next, from its condition to the reservation it allows."""
    chunks = {c.locator: c for c in _chunks(manifest, corpus_dir, "budapest")}
    assert "only to offences or categories of offences" in chunks["Budapest Convention, Art. 14(3)(a)"].text
    second = chunks["Budapest Convention, Art. 14(3)(b)"].text
    assert "closed group of users" in second and "reserve the right not to apply these measures" in second
    assert "Budapest Convention, Art. 14(3)(a)–(b)" not in chunks


def test_briefing_chunks_by_paragraph(manifest, corpus_dir):
    chunks = _chunks(manifest, corpus_dir, "cisco-briefing")
    assert all(re.fullmatch(r"Cisco briefing note, (para\. \d+|paras\. \d+–\d+)", c.locator) for c in chunks)
    assert any("Eric Wenger" in c.text for c in chunks)


def _un_style_pdf(text: str, path, lines_per_page=38, width=88):
    """Lay real treaty text out like a UN document: running header with the document symbol, page
    footer "n/N", narrow lines with words hyphenated across line ends."""
    from fpdf import FPDF

    lines: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            lines.append("")
            continue
        current = ""
        for word in para.split(" "):
            if len(current) + 1 + len(word) <= width:
                current = f"{current} {word}".strip()
                continue
            room = width - len(current) - 2
            if len(word) >= 10 and room >= 4 and word.isalpha():
                lines.append(f"{current} {word[:room]}-".strip())
                current = word[room:]
            else:
                lines.append(current)
                current = word
        lines.append(current)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    import matplotlib

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # a Unicode font that ships
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=9)
    for n, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.cell(0, 5, "A/RES/79/243", new_x="LMARGIN", new_y="NEXT")
        for line in page:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, f"{n}/{len(pages)}", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, "24-22566", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_un_style_pdf_gives_the_same_chunks_as_the_text(manifest, corpus_dir, tmp_path):
    info = next(d for d in manifest if d.id == "budapest")
    source = locate(info, [corpus_dir]).read_text(encoding="utf-8")
    excerpt = source[source.index("CHAPTER II") : source.index("TITLE 4")]  # Articles 2-18, real text
    txt, pdf = tmp_path / "excerpt.txt", tmp_path / "excerpt.pdf"
    txt.write_text(excerpt, encoding="utf-8")
    _un_style_pdf(excerpt, pdf)
    pages = load_file(pdf)
    assert len(pages) > 3 and pages[1].number == 2
    joined = "\n".join(p.text for p in pages)
    assert "A/RES/79/243" not in joined and "24-22566" not in joined and not re.search(r"^\d+/\d+$", joined, re.M)
    from_pdf = chunk_document(info, pages, 220)
    from_txt = chunk_document(info, load_file(txt), 220)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    assert [c.locator for c in from_pdf] == [c.locator for c in from_txt]
    assert [norm(c.text) for c in from_pdf] == [norm(c.text) for c in from_txt]
    assert all(c.page for c in from_pdf) and from_pdf[-1].page > from_pdf[0].page


def test_html_markdown_and_docx_loaders(tmp_path, manifest, corpus_dir):
    import docx

    info = next(d for d in manifest if d.id == "budapest")
    article = locate(info, [corpus_dir]).read_text(encoding="utf-8")
    start = article.index("Article 16\n")
    body = article[start : article.index("Article 17\n")].strip()
    paras = [p for p in body.split("\n") if p.strip()]
    html = tmp_path / "a.html"
    html.write_text("<html><script>alert(1)</script><body>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>")
    md = tmp_path / "a.md"
    md.write_text("## " + "\n\n".join(paras))
    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    d.save(tmp_path / "a.docx")
    for name in ("a.html", "a.md", "a.docx"):
        text = load_file(tmp_path / name)[0].text
        assert "up to a maximum of ninety days" in text, name
        assert "alert(1)" not in text
        chunks = chunk_document(info, load_file(tmp_path / name), 220)
        assert "Budapest Convention, Art. 16(2)" in [c.locator for c in chunks], name


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02binary" * 10, "binary"),
        ("latin1.txt", "Données personnelles".encode("latin-1"), "not valid UTF-8"),
        ("notes.xyz", b"some text", "unsupported"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "cannot be parsed"),
        ("broken.docx", b"PK not a zip", "cannot be parsed"),
    ],
)
def test_unreadable_files_get_a_clear_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocumentError, match=reason):
        load_file(path)


def test_encrypted_and_oversized_files(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    with open(tmp_path / "locked.pdf", "wb") as fh:
        w.write(fh)
    with pytest.raises(UnreadableDocumentError, match="encrypted"):
        load_file(tmp_path / "locked.pdf")
    (tmp_path / "big.txt").write_text("x" * 2000)
    with pytest.raises(UnreadableDocumentError, match="over the 1,000-byte limit"):
        load_file(tmp_path / "big.txt", max_bytes=1000)


def test_pdf_line_joining_keeps_structure():
    from collections import Counter

    from assistant.ingest.pdftext import Line, join_lines

    rows = [("Article 5", 200, 100), ("Protection of data", 200, 112), ("1. Each Party shall adopt legis-", 123, 136),
            ("lative measures to protect the", 123, 148), ("Secretary-", 123, 160), ("General.", 123, 172),
            ("(a) first item;", 147, 184), ("2. Second paragraph.", 123, 196)]
    lines = [Line(t, 1, x, top, 10.0, 792.0) for t, x, top in rows]
    blocks = join_lines(lines, Counter({"legislative": 2}))
    assert [b.text for b in blocks] == [
        "Article 5",
        "Protection of data",
        "1. Each Party shall adopt legislative measures to protect the Secretary-General.",
        "(a) first item;",
        "2. Second paragraph.",
    ]
