"""Deterministic train / eval split and few-shot selection for a pack made from a team's own file.

The split is stratified by label and decided by a hash of each text (case, punctuation and
spacing ignored), so the same file always gives the same split, near-identical texts stay on the
same side, and adding rows moves few existing ones. A file may also carry its own split column;
then the only check is that no text straddles train and eval.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.demos.intake import Labelled, Problem, loose_key

EVAL_FRACTION = 0.2
MAX_EVAL = 200  # evaluating both arms costs about a second per example on a CPU
MAX_SHOTS = 10
MAX_SHOT_CHARS = 240


@dataclass(frozen=True)
class Split:
    train: list[Labelled]
    eval: list[Labelled]
    problems: list[Problem]


def _rank(text: str) -> str:
    return hashlib.sha256(loose_key(text).encode("utf-8")).hexdigest()


def _label_key(ex: Labelled) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(ex.label.items()))


def split_examples(examples: Sequence[Labelled], *, fraction: float = EVAL_FRACTION, max_eval: int = MAX_EVAL) -> Split:
    """Train and eval sets (in file order) and any text found on both sides."""
    if any(ex.split for ex in examples):
        train = [ex for ex in examples if ex.split != "eval"]
        held = [ex for ex in examples if ex.split == "eval"]
    else:
        share = min(fraction, max_eval / max(1, len(examples)))
        groups: dict[tuple[tuple[str, str], ...], list[Labelled]] = defaultdict(list)
        for ex in examples:
            groups[_label_key(ex)].append(ex)
        to_eval: set[int] = set()
        for members in groups.values():
            target = round(len(members) * share)
            by_key: dict[str, list[Labelled]] = defaultdict(list)
            for ex in members:
                by_key[_rank(ex.text)].append(ex)
            taken = 0
            for rank in sorted(by_key):
                if taken >= target:
                    break
                to_eval.update(ex.row for ex in by_key[rank])
                taken += len(by_key[rank])
        train = [ex for ex in examples if ex.row not in to_eval]
        held = [ex for ex in examples if ex.row in to_eval]
    return Split(train=train, eval=held, problems=overlap(train, held))


def overlap(train: Sequence[Labelled], held: Sequence[Labelled]) -> list[Problem]:
    """Eval rows whose text (case, punctuation and spacing ignored) is also in train."""
    seen = {loose_key(ex.text): ex.row for ex in train}
    return [
        Problem(ex.row, f"the same text as row {seen[loose_key(ex.text)]} is in both train and eval")
        for ex in held
        if loose_key(ex.text) in seen
    ]


def pick_shots(train: Sequence[Labelled], limit: int = MAX_SHOTS) -> list[Labelled]:
    """Typical-length worked examples (chosen by hash, not by hand) for the few-shot prompt: every
    label value first, then unseen combinations."""
    typical = sorted((ex for ex in train if 20 <= len(ex.text) <= MAX_SHOT_CHARS), key=lambda e: _rank(e.text))
    rest = sorted((ex for ex in train if ex not in typical), key=lambda e: len(e.text))
    pool = typical + rest
    chosen: list[Labelled] = []
    covered: set[tuple[str, str]] = set()
    for ex in pool:  # first, one example for each value of each field
        if len(chosen) >= limit:
            break
        if set(ex.label.items()) - covered:
            chosen.append(ex)
            covered |= set(ex.label.items())
    combos = {_label_key(ex) for ex in chosen}
    for ex in pool:  # then unseen combinations
        if len(chosen) >= limit:
            break
        if _label_key(ex) not in combos:
            chosen.append(ex)
            combos.add(_label_key(ex))
    return sorted(chosen, key=lambda e: _rank(e.text))  # mixed labels, not grouped
