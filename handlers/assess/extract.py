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
import re
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel, Field

from handlers.assess.direct import bare_number, direct_choice
from handlers.assess.number_cues import as_number, classify_number
from handlers.assess.numbers import find_numbers
from handlers.assess.semantic import OptionMatcher
from knowledge.rubric.model import Answers, AnswerValue, Rubric

log = logging.getLogger(__name__)

_CLAUSE = re.compile(
    r"[.;!?\n]+(?:\s|$)|,\s+(?!which\b|that\b|who\b|whose\b)"  # ", which ..." stays with its subject
    r"|\s+(?:but|whereas|while|although)\s+|\s+-\s+"
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|zero|lacks?|lacking|nobody|none|neither|nor|don'?t|doesn'?t|isn'?t|aren'?t|"
    r"haven'?t|hasn'?t|won'?t|can'?t|cannot|didn'?t|nothing)\b"
    r"(?:\s+(?:any|much|many|real|really|dedicated|in-house|actual|good|experienced|a|an|the|our|have|has|need|"
    r"one|with|of|us|here|on|team|employ|hire|hired|know|knows|got|use|own)\b)*"
    r"(?:\s+[\w'-]+){0,3}\s*$"  # "nobody in our team has [ML skills]": up to three words between
)
_FREQ_NEGATION = re.compile(r"(?:\bnot|\bnever|n't|\bhardly|\bbarely|\bseldom)\b")


class Extraction(BaseModel):
    """Answers found in a text, with the snippet each one came from."""

    answers: Answers = Field(default_factory=dict)
    evidence: dict[str, str] = Field(default_factory=dict)

    def merged_over(self, base: Extraction) -> Extraction:
        """This extraction's answers, falling back to `base` for anything it does not have."""
        return Extraction(
            answers={**base.answers, **self.answers}, evidence={**base.evidence, **self.evidence}
        )


@dataclass
class _Candidate:
    criterion: str
    value: AnswerValue
    start: int
    length: int
    snippet: str
    priority: int = 0  # numbers beat phrases beat synonyms beat embedding matches


@dataclass
class _Patterns:
    """Compiled regexes for one rubric."""

    choices: list[tuple[str, str, str | None, re.Pattern[str]]] = field(default_factory=list)
    phrases: list[tuple[str, float, re.Pattern[str]]] = field(default_factory=list)
    subjects: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    frequencies: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    change: re.Pattern[str] | None = None
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)


