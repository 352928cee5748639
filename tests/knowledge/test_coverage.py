from __future__ import annotations

from knowledge.coverage import CoverageJudge
from knowledge.keyword import KeywordIndex
from knowledge.types import Chunk, Passage

CHUNK = Chunk(id="a#1", doc_id="a", title="Guide", source="S",
              text="Fine-tuning adapts model weights; hyperparameters matter.")
INDEX = KeywordIndex([CHUNK])


def passages(cos: float) -> list[Passage]:
    return [Passage(chunk=CHUNK, vector_score=cos)]

JUDGE = CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in {"tune", "model", "support", "tickets"})


def test_strong_similarity_is_covered() -> None:
    assert JUDGE.covered("anything at all", passages(0.5))


def test_domain_anchor_lowers_the_bar() -> None:
    assert JUDGE.covered("should we fine-tune or use RAG for support tickets?", passages(0.26))
    assert not JUDGE.covered("what about support tickets?", passages(0.26))


def test_a_field_word_lowers_the_bar_only_without_foreign_words() -> None:
    vocabulary = {"which", "approach", "support", "tickets"}
    judge = CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in vocabulary)
    assert judge.covered("which approach for support tickets?", passages(0.2))
    assert not judge.covered("which approach for zookeeper tickets?", passages(0.2))
    assert not judge.covered("which approach for support tickets?", passages(0.1))


def test_inflections_and_expansion_words_are_not_foreign() -> None:
    assert JUDGE.foreign_words("the quickest knobs on-prem") == []
    assert JUDGE.foreign_words("models adapted") == []


def test_foreign_topic_word_blocks_a_middling_match() -> None:
    assert JUDGE.foreign_words("how do I tune hyperparameters for an XGBoost model?") == ["xgboost"]
    assert not JUDGE.covered("how do I tune hyperparameters for an XGBoost model?", passages(0.44))
    assert JUDGE.covered("how do I tune hyperparameters for a model?", passages(0.34))


def test_nothing_retrieved_is_not_covered() -> None:
    assert not JUDGE.covered("fine-tune?", [])


def test_a_close_ask_covers_a_question_without_a_foreign_word() -> None:
    close = [Passage(chunk=CHUNK, vector_score=0.2, ask_score=0.6)]
    far = [Passage(chunk=CHUNK, vector_score=0.2, ask_score=0.4)]
    assert JUDGE.covered("do weights matter?", close)
    assert not JUDGE.covered("do weights matter?", far)
    assert not JUDGE.covered("do weights matter for a snare?", close)  # "snare": a foreign topic word


def test_words_of_the_asks_are_not_foreign() -> None:
    judge = CoverageJudge(INDEX, min_relevance=0.33, vocabulary=lambda t: t == "runway")
    assert "runway" in JUDGE.foreign_words("burn runway")
    assert "runway" not in judge.foreign_words("burn runway")


def test_everyday_words_of_the_field_lower_the_bar() -> None:
    vocabulary = {"should", "train", "bot", "replies", "support", "tickets"}
    judge = CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in vocabulary)
    assert judge.covered("should we train on support tickets?", passages(0.2))
    assert judge.covered("the bot replies to support tickets", passages(0.2))
    assert not judge.covered("what about support tickets?", passages(0.2))


def test_questions_about_the_articles_are_in_the_field() -> None:
    named = Chunk(id="b#1", doc_id="b", title="Guide", source="ft-advisor summary of Acmewise", kind="corpus",
                  text="Fine-tuning adapts model weights.")
    known = {"when", "published"}
    judge = CoverageJudge(KeywordIndex([CHUNK, named]), min_relevance=0.33, whole_word=lambda w: w in known)
    assert judge.covered("when was it published?", passages(0.2))
    assert judge.covered("when did acmewise say so?", [Passage(chunk=named, vector_score=0.2)])
    assert not judge.covered("when did acmewise say so?", passages(0.2))  # the name of no retrieved source


def test_a_close_ask_with_a_field_word_is_covered_below_the_similarity_bar() -> None:
    assert JUDGE.covered("model weights?", [Passage(chunk=CHUNK, vector_score=0.1, ask_score=0.46)])
    assert not JUDGE.covered("model weights?", [Passage(chunk=CHUNK, vector_score=0.1, ask_score=0.4)])


def test_a_repeated_known_action_is_not_foreign() -> None:
    assert JUDGE.foreign_words("retune") == []
    assert JUDGE.foreign_words("rexgboost") == ["rexgboost"]


def test_a_misspelt_word_is_read_spelt_right_neither_foreign_nor_a_missing_anchor() -> None:
    def spell(text: str) -> str:
        return text.replace("retreival", "retrieval").replace("actualy", "actually")

    judge = CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in {"what", "does", "keep"},
                          vocabulary=lambda t: t == "actually", spell=spell)
    assert judge.covered("what does retreival keep?", passages(0.26))  # the anchor "retrieval"
    assert not JUDGE.covered("what does retreival keep?", passages(0.26))
    assert judge.covered("what does it actualy keep?", passages(0.34))  # no foreign word left
    assert not CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in {"what", "does", "keep"},
                             vocabulary=lambda t: t == "actually").covered("what does it actualy keep?", passages(0.34))


def test_everyday_words_built_of_known_words_are_not_foreign() -> None:
    judge = CoverageJudge(INDEX, min_relevance=0.33, whole_word=lambda w: w in {"help", "desk", "memory", "do", "work"},
                          clipped=lambda w: w == "prod")
    assert judge.foreign_words("our helpdesk bot can memorize and dont work in prod") == []
    assert JUDGE.foreign_words("our helpdesk bot in prod") == ["helpdesk", "prod"]
    assert judge.foreign_words("an xgboost bot") == ["xgboost"]
