"""How often the facts and the requirements change, read from clauses (pure passes of the
rule-based extractor): a subject ("our prices") with a change verb and a frequency ("daily",
"twice a year"); "the latest X"; arrivals ("3 new bulletins a day"); and, with the embedding
matcher, a "changes daily" clause whose subject no list names.

Sentences split a statement of change in two: "The council updates those pages whenever bylaws
change, roughly monthly." and "We answer from 40 product manuals. They change maybe quarterly."
`in_context` joins a clause that is only a (hedged) frequency to the clause before it, and reads a
pronoun subject ("they", "these", "it") as the subject named just before it, and a bare subject
("specs update every release") as the longer one it was named by before ("our product specs").
The same sentence structure carries three more ways of saying it: growth ("12k contracts, more
get signed every month": "more" are new ones of the subject named before), a verb left out of
the second half ("fees change weekly, schedules every day": the second subject shares the verb)
and a subject taken up again as an object ("revops owns the price sheets and changes them
constantly": "them" are the price sheets).
A change that times another ("the handbook gets revised every few weeks when local rules change",
"memos that come out whenever the rules change, which is every few weeks") is the trigger, not what
changes at that pace: the clause is read without it, so the pace is the handbook's or the memos'.
The trigger is a whole subordinate clause of time, whatever its verb ("the scripts change whenever
the clinical team updates their guidance", "the rules get rewritten each time our compliance officer
reads a new regulator circular"): its nouns say what sets the change off, never what changes, so
they are masked ("whenever it happens", an event of the same pace) and the thing is read from the
main clause, the scripts and the rules, not the guidance or the circular.
"""

from __future__ import annotations

import re

from handlers.assess.frequency import arrivals, frequency_mentions, period_choice, recurring_events
from handlers.assess.patterns import FACTS, Candidate, Patterns
from handlers.assess.semantic import OptionMatcher
from handlers.assess.text_cues import RATE, SENTENCE, frequency_value, inflected, inside, negated
from handlers.assess.things import CONTAINER_OF, ThingClassifier, changed_thing
from knowledge.rubric.model import Rubric

_PRONOUN = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?P<kept>(?:none|all|some|most|any|each|neither) of\s+)?"
    r"(?:they|these|those|it|this|that|both|all of them|each of them|which)\b"
)
# "new products land every day and each needs a description", "... but each description is written
# once": the arrivals are the task's input, handled one at a time, not knowledge answers look up
_PER_ITEM = re.compile(
    r"\b(?:each|every one)(?: of them| one| new one| [\w-]+)? (?:needs?|gets?|requires?|must get|should get|"
    r"has to get) (?:a|an|its own|their own|one)\b"
    r"|\beach(?: new)?(?: [\w-]+)? (?:is|gets|must be|has to be|needs to be) (?:written|drafted|generated|created|"
    r"produced|summari[sz]ed|translated|described|tagged|classified|answered)\b"
)
# "more get signed every month", "new ones are added each week": further items of what was named
# before; the verb (or auxiliary) that follows keeps "more users every day" out
_MORE = re.compile(
    r"^\s*(?:(?:and|but|so|plus)\s+)?(?:(?:a lot|lots|plenty|loads|tons|many|a few|dozens|hundreds) )?"
    r"(?:more(?: of (?:them|those|these))?|new ones|others)"
    r"(?=\s+(?:(?:also|still|just|usually|typically|keep|keeps)\s+)?"
    r"(?:get|gets|are|is|come|comes|will|land|lands|arrive|arrives|appear|appears|show|shows|pile|piles|"
    r"roll|rolls|turn|turns|go|goes|get|keep|keeps|[\w-]+ed)\b)"
)
_OBJECT = r"(?:them|it|those|these|all of them|all of it|the lot)"
# "... when local rules change", "whenever the law is amended": a conjunction of time
_WHEN = r"(?:when|whenever|each time|every time|any ?time)"
# "is redone", "get reworked", "was rewritten": a change said by a participle no verb list names
_PASSIVE = re.compile(r"(?<![\w-])(?:is|are|was|were|gets?|got|been|being)\s+(?:re)?[a-z]+(?:ed|en|ne|wn)(?![\w-])")
# the rubric's change words that alone state no change: a copula, an adjective
_NO_CHANGE = frozenset({"is", "are", "been", "new"})
MAX_VERB_GAP_WORDS = 5  # "get revised almost every week", "are reworked by the funding panel nearly every month"
# where a new clause starts, with a subject of its own: "..., and the template changes", "; the menus ..."
_NEW_CLAUSE = re.compile(
    r"[,;:]|\b(?:but|so|because|while|whereas|although|though|then)\b"
    r"|\band\s+(?=(?:the|our|their|its|this|these|those|his|her|my|your|we|they|it|i)\b)"
)
# the whole subordinate clause of time: from its conjunction to the next clause boundary
_TRIGGER_CLAUSE = re.compile(
    r"(?<![\w-])(?P<conj>" + _WHEN + r")\s+[^,;:()]+?(?=\s*(?:[,;:()]|\s-\s|\b(?:which|so|but|then)\b|$))"
)
# the trigger's own conjunction keeps what it says of the pace: "whenever it happens" is a recurring
# event (`frequency` gives it the events' pace), "when it happens" a condition with no pace of its own
MASKED_TRIGGER = "it happens"
_LAST_WORD = re.compile(r"[\w'-]+(?=\s*$)")
MAX_GAPPED_WORDS = 6  # "schedules every week", "the menus about monthly"
MAX_TAIL_WORDS = 4  # "roughly monthly", "maybe every two weeks"
MAX_SPAN_CHARS = 70  # from a subject to its frequency ("prices change, sometimes daily")
_REFERS = re.compile(r"\b(?:they|it|these|those)\b")
MAX_TAIL_HEDGE_WORDS = 2  # "sometimes several times a month", "probably about once a week"
PRONOUN_REACH = 2  # a pronoun refers to a subject named in one of the last two clauses


