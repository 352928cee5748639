"""Answer lists (pure): "Budget? small. ML people? none.", "- ml skills: none", "Q: volume? A:
8k/day", "budget meh", "ML team yes" -> (label, answer) pairs, the criterion each label asks about
and what a short answer means on that criterion's scale.

Sentences never say "no ML people" in such lists: the negation or the size comes after the
label, where the phrase rules do not look. A label is matched whole against each criterion's
field names (rubric `reading.fields`); a short answer is read on a generic scale (`answer_words`:
none / low / mid / high / yes, hedges such as "probably" or "kinda" ignored) that each criterion
maps to its own choices. A longer answer is left to the other passes, which also read the label
and its answer as one statement ("How often does the policy change? twice a year").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge.rubric.reading import LEVELS, Reading
from knowledge.rubric.types import AnswerValue

_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"(?<=[.!])\s+")
_BULLET = re.compile(r"^\s*(?:[-*•>·]+|\d{1,2}[.)]|q(?:uestion)?\s*\d*\s*[:.)])\s*")
_ANSWER_PREFIX = re.compile(r"^\s*(?:a(?:nswer)?\s*\d*\s*[:.)]|->|=>|=)\s*")
# "?" ends a question label; ":" (not in "10:30" or "https://"), " - " and "=" end a form label
_SEPARATOR = re.compile(r"\?+|(?<!\d):(?!\d|//)|\s[-\u2013\u2014]+>?\s|=")
_FILLER = re.compile(
    r"^(?:(?:your|our|the|any|how much|how many|what(?:'s| is| are)(?: the| your)?|current|total|"
    r"approx\.?|approximate|expected|available|rough|estimated)\s+)+"
)
_PUNCT = re.compile(r"[,.;:!?()~\"']+")
_ISH = re.compile(r"-ish\b|\b(small|low|tight|big|high|tiny|large|modest|decent)ish\b")  # "low-ish", "smallish"
# an answer that already has its verb ("is fine", "we have none") needs no copula
_VERB_FIRST = re.compile(r"^(?:is|are|was|were|will|would|has|have|had|we|they|it|i|we.re|it.s|they.re)\b")
_CLAUSE_END = re.compile(r"[,;(]\s|\s+(?:and|but|while|whereas)\s+")
# words that open a new statement, never continue a short answer ("budget small we have no GPUs")
_OPENER = re.compile(r"nobody|we|they|i|our|there|it's|we're|we've|they're|everyone|somebody|someone")
MAX_LABEL_WORDS = 8
MAX_BARE_LABEL_WORDS = 3


@dataclass(frozen=True)
class FieldAnswer:
    label: str
    answer: str
    start: int  # offset of the label in the text
    criterion: str | None  # the criterion the label asks about (None: no field name fits)
    separated: bool  # "Budget? small" (True) or "budget meh" (False)
    question: bool = False  # the label is a question ("How often does it change? weekly")

    @property
    def statement(self) -> str:
        """The label and its answer read as one clause."""
        return f"{self.label} {self.answer}"

    @property
    def copula(self) -> str | None:
        """A form field ("Budget: not an issue", "Requirements - frozen") as the sentence it
        abbreviates ("budget is not an issue", "requirements are frozen"), which is how the phrase
        rules and the option examples state it; None for a question label or a sentence answer."""
        if not self.separated or self.question or _VERB_FIRST.match(self.answer):
            return None
        label = _PUNCT.sub(" ", self.label).split()
        if not label:
            return None
        plural = label[-1].endswith("s") and not label[-1].endswith(("ss", "us", "is"))
        answer = _CLAUSE_END.split(self.answer, maxsplit=1)[0]  # the rest is read as it stands
        return f"{' '.join(label)} {'are' if plural else 'is'} {answer}"


class FieldReader:
    """Finds answer-list fields in normalised text and reads short answers (module docstring)."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self._names = [
            (crit_id, re.compile("(?:" + "|".join(f.names) + ")")) for crit_id, f in reading.fields.items()
        ]
        self._levels = [
            (level, re.compile("(?:" + "|".join(reading.answer_words[level]) + ")"))
            for level in LEVELS
            if reading.answer_words.get(level)
        ]
        hedges = "|".join(sorted(reading.hedges, key=len, reverse=True))
        self._hedges = re.compile(r"(?<![\w-])(?:" + hedges + r")(?![\w-])") if hedges else None

    def criterion_of(self, label: str) -> str | None:
        plain = _FILLER.sub("", " ".join(_PUNCT.sub(" ", label).split()))
        return next((crit_id for crit_id, names in self._names if names.fullmatch(plain)), None)

    def level(self, answer: str) -> str | None:
        """The answer's level on the generic scale when it says nothing else ("probably not
        much" -> low, "one guy, kinda" -> low, "nobody" -> none), else None."""
        plain = " ".join(_PUNCT.sub(" ", _ISH.sub(r"\1", answer)).split())  # "low-ish", "smallish": a hedge
        bare = " ".join(self._hedges.sub(" ", plain).split()) if self._hedges is not None else plain
        for text in dict.fromkeys((plain, bare)):  # "not really" is an answer before "really" goes
            found = next((level for level, words in self._levels if text and words.fullmatch(text)), None)
            if found is not None:
                return found
        return None

    def value(self, field: FieldAnswer) -> AnswerValue | None:
        """What a short answer means for the field's criterion (None: not a scale answer)."""
        if field.criterion is None:
            return None
        level = self.level(field.answer)
        return None if level is None else self.reading.fields[field.criterion].scale.get(level)

    def fields(self, text: str) -> list[FieldAnswer]:
        out: list[FieldAnswer] = []
        for start, segment in _segments(text):
            found = self._separated(start, segment)
            if found is not None:
                out.append(found)
                continue
            out.extend(self._bare(start, segment))
        return out

    def _separated(self, start: int, segment: str) -> FieldAnswer | None:
        bullet = _BULLET.match(segment)
        body_start = bullet.end() if bullet else 0
        sep = _SEPARATOR.search(segment, body_start)
        if sep is None:
            return None
        label = segment[body_start : sep.start()].strip()
        answer = _ANSWER_PREFIX.sub("", segment[sep.end() :]).strip()
        if not answer or not label or len(label.split()) > MAX_LABEL_WORDS:
            return None
        question = sep.group(0).startswith("?")
        return FieldAnswer(label, answer, start + body_start, self.criterion_of(label), True, question)

    def _bare(self, start: int, segment: str) -> Iterator[FieldAnswer]:
        """ "budget meh", "ML team yes": a short part that is a field name and a scale answer."""
        pos = 0
        for part in re.split(r"([,;])", segment):
            words = part.split()
            for k in range(1, min(MAX_BARE_LABEL_WORDS, len(words) - 1) + 1):
                label, answer = " ".join(words[:k]), _unended(words[k:])
                crit_id = self.criterion_of(label)
                if crit_id is not None and self.reading.fields[crit_id].scale and self.level(answer):
                    yield FieldAnswer(label, answer, start + pos, crit_id, False)
                    break
            pos += len(part)


