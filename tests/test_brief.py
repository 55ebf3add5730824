"""Briefs, exports and HTML views over the real index: every point cited, untrusted text escaped."""

from __future__ import annotations

import re
import zipfile

import pytest

from assistant.answer.brief import build_brief
from assistant.app.browse import outline, unit_of
from assistant.app.cli import main
from assistant.app.export import answer_markdown, brief_markdown, conversation_markdown, md_escape, save_brief
from assistant.app.views import highlighted, sources_html, unit_html
from assistant.types import Answer, Citation, Sentence


@pytest.fixture(scope="module")
def preservation_brief(assistant):
    return build_brief(assistant, "data preservation powers")


def quoted_pieces(point_text: str) -> list[str]:
    """The words a point shows as quoted: between its quotation marks, split where it marks an omission (an
    article the bottom line already quotes is listed by its title alone)."""
    if "“" not in point_text:
        return []
    inner = point_text[point_text.index("“") + 1 : point_text.rindex("”")]
    return [p.strip() for p in inner.split("…") if p.strip()]


def test_every_brief_point_is_cited_and_quotes_only_verbatim_words(preservation_brief):
    b = preservation_brief
    assert b.covered and b.articles and 3 <= len(b.bottom_line) <= 5
    assert all(p.citations for p in b.points())
    by_n = {c.n: c for c in b.citations}
    for p in b.points():
        for n in p.citations:
            assert by_n[n].quote in by_n[n].text
            assert all(piece in by_n[n].quote for piece in quoted_pieces(p.text)), p.text
    assert any("Art. 16" in p.text or "Art. 25" in p.text for p in b.articles)
    assert all(len(p.text) < 400 for p in b.bottom_line)  # short lines, not whole paragraphs
    assert not b.positions  # no actor in the corpus speaks about preservation: none is invented


def test_a_brief_on_the_un_convention_lists_its_articles_with_titles_and_no_other_treaty(assistant):
    b = build_brief(assistant, "human-rights concerns about the UN convention")
    cited = {c.n: c for c in b.citations}
    assert any("Art. 6 (Respect for human rights)" in p.text for p in b.articles)
    assert all(cited[n].doc_id == "un-convention" for p in b.articles for n in p.citations)
    findings = b.bottom_line + b.key_points
    assert not any(cited[n].doc_id.startswith("budapest") for p in findings for n in p.citations)
    names = [name for names, _ in b.positions for name in names.split(", ")]
    assert len(names) == len(set(names))  # each actor once; actors quoted by the same sentence share an entry


def test_positions_name_the_actors_of_the_briefing_note(assistant):
    b = build_brief(assistant, "human-rights concerns about the UN convention")
    actors = {name: points for names, points in b.positions for name in names.split(", ")}
    assert {"Cisco", "Human Rights Watch", "Electronic Frontier Foundation", "Article 19"} <= set(actors)
    assert all(c.doc_id == "cisco-briefing" for p in actors["Cisco"] for n in p.citations
               for c in b.citations if c.n == n)
    assert all(re.search(r"Human Rights Watch", p.text) for p in actors["Human Rights Watch"])
    # each actor's own clause, even where its sentence is quoted above: "… while the UN and the Biden
    # administration are more optimistic …", not "Cisco briefing note, quoted above"
    assert all("Biden administration" in p.text for p in actors["US administration"])
    assert "not in the corpus" not in b.notice  # the UN text is in the corpus now
    assert any(c.doc_id == "un-convention" for c in b.citations)  # and the brief quotes it


def test_uncovered_topic_gives_an_empty_brief_that_says_so(assistant):
    b = build_brief(assistant, "penalties for phishing under Brazilian law")
    assert not b.covered and not b.points() and "Brazilian" in b.notice
    assert "## Bottom line" not in brief_markdown(b)


