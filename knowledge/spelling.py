"""Spelling correction against the index's own vocabulary: "retreival" -> "retrieval" (and chat
shorthand written out first, `knowledge.shorthand`: "PE" -> "prompt engineering", "w/o" -> "without").

People type fast: "promting", "requirments", "actualy", "seperate". BM25 matches terms, so a
misspelt word matches nothing, and the coverage judge reads a word that neither the indexed text
nor the encoder knows as another field's topic word. `Speller` maps such a word to the closest word
of the indexed text (curated passages, notes, documents, and the asks users phrase questions in).

- Only a word that could be a typo is corrected: at least MIN_LENGTH letters, not a word of the
  vocabulary (nor one whose terms the vocabulary knows: "finetuned", "optimise" are read by
  `knowledge.terms`), not a whole word to the encoder (`is_word`: a real English word that the
  articles merely never use - "guitar", "subscription" - is left as it is, not bent into one they
  do), nor such a word with an ending or a prefix ("knobs", "summarizer", "reword", "cofounders").
- Distance: optimal string alignment (insert, delete, substitute, swap two neighbours), at most 1
  for words shorter than LONG_WORD letters, 2 from LONG_WORD up. Ties go to the word the indexed
  text uses most.
- Lookup: a symmetric-delete index built as text is indexed. Each vocabulary word is stored under
  itself and each of its one-letter deletions; a question's word looks up itself and its one-letter
  deletions (two-letter ones for long words), and the few candidates are checked with the real
  distance. That finds every word at distance 1 and the distance-2 ones whose extra letters are the
  question's (or one extra letter and one substitution); a word missing two letters is not found
  (the index would need every two-letter deletion of every word, ~5x the memory).

The cost per question is a set lookup per word plus, for the rare unknown word, a few dozen dict
lookups and distance checks: ~40 us CPU per question on average, under 0.5 ms at worst (dev set, a
22,000-word vocabulary); the last texts corrected are remembered (ask, the retriever and the coverage
judge read the same question). Memory: ~1.6 MB for the curated corpus and its asks, ~20 MB for a
22,000-word vocabulary. Words are only added (a deleted note's words stay: the vocabulary may only
grow, which can do no more than leave a word uncorrected).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable

from knowledge.shorthand import written_out
from knowledge.terms import tokenize

MIN_LENGTH = 5
LONG_WORD = 8
#: Vocabulary words shorter than this are never offered as corrections ("the", "was", "ft").
MIN_TARGET = 4
#: A real word's inflections and derivations: "knobs", "copes", "summarizer" are no typos
#: when "knob", "cope", "summarize" are words; nor "reword", "cofounders", "overkill".
_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")
_PREFIXES = ("re", "co", "un", "over", "under", "pre")

_WORD = re.compile(r"[a-z]+")
#: The words `correct` looks at: MIN_LENGTH letters or more (shorter ones are never corrected).
_LETTERS = re.compile(rf"(?<![A-Za-z])[A-Za-z]{{{MIN_LENGTH},}}(?![A-Za-z])")
#: How many corrected texts a speller remembers (ask reads a question, then the retriever and the
#: coverage judge read it again).
_CACHE_SIZE = 1024


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus the swap of two neighbouring letters)."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def max_distance(word: str) -> int:
    """How far a word of this length may be corrected (0: never)."""
    if len(word) < MIN_LENGTH:
        return 0
    return 2 if len(word) >= LONG_WORD else 1


class Speller:
    """The vocabulary of the indexed text and its symmetric-delete index. Thread-safe."""

    def __init__(self, *, is_word: Callable[[str], bool] | None = None) -> None:
        """`is_word`: a whole word to the encoder (a real word, never corrected)."""
        self._is_word = is_word or (lambda _w: False)
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._terms: set[str] = set()  # the vocabulary's keyword terms (`knowledge.terms.tokenize`)
        # a deletion -> the word or words it comes from (a str for one: most keys; ~1/3 the memory of lists)
        self._index: dict[str, str | tuple[str, ...]] = {}
        self._cache: dict[str, str] = {}  # text -> corrected, for the vocabulary as it is now

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def add(self, texts: Iterable[str]) -> None:
        """Add the words of `texts` to the vocabulary."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(_WORD.findall(text.lower()))
        with self._lock:
            for word in counts:
                if word in self._counts:
                    continue
                self._terms.update(tokenize(word))
                if len(word) >= MIN_TARGET:
                    for key in (word, *_deletes(word)):
                        held = self._index.get(key)
                        if held is None:
                            self._index[key] = word
                        else:
                            self._index[key] = (held, word) if isinstance(held, str) else (*held, word)
            self._counts.update(counts)
            self._cache.clear()

    def _real(self, word: str) -> bool:
        """A word of the vocabulary or of the encoder, or one whose terms the vocabulary has."""
        return word in self._counts or self._is_word(word) or any(t in self._terms for t in tokenize(word))

    def needs_correction(self, word: str) -> bool:
        """A word that could be a typo (see the module docstring); `word` in lower case."""
        if max_distance(word) == 0 or self._real(word):
            return False
        bases = [word.removesuffix(s) for s in _SUFFIXES if word.endswith(s)]
        bases += [word.removeprefix(p) for p in _PREFIXES if word.startswith(p)]
        return not any(len(b) >= 3 and self._real(b) for b in bases)

    def correction(self, word: str) -> str | None:
        """The vocabulary word `word` (lower case) is most likely a typo of, or None."""
        if not self.needs_correction(word):
            return None
        limit = max_distance(word)
        keys = {word} | _deletes(word)
        if limit >= 2:
            keys |= {d for k in list(keys) for d in _deletes(k)}
        with self._lock:
            candidates: set[str] = set()
            for key in keys:
                held = self._index.get(key)
                if isinstance(held, str):
                    candidates.add(held)
                elif held is not None:
                    candidates.update(held)
            ranked = sorted(
                ((distance(word, c), -self._counts[c], c) for c in candidates if abs(len(c) - len(word)) <= limit),
            )
        return ranked[0][2] if ranked and ranked[0][0] <= limit else None

    def correct(self, text: str) -> str:
        """`text` with its chat shorthand written out (`knowledge.shorthand`: "PE", "w/o"; "FT" is
        left as typed) and each misspelt word replaced by its correction (everything else as it was)."""

        done = self._cache.get(text)
        if done is not None:
            return done

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            fixed = None if lower in self._counts else self.correction(lower)
            return fixed if fixed is not None else word

        done = _LETTERS.sub(fix, written_out(text))
        with self._lock:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = self._cache[done] = done
        return done
