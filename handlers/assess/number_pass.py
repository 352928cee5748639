"""The number pass of the rule-based extractor (pure): what the numbers of one clause state.

Counts of labelled examples, request rates, prompt tokens, deadlines and budgets stated as numbers
("~5k labelled tickets", "2M calls a day", "$500/month"), and quantities a quantifier denies ("zero
labelled chats", "we don't have any ML people"). Split out of `handlers.assess.extract`, which
runs it on every clause beside the phrase, choice and frequency rules: one idea per module. A
count of past outputs ("50k listings our writers did by hand") is told by `past_outputs`, the
extractor's encoder-backed classifier (False without the encoder); one the text vouches for as the
wanted output ("over 200k, which are exactly what a good result looks like", also when the vouching
clause follows the count's own) by `handlers.assess.gold_counts`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.assess.changes import ChangeReader
from handlers.assess.counted import counted_phrase
from handlers.assess.gold_counts import said_to_be_gold
from handlers.assess.labelled_counts import labels_them
from handlers.assess.money import budget_choice, find_amounts
from handlers.assess.number_cues import UNLABELLED, as_number, classify_number, counts_things, denied_phrase
from handlers.assess.numbers import find_numbers, find_zeros
from handlers.assess.past_outputs import referred_outputs
from handlers.assess.patterns import BUDGET, LABELLED, Candidate, Patterns
from knowledge.rubric.model import Rubric

# what a denied quantity ("zero labelled chats", "we don't have any ML people") can say: a count of
# examples or of ML people is 0; a volume or a deadline of nothing says nothing
DENIABLE = frozenset([LABELLED, "ml_expertise"])
# a number glued to a word by a hyphen names a thing (a model, a standard, a code), counts nothing
_NAMED = re.compile(r"[a-z]-$")
# "6 pairs, ~2k examples each": the count per unit says how much data each task has, which the
# rubric's thresholds are about; it beats a count of the units themselves
_PER_UNIT = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:each|apiece|a piece|per [a-z]+|from each)\b")
PER_UNIT_BONUS = 100
SPELLED_COUNT = 20  # the least one-word number read as a count of examples (a tens word)


class NumberPass:
    """Reads the numbers of a clause into candidate answers (see the module docstring)."""

    def __init__(
        self, rubric: Rubric, patterns: Patterns, changes: ChangeReader, past_outputs: Callable[[str], bool]
    ) -> None:
        self.rubric = rubric
        self.patterns = patterns
        self.changes = changes
        self.past_outputs = past_outputs

    def read(self, clause: str, offset: int, previous: str = "") -> list[Candidate]:
        """Counts, rates, tokens, deadlines and budgets stated as numbers; `previous` is the
        clause before, where a bare count ("roughly 70k of them") names what it counts."""
        out: list[Candidate] = []
        numbers = find_numbers(clause)
        arriving = [(c.start, c.start + len(c.snippet)) for c in self.changes.arrivals(clause, 0)]
        money = self.rubric.reading.money
        amounts = find_amounts(clause)
        for a in amounts:  # "$500/month", "we can spend 20k": a budget, never a volume or a count
            if money is None or not a.budget:
                continue
            snippet = clause[a.start : a.end]
            out.append(Candidate(BUDGET, budget_choice(a, money), offset + a.start, len(snippet), snippet, 2))
        arriving += [(a.start, a.end) for a in amounts]
        for i, num in enumerate(numbers):
            if any(a <= num.start < b for a, b in arriving):
                continue  # "3 new bulletins a day": how fast the facts change, not a volume
            if _NAMED.search(clause[: num.start]):
                continue  # "ICD-10", "GPT-4", "COVID-19": part of a name, not a quantity
            nxt = numbers[i + 1].start if i + 1 < len(numbers) else len(clause)
            after = clause[num.end : min(nxt, num.end + 48)]
            before = clause[max(0, num.start - 32) : num.start]
            cand = classify_number(
                num, before, after, clause, count_cue=self.patterns.cues.get("labelled_examples")
            )
            if cand is None and not num.spelled and counts_things(num, before, after, clause):
                phrase = counted_phrase(clause[num.end :], clause[: num.start], previous)
                # "50k listings our writers did by hand"; "over 200k, which are exactly what a good result looks like"
                # "reports must use our template (we have 3 years of them, ~25k)": past outputs referred to
                if (
                    said_to_be_gold(clause[num.end :])
                    or referred_outputs(f"{previous} {clause[: num.start]}", clause[num.end :])
                    or self.past_outputs(phrase)
                ):
                    snippet = clause[max(0, num.start - 12) : min(len(clause), num.end + 24)].strip()
                    out.append(Candidate(LABELLED, as_number(num.value), offset + num.start, 0, snippet, priority=2))
                continue
            if cand is not None and not (num.spelled and cand[0] == LABELLED and num.value < SPELLED_COUNT):
                # a one-word number ("six", "two") counts people, days or requests; a count of
                # examples that small says "scarce" anyway, and reading it as one lets a far cue
                # ("a team of six and GPU budget approved") outrank the real count. From twenty on
                # ("forty old posts", "thirty past replies") it is no team's or deadline's size
                crit, value = cand
                snippet = clause[max(0, num.start - 12) : min(len(clause), num.end + 24)].strip()
                weight = len(snippet) + (PER_UNIT_BONUS if crit == LABELLED and _PER_UNIT.match(after) else 0)
                out.append(Candidate(crit, value, offset + num.start, weight, snippet, priority=2))
        out.extend(self.denied(clause, offset))
        out.extend(self.vouched_before(clause, offset, previous))
        return out

    def vouched_before(self, clause: str, offset: int, previous: str) -> list[Candidate]:
        """The last count of the clause before, when this clause says its things are the output the
        team wants ("around 90k" | "and every one of them is the kind of output we want")."""
        # the cheap test first: most clauses vouch for nothing; "each one graded by ..." labels them
        if not (said_to_be_gold(clause) or labels_them(clause)):
            return []
        numbers = find_numbers(previous)
        if not numbers:
            return []
        num = numbers[-1]
        before = previous[max(0, num.start - 32) : num.start]
        after = previous[num.end : num.end + 48]
        if num.spelled or _NAMED.search(previous[: num.start]) or not counts_things(num, before, after, previous):
            return []
        if classify_number(num, before, after, previous, count_cue=self.patterns.cues.get(LABELLED)) is not None:
            return []  # a rate, a deadline, a count already read
        snippet = previous[max(0, num.start - 12) : num.end].strip()
        return [Candidate(LABELLED, as_number(num.value), offset, 0, snippet, priority=2)]

    def denied(self, clause: str, offset: int) -> list[Candidate]:
        """Quantities a quantifier denies ("we don't have any labelled Q&A pairs", "zero labelled
        conversations", "not a single example"): the count of what its noun phrase names is 0;
        likewise denied labelling ("nothing is labelled", "nobody has labelled anything").
        Weighted below any stated count, so "no labels yet, but 5k tickets" keeps the 5k."""
        out: list[Candidate] = []
        for zero in find_zeros(clause):
            phrase = denied_phrase(clause[zero.end :])
            if phrase is None:
                continue
            cue = self.patterns.cues.get(LABELLED)
            cand = classify_number(zero, clause[: zero.start], phrase, clause, count_cue=cue)
            if cand is not None and cand[0] in DENIABLE:
                snippet = clause[zero.start : zero.end] + phrase
                out.append(Candidate(cand[0], cand[1], offset + zero.start, 0, snippet, priority=2))
        for m in UNLABELLED.finditer(clause):  # "nothing is labelled": no examples, whatever the noun
            out.append(Candidate(LABELLED, 0, offset + m.start(), 0, m.group(0), priority=2))
        return out
