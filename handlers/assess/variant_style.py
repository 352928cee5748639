"""Variants that each keep a style or requirements of their own, and whether those change (pure
apart from the encoder): the reading of `variant_style`.

"30 brands resell through us and each wants its own tone, and they change it every season", "each
brand has its own voice and marketing tweaks those tone rules every quarter": several variants of
one task (brands, clients, sections), each with its own way the output must be, is what SkillWisor's
foundation-plus-specialization pattern leaves to prompts ("prompt engineering to handle variations,
edge cases and dynamic requirements"); when those per-variant requirements keep being revised, a
trained model cannot follow them, while a prompt per variant can.

Read by the sentence's grammar, not by a list of situations:
- a distributive ("each", "every", "all", "per") and, after it, an "its own" / "their own" phrase;
- what is owned, placed by `ThingClassifier` (embedding similarity to exemplars of requirements,
  style and knowledge): only the requirements side (tone, voice, rules, way of writing) counts; "its
  own knowledge base" is knowledge, and "its own model" is a stored variant (`handlers.assess.variants`);
- after it, in the same sentence, how often they change: a pace other than "rarely" (or, with no pace,
  a change verb not denied) makes the variants' requirements `changing`; a rare pace ("they are
  stable") or a denied change ("which doesn't change once set up") `fixed`; nothing said about
  change leaves the criterion unread.

The same grammar states `task_variants: per_task` (Gupta: prompt tuning stores many specialised
tunings of one model; adapters are swapped per task): "each of our 12 product lines has its own
ticket categories", "every one of our 25 offices needs its own flavour of the classifier", "every
character should speak in a manner of its own". Several units of one task that each keep a lasting
behaviour of their own (requirements or style, or a model of their own) are stored variants, unless:
- the unit is a single input, a time or a person using it (`variants.NOT_A_UNIT`: "every request has
  its own format" is a difference between inputs, not a variant);
- what is owned is knowledge ("each store has its own stock list": facts, which retrieval answers);
- the owned requirements keep being revised (`changing`): a prompt per variant follows each revision,
  a stored tuning would have to be retrained (SkillWisor: prompts for dynamic requirements).
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import SENTENCE, negated
from handlers.assess.things import REQUIREMENTS, ThingClassifier
from handlers.assess.variants import NOT_A_UNIT, TASK_VARIANTS

VARIANT_STYLE = "variant_style"
PER_TASK = "per_task"
OWN_WORDS = 3  # words after "own" that name what is owned ("its own fixed tone and terminology")

_DISTRIBUTIVE = re.compile(r"\b(?:each|every|all|per)\b")
# the unit a distributive is said of: "each of our 12 product lines", "every one of our offices", "each brand"
_UNIT = re.compile(
    r"\s+(?:(?:one|single|last)\s+)?(?:of\s+)?(?:(?:our|the|these|those|its|their|\d[\d,.]*k?|[a-z]+ly)\s+)*"
    r"(?P<noun>[a-z][\w-]*)"
)
_SKIP_UNIT = re.compile(rf"(?:{NOT_A_UNIT})s?")
_OWNED = r"((?:\s+(?!and\b|but\b|or\b|which\b|that\b)[\w'-]+){1," + str(OWN_WORDS) + "})"
# what is owned follows "its own" ("its own ticket categories") or comes before "of its own" ("a rubric
# of its own", "a manner of its own")
# ("a rubric of its own", "a manner of its own"); a word that sets the units apart says the same
# ("each client wants a slightly different tone", "every region has distinct routing rules"), as does
# a word for one made for it ("every customer gets a personalised version of the bot"); the unit's
# possessive alone is not ("every team uses it for their work": one tool, many users)
_OWN = re.compile(
    r"\b(?:its|their|his|her)\s+own\b"
    + _OWNED
    + r"|\b((?:(?:a|an|the|some)\s+)?(?:[\w-]+\s+){0,2}[\w-]+)\s+of\s+(?:its|their|his|her)\s+own\b"
    + r"|\b(?:(?:slightly|a\s+bit|somewhat|quite|very|completely|totally|entirely)\s+)?"
    + r"(?:different|distinct|unique|particular|bespoke|tailored)\b"
    + _OWNED
    + r"|\b(?:a|an)\s+(?:separate|dedicated|personali[sz]ed|customi[sz]ed|custom|tailored|speciali[sz]ed)\b"
    + _OWNED
)
_AFTER = (1, 3, 4)  # the groups of `_OWN` whose owned words follow the marker
# a stored variant of the model is per-task customisation (`handlers.assess.variants`), not a style
_MODEL_WORD = re.compile(r"\b(?:models?|adapters?|fine[- ]?tunes?|checkpoints?|weights|loras?|classifiers?)\b")
# a variant of the model named by a word for a version of it: "its own flavour of the classifier"
_VERSION_OF = re.compile(
    r"\b(?:flavou?rs?|versions?|variants?|editions?|copies|copy|tunings?)\s+of\s+(?:the|our|a|an|this|that)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:models?|classifiers?|bots?|assistants?|extractors?|taggers?|routers?|summari[sz]ers?|llms?)\b"
)
# a second owned noun joined to the first: "its own terminology and tone"; not a new clause ("... and they change it")
_COORDINATED = re.compile(r"\s+(?:and|or|&)\s+(?!(?:they|we|it|he|she|i|you|the|those|these|each|every)\b)[\w'-]+")
# where the clause of a distributive starts: "we have little data, but each client has its own tone"
_CLAUSE_START = re.compile(r".*(?:[,;:]|\bbut\b)")
# "for" before what is owned is a purpose ("every team uses it for their own work": many tasks of one
# tool); before the distributive, an iteration over inputs ("for each opening the manager hands us a
# different list"): neither is a unit keeping a variant
_FOR = re.compile(r"\bfor\s+$")
_RARELY = "rarely"
FIXED = "fixed"
CHANGING = "changing"


def _denied(lower: str, spread: int, own: re.Match[str]) -> bool:
    """Whether the units' own behaviour is denied in their clause: "we don't need each client to
    have its own tone", "each team doesn't get its own model"."""
    cut = _CLAUSE_START.match(lower, 0, spread)
    return negated(lower[cut.end() if cut else 0 : spread]) or negated(lower[spread : own.start()])


