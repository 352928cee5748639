"""What kind of thing a change verb says changes, when no word list names its subject (pure, with
the thing classifier): the facts, the requirements, the model itself or the operation's scope.

`ChangeReader.unnamed` reads a "... changes daily" clause whose subject no list names; this module
decides whose change it reports from the thing the verb nearest the frequency governs ("the drug
labels get redone weekly" -> facts; "we onboard a few new clients every month" -> scope, no change of
anything the rubric asks about; "add more hotels to our listings" -> facts: what is added into a
store of facts is content). Kept apart from the reader's clause passes (handlers.assess.changes).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.assess.change_forms import PASSIVE, published
from handlers.assess.patterns import FACTS
from handlers.assess.things import SCOPE, ThingClassifier, changed_thing, is_the_model

MODEL = "model"  # what `changed_kind` answers when the thing that changes is the model itself
_LAST_WORD = re.compile(r"[\w'-]+(?=\s*$)")
# with no verb of change, the adjective "new" or "more" says what arrives: the noun it qualifies
_ARRIVING = re.compile(r"\b(?:new|more|additional|extra)\s+(?P<thing>(?:[\w'-]+\s+){0,2}[\w'-]+)\s*$")
_INTO = re.compile(r"\s+(?:to|into|onto)\s+")


def changed_kind(
    things: ThingClassifier,
    clause: str,
    f_start: int,
    verbs: list[tuple[int, int]],
    facts_named: Callable[[str], bool],
) -> str | None:
    """The criterion of what the change verb nearest the frequency (`verbs`: the clause's change
    verbs) says changes, if decided: `MODEL` when that is the model itself, `SCOPE` when it is the
    units the operation serves; `facts_named` tells whether a text names a store of facts."""
    if verbs:  # a change verb, else a participle ("is redone")
        span = min(verbs, key=lambda v: abs(v[0] - f_start))
        if PASSIVE.fullmatch(clause, *span):  # the participle, not its auxiliary
            span = clause.rindex(" ", *span) + 1, span[1]
    else:  # a verb no list names ("gets redone each time"): the word just before the frequency
        last = _LAST_WORD.search(clause[:f_start])
        if last is None:
            return None
        span = last.start(), last.end()
        arriving = _ARRIVING.search(clause[:f_start])  # "we onboard a few new clients every month"
        # what comes out is published ("new endorsements come out weekly"): content, never scope
        if arriving is not None and not published(clause) and things.is_scope(arriving.group(0).strip()):
            return SCOPE
    thing = changed_thing(clause, *span)
    if thing is None:
        return None
    if is_the_model(thing.text):
        return MODEL
    # "add more hotels to our listings": what is added into a store of facts is content
    into = _INTO.search(thing.text)
    if into is not None and facts_named(thing.text[into.end() :]):
        return FACTS
    if not published(clause) and things.is_scope(thing.text[: into.start()] if into is not None else thing.text):
        return SCOPE
    return things.criterion(thing.text)