class ChangeReader:
    def __init__(self, rubric: Rubric, patterns: Patterns) -> None:
        self.rubric = rubric
        self.p = patterns
        verbs = "|".join(inflected(v) for v in rubric.change_verbs)
        # "product keeps changing what it wants": the subject changes something else (the agent)
        self._agent = re.compile(
            r"\s+(?:keeps?\s+|kept\s+)?(?:" + verbs + r")\s+(?:what|how|which|who|the|our|its|their|his|her|my|your)\b"
        ) if verbs else None
        self._verb = patterns.change_verb
        # "they change them constantly": a change verb whose object is a pronoun
        self._object = re.compile(
            r"(?<![\w-])(?:" + verbs + r")\s+(?:(?:all|again|back|up)\s+)?(?P<obj>" + _OBJECT + r")(?![\w-])"
        ) if verbs else None

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

    def _is_tail(self, clause: str) -> bool:
        """A clause short enough to be the end of the one before it: a few words ("roughly
        monthly"), or a stated pace with only hedges around it ("sometimes several times a month")."""
        if len(clause.split()) <= MAX_TAIL_WORDS:
            return True
        rest = clause
        for _, start, end in sorted(self.mentions(clause, events=False), key=lambda m: -m[1]):
            rest = rest[:start] + " " + rest[end:]
        return rest != clause and len(rest.split()) <= MAX_TAIL_HEDGE_WORDS

    def in_context(self, clauses: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The clauses the frequency pass reads (see the module docstring)."""
        joined: list[tuple[int, str]] = []
        for offset, clause in clauses:  # first the tails: "..., roughly monthly"
            tail = self._is_tail(clause) and not self.subjects(clause)
            if joined and tail and self.mentions(clause) and not self._changes(clause):
                joined[-1] = (joined[-1][0], f"{joined[-1][1]}, {clause}")
            else:
                joined.append((offset, clause))
        out: list[tuple[int, str]] = []
        named: list[str] = []  # the last subject named in each clause so far ("" if none)
        qualified: dict[str, str] = {}  # "specs" -> "product specs": what a bare subject named before
        for offset, clause in joined:
            clause = self._untriggered(clause)
            subjects = self.subjects(clause)
            mentions = bool(self.mentions(clause))
            pronoun = _PRONOUN.match(clause)
            recent = [s for s in named[-PRONOUN_REACH:] if s]
            more = _MORE.match(clause)
            if pronoun and mentions and recent and not subjects:
                # "none of that is static": the quantifier stays, the pronoun takes the subject
                clause = (pronoun.group("kept") or "") + recent[-1] + clause[pronoun.end() :]
                subjects = self.subjects(clause)
            elif more and mentions and recent and not subjects:
                # "more get signed every month": new ones of the subject named before arrive
                clause = "new " + recent[-1] + clause[more.end() :]
                subjects = self.subjects(clause)
            elif mentions and subjects:
                gapped = self._gapped(clause, subjects, out[-1][1]) if out else None
                clause = gapped or self._object_of(clause, subjects) or clause
                subjects = self.subjects(clause)
            elif mentions and recent:
                clause = self._object_of(clause, [], recent[-1]) or clause
                subjects = self.subjects(clause)
            bare = [m for _, m in subjects if qualified.get(m.group(0), m.group(0)) != m.group(0)]
            if bare and mentions:
                m = bare[0]
                clause = clause[: m.start()] + qualified[m.group(0)] + clause[m.end() :]
                subjects = self.subjects(clause)
            qualified.update((m.group(0).split()[-1], m.group(0)) for _, m in subjects if " " in m.group(0))
            out.append((offset, clause))
            named.append(max(subjects, key=lambda s: s[1].start())[1].group(0) if subjects else "")
        return out

    def _untriggered(self, clause: str) -> str:
        """`clause` with each subordinate clause of time that follows a statement of change
        ("... change whenever the clinical team updates their guidance") replaced by its conjunction
        and `MASKED_TRIGGER` ("whenever it happens", an event) or by the pace it states ("whenever
        the weekly bulletin is out": "weekly"), or dropped when the clause states a pace elsewhere
        ("... edited whenever local law changes, several times a month"): what sets the change off
        is not what changes. A trigger with no change before it ("we retrain whenever the
        regulations change") is all the clause says changes, and is kept."""
        out, last = [], 0
        for m in _TRIGGER_CLAUSE.finditer(clause):
            if not self._changed(clause[last : m.start()]):
                continue
            paces = [m.group(0)[s:e] for _, s, e in self.mentions(m.group(0), events=False)]
            # a pace stated outside it governs: the trigger only says when, and goes
            outside = clause[: m.start()] + clause[m.end() :]
            mask = [] if paces or self.mentions(outside, events=False) else [m.group("conj"), MASKED_TRIGGER]
            out.append((clause[last : m.start()] + " ".join([*mask, *paces])).rstrip())
            last = m.end()
        return "".join(out) + clause[last:]

    def _gapped(self, clause: str, subjects: list[tuple[str, re.Match[str]]], before: str) -> str | None:
        """"fees change weekly, schedules every day": a short clause with a subject and a
        frequency but no verb shares the change verb of the clause before it."""
        if self._verb is None or self._changes(clause) or len(clause.split()) > MAX_GAPPED_WORDS:
            return None
        verb = self._verb.search(before)
        if verb is None:
            return None
        m = max((m for _, m in subjects), key=lambda m: m.end())
        return clause[: m.end()] + " " + verb.group(0) + clause[m.end() :]

    def _object_of(
        self, clause: str, subjects: list[tuple[str, re.Match[str]]], recent: str = ""
    ) -> str | None:
        """"revops owns the price sheets and changes them constantly": the object pronoun of a
        change verb is the subject named before it in the clause (or, with none, just before)."""
        obj = self._object.search(clause) if self._object is not None else None
        if obj is None:
            return None
        named = [m for _, m in subjects if m.end() <= obj.start()]
        antecedent = max(named, key=lambda m: m.end()).group(0) if named else recent
        if not antecedent:
            return None
        return clause[: obj.start("obj")] + antecedent + clause[obj.end("obj") :]

    @staticmethod
    def inputs(text: str) -> list[tuple[int, int]]:
        """Spans of the sentences that say each new item is handled one at a time (`_PER_ITEM`):
        what they say arrives or changes is the task's input, not facts to look up."""
        return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if _PER_ITEM.search(m.group(0))]

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
        return self._changes(clause[refs[-1].start() : f_start])

    def _changes(self, clause: str) -> bool:
        return self.p.change is not None and self.p.change.search(clause) is not None

    def _changed(self, text: str) -> bool:
        """A change verb or a passive participle ("is redone", "get reworked") in `text`; a bare
        "is" is no statement of change ("asking whether it is in stock and when ...")."""
        words = self.p.change.finditer(text) if self.p.change is not None else iter(())
        return any(m.group(0).lower() not in _NO_CHANGE for m in words) or _PASSIVE.search(text) is not None

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
        found = [*(self._verb.finditer(text) if self._verb is not None else []), *_PASSIVE.finditer(text)]
        return sorted((m.start(), m.end()) for m in found)

    def frequencies(self, clause: str, offset: int) -> list[Candidate]:
        """Statements of change with a named subject (none: see `unnamed`)."""
        p = self.p
        subjects = [(c, m) for c, m in self.subjects(clause) if not self._acts(clause, m)]
        if not subjects or p.change is None:
            return []
        out: list[Candidate] = []
        for choice_id, f_start, f_end in self.mentions(clause):
            crit_id, sm = min(
                subjects,
                key=lambda s: abs(s[1].start() - f_start) + (0 if s[1].start() < f_start else 15),
            )
            lo, hi = min(sm.start(), f_start), max(sm.end(), f_end)
            span = clause[lo:hi]
            # active voice puts the verb before its object: "we update our prices daily"
            stated = p.change.search(span + clause[hi : hi + 12]) is not None
            head = "" if stated else clause[max(0, lo - 30) : lo]
            if hi - lo > MAX_SPAN_CHARS and not self._linked(clause, sm, f_start, f_end):
                continue
            if not (stated or p.change.search(head)):
                continue
            # a stability word also sees a negated quantifier before its subject ("none of the docs are static")
            before = clause[max(0, lo - 30) : f_start] if choice_id == "rarely" else head + clause[lo:f_start]
            value = frequency_value(choice_id, before)
            if self.rubric.criterion(crit_id).choice(value) is None:
                continue
            out.append(Candidate(crit_id, value, offset + lo, len(span) + 10, span))
        return out

    def current(self, clause: str, offset: int) -> list[Candidate]:
        """"the latest filings", "today's fares": facts needed as they are now, refreshed daily."""
        if self.p.current is None:
            return []
        return [
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
        similarity of the whole clause to each criterion's `about`. Raises whatever the matcher
        raises (the caller then drops the matcher)."""
        found = self.mentions(clause)
        if not found or not self._changes(clause):
            return []
        choice_id, f_start, _ = min(found, key=lambda f: f[1])
        crit_id = self._thing_criterion(things, clause, f_start) if things is not None else None
        if crit_id is None:
            crit_id = matcher.subject(clause, [c.id for c in self.rubric.criteria if c.subjects], FACTS)
        if crit_id is None:
            return []
        value = frequency_value(choice_id, clause[:f_start])
        if self.rubric.criterion(crit_id).choice(value) is None:
            return []
        return [Candidate(crit_id, value, offset, len(clause), clause)]

    def _thing_criterion(self, things: ThingClassifier, clause: str, f_start: int) -> str | None:
        """The criterion of what the change verb nearest the frequency says changes, if decided."""
        verbs = self._verbs(clause)  # a change verb, else a participle ("is redone")
        if verbs:
            span = min(verbs, key=lambda v: abs(v[0] - f_start))
            if _PASSIVE.fullmatch(clause, *span):  # the participle, not its auxiliary
                span = clause.rindex(" ", *span) + 1, span[1]
        else:  # a verb no list names ("gets redone each time"): the word just before the frequency
            last = _LAST_WORD.search(clause[:f_start])
            if last is None:
                return None
            span = last.start(), last.end()
        thing = changed_thing(clause, *span)
        return things.criterion(thing.text) if thing is not None else None
