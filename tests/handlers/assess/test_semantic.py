"""The embedding matcher (shipped ONNX model): paraphrases no phrase rule lists, negation by
polarity, gaps only (the phrase rules win), and the shipped example vectors are fresh."""

from __future__ import annotations

from functools import cache

import numpy as np

from handlers.assess.clause_words import negative, reports_failure
from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import OnnxEmbedder, get_onnx_embedder
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.vectors import VECTORS_PATH, example_texts, example_vectors, fingerprint

RUBRIC = shipped_rubric()


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def answers(text: str) -> dict[str, object]:
    return dict(extractor().extract(text).answers)


def test_paraphrases_no_phrase_rule_lists() -> None:
    text = "The answers come from a pile of our own documents."
    # the phrase rules read only that answers are drawn from a body of knowledge (asked_knowledge.py)
    assert RuleExtractor(RUBRIC).extract(text).answers == {"knowledge_questions": "asked"}
    assert answers(text) == {"private_data": "documents", "knowledge_questions": "asked"}
    assert answers("Each answer should come with a reference so people can check it.") == {"cite_sources": "required"}
    assert answers("A contractor of ours has fine-tuned models before.")["ml_expertise"] == "strong"


def test_negation_decides_the_polarity() -> None:
    assert answers("No one on the team has ever trained a model.")["ml_expertise"] == "none"
    assert answers("We don't have anybody who does machine learning.")["ml_expertise"] == "none"
    assert negative("we don't have ML people") and not negative("we have ML people")


def test_denying_a_special_style_never_reads_as_deep_domain_language() -> None:
    """An example that describes a choice with a negated relative clause ("... that general models
    do not know") took denials ("we don't care about a special writing style") by polarity."""
    assert answers("We don't care about a special writing style.").get("domain_specialisation") != "deep"
    assert answers("We don't need any specialised professional writing style.").get("domain_specialisation") != "deep"
    assert all(not negative(t.text) for t in example_texts(RUBRIC) if t.choice == "deep")


def test_the_phrase_rules_win_where_both_read_something() -> None:
    found = extractor().extract("Tight budget. We need it in 2 weeks.")
    assert found.answers["budget"] == "low" and found.answers["timeline"] == "weeks"


def test_unrelated_text_reads_nothing() -> None:
    assert answers("The weather in Lisbon was lovely last spring.") == {}


def test_a_change_whose_subject_no_list_names_is_placed_by_similarity() -> None:
    assert answers("Our opening hours and promotions change every day.")["facts_change"] == "daily"


def test_the_fastest_stated_change_governs() -> None:
    text = "The menu changes monthly. Our facts change daily."
    assert answers(text)["facts_change"] == "daily"


def test_a_broken_model_leaves_the_phrase_rules_working() -> None:
    def broken() -> OptionMatcher:
        raise RuntimeError("no model")

    x = RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, broken))  # type: ignore[arg-type]
    assert x.extract("tight budget, docs change weekly").answers == {"facts_change": "weekly", "budget": "low"}
    assert x.matcher is None
    y = RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, broken))  # type: ignore[arg-type]
    assert y.extract("the numbers change daily").answers == {}  # the subject fallback degrades too
    assert y.matcher is None


def test_shipped_example_vectors_are_fresh() -> None:
    """Edit the examples, then run `python -m knowledge.rubric.vectors`."""
    texts = example_texts(RUBRIC)
    with np.load(VECTORS_PATH) as data:
        assert str(data["fingerprint"]) == fingerprint(texts, get_onnx_embedder().name)
        assert data["vectors"].shape == (len(texts), 384)
    shipped = example_vectors(RUBRIC, get_onnx_embedder())
    fresh = get_onnx_embedder().embed_documents([texts[0].text, texts[-1].text])
    assert np.allclose(shipped[[0, -1]], fresh, atol=2e-3)


def test_fast_load_reuses_a_loaded_model_and_embeds_the_same() -> None:
    loaded = get_onnx_embedder()
    assert get_onnx_embedder(fast_load=True) is loaded
    light = OnnxEmbedder(optimize=False)  # what a one-shot `assess --from-text` loads
    text = ["nobody on the team knows machine learning"]
    assert np.allclose(light.embed_documents(text), loaded.embed_documents(text), atol=2e-3)


def test_a_wish_reports_no_experience_with_prompting() -> None:
    assert "prompt_results" not in answers("We'd like one base model with a tiny learned prompt per customer.")
    assert answers("The prompted model does a good job for us.").get("prompt_results") == "working"


def test_talk_about_the_approaches_says_nothing_about_the_team() -> None:
    for text in (
        "We can't afford full fine-tuning.",
        "Full fine-tuning is not in the budget.",
        "We don't want to fine-tune a huge model.",
    ):
        assert "ml_expertise" not in answers(text), text
    assert answers("Our devs have never fine-tuned anything.")["ml_expertise"] == "none"
    assert answers("None of us has done machine learning.")["ml_expertise"] == "none"


