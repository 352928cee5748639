"""How often the facts and the requirements change, read from clauses (pure passes of the
rule-based extractor): a subject ("our prices") with a change verb and a frequency ("daily",
"twice a year"); "the latest X"; arrivals ("3 new bulletins a day"); and, with the embedding
matcher, a "changes daily" clause whose subject no list names.
How a clause is read together with the ones before it lives in `handlers.assess.change_context`;
the forms of a change no word list names (a participle, a difference, a publication) in
`handlers.assess.change_forms`.
"""

from __future__ import annotations

import re
from functools import cached_property

from handlers.assess.change_asides import aside_kind
from handlers.assess.change_context import ChangeContext
from handlers.assess.change_forms import differences, passives, published, without_use
from handlers.assess.changed_kind import MODEL, changed_kind
from handlers.assess.current_need import current_needs
from handlers.assess.frequency import arrivals, frequency_mentions, item_events, period_choice, recurring_events
from handlers.assess.patterns import FACTS, Candidate, Patterns
from handlers.assess.request_inputs import input_spans
from handlers.assess.semantic import OptionMatcher
from handlers.assess.text_cues import RATE, SENTENCE, frequency_value, inside, negated
from handlers.assess.things import (
    CONTAINER_OF,
    REQUIREMENTS,
    SCOPE,
    ThingClassifier,
    answered_from,
    shaped_for,
)
from knowledge.rubric.model import Rubric

# "new products land every day and each needs a description", "... but each description is written
# once": the arrivals are the task's input, handled one at a time, not knowledge answers look up
_PER_ITEM = re.compile(
    r"\b(?:each|every one)(?: of them| one| new one| [\w-]+)? (?:needs?|gets?|requires?|must get|should get|"
    r"has to get) (?:a|an|its own|their own|one)\b"
    r"|\beach(?: new)?(?: [\w-]+)? (?:is|gets|must be|has to be|needs to be) (?:written|drafted|generated|created|"
    r"produced|summari[sz]ed|translated|described|tagged|classified|answered)\b"
)
# the rubric's change words that alone state no change: a copula, an adjective ("new" still states
# arrivals in a clause with a frequency: "a few dozen new memos every week")
_COPULA = frozenset({"is", "are", "been"})
_NO_CHANGE = _COPULA | {"new"}
# a change word after a distributive is the noun of an event: "every release", "with each update"
_EVENT_NOUN = re.compile(r"(?<![\w-])(?:every|each|per)\s+(?:(?:new|single|major|minor)\s+)?$")
MAX_VERB_GAP_WORDS = 5  # "get revised almost every week", "are reworked by the funding panel nearly every month"
# where a new clause starts, with a subject of its own: "..., and the template changes", "; the menus ..."
_CLAUSE_START = r"[,;:]|\b(?:but|so|because|while|whereas|although|though|then)\b"
_NEW_CLAUSE = re.compile(
    _CLAUSE_START + r"|\band\s+(?=(?:the|our|their|its|this|these|those|his|her|my|your|we|they|it|i)\b)"
)
# where a clause of its own starts before a subject ("and the" may join two objects of one verb)
_HEAD_STOP = re.compile(_CLAUSE_START)
HEAD_CHARS = 50  # from a change verb before its subject to the subject ("changes its layout and wording rules")
MAX_SPAN_CHARS = 70  # from a subject to its frequency ("prices change, sometimes daily")
_REFERS = re.compile(r"\b(?:they|it|these|those)\b")
# the shape of the output: whoever sets it ("the carriers change their label format"), the task must
# follow it, a requirement, not a fact to look up
_FORM = re.compile(
    r"format|schema|template|layout|style|voice|tone|brief|prompt|instruction|spec|requirement", re.IGNORECASE
)


