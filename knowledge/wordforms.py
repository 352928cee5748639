"""Is a word the coverage judge does not know built of words it does? Everyday English, not a topic.

The coverage judge (`knowledge.coverage`) reads a word that neither the indexed text nor the
encoder's vocabulary knows as another field's topic word (XGBoost, Kubernetes, Postgres, Kafka).
The encoder's vocabulary is ~30,000 WordPiece tokens, so it also lacks plenty of everyday English
that users type about a bot ("memorize", "repeatable", "legalese", "helpdesk", "playbook",
"brainstorming", "copilot", "spotty", "dont"). Those words are built of words it has; another
field's names are not. `built_of_known` says so for a word, given `known` (a whole word to the
encoder or a term of the index):

- an English suffix on a known word, its stem restored ("memorize" <- memory, "spotty" <- spot,
  "repeatable", "legalese", "brainstorming" <- a compound), one level deep;
- a common prefix on a known word ("copilot", "retune", "unhelpful", "multistep");
- a compound of two known words of at least COMPOUND_PART letters each ("helpdesk", "playbook");
  a short part ("xg" + boost, "run" + way) does not count;
- a negative contraction typed without its apostrophe ("dont", "doesnt", "isnt");
- with `clipped` (known words by their first letters), a 4-letter clipping of a known word at least
  3 letters longer ("prod" <- production, "chem" <- chemistry).

No list of words: only English word-building, so it carries to wordings nobody has typed yet.
A foreign name that happens to split into two English words ("autovacuum") is no longer foreign by
itself; the judge's other signals (similarity, the field's words) still apply.
"""

from __future__ import annotations

from collections.abc import Callable

#: English suffixes, inflectional and derivational (longest first, so "ation" is tried before "s").
SUFFIXES = (
    "ations", "ation", "ness", "ment", "able", "ible", "less", "ings", "ized", "ised", "izes", "ises",
    "ize", "ise", "ese", "ity", "ful", "est", "ers", "ing", "ist", "ism", "ed", "er", "ly", "es", "s", "y",
)
PREFIXES = ("over", "under", "multi", "inter", "super", "semi", "self", "non", "pre", "out", "sub", "un",
            "re", "co")
COMPOUND_PART = 4
MIN_STEM = 3
CLIPPING = 4
_VOWELS = set("aeiou")


def _stems(word: str) -> list[tuple[str, list[str]]]:
    """`word` without one English suffix: the bare stem, and its spellings restored ("memoriz|e" ->
    memory, "spott|y" -> spot, "stor|ing" -> store)."""
    stems: list[tuple[str, list[str]]] = []
    for suffix in SUFFIXES:
        base = word.removesuffix(suffix)
        if base == word or len(base) < MIN_STEM:
            continue
        restored: list[str] = []
        if suffix[0] in _VOWELS or suffix == "y":
            restored.append(base + "e")  # "stor|ing", "us|able"
        if suffix.startswith(("iz", "is")) and not base.endswith("i"):
            restored.append(base + "y")  # "memor|ize" <- memory
        if base.endswith("i"):
            restored.append(base[:-1] + "y")  # "easi|ly", "tidi|ness"
        if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in _VOWELS:
            restored.append(base[:-1])  # "spott|y", "gett|ing": a doubled consonant
        stems.append((base, restored))
    return stems


def _compound(word: str, known: Callable[[str], bool]) -> bool:
    return any(
        known(word[:i]) and known(word[i:]) for i in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1)
    )


def _plain(word: str, known: Callable[[str], bool]) -> bool:
    """Known, a compound of known words, or a known word behind a common prefix."""
    if known(word) or _compound(word, known):
        return True
    return any(
        word.startswith(p) and len(word) - len(p) >= COMPOUND_PART and known(word[len(p):].lstrip("-"))
        for p in PREFIXES
    )


def built_of_known(word: str, known: Callable[[str], bool], clipped: Callable[[str], bool] | None = None) -> bool:
    """Whether `word` (lowercase) is everyday English built of `known` words (see the module)."""
    if _plain(word, known):
        return True
    # a restored spelling must be a known word itself: "postgr|es" is not "post" + "grey"
    if any(_plain(base, known) or any(map(known, restored)) for base, restored in _stems(word)):
        return True
    if word.endswith("nt") and len(word) >= 4 and known(word[:-2]):
        return True  # "dont", "isnt", "doesnt"
    return clipped is not None and len(word) == CLIPPING and clipped(word)
