"""Compute stated as hardware (pure): "a single A100 we can borrow", "2 GPUs, that's it", "one
on-prem GPU server", "a couple of modest GPUs", "a cluster of 64 H100s" -> a `budget` level.

Teams often give their compute as a count of accelerators rather than as money or a budget
word, and a model name alone ("A100") says nothing about how many there are. The count decides:
a few cards (up to `FEW_GPUS`) are the rubric's medium budget ("some training budget, rented
GPUs": Gupta's moderate resources, what PEFT needs), more are a dedicated cluster (high: the
resources full fine-tuning needs) unless the team shares them with others (medium). A negated
count ("we don't have a single GPU") is the low budget. "GPU hours", "GPU budget", "GPU time" are
usage or money, not hardware, and are left to the money and budget rules; a bare "cards" counts
only when a GPU was named just before it.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate
from handlers.assess.text_cues import negated

FEW_GPUS = 7  # up to this many accelerators: some training budget (medium); more: high
CARDS_CONTEXT = 80  # characters before a bare "cards" that must name a GPU

_COUNT_WORDS = {
    "a single": 1, "one single": 1, "a": 1, "an": 1, "one": 1, "single": 1, "a lone": 1,
    "two": 2, "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2, "a few": 3,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a handful of": 5, "a dozen": 12, "dozens of": 36, "hundreds of": 300,
}  # fmt: skip
_COUNT = (
    r"(?P<count>\d[\d,]*|"
    + "|".join(sorted((re.escape(w) for w in _COUNT_WORDS), key=len, reverse=True))
    + r")"
)
_ACCELERATOR = (
    r"(?:gpus?|tpus?|graphics cards?|gpu (?:cards?|servers?|boxes|box|machines?|nodes?|instances?|rigs?)|"
    r"[ahvl]\d{2,3}[a-z]?s?|t4s?|rtx[- ]?\d{4}s?|\d{4}(?:[- ]?ti)?s)"
)
# a card's memory ("24 GB", "80GB", "48-gig") is a size, never a count of cards
_MEMORY = r"\d+(?:\.\d+)?\s*-?\s*(?:gb|gib|gigs?|g|tb)(?![\w])"
# a few words may sit between the count and the hardware: "one on-prem GPU server", "2 rented A100s",
# and so may the memory of each card: "one 24 GB GPU", "a single 80GB card"
_HARDWARE = re.compile(
    rf"(?<![\w-]){_COUNT}(?!\s*-?\s*(?:gb|gib|gigs?|g|tb)(?![\w]))(?:\s*x)?"
    rf"(?P<memory>[\s-]+{_MEMORY})?"
    rf"(?:[\s-]+(?!\d)(?!(?:or|and|to|of|per|a|an|the)\b)[\w-]+){{0,2}}?[\s-]+"
    rf"(?P<noun>{_ACCELERATOR}|cards?)(?![\w-])(?!\s+(?:hours?|hrs?|time|budget|credits?|costs?|money|spend|bill))"
    r"(?P<group>\s+(?:clusters?|farms?|fleets?|pods?|racks?|pools?|grids?)\b)?"
)
_GPU_NAMED = re.compile(r"\b(?:gpus?|graphics|[ahvl]\d{2,3}s?|cuda)\b")
# hardware the team shares with others ("an 8-GPU node we share with another team", "a shared
# 16-GPU cluster") is a share of it: some training budget, not a dedicated cluster
_SHARED_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:(?:that|which)\s+)?(?:we|they|is|are)\s+(?:shar(?:e|es|ed|ing))\b"
)
_SHARED_BEFORE = re.compile(r"\bshared\s+(?:[\w-]+\s+)?$")


def with_hardware(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """`candidates` with the counts of GPUs in the (normalised) `text` read as budgets, in place of
    any budget read from the bare hardware name inside a count ("a single A100" is one card, not
    the cluster "A100" alone suggests). A count is an inference from hardware: any budget stated
    in words or money elsewhere outranks it (its length is 1, a synonym's is its own)."""
    counts = hardware(text)
    spans = [(c.start, c.start + len(c.snippet)) for c in counts]
    kept = [
        c for c in candidates
        if not (c.criterion == BUDGET and c.priority <= 0 and any(a <= c.start < b for a, b in spans))
    ]  # fmt: skip
    return kept + counts


def hardware(text: str) -> list[Candidate]:
    """Budget candidates from counts of GPUs in the (normalised) `text` (module docstring)."""
    out: list[Candidate] = []
    for m in _HARDWARE.finditer(text):
        context = text[max(0, m.start() - CARDS_CONTEXT) : m.start()]
        if m.group("noun").startswith("card") and not (m.group("memory") or _GPU_NAMED.search(context)):
            continue  # "a couple of cards" names GPUs only right after a GPU was mentioned or with its memory
        count = _count(m.group("count"))
        if count is None or count <= 0 or (m.group("group") and count == 1):
            continue  # "a GPU cluster" counts one cluster, "a 64-GPU cluster" 64 GPUs
        shared = _SHARED_AFTER.match(text, m.end()) is not None or _SHARED_BEFORE.search(text[: m.start()])
        value = "low" if negated(text[: m.start()]) else ("medium" if count <= FEW_GPUS or shared else "high")
        out.append(Candidate(BUDGET, value, m.start(), 1, m.group(0)))
    return out


def _count(word: str) -> int | None:
    if word[0].isdigit():
        return int(word.replace(",", ""))
    return _COUNT_WORDS.get(word)
