"""Scores the dev question set (bench/questions.yaml) through the real ask path, offline.

    python -m bench.qa_eval [--json]

Reports recall@5 (a listed source passage among the top 5), fact coverage (share of expected
facts present in the composed answer), refusal rate on out-of-scope questions and the false
refusal rate on in-scope ones.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import yaml

from bot.container import Container
from bot.settings import Settings
from handlers.models import Conversation

QUESTIONS = Path(__file__).with_name("questions.yaml")


def matches(passage_id: str, source: str) -> bool:
    return passage_id == source or passage_id.startswith(source + "-")


def evaluate(container: Container, items: list[dict]) -> dict:
    in_scope = [q for q in items if not q.get("out_of_scope")]
    out_scope = [q for q in items if q.get("out_of_scope")]
    hits = facts_found = facts_total = false_refusals = refusals = 0
    misses = []
    for i, item in enumerate(items):
        conv = Conversation(channel="bench", thread=f"q{i}")
        passages = container.ask.retrieve(item["q"], conv, [])
        answer = container.ask.answer(item["q"], conv, remember=False)
        if item.get("out_of_scope"):
            refusals += not answer.grounded
            if answer.grounded:
                misses.append({"q": item["q"], "problem": "answered out-of-scope question"})
            continue
        ids = [p.id for p in passages[:5]]
        hit = any(matches(pid, s) for pid in ids for s in item["sources"])
        hits += hit
        found = [f for f in item["facts"] if f.lower() in answer.answer.lower()]
        facts_found += len(found)
        facts_total += len(item["facts"])
        false_refusals += not answer.grounded
        if not hit or len(found) < len(item["facts"]):
            misses.append({"q": item["q"], "recall": hit, "facts_missing": sorted(set(item["facts"]) - set(found))})
    return {
        "questions": len(in_scope),
        "out_of_scope": len(out_scope),
        "recall_at_5": round(hits / len(in_scope), 3),
        "fact_coverage": round(facts_found / max(1, facts_total), 3),
        "refusal_rate_out_of_scope": round(refusals / max(1, len(out_scope)), 3),
        "false_refusal_rate_in_scope": round(false_refusals / len(in_scope), 3),
        "misses": misses,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    items = yaml.safe_load(QUESTIONS.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        container = Container(Settings(data_dir=Path(tmp)))  # type: ignore[call-arg]
        t0 = time.perf_counter()
        container.retriever  # noqa: B018 - index the corpus
        index_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = evaluate(container, items)
        result["seconds"] = round(time.perf_counter() - t0, 2)
        result["index_seconds"] = round(index_s, 2)
        container.close()
    if args.json:
        print(json.dumps(result))
        return
    for m in result.pop("misses"):
        print("miss:", m)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
