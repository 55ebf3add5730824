"""The answer policy on the fakes (assistant.fakes): the real Retriever and Assistant over an in-memory index of
two made-up treaties and a hashing embedder. Milliseconds, no model, no Chroma, no corpus."""

from __future__ import annotations

import threading

import pytest

from assistant.answer.chain import Assistant
from assistant.answer.llm import fake_chat_model
from assistant.config import Settings
from assistant.fakes import HashingEmbedder, MemoryIndex
from assistant.ports import EmbedderPort, IndexReader, RetrieverPort
from assistant.retrieve.retriever import Retriever
from assistant.types import Answer, Chunk, DocumentInfo, Draft, InputError

MANIFEST = [
    DocumentInfo("a", "Treaty A on Data", "Treaty A", "treaty", "en", "", "", aliases=("treaty a",)),
    DocumentInfo("b", "Treaty B on Data", "Treaty B", "treaty", "en", "", "", aliases=("treaty b",)),
]
TEXTS = {
    ("a", "1", "Use of terms"): ['(a) "Electronic data" shall mean any representation of facts, information or '
                                 "concepts in a form suitable for processing in a system;"],
    ("a", "2", "Expedited preservation of stored data"): [
        "1. Each State Party shall enable its competent authorities to order the expeditious preservation of stored "
        "electronic data.",
        "2. The preservation order shall last for a period of time as long as necessary, up to a maximum of 90 days.",
        "3. A State Party may provide for such an order to be subsequently renewed."],
    ("a", "3", "Protection of witnesses"): [
        "Each State Party shall provide effective protection from retaliation or intimidation for witnesses who "
        "give testimony concerning offences."],
    ("b", "1", "Definitions"): ['a "computer data" means any representation of facts, information or concepts in a '
                                "form suitable for processing in a system;"],
    ("b", "2", "Expedited preservation of stored computer data"): [
        "1. Each Party shall enable its competent authorities to order the expeditious preservation of stored "
        "computer data.",
        "2. The preservation order shall last for a period of time as long as necessary, up to a maximum of ninety "
        "days."],
    ("b", "3", "Copyright"): ["Each Party shall establish as criminal offences the infringement of copyright."],
}


def _chunks(revised: str = "") -> list[Chunk]:
    out = []
    for (doc, art, title), paras in TEXTS.items():
        name = dict(a="Treaty A", b="Treaty B")[doc]
        for n, text in enumerate(paras, start=1):
            para = f"({n})" if len(paras) > 1 else ""
            out.append(Chunk(id=f"{doc}-{art}-{n}", doc_id=doc, text=text + revised, locator=f"{name}, Art. {art}{para}",
                             short_name=name, heading=f"Article {art} – {title}", article=art, article_title=title,
                             paragraph=para, order=len(out)))
    return out


@pytest.fixture
def assistant(tmp_path):
    settings = Settings.from_env(env={}, store_dir=tmp_path / "store")
    index = MemoryIndex(_chunks(), HashingEmbedder(), settings)
    return Assistant(settings, index=index, retriever=Retriever(index, MANIFEST), manifest=MANIFEST,
                     llm=fake_chat_model(["The order lasts up to a maximum of 90 days [1]."]))


def test_the_fakes_and_the_real_parts_share_the_interfaces(assistant):
    assert isinstance(assistant.index.embedder, EmbedderPort) and isinstance(assistant.index, IndexReader)
    assert isinstance(assistant.retriever, RetrieverPort)


def test_a_named_treaty_scopes_the_answer_and_quotes_are_verbatim(assistant):
    ans = assistant.ask("How long can a preservation order last under Treaty A?")
    assert not ans.abstained and "90 days" in ans.answer.split("\n\n")[0]  # the answer leads
    assert {c.doc_id for c in ans.citations} == {"a"}
    assert all(c.quote in c.text for c in ans.citations)


def test_a_comparison_quotes_both_treaties_through_the_alignment(assistant):
    ans = assistant.ask("Compare how long a preservation order can last under Treaty A and Treaty B.")
    assert {c.doc_id for c in ans.citations} == {"a", "b"}
    assert "Treaty A Art. 2" in ans.notice and "Treaty B Art. 2" in ans.notice


