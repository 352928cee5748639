"""Per-unit customisation and affordability (handlers/assess/variants.py), alone and through the
rule-based extractor (no embedding matcher: these are the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.variants import affordability, per_task, unaffordable
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


@pytest.mark.parametrize(
    "text",
    [
        "we want to customise the assistant for each of our 9 regions",
        "could we train something light per store?",
        "a tiny learned add-on that switches per tenant",
        "the base model needs a nudge per report type",
        "we'd have to host 12 separate fine-tunes",
        "running twenty models side by side is too much for us, we'd need to train them all",
        "we can't afford a dedicated fine-tune for every market",
        "we can't afford to keep 60 separately trained model copies",
        "hosting 90 fully fine-tuned models is beyond us",
        "we'd like a version tailored to each of our 9 regions",
    ],
)
def test_per_unit_customisation_is_per_task(text: str) -> None:
    assert [c.value for c in per_task(text, 0)] == ["per_task"]


@pytest.mark.parametrize(
    "text",
    [
        "we retrain the model once per quarter",  # time
        "the model answers about 300 requests per day",  # time / volume
        "we use one model and get 300 documents per customer",  # a count per unit, no variant
        "we tune the prompt for each ticket",  # one input, not a task
        "the classifier picks one model per label",  # an output class
        "we don't need a separate model per customer",  # the need itself is denied
        "we compared 3 models last week",  # counted, but nothing is trained or hosted
        "each customer gets the same answers",  # no customising word
    ],
)
def test_other_per_phrases_are_not(text: str) -> None:
    assert per_task(text, 0) == []


@pytest.mark.parametrize(
    "text",
    [
        "we can't afford full fine-tuning",
        "retraining everything is out of reach for us",
        "a second retrain isn't in the budget",
        "we're compute-poor",
        "honestly we're short on gpus",
        "we could never justify paying for that",
        "a full fine-tune is more than we can spend",
    ],
)
def test_affordability_is_a_tight_budget(text: str) -> None:
    assert [c.value for c in affordability(text, 0)] == ["low"]
    assert answers(text).get("budget") == "low"


@pytest.mark.parametrize(
    "text",
    [
        "we can't afford to quote a withdrawn tariff to a client",
        "we cant afford to lose a customer over a wrong delivery date",
        "the desk cannot afford to miss a sanctions hit",
    ],
)
def test_what_the_team_cannot_risk_doing_is_high_stakes_not_a_budget(text: str) -> None:
    assert [(c.criterion, c.value) for c in affordability(text, 0)] == [("accuracy_stakes", "high")]
    got = answers(text)
    assert got.get("accuracy_stakes") == "high" and "budget" not in got


@pytest.mark.parametrize(
    "text",
    [
        "we can't justify another year of doing it by hand",  # the status quo refused, not money
        "we cannot justify one more month of manual tagging",
    ],
)
def test_refusing_more_time_on_the_old_way_is_no_budget(text: str) -> None:
    assert affordability(text, 0) == []


def test_refusing_to_pay_for_training_is_still_a_tight_budget() -> None:
    assert [c.value for c in affordability("finance can't justify paying for model training", 0)] == ["low"]


@pytest.mark.parametrize(
    "text",
    [
        "we can't afford to train our own model",
        "we cannot afford to host a second copy",
        "we can't afford to redo the adapter every release",
    ],
)
def test_what_money_would_buy_stays_a_budget(text: str) -> None:
    assert [(c.criterion, c.value) for c in affordability(text, 0)] == [("budget", "low")]


def test_a_stated_budget_level_beats_affordability() -> None:
    # "can't pay for full fine-tuning" prices one option; "moderate compute" states the level
    assert answers("a full fine-tune is more than we can pay for. moderate compute budget.")["budget"] == "medium"


def test_affordability_keeps_the_per_unit_need() -> None:
    got = answers("we can't afford a separate fine-tune for each product line")
    assert got["task_variants"] == "per_task"
    assert got["budget"] == "low"


def test_a_name_with_a_number_is_no_count() -> None:
    assert answers("ICD-10 coding. 25k coded notes.")["labelled_examples"] == 25000
    assert "labelled_examples" not in answers("we tried GPT-4 on the notes")


def test_a_count_per_unit_beats_the_count_of_units() -> None:
    assert answers("8 dialects, ~3k examples each")["labelled_examples"] == 3000
    assert answers("12 tenants with around 900 labelled rows per tenant")["labelled_examples"] == 900


def test_a_duration_is_no_frequency() -> None:
    assert "facts_change" not in answers("we can rent a GPU for a week, not more")
    assert "requirements_change" not in answers("we've iterated on prompts for a month")
    assert answers("prices update a week at a time, every week")["facts_change"] == "weekly"


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("the output has to be one of our 40 approved codes", "output_format", "strict"),
        ("it must write our report syntax consistently", "output_format", "strict"),
        ("accuracy tops out around 80% with prompts", "prompt_results", "plateaued"),
        ("we need something better than our current prompts", "prompt_results", "plateaued"),
        ("store a small file per pair and keep the base model frozen", "task_variants", "per_task"),
    ],
)
def test_related_readings(text: str, criterion: str, value: str) -> None:
    assert answers(text).get(criterion) == value


def test_a_budget_word_in_what_cannot_be_paid_for_is_denied() -> None:
    text = "we don't have the budget for a big gpu cluster"
    assert unaffordable(text, text.index("gpu cluster"))
    assert not unaffordable(text, 0)
    later = "a gpu cluster is out of reach"
    assert unaffordable(later, later.index("gpu cluster")) and not unaffordable(later, len(later) - 1)
    assert answers("We don't have the budget for a big GPU cluster.") == {"budget": "low"}
    assert answers("A GPU cluster is out of reach for us.") == {"budget": "low"}


def test_mistakes_one_cannot_afford_are_stakes_not_money() -> None:
    assert affordability("we can't afford mistakes", 0) == []
    assert affordability("we cannot afford to get any errors", 0) == []
    assert [c.value for c in affordability("we can't afford a big training run", 0)] == ["low"]


@pytest.mark.parametrize(
    "text",
    [
        "the partners won't sign off on a large compute spend",
        "the owners said they won't sign off on paying for gpus",
        "the managing partner won't approve any real spend on compute",
        "finance will not pay for a gpu box",
        "our director is reluctant to fund anything like that",
        "leadership has no appetite for spending on training models",
        "there is little appetite for big cloud bills here",
        "it's hard to justify the cost of training",
    ],
)
def test_a_refusal_to_spend_is_a_tight_budget(text: str) -> None:
    assert [(c.criterion, c.value) for c in affordability(text, 0)] == [("budget", "low")]


@pytest.mark.parametrize(
    "text",
    [
        "the partners signed off on the gpu budget",  # approved, not refused
        "compliance won't approve sending data to a vendor",  # refused, but not money
        "legal won't sign off on this",
        "we won't spend time labelling thousands of rows",  # time, not money
        "our customers won't pay for a slow answer",  # the market's price, not the team's budget
        "users will not pay extra for it",
    ],
)
def test_approvals_refusals_of_other_things_and_customers_prices_are_no_budget(text: str) -> None:
    assert affordability(text, 0) == []


def test_a_refused_spend_denies_the_budget_word_in_it() -> None:
    text = "the board won't sign off on a big gpu budget"
    assert unaffordable(text, text.index("big gpu budget"))
    assert answers("The board won't sign off on a big GPU budget.") == {"budget": "low"}


@pytest.mark.parametrize(
    "text",
    [
        "no budget for more",
        "no money for a cluster",
        "we can't afford a GPU cluster",
        "no budget for anything bigger",
        "there's no funding for a second card",
    ],
)
def test_a_ceiling_over_stated_resources_is_no_tight_budget(text: str) -> None:
    assert affordability(text, 0) == []


def test_a_rented_card_with_no_budget_for_more_is_a_single_machine_budget() -> None:
    assert X.extract("We can rent one A100 for a month; no budget for more.").answers.get("budget") == "medium"
    assert X.extract("We have no budget for GPUs.").answers.get("budget") == "low"
    assert X.extract("no budget for anything").answers.get("budget") == "low"
