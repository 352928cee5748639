"""Search terms: how text becomes the terms that keyword search indexes and matches.

Owns the tokenizer, the stopword list, the deliberately light English stemmer and the vocabulary
normalisation (`knowledge.term_forms`: one term per concept for its abbreviations and spellings).
Kept apart from the index so that every keyword backend (`knowledge.keyword`,
`knowledge.keyword_pg`), the asks arm and the coverage check share one definition of a term, and
can import it without numpy's index code. Indexed text and questions go through the same
`tokenize`, so "FT", "finetune", "fine tuning" and "fine-tuned" meet on one term on both sides.
"""

from __future__ import annotations

import functools
import re

from knowledge.term_forms import TermForms
from knowledge.types import Chunk

_STOPWORD_TEXT = """
    a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
    down during each few for from further had hadn't has hasn't have haven't having he her here hers
    herself him himself his how i if in into is isn't it it's its itself just let's me more most
    mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
    same shan't she should shouldn't so some such than that that's the their theirs them themselves
    then there there's these they this those through to too under until up very was wasn't we were
    weren't what what's when where which while who whom why will with won't would wouldn't you your
    yours yourself yourselves also vs via etc s t d ll m re ve
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TOKEN = re.compile(r"[a-z0-9]+'[a-z]+|[a-z0-9]+(?:[.,][0-9]+)*%?")
_KEEP_DOUBLE = frozenset("lsz")
_NO_STEM = frozenset(
    {
        "bias",
        "alias",
        "canvas",
        "atlas",
        "news",
        "series",
        "species",
        "lens",
        "always",
        "perhaps",
        "whereas",
        "bus",
        "thus",
        "various",
        "previous",
        "during",
        "thing",
        "string",
        "being",
        "nothing",
        "something",
        "everything",
        "anything",
    }
)


@functools.lru_cache(maxsize=262_144)
def stem(token: str) -> str:
    """A deliberately light English stemmer: plurals, -ing, -ed, final -e. Numbers stay as they are."""
    if any(ch.isdigit() for ch in token) or len(token) <= 3 or token in _NO_STEM:
        return token
    word = token
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "sis", "ous")):
        word = word[:-1]
    for suffix, min_len in (("ing", 6), ("ed", 5)):
        if word.endswith(suffix) and len(word) >= min_len:
            word = word[: -len(suffix)]
            if len(word) > 2 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE and word[-1].isalpha():
                word = word[:-1]
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """Lower-case terms without stopwords, lightly stemmed; keeps '1000x', '95%', '0.5'."""
    out = []
    for token in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        token = token.rstrip(".,")
        if token and token not in STOPWORDS:
            token = token[:-2] if token.endswith("'s") else token.replace("'", "")
            out.append(stem(token))
    return out


def tokenize(text: str) -> list[str]:
    """`stems`, with each concept's one term added where an abbreviation, a run-together or
    British spelling or the spelled-out phrase names it (`knowledge.term_forms.normalise`)."""
    return _FORMS.normalise(stems(text))


_FORMS = TermForms(stems)


def keyword_text(chunk: Chunk) -> str:
    return f"{chunk.heading}\n{chunk.title}\n{chunk.text}"
