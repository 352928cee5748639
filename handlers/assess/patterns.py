"""The rule-based extractor's compiled rubric (pure): every synonym, phrase, subject, cue and
frequency word as a regex, built once per rubric; and the candidate answer a pass proposes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handlers.assess.text_cues import inflected, word
from knowledge.rubric.model import AnswerValue, Rubric

FACTS = "facts_change"  # the criterion whose pace arrivals ("3 new bulletins a day") and "the latest X" set
BUDGET = "budget"  # the criterion an amount of money ("$500/month", "we can spend 20k") answers
LABELLED = "labelled_examples"  # the criterion counts of examples and amounts of past material answer
# a word inside a noun phrase: not a determiner or possessive, which would start another phrase
_BARE = r"(?!(?:the|a|an|our|their|its|my|your|his|her|this|that|these|those|and|or)\b)[\w'-]+"


@dataclass
class Candidate:
    criterion: str
    value: AnswerValue
    start: int
    length: int
    snippet: str
    priority: int = 0  # numbers beat phrases beat synonyms beat embedding matches


@dataclass
class Patterns:
    """Compiled regexes for one rubric."""

    choices: list[tuple[str, str, str | None, re.Pattern[str]]] = field(default_factory=list)
    phrases: list[tuple[str, float, re.Pattern[str]]] = field(default_factory=list)
    subjects: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    frequencies: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    change: re.Pattern[str] | None = None
    change_verb: re.Pattern[str] | None = None  # the rubric's change verbs alone, every form
    change_verbs: str = ""  # ... as the bare alternation, for patterns built around a change verb
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    owners: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_after: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    current: re.Pattern[str] | None = None
    # criterion -> who, changing a thing of their own just before it, makes it that criterion's
    # ("the courts amend their | rules"): matched on the text that ends where the subject starts
    agents: dict[str, re.Pattern[str]] = field(default_factory=dict)


def compile_patterns(rubric: Rubric) -> Patterns:
    """The rubric's synonyms, phrases, subjects, cues and frequency words, compiled once."""
    p = Patterns()
    for crit in rubric.criteria:
        for choice in crit.choices if not crit.numeric else []:
            for syn in choice.synonyms:
                p.choices.append((crit.id, choice.id, choice.negated, word(syn)))
        if crit.not_after:
            p.not_after[crit.id] = re.compile(r"(?<![\w-])(?:" + "|".join(crit.not_after) + r")\s*$")
        if crit.not_before:
            p.not_before[crit.id] = re.compile(r"\s+(?:" + "|".join(crit.not_before) + r")\b")
        for phrase in crit.phrases:
            p.phrases.append((crit.id, phrase.value, word(phrase.pattern)))
        if crit.subjects:
            p.subjects.append((crit.id, word("|".join(crit.subjects))))
        if crit.cues:
            p.cues[crit.id] = word("|".join(crit.cues))
        if crit.owner_nouns:
            p.owners[crit.id] = re.compile(r"\s+(?:" + "|".join(crit.owner_nouns) + r")\b")
    facts = rubric.criteria_by_id.get(FACTS)
    if rubric.current_words and facts is not None and facts.subjects:
        subjects = "(?:" + "|".join(facts.subjects) + ")"
        # "our current prompt sorts product reviews": a current word qualifies the noun it stands
        # before; where that noun is what another criterion is about (a prompt, the requirements)
        # the current word is its, and does not reach over it to a facts noun further on
        others = [s for c in rubric.criteria if c.id != FACTS for s in c.subjects]
        bare = r"(?!(?:" + "|".join(others) + r")(?![\w-]))" + _BARE if others else _BARE
        p.current = word(
            # "live stats and injury news": the current word reaches over a coordinated noun before the
            # subject, but not over a new noun phrase ("the latest model and our docs")
            "(?:" + "|".join(rubric.current_words) + r")\s+(?:" + bare + r"\s+){0,2}?"
            + r"(?:(?:and|or|&|plus)\s+(?:" + bare + r"\s+){0,2}?)?" + subjects
            + "|" + subjects + r"\s+of\s+the\s+(?:day|hour|minute|moment)"  # "the news of the day"
            # "questions about what's current", "has to reference what's actually happening": what
            # holds now, said with no noun, is the facts as they are now
            + r"|what(?:'s|\s+is|\s+are)\s+(?:(?:actually|currently|really)\s+)?(?:happening|"
            + "|".join(rubric.current_words) + r")(?![\w-])"
            # "whatever is in stock at their store today", "the disruption feed as it stands at that
            # minute": what holds now, said after the subject at the end of its clause (a leading
            # "today, we answer from the docs" means "currently" and says nothing)
            + (
                "|" + subjects + r"\s+(?:[\w'-]+\s+){0,5}?(?:" + "|".join(rubric.now_words) + r")(?=\s*(?:[,.;:!?)]|$))"
                if rubric.now_words
                else ""
            )
        )
    for choice_id, words in rubric.frequency_words.items():  # "weekly-ish" is weekly
        p.frequencies.append((choice_id, word("(?:" + "|".join(words) + ")(?:-?ish)?")))
    change = [*rubric.change_words, *(inflected(v) for v in rubric.change_verbs)]
    if change:
        p.change = word("|".join(change))
    if rubric.change_verbs:
        p.change_verbs = "|".join(inflected(v) for v in rubric.change_verbs)
        p.change_verb = word(p.change_verbs)
        for crit in rubric.criteria:
            if crit.agents:
                p.agents[crit.id] = re.compile(
                    r"(?<![\w-])(?:" + "|".join(crit.agents) + r")\s+(?:[\w-]+\s+){0,2}?(?:" + p.change_verbs
                    + r")\s+(?:(?:its|their|the)\s+)?(?:own\s+)?(?:[\w-]+\s+){0,2}?$"
                )
    return p
