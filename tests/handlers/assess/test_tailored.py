"""An output form set per recipient or request (handlers/assess/tailored.py), alone and through the
rule-based extractor (no embedding matcher), with the two-part tasks it makes hybrids of; and the
rubric words a two-part task's trained half is read by (a fixed taxonomy, "our 25 classes",
"getting it right matters")."""

from __future__ import annotations

import pytest

from handlers.assess.engine import score
from handlers.assess.extract import RuleExtractor
from handlers.assess.tailored import PACE, REQUIREMENTS, tailored_form
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


@pytest.mark.parametrize(
    "text",
    [
        # a distributive tying a changing form to its recipient
        "the formatting has to change per downstream consumer",
        "each summary gets written up differently depending on which regulator receives it",
        "the letter is worded per corporate account",
        "the layout varies for each retailer we deliver to",
        # the recipient's choice
        "each memo drafted to whatever structure the director asks for that day",
        "the briefing is shaped however the client happens to want it",
        "the nurse decides on the spot how the advice should be phrased",
        # no two alike
        "no two of the desk's requests want the same layout",
        # each recipient wants a form of its own
        "each marketplace wants a different length",
        "every bank expects the output laid out its own way",
        "each agency asks for it in a different structure",
        "every editor wants the summary set out their own way",
    ],
)
def test_a_form_set_per_recipient_or_request_changes_the_requirements(text: str) -> None:
    assert [(c.criterion, c.value) for c in tailored_form(text, 0)] == [(REQUIREMENTS, PACE)]


@pytest.mark.parametrize(
    "text",
    [
        "every supplier sends invoices in a different layout",  # the inputs differ
        "every department gets exactly the same layout",  # one form for all
        "each client has its own layout, which never changes",  # said to stay put
        "each partner wants its own layout and it stays fixed",
        "the format costs 300 tokens per day",  # a rate
        "the layout is rendered per request in 20 ms",  # nothing changes
        "no client wants a different format",  # denied
        "each client wants a different discount",  # no form of the output
        "we classify 40k tickets per week into 30 queues",  # no form word
        "every team wants its own model",  # a stored variant, not a form
        "each brand wants its own tone",  # per-variant style is variant_style's
    ],
)
def test_look_alikes_state_no_tailored_form(text: str) -> None:
    assert tailored_form(text, 0) == []


def test_the_candidate_spans_the_form_and_its_tie() -> None:
    text = "Then the report has to be written up differently depending on which port receives it."
    (cand,) = tailored_form(text, 7)
    assert cand.snippet == "written up differently depending on which port"
    assert cand.start == 7 + text.index("written up")


def test_a_faster_tailored_form_governs_a_stable_core() -> None:
    text = (
        "We classify clauses from 30k tagged agreements, a job that hasn't changed in years. "
        "Directors also want briefings, each one drafted to whatever structure they ask for that day."
    )
    assert answers(text)["requirements_change"] == PACE


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("we classify permit applications into a fixed taxonomy", "output_format", "strict"),
        ("inspection notes get sorted into our 25 defect classes", "output_format", "strict"),
        ("getting it right really matters for these claims", "accuracy_stakes", "high"),
        ("getting this right is critical", "accuracy_stakes", "high"),
    ],
)
def test_the_trained_half_s_words(text: str, criterion: str, value: str) -> None:
    assert answers(text)[criterion] == value


@pytest.mark.parametrize(
    "text",
    [
        (
            "Port authority. We classify cargo incident reports into a fixed taxonomy and have 20k "
            "labelled reports. Each report has to be written up differently depending on which ministry "
            "receives it. Our ML team has three engineers."
        ),
        (
            "Grain trader. Contract checks against our checklist: 30k checked contracts and three ML "
            "engineers. Traders also ask for one-off market notes, and no two of those requests want the "
            "same layout."
        ),
    ],
)
def test_a_stable_core_with_a_tailored_form_is_a_hybrid(text: str) -> None:
    assert score(RUBRIC, answers(text)).top == "hybrid"


def test_one_form_for_every_consumer_stays_a_fine_tune() -> None:
    text = (
        "We classify payment exceptions into 18 stable reason codes, with 50k labelled exceptions and "
        "an ML team of four. Every department gets exactly the same report layout."
    )
    assert "requirements_change" not in answers(text) or answers(text)["requirements_change"] == "rarely"
    assert score(RUBRIC, answers(text)).top in {"peft", "full_fine_tuning"}
