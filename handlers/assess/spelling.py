"""Typos in a described use case (pure): "budgt is tiny", "updated evry week", "labled data" ->
the rubric's own words, so that the phrase rules, frequencies and field names that spell them
correctly still read them.

The vocabulary is every word the rubric itself uses: the literal words of its synonyms, phrases,
subjects, cues, frequency and change words, field names and answer words, and the words of its
option examples and labels. A word of the text is corrected only when it is not a vocabulary word,
not a word the caller knows (`known`, the embedding tokenizer's whole words: "story", "grant" and
"kids" stay as typed; without such an oracle nothing can be told from a typo, and the extractor
corrects nothing), has at least `MIN_TYPO` letters, and exactly one vocabulary word of at
least `MIN_TARGET` letters lies one edit away (a letter dropped, added, changed, or two swapped).
A British or American spelling of a word, a word with a regular ending on a word ("wordings",
"beginners", "handlers") and a common prefix on a word ("reword", "unshared") are words as typed,
not typos of their neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from knowledge.rubric.model import Rubric

MIN_TYPO = 4
MIN_TARGET = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# endings of real words built on a known one ("beginners", "wordings", "router", "lading"): no typos
_ENDINGS = ("s", "es", "d", "ed", "ing", "r", "er", "ers", "ly", "al", "ation", "ations")
# prefixes of real words built on a known one ("reword", "unshared", "prebuilt", "overfit"): no typos
_PREFIXES = ("re", "un", "pre", "co", "de", "dis", "mis", "non", "over", "under", "sub", "out", "up")
MIN_PREFIXED = 4  # letters the known word after a prefix needs ("re" + "word")
_WORD = re.compile(r"(?<![\w'-])[a-z]+(?![\w'-])")
# a letter made optional in a pattern ("labell?ed"): both spellings are words
_OPTIONAL = re.compile(r"([a-z])\?")
_CLASS = re.compile(r"\[([a-z]{2,5})\]")
MAX_CLASSES = 3
# a literal word of a pattern: letters not glued to regex syntax ("summari[sz]e" is no word)
_LITERAL = re.compile(r"(?<![a-z\]\)\\?*+}])[a-z]+(?![a-z\[({\\?*+])")


def pattern_words(pattern: str) -> set[str]:
    """The literal words of a regex source, with optional letters both ways and each letter of
    a letter class ("summari[sz]e": summarise, summarize)."""
    variants = {_OPTIONAL.sub(r"\1", pattern), _OPTIONAL.sub("", pattern)}
    for _ in range(MAX_CLASSES):
        variants = {expanded for v in variants for expanded in _expand_class(v)}
    return {w for v in variants for w in _LITERAL.findall(v)}


def _expand_class(text: str) -> list[str]:
    m = _CLASS.search(text)
    return [text[: m.start()] + c + text[m.end() :] for c in m.group(1)] if m else [text]


def rubric_words(rubric: Rubric) -> set[str]:
    """Every word the rubric uses to recognise or describe a situation (module docstring)."""
    sources: list[str] = [*rubric.change_words, *rubric.change_verbs, *rubric.current_words]
    for words in rubric.frequency_words.values():
        sources.extend(words)
    reading = rubric.reading
    for words in reading.answer_words.values():
        sources.extend(words)
    for f in reading.fields.values():
        sources.extend(f.names)
    plain: list[str] = []
    for crit in rubric.criteria:
        sources.extend([*crit.subjects, *crit.cues, *(p.pattern for p in crit.phrases)])
        plain.extend([crit.label, crit.question, *crit.about])
        for choice in crit.choices:
            sources.extend(choice.synonyms)
            plain.extend([choice.label, *choice.examples])
    out = {w for s in sources for w in pattern_words(s.lower())}
    out |= {w for s in plain for w in _WORD.findall(s.lower())}
    out |= {inflection for verb in rubric.change_verbs for inflection in _inflections(verb)}
    return out


def _inflections(verb: str) -> tuple[str, ...]:
    if verb.endswith("e"):
        return verb + "s", verb + "d"
    return verb + "s", verb + "es", verb + "ed", verb + "ing"


def _edits(word: str) -> Iterator[str]:
    """Every string one edit away from `word`."""
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:]
            for c in _LETTERS:
                yield head + c + tail[1:]
        for c in _LETTERS:
            yield head + c + tail


class Spelling:
    """Corrects typos of the rubric's words in normalised (lower-case) text."""

    def __init__(self, vocabulary: Iterable[str], known: Callable[[str], bool]) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.known = known
        self._fixes: dict[str, str | None] = {}

    def fix(self, word: str) -> str | None:
        """The vocabulary word `word` is a typo of, or None."""
        if word in self._fixes:
            return self._fixes[word]
        found: str | None = None
        if len(word) >= MIN_TYPO and not self._real(word):
            near = {e for e in _edits(word) if len(e) >= MIN_TARGET and e in self.vocabulary}
            found = next(iter(near)) if len(near) == 1 else None
        self._fixes[word] = found
        return found

    def _is_word(self, word: str) -> bool:
        return word in self.vocabulary or self.known(word)

    def _real(self, word: str) -> bool:
        """A word as typed: a vocabulary or known word, its British/American twin ("summarise"),
        or a known word with a regular ending or a prefix ("reword" is no typo of "record")."""
        if self._is_word(word) or self._is_word(word.replace("is", "iz")) or self._is_word(word.replace("iz", "is")):
            return True
        stems = (word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 3)
        if any(self._is_word(stem) or self._is_word(stem + "e") for stem in stems):
            return True
        # the base form of a known inflection ("summarise" of "summarising")
        base = word[:-1] if word.endswith("e") else word
        if any(self._is_word(base + e) for e in ("ing", "ed", "es")) or self._is_word(word + "s"):
            return True
        return any(
            word.startswith(p) and len(word) - len(p) >= MIN_PREFIXED and self._real(word[len(p) :])
            for p in _PREFIXES
        )

    def correct(self, text: str) -> str:
        return _WORD.sub(lambda m: self.fix(m.group(0)) or m.group(0), text)
