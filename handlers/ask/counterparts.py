"""A comparison row given whole: one approach's half of it brings the other's (pure; no models).

Comparison sections state the approaches' positions on one attribute as two sentences of one
passage, each opening with its approach: "Prompt engineering has high flexibility, because each
prompt is easy to adjust." / "Fine-tuning has lower flexibility, because a fine-tuned model is fixed
once training is done."; "Prompt engineering has low to medium complexity ..." / "Fine-tuning has
high complexity ...". A picker that scores sentences one by one keeps the half that shares the
question's words (or the better-embedded one) and drops the other, so a comparison answer gives one
side of a two-sided row. So, in a comparison answer, a picked sentence that is one approach's half
of such a row brings its counterpart from the same passage, right after it.

The counterpart of a picked sentence is a sentence of its passage that
- opens with a different approach (its subject: the first approach named within `OPENING`
  characters of the sentence);
- shares at least one attribute term with it: a term that is neither a word of the approaches'
  names nor a generic verb of the field ("flexibility", "complexity", "retrain", "cost");
- is not itself already in the answer;
and both subjects are among the approaches the question compares (the two main ones, prompt
engineering and fine-tuning, when it names fewer than two): a PE-vs-FT question gets no PEFT
sentence, and "zero-shot vs few-shot" (no approaches) gets no row at all.
A picked sentence that already names a second approach ("Fine-tuning costs are front-loaded, while
prompt engineering costs continue ...") is a whole row and brings nothing. One counterpart per
picked sentence: the one sharing the most attribute terms, the nearest on a tie.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence

from handlers.ask.scored import Scored
from handlers.ask.text import terms

#: A sentence's subject is an approach named within this many characters of its opening
#: ("The scalability of fine-tuning ...", "In the comparison table, prompt engineering ...").
OPENING = 40

#: The approaches, the more specific first; each name as the articles write it.
APPROACHES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((key, re.compile(rx, re.IGNORECASE)) for key, rx in (
    ("full_fine_tuning", r"\bfull(y)?[- ]fine[- ]?tun\w*"),
    ("prompt_tuning", r"\bprompt[- ]tun\w*|\bsoft[- ]prompts?\b"),
    ("peft", r"\bpeft\b|\bparameter[- ]efficient\b|\blora\b|\badapters?\b"),
    ("rag", r"\brag\b|\bretrieval[- ]augmented\b"),
    ("fine_tuning", r"\bfine[- ]?tun\w*|\bfinetun\w*"),
    ("prompt_engineering", r"\bprompt engineering\b|\bprompting\b|\bprompts?\b(?![- ]tun)"),
))

#: Words that name the approaches, or that every sentence of the field uses: sharing them says
#: nothing of an attribute.
NOT_ATTRIBUTES = frozenset(terms(
    "fine-tuning fine-tuned fine-tune finetuning tuning tuned prompt prompts prompting engineering engineer "
    "model models llm llms ai language large pre-trained pretrained base peft lora adapter adapters rag "
    "retrieval augmented soft full parameter efficient "
    "need needs require requires use used using can may often typically usually also make makes "
    "approach approaches method methods task tasks case cases according table comparison analysis article"
))


#: The question's sides (`handlers.ask.focus` concept keys) as the approaches of this module.
SIDE_KEYS = {
    "full_ft": "full_fine_tuning", "prompt_tuning": "prompt_tuning", "peft": "peft", "lora": "peft",
    "adapters": "peft", "prefix_tuning": "peft", "rag": "rag", "rag_name": "rag", "fine_tuning": "fine_tuning",
    "prompt_engineering": "prompt_engineering",
}
#: When a question names no two sides, the row is the two main approaches'.
MAIN_SIDES = frozenset({"fine_tuning", "prompt_engineering"})


def approaches_of(side_keys: Sequence[str]) -> frozenset[str]:
    """The approaches among a question's compared sides (concept keys); the two main ones when
    fewer than two are approaches ("zero-shot vs few-shot" compares no approaches: no rows)."""
    found = frozenset(SIDE_KEYS[k] for k in side_keys if k in SIDE_KEYS)
    if len(side_keys) >= 2:
        return found if len(found) >= 2 else frozenset()
    return MAIN_SIDES


def subject(sentence: str) -> str | None:
    """The approach `sentence` opens with (named within its first `OPENING` characters), else None."""
    found = [(m.start(), key) for key, p in APPROACHES for m in [p.search(sentence)] if m and m.start() <= OPENING]
    if not found:
        return None
    first = min(start for start, _ in found)
    # on one spot, the more specific name wins ("prompt tuning" before "prompt")
    return next(key for start, key in found if start == first)


def _names_another(sentence: str, own: str) -> bool:
    """Does `sentence` name an approach besides its subject `own`? Bare "prompt(s)" does not count: a
    sentence about fine-tuning speaks of the prompt it no longer needs."""
    own_spans = [m.span() for key, p in APPROACHES if key == own for m in p.finditer(sentence)]
    for key, p in APPROACHES:
        if key == own:
            continue
        for m in p.finditer(sentence):
            if m.group(0).lower() in ("prompt", "prompts") or any(a <= m.start() < b for a, b in own_spans):
                continue
            return True
    return False


def attribute_terms(sentence: str) -> set[str]:
    return set(terms(sentence)) - NOT_ATTRIBUTES


def counterpart(
    picked: Scored, passage: Sequence[Scored], taken: set[tuple[int, int]], sides: Collection[str] = MAIN_SIDES
) -> Scored | None:
    """The other approach's half of `picked`'s row among `passage` (the sentences of its passage),
    or None; both halves' subjects must be among `sides` (the approaches the question compares)."""
    own = subject(picked.text)
    if own is None or own not in sides or _names_another(picked.text, own):
        return None
    mine = attribute_terms(picked.text)
    best: tuple[int, int, Scored] | None = None
    for s in passage:
        if (s.passage_rank, s.start) in taken or s.start == picked.start:
            continue
        theirs = subject(s.text)
        if theirs is None or theirs == own or theirs not in sides:
            continue
        shared = len(mine & attribute_terms(s.text))
        if not shared:
            continue
        key = (shared, -abs(s.start - picked.start), s)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def with_counterparts(
    chosen: Sequence[Scored], scored: Sequence[Scored], sides: Collection[str] = MAIN_SIDES
) -> list[Scored]:
    """`chosen`, each picked half of a comparison row followed by its counterpart (`scored`: every
    sentence of the passages; `sides`: the approaches compared, see `approaches_of`). The order of
    `chosen` is kept."""
    by_passage: dict[int, list[Scored]] = defaultdict(list)
    for s in scored:
        by_passage[s.passage_rank].append(s)
    taken = {(s.passage_rank, s.start) for s in chosen}
    out: list[Scored] = []
    for s in chosen:
        out.append(s)
        other = counterpart(s, by_passage.get(s.passage_rank, []), taken, sides)
        if other is not None:
            out.append(other)
            taken.add((other.passage_rank, other.start))
    return out
