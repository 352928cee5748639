"""Scores the question sets through the real ask path, offline: the dev set (bench/questions.yaml,
tune on it) and the validation set (bench/questions_validation.yaml, never tuned on), separately.

    python -m bench.qa_eval [--set dev|validation|all] [--json] [--reveal-validation]
                            [--only-added TAG | --not-added TAG]

`--only-added round-3` scores only the items marked `added: round-3` (a round's fresh questions,
the honest probe of generalization); `--not-added round-3` scores every other item.

Reports, per set and per question kind (concept, list, comparison, figure, decision, howto):
recall@5 (a listed source passage among the top 5), fact coverage (share of expected facts present
in the composed answer) and false refusals (in-scope questions answered with "I can't answer");
per set also the refusal rate on out-of-scope questions. The default `all` prints both sets.

JSON (one line): the figures of the first selected set at the top level, as before (`questions`,
`out_of_scope`, `recall_at_5`, `fact_coverage`, `refusal_rate_out_of_scope`,
`false_refusal_rate_in_scope`, `misses`, `seconds`, `index_seconds`), plus `set` (which set the top
level describes), `by_kind`, `fact_ranks` (where the facts sit among the top 5 passages and how many
of each rank the answers hold: `bench.fact_ranks`), `false_refusals` (a count), `false_refusal_questions`,
`refused_out_of_scope`, `set_problems` and `sets` (every selected set by name). Validation misses
and questions are listed only with --reveal-validation (`misses_hidden` counts them otherwise).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.fact_ranks import FactRanks
from bench.sets import QUESTION_FILES, load_questions, question_problems, selected
from bot.container import Container
from bot.settings import Settings
from handlers.models import Conversation
from knowledge.corpus_index import shipped_corpus_index

QUESTIONS = QUESTION_FILES["dev"]


def matches(passage_id: str, source: str) -> bool:
    return passage_id == source or passage_id.startswith(source + "-")


def _rate(part: int, whole: int) -> float:
    return round(part / max(1, whole), 3)


def evaluate(container: Container, items: list[dict[str, Any]]) -> dict[str, Any]:
    in_scope = [q for q in items if not q.get("out_of_scope")]
    out_scope = [q for q in items if q.get("out_of_scope")]
    hits = facts_found = facts_total = refusals = 0
    misses: list[dict[str, Any]] = []
    false_refusals: list[str] = []
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ranks = FactRanks()
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
        found = [f for f in item["facts"] if f.lower() in answer.answer.lower()]
        ranks.add(item["facts"], [p.text for p in passages[:5]], answer.answer)
        hits += hit
        facts_found += len(found)
        facts_total += len(item["facts"])
        kind = kinds[str(item.get("kind", "unknown"))]
        kind["questions"] += 1
        kind["hits"] += hit
        kind["facts_found"] += len(found)
        kind["facts_total"] += len(item["facts"])
        if not answer.grounded:
            false_refusals.append(item["q"])
            kind["false_refusals"] += 1
        if not hit or len(found) < len(item["facts"]):
            misses.append({
                "q": item["q"], "kind": item.get("kind"), "recall": hit, "refused": not answer.grounded,
                "facts_missing": sorted(set(item["facts"]) - set(found)),
            })
    n = len(in_scope)
    return {
        "questions": n,
        "out_of_scope": len(out_scope),
        "recall_at_5": _rate(hits, n),
        "fact_coverage": _rate(facts_found, facts_total),
        "refusal_rate_out_of_scope": _rate(refusals, len(out_scope)),
        "false_refusal_rate_in_scope": _rate(len(false_refusals), n),
        "refused_out_of_scope": refusals,
        "false_refusals": len(false_refusals),
        "false_refusal_questions": false_refusals,
        "by_kind": {
            name: {
                "questions": k["questions"],
                "recall_at_5": _rate(k["hits"], k["questions"]),
                "fact_coverage": _rate(k["facts_found"], k["facts_total"]),
                "false_refusals": k["false_refusals"],
                "false_refusal_rate": _rate(k["false_refusals"], k["questions"]),
            }
            for name, k in sorted(kinds.items())
        },
        "fact_ranks": ranks.summary(),
        "misses": misses,
    }


def _passage_text(passage_id: str) -> str | None:
    passage = shipped_corpus_index().get(passage_id)
    return passage.text if passage else None


def _hide(result: dict[str, Any]) -> dict[str, Any]:
    """A validation result without the individual questions (figures only)."""
    hidden = {k: v for k, v in result.items() if k not in ("misses", "false_refusal_questions", "set_problems")}
    hidden["misses"] = []
    hidden["misses_hidden"] = len(result["misses"])
    hidden["false_refusal_questions"] = []
    problems = len(result["set_problems"])
    hidden["set_problems"] = [f"{problems} problem(s) in the validation set"] if problems else []
    return hidden


def filtered(items: list[dict[str, Any]], only_added: str | None, not_added: str | None) -> list[dict[str, Any]]:
    """The items whose `added` tag is `only_added` (or, with `not_added`, every other item)."""
    if only_added is not None:
        items = [q for q in items if q.get("added") == only_added]
    if not_added is not None:
        items = [q for q in items if q.get("added") != not_added]
    return items


def run(
    choice: str, reveal_validation: bool = False, only_added: str | None = None, not_added: str | None = None
) -> dict[str, Any]:
    names = selected(choice)
    sets: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        container = Container(Settings(data_dir=Path(tmp)))  # type: ignore[call-arg]
        t0 = time.perf_counter()
        container.retriever  # noqa: B018 - index the corpus
        index_s = time.perf_counter() - t0
        for name in names:
            items = filtered(load_questions(name), only_added, not_added)
            t0 = time.perf_counter()
            result = evaluate(container, items)
            result["seconds"] = round(time.perf_counter() - t0, 2)
            result["index_seconds"] = round(index_s, 2)
            result["set"] = name
            result["set_problems"] = question_problems(items, _passage_text)
            if name == "validation" and not reveal_validation:
                result = _hide(result)
            sets[name] = result
        container.close()
    top = dict(sets[names[0]])
    top["sets"] = sets
    return top


def _print_set(result: dict[str, Any]) -> None:
    name = result["set"]
    for m in result["misses"]:
        print(f"[{name}] miss:", m)
    for problem in result["set_problems"]:
        print(f"[{name}] set problem:", problem)
    print(
        f"{name:10s} in-scope {result['questions']}: recall@5 {result['recall_at_5']:.3f}, "
        f"fact coverage {result['fact_coverage']:.3f}, false refusals {result['false_refusal_rate_in_scope']:.3f} "
        f"({result['false_refusals']}/{result['questions']}); "
        f"out-of-scope refused {result['refusal_rate_out_of_scope']:.3f} "
        f"({result['refused_out_of_scope']}/{result['out_of_scope']})"
    )
    for kind, k in result["by_kind"].items():
        print(
            f"{'':10s} {kind:10s} {k['questions']:3d} q: recall@5 {k['recall_at_5']:.3f}, "
            f"fact coverage {k['fact_coverage']:.3f}, false refusals {k['false_refusals']}"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="all", choices=["dev", "validation", "all"], help="which set(s) to score")
    ap.add_argument("--json", action="store_true", help="one JSON line only")
    ap.add_argument("--reveal-validation", action="store_true", help="list validation misses too")
    ap.add_argument("--only-added", metavar="TAG", help="score only the items marked `added: TAG`")
    ap.add_argument("--not-added", metavar="TAG", help="score every item except those marked `added: TAG`")
    args = ap.parse_args(argv)
    result = run(args.set, reveal_validation=args.reveal_validation, only_added=args.only_added,
                 not_added=args.not_added)
    if args.json:
        print(json.dumps(result))
        return
    for part in result["sets"].values():
        _print_set(part)
    brief = {
        name: {k: v for k, v in part.items() if k not in ("misses", "false_refusal_questions", "set_problems")}
        for name, part in result["sets"].items()
    }
    print(json.dumps(brief))


if __name__ == "__main__":
    main()
