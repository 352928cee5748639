"""The offline, rule-based extractor (pure): free text -> rubric answers.

"we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people" becomes
{labelled_examples: 5000, request_volume: 2000000, facts_change: "weekly", ml_expertise: "none"}.
Driven by the rubric's data: choice synonyms (with `negated` targets), numeric cues and phrases,
frequency subjects and words. Numbers understand k/M/thousand/million and per day/week/month.
With an `OptionMatcher` (embedding similarity to each choice's examples, negation-aware) it also
reads wordings no phrase lists; the phrase rules win wherever both found something.
"""

from __future__ import annotations

import logging
from functools import cached_property

from pydantic import BaseModel, Field

from handlers.assess.direct import bare_number, direct_choice
from handlers.assess.frequency import arrivals, frequency_mentions, period_choice
from handlers.assess.number_cues import as_number, classify_number
from handlers.assess.numbers import find_numbers
from handlers.assess.patterns import FACTS, Candidate, Patterns, compile_patterns
from handlers.assess.semantic import OptionMatcher
from handlers.assess.text_cues import (
    FREQ_NEGATION,
    RATE,
    WISH,
    inside,
    negated,
    normalise,
    split_clauses,
)
from knowledge.rubric.model import Answers, AnswerValue, Rubric

log = logging.getLogger(__name__)


class Extraction(BaseModel):
    """Answers found in a text, with the snippet each one came from."""

    answers: Answers = Field(default_factory=dict)
    evidence: dict[str, str] = Field(default_factory=dict)

    def merged_over(self, base: Extraction) -> Extraction:
        """This extraction's answers, falling back to `base` for anything it does not have."""
        return Extraction(
            answers={**base.answers, **self.answers}, evidence={**base.evidence, **self.evidence}
        )


