"""Sentence splitting and lexical scoring used by the composers (pure, no models)."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable

_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9*])")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|Dr|Mr|Ms|No|Fig)\.)$", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:[.%x][0-9a-z]+)*%?")

STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into over under about as is are was
    were be been being do does did doing have has had having it its this that these those there here what
    which who whom whose when where why how can could should would will shall may might must i we you they
    he she our your their my me us them his her so than too very just also more most less least such only
    own same other any each few some no nor not all both up down out off again further once s t don doesn
    use using used get getting make making vs versus between tell explain give please thanks thank want need
    much many lot lots really good best better way ways""".split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences and bullet items in `text`; spans index the original text."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n]+", text):
        line_start, line = block.start(), block.group()
        stripped = line.lstrip(" -*•\t")
        offset = line_start + (len(line) - len(stripped))
        start = 0
        for m in _SENT_END.finditer(stripped):
            spans.append((offset + start, offset + m.start() + len(m.group().rstrip())))
            start = m.end()
        if stripped[start:].strip():
            spans.append((offset + start, offset + len(stripped.rstrip())))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and (_ABBREV.search(text[merged[-1][0] : merged[-1][1]]) or _wrapped(text, merged[-1], s)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out = []
    for s, e in merged:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        s, e = s + lead, e - trail
        if e - s >= 12:
            out.append((s, e))
    return out


def sentences_of(text: str) -> list[str]:
    """The sentences of `text` as the composers embed them (`split_sentences`' spans)."""
    return [text[s:e] for s, e in split_sentences(text)]


def _wrapped(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether the span at `start` continues the previous one across a line break: a paragraph
    wrapped mid-sentence (no end punctuation before the break, one newline, no bullet, no heading)."""
    before = text[previous[0] : previous[1]].rstrip()
    gap = text[previous[1] : start]
    line_start = text.rfind("\n", 0, previous[0]) + 1
    heading = text[line_start : previous[0]].lstrip().startswith("#") or before.lstrip().startswith("#")
    return (
        bool(before) and before[-1] not in ".!?:;" and gap.count("\n") == 1 and not gap.strip() and not heading
    )


@functools.lru_cache(maxsize=1 << 15)
def stem(token: str) -> str:
    for suffix, keep in (("ing", 4), ("ies", 3), ("es", 4), ("s", 3), ("ed", 4)):
        if token.endswith(suffix) and len(token) - len(suffix) >= keep:
            return token[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return token


def terms(text: str) -> list[str]:
    """The text's stemmed words, stopwords left out (a fresh list: callers may change it)."""
    return list(_terms(text))


@functools.lru_cache(maxsize=1 << 14)
def _terms(text: str) -> tuple[str, ...]:
    """Cached: every question that retrieves a passage tokenizes its sentences again."""
    text = text.lower().replace("fine-tun", "finetun").replace("fine tun", "finetun")
    return tuple(stem(t) for t in _TOKEN.findall(text) if t not in STOPWORDS)


def idf_table(docs: Iterable[list[str]]) -> dict[str, float]:
    docs = list(docs)
    n = len(docs) or 1
    df: dict[str, int] = {}
    for d in docs:
        for t in set(d):
            df[t] = df.get(t, 0) + 1
    return {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
