"""Terse statements of change (pure pass of the rule-based extractor): a clause that opens on what
changes, with no determiner and often no verb, and then says how often.

Notes and bullet points drop the grammar that `handlers.assess.changes` reads a change by:

- a noun of change stands for the verb: "Rota revisions weekly", "Regulator amendments monthly",
  "formulary changes every week", "Price updates daily" (the revisions of the rota come weekly);
- a data feed is synced, reloaded or rebuilt, verbs no rubric list of changes holds, at a pace that
  may be "overnight": "Stock and prices resync overnight from the warehouse system", "Catalogue feed
  reloads every few hours", "Archive index rebuilt nightly". What is resynced, reloaded or re-indexed
  is data the answers look up: the facts, refreshed at that pace (a batch job that runs overnight
  changes nothing and stays a latency; the rubric's `not_after` of latency keeps a change verb's
  "overnight" out of it).

What changes is the noun phrase the clause opens on. Its criterion is read as `changes` reads a
subject (the rubric's subject lists, then an outside body among the facts' `agents`: "regulator
amendments"), else by the classifier of things (`handlers.assess.things`); a phrase it cannot place
("formulary", "rota") is a domain noun, the business's own content, and reads as the facts (as
`OptionMatcher.subject` falls back to them: requirements are named in the few words the lists
hold). A person ("staff changes weekly") or the model itself is no thing that changes; a container
("list of chores"), a negation ("the notation won't change") and a full sentence with a determiner
("the list of themes changes every sprint") are left to `changes`, which reads them whole, except a
feed's resync, which no list of `changes` names ("the catalogue resyncs overnight").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from handlers.assess.change_forms import published
from handlers.assess.patterns import FACTS, Candidate
from handlers.assess.text_cues import frequency_value, inflected, word
from handlers.assess.things import is_the_model

if TYPE_CHECKING:
    from handlers.assess.changes import ChangeReader
    from handlers.assess.things import ThingClassifier

# a noun of change, plural: "edits", "revisions", "amendments", "resyncs"
_CHANGE_NOUNS = (
    r"changes|edits|updates|revisions|amendments|refreshes|re-?syncs|syncs|reloads|rebuilds|re-?indexes|"
    r"reissues|rewrites|tweaks|corrections|adjustments|additions|modifications|overhauls|reprints|re-?imports"
)
# the verbs of a data feed that the rubric's change verbs lack, every form: "resync", "reloads",
# "rebuilt", "re-indexed" (a store brought up to date as a whole; "imported", "pulled", "ingested"
# also move the task's own inputs, and say nothing)
_SYNC_VERBS = (
    r"(?:re-?)?sync(?:s|ed|ing|hs|hed|hing)?|re-?load(?:s|ed|ing)?|rebuil(?:d|ds|t|ding)|"
    r"re-?index(?:es|ed|ing)?|re-?import(?:s|ed|ing)?"
)
# the verbs of a revision, every form (not those of arrival or growth: "tickets arrive daily",
# "new hires added weekly" are the task's inputs or no things at all)
_REVISION_VERBS = "|".join(
    inflected(v)
    for v in ("change", "update", "refresh", "revise", "edit", "amend", "correct", "reprice", "adjust", "tweak",
              "rewrite", "reissue", "rework", "overhaul", "redo", "redraft")
)  # fmt: skip
_SYNC = word(_SYNC_VERBS)
# between a subject and its verb in a note: an auxiliary, an adverb
_AUX = r"(?:(?:is|are|get|gets|got|was|were|all|also|automatically|usually|typically|only|still)\s+)*"
# between the verb (or noun) of change and its pace: a hedge ("roughly monthly", "~weekly")
_HEDGE = re.compile(
    r"^\s*(?:(?:[,~]|about|roughly|around|approx(?:imately|\.)?|maybe|probably|usually|typically|mostly|"
    r"normally|generally|at least|almost|nearly|basically|automatically|all|come|comes|land|lands|arrive|"
    r"arrives|happen|happens|go out|goes out|in|out|from [\w' -]+?)\s*)*$"
)
# "overnight" after a verb of change is its pace: the change lands once a night
_OVERNIGHT = re.compile(r"(?<![\w-])overnight(?![\w-])")
OVERNIGHT = "daily"
# words a noun phrase of notes does not hold: a person, a pronoun (a relative one too: "the portal,
# which changes every week" is a relative clause whose subject is the portal, read by `changes`), a
# verb of having or wanting, a container's "of", a negation
_NOT_THING = re.compile(
    r"(?<![\w-])(?:we|i|you|they|he|she|it|us|them|our team|team|teams|staff|people|users|customers|clients|"
    r"members|employees|volunteers|management|leadership|have|has|had|need|needs|want|wants|do|does|did|"
    r"can|could|will|would|should|must|if|when|whenever|what|how|who|which|whose|whom|where|while|there|here|of|"
    r"not|never|no|[\w]+n't)(?![\w-])"
)
_PART = re.compile(r"[,;:]\s*")
_CONJUNCTION = re.compile(r"^(?:(?:and|plus|also)\s+)+")
_DETERMINER = re.compile(r"^(?:(?:the|our|their|its|all|both|my|your|this|that|these|those)\s+)+")
MAX_THING_WORDS = 4  # "drug list", "stock and prices", "the EU price list"
# the clause up to its change: what changes, at most `MAX_THING_WORDS`, then auxiliaries or adverbs
_OPENING = re.compile(
    r"\s*(?P<thing>(?:[\w'&/-]+\s+){0," + str(MAX_THING_WORDS) + r"}?[\w'&/-]+)\s+" + _AUX,
    re.IGNORECASE,
)


class TerseChanges:
    """Reads the terse statements of change of one rubric (see the module docstring)."""

    def __init__(self, reader: ChangeReader) -> None:
        self.reader = reader
        facts = reader.rubric.criteria_by_id.get(FACTS)
        self._agents = word("|".join(facts.agents)) if facts is not None and facts.agents else None
        self._change = word("|".join((_CHANGE_NOUNS, _SYNC_VERBS, _REVISION_VERBS)))

    def read(self, clause: str, offset: int, things: ThingClassifier | None = None) -> list[Candidate]:
        """The paces of what the clause, and each part of it after a comma, a colon or a semicolon
        ("Newsroom assistant: archive index rebuilt nightly"), opens on."""
        starts = [0, *(m.end() for m in _PART.finditer(clause))]
        return [c for s in starts for c in self._opening(clause[s:], offset + s, things)]

    def _opening(self, clause: str, offset: int, things: ThingClassifier | None) -> list[Candidate]:
        """The pace of what `clause` opens on, if it is a terse statement of change."""
        for m in self._change.finditer(clause):
            opening = _OPENING.fullmatch(clause, 0, m.start())
            if opening is None:
                break  # what the clause opens on is no noun phrase of notes
            thing = _CONJUNCTION.sub("", opening.group("thing"))
            synced = _SYNC.fullmatch(m.group(0)) is not None
            if not self._terse(thing) or (_DETERMINER.match(thing) and not synced):
                return []  # "the list of themes changes every sprint": `changes` reads full sentences
            thing = _DETERMINER.sub("", thing)
            pace = self._pace(clause, m.end())
            if pace is None:
                continue  # "archive index rebuilt nightly": "index" is no verb here
            choice_id, between, end = pace
            # "protocol amendments come out monthly": what comes out is published, knowledge to look up
            crit_id = FACTS if published(between) else self._criterion(thing, synced, things)
            value = frequency_value(choice_id, clause[: m.end()])
            if crit_id is None or self.reader.rubric.criterion(crit_id).choice(value) is None:
                return []
            span = clause[opening.start("thing") : end]
            return [Candidate(crit_id, value, offset + opening.start("thing"), len(span) + 10, span)]
        return []

    @staticmethod
    def _terse(thing: str) -> bool:
        """A noun phrase of notes: a few words, no person, verb or negation, no container ("list of
        chores", which `changes` reads by what it holds), not the model itself."""
        words = _DETERMINER.sub("", thing).split()
        if words == ["that"]:
            return False  # "the portal, that changes every week": a relative pronoun, as "which"
        return 0 < len(words) <= MAX_THING_WORDS and not _NOT_THING.search(thing) and not is_the_model(thing)

    def _pace(self, clause: str, after: int) -> tuple[str, str, int] | None:
        """The pace stated just after the change (hedges between): a frequency, or "overnight";
        with the words between and where it ends."""
        found = [(c, s, e) for c, s, e in self.reader.mentions(clause) if s >= after]
        found += [(OVERNIGHT, o.start(), o.end()) for o in _OVERNIGHT.finditer(clause, after)]
        for choice_id, start, end in sorted(found, key=lambda f: f[1]):
            if _HEDGE.match(clause[after:start]):
                return choice_id, clause[after:start], end
        return None

    def _criterion(self, thing: str, synced: bool, things: ThingClassifier | None) -> str | None:
        """Whose change the thing is: a listed subject (the last one, the head noun), an outside
        body among the facts' agents, else the classifier of things; what it cannot place, and what
        a feed resyncs, is the facts."""
        subjects = self.reader.subjects(thing)
        if subjects:
            end = max(m.end() for _, m in subjects)
            heads = {crit for crit, m in subjects if m.end() == end}
            return heads.pop() if len(heads) == 1 else None  # "schema": on both lists, left to `changes`
        if self._agents is not None and self._agents.search(thing) is not None:
            return FACTS
        if things is not None:
            return things.criterion(thing) or FACTS
        return FACTS if synced else None