def test_a_comparison_opens_with_each_treaty_s_most_direct_sentence(assistant):
    # each treaty's sentence that states the asked-for period, not its first-ranked paragraph (the power to order)
    ans = assistant.ask("How long can a preservation order last under Treaty A and Treaty B?")
    opening = ans.answer.split("\n\n")[0]
    assert opening.startswith("In short:") and "90 days" in opening and "ninety days" in opening


def test_a_comparison_side_that_keeps_its_quote_whole_is_not_quoted_again_below(assistant):
    ans = assistant.ask("How long can a preservation order last under Treaty A and Treaty B?")
    assert ans.answer.count("up to a maximum of 90 days") == 1 and ans.answer.count("maximum of ninety days") == 1
    assert any("up to a maximum of 90 days" in c.quote for c in ans.citations)  # the sources still quote it
    assert all(s.citations for s in ans.sentences)


def test_no_counterpart_is_said_only_when_the_alignment_says_so(assistant):
    ans = assistant.ask("Does Treaty B protect witnesses the way Treaty A does?")
    assert "no counterpart to Treaty A Art. 3" in ans.notice and "it checked" in ans.notice


def test_unknown_names_and_uncovered_subjects_are_declined(assistant):
    ans = assistant.ask("What penalties does Brazilian law set for phishing?")
    assert ans.abstained and not ans.citations and "Brazilian" in ans.answer
    with pytest.raises(InputError, match="empty"):
        assistant.ask("   ")


def test_a_name_inside_an_everyday_phrase_is_not_an_unknown_name(assistant):
    # "USB drive" is the vocabulary's data storage medium: its "USB" is not a name the corpus lacks
    assert assistant.retriever.unknown_names("Can police search a suspect's USB drive under Treaty A?") == []
    assert assistant.retriever.unknown_names("Can police search a Huawei phone under Treaty A?") == ["Huawei"]
    # the contraction a question opens with is no name: "Doesn't" is "Does not"
    assert assistant.retriever.unknown_names("Doesn't Treaty A let police search a USB drive?") == []
    assert assistant.retriever.unknown_names("Is it OK for police to search a USB drive under Treaty A?") == []
    # a hyphenated name made of a phrase the vocabulary maps and common words ("DDoS" is system interference)
    assert assistant.retriever.unknown_names("Are DDoS-for-hire services banned under Treaty A?") == []
    assert assistant.retriever.unknown_names("Are Huawei-made phones searched under Treaty A?") == ["Huawei-made"]


def test_a_written_answer_keeps_only_supported_sentences(assistant):
    ans = assistant.ask("How long can a preservation order last under Treaty A?", mode="generative")
    assert ans.mode == "generative" and "90 days" in ans.answer and ans.citations
    assert all(c.quote in c.text for c in ans.citations)


def test_answers_read_one_revision_while_a_new_one_is_published(assistant):
    errors, seen = [], []

    def ask():
        for _ in range(15):
            try:
                texts = {c.text for c in assistant.ask("How long can a preservation order last under Treaty A?").citations}
                seen.append(texts)
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    assistant.index.publish(_chunks(revised=" (revised)"))
    for t in threads:
        t.join()
    assert not errors
    for texts in seen:  # every answer wholly from one revision
        revised = {t.endswith("(revised)") for t in texts}
        assert len(revised) == 1, texts


def _failing_model(exc: Exception):
    from langchain_core.runnables import RunnableLambda

    def fail(_):
        raise exc

    return RunnableLambda(fail)


def test_an_endpoint_failure_falls_back_but_a_bug_surfaces(tmp_path):
    import httpx

    settings = Settings.from_env(env={}, store_dir=tmp_path / "store")
    index = MemoryIndex(_chunks(), HashingEmbedder(), settings)
    question = "How long can a preservation order last under Treaty A?"

    down = Assistant(settings, index=index, retriever=Retriever(index, MANIFEST), manifest=MANIFEST,
                     llm=_failing_model(httpx.ConnectError("connection refused")))
    ans = down.ask(question, mode="generative")
    assert ans.mode == "extractive" and "connection refused" in ans.notice and ans.citations

    buggy = Assistant(settings, index=index, retriever=Retriever(index, MANIFEST), manifest=MANIFEST,
                      llm=_failing_model(KeyError("a programming error")))
    with pytest.raises(KeyError):
        buggy.ask(question, mode="generative")