def _unended(words: list[str]) -> str:
    """The answer of a bare field whose sentence was not ended: "budget small nobody here knows
    ML" answers "small" (a new statement opens with a subject), else all the words."""
    for i, w in enumerate(words[1:4], start=1):
        if _OPENER.fullmatch(w):
            return " ".join(words[:i])
    return " ".join(words)


def _segments(text: str) -> Iterator[tuple[int, str]]:
    """Lines, and sentences within a line (a "?" stays inside: it separates a label)."""
    for line in _LINE.finditer(text):
        pos = 0
        for m in _SENTENCE_END.finditer(line.group(0)):
            yield line.start() + pos, line.group(0)[pos : m.start()]
            pos = m.end()
        if pos < len(line.group(0)):
            yield line.start() + pos, line.group(0)[pos:]


# one-word labels that introduce a remark, not a thing the answer describes ("Update: ...")
_REMARK = re.compile(
    r"(?:now|today|currently|update|note|ps|fyi|edit|also|context|btw|tldr|tl;dr|summary|background|why|so)"
)


def noun_label(label: str) -> bool:
    """A one-word label that names a thing ("Team: 2 full-stack devs" is "team is 2 ...")."""
    words = label.split()
    return len(words) == 1 and words[0].isalpha() and not _REMARK.fullmatch(words[0])
