"""The articles' typical situations, as answers already read, and the verdicts they call for:
the judgment alone (engine + shipped rubric), whatever the extractor makes of a wording.

G = Gupta's decision table, S = SkillWisor, A = AndData, E = the expert comparison.
"""

from __future__ import annotations

import pytest

from handlers.assess.engine import confidence, score
from knowledge.rubric.model import Answers, shipped_rubric

RUBRIC = shipped_rubric()
LIGHT = ["prompt_tuning", "peft"]

PATTERNS: list[tuple[str, Answers, list[str]]] = [
    # G: prompt tuning stores many specialised tunings of one model; PEFT adapters per task
    ("many small tasks, a tuning per task", {"task_variants": "per_task", "labelled_examples": 300}, LIGHT),
    ("per task on a tight budget", {"task_variants": "per_task", "labelled_examples": 300, "budget": "low"}, LIGHT),
    # G: PEFT for domain specialisation with limited resources; E: LoRA makes fine-tuning accessible
    (
        "limited compute, labelled data, stable task",
        {"labelled_examples": 3000, "requirements_change": "rarely", "budget": "low"},
        LIGHT,
    ),
    (
        "limited compute, labelled data, strict format",
        {"labelled_examples": 4000, "output_format": "strict", "budget": "low"},
        LIGHT,
    ),
    (
        "specialised domain on a tight budget",
        {"domain_specialisation": "deep", "labelled_examples": 5000, "budget": "low"},
        ["peft"],
    ),
    # G: RAG for knowledge that needs frequent updates, without retraining
    ("knowledge that changes", {"facts_change": "monthly"}, ["rag"]),
    ("changing knowledge, nobody knows ML", {"facts_change": "monthly", "ml_expertise": "none"}, ["rag"]),
    ("own documents, nobody knows ML", {"private_data": "documents", "ml_expertise": "none"}, ["rag"]),
    (
        "specialised, weekly facts, no ML team",
        {"domain_specialisation": "deep", "facts_change": "weekly", "labelled_examples": 2000, "ml_expertise": "none"},
        ["rag"],
    ),
    # G: complementary tools - a style learned from thousands of documents + facts that change
    (
        "learned style plus changing facts",
        {
            "domain_specialisation": "moderate", "labelled_examples": 20000,
            "facts_change": "daily", "ml_expertise": "strong",
        },
        ["hybrid"],
    ),
    # G: full fine-tuning for maximum performance, stable critical applications, high resources
    (
        "huge data, big budget, strong team, new domain",
        {
            "domain_specialisation": "deep", "labelled_examples": 2_000_000, "budget": "high",
            "ml_expertise": "strong", "requirements_change": "rarely", "accuracy_stakes": "high",
        },
        ["full_fine_tuning"],
    ),
    # S: limited data and limited ML expertise start with prompts
    ("little data, no ML skills", {"labelled_examples": 20, "ml_expertise": "none"}, ["prompt_engineering"]),
    (
        "labelled data but no ML skills and no money",
        {"labelled_examples": 5000, "ml_expertise": "none", "budget": "low"},
        ["prompt_engineering"],
    ),
]


@pytest.mark.parametrize(("name", "answers", "accept"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_typical_situation_gets_the_articles_verdict(name: str, answers: Answers, accept: list[str]) -> None:
    s = score(RUBRIC, answers)
    assert s.top in accept, f"{name}: {s.top} ({confidence(RUBRIC, s)}) scores {s.scores}"