def test_a_wish_covers_its_whole_sentence() -> None:
    text = "Ideally something between hand-written prompts and real training, where the prompt itself gets learned."
    assert "prompt_results" not in answers(text)


def test_an_undecided_change_falls_back_to_the_facts_only_when_they_are_close() -> None:
    # runbooks are content, but nearly as close to the requirements' `about`: the facts govern
    assert answers("dozens of engineers edit our runbooks every day").get("facts_change") == "daily"
    assert answers("stories move by the hour").get("facts_change") == "daily"
    found = answers("our team changes every week")  # people, not content: neither criterion
    assert "facts_change" not in found and "requirements_change" not in found
    assert answers("we change the prompt every week").get("requirements_change") == "weekly"


def test_an_idiom_with_a_negative_word_negates_nothing() -> None:
    assert not negative("no matter how we phrase the prompt it still makes the same mistakes")
    assert negative("no one here knows ML")
    assert answers("everything has to stay inside our data center").get("deployment") == "on_premise"


def test_a_clause_stating_a_limit_never_takes_the_plenty_end_of_a_resource() -> None:
    # the clause is about GPUs, close to "our own GPUs" (high); the limit is what it states
    assert answers("our GPUs are small and shared with three other teams").get("budget") != "high"
    assert answers("we have plenty of GPUs of our own").get("budget") == "high"


def test_each_statement_joined_by_and_is_read_on_its_own() -> None:
    # joined, the first statement's words drown the second; split, the second reads, negated
    text = "The reports go to regional managers and nobody here has ever trained a model."
    assert answers(text) == {"ml_expertise": "none"}


def test_a_statement_a_rule_reads_whole_gives_no_second_answer_by_similarity() -> None:
    assert answers("We can't afford mistakes.") == {"accuracy_stakes": "high"}  # not a tight budget
    assert answers("We have a data scientist.") == {"ml_expertise": "some"}  # not private datasets


def test_a_clause_about_a_model_with_no_person_in_it_states_no_expertise() -> None:
    # "models" brings both close to "people who have fine-tuned models before"; no person in them
    assert "ml_expertise" not in answers("Off-the-shelf models already do a decent job.")
    assert "ml_expertise" not in answers("It uses phrasing which general-purpose models fail to reproduce.")
    # with a person in the clause, the reading stands
    assert answers("Nobody here has ever trained a model.")["ml_expertise"] == "none"
    assert answers("We are 2 people; neither has ever trained a model.")["ml_expertise"] == "none"  # a pronoun


def test_per_item_work_read_by_the_matcher_is_no_change() -> None:
    """A clause whose subject no list names is read by the embedding matcher: work done for each
    request is no pace of change, a change with every transaction is faster than daily."""
    read = answers("We want a small add-on that is loaded for each request.")
    assert "facts_change" not in read and "requirements_change" not in read
    assert answers("Records change with every transaction.").get("facts_change") == "daily"


def test_a_copula_with_a_frequency_states_no_change() -> None:
    """"is" ties a subject to what it is, not to how often it changes: a clause whose only change
    word is a copula reports no pace, whatever frequency it names; "new" with a frequency still
    reports arrivals."""
    for text in (
        "Our IT is one contractor who comes in on Fridays.",
        "The budget is a few hundred bucks a month.",
        "Every point of scoring accuracy is worth a lot of money to us.",
    ):
        assert "facts_change" not in answers(text), text
    assert answers("The underlying figures are new every day.").get("facts_change") == "daily"
def test_a_statement_with_no_word_of_consequence_states_no_stakes() -> None:
    # the matcher reads "drafting" close to "drafts that someone edits anyway"; wanting a style
    # says nothing of what a wrong answer costs
    assert "accuracy_stakes" not in answers("We'd like a drafting assistant that writes like us.")
    assert answers("No big deal if it is occasionally off.")["accuracy_stakes"] == "low"
    assert answers("A wrong answer could harm a customer.")["accuracy_stakes"] == "high"


def test_a_clause_that_reports_a_failure_never_takes_the_success_of_an_outcome() -> None:
    # "misread" carries the failure, no negation does: close to "prompting already works well" all the same
    matcher = OptionMatcher(RUBRIC, get_onnx_embedder)
    clause = "the off-the-shelf models misread them badly no matter how we phrase the prompt"
    assert ("prompt_results", "working") not in {(h.criterion, h.value) for h in matcher.match([(0, clause)])}
    assert reports_failure("the stock model gets the intents wrong")
    assert not reports_failure("the prompted model never gets them wrong")
    assert answers("Prompting does a good job on these.")["prompt_results"] == "working"


def test_a_clause_with_no_word_of_money_or_compute_states_no_budget() -> None:
    # "train models" and "team" lie close to the budget examples ("training our own model is more than
    # we can pay for"); with no word of money or compute the clause states no budget
    assert "budget" not in answers("Our partner's team can train models for us.")
    assert "budget" not in answers("A handful of colleagues who could train models if asked.")
    # with money or compute in the clause, the reading stands
    assert answers("We are short on cash.")["budget"] == "low"
    assert answers("Only a few hundred dollars a month for this.")["budget"] == "low"