class ChangeReader:
    def __init__(self, rubric: Rubric, patterns: Patterns) -> None:
        self.rubric = rubric
        self.p = patterns
        verbs = patterns.change_verbs
        # "product keeps changing what it wants": the subject changes something else (the agent)
        self._agent = re.compile(
            r"\s+(?:keeps?\s+|kept\s+)?(?:" + verbs + r")\s+(?:what|how|which|who|the|our|its|their|his|her|my|your)\b"
        ) if verbs else None
        self._verb = patterns.change_verb

    def mentions(self, clause: str, *, events: bool = True) -> list[tuple[str, int, int]]:
        """How often, stated or (with `events`) as a recurring event (see handlers.assess.frequency)."""
        return frequency_mentions(clause, self.rubric.frequency_periods, self.p.frequencies, RATE, events=events)

    def subjects(self, clause: str) -> list[tuple[str, re.Match[str]]]:
        """Frequency subjects in `clause`; the most specific wins ("product specs" is facts and
        hides the "specs" of the requirements inside it); none inside a recurring event, whose noun
        only says what sets the change off, like a trigger's."""
        found = [(crit, m) for crit, pat in self.p.subjects for m in pat.finditer(clause)]
        found = [(crit, m) for crit, m in found if not CONTAINER_OF.match(clause, m.start())]
        # the noun of a recurring event sets the change off ("reworked for every product launch")
        events = recurring_events(clause)
        found = [(crit, m) for crit, m in found if not any(s <= m.start() < e for s, e in events)]
        return [(crit, m) for crit, m in found if not any(inside(m, o) for _, o in found)]

    def in_context(self, clauses: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The clauses the frequency pass reads (`handlers.assess.change_context`)."""
        return self.context.join(clauses)

    @cached_property
    def context(self) -> ChangeContext:
        return ChangeContext(self)

    @staticmethod
    def inputs(text: str) -> list[tuple[int, int]]:
        """Spans of the sentences that say each new item is handled one at a time (`_PER_ITEM`):
        what they say arrives or changes is the task's input, not facts to look up; and the spans of
        what is supplied with each request, the customers and spending periods (`request_inputs`)."""
        per_item = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if _PER_ITEM.search(m.group(0))]
        return per_item + input_spans(text)

    def _acts(self, clause: str, subject: re.Match[str]) -> bool:
        """The subject changes something else ("product keeps changing what it wants"): what
        changes is the object, another subject or none, not the subject itself."""
        return self._agent is not None and self._agent.match(clause, subject.end()) is not None

    def _referred(self, clause: str, subject_end: int, f_start: int, f_end: int) -> bool:
        """A pronoun between the subject and a far frequency takes the subject up again with a
        change verb of its own: "HR policies for 14 countries and they get edited ..., several
        times a month" - the frequency is that close to its subject."""
        refs = list(_REFERS.finditer(clause, subject_end, f_start))
        if not refs or f_end - refs[-1].start() > MAX_SPAN_CHARS:
            return False
        return self.states_change(clause[refs[-1].start() : f_start])

    def states_change(self, clause: str) -> bool:
        """A change word of the rubric in `clause`."""
        return self.p.change is not None and self.p.change.search(clause) is not None

    def changed(self, text: str, *, ignore: frozenset[str] = _NO_CHANGE) -> bool:
        """A change verb or a passive participle ("is redone", "get reworked") in `text`; a bare
        "is" is no statement of change ("asking whether it is in stock and when ..."), nor (by
        default) "new", nor a change word that is the noun of an event ("every release": what
        times a change, no verb stating one)."""
        words = self.p.change.finditer(text) if self.p.change is not None else iter(())
        words = (m for m in words if _EVENT_NOUN.search(text, 0, m.start()) is None)
        if any(m.group(0).lower() not in ignore for m in words) or passives(text):
            return True
        return bool(differences(text))

    def _linked(self, clause: str, subject: re.Match[str], f_start: int, f_end: int) -> bool:
        """A frequency far from its subject still states its change: taken up by a pronoun
        (`_referred`) or said right after the subject's own verb (`_governed`)."""
        if self._referred(clause, subject.end(), f_start, f_end):
            return True
        return subject.end() <= f_start and self._governed(clause, subject.end(), f_start)

    def _governed(self, clause: str, subject_end: int, f_start: int) -> bool:
        """A far frequency is its subject's when the change verb just before the frequency is the
        subject's own: no clause starts between them ("the product terms for the three accounts we
        offer to savers and small businesses in four regions get revised almost every week").
        Distance in clause structure, not in characters."""
        verbs = self._verbs(clause[subject_end:f_start])
        if not verbs or len(clause[subject_end + verbs[-1][1] : f_start].split()) > MAX_VERB_GAP_WORDS:
            return False
        return _NEW_CLAUSE.search(clause, subject_end, subject_end + verbs[-1][0]) is None

    def _verbs(self, text: str) -> list[tuple[int, int]]:
        """Spans of the change verbs and passive participles in `text`, in order."""
        found = [
            *(self._verb.finditer(text) if self._verb is not None else []),
            *passives(text),
            *differences(text),
        ]
        return sorted((m.start(), m.end()) for m in found)

    def frequencies(self, clause: str, offset: int) -> list[Candidate]:
        """Statements of change with a named subject (none: see `unnamed`)."""
        p = self.p
        subjects = [(c, m) for c, m in self.subjects(clause) if not self._acts(clause, m)]
        if not subjects or p.change is None:
            return []
        out: list[Candidate] = []
        for choice_id, f_start, f_end in self.mentions(clause):
            if self._item_work(clause, f_start, f_end):
                continue
            crit_id, sm = min(
                subjects,
                key=lambda s: abs(s[1].start() - f_start) + (0 if s[1].start() < f_start else 15),
            )
            crit_id = aside_kind(clause) or self._issuer(clause, crit_id, sm)
            if crit_id == FACTS and shaped_for(clause[: sm.start()]):  # "formatted for each customer's portal"
                crit_id = REQUIREMENTS
            elif crit_id == REQUIREMENTS and answered_from(clause[: sm.start()]):  # "answers from ... shipping rules"
                crit_id = FACTS
            lo, hi = min(sm.start(), f_start), max(sm.end(), f_end)
            span = clause[lo:hi]
            # active voice puts the verb before its object: "we update our prices daily"
            # a participle no verb list names states it too: "the partner list gets reshuffled monthly";
            # one of use does not, nor its copula: "the manuals are consulted every day"
            stated = p.change.search(without_use(span + clause[hi : hi + 12])) is not None or bool(
                differences(span) or passives(span)
            )
            head = "" if stated else clause[max(0, lo - 30) : lo]
            if hi - lo > MAX_SPAN_CHARS and not self._linked(clause, sm, f_start, f_end):
                continue
            if not (stated or p.change.search(head) or self._verb_before(clause, lo)):
                continue
            # a stability word also sees a negated quantifier before its subject ("none of the docs are static")
            before = clause[max(0, lo - 30) : f_start] if choice_id == "rarely" else head + clause[lo:f_start]
            value = frequency_value(choice_id, before)
            if self.rubric.criterion(crit_id).choice(value) is None:
                continue
            out.append(Candidate(crit_id, value, offset + lo, len(span) + 10, span))
        return out

    def _verb_before(self, clause: str, lo: int) -> bool:
        """A change verb a little further before its subject, in the subject's own clause ("each
        department changes its layout and wording rules weekly"): at most `HEAD_CHARS` back."""
        head = clause[max(0, lo - HEAD_CHARS) : lo]
        starts = [m.end() for m in _HEAD_STOP.finditer(head)]
        head = head[starts[-1] :] if starts else head
        return self._verb is not None and self._verb.search(head) is not None

    def _item_work(self, clause: str, f_start: int, f_end: int) -> bool:
        """An event that happens many times a day ("for each request") with no change verb of the
        rubric in the clause: work done for each item ("an add-on loaded for each request",
        "summaries produced for every ticket"), not a change."""
        if (f_start, f_end) not in item_events(clause) or differences(clause):
            return False
        return self._verb is None or self._verb.search(clause) is None

    def _issuer(self, clause: str, crit_id: str, subject: re.Match[str]) -> str:
        """Whose change a subject reports, by who changes it: "the courts amend their rules" - what
        an outside body changes of its own is the criterion that names that body among its
        `agents` (facts to look up), whatever list the noun is on."""
        if _FORM.search(subject.group(0)):
            return crit_id
        for other, pattern in self.p.agents.items():
            if other != crit_id and pattern.search(clause, 0, subject.start()) is not None:
                return other
        return crit_id

    def current(self, clause: str, offset: int) -> list[Candidate]:
        """"the latest filings", "today's fares": facts needed as they are now, refreshed daily."""
        needs = current_needs(clause, offset)  # "answers must be current": of the output
        if self.p.current is None:
            return needs
        return needs + [
            Candidate(FACTS, "daily", offset + m.start(), len(m.group(0)), m.group(0))
            for m in self.p.current.finditer(clause)
            if not negated(clause[: m.start()])
        ]

    def arrivals(self, clause: str, offset: int) -> list[Candidate]:
        """"we get 3 new regulatory bulletins a day": the facts change at that pace."""
        out: list[Candidate] = []
        periods = self.rubric.frequency_periods
        for crit_id, nouns in self.p.subjects:
            crit = self.rubric.criterion(crit_id)
            if crit.id != FACTS or not periods:
                continue
            for c in arrivals(clause, nouns):
                value = period_choice(c.period_days, periods)
                if value is not None and crit.choice(value) is not None:
                    span = clause[c.start : c.end]
                    out.append(Candidate(crit_id, value, offset + c.start, len(span) + 10, span))
        return out

    def unnamed(
        self, matcher: OptionMatcher, clause: str, offset: int, things: ThingClassifier | None = None
    ) -> list[Candidate]:
        """A "... change(s) daily" clause whose subject no list names ("drug labels", "what the
        tutor should do"): whose change it reports is decided by the thing the change verb says
        changes (`things`, see handlers.assess.things), and where that is undecided by the
        similarity of the whole clause to each criterion's `about`, and where that too is undecided
        by its verb: what is published or released is facts (`change_forms.published`). Raises
        whatever the matcher raises (the caller then drops the matcher)."""
        found = [f for f in self.mentions(clause) if not self._item_work(clause, f[1], f[2])]
        # a copula with a frequency states no change: "our IT is one contractor who comes in on
        # Fridays", "the budget is a few hundred bucks a month", "accuracy is worth a lot to us"
        if not found or not self.changed(clause, ignore=_COPULA):
            return []
        choice_id, f_start, _ = min(found, key=lambda f: f[1])
        crit_id = (
            changed_kind(things, clause, f_start, self._verbs(clause), self._facts_named)
            if things is not None
            else None
        )
        if crit_id in (MODEL, SCOPE):  # the model itself, or the units served ("add more offices"), change
            return []
        # the examples it lists say what changes better than its noun: "a label (new interactions, dosing)"
        crit_id = aside_kind(clause) or crit_id
        if crit_id is None:
            crit_id = matcher.subject(clause, [c.id for c in self.rubric.criteria if c.subjects], FACTS)
        if crit_id is None and published(clause):
            # what is published or released, whatever its noun, is knowledge to look up
            # ("funders publish new calls all the time", "we push a balance patch every week")
            crit_id = FACTS
        if crit_id is None:
            return []
        value = frequency_value(choice_id, clause[:f_start])
        if self.rubric.criterion(crit_id).choice(value) is None:
            return []
        return [Candidate(crit_id, value, offset, len(clause), clause)]

    def _facts_named(self, text: str) -> bool:
        """Whether `text` names a store of facts ("our listings")."""
        return any(c == FACTS for c, _ in self.subjects(text))
