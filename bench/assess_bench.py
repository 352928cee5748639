"""Accuracy of the assessment, offline, through the `--from-text` code path, on the dev scenarios
(bench/assess_scenarios.yaml, tune on them) and the validation scenarios
(bench/assess_scenarios_validation.yaml, never tuned on), reported separately.

    python -m bench.assess_bench [--set dev|validation|all] [--added TAG] [--verbose] [--json] [--reveal-validation]

Each scenario's text goes through the rule-based extractor and the rubric exactly as
`ftadvisor assess --from-text TEXT` does; a scenario counts as correct when the recommendation
is one of its `accept` ids. Prints accuracy per set and per accepted approach, and every dev miss
(with what was understood); validation misses only with --reveal-validation.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from bench.sets import SCENARIO_FILES, selected
from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher, shipped_encoder
from handlers.assess.service import Assessor
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import APPROACH_IDS, shipped_rubric
from knowledge.rubric.prices import shipped_prices

SCENARIOS = SCENARIO_FILES["dev"]


class Scenario(BaseModel):
    id: str
    text: str
    accept: list[str]
    why: str = ""
    set: str = "dev"  # the file it comes from: dev or validation
    added: str = ""  # "issue-10" for the scenarios added for that issue


class Outcome(BaseModel):
    scenario: Scenario
    recommendation: str
    confidence: float
    answers: dict[str, object]
    ok: bool


def load_scenarios(path: Path = SCENARIOS, set_name: str = "dev") -> list[Scenario]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenarios = [Scenario.model_validate({**s, "set": set_name}) for s in data["scenarios"]]
    for s in scenarios:
        bad = [a for a in s.accept if a not in APPROACH_IDS]
        if bad or not s.accept:
            raise ValueError(f"scenario {s.id}: accept must list approach ids, got {s.accept}")
    return scenarios


def load_set(name: str) -> list[Scenario]:
    """The dev or the validation scenarios."""
    return load_scenarios(SCENARIO_FILES[name], name)


def only_added(scenarios: list[Scenario], tag: str | None) -> list[Scenario]:
    """The scenarios with `added` == tag (all when tag is None; the untagged ones for "none")."""
    if tag is None:
        return scenarios
    return [s for s in scenarios if s.added == ("" if tag == "none" else tag)]


def offline_assessor() -> Assessor:
    """The assessor `--from-text` uses when no language model is configured: the phrase rules
    plus the embedding matcher on the shipped ONNX model."""
    rubric = shipped_rubric()
    extractor = RuleExtractor(rubric, OptionMatcher(rubric, shipped_encoder))
    return Assessor(rubric=rubric, prices=shipped_prices(), corpus=shipped_corpus_index(), extractor=extractor)


def run(scenarios: list[Scenario], assessor: Assessor | None = None) -> list[Outcome]:
    assessor = assessor or offline_assessor()
    out = []
    for s in scenarios:
        result = assessor.from_text(s.text).result
        out.append(
            Outcome(
                scenario=s,
                recommendation=result.recommendation,
                confidence=result.confidence,
                answers=dict(result.answers),
                ok=result.recommendation in s.accept,
            )
        )
    return out


def accuracy(outcomes: list[Outcome]) -> float:
    return sum(o.ok for o in outcomes) / len(outcomes) if outcomes else 0.0


def summary(outcomes: list[Outcome], reveal: bool = True) -> dict[str, Any]:
    """Accuracy of one set, overall and per accepted approach (a scenario counts under every id it
    accepts), and the misses (ids, or only their number when `reveal` is false)."""
    by_accept: dict[str, dict[str, float]] = {}
    for approach in APPROACH_IDS:
        part = [o for o in outcomes if approach in o.scenario.accept]
        if part:
            by_accept[approach] = {"scenarios": len(part), "accuracy": round(accuracy(part), 3)}
    misses = [
        {"id": o.scenario.id, "got": o.recommendation, "accept": o.scenario.accept} for o in outcomes if not o.ok
    ]
    return {
        "scenarios": len(outcomes),
        "correct": sum(o.ok for o in outcomes),
        "accuracy": round(accuracy(outcomes), 3),
        "by_accept": by_accept,
        "misses": misses if reveal else len(misses),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="all", choices=["dev", "validation", "all"], help="which set(s) to score")
    ap.add_argument("--verbose", action="store_true", help="print every scenario, not only misses")
    ap.add_argument("--json", action="store_true", help="one JSON line only")
    ap.add_argument("--reveal-validation", action="store_true", help="print validation scenarios too")
    ap.add_argument(
        "--added", default=None, help="only the scenarios with this `added` tag (e.g. round-3); 'none': untagged"
    )
    args = ap.parse_args(argv)
    assessor = offline_assessor()
    report: dict[str, Any] = {}
    lines: list[str] = []
    start = time.perf_counter()
    count = 0
    for name in selected(args.set):
        outcomes = run(only_added(load_set(name), args.added), assessor)
        count += len(outcomes)
        reveal = name == "dev" or args.reveal_validation
        report[name] = summary(outcomes, reveal)
        for o in outcomes if reveal else []:
            if args.verbose or not o.ok:
                mark = "ok  " if o.ok else "MISS"
                got = f"got {o.recommendation} ({o.confidence:.2f})"
                lines.append(f"{mark} [{name}] {o.scenario.id}: {got}, accept {o.scenario.accept}")
                lines.append(f"     understood: {o.answers}")
        lines.append(f"{name:10s} accuracy {accuracy(outcomes):.3f} ({sum(o.ok for o in outcomes)}/{len(outcomes)})")
        for approach, part in report[name]["by_accept"].items():
            lines.append(f"{'':10s} accepts {approach:18s} {part['accuracy']:.3f} ({part['scenarios']} scenarios)")
    report["ms_per_scenario"] = round((time.perf_counter() - start) * 1000 / max(1, count), 1)
    if not args.json:
        print("\n".join(lines))
        print(f"{report['ms_per_scenario']} ms per scenario")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
