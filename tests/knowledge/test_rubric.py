"""The decision rubric as data: it loads and validates, covers the issue's criteria, and every
citation resolves to a real passage of the shipped corpus (also as the search index chunks it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from knowledge.chunking import chunk_document
from knowledge.corpus_index import CORPUS_DIR, load_corpus_index, parse_markdown
from knowledge.loaders import load_document
from knowledge.passage_ids import slugify as slug
from knowledge.rubric.model import APPROACH_IDS, RUBRIC_PATH, Rubric, load_rubric, shipped_rubric

RUBRIC = shipped_rubric()

REQUIRED_CRITERIA = {
    "domain_specialisation",
    "labelled_examples",
    "request_volume",
    "requirements_change",
    "facts_change",
    "accuracy_stakes",
    "output_format",
    "timeline",
    "budget",
    "ml_expertise",
    "latency_sensitivity",
    "deployment",
    "private_data",
    "prompt_tokens",
}


def test_contract_approach_ids() -> None:
    assert [a.id for a in RUBRIC.approaches] == list(APPROACH_IDS)
    assert set(APPROACH_IDS) == {
        "prompt_engineering",
        "rag",
        "prompt_tuning",
        "peft",
        "full_fine_tuning",
        "hybrid",
    }


def test_criteria_cover_the_issue() -> None:
    assert set(RUBRIC.askable) >= REQUIRED_CRITERIA
    types = {c.id: c.type for c in RUBRIC.criteria}
    assert types["labelled_examples"] == "count" and types["request_volume"] == "rate"
    assert types["prompt_tokens"] == "tokens"
    for crit in RUBRIC.criteria:
        if crit.ask:
            assert crit.question.endswith("?") and len(crit.choices) >= 2, crit.id


def test_every_rule_has_a_reason_and_a_resolving_citation() -> None:
    corpus = load_corpus_index()
    assert len(corpus) > 20
    for cite in RUBRIC.citations():
        passage = corpus.get(cite)
        assert passage is not None, f"{cite} is not a passage of knowledge/corpus"
        assert passage.text and passage.title
    assert all(r.reason for r in RUBRIC.rules)


def test_citations_are_passages_of_the_search_index_too() -> None:
    chunk_ids = {
        c.id for path in sorted(CORPUS_DIR.glob("*.md")) for c in chunk_document(load_document(path), kind="corpus")
    }
    for cite in set(RUBRIC.citations()):
        assert cite in chunk_ids or f"{cite}-1" in chunk_ids, cite


def test_every_approach_but_hybrid_is_reachable_by_some_rule() -> None:
    raised = {a for r in RUBRIC.rules for a, d in r.scores.items() if d > 0}
    assert raised == set(APPROACH_IDS) - {"hybrid"}


def _data() -> dict[str, Any]:
    return yaml.safe_load(RUBRIC_PATH.read_text(encoding="utf-8"))


def _invalid(data: dict[str, Any], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        Rubric.model_validate(data)


def test_validation_rejects_unknown_criterion_in_a_rule() -> None:
    data = _data()
    data["rules"][1]["when"] = {"criterion": "nope", "in": ["x"]}
    _invalid(data, "unknown criterion")


def test_validation_rejects_unknown_choice_and_wrong_condition_kind() -> None:
    data = _data()
    data["rules"][1]["when"] = {"criterion": "timeline", "in": ["yesterday"]}
    _invalid(data, "has no choice")
    data = _data()
    data["rules"][1]["when"] = {"criterion": "timeline", "gte": 3}
    _invalid(data, "is a choice")


def test_validation_rejects_malformed_citation_and_scored_hybrid() -> None:
    data = _data()
    data["rules"][0]["cite"] = "just some text"
    _invalid(data, "passage id")
    data = _data()
    data["rules"][0]["scores"] = {"hybrid": 1.0}
    _invalid(data, "hybrid is derived")


def test_validation_rejects_malformed_hybrid_needs() -> None:
    data = _data()
    data["hybrid"]["needs"][0]["own"] = [{"criterion": "nope", "in": ["x"]}]
    _invalid(data, "unknown criterion")
    data = _data()
    data["hybrid"]["needs"][1]["approaches"] = ["peft"]  # also in the trained halves' entry
    _invalid(data, "described twice")
    data = _data()
    data["hybrid"]["needs"][1]["approaches"] = ["hybrid"]
    _invalid(data, "must name base approaches")


def test_every_hybrid_half_says_what_it_is_for() -> None:
    """Each member of a shipped pair has needs of its own (else the mean rule alone decides)."""
    members = {m for hp in RUBRIC.hybrid.pairs for m in hp.pair}
    assert all(RUBRIC.hybrid.need(m) is not None for m in members)


def test_validation_rejects_missing_or_extra_approaches() -> None:
    data = _data()
    data["approaches"] = data["approaches"][:-1]
    _invalid(data, "approaches must be exactly")


def test_load_rubric_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(RUBRIC_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_rubric(path) == RUBRIC


def test_corpus_index_parses_front_matter_and_sections() -> None:
    text = (
        '---\nid: demo\ntitle: "A Title"\nsource: "Site"\n---\n\nintro\n\n'
        "## First: part one\nAlpha. Beta gamma.\n\n## Second\nDelta.\n"
    )
    passages = parse_markdown(text, "fallback")
    assert [p.id for p in passages] == ["demo#first-part-one", "demo#second"]
    assert passages[0].title == "A Title" and passages[0].text == "Alpha. Beta gamma."
    assert passages[0].best_sentence("gamma beta") == "Beta gamma."
    assert slug("PEFT: 95%+ of full fine-tuning") == "peft-95-of-full-fine-tuning"


def test_validation_rejects_reading_hints_that_name_nothing() -> None:
    data = _data()
    data["reading"]["fields"]["nope"] = {"names": ["nope"]}
    _invalid(data, "unknown criterion 'nope'")
    data = _data()
    data["reading"]["fields"]["budget"]["scale"]["low"] = "cheap"
    _invalid(data, "is not a valid answer")
    data = _data()
    data["reading"]["fields"]["labelled_examples"]["scale"]["low"] = "few"
    _invalid(data, "is not a valid answer")
    data = _data()
    data["reading"]["answer_words"]["maybe"] = ["perhaps"]
    _invalid(data, "unknown answer levels")


def test_a_constraint_without_when_holds_until_an_unless_does() -> None:
    """A default (no `when`): active on no answers at all, lifted by any one `unless` condition."""
    default = next(c for c in RUBRIC.constraints if c.id == "thin_evidence_starts_with_prompts")
    assert default.default and not default.when
    assert default.active({}) and default.active({"budget": "high", "ml_expertise": "strong"})
    assert not default.active({"prompt_results": "plateaued"})
    assert not default.active({"labelled_examples": 5000, "budget": "high"})


def test_validation_rejects_a_constraint_with_neither_when_nor_unless() -> None:
    data = _data()
    data["constraints"].append(
        {"id": "always", "exclude": "rag", "reason": "x", "cite": "gupta-customizing-ai#decision-table-rag"}
    )
    _invalid(data, "give `when`, `unless` or both")
