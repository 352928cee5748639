"""The term a definition question asks about, when it is not one of the listed concepts.

`handlers.ask.focus` knows the field's main concepts (LoRA, RAG, temperature...), but the
articles define many more terms than any list holds: data bias, prompt sprawl, context window
limits, soft prompts. "What is data bias in the context of fine-tuning?" names only the generic
concept fine-tuning, so without this the answer would define fine-tuning. The asked term is the
noun phrase after the definitional opener ("what is", "what do people mean by", "define"), up to
the first word that starts a qualifier ("in the context of", "when", "for", a comma); it becomes
the question's focus only where a sentence of the retrieved passages names it, so a term the
sources never use changes nothing.
"""

from __future__ import annotations

import re

from handlers.ask.focus import Concept, concepts_in

_OPENER = re.compile(
    r"^\s*(?:(?:so|ok|okay|hey|quick question|in plain (?:terms|english|words)|simply put|briefly)[,:]?\s+)*"
    r"(?:what do(?:es)? (?:people|you|they|folks|teams|the articles) mean by|what is meant by|what's meant by|"
    r"what(?: exactly| really| actually| precisely)?(?:'s| is| are|s)|define|definition of|meaning of|explain|"
    r"can you explain|could you explain)\s+",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:(?:an?|the|this|that|these|those|so-called)\s+)+", re.IGNORECASE)
#: Words that end the term: the start of a qualifier or of the rest of the question.
_STOP = frozenset(
    "in on for of when while with and or but if as to from by about within during vs versus exactly actually "
    "really mean means meant do does is are was were that which who".split()
)
#: Words that are not a term of their own.
_EMPTY = frozenset("it this that them thing things difference point idea best way ways".split())
_MAX_WORDS = 4


#: "what does X (actually) mean?"
_MEAN = re.compile(
    r"^\s*what does (?:the term |the word )?(.{1,60}?) (?:actually |really |even )?mean\b", re.IGNORECASE
)


def asked_term(question: str) -> str:
    """'what is data bias in the context of fine-tuning?' -> 'data bias'; '' when there is none."""
    m = _MEAN.match(question) or _OPENER.match(question)
    if not m:
        return ""
    rest = _DETERMINER.sub("", (m.group(1) if m.re is _MEAN else question[m.end():]).strip())
    words: list[str] = []
    for raw in re.findall(r"[\w'-]+|[^\w\s]", rest):
        word = raw.lower()
        if not re.match(r"[\w]", word) or word in _STOP or len(words) == _MAX_WORDS:
            break
        words.append(word)
    if not words or all(w in _EMPTY for w in words):
        return ""
    return " ".join(words)


def term_pattern(term: str) -> re.Pattern[str]:
    """The term with any hyphen/space between its words and a plural or singular last word."""
    words = [re.escape(w) for w in term.split()]
    last = re.sub(r"(?:es|s)$", "", words[-1]) if len(words[-1]) > 3 else words[-1]
    body = r"[- ]".join([*words[:-1], last + r"(?:s|es)?"]) if words else ""
    return re.compile(rf"\b{body}\b", re.IGNORECASE)


def asked_concept(question: str, sentences: list[str]) -> Concept | None:
    """The asked term as a focus concept, when no listed concept spells it and some sentence names
    it (else None: the listed concepts stay the focus)."""
    term = asked_term(question)
    if not term:
        return None
    named = [c for c in concepts_in(term) if not c.generic]
    if named:
        return None  # a listed concept ("what is LoRA"): its own spellings are better
    pattern = term_pattern(term)
    if not any(pattern.search(s) for s in sentences):
        return None
    return Concept(key=f"asked:{term}", label=term, pattern=pattern, generic=False, strong=True)