@pytest.mark.parametrize("mode", ["extractive", "generative"])
def test_ask_and_stream_are_one_pipeline(assistant, mode):
    """`ask` is the stream's last item: the same typed steps, the same answer; a written answer streams the
    model's text before the grounded answer."""
    q = "How long can a preservation order last under Treaty A?"
    items = list(assistant.stream(q, mode=mode))
    final, deltas = items[-1], [d for d in items[:-1] if not isinstance(d, Draft)]
    assert isinstance(final, Answer) and all(isinstance(d, str) for d in deltas)
    if mode == "generative":  # the quotes it is written from come first, verbatim
        assert isinstance(items[0], Draft) and items[0].answer.citations
        assert all(c.quote in c.text for c in items[0].answer.citations)
    asked = assistant.ask(q, mode=mode)
    assert (asked.answer, [c.locator for c in asked.citations], asked.mode, asked.notice) == \
        (final.answer, [c.locator for c in final.citations], final.mode, final.notice)
    if mode == "generative":
        assert "".join(deltas) == "The order lasts up to a maximum of 90 days [1]."
        assert final.mode == "generative" and "first_token" in final.timings
    else:
        assert not deltas


def test_a_bad_question_fails_the_same_way_in_ask_and_stream(assistant):
    with pytest.raises(InputError, match="empty"):
        assistant.ask("   ")
    with pytest.raises(InputError, match="empty"):
        list(assistant.stream("   "))


def test_a_separate_sentence_model_scores_the_sentences(tmp_path):
    """CA_SENTENCE_MODEL: passages and queries go to the index's embedder, single sentences to the sentence
    model (re-ranking and the choice of quotes); by default they are one object."""

    class Counting(HashingEmbedder):
        texts: list[str]

        def encode(self, texts, show_progress=False):
            self.texts = [*getattr(self, "texts", []), *texts]
            return super().encode(texts, show_progress)

    settings = Settings.from_env(env={}, store_dir=tmp_path / "store")
    index = MemoryIndex(_chunks(), HashingEmbedder(), settings)
    sentences = Counting(dim=256)  # another width: the two spaces are never mixed
    retriever = Retriever(index, MANIFEST, sentence_embedder=sentences)
    a = Assistant(settings, index=index, retriever=retriever, manifest=MANIFEST)
    ans = a.ask("How long can a preservation order last under Treaty A?")
    assert "90 days" in ans.answer.split("\n\n")[0]
    assert any("maximum of 90 days" in t for t in sentences.texts)  # the quotes were scored by the sentence model
    assert a.extractor.sentence_embedder is sentences
    assert Retriever(index, MANIFEST).sentence_embedder is index.embedder


def test_the_sentence_model_is_chosen_in_one_place():
    """Every default path (wiring, a bare Retriever, a bare Assistant) asks store.embeddings which embedder scores
    sentences: the settings' sentence model beside the configured passage model, one instance per process; an
    injected passage embedder (a test's, a fake) scores its own sentences."""
    from assistant.store.embeddings import Embedder, sentence_embedder

    s = Settings.from_env(env={}, embedding_model="all-mpnet-base-v2", sentence_model="all-MiniLM-L6-v2")
    passages = Embedder("all-mpnet-base-v2")  # lazy: no model loads here
    chosen = sentence_embedder(s, passages)
    assert chosen.model_name == "all-MiniLM-L6-v2" and chosen is sentence_embedder(s, Embedder("all-mpnet-base-v2"))
    assert sentence_embedder(s.with_(sentence_model="all-mpnet-base-v2"), passages) is passages
    fake = HashingEmbedder()
    assert sentence_embedder(s, fake) is fake
    assert sentence_embedder(s, Embedder("all-MiniLM-L6-v2")).model_name == "all-MiniLM-L6-v2"


