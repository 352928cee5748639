"""Accuracy of the assessment on the dev set, offline, through the `--from-text` code path.

    python -m bench.assess_bench [--verbose]

Each scenario's text goes through the rule-based extractor and the rubric exactly as
`ftadvisor assess --from-text TEXT` does; a scenario counts as correct when the recommendation
is one of its `accept` ids. Prints accuracy and every miss (with what was understood).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel

from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher, shipped_encoder
from handlers.assess.service import Assessor
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import APPROACH_IDS, shipped_rubric
from knowledge.rubric.prices import shipped_prices

SCENARIOS = Path(__file__).resolve().parent / "assess_scenarios.yaml"


class Scenario(BaseModel):
    id: str
    text: str
    accept: list[str]
    why: str = ""
    set: Literal["dev", "holdout"] = "dev"


class Outcome(BaseModel):
    scenario: Scenario
    recommendation: str
    confidence: float
    answers: dict[str, object]
    ok: bool


def load_scenarios(path: Path = SCENARIOS) -> list[Scenario]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenarios = [Scenario.model_validate(s) for s in data["scenarios"]]
    for s in scenarios:
        bad = [a for a in s.accept if a not in APPROACH_IDS]
        if bad or not s.accept:
            raise ValueError(f"scenario {s.id}: accept must list approach ids, got {s.accept}")
    return scenarios


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbose", action="store_true", help="print every scenario, not only misses")
    args = ap.parse_args(argv)
    scenarios = load_scenarios()
    start = time.perf_counter()
    outcomes = run(scenarios)
    elapsed = time.perf_counter() - start
    for o in outcomes:
        if args.verbose or not o.ok:
            mark = "ok  " if o.ok else "MISS"
            got = f"got {o.recommendation} ({o.confidence:.2f})"
            print(f"{mark} {o.scenario.id}: {got}, accept {o.scenario.accept}")
            print(f"     understood: {o.answers}")
    for name in ("dev", "holdout"):
        part = [o for o in outcomes if o.scenario.set == name]
        if part:
            print(f"{name:8s} accuracy {accuracy(part):.3f} ({sum(o.ok for o in part)}/{len(part)})")
    hits = sum(o.ok for o in outcomes)
    print(
        f"overall  accuracy {accuracy(outcomes):.3f} ({hits}/{len(outcomes)} scenarios); "
        f"{elapsed * 1000 / len(outcomes):.1f} ms per scenario"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