def _word(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


class RuleExtractor:
    """Implements `handlers.assess.ports.AnswerExtractor` without any model."""

    name = "rules"

    def __init__(self, rubric: Rubric, matcher: OptionMatcher | None = None) -> None:
        self.rubric = rubric
        self.matcher = matcher

    @cached_property
    def patterns(self) -> _Patterns:
        p = _Patterns()
        for crit in self.rubric.criteria:
            for choice in crit.choices if not crit.numeric else []:
                for syn in choice.synonyms:
                    p.choices.append((crit.id, choice.id, choice.negated, _word(syn)))
            for phrase in crit.phrases:
                p.phrases.append((crit.id, phrase.value, _word(phrase.pattern)))
            if crit.subjects:
                p.subjects.append((crit.id, _word("|".join(crit.subjects))))
            if crit.cues:
                p.cues[crit.id] = _word("|".join(crit.cues))
        for choice_id, words in self.rubric.frequency_words.items():
            p.frequencies.append((choice_id, _word("|".join(words))))
        if self.rubric.change_words:
            p.change = _word("|".join(self.rubric.change_words))
        return p

    # --- public ---------------------------------------------------------------------------------
    def extract(self, text: str) -> Extraction:
        candidates: list[_Candidate] = []
        normalised = _normalise(text)
        clauses = _clauses(normalised)
        for offset, clause in clauses:
            candidates.extend(self._numbers(clause, offset))
            candidates.extend(self._phrases(clause, offset))
            candidates.extend(self._choices(clause, offset))
            candidates.extend(self._frequencies(clause, offset))
        if self.matcher is not None:
            # a question ("should the model learn them by fine-tuning?") states nothing about the team
            stated = [(o, c) for o, c in clauses if not normalised[o + len(c) :].lstrip().startswith("?")]
            try:
                candidates.extend(self._semantic(self.matcher, stated))
            except Exception:  # the model could not load or run: the phrase rules still answer
                log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
                self.matcher = None
        best: dict[str, _Candidate] = {}
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

    def _rank(self, cand: _Candidate) -> tuple[int, int, int, int]:
        """Numbers beat phrases beat synonyms beat embedding matches; of two statements of how
        often something changes, the faster one governs (if some facts change daily, the
        knowledge must be refreshed daily); then the longer match, then the later one."""
        crit = self.rubric.criterion(cand.criterion)
        pace = crit.choice_index(cand.value) if crit.subjects and isinstance(cand.value, str) else 0
        return (cand.priority, pace, cand.length, cand.start)

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        """Read a reply to one question: a choice number/id/label, a bare number or frequency,
        or anything the full extractor finds for that criterion. None if unreadable."""
        crit = self.rubric.criterion(criterion_id)
        clean = _normalise(text).strip().strip(".!")
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
                    return "rarely" if _negated(clean[: m.start()]) else choice_id
        return None

    # --- passes ---------------------------------------------------------------------------------
    def _numbers(self, clause: str, offset: int) -> list[_Candidate]:
        out: list[_Candidate] = []
        numbers = find_numbers(clause)
        for i, num in enumerate(numbers):
            nxt = numbers[i + 1].start if i + 1 < len(numbers) else len(clause)
            after = clause[num.end : min(nxt, num.end + 48)]
            before = clause[max(0, num.start - 32) : num.start]
            cand = classify_number(
                num, before, after, clause, count_cue=self.patterns.cues.get("labelled_examples")
            )
            if cand is not None:
                crit, value = cand
                snippet = clause[max(0, num.start - 12) : min(len(clause), num.end + 24)].strip()
                out.append(_Candidate(crit, value, offset + num.start, len(snippet), snippet, priority=2))
        return out

    def _phrases(self, clause: str, offset: int) -> list[_Candidate]:
        out: list[_Candidate] = []
        for crit_id, value, pattern in self.patterns.phrases:
            for m in pattern.finditer(clause):
                out.append(
                    _Candidate(crit_id, as_number(value), offset + m.start(), len(m.group(0)), m.group(0), 1)
                )
        return out

    def _choices(self, clause: str, offset: int) -> list[_Candidate]:
        out: list[_Candidate] = []
        for crit_id, choice_id, negated_to, pattern in self.patterns.choices:
            for m in pattern.finditer(clause):
                value: str = choice_id
                if _negated(clause[: m.start()]):
                    if negated_to is None:
                        continue
                    value = negated_to
                out.append(_Candidate(crit_id, value, offset + m.start(), len(m.group(0)), m.group(0)))
        return out

    def _semantic(self, matcher: OptionMatcher, clauses: list[tuple[int, str]]) -> list[_Candidate]:
        return [
            _Candidate(h.criterion, h.value, h.start, round(h.similarity * 1000), h.clause, priority=-1)
            for h in matcher.match(clauses)
        ]

    def _frequencies(self, clause: str, offset: int) -> list[_Candidate]:
        p = self.patterns
        subjects = [(crit, m) for crit, pat in p.subjects for m in pat.finditer(clause)]
        if not subjects and self.matcher is not None:
            return self._unnamed_subject(self.matcher, clause, offset)
        if not subjects or p.change is None:
            return []
        out: list[_Candidate] = []
        for choice_id, pattern in p.frequencies:
            for fm in pattern.finditer(clause):
                crit_id, sm = min(
                    subjects,
                    key=lambda s: abs(s[1].start() - fm.start()) + (0 if s[1].start() < fm.start() else 15),
                )
                lo, hi = min(sm.start(), fm.start()), max(sm.end(), fm.end())
                span = clause[lo:hi]
                if hi - lo > 70 or not p.change.search(span + clause[hi : hi + 12]):
                    continue
                value = "rarely" if _FREQ_NEGATION.search(clause[lo : fm.start()]) else choice_id
                crit = self.rubric.criterion(crit_id)
                if crit.choice(value) is None:
                    continue
                out.append(_Candidate(crit_id, value, offset + lo, len(span) + 10, span))
        return out


    def _unnamed_subject(self, matcher: OptionMatcher, clause: str, offset: int) -> list[_Candidate]:
        """A "... change(s) daily" clause whose subject no list names ("drug labels", "the
        numbers"): whose change it reports is decided by similarity to each criterion's `about`."""
        p = self.patterns
        found = [(c, m) for c, pat in p.frequencies for m in pat.finditer(clause)]
        if not found or p.change is None or not p.change.search(clause):
            return []
        try:
            crit_id = matcher.subject(clause, [c.id for c in self.rubric.criteria if c.subjects])
        except Exception:  # the model could not load or run: the phrase rules still answer
            log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
            self.matcher = None
            return []
        if crit_id is None:
            return []
        choice_id, fm = found[0]
        value = "rarely" if _FREQ_NEGATION.search(clause[: fm.start()]) else choice_id
        if self.rubric.criterion(crit_id).choice(value) is None:
            return []
        return [_Candidate(crit_id, value, offset, len(clause), clause)]


# --- helpers ------------------------------------------------------------------------------------
def _normalise(text: str) -> str:
    return (
        text.lower()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


def _clauses(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _CLAUSE.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _negated(before: str) -> bool:
    return bool(_NEGATION.search(before[-40:]))