def test_exports_in_three_formats(preservation_brief, tmp_path):
    md = save_brief(preservation_brief, tmp_path / "b.md").read_text()
    assert md.startswith("# Briefing: data preservation powers") and "## Sources" in md
    assert save_brief(preservation_brief, tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    words = " ".join(max(quoted_pieces(preservation_brief.bottom_line[0].text), key=len).split()[:6])
    with zipfile.ZipFile(save_brief(preservation_brief, tmp_path / "b.docx")) as z:
        assert words in z.read("word/document.xml").decode()  # the document holds the brief's own quotes
    with pytest.raises(ValueError, match="unknown brief format"):
        save_brief(preservation_brief, tmp_path / "b.txt")


def test_cli_brief_writes_a_file(settings, index, tmp_path, capsys):
    out = tmp_path / "brief.docx"
    rc = main(["--store", str(settings.store_dir), "--docs-dir", str(settings.docs_dir), "brief",
               "data preservation powers", "--out", str(out)])
    assert rc == 0 and out.stat().st_size > 1000 and "cited points" in capsys.readouterr().out


HOSTILE = 'Ignore it <script>alert(1)</script> ![x](http://evil.example/x.png) [click](javascript:alert(1))'


def test_views_and_exports_escape_document_text():
    c = Citation(1, "doc", "Doc, Art. 1", "<script>alert(1)</script>", HOSTILE, "doc:1")
    a = Answer("q", "a", [c], sentences=[Sentence(f"Doc, Art. 1: “{c.quote}” [1]", [1])])
    html = sources_html(a)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>&lt;script&gt;" in html
    md = conversation_markdown([a])
    assert "<script>" not in md and "![x](" not in md and "](javascript" not in md
    assert md_escape("[1](x)") == "\\[1\\]\\(x\\)"
    assert highlighted("a < b", "missing") == "a &lt; b"
    # a web address (the depositary's status page) is a whole link, not one ending in the escape of the ")" after it
    status = Answer("q", "See its status page (UN Convention against Cybercrime: https://treaties.un.org/).", [])
    assert "(UN Convention against Cybercrime: <https://treaties.un.org/>\\)." in answer_markdown(status)
    assert "<javascript" not in answer_markdown(Answer("q", "javascript:alert(1) <b>x</b>", []))
    # an address is whole whatever characters Markdown escapes elsewhere ("_", "#", "~")
    assert "<https://a.org/x_y~z#t>." in answer_markdown(Answer("q", "See https://a.org/x_y~z#t.", []))


def test_outline_groups_articles_by_chapter(assistant):
    units = outline(assistant.retriever.chunks, {"budapest", "budapest-protocol"})
    budapest = units["budapest"]
    art16 = next(u for u in budapest if u.key == "art:16")
    assert art16.chapter.startswith("Chapter II") and "ninety days" in art16.text
    assert unit_of(units, art16.chunks[0].id) is art16
    assert [u.key for u in units["cisco-briefing"]] == ["text"]
    assert "Article 16" in unit_html(art16, "Budapest", quote="ninety days") and "<mark>ninety days</mark>" in unit_html(art16, "", "ninety days")


@pytest.mark.parametrize("topic", ["human-rights concerns about the UN convention",
                                   "data preservation under the UN convention"])  # the second ran over a page
def test_the_pdf_brief_fits_on_one_page_with_its_sources_after_it(assistant, tmp_path, topic):
    import pypdfium2

    b = build_brief(assistant, topic)
    pdf = pypdfium2.PdfDocument(str(save_brief(b, tmp_path / "b.pdf")))
    first, second = (pdf[i].get_textpage().get_text_range() for i in (0, 1))
    assert "Bottom line" in first and "What the text says" in first and "Sources" not in first
    assert second.startswith("Sources")


def test_a_brief_lists_the_articles_on_what_the_topic_s_own_article_spells_out(assistant):
    # Art. 6 (Respect for human rights) names the freedoms of opinion, religion …; Arts. 37(15) and 40(22) let a
    # State refuse extradition and assistance sought to punish a person for their religion or political opinions
    b = build_brief(assistant, "human-rights concerns about the UN convention")
    line = next(p for p in b.articles if p.text.startswith("Also on what Art. 6 (Respect for human rights) names:"))
    cited = {c.n: c for c in b.citations}
    assert {cited[n].locator for n in line.citations} >= {"UN Convention against Cybercrime, Art. 37(15)",
                                                         "UN Convention against Cybercrime, Art. 40(22)"}
    assert all("political opinions" in cited[n].quote for n in line.citations)
    # each article's marker stands once, plain, where the line places it (not escaped and repeated at its end)
    shown = next(row for row in brief_markdown(b).splitlines() if row.startswith("- Also on what Art. 6"))
    assert all(shown.count(f"[{n}]") == 1 for n in line.citations) and "\\[" not in shown


def test_a_list_item_in_a_brief_follows_what_introduces_its_list(assistant):
    b = build_brief(assistant, "child sexual abuse material under the UN convention")
    points = [p.text for p in b.bottom_line + b.key_points]
    items = [i for i, t in enumerate(points) if re.search(r"Art\. 14\(2\)\(\w\): “\\?\(\w\\?\)", t)]
    assert items  # the kinds of material are quoted …
    intro = next(i for i, t in enumerate(points) if "shall include visual material" in t)
    assert intro < items[0]  # … after the sentence that says what they are a list of
