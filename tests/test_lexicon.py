"""The shipped word lists and the fast stemmer stand in for slower parts without changing a decision: the lists
are what wordfreq says, and the C stemmer gives the pure-Python stemmer's stems."""

import re

import pytest

from assistant import lexicon
from assistant.config import PROJECT_ROOT
from assistant.grounding import stem
from assistant.ingest.documents import load_file, locate


def test_the_shipped_word_lists_are_what_wordfreq_gives():
    common, ise = lexicon.generate()
    assert lexicon._read(lexicon.COMMON_FILE) == frozenset(common)
    assert lexicon._read(lexicon.ISE_FILE) == frozenset(ise)


def test_common_words_and_rare_ones():
    assert lexicon.is_common("happen") and lexicon.is_common("Clock")
    assert not lexicon.is_common("cryptocurrency") and not lexicon.is_common("interoperability")


def test_british_spellings_fold_unless_the_word_is_spelt_ise_everywhere():
    assert stem("criminalise") == stem("criminalize") == stem("criminalizing")
    assert stem("organisations") == stem("organizations")
    assert lexicon.stays_ise("supervise") and stem("supervise") == stem("supervision")
    assert stem("exercise") != stem("exercize")


@pytest.fixture(scope="module")
def words(manifest, corpus_dir) -> list[str]:
    """Every word of the eval questions and of the default corpus's documents (the UN print read from its PDF)."""
    texts = [(PROJECT_ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8")]
    for path in filter(None, (locate(d, [corpus_dir]) for d in manifest if d.default)):
        texts += [page.text for page in load_file(path)]
    assert len(texts) > 40  # the UN print's pages among them
    return sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)})


def test_the_c_stemmer_gives_the_pure_python_stemmers_stems(words):
    import snowballstemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    fast = snowballstemmer.stemmer("english")
    assert type(fast).__module__ == "Stemmer", "PyStemmer is not installed: stemming runs ~20x slower"
    assert len(words) > 2000
    slow = EnglishStemmer()
    assert [w for w in words if fast.stemWord(w) != slow.stemWord(w)] == []


def test_a_missing_word_list_says_which_file(tmp_path):
    from assistant.types import AssistantError

    with pytest.raises(AssistantError, match="gone.txt is missing or unreadable"):
        lexicon._read(tmp_path / "gone.txt")