class RuleExtractor:
    """Implements `handlers.assess.ports.AnswerExtractor` without any model."""

    name = "rules"

    def __init__(self, rubric: Rubric, matcher: OptionMatcher | None = None) -> None:
        self.rubric = rubric
        self.matcher = matcher

    @cached_property
    def patterns(self) -> Patterns:
        return compile_patterns(self.rubric)

    # --- public ---------------------------------------------------------------------------------
    def extract(self, text: str) -> Extraction:
        candidates: list[Candidate] = []
        normalised = normalise(text)
        clauses = split_clauses(normalised)
        for offset, clause in clauses:
            candidates.extend(self._numbers(clause, offset))
            candidates.extend(self._phrases(clause, offset))
            candidates.extend(self._choices(clause, offset))
            candidates.extend(self._frequencies(clause, offset))
            candidates.extend(self._current(clause, offset))
        if self.matcher is not None:
            # a question ("should the model learn them by fine-tuning?") states nothing about the team
            stated = [(o, c) for o, c in clauses if not normalised[o + len(c) :].lstrip().startswith("?")]
            try:
                candidates.extend(self._semantic(self.matcher, stated))
            except Exception:  # the model could not load or run: the phrase rules still answer
                log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
                self.matcher = None
        best: dict[str, Candidate] = {}
        for cand in candidates:
            cur = best.get(cand.criterion)
            if cur is None or self._rank(cand) >= self._rank(cur):
                best[cand.criterion] = cand
        known = {c.id for c in self.rubric.criteria}
        ordered = [c for c in self.rubric.criteria if c.id in best and c.id in known]
        return Extraction(
            answers={c.id: best[c.id].value for c in ordered},
            evidence={c.id: best[c.id].snippet for c in ordered},
        )

    def _rank(self, cand: Candidate) -> tuple[int, int, int, int]:
        """Numbers beat phrases beat synonyms beat embedding matches; of two statements of how
        often something changes, the faster one governs (if some facts change daily, the
        knowledge must be refreshed daily); then the longer match, then the later one."""
        crit = self.rubric.criterion(cand.criterion)
        # likewise the furthest stage of experience: "prompting works, but the JSON breaks" plateaued
        staged = crit.subjects or crit.experience
        pace = crit.choice_index(cand.value) if staged and isinstance(cand.value, str) else 0
        return (cand.priority, pace, cand.length, cand.start)

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        """Read a reply to one question: a choice number/id/label, a bare number or frequency,
        or anything the full extractor finds for that criterion. None if unreadable."""
        crit = self.rubric.criterion(criterion_id)
        clean = normalise(text).strip().strip(".!")
        direct = direct_choice(crit, clean)
        if direct is not None:
            return direct
        found = self.extract(text).answers.get(criterion_id)
        if found is not None:
            return found
        if crit.numeric:
            return bare_number(crit, clean)
        if crit.subjects:
            for choice_id, pattern in self.patterns.frequencies:
                m = pattern.search(clean)
                if m and crit.choice(choice_id) is not None:
                    return "rarely" if negated(clean[: m.start()]) else choice_id
        return None

    # --- passes ---------------------------------------------------------------------------------
    def _numbers(self, clause: str, offset: int) -> list[Candidate]:
        out: list[Candidate] = []
        numbers = find_numbers(clause)
        arriving = [(c.start, c.start + len(c.snippet)) for c in self._arrivals(clause, 0)]
        for i, num in enumerate(numbers):
            if any(a <= num.start < b for a, b in arriving):
                continue  # "3 new bulletins a day": how fast the facts change, not a volume
            nxt = numbers[i + 1].start if i + 1 < len(numbers) else len(clause)
            after = clause[num.end : min(nxt, num.end + 48)]
            before = clause[max(0, num.start - 32) : num.start]
            cand = classify_number(
                num, before, after, clause, count_cue=self.patterns.cues.get("labelled_examples")
            )
            if cand is not None:
                crit, value = cand
                snippet = clause[max(0, num.start - 12) : min(len(clause), num.end + 24)].strip()
                out.append(Candidate(crit, value, offset + num.start, len(snippet), snippet, priority=2))
        return out

    def _phrases(self, clause: str, offset: int) -> list[Candidate]:
        out: list[Candidate] = []
        for crit_id, value, pattern in self.patterns.phrases:
            for m in pattern.finditer(clause):
                out.append(
                    Candidate(crit_id, as_number(value), offset + m.start(), len(m.group(0)), m.group(0), 1)
                )
        return out

    def _choices(self, clause: str, offset: int) -> list[Candidate]:
        out: list[Candidate] = []
        for crit_id, choice_id, negated_to, pattern in self.patterns.choices:
            owner = self.patterns.owners.get(crit_id)
            not_after = self.patterns.not_after.get(crit_id)
            for m in pattern.finditer(clause):
                if owner is not None and owner.match(clause, m.end()):
                    continue  # "our legal team": who someone is, not what the task is
                if not_after is not None and not_after.search(clause[max(0, m.start() - 40) : m.start()]):
                    continue  # "every 3 months", "tried it for months": not a deadline
                value: str = choice_id
                if negated(clause[: m.start()]):
                    if negated_to is None:
                        continue
                    value = negated_to
                out.append(Candidate(crit_id, value, offset + m.start(), len(m.group(0)), m.group(0)))
        return out

    def _semantic(self, matcher: OptionMatcher, clauses: list[tuple[int, str]]) -> list[Candidate]:
        return [
            Candidate(h.criterion, h.value, h.start, round(h.similarity * 1000), h.clause, priority=-1)
            for h in matcher.match(clauses)
            if not (self.rubric.criterion(h.criterion).experience and WISH.search(h.clause))
        ]

    def _frequency_mentions(self, clause: str) -> list[tuple[str, int, int]]:
        return frequency_mentions(clause, self.rubric.frequency_periods, self.patterns.frequencies, RATE)

    def _frequencies(self, clause: str, offset: int) -> list[Candidate]:
        p = self.patterns
        found = [(crit, m) for crit, pat in p.subjects for m in pat.finditer(clause)]
        # the most specific subject wins: "product specs" (facts) hides the "specs" (requirements) in it
        subjects = [
            (crit, m)
            for crit, m in found
            if not any(inside(m, o) for _, o in found)
        ]
        out = self._arrivals(clause, offset)
        if not subjects and self.matcher is not None:
            return out + self._unnamed_subject(self.matcher, clause, offset)
        if not subjects or p.change is None:
            return out
        for choice_id, f_start, f_end in self._frequency_mentions(clause):
            crit_id, sm = min(
                subjects,
                key=lambda s: abs(s[1].start() - f_start) + (0 if s[1].start() < f_start else 15),
            )
            lo, hi = min(sm.start(), f_start), max(sm.end(), f_end)
            span = clause[lo:hi]
            # active voice puts the verb before its object: "we update our prices daily"
            stated = p.change.search(span + clause[hi : hi + 12]) is not None
            head = "" if stated else clause[max(0, lo - 30) : lo]
            if hi - lo > 70 or not (stated or p.change.search(head)):
                continue
            value = "rarely" if FREQ_NEGATION.search(head + clause[lo:f_start]) else choice_id
            crit = self.rubric.criterion(crit_id)
            if crit.choice(value) is None:
                continue
            out.append(Candidate(crit_id, value, offset + lo, len(span) + 10, span))
        return out

    def _current(self, clause: str, offset: int) -> list[Candidate]:
        """"the latest filings", "today's fares": facts needed as they are now, refreshed daily."""
        if self.patterns.current is None:
            return []
        return [
            Candidate(FACTS, "daily", offset + m.start(), len(m.group(0)), m.group(0))
            for m in self.patterns.current.finditer(clause)
            if not negated(clause[: m.start()])
        ]

    def _arrivals(self, clause: str, offset: int) -> list[Candidate]:
        """"we get 3 new regulatory bulletins a day": the facts change at that pace."""
        out: list[Candidate] = []
        periods = self.rubric.frequency_periods
        for crit_id, nouns in self.patterns.subjects:
            crit = self.rubric.criterion(crit_id)
            if crit.id != FACTS or not periods:
                continue
            for c in arrivals(clause, nouns):
                value = period_choice(c.period_days, periods)
                if value is not None and crit.choice(value) is not None:
                    span = clause[c.start : c.end]
                    out.append(Candidate(crit_id, value, offset + c.start, len(span) + 10, span))
        return out

    def _unnamed_subject(self, matcher: OptionMatcher, clause: str, offset: int) -> list[Candidate]:
        """A "... change(s) daily" clause whose subject no list names ("drug labels", "the
        numbers"): whose change it reports is decided by similarity to each criterion's `about`."""
        p = self.patterns
        found = self._frequency_mentions(clause)
        if not found or p.change is None or not p.change.search(clause):
            return []
        try:
            crit_id = matcher.subject(clause, [c.id for c in self.rubric.criteria if c.subjects], FACTS)
        except Exception:  # the model could not load or run: the phrase rules still answer
            log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
            self.matcher = None
            return []
        if crit_id is None:
            return []
        choice_id, f_start, _ = min(found, key=lambda f: f[1])
        value = "rarely" if FREQ_NEGATION.search(clause[:f_start]) else choice_id
        if self.rubric.criterion(crit_id).choice(value) is None:
            return []
        return [Candidate(crit_id, value, offset, len(clause), clause)]
