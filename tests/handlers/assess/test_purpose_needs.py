"""Output-format, frozen-model and citation needs told by what they serve
(handlers/assess/purpose_needs.py), alone and through the rule-based extractor (no embedding
matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.purpose_needs import purpose_needs
from handlers.assess.text_cues import normalise, split_clauses
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _read(text: str) -> list[tuple[str, object]]:
    clean = normalise(text)
    return [(c.criterion, c.value) for o, cl in split_clauses(clean) for c in purpose_needs(cl, o)]


@pytest.mark.parametrize(
    "text",
    [
        "the letters must follow a rigid layout",
        "reports go out in our fixed two-column layout",
        "incident notes in our house format, which is very particular: timeline first",
        "post-mortems written in our own very particular structure",
        "the layout is non-negotiable",
        "the client is extremely picky about the layout",
        "every notice has to come out in precisely the same layout",
        "a claims system downstream parses them",
        "a mail-sorting robot reads the notices later on",
        "the labels are read by a machine at the warehouse",
        "our ERP import breaks whenever a field is out of place",
        "the loader rejects them if a column is missing",
    ],
)
def test_a_layout_something_depends_on_is_strict(text: str) -> None:
    assert ("output_format", "strict") in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "a flexible layout is fine",
        "the input format is fixed by the scanner vendor",  # what comes in, not what goes out
        "our support system reads incoming emails and drafts replies",  # the input, read by a system
        "a section of the team handles escalations",
        "we fixed the formatting bug last week",
        "we fixed formatting issues last week",
        "we don't need a rigid layout",  # denied, but not as a plain "no layout" that says free
    ],
)
def test_no_layout_constraint_reads_no_strict_format(text: str) -> None:
    assert ("output_format", "strict") not in _read(text)


def test_a_layout_denied_its_rigidity_is_free() -> None:
    assert _read("relaxed banter, no fixed layout, nothing parses the replies") == [("output_format", "free")]


@pytest.mark.parametrize(
    "text",
    [
        "the base model stays untouched",
        "one shared base model, which has to stay exactly as it is",
        "the customization must leave the base model untouched",
        "the foundation model must remain frozen",
        "we cannot alter the vendor's model in any way",
        "we are not allowed to modify the licensed model",
        "the model is certified, so its parameters are not ours to change",
    ],
)
def test_a_model_that_must_stay_as_it_is_freezes_the_weights(text: str) -> None:
    assert ("training", "weights_frozen") in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "our base model has been left untouched since launch",  # history, not a constraint
        "the budget stays untouched until march",  # no model
        "we don't need the base model to stay frozen",
        "we can't change the model we use, procurement picked it",  # which model, not its weights
        "the model remained unchanged for a year",
    ],
)
def test_no_constraint_on_the_model_reads_no_frozen_weights(text: str) -> None:
    assert ("training", "weights_frozen") not in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "each library's add-on should be tiny",
        "every client's own plug-in",
        "each team may get its own tiny tuned piece placed in front of it",
        "every tenant gets their own soft prompt",
    ],
)
def test_an_add_on_of_each_units_own_is_a_variant_per_task(text: str) -> None:
    assert ("task_variants", "per_task") in _read(text)


@pytest.mark.parametrize(
    "text",
    ["each library's catalogue is different", "every team gets its own dashboard", "we have an add-on for slack"],
)
def test_no_add_on_per_unit_reads_no_variant(text: str) -> None:
    assert ("task_variants", "per_task") not in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "reviewers want to see exactly which section of which label version the answer came from",
        "people must see which paragraph of which handbook edition the answer is based on",
        "auditors want the exact regulation clause it rests on",
        "every reply can be followed back to the exact regulation clause",
        "each answer must be traced back to a specific paragraph",
        "point them to the page of the monograph where it found the answer",
    ],
)
def test_where_an_answer_came_from_must_be_shown(text: str) -> None:
    assert ("cite_sources", "required") in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "we pull data from many sources (crm, billing, tickets)",
        "a section of the team handles escalations",
        "we want to know what version they are on",
        "the outage was traced back to a bad deploy",
        "we don't need to see which section the answer came from",
    ],
)
def test_no_passage_behind_an_answer_reads_no_citation(text: str) -> None:
    assert ("cite_sources", "required") not in _read(text)


def test_the_extractor_reads_the_needs_from_a_whole_use_case() -> None:
    answers = X.extract(
        "Letters must follow a rigid layout because a fax-processing system downstream parses them. "
        "The base model stays untouched and each branch's add-on should be tiny. "
        "Reviewers want to see which section of which manual edition the answer came from."
    ).answers
    assert answers["output_format"] == "strict"
    assert answers["training"] == "weights_frozen"
    assert answers["task_variants"] == "per_task"
    assert answers["cite_sources"] == "required"
