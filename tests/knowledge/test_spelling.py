"""knowledge.spelling: typos corrected against the indexed text's own words, real words left alone."""

from __future__ import annotations

from knowledge.spelling import Speller, distance, max_distance

TEXT = (
    "Retrieval-augmented generation keeps the knowledge separate. Prompting needs a minimal number of "
    "examples; fine-tuning needs larger labeled datasets and more requirements. Actually, the performance "
    "and the parameters matter. Engineering a prompt is a process."
)


def speller(words: set[str] | None = None) -> Speller:
    s = Speller(is_word=lambda w: w in (words or set()))
    s.add([TEXT])
    return s


def test_distance_counts_a_swap_of_neighbours_as_one_edit() -> None:
    assert distance("retreival", "retrieval") == 1
    assert distance("promting", "prompting") == 1
    assert distance("requirments", "requirements") == 1
    assert distance("paramaters", "parameters") == 1
    assert distance("abc", "abc") == 0
    assert distance("kitten", "sitting") == 3


def test_short_words_are_never_corrected_and_long_ones_go_further() -> None:
    assert max_distance("rgas") == 0
    assert max_distance("promt") == 1
    assert max_distance("actualy") == 1
    assert max_distance("retreival") == 2


def test_typos_become_the_indexed_words() -> None:
    s = speller()
    assert s.correction("retreival") == "retrieval"
    assert s.correction("actualy") == "actually"
    assert s.correction("seperate") == "separate"
    assert s.correction("requirments") == "requirements"
    assert s.correction("promt") == "prompt"
    assert s.correction("labled") == "labeled"
    assert s.correction("proccess") == "process"
    assert s.correction("engneering") == "engineering"


def test_two_edits_only_for_long_words() -> None:
    s = speller()
    assert s.correction("parammaters") == "parameters"  # 11 letters: two edits (an extra m, a for e)
    assert s.correction("prmting") is None  # 7 letters: one edit at most


def test_known_short_and_real_words_are_left_alone() -> None:
    s = speller(words={"guitar", "knob", "cope", "founders", "tables"})
    assert s.correction("prompting") is None  # in the vocabulary
    assert s.correction("promptly") is None  # "prompt" + "ly": a real word with an ending
    assert s.correction("tables") is None  # a whole word to the encoder
    assert s.correction("knobs") is None  # an inflection of a whole word
    assert s.correction("cofounders") is None  # a prefix on one
    assert s.correction("datas") is None  # four letters before the ending: too short to correct
    assert s.correction("finetuned") is None  # its terms ("fine", "tun") are the vocabulary's


def test_correct_replaces_only_the_misspelt_words() -> None:
    s = speller()
    assert s.correct("whats retreival, actualy? LoRA") == "whats retrieval, actually? LoRA"
    assert s.correct("FT vs PE w/o labled data") == "FT vs prompt engineering without labeled data"
    assert s.correct("Seperate the promt") == "separate the prompt"


def test_words_are_added_as_text_is_indexed() -> None:
    s = speller()
    assert s.correction("xgbost") is None
    s.add(["we tune xgboost models"])
    assert "xgboost" in s
    assert s.correction("xgbost") == "xgboost"


def test_ties_go_to_the_word_the_text_uses_most() -> None:
    s = Speller()
    s.add(["model model model", "modal"])
    assert s.correction("moddl") == "model"