class _SlowToLoad(HashingEmbedder):
    """A hashing embedder whose model 'loads' on first use, recording the thread that loaded it."""

    def __init__(self):
        super().__init__()
        self.loaded_by: list[str] = []

    @property
    def model(self):
        self.loaded_by.append(threading.current_thread().name)
        return self


def test_warm_up_loads_the_models_in_the_background(tmp_path):
    from assistant.wiring import build

    settings = Settings.from_env(env={}, store_dir=tmp_path)
    passages = _SlowToLoad()
    parts = build(settings, index=MemoryIndex(_chunks(), passages, settings))
    assert passages.loaded_by == []  # nothing loads until asked to
    threads = parts.warm_up()
    # a process that stops early (an empty question) must wait for the load: one that exits while torch loads aborts
    assert threads and not any(t.daemon for t in threads)
    for thread in threads:
        thread.join(timeout=10)
    assert passages.loaded_by == ["warm-up"]
    assert parts.assistant.ask("How long can a preservation order last under Treaty A?").citations


def test_quotes_of_one_paragraph_read_as_one_paragraph_with_its_locator_once():
    from assistant.answer.extractive import Extractor
    from assistant.types import Hit, Retrieval

    text = ('3. For the purpose of paragraph 2, the term "minor" shall include all persons under 18 years of age. '
            "A Party may, however, require a lower age-limit, which shall be not less than 16 years.")
    other = Chunk(id="a-9-1", doc_id="a", text="1. Each Party shall establish the offence.", locator="Treaty A, Art. 9(1)",
                  short_name="Treaty A", article="9", paragraph="(1)")
    chunk = Chunk(id="a-9-3", doc_id="a", text=text, locator="Treaty A, Art. 9(3)", short_name="Treaty A",
                  article="9", paragraph="(3)")
    first, second = text.index("For"), text.index("A Party")
    picked = [(Hit(chunk, 1.0, 1), (first, second - 1)), (Hit(chunk, 1.0, 1), (second, len(text))),
              (Hit(other, 0.5, 2), (3, len(other.text)))]
    answer, citations, sentences = Extractor.compose(Retrieval("How old?", "How old?", []), picked, "")
    paragraphs = answer.split("\n\n")
    assert len(paragraphs) == 2 and paragraphs[0].count("Treaty A, Art. 9(3)") == 1
    assert "18 years of age.” [1] “A Party may" in paragraphs[0] and paragraphs[0].endswith("[2] — Treaty A, Art. 9(3)")
    assert paragraphs[1] == "“Each Party shall establish the offence.” [3] — Treaty A, Art. 9(1)"  # words, then source
    assert [c.n for c in citations] == [1, 2, 3] and len(sentences) == 3  # each quote still its own claim


