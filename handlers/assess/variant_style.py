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
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import SENTENCE, negated
from handlers.assess.things import REQUIREMENTS, ThingClassifier

VARIANT_STYLE = "variant_style"
OWN_WORDS = 3  # words after "own" that name what is owned ("its own fixed tone and terminology")

_DISTRIBUTIVE = re.compile(r"\b(?:each|every|all|per)\b")
_OWN = re.compile(
    r"\b(?:its|their|his|her)\s+own\b((?:\s+(?!and\b|but\b|or\b|which\b|that\b)[\w'-]+){1," + str(OWN_WORDS) + "})"
)
# a stored variant of the model is per-task customisation (`handlers.assess.variants`), not a style
_MODEL_WORD = re.compile(r"\b(?:models?|adapters?|fine[- ]?tunes?|checkpoints?|weights|loras?|classifiers?)\b")
_RARELY = "rarely"


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
        """Every sentence that states per-variant requirements and whether they change."""
        out: list[Candidate] = []
        for sentence in SENTENCE.finditer(text):
            found = self._sentence(sentence.group(0))
            if found is not None:
                value, start, end = found
                snippet = sentence.group(0)[start:end]
                out.append(Candidate(VARIANT_STYLE, value, sentence.start() + start, len(snippet), snippet, 1))
        return out

    def _sentence(self, sentence: str) -> tuple[str, int, int] | None:
        if self._verb is None:
            return None
        lower = sentence.lower()
        for own in _OWN.finditer(lower):
            spread = list(_DISTRIBUTIVE.finditer(lower, 0, own.start()))
            if not spread:
                continue
            if _MODEL_WORD.search(own.group(1)) or not self._requirements(lower, spread[-1].start(), own):
                continue
            rest = lower[own.end() :]
            paces = [choice for choice, pattern in self.frequencies for _ in pattern.finditer(rest)]
            verb = self._verb.search(rest)
            if paces:  # "... and they are stable", "... revised every few weeks"
                fixed = all(p == _RARELY for p in paces)
            elif verb is not None:  # "... which the brands change whenever they like", "... which never changes"
                fixed = negated(rest[: verb.start()])
            else:
                continue  # nothing said about change
            return ("fixed" if fixed else "changing"), spread[-1].start(), len(sentence.rstrip())
        return None

    def _requirements(self, lower: str, spread: int, own: re.Match[str]) -> bool:
        """Whether what is owned is a requirement or a style: the "own" phrase ("its own house
        style"), else with its verb from the distributive on ("each write in their own way")."""
        for phrase in (own.group(0), lower[spread : own.end()]):
            kind = self.things.criterion(phrase)
            if kind is not None:
                return kind == REQUIREMENTS
        return False
