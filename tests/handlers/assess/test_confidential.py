"""Material called confidential: proprietary data where no synonym names its kind; the team's own
prompt or plans kept secret, or a denial, say nothing of the task's data."""

from __future__ import annotations

from handlers.assess.confidential import confidential_material
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str) -> object:
    return RULES.extract(text).answers.get("private_data")


def test_material_called_confidential_is_proprietary_data() -> None:
    assert reading("The material is confidential.") == "datasets"
    assert reading("Our case notes are privileged, so they can't go into public tools.") == "datasets"
    assert reading("Everything we'd learn from is strictly under NDA.") == "datasets"
    assert reading("We mostly handle privileged correspondence for clients.") == "datasets"


def test_a_synonym_that_names_the_kind_decides() -> None:
    assert reading("Answers come from our internal wiki. The material is confidential.") == "documents"


def test_the_teams_own_secrets_and_denials_are_no_proprietary_data() -> None:
    assert confidential_material("our system prompt is confidential since competitors would copy it") is None
    assert confidential_material("the roadmap is secret for now") is None
    assert confidential_material("the model is sensitive to wording") is None
    assert confidential_material("nothing here is confidential") is None
    assert confidential_material("there is no confidential data involved") is None