def _kept(lower: str, spread: int, own: re.Match[str]) -> bool:
    """Whether the unit at `spread` keeps what `own` names as a lasting variant of its own: not a
    purpose or an iteration (`_FOR`), not denied."""
    return not (_FOR.search(lower, 0, own.start()) or _FOR.search(lower, 0, spread) or _denied(lower, spread, own))


class VariantStyleReader:
    """`variant_style` from free text (module docstring); `frequencies` are the rubric's compiled
    frequency phrases and `change_verb` its change verbs in every form (`Patterns.change_verb`)."""

    def __init__(
        self,
        things: ThingClassifier,
        change_verb: re.Pattern[str] | None,
        frequencies: list[tuple[str, re.Pattern[str]]],
    ) -> None:
        self.things = things
        self.frequencies = frequencies
        self._verb = change_verb

    def read(self, text: str) -> list[Candidate]:
        """Every sentence that states per-variant requirements and whether they change, and the
        stored variants those units keep (`task_variants`), none where any variant's style changes."""
        out: list[Candidate] = []
        for sentence in SENTENCE.finditer(text):
            for criterion, value, start, end in self._sentence(sentence.group(0)):
                snippet = sentence.group(0)[start:end]
                out.append(Candidate(criterion, value, sentence.start() + start, len(snippet), snippet, 1))
        if any(c.criterion == VARIANT_STYLE and c.value == CHANGING for c in out):
            return [c for c in out if c.criterion != TASK_VARIANTS]
        return out

    def _sentence(self, sentence: str) -> list[tuple[str, str, int, int]]:
        """The readings of one sentence: the first unit's own requirements whose change is stated
        (`variant_style`) and the first unit's own lasting behaviour or model (`task_variants`)."""
        lower = sentence.lower()
        style: tuple[str, str, int, int] | None = None
        variants: tuple[str, str, int, int] | None = None
        for own in _OWN.finditer(lower):
            spread = list(_DISTRIBUTIVE.finditer(lower, 0, own.start()))
            if not spread or not self._unit(lower, spread[-1]):
                continue
            owned = next(words for words in own.groups() if words is not None)
            at = spread[-1].start()
            if _MODEL_WORD.search(owned) or self._version_of(lower, own):
                if variants is None and not _denied(lower, at, own):  # "each gets its own model"
                    variants = (TASK_VARIANTS, PER_TASK, at, own.end())
                continue
            if not self._requirements(lower, at, own):
                continue
            pace = self._pace(lower[own.end() :])
            if style is None and pace is not None:
                style = (VARIANT_STYLE, pace, at, len(sentence.rstrip()))
            if variants is None and pace != CHANGING and _kept(lower, at, own):
                variants = (TASK_VARIANTS, PER_TASK, at, own.end())
        if style is not None and style[1] == CHANGING:
            variants = None
        return [found for found in (style, variants) if found is not None]

    @staticmethod
    def _version_of(lower: str, own: re.Match[str]) -> bool:
        """Whether "its own" is followed by a version of the model ("its own flavour of the classifier")."""
        for group in _AFTER:
            owned = own.group(group)
            if owned is not None:
                return _VERSION_OF.match(lower, own.start(group) + len(owned) - len(owned.lstrip())) is not None
        return False

    @staticmethod
    def _unit(lower: str, spread: re.Match[str]) -> bool:
        """Whether the distributive is said of a unit that keeps a variant: not of one input, a
        time or a user ("every request has its own format" is a difference between inputs)."""
        unit = _UNIT.match(lower, spread.end())
        return unit is None or not _SKIP_UNIT.fullmatch(unit.group("noun"))

    def _pace(self, rest: str) -> str | None:
        """Whether the owned requirements change, from what follows them: `fixed`, `changing`, or
        None when nothing is said about change."""
        paces = [choice for choice, pattern in self.frequencies for _ in pattern.finditer(rest)]
        if paces:  # "... and they are stable", "... revised every few weeks"
            return FIXED if all(p == _RARELY for p in paces) else CHANGING
        verb = self._verb.search(rest) if self._verb is not None else None
        if verb is not None:  # "... which the brands change whenever they like", "... which never changes"
            return FIXED if negated(rest[: verb.start()]) else CHANGING
        return None

    def _requirements(self, lower: str, spread: int, own: re.Match[str]) -> bool:
        """Whether what is owned is a requirement or a style: the "own" phrase ("its own house
        style"), else with its verb from the distributive on ("each write in their own way")."""
        coordinated = _COORDINATED.match(lower, own.end())
        also = [own.group(0) + coordinated.group(0)] if coordinated else []
        for phrase in [own.group(0), *also, lower[spread : own.end()]]:
            kind = self.things.criterion(phrase)
            if kind is not None:
                return kind == REQUIREMENTS
        return False
