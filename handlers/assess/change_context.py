"""How the frequency pass reads a clause together with the ones before it (pure).

Sentences split a statement of change in two: "The council updates those pages whenever bylaws
change, roughly monthly." and "We answer from 40 product manuals. They change maybe quarterly."
`in_context` joins a clause that is only a (hedged) frequency to the clause before it, and reads a
pronoun subject ("they", "these", "it") as the subject named just before it, and a bare subject
("specs update every release") as the longer one it was named by before ("our product specs").
The same sentence structure carries three more ways of saying it: growth ("12k contracts, more
get signed every month": "more" are new ones of the subject named before), a verb left out of
the second half ("fees change weekly, schedules every day": the second subject shares the verb),
a list that runs across commas ("records change as items are acquired, loaned out or re-identified,
several times a week": the pace after the list is still the records')
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

`ChangeContext` does that joining for `handlers.assess.changes.ChangeReader`, whose subjects, stated
paces and change words it asks for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from handlers.assess.change_asides import with_asides, without_asides

if TYPE_CHECKING:
    from handlers.assess.changes import ChangeReader

_PRONOUN = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?P<kept>(?:none|all|some|most|any|each|neither) of\s+)?"
    r"(?P<pronoun>they|these|those|it|this|that|both|all of them|each of them|which)\b"
)
# a pronoun agrees in number with the noun it takes up: "the wiki has pages of rules and notes, and
# people edit it" - "it" is the wiki, not the rules named last
_SINGULAR = re.compile(r"(?:it|this|that)")
_PLURAL = re.compile(r"(?:they|these|those|them|both|all of them|each of them|all of it)")
# a noun is plural by its last word's ending ("rules", "pages"), not "news", "status", "class"
_PLURAL_NOUN = re.compile(r"(?<!s)(?<!u)(?<!i)s$|(?:ies|ches|shes|xes|sses)$")
_UNCOUNTED = frozenset({"news", "series", "species"})


def plural(noun: str) -> bool:
    """Whether the noun phrase `noun` is plural, by its head (last) word."""
    head = noun.split()[-1].lower() if noun.split() else ""
    return head not in _UNCOUNTED and _PLURAL_NOUN.search(head) is not None


def agreeing(pronoun: str, named: list[str]) -> str:
    """Of the subjects `named` before (in order), the last one that agrees in number with
    `pronoun`: "it" a singular one, "they"/"them" a plural one; the last one named when none
    agrees or the pronoun says no number ("which")."""
    if _SINGULAR.fullmatch(pronoun):
        wanted: bool | None = False
    elif _PLURAL.fullmatch(pronoun):
        wanted = True
    else:
        wanted = None
    agree = [n for n in named if wanted is None or plural(n) == wanted]
    return agree[-1] if agree else named[-1]
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
# the whole subordinate clause of time: from its conjunction to the next clause boundary
_TRIGGER_CLAUSE = re.compile(
    r"(?<![\w-])(?P<conj>" + _WHEN + r")\s+[^,;:()]+?(?=\s*(?:[,;:()]|\s-\s|\b(?:which|so|but|then)\b|$))"
)
# the trigger's own conjunction keeps what it says of the pace: "whenever it happens" is a recurring
# event (`frequency` gives it the events' pace), "when it happens" a condition with no pace of its own
MASKED_TRIGGER = "it happens"
MAX_GAPPED_WORDS = 6  # "schedules every week", "the menus about monthly"
MAX_TAIL_WORDS = 4  # "roughly monthly", "maybe every two weeks"
MAX_TAIL_HEDGE_WORDS = 2  # "sometimes several times a month", "probably about once a week"
# a short clause that closes a list with a coordinator: "..., loaned out or re-identified"
_LIST_END = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}(?:or|and)\s+[\w'-]+(?:\s+[\w'-]+)?\s*$")
PRONOUN_REACH = 2  # a pronoun refers to a subject named in one of the last two clauses


class ChangeContext:
    """Joins and rewrites a text's clauses for `ChangeReader.frequencies` (see the module docstring)."""

    def __init__(self, reader: ChangeReader) -> None:
        self.reader = reader
        self._verb = reader.p.change_verb
        verbs = reader.p.change_verbs
        # "they change them constantly": a change verb whose object is a pronoun
        self._object = re.compile(
            r"(?<![\w-])(?:" + verbs + r")\s+(?:(?:all|again|back|up)\s+)?(?P<obj>" + _OBJECT + r")(?![\w-])"
        ) if verbs else None

    def _is_tail(self, clause: str) -> bool:
        """A clause short enough to be the end of the one before it: a few words ("roughly
        monthly"), or a stated pace with only hedges around it ("sometimes several times a month")."""
        if len(clause.split()) <= MAX_TAIL_WORDS:
            return True
        rest = clause
        for _, start, end in sorted(self.reader.mentions(clause, events=False), key=lambda m: -m[1]):
            rest = rest[:start] + " " + rest[end:]
        return rest != clause and len(rest.split()) <= MAX_TAIL_HEDGE_WORDS

    def join(self, clauses: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The clauses the frequency pass reads (see the module docstring)."""
        joined: list[tuple[int, str]] = []
        # a parenthesis of examples is read past, and travels with its clause (`change_asides`)
        unbracketed = without_asides(clauses, lambda aside: bool(self.reader.mentions(aside)))
        asides = {offset: left_out for offset, _, left_out in unbracketed}
        for offset, clause, _ in unbracketed:  # first the tails: "..., roughly monthly"
            tail = self._is_tail(clause) and not self.reader.subjects(clause)
            mentions = bool(self.reader.mentions(clause))
            if joined and tail and not mentions and _LIST_END.search(clause):
                # the last items of a list ("as items are acquired, loaned out or re-identified"):
                # the statement goes on past them, so a pace after them is still its own
                joined[-1] = (joined[-1][0], f"{joined[-1][1]}, {clause}")
            elif joined and tail and mentions and not self.reader.states_change(clause):
                joined[-1] = (joined[-1][0], f"{joined[-1][1]}, {clause}")
            else:
                joined.append((offset, clause))
        out: list[tuple[int, str]] = []
        named: list[list[str]] = []  # the subjects named in each clause so far, in order
        qualified: dict[str, str] = {}  # "specs" -> "product specs": what a bare subject named before
        for offset, clause in joined:
            clause = self._untriggered(clause)
            subjects = self.reader.subjects(clause)
            mentions = bool(self.reader.mentions(clause))
            pronoun = _PRONOUN.match(clause)
            recent = [s for names in named[-PRONOUN_REACH:] for s in names]
            more = _MORE.match(clause)
            if pronoun and mentions and recent and not subjects:
                # "none of that is static": the quantifier stays, the pronoun takes the subject
                referent = agreeing(pronoun.group("pronoun"), recent)
                clause = (pronoun.group("kept") or "") + referent + clause[pronoun.end() :]
                subjects = self.reader.subjects(clause)
            elif more and mentions and recent and not subjects:
                # "more get signed every month": new ones of the subject named before arrive
                clause = "new " + recent[-1] + clause[more.end() :]
                subjects = self.reader.subjects(clause)
            elif mentions and subjects:
                gapped = self._gapped(clause, subjects, out[-1][1]) if out else None
                clause = gapped or self._object_of(clause, subjects) or clause
                subjects = self.reader.subjects(clause)
            elif mentions and recent:
                clause = self._object_of(clause, [], recent) or clause
                subjects = self.reader.subjects(clause)
            bare = [m for _, m in subjects if qualified.get(m.group(0), m.group(0)) != m.group(0)]
            if bare and mentions:
                m = bare[0]
                clause = clause[: m.start()] + qualified[m.group(0)] + clause[m.end() :]
                subjects = self.reader.subjects(clause)
            qualified.update((m.group(0).split()[-1], m.group(0)) for _, m in subjects if " " in m.group(0))
            out.append((offset, with_asides(clause, asides.get(offset, ()))))
            named.append([m.group(0) for _, m in sorted(subjects, key=lambda s: s[1].start())])
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
            if not self.reader.changed(clause[last : m.start()]):
                continue
            paces = [m.group(0)[s:e] for _, s, e in self.reader.mentions(m.group(0), events=False)]
            # a pace stated outside it governs: the trigger only says when, and goes
            outside = clause[: m.start()] + clause[m.end() :]
            mask = [] if paces or self.reader.mentions(outside, events=False) else [m.group("conj"), MASKED_TRIGGER]
            out.append((clause[last : m.start()] + " ".join([*mask, *paces])).rstrip())
            last = m.end()
        return "".join(out) + clause[last:]

    def _gapped(self, clause: str, subjects: list[tuple[str, re.Match[str]]], before: str) -> str | None:
        """"fees change weekly, schedules every day": a short clause with a subject and a
        frequency but no verb shares the change verb of the clause before it."""
        if self._verb is None or self.reader.states_change(clause) or len(clause.split()) > MAX_GAPPED_WORDS:
            return None
        verb = self._verb.search(before)
        if verb is None:
            return None
        m = max((m for _, m in subjects), key=lambda m: m.end())
        return clause[: m.end()] + " " + verb.group(0) + clause[m.end() :]

    def _object_of(
        self, clause: str, subjects: list[tuple[str, re.Match[str]]], recent: list[str] | None = None
    ) -> str | None:
        """"revops owns the price sheets and changes them constantly": the object pronoun of a
        change verb is the subject named before it in the clause (or, with none, in the clauses
        just before: `recent`, in order), the last one that agrees with it in number (`agreeing`)."""
        obj = self._object.search(clause) if self._object is not None else None
        if obj is None:
            return None
        named = [m.group(0) for _, m in sorted(subjects, key=lambda s: s[1].end()) if m.end() <= obj.start()]
        candidates = named or recent or []
        if not candidates:
            return None
        antecedent = agreeing(obj.group("obj"), candidates)
        return clause[: obj.start("obj")] + antecedent + clause[obj.end("obj") :]