def test_a_long_first_paragraph_is_led_by_its_quote_without_the_drafting_frame():
    from assistant.answer.extractive import Extractor
    from assistant.answer.lead import formulas
    from assistant.types import Hit, Retrieval

    rule = ("Where a Party gives effect to paragraph 1 by means of an order to a person to preserve specified stored "
            "data in the person's possession or control, the Party shall adopt such legislative and other measures "
            "as may be necessary to oblige that person to preserve the data for up to a maximum of ninety days.")
    chunk = Chunk(id="a-16-2", doc_id="a", text=rule, locator="Treaty A, Art. 16(2)", short_name="Treaty A",
                  article="16", paragraph="(2)")
    frame = formulas([f"Each Party shall adopt such legislative and other measures as may be necessary to act {i}."
                      for i in range(20)])
    r = Retrieval("How long?", "How long?", [])
    answer, _, sentences = Extractor.compose(r, [(Hit(chunk, 1.0, 1), (0, len(rule)))], "", frame)
    lead, body = answer.split("\n\n")
    assert lead.startswith("“… the Party shall … oblige that person to preserve")  # the rule, not its condition
    assert lead.endswith("[1] — Treaty A, Art. 16(2)") and "ninety days" in lead[:250]
    assert body == f"“{rule}” [1] — Treaty A, Art. 16(2)"  # the quote whole below its lead
    assert [s.citations for s in sentences] == [[1], [1]]
    # nothing to leave out: the quote is not repeated, it leads by itself
    plain = rule.replace("Where a Party gives effect to paragraph 1 by means of an order", "An order")
    chunk = Chunk(id="a-16-2", doc_id="a", text=plain, locator="Treaty A, Art. 16(2)", short_name="Treaty A",
                  article="16", paragraph="(2)")
    answer, _, _ = Extractor.compose(r, [(Hit(chunk, 1.0, 1), (0, len(plain)))], "", frozenset())
    assert answer == f"“{plain}” [1] — Treaty A, Art. 16(2)"
    # the drafting frame alone left out: the lead stands in the quote's place (not the paragraph twice over), and
    # the citation still quotes it whole
    framed = ("Each Party shall adopt such legislative and other measures as may be necessary to oblige a person to "
              "preserve specified stored data in that person's possession or control for as long as necessary, up to "
              "a maximum of ninety days, and to keep the undertaking of such procedures confidential.")
    chunk = Chunk(id="a-16-3", doc_id="a", text=framed, locator="Treaty A, Art. 16(3)", short_name="Treaty A",
                  article="16", paragraph="(3)")
    later = Chunk(id="a-16-4", doc_id="a", text="The powers are subject to Articles 14 and 15.",
                  locator="Treaty A, Art. 16(4)", short_name="Treaty A", article="16", paragraph="(4)")
    answer, citations, sentences = Extractor.compose(
        r, [(Hit(chunk, 1.0, 1), (0, len(framed))), (Hit(later, 0.9, 2), (0, len(later.text)))], "", frame)
    assert answer.split("\n\n") == [
        "“Each Party shall … oblige a person to preserve specified stored data in that person's possession or "
        "control for as long as necessary, up to a maximum of ninety days, and to keep the undertaking of such "
        "procedures confidential.” [1] — Treaty A, Art. 16(3)",
        "“The powers are subject to Articles 14 and 15.” [2] — Treaty A, Art. 16(4)"]
    assert citations[0].quote == framed and [s.citations for s in sentences] == [[1], [2]]


def test_what_an_article_says_opens_with_its_number_and_title():
    from assistant.answer.extractive import Extractor
    from assistant.types import Hit, Retrieval

    text = "1. Each Party shall establish the offence of illegal access."
    chunk = Chunk(id="a-2-1", doc_id="a", text=text, locator="Treaty A, Art. 2", short_name="Treaty A",
                  article="2", article_title="Illegal access")
    hit = Hit(chunk, 1.0, 1, sources=("article",))
    answer, _, _ = Extractor.compose(Retrieval("What does Article 2 say?", "What does Article 2 say?", [hit]),
                                     [(hit, (3, len(text)))], "")
    assert answer == "Treaty A, Art. 2 (Illegal access): “Each Party shall establish the offence of illegal access.” [1]"
    asked = Retrieval("Can a Party require intent under Article 2?", "Can a Party require intent under Article 2?", [hit])
    assert Extractor.compose(asked, [(hit, (3, len(text)))], "")[0].startswith("“Each Party")  # a detail: text first


@pytest.mark.parametrize("question,which", [
    ("Which article of the UN convention deals with money laundering?", True),
    ("Where does the Budapest Convention address jurisdiction?", True),
    ("In which article does the UN convention address extradition?", True),
    ("What provision governs jurisdiction?", True),
    ("Which articles govern the collection of evidence?", False),  # several: answered as any question
    ("Where is the UN convention opened for signature?", False),
    ("What does Article 2 say?", False),
    # what handles the requests is an authority, not a provision
    ("Where can a country find out which authority handles extradition requests?", False),
])
def test_a_question_asking_which_article_is_told_apart(question, which):
    from assistant.answer.asking import asks_which_article

    assert asks_which_article(question) is which


