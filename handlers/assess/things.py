"""What a statement of change says changes (the THING), and which frequency criterion that is.

"we keep changing what the tutor should do", "the questions on the form change every season", "the
conversation style changes with every campaign", "our tech manuals change with every release": the
subject lists of the rubric name few of the things teams say change, and a whole clause compared
with a criterion's `about` sentences is mostly about something else ("teachers give feedback every
week and ..."). So the thing is cut out of the clause first, by its grammar (`changed_thing`): the
object of an active change verb ("... changing what the tutor should do"), else the noun phrase
before the verb ("the questions on the form"). Then `ThingClassifier` places that short phrase by
embedding similarity among a few labelled exemplars of three kinds of thing:

- knowledge (documents, prices, policies, catalogue, regulations, inventory): `facts_change`, which
  retrieval answers;
- the task's requirements (instructions, task definition, criteria, output format, questions to
  cover): `requirements_change`, which a prompt edit answers;
- style (tone, voice, wording): also `requirements_change`, since how the output must sound is part
  of what is asked of the model, and a prompt edit answers it too;
- the scope of the operation (offices, clients, stores, teams, markets): `SCOPE`, no criterion of
  change at all. "add more offices later quickly", "we onboard new clients every month": a business
  that grows serves more units, but no fact it answers from and no instruction it follows changes
  (a new unit is at most a new variant of the task, which other readers weigh).

The exemplars are written from the rubric's own descriptions of the two criteria (their `question`
and `about`), not from any scenario. A phrase close to none of them (below `MIN_SIMILARITY`) names no
thing ("the budget is a few hundred a month"); one about as close to two kinds (`MARGIN`) is left to
the phrase rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.assess.semantic import NearestExemplars, OptionMatcher

FACTS = "facts_change"
REQUIREMENTS = "requirements_change"
SCOPE = "scope"  # the units the operation serves: their number changes no fact and no requirement

# kind of thing -> (criterion, exemplars)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "knowledge": (
        FACTS,
        (
            "our prices and fees",
            "the product catalogue",
            "the documents and manuals we answer from",
            "our policies and regulations",
            "the inventory and stock levels",
            "the knowledge base articles",
            "schedules, opening hours and availability",
            "the news and announcements",
            "the information and data the answers rely on",
            "the laws and rulings",
        ),
    ),
    "requirements": (
        REQUIREMENTS,
        (
            "what we want the model to do",
            "the instructions it follows",
            "the task and its definition",
            "the output format and the fields",
            "the questions it has to ask or cover",
            "the rules it must apply",
            "the categories and labels it assigns",
            "the criteria it checks against",
            "the scoring rubric, coding scheme or taxonomy it applies",
            "the prompt and the expected behaviour",
            "what it must include and must never say",
        ),
    ),
    "style": (
        REQUIREMENTS,
        (
            "the tone of the replies",
            "the writing style",
            "the brand voice",
            "the style guide and the brand guidelines",
            "how it should sound",
            "the wording and phrasing of the messages",
        ),
    ),
    "scope": (
        SCOPE,
        (
            "more offices, branches and sites",
            "new clients and customers we take on",
            "more stores and franchises",
            "new departments and users",
            "new markets, countries and regions we expand into",
            "more accounts and tenants",
        ),
    ),
}
MIN_SIMILARITY = 0.35  # least similarity of a thing to its closest exemplar (all-MiniLM-L6-v2)
MARGIN = 0.06  # lead of the closest kind's criterion over the other criterion
MAX_THING_WORDS = 8
RELATIVE_HEAD_WORDS = 3  # the noun a relative clause hangs on: "(needs) chat flows that we rewrite"

# between the subject and its verb: auxiliaries and adverbs ("keeps", "gets", "has been", "always")
_AUX = re.compile(
    r"(?:\s+(?:keeps?|kept|keeping|gets?|got|getting|is|are|was|were|be|been|being|will|would|to|has|have|had|"
    r"always|constantly|also|often|just|still|usually|all|again|on|can|may|might|tends?|seems?|need|needs|"
    r"wants?|plans?|tries|try|going|able|like|love|hope|not|never|hardly|barely|rarely|really|"
    r"(?:has|have|had|is|are|was|were|does|do|did|wo|would|could|should)n['’]?t))+\s*$"
)
# a list's bullet or a dash before the subject is no word of it: "- what we ask for changes weekly"
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014>]+|\d+[.)])\s+")
# where the clause before the subject ends: "teachers give feedback every week and [we] keep changing"
_BOUNDARY = re.compile(r".*(?:[,;:(]|\b(?:and|but|so|because|since|while|although|though|then|plus|which|that)\b)")
# a relative pronoun closing the text before a person's verb: "chat flows that we rewrite"
_RELATIVE = re.compile(r"\b(?:that|which)\s*$")
# who acts rather than what changes: "we keep changing ...", "they rewrite ..."
_PERSON = re.compile(r"(?:we|i|they|you|he|she|someone|somebody|everyone|everybody|people|nobody)")
# an active verb's object starts with one of these: "changing what the tutor should do", "updates the prices"
_OBJECT_START = re.compile(
    r"\s+(?:up\s+|around\s+|round\s+)?(?=(?:what|how|which|who|the|our|its|their|his|her|my|your|a|an|this|that|"
    r"these|those|some|all|every)\b)"
)
# where the object ends: a frequency, a time clause, a new clause, a preposition ("for every campaign")
_OBJECT_END = re.compile(
    r"\s*(?:[,;:.()]|\b(?:every|each|with|whenever|when|after|before|because|since|and then|but|so|"
    r"daily|weekly|monthly|quarterly|yearly|constantly|all the time|often|regularly|again|"
    r"nearly|almost|roughly|about|around|maybe|probably|perhaps|sometimes|usually|typically|twice|once|"
    r"later|soon|quickly|fast|easily|for|in|at|on|during|by|per)\b)"
)


# an agent's verb with an object: "the regulator rewrites the filing rules", "marketing adds
# campaign-specific twists", "the client sends us new brand guidelines"; a person pronoun may stand
# between the verb and its object ("sends us ...")
_INDIRECT = re.compile(r"\s+(?:us|me|them|you|him|her)(?=\s+\w)")
# what follows an intransitive change verb, no object: an adverb or an amount ("prices move a lot",
# "the rules shift all the time", "the docs grow quickly", "rates drop 5%"), a preposition ("change
# with every release", "grow by 200 items"), a complement ("stay the same", "remain fixed"), a clause
# (", which means ..."; a "which" with a noun after it is the object: "change which fields it has")
_NO_OBJECT = re.compile(
    r"\s*(?:[\w-]+ly\b|\d|(?:a\s+)?(?:lot|lots|bit|little|tad|touch)\b|much\b|more\b|less\b|fast\b|quick\b|"
    r"slow\b|(?:the\s+)?same\b|unchanged\b|stable\b|steady\b|static\b|fixed\b|frozen\b|put\b|together\b|"
    r"(?:a\s+)?(?:few|couple|handful)\b|several\b|(?:to|from|into|across|between|over|under|around|round|through|"
    r"throughout|without|than|up|down|back|out|off|along|about|like|as|and|or|but|too|so|very|quite|it|itself|"
    r"themselves|that|which(?=\s+(?:is|are|was|were|means?|meant|makes?|made|has|have|had|will|would|can|"
    r"could|keeps?|kept|gets?|got|leads?|led|breaks?|broke)\b)|if|whether|then|there|here|now|yet|even|ever|"
    r"all)\b|$)",
    re.IGNORECASE,
)
# a passive or linking verb takes no object: "the menu is rewritten the night before", "stays the same"
_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being|gets?|got|getting)\s*$", re.IGNORECASE)
_LINKING = re.compile(r"(?:stay|remain)", re.IGNORECASE)
# the model itself ("redo a model every time", "retrain the model"): neither the facts nor the task
_THE_MODEL = re.compile(
    r"(?:(?:a|an|the|our|their|its|this|that|new|whole)\s+)*(?:model|llm|ai|bot|system)s?", re.IGNORECASE
)


# a container names what it holds: "the list of themes" is about the themes, "the list of products"
# about the products; the holder word alone names no thing (nor, in `handlers.assess.changes`, a subject)
_HOLDER = r"(?:lists?|sets?|tables?|collections?|range)\s+of\s+"
CONTAINER_OF = re.compile(_HOLDER + r"(?=\w)", re.IGNORECASE)
_CONTAINER = re.compile(r"^(?:the\s+|our\s+|a\s+|their\s+)?" + _HOLDER, re.IGNORECASE)


# a word of addition opens a phrase of growth: "more offices", "a few new clients", "another branch"
_GROWTH = re.compile(r"^\s*(?:(?:a\s+)?(?:few|couple\s+of|handful\s+of|dozen|lot\s+of)\s+|\d+\s+)?"
                     r"(?:new|more|additional|extra|another|further)\s", re.IGNORECASE)
# a pro-form names nothing of its own ("a few dozen new ones every week" after "our memo archive"):
# what it stands for was said before, so it is no unit the operation serves
_PRO_FORM = re.compile(r"\b(?:ones?|them|these|those|some|few)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Thing:
    text: str
    start: int  # offset in the clause


def changed_thing(clause: str, verb_start: int, verb_end: int) -> Thing | None:
    """The phrase naming what the change verb at [verb_start, verb_end) says changes: an active
    verb's object after a person ("we keep changing what the tutor should do") or after an agent
    (`_object`: "the regulator rewrites the filing rules"), else the words of its own clause
    before it ("the questions on the form change every season")."""
    before = clause[:verb_start]
    bounded = _BOUNDARY.match(before)
    subject_start = bounded.end() if bounded else 0
    subject = _BULLET.sub("", _AUX.sub("", before[subject_start:])).strip()
    person = not subject or _PERSON.fullmatch(subject.lower()) is not None
    obj = _OBJECT_START.match(clause, verb_end)
    if person:
        acted_on = _words_from(clause, obj.end() if obj is not None else verb_end)
        return acted_on if acted_on is not None else _relative_head(before, bounded)
    acted_on = _object(clause, verb_start, verb_end)
    if acted_on is not None:
        return acted_on
    words = _CONTAINER.sub("", subject).split()[-MAX_THING_WORDS:]
    return Thing(" ".join(words), before.rfind(words[0])) if words else None


def _object(clause: str, verb_start: int, verb_end: int) -> Thing | None:
    """The object of an active change verb after a subject that names no person: that subject is
    the agent ("marketing", "the regulator", "our editors") and the object is what changes. None
    when the verb takes no object: passive or linking, or followed by an adverb, an amount, a
    preposition or a new clause ("prices move a lot", "the docs grow quickly")."""
    verb = clause[verb_start:verb_end]
    if _PASSIVE_AUX.search(clause, 0, verb_start) or _LINKING.match(verb):
        return None
    indirect = _INDIRECT.match(clause, verb_end)
    start = indirect.end() if indirect is not None else verb_end
    if _NO_OBJECT.match(clause, start):
        return None
    return _words_from(clause, start)


def _words_from(clause: str, start: int) -> Thing | None:
    """The object starting at `start`: its words up to where it ends (`_OBJECT_END`), at most
    `MAX_THING_WORDS`; None when it ends at once."""
    rest = clause[start:]
    end = _OBJECT_END.search(rest)
    words = (rest[: end.start()] if end else rest).split()[:MAX_THING_WORDS]
    return Thing(" ".join(words), start + len(rest) - len(rest.lstrip())) if words else None


def _relative_head(before: str, bounded: re.Match[str] | None) -> Thing | None:
    """"chat flows that we rewrite for every campaign", "a fixed rubric that hasn't changed": a verb
    with no object after it, whose subject is a person or nothing (an auxiliary alone), changes the
    noun its relative clause hangs on, the last words before "that"/"which"."""
    relative = _RELATIVE.search(before, 0, bounded.end()) if bounded is not None else None
    if relative is None:
        return None
    head = before[: relative.start()]
    lead = _BOUNDARY.match(head)
    words = _CONTAINER.sub("", head[lead.end() if lead else 0 :].strip()).split()[-RELATIVE_HEAD_WORDS:]
    return Thing(" ".join(words), head.rfind(words[0])) if words else None


# the output shaped for a place: "reformatting the result for each customer's portal", "writes them in
# the layout each client's software imports", "fit the summary into the partner's upload form": that
# place, whatever its noun, is what the output must fit, so its change is one of the task's
# requirements, not of the facts answers are looked up in ("we answer from the articles on the portal")
_SHAPED_FOR = re.compile(
    r"(?<![\w-])(?:re)?(?:format|fitt?|tailor|adapt|render|convert|shap|map|writ|wrote|fill|lay(?:ing|s)?\s+out)"
    r"[\w-]*\s+(?:[\w'-]+\s+){0,4}?(?:for|into|to|in|onto)\s+"
    r"(?:(?:each|every|the|our|their|its|his|her|a|an|[\w-]+['’]s?)\s+){0,3}$",
    re.IGNORECASE,
)


def shaped_for(before: str) -> bool:
    """Whether the text `before` a noun shapes the output for it (`_SHAPED_FOR`): the noun is where
    the output goes, a requirement of the task, whatever list it is on."""
    return _SHAPED_FOR.search(before) is not None


# the source the answers come from: "we want answers from our order system and shipping rules, which
# change weekly", "staff look things up in the rate rules": what answers are drawn from is knowledge
# looked up, the facts, even when its noun is on the requirements' list ("rules"); the rules an output
# must follow are said otherwise ("the rules the letters must follow")
_ANSWERED_FROM = re.compile(
    r"(?<![\w-])(?:answers?|answered|answering|replies|look(?:s|ed|ing)?\s+(?:it\s+|things\s+)?up)\s+"
    r"(?:(?:straight|directly|only|right)\s+)?(?:from|in)\s+(?:[\w'&-]+\s+){0,6}$",
    re.IGNORECASE,
)


def answered_from(before: str) -> bool:
    """Whether the text `before` a noun draws the answers from it (`_ANSWERED_FROM`): the noun is
    knowledge looked up, the facts, whatever list it is on. A noun an output is shaped for
    (`shaped_for`) is told first: "answers formatted in our template" is no source."""
    return _ANSWERED_FROM.search(before) is not None and not shaped_for(before)


def is_the_model(thing: str) -> bool:
    """"redo a model every time", "retrain the model": what changes is the model itself, neither
    the facts it answers from nor the task it is given."""
    return _THE_MODEL.fullmatch(thing.strip()) is not None


class ThingClassifier:
    """Which frequency criterion a thing that changes belongs to (see the module docstring).
    Shares the matcher's encoder and its memory of clause vectors."""

    def __init__(self, matcher: OptionMatcher) -> None:
        self.matcher = matcher
        self._nearest = NearestExemplars(matcher, [(crit, t) for crit, texts in KINDS.values() for t in texts])

    def scores(self, thing: str) -> dict[str, float]:
        """Per criterion, the similarity of `thing` to its closest exemplar."""
        return self._nearest.scores(thing)

    def criterion(self, thing: str) -> str | None:
        """The criterion `thing` changes, or None when it is close to no kind or to both (the
        scope's exemplars take no part: growth is told apart by `is_scope`)."""
        return self._placed(thing, scope=False)

    def is_scope(self, thing: str) -> bool:
        """Whether `thing` names further units the operation serves ("more offices", "new
        clients"): growth is said by a word of addition before the noun; without one the phrase is
        an agent or a thing in place ("our communications team rewrites the scripts"); a pro-form
        ("new ones") stands for something said before, never for a unit of its own."""
        if _PRO_FORM.search(thing) is not None:
            return False
        return _GROWTH.match(thing) is not None and self._placed(thing) == SCOPE

    def _placed(self, thing: str, *, scope: bool = True) -> str | None:
        scores = self.scores(thing)
        ranked = sorted(((k, v) for k, v in scores.items() if scope or k != SCOPE), key=lambda kv: -kv[1])
        best, sim = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else -1.0
        if sim < MIN_SIMILARITY or sim - runner < MARGIN:
            return None
        return best
