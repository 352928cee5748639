"""The evaluation sets: which files hold the dev and the validation questions and scenarios, and the
integrity check every question item must pass.

Dev sets are for tuning; validation sets were committed before the issue-10 code change and are
never tuned on (the git history shows the order). Benches report the two separately, and print the
individual validation misses only when asked (`--reveal-validation`), so that running a bench does
not turn the validation set into a second dev set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SET_NAMES = ("dev", "validation")
QUESTION_FILES = {"dev": HERE / "questions.yaml", "validation": HERE / "questions_validation.yaml"}
SCENARIO_FILES = {"dev": HERE / "assess_scenarios.yaml", "validation": HERE / "assess_scenarios_validation.yaml"}
KINDS = ("concept", "list", "comparison", "figure", "decision", "howto")


def selected(choice: str) -> list[str]:
    """`dev`, `validation` or `all` (both, dev first)."""
    if choice == "all":
        return list(SET_NAMES)
    if choice not in SET_NAMES:
        raise ValueError(f"unknown set {choice!r}: use dev, validation or all")
    return [choice]


def load_questions(name: str) -> list[dict[str, Any]]:
    items = yaml.safe_load(QUESTION_FILES[name].read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{QUESTION_FILES[name]}: expected a list of question items")
    return items


def question_problems(items: Iterable[dict[str, Any]], passage_text: Callable[[str], str | None]) -> list[str]:
    """What is wrong with a question set, one line per problem (empty when it is sound).

    In-scope items need a known `kind`, sources that exist (`passage_text` returns None for an
    unknown passage id) and facts that are case-insensitive substrings of at least one listed
    source; out-of-scope items carry no facts or sources; no question appears twice.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        q = str(item.get("q", ""))
        if not q:
            problems.append(f"item {n}: no question")
        if q.lower() in seen:
            problems.append(f"item {n}: duplicate question")
        seen.add(q.lower())
        if item.get("out_of_scope"):
            if item.get("facts") or item.get("sources"):
                problems.append(f"item {n}: an out-of-scope item has facts or sources")
            continue
        if item.get("kind") not in KINDS:
            problems.append(f"item {n}: kind {item.get('kind')!r} is not one of {', '.join(KINDS)}")
        sources = item.get("sources") or []
        facts = item.get("facts") or []
        if not sources or not facts:
            problems.append(f"item {n}: an in-scope item needs facts and sources")
        texts = []
        for source in sources:
            text = passage_text(source)
            if text is None:
                problems.append(f"item {n}: unknown source passage {source}")
            else:
                texts.append(text.lower())
        for fact in facts:
            if not any(str(fact).lower() in text for text in texts):
                problems.append(f"item {n}: fact {fact!r} is in none of its sources")
    return problems