def test_which_article_deals_with_a_subject_is_answered_by_the_article_titled_so_from_its_rule():
    from assistant.answer.asking import article_asked, article_opening
    from assistant.answer.extractive import Extractor
    from assistant.types import Hit, Retrieval

    def chunk(article: str, paragraph: str, text: str, title: str) -> Chunk:
        return Chunk(id=f"a-{article}-{paragraph}", doc_id="a", text=text, locator=f"Treaty A, Art. {article}({paragraph})",
                     short_name="Treaty A", article=article, paragraph=f"({paragraph})", article_title=title)

    federal = chunk("41", "3", "Provisions under the jurisdiction of constituent States shall be notified.", "Federal clause")
    rule = chunk("22", "1", "Each Party shall establish jurisdiction over any offence committed in its territory.",
                 "Jurisdiction")
    later = chunk("22", "2", "Each Party may reserve the right not to apply these jurisdiction rules.", "Jurisdiction")
    hits = [Hit(federal, 1.0, 1), Hit(later, 0.9, 2), Hit(rule, 0.8, 3)]
    titles = {("a", "41"): "Federal clause", ("a", "22"): "Jurisdiction"}
    picked = [(hits[0], (0, len(federal.text)))]  # the best quote uses the word; another article's title says it
    question = "What provision of Treaty A governs jurisdiction?"
    key = article_asked(question, picked, hits, titles)
    assert key == ("a", "22")
    opening = article_opening(picked, hits, key, lambda doc, art: [c for c in (rule, later) if c.article == art])
    assert [(h.chunk.id, span) for h, span in opening] == [("a-22-1", (0, len(rule.text)))]
    answer, _, _ = Extractor.compose(Retrieval(question, question, hits), opening, "")
    assert answer.startswith("Treaty A, Art. 22(1) (Jurisdiction): “Each Party shall establish jurisdiction")
    # no title says more than the best quote's own article: that article, from its first paragraph retrieved
    best = [(hits[1], (0, len(later.text)))]
    assert article_asked("Which article allows reservations?", best, hits, titles) == ("a", "22")
    assert [h.chunk.id for h, _ in article_opening(best, hits, ("a", "22"), lambda d, a: [rule, later])] == \
        ["a-22-1", "a-22-2"]

    # "Which articles …?" asks for several, unless an article's whole title is among its words: that article lists
    # them ("Which Treaty A provisions can a country make a jurisdiction reservation to?": Art. 22 "Jurisdiction")
    from assistant.answer.asking import which_article

    several = "Which Treaty A articles govern the collection of evidence?"
    assert which_article(several, several, best, hits, titles) is None
    listing = "Which Treaty A provisions can a country make a jurisdiction reservation to?"
    assert which_article(listing, listing, best, hits, titles) == ("a", "22")
    assert which_article(question, question, picked, hits, titles) == ("a", "22")  # one article: as before


def test_a_question_naming_an_articles_title_is_answered_from_that_articles_rule():
    from assistant.answer.asking import article_titled
    from assistant.answer.directness import defines
    from assistant.types import Hit

    def chunk(article: str, title: str) -> Chunk:
        return Chunk(id=f"a-{article}", doc_id="a", text="Each Party shall act.", locator=f"Treaty A, Art. {article}",
                     article=article, article_title=title)

    collection, order = chunk("20", "Real-time collection of traffic data"), chunk("18", "Production order")
    hits = [Hit(collection, 1.0, 1), Hit(order, 0.9, 2)]
    titles = {("a", "20"): collection.article_title, ("a", "18"): order.article_title}
    assert article_titled("What is a production order under the ?", hits, titles) == ("a", "18")
    assert article_titled("What does the UN say about production orders?", hits, titles) == ("a", "18")
    assert article_titled("What is traffic data?", hits, titles) is None  # half the title: a term, not the article
    assert article_titled("Who may issue a production order?", hits, titles) is None  # a detail of it
    assert article_titled("Can Parties issue a production order without a treaty?", hits, titles) is None  # more
    assert defines('d) "traffic data" means any computer data relating to a communication')
    assert defines("(g) “Personal data” shall mean any information relating to an identified person;")
    assert not defines("Each Party shall adopt measures to order the production of data.")
    # the forms the definitions' reader knows: two terms defined at once, and a term with a clause before "mean"
    assert defines("(e) “Freezing” or “seizure” shall mean temporarily prohibiting the transfer of property;")
    assert defines("(l) “Confiscation”, which includes forfeiture where applicable, shall mean the permanent "
                   "deprivation of property by order of a court;")


