"""What a change verb says changes when no word list names its subject (`handlers.assess.changed_kind`)."""

from __future__ import annotations

from functools import cache

from handlers.assess.changed_kind import MODEL, changed_kind
from handlers.assess.semantic import OptionMatcher
from handlers.assess.things import FACTS, SCOPE, ThingClassifier
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


@cache
def things() -> ThingClassifier:
    return ThingClassifier(OptionMatcher(RUBRIC, get_onnx_embedder))


def kind(clause: str, verb: str | None, frequency: str, facts: tuple[str, ...] = ()) -> str | None:
    verbs = [] if verb is None else [(clause.index(verb), clause.index(verb) + len(verb))]
    return changed_kind(things(), clause, clause.index(frequency), verbs, lambda t: any(f in t for f in facts))


def test_the_model_itself_changing_is_no_change_the_rubric_asks_about() -> None:
    assert kind("we retrain the model every month", "retrain", "every month") == MODEL


def test_new_units_the_operation_serves_are_its_scope_unless_published() -> None:
    assert kind("we onboard a few new clients every month", None, "every month") == SCOPE
    assert kind("a few new endorsements come out every month", None, "every month") != SCOPE


def test_what_is_added_into_a_store_of_facts_is_content() -> None:
    clause = "we add more hotels to our listings every week"
    assert kind(clause, "add", "every week", facts=("our listings",)) == FACTS
    assert kind(clause, "add", "every week") != FACTS  # the same words, with no store of facts named
