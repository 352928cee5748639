"""A fair word on prompting taken back by a shortfall of its output reads plateaued; a fair word
with no contrast, a contrast about something else, a denied shortfall or a trained model reads
no plateau. Also: contract words in a record lookup are no deep domain."""

from __future__ import annotations

from handlers.assess.extract import RuleExtractor
from handlers.assess.fair_but import fair_but_short
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str, criterion: str = "prompt_results") -> object:
    return RULES.extract(text).answers.get(criterion)


def test_an_okay_but_shortfall_in_one_clause_or_two() -> None:
    assert reading("Prompting gives okay text but the style drifts.") == "plateaued"
    assert reading("Prompting gets the support messages okay but quality is uneven.") == "plateaued"
    assert reading("The model writes decent replies with a prompt, but the voice drifts off brand.") == "plateaued"
    assert reading("Prompts produce summaries that are okay but not quite in our format.") == "plateaued"
    assert reading("GPT-4 does an alright job, though it varies a lot from day to day") == "plateaued"
    assert reading("Few-shot prompting is fine. But the tone is inconsistent.") == "plateaued"


def test_the_pure_reader_on_two_clauses() -> None:
    found = fair_but_short("quality is uneven", 40, "prompting gets the messages okay", " but ")
    assert [(c.value, c.start) for c in found] == [("plateaued", 40)]
    assert fair_but_short("quality is uneven", 40, "prompting gets the messages okay", ". ") == []


def test_no_plateau_without_a_contrasted_shortfall_of_the_output() -> None:
    assert reading("prompting works okay and that's fine for us") != "plateaued"
    assert reading("Prompting writes our class descriptions okay, but the budget is tight.") != "plateaued"
    assert reading("The chatbot answers okay with a prompt, but our prices drift every day.") != "plateaued"
    assert reading("Prompting is fine but the tone never drifts.") != "plateaued"
    assert reading("Our fine-tuned model is okay but the style drifts.") != "plateaued"
    assert reading("Prompting is not okay, but the tone varies less than before.") != "plateaued"


def test_contract_words_in_a_record_lookup_are_no_deep_domain() -> None:
    assert reading("reps ask about rights/contract metadata for each title", "domain_specialisation") != "deep"
    assert reading("staff look up the end date on the contract record", "domain_specialisation") != "deep"
    assert reading("we need contract law reasoning like our partners", "domain_specialisation") == "deep"
    assert reading("the model reviews supplier contracts for risky clauses", "domain_specialisation") == "deep"