def test_words_a_hyphen_joins_are_searched_as_the_treaties_write_them(tmp_path):
    from assistant.retrieve.query import phrase_stems, title_phrases, titles_quoted

    settings = Settings.from_env(env={}, store_dir=tmp_path / "store")
    words_only = Retriever(MemoryIndex(_chunks(), HashingEmbedder(), settings), MANIFEST, use_dense=False)
    hits = words_only.retrieve("Does Treaty A require witness-protection?").hits
    assert hits and hits[0].chunk.id == "a-3-1"  # "Protection of witnesses", though no text says "witness-protection"
    # an article's title is said word for word bar endings, whether its words are joined by spaces or hyphens
    phrases = title_phrases({("b", "36"): "Entry into force", ("b", "2"): "Expedited preservation"})
    assert titles_quoted(phrases, "How do the entry-into-force conditions differ?") == [("b", "36")]
    assert phrase_stems("entry-into-force") == phrase_stems("entry into force")


def test_a_hyphenated_word_the_corpus_never_writes_is_read_as_its_words():
    import numpy as np

    from assistant.retrieve.view import View

    view = View(0, [], np.zeros((0, 4)), {}, None, {}, {}, set(), {},
                text="Real-time collection of traffic data. This Convention shall enter into force on …")
    assert view.unhyphenated("When is the entry-into-force date?") == "When is the entry into force date?"
    assert view.unhyphenated("Is real-time collection allowed?") == "Is real-time collection allowed?"
    assert view.unhyphenated("real-timer and e-mail") == "real timer and e mail"  # whole words only


def test_an_introduction_run_on_through_its_list_is_known_by_where_its_own_words_end():
    from assistant.answer.quoting import introduction_end
    from assistant.grounding import sentence_spans

    text = ("1. States Parties shall cooperate with each other for the purpose of:\n(a) The investigation of offences;\n"
            "(b) The collecting of evidence. 2. Each Party shall act.")
    spans = sentence_spans(text)
    start = text.index("States")
    own = introduction_end(text, spans, start, text.index(" 2."))
    assert text[start:own].rstrip().endswith("purpose of:")
    assert introduction_end(text, spans, start, own) == 0  # the introduction alone runs on through nothing
    assert introduction_end(text, spans, text.index("Each"), len(text)) == 0  # a sentence with no list


def test_a_word_the_treaty_never_uses_is_matched_by_its_terms_in_a_question_whether_the_treaty_requires(tmp_path):
    """"prison" is in no treaty text: the sentence with its treaty terms ("deprivation of liberty") answers, not one
    that shares the question's other word ("available")."""
    texts = [("4", "Prevention", "Each State Party shall make information on offences available to the public."),
             ("5", "Sanctions", "Each State Party shall ensure that offences are punishable by sanctions, which include "
              "deprivation of liberty.")]
    chunks = [Chunk(id=f"a-{art}", doc_id="a", text=text, locator=f"Treaty A, Art. {art}", short_name="Treaty A",
                    heading=f"Article {art} – {title}", article=art, article_title=title, order=n)
              for n, (art, title, text) in enumerate(texts)]
    settings = Settings.from_env(env={}, store_dir=tmp_path / "store")
    index = MemoryIndex(chunks, HashingEmbedder(), settings)
    a = Assistant(settings, index=index, retriever=Retriever(index, MANIFEST), manifest=MANIFEST)
    question = "Does Treaty A require prison terms to be available for offences?"
    r = a.retriever.retrieve(question)
    best, _, _ = a.extractor.scored_sentences(r, r.hits)[0]
    assert best.chunk.locator == "Treaty A, Art. 5"
    assert a.ask(question).citations[0].locator == "Treaty A, Art. 5"
